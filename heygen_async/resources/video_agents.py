"""``client.video_agents``:
Video agent sessions (v3): a video from a prompt, and the conversation that makes it.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncVideoAgents(AsyncResource):
    """``client.video_agents`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncVideoAgentsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncVideoAgentsWithRawResponse(self)


class AsyncVideoAgentsWithRawResponse(AsyncRawResource[AsyncVideoAgents]):
    """``client.video_agents.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class VideoAgents(SyncResource[AsyncVideoAgents]):
    """``client.video_agents`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> VideoAgentsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return VideoAgentsWithRawResponse(self)


class VideoAgentsWithRawResponse(SyncRawResource[AsyncVideoAgents]):
    """``client.video_agents.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = [
    "AsyncVideoAgents",
    "AsyncVideoAgentsWithRawResponse",
    "VideoAgents",
    "VideoAgentsWithRawResponse",
]
