"""``client.ai_clips``: AI clipping (v3): short clips cut from a long video.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncAIClips(AsyncResource):
    """``client.ai_clips`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncAIClipsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncAIClipsWithRawResponse(self)


class AsyncAIClipsWithRawResponse(AsyncRawResource[AsyncAIClips]):
    """``client.ai_clips.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class AIClips(SyncResource[AsyncAIClips]):
    """``client.ai_clips`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AIClipsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AIClipsWithRawResponse(self)


class AIClipsWithRawResponse(SyncRawResource[AsyncAIClips]):
    """``client.ai_clips.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AIClips", "AIClipsWithRawResponse", "AsyncAIClips", "AsyncAIClipsWithRawResponse"]
