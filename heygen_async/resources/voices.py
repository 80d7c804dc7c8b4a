"""``client.voices``: HeyGen's text-to-speech voices (v3).

::

    voice = await client.voices.get("f38a635bee7a4d1f9b0a654a31d050d2")
    print(voice.name, voice.language, voice.status)

``client.list_voices()`` stays the shortcut that lists every voice.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw, paging
from ..models._base import ResponseModel
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, raw_method


class VoiceDetails(ResponseModel):
    """One voice as ``GET /v3/voices/{voice_id}`` describes it, with the state of a
    clone still being made."""

    voice_id: str
    """The id to pass as ``voice_id`` when generating a video or speech."""
    name: str | None = None
    """Display name (absent while a clone has no voice record yet)."""
    language: str | None = None
    """Primary language, e.g. ``English``."""
    gender: str | None = None
    """``male``, ``female`` or another value HeyGen uses."""
    preview_audio_url: str | None = None
    """A short sample of the voice (completed voices only)."""
    support_pause: bool | None = None
    """True when the script may contain SSML pauses (``<break time="1s"/>``)."""
    support_interactive_avatar: bool | None = None
    """True when interactive avatars can stream with it."""
    status: Literal["processing", "complete", "failed"] | str | None = None
    """A cloned voice's state; ``None`` for HeyGen's own voices."""
    failure_message: str | None = None
    """Why a clone failed (only when ``status`` is ``failed``)."""
    created_at: int | None = None
    """Creation time, Unix seconds."""


class ListedVoice(ResponseModel):
    """One voice of ``client.voices.list()``."""

    voice_id: str
    """The id to pass as ``voice_id`` when generating a video or speech."""
    name: str | None = None
    """Display name."""
    language: str | None = None
    """Primary language, e.g. ``English``."""
    gender: str | None = None
    """``male``, ``female`` or another value HeyGen uses."""
    type: Literal["public", "private"] | str | None = None
    """``public`` (HeyGen's) or ``private`` (your clones)."""
    preview_audio_url: str | None = None
    """A short sample of the voice."""
    support_pause: bool | None = None
    """True when the script may contain SSML pauses (``<break time="1s"/>``)."""
    support_locale: bool | None = None
    """True when the voice speaks locale variants (``locale`` on a scene's voice)."""


class AsyncVoices(AsyncResource):
    """``client.voices`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/voices", paged=True)
    def list(
        self,
        *,
        type: Literal["public", "private"] | None = None,
        engine: str | None = None,
        language: str | None = None,
        gender: str | None = None,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ListedVoice]:
        """The voices your account can use, a page at a time (``limit`` 1-100 a page,
        HeyGen's default 20): ``public`` ones by default, ``type="private"`` for your
        clones; filter by ``language`` (e.g. ``English``), ``gender`` or ``engine``
        (``starfish`` for the voices ``voices.speech`` can use). Await it for one
        page, or iterate it for every voice::

            page = await client.voices.list(language="English")
            async for voice in client.voices.list(type="private"):
                print(voice.voice_id, voice.name)
        """
        ...

    @endpoint("GET", "/v3/voices/{voice_id}")
    async def get(self, voice_id: str, **options: Unpack[RequestOptions]) -> VoiceDetails:
        """One voice by its id, including a clone's progress (poll it until
        ``status`` is ``complete``). An unknown id raises ``NotFoundError``.

        ::

            voice = await client.voices.get(voice_id)
            print(voice.name, voice.status)
        """
        ...

    @property
    def with_raw_response(self) -> AsyncVoicesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncVoicesWithRawResponse(self)


class AsyncVoicesWithRawResponse(AsyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    get = raw_method(AsyncVoices.get)


class Voices(SyncResource[AsyncVoices]):
    """``client.voices`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    get = blocking(AsyncVoices.get)
    list = paging(AsyncVoices.list)

    @property
    def with_raw_response(self) -> VoicesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return VoicesWithRawResponse(self)


class VoicesWithRawResponse(SyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    get = blocking_raw(AsyncVoicesWithRawResponse.get)


__all__ = ["AsyncVoices", "AsyncVoicesWithRawResponse", "ListedVoice", "VoiceDetails", "Voices"]
