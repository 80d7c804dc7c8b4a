"""``client.videos``: Videos (v3): create, get, list, delete, bulk statuses and batches.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncVideos(AsyncResource):
    """``client.videos`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncVideosWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncVideosWithRawResponse(self)


class AsyncVideosWithRawResponse(AsyncRawResource[AsyncVideos]):
    """``client.videos.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Videos(SyncResource[AsyncVideos]):
    """``client.videos`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> VideosWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return VideosWithRawResponse(self)


class VideosWithRawResponse(SyncRawResource[AsyncVideos]):
    """``client.videos.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncVideos", "AsyncVideosWithRawResponse", "Videos", "VideosWithRawResponse"]
