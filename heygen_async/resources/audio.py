"""``client.audio``: Audio (v3): the sound library.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncAudio(AsyncResource):
    """``client.audio`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncAudioWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncAudioWithRawResponse(self)


class AsyncAudioWithRawResponse(AsyncRawResource[AsyncAudio]):
    """``client.audio.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Audio(SyncResource[AsyncAudio]):
    """``client.audio`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AudioWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AudioWithRawResponse(self)


class AudioWithRawResponse(SyncRawResource[AsyncAudio]):
    """``client.audio.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncAudio", "AsyncAudioWithRawResponse", "Audio", "AudioWithRawResponse"]
