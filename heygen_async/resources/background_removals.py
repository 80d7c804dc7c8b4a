"""``client.background_removals``:
Background removals (v3): a video's background made transparent or replaced.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncBackgroundRemovals(AsyncResource):
    """``client.background_removals`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncBackgroundRemovalsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncBackgroundRemovalsWithRawResponse(self)


class AsyncBackgroundRemovalsWithRawResponse(AsyncRawResource[AsyncBackgroundRemovals]):
    """``client.background_removals.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class BackgroundRemovals(SyncResource[AsyncBackgroundRemovals]):
    """``client.background_removals`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> BackgroundRemovalsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return BackgroundRemovalsWithRawResponse(self)


class BackgroundRemovalsWithRawResponse(SyncRawResource[AsyncBackgroundRemovals]):
    """``client.background_removals.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = [
    "AsyncBackgroundRemovals",
    "AsyncBackgroundRemovalsWithRawResponse",
    "BackgroundRemovals",
    "BackgroundRemovalsWithRawResponse",
]
