"""``client.avatars``: Avatars (v3): avatar groups and their looks.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncAvatars(AsyncResource):
    """``client.avatars`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncAvatarsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncAvatarsWithRawResponse(self)


class AsyncAvatarsWithRawResponse(AsyncRawResource[AsyncAvatars]):
    """``client.avatars.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Avatars(SyncResource[AsyncAvatars]):
    """``client.avatars`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AvatarsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AvatarsWithRawResponse(self)


class AvatarsWithRawResponse(SyncRawResource[AsyncAvatars]):
    """``client.avatars.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncAvatars", "AsyncAvatarsWithRawResponse", "Avatars", "AvatarsWithRawResponse"]
