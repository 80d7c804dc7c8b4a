"""``client.voices``: HeyGen's voices (v3): the catalogue, your clones, voices
designed from a description, and text-to-speech.

::

    voice = await client.voices.get("f38a635bee7a4d1f9b0a654a31d050d2")
    print(voice.name, voice.language, voice.status)
    speech = await client.voices.speech("Hello there!", voice.voice_id, language="en")
    print(speech.audio_url, speech.duration)

``client.list_voices()`` stays the shortcut that lists every voice.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw, paging
from ..models._base import ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method


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


class DesignedVoices(ResponseModel):
    """The answer of ``client.voices.design()``: up to 3 voices matching a description."""

    voices: list[ListedVoice] = Field(default_factory=list)
    """The matching voices, best match first (empty when nothing matched)."""
    seed: int | None = None
    """The batch these came from; ask again with ``seed + 1`` for other voices."""


class VoiceClone(ResponseModel):
    """The answer of ``client.voices.clone()``: the clone being made."""

    voice_clone_id: str
    """The new voice's id: poll ``client.voices.get(voice_clone_id)`` until its
    ``status`` is ``complete``, then use it as any ``voice_id``."""


class WordTimestamp(ResponseModel):
    """When one word is spoken in generated speech."""

    word: str | None = None
    """The word as spoken."""
    start: float | None = None
    """Where the word starts, in seconds from the start of the audio."""
    end: float | None = None
    """Where the word ends, in seconds from the start of the audio."""


class Speech(ResponseModel):
    """The answer of ``client.voices.speech()``: the generated audio."""

    audio_url: str | None = None
    """Where to download the audio (a temporary URL: save the file soon)."""
    duration: float | None = None
    """Length of the audio, in seconds."""
    generation_id: str | None = Field(default=None, alias="request_id")
    """HeyGen's id of this generation (``data.request_id`` in the answer; the
    answer's ``X-Request-Id`` header is ``request_id``, as on every model)."""
    word_timestamps: list[WordTimestamp] | None = None
    """When each word is spoken, or ``None`` when HeyGen gave no timings."""


class VoiceDeleted(ResponseModel):
    """The answer of ``client.voices.delete()``."""

    voice_id: str
    """The id of the voice that was deleted."""


_BARE_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")


def _bare_language_code(value: str) -> str:
    if not _BARE_LANGUAGE.fullmatch(value):
        raise ValueError(
            "must be a bare language code such as 'en' or 'pt'; "
            "put a regional variant such as 'en-US' in locale"
        )
    return value


LanguageCode = Annotated[str, AfterValidator(_bare_language_code)]
"""A bare language code (``en``, ``pt``, ``zh``), as HeyGen's speech and clone take it."""


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

    @endpoint("DELETE", "/v3/voices/{voice_id}")
    async def delete(self, voice_id: str, **options: Unpack[RequestOptions]) -> VoiceDeleted:
        """Delete one of your cloned voices (not one in use by a template). It leaves
        your voice list and stops counting against your clone limit.

        Deleting a voice that is already gone raises ``NotFoundError`` (code
        ``voice_not_found``): when you only want it gone, treat that as done::

            try:
                await client.voices.delete(voice_id)
            except NotFoundError:
                pass
        """
        ...

    @endpoint("POST", "/v3/voices", billed=True)
    async def design(
        self,
        prompt: Annotated[str, Field(min_length=1)],
        *,
        gender: Literal["male", "female"] | None = None,
        locale: str | None = None,
        seed: Annotated[int, Field(ge=0)] | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> DesignedVoices:
        """Up to 3 voices matching a description of how it should sound, best first,
        optionally only ``male`` or ``female`` ones and of one ``locale`` (a BCP-47
        tag such as ``en-US``). The same prompt and ``seed`` always give the same
        voices; ``seed=1``, ``2``... give the next batches (HeyGen's default 0)::

            found = await client.voices.design("warm, confident female narrator")
            voice_id = found.voices[0].voice_id
        """
        ...

    @endpoint("POST", "/v3/voices/clone", billed=True)
    async def clone(
        self,
        audio: AssetInput,
        voice_name: Annotated[str, Field(min_length=1)],
        *,
        language: LanguageCode | None = None,
        remove_background_noise: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VoiceClone:
        """Make a voice of your own from a recording (billed). ``audio`` is an asset
        id, an http(s) URL, a local file or its bytes (uploaded first).
        ``language`` is a hint, a bare code such as ``en`` (detected when omitted);
        HeyGen removes background noise first unless
        ``remove_background_noise=False``. The clone takes a while: poll
        ``get(voice_clone_id)`` until its ``status`` is ``complete``::

            clone = await client.voices.clone("me.mp3", "My voice")
            voice = await client.voices.get(clone.voice_clone_id)
        """
        ...

    @endpoint("POST", "/v3/voices/speech", billed=True)
    async def speech(
        self,
        text: Annotated[str, Field(min_length=1, max_length=5000)],
        voice_id: Annotated[str, Field(min_length=1)],
        *,
        input_type: Literal["text", "ssml"] | None = None,
        language: LanguageCode | None = None,
        locale: str | None = None,
        speed: Annotated[float, Field(ge=0.5, le=2.0)] | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Speech:
        """Speak ``text`` (1-5000 characters; SSML with ``input_type="ssml"``) in the
        voice ``voice_id`` (billed), at ``speed`` 0.5-2.0 (HeyGen's default 1).
        The answer has the audio's URL, its duration and, when HeyGen gives them,
        each word's timing::

            speech = await client.voices.speech("Hello!", voice_id, language="en")
            print(speech.audio_url, speech.duration)

        Languages and voices. HeyGen's speech takes a *bare* language code
        (``en``, ``pt``, ``zh``; 39 of them since HeyGen's CLI 0.12, November
        2026), detected from the text when omitted; a regional variant goes in
        ``locale`` (a BCP-47 tag such as ``en-US``), from which HeyGen infers the
        language. So ``language`` refuses anything but a 2-3 letter code
        (``"en-US"`` or ``"English"`` raise ``InvalidRequestError`` naming
        ``language`` before anything is sent), and the code itself is not checked
        against a list, which HeyGen has changed since and may change again.
        The voice must be one HeyGen's speech engine (Starfish) can speak: list
        them with ``client.voices.list(engine="starfish")``; your own clones
        work too. ``voice_id`` is not checked beforehand (that would cost a
        request): HeyGen refuses a voice it cannot speak with. (HeyGen's CLI has
        since moved speech to its ``model audio tts`` commands and added a model
        option; their wire shape is unpublished, so this stays the spec's
        ``POST /v3/voices/speech``.)
        """
        ...

    with_raw_response: RawView[AsyncVoicesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncVoicesWithRawResponse(AsyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    clone = raw_method(AsyncVoices.clone)
    delete = raw_method(AsyncVoices.delete)
    design = raw_method(AsyncVoices.design)
    get = raw_method(AsyncVoices.get)
    speech = raw_method(AsyncVoices.speech)


class Voices(SyncResource[AsyncVoices]):
    """``client.voices`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    clone = blocking(AsyncVoices.clone)
    delete = blocking(AsyncVoices.delete)
    design = blocking(AsyncVoices.design)
    get = blocking(AsyncVoices.get)
    list = paging(AsyncVoices.list)
    speech = blocking(AsyncVoices.speech)

    with_raw_response: RawView[VoicesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VoicesWithRawResponse(SyncRawResource[AsyncVoices]):
    """``client.voices.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    clone = blocking_raw(AsyncVoicesWithRawResponse.clone)
    delete = blocking_raw(AsyncVoicesWithRawResponse.delete)
    design = blocking_raw(AsyncVoicesWithRawResponse.design)
    get = blocking_raw(AsyncVoicesWithRawResponse.get)
    speech = blocking_raw(AsyncVoicesWithRawResponse.speech)


__all__ = [
    "AsyncVoices",
    "AsyncVoicesWithRawResponse",
    "DesignedVoices",
    "LanguageCode",
    "ListedVoice",
    "Speech",
    "VoiceClone",
    "VoiceDeleted",
    "VoiceDetails",
    "Voices",
    "VoicesWithRawResponse",
    "WordTimestamp",
]
