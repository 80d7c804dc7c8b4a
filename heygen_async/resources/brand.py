"""``client.brand``: Your brand kits and glossaries (v3).

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncBrand(AsyncResource):
    """``client.brand`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncBrandWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncBrandWithRawResponse(self)


class AsyncBrandWithRawResponse(AsyncRawResource[AsyncBrand]):
    """``client.brand.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Brand(SyncResource[AsyncBrand]):
    """``client.brand`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> BrandWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return BrandWithRawResponse(self)


class BrandWithRawResponse(SyncRawResource[AsyncBrand]):
    """``client.brand.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncBrand", "AsyncBrandWithRawResponse", "Brand", "BrandWithRawResponse"]
