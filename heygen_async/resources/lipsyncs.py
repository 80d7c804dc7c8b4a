"""``client.lipsyncs``: Lipsyncs (v3): put new audio on a video's speaker.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncLipsyncs(AsyncResource):
    """``client.lipsyncs`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncLipsyncsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncLipsyncsWithRawResponse(self)


class AsyncLipsyncsWithRawResponse(AsyncRawResource[AsyncLipsyncs]):
    """``client.lipsyncs.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Lipsyncs(SyncResource[AsyncLipsyncs]):
    """``client.lipsyncs`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> LipsyncsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return LipsyncsWithRawResponse(self)


class LipsyncsWithRawResponse(SyncRawResource[AsyncLipsyncs]):
    """``client.lipsyncs.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncLipsyncs", "AsyncLipsyncsWithRawResponse", "Lipsyncs", "LipsyncsWithRawResponse"]
