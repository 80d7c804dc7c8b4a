"""``client.audio``: Audio (v3): the sound library.

::

    async for sound in client.audio.list_sounds(query="upbeat lofi hip-hop"):
        print(sound.name, sound.score, sound.audio_url)

HeyGen searches its catalogue by meaning: describe the music (``type="music"``, the
default) or the sound effect (``type="sound_effects"``) you want.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, paging
from ..models._base import ResponseModel
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView


class Sound(ResponseModel):
    """A track of HeyGen's audio catalogue, as a search finds it."""

    id: str
    """The track's id."""
    name: str | None = None
    """Its name."""
    description: str | None = None
    """What it sounds like (what the search matched)."""
    type: Literal["music", "sound_effects"] | str | None = None
    """``music`` or ``sound_effects``."""
    audio_url: str | None = None
    """A temporary download link (it expires: do not keep it)."""
    score: float | None = None
    """How well it matches the query, 0 to 1 (higher is closer)."""
    duration: float | None = None
    """Length in seconds, when known."""
    placement: str | None = None
    """For a sound effect: ``hit``, ``riser`` or ``bed``; None otherwise."""
    peak_offset: float | None = None
    """For a sound effect: seconds from its start to its loudest point."""


class AsyncAudio(AsyncResource):
    """``client.audio`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/audio/sounds", paged=True)
    def list_sounds(
        self,
        *,
        query: str | None = None,
        type: Literal["music", "sound_effects"] | None = None,
        min_score: Annotated[float, Field(ge=0, le=1)] | None = None,
        limit: Annotated[int, Field(ge=1)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Sound]:
        """Search HeyGen's music (``type="music"``, the default) or sound effects
        (``type="sound_effects"``) by a description (``query``), best matches first;
        ``min_score`` (0-1) drops weaker ones. Await it for one page, iterate it for
        every match::

            page = await client.audio.list_sounds(query="whoosh", type="sound_effects")
            print([sound.name for sound in page.data])
        """
        ...

    with_raw_response: RawView[AsyncAudioWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncAudioWithRawResponse(AsyncRawResource[AsyncAudio]):
    """``client.audio.with_raw_response`` of an ``AsyncHeyGenClient`` (listings have
    no raw form: they are many answers)."""

    __slots__ = ()


class Audio(SyncResource[AsyncAudio]):
    """``client.audio`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    list_sounds = paging(AsyncAudio.list_sounds)

    with_raw_response: RawView[AudioWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AudioWithRawResponse(SyncRawResource[AsyncAudio]):
    """``client.audio.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncAudio", "AsyncAudioWithRawResponse", "Audio", "AudioWithRawResponse", "Sound"]
