"""``client.assets``: Assets (v3): the files your videos use (uploads, listings, statuses).

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncAssets(AsyncResource):
    """``client.assets`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncAssetsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncAssetsWithRawResponse(self)


class AsyncAssetsWithRawResponse(AsyncRawResource[AsyncAssets]):
    """``client.assets.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Assets(SyncResource[AsyncAssets]):
    """``client.assets`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AssetsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AssetsWithRawResponse(self)


class AssetsWithRawResponse(SyncRawResource[AsyncAssets]):
    """``client.assets.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["Assets", "AssetsWithRawResponse", "AsyncAssets", "AsyncAssetsWithRawResponse"]
