"""``client.voices``: HeyGen's text-to-speech voices (v3).

``client.list_voices()`` stays the shortcut that lists every voice.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncVoices(AsyncResource):
    """``client.voices`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncVoicesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncVoicesWithRawResponse(self)


class AsyncVoicesWithRawResponse(AsyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Voices(SyncResource[AsyncVoices]):
    """``client.voices`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> VoicesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return VoicesWithRawResponse(self)


class VoicesWithRawResponse(SyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncVoices", "AsyncVoicesWithRawResponse", "Voices"]
