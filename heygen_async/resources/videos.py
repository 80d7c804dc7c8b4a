"""``client.videos``: Videos (v3): create, get, list, delete, bulk statuses and batches.

::

    job = await client.videos.create(
        "avatar", avatar_id="Daisy-inskirt-20220818", script="Hello!", voice_id=voice_id
    )
    video = await client.videos.get(job.video_id)
    print(video.status, video.video_url)

``create`` takes HeyGen's ``type`` (``avatar``, ``image``, ``cinematic_avatar`` or
``studio``) and that type's fields, keyword-only and named as HeyGen names them. A
field the chosen type does not have is refused before anything is sent, naming the
types that do have it. The same four shapes are the items of ``videos.batches.create``
(as dicts in HeyGen's form or as ``AvatarVideo``, ``ImageVideo``,
``CinematicAvatarVideo`` and ``StudioVideo``).
"""

from __future__ import annotations

import builtins
import functools
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union

from pydantic import BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from .._errors import InvalidRequestError
from .._params import RequestOptions, Unpack
from .._ranges import RangeWords
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    paging,
)
from .._validation import invalid_request_from
from ..jobs._kinds import JobKind
from ..models._base import Deleted, RequestModel, ResponseModel, Script
from ..models.video import VideoStatus
from ._assets import AssetInput, check_asset
from ._batches import AsyncBatches
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Batch, BatchCreated, BatchItem, BulkStatus, SyncJobs
from ._pages import AsyncPager
from ._resource import AsyncRawResource, RawView, raw_method

FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])
Arguments = tuple[tuple[Any, ...], dict[str, Any]]

VideoType = Literal["avatar", "image", "cinematic_avatar", "studio"]
AspectRatio = Literal["16:9", "9:16", "4:5", "5:4", "1:1", "auto"]
Resolution = Literal["4k", "1080p", "720p"]
Expressiveness = Literal["high", "medium", "low"]
Fit = Literal["contain", "cover"]
OutputFormat = Literal["mp4", "webm"]
Id = Annotated[str, Field(min_length=1, pattern=r"^[^,]+$")]
"""A non-empty id (ids travel comma-joined in a query, so never with a comma)."""


# -- media inputs nested in a body (scenes, references, watermarks) -----------------


class UrlMedia(RequestModel):
    """A file HeyGen fetches from a public https URL."""

    type: Literal["url"] = "url"
    url: str = Field(min_length=1)
    """Publicly reachable https URL of the file."""


class AssetIdMedia(RequestModel):
    """A file already uploaded to HeyGen (``upload_asset(...).id``)."""

    type: Literal["asset_id"] = "asset_id"
    asset_id: str = Field(min_length=1)
    """The asset's id."""


class Base64Media(RequestModel):
    """A small file sent inline, base64-encoded."""

    type: Literal["base64"] = "base64"
    media_type: str = Field(min_length=1)
    """Its MIME type, e.g. ``image/png``."""
    data: str = Field(min_length=1)
    """The file's bytes, base64-encoded."""


def _media_from_text(value: Any) -> Any:
    """A plain string is an https URL or an asset id, as everywhere else in the SDK."""
    if isinstance(value, str):
        if value.lower().startswith(("http://", "https://")):
            return {"type": "url", "url": value}
        return {"type": "asset_id", "asset_id": value}
    return value


MediaInput = Annotated[
    Union[UrlMedia, AssetIdMedia, Base64Media],  # noqa: UP007 - evaluated by pydantic
    Field(discriminator="type"),
    BeforeValidator(_media_from_text),
]
"""A URL or asset id string, or HeyGen's ``{"type": "url"|"asset_id"|"base64", ...}``."""


# -- the parts of an avatar or image video ------------------------------------------


class Background(RequestModel):
    """What is behind the subject: ``{"type": "color", "value": "#ff0000"}`` or
    ``{"type": "image", "url": ...}`` / ``{"type": "image", "asset_id": ...}``."""

    type: Literal["color", "image"]
    value: str | None = None
    """Hex colour (``#ff0000``); required for ``color``."""
    url: str | None = None
    """Image URL, for ``image`` (or ``asset_id``, not both)."""
    asset_id: str | None = None
    """Uploaded image's asset id, for ``image`` (or ``url``, not both)."""

    @model_validator(mode="after")
    def _fits_its_type(self) -> Background:
        if self.type == "color" and not self.value:
            raise ValueError("value: required for a color background (e.g. '#ff0000')")
        if self.type == "image" and (self.url is None) == (self.asset_id is None):
            raise ValueError("url: an image background takes exactly one of url or asset_id")
        return self


class Caption(RequestModel):
    """Captions: an ``.srt`` always comes back (``subtitle_url``); ``style="default"``
    also burns them into the video (``captioned_video_url``)."""

    file_format: Literal["srt"] | None = None
    """Format of the sidecar caption file (HeyGen's default ``srt``)."""
    style: Literal["default"] | None = None
    """``default`` burns captions in; leave out for the sidecar file only."""


class AvatarVEngine(RequestModel):
    """Avatar V: cross-reference-driven animation (check the look's
    ``supported_api_engines``)."""

    type: Literal["avatar_v"] = "avatar_v"
    reference_look_id: str | None = None
    """An ``instant_avatar`` look of the same group to animate from."""


class AvatarIVEngine(RequestModel):
    """Avatar IV, HeyGen's default engine."""

    type: Literal["avatar_iv"] = "avatar_iv"


class AvatarIIIEngine(RequestModel):
    """Avatar III (Digital Twin or Photo Avatar by the look's type; not for raw images)."""

    type: Literal["avatar_iii"] = "avatar_iii"


def _engine_from_text(value: Any) -> Any:
    return {"type": value} if isinstance(value, str) else value


EngineInput = Annotated[
    Union[AvatarVEngine, AvatarIVEngine, AvatarIIIEngine],  # noqa: UP007 - evaluated by pydantic
    Field(discriminator="type"),
    BeforeValidator(_engine_from_text),
]
"""``"avatar_v"``, ``"avatar_iv"``, ``"avatar_iii"`` or HeyGen's ``{"type": ...}``."""


class ElevenLabsSettings(RequestModel):
    """Tuning of an ElevenLabs-backed voice."""

    engine_type: Literal["elevenlabs"] = "elevenlabs"
    model: (
        Literal["eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3"]
        | None
    ) = None
    """ElevenLabs model."""
    stability: float | None = None
    """ElevenLabs stability."""
    similarity_boost: float | None = None
    """ElevenLabs similarity boost."""
    style: float | None = None
    """ElevenLabs style."""
    use_speaker_boost: bool | None = None
    """ElevenLabs speaker boost."""


class FishSettings(RequestModel):
    """Tuning of a Fish Audio-backed voice."""

    engine_type: Literal["fish"] = "fish"
    model: Literal["s1", "s2-pro"] | None = None
    """Fish Audio model (HeyGen's default ``s1``)."""
    stability: float | None = None
    """Higher is more consistent."""
    similarity: float | None = None
    """How closely to match the source voice."""


class StarfishSettings(RequestModel):
    """Routes a voice that several engines serve to Starfish (nothing to tune)."""

    engine_type: Literal["starfish"] = "starfish"


EngineSettings = Annotated[
    Union[ElevenLabsSettings, FishSettings, StarfishSettings],  # noqa: UP007
    Field(discriminator="engine_type"),
]


class VoiceSettings(RequestModel):
    """How the voice speaks the script."""

    speed: Annotated[float, Field(ge=0.5, le=1.5)] | None = None
    """Speed multiplier, 0.5 to 1.5 (default 1)."""
    pitch: Annotated[float, Field(ge=-50, le=50)] | None = None
    """Pitch shift in semitones, -50 to 50 (default 0)."""
    volume: Annotated[float, Field(ge=0, le=1)] | None = None
    """Voice volume, 0 (silent) to 1 (full, the default)."""
    locale: str | None = None
    """Accent of a multilingual voice, e.g. ``en-US``."""
    engine_settings: EngineSettings | None = None
    """Engine-specific tuning, by ``engine_type`` (``elevenlabs``, ``fish``, ``starfish``)."""


class WatermarkPlacement(RequestModel):
    """Where the watermark sits."""

    position: Literal["top_left", "top_right", "bottom_left", "bottom_right"] | None = None
    """Anchor corner (HeyGen's default ``bottom_right``)."""
    offset_x: float | None = None
    """Horizontal nudge, a fraction of the frame's width (0.05 = 5% right)."""
    offset_y: float | None = None
    """Vertical nudge, a fraction of the frame's height (0.05 = 5% down)."""


class Watermark(RequestModel):
    """A PNG or JPEG laid over the video (an Enterprise option)."""

    image: MediaInput
    """The watermark image: URL, asset id or HeyGen's asset dict."""
    opacity: Annotated[float, Field(ge=0, le=1)] | None = None
    """0 (transparent) to 1 (opaque, the default)."""
    scale: Annotated[float, Field(gt=0)] | None = None
    """Size multiplier; 1 is the image's own size."""
    placement: WatermarkPlacement | None = None
    """Corner and offsets (bottom right by default)."""


# -- studio scenes ---------------------------------------------------------------------

_AUDIO_SOURCES = ("script", "audio_url", "audio_asset_id")


def _one_audio_source(fields: Any, *, required: bool) -> None:
    """HeyGen's rule: a script (text-to-speech) or one audio file, never two."""
    given = [name for name in _AUDIO_SOURCES if getattr(fields, name) is not None]
    if len(given) > 1:
        raise ValueError(f"{given[1]}: not allowed together with {given[0]} (give one of them)")
    if required and not given:
        raise ValueError("script: required, or audio_url or audio_asset_id (one audio source)")


class SceneBackground(RequestModel):
    """A studio scene's background: a solid colour (HeyGen's spec), or an image or
    video by URL or asset id (HeyGen's CLI 0.10.0 release note; the shape is the other
    v3 asset inputs', see the migration page)."""

    type: Literal["color", "image", "video"] = "color"
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    """Six-digit hex colour, e.g. ``#1a2b3c`` (``color`` backgrounds)."""
    url: str | None = None
    """The image or video's URL (or ``asset_id``, not both)."""
    asset_id: str | None = None
    """The uploaded image or video's asset id (or ``url``, not both)."""

    @model_validator(mode="after")
    def _fits_its_type(self) -> SceneBackground:
        if self.type == "color":
            if not self.color or self.url is not None or self.asset_id is not None:
                raise ValueError("color: a color background takes color (e.g. '#1a2b3c') only")
        elif (self.url is None) == (self.asset_id is None) or self.color is not None:
            raise ValueError(f"url: a {self.type} background takes exactly one of url or asset_id")
        return self


class AvatarSceneInput(RequestModel):
    """An avatar speaking in a studio scene: a script or one audio file."""

    type: Literal["avatar"] = "avatar"
    avatar_id: str = Field(min_length=1)
    """Avatar look id."""
    script: Script | None = None
    """Text to speak (with ``voice_id``, or the avatar's default voice)."""
    voice_id: str | None = None
    """Voice of the script."""
    audio_url: str | None = None
    """Public URL of your own audio, instead of a script."""
    audio_asset_id: str | None = None
    """Uploaded audio's asset id, instead of a script."""
    voice_settings: VoiceSettings | None = None
    """Speed, pitch, volume, locale."""
    engine: EngineInput | None = None
    """Avatar engine (Avatar IV by default)."""
    expressiveness: Expressiveness | None = None
    """Photo avatars on Avatar IV only."""
    motion_prompt: str | None = None
    """Body motion and gestures, in words."""
    background: SceneBackground | None = None
    """A colour, image or video behind the avatar."""

    @model_validator(mode="after")
    def _audio(self) -> AvatarSceneInput:
        _one_audio_source(self, required=True)
        return self


class ImageSceneInput(RequestModel):
    """A photo animated to speak in a studio scene: a script or one audio file."""

    type: Literal["image"] = "image"
    image: MediaInput
    """The photo."""
    script: Script | None = None
    """Text to speak (with ``voice_id``)."""
    voice_id: str | None = None
    """Voice of the script."""
    audio_url: str | None = None
    """Public URL of your own audio, instead of a script."""
    audio_asset_id: str | None = None
    """Uploaded audio's asset id, instead of a script."""
    voice_settings: VoiceSettings | None = None
    """Speed, pitch, volume, locale."""
    expressiveness: Expressiveness | None = None
    """Expressiveness of the face."""
    motion_prompt: str | None = None
    """Body motion, in words."""

    @model_validator(mode="after")
    def _audio(self) -> ImageSceneInput:
        _one_audio_source(self, required=True)
        if self.script is not None and self.voice_id is None:
            raise ValueError("voice_id: required with a script")
        return self


class AvatarVideoScene(RequestModel):
    """A studio scene where an avatar or an animated photo speaks."""

    type: Literal["avatar_video"] = "avatar_video"
    input: Annotated[
        Union[AvatarSceneInput, ImageSceneInput],  # noqa: UP007
        Field(discriminator="type"),
    ]
    """Who speaks: ``{"type": "avatar", ...}`` or ``{"type": "image", ...}``."""


class ImageScene(RequestModel):
    """A still image, silent for ``duration`` seconds or narrated by one audio source."""

    type: Literal["image"] = "image"
    source: MediaInput
    """The image."""
    duration: Annotated[float, Field(gt=0, le=300), RangeWords(unit="seconds")] | None = None
    """Silent scene: seconds to hold the image (up to 300)."""
    script: Script | None = None
    """Narration text (with ``voice_id``)."""
    voice_id: str | None = None
    """Voice of the narration."""
    audio_url: str | None = None
    """Public URL of narration audio."""
    audio_asset_id: str | None = None
    """Uploaded narration audio's asset id."""
    voice_settings: VoiceSettings | None = None
    """Speed, pitch, volume, locale."""

    @model_validator(mode="after")
    def _silent_or_narrated(self) -> ImageScene:
        _one_audio_source(self, required=False)
        narrated = any(getattr(self, name) is not None for name in _AUDIO_SOURCES)
        if narrated == (self.duration is not None):
            raise ValueError(
                "duration: give duration (a silent scene) or one audio source "
                "(script, audio_url or audio_asset_id), not both and not neither"
            )
        if self.script is not None and self.voice_id is None:
            raise ValueError("voice_id: required with a script")
        return self


class Playback(RequestModel):
    """A clip's sound."""

    volume: Annotated[float, Field(ge=0, le=1)] | None = None
    """0 (silent) to 1 (the clip's own level, the default)."""
    mute: bool | None = None
    """True silences the clip whatever ``volume`` says."""


class VideoScene(RequestModel):
    """A video clip as a scene."""

    type: Literal["video"] = "video"
    source: MediaInput
    """The clip."""
    playback: Playback | None = None
    """Its volume or mute."""


Scene = Annotated[
    Union[AvatarVideoScene, ImageScene, VideoScene],  # noqa: UP007
    Field(discriminator="type"),
]
"""One studio scene: ``avatar_video``, ``image`` or ``video`` (see their models)."""


# -- the four kinds of video ------------------------------------------------------------


class _VideoRequest(RequestModel):
    """One body of ``POST /v3/videos``: a field the type lacks is refused, naming it."""

    model_config = ConfigDict(extra="forbid")
    kind: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _fields_of_this_type(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            for name in data:
                if name not in cls.model_fields:
                    raise ValueError(_not_a_field(name, cls.kind))
        return data


class _FinishedVideo(_VideoRequest):
    """The fields of how a video is finished and delivered, shared by the types that
    have them."""

    caption: Caption | None = None
    """Captions (sidecar ``.srt``; ``style="default"`` burns them in)."""
    aspect_ratio: AspectRatio | None = None
    """Output shape (HeyGen's default ``16:9``)."""
    resolution: Resolution | None = None
    """Output resolution."""
    watermark: Watermark | None = None
    """Your watermark image (Enterprise)."""
    title: str | None = None
    """Title in HeyGen's dashboard."""
    callback_id: str | None = None
    """Your id, echoed in webhook payloads."""
    callback_url: str | None = None
    """URL HeyGen notifies when the video is ready."""


class _SpokenVideo(_FinishedVideo):
    """A subject (an avatar look or a photo) speaking a script or your audio: the
    fields ``avatar`` and ``image`` videos share."""

    script: Script | None = None
    """Text to speak, in ``voice_id``'s voice (an avatar without one uses its default
    voice; an image needs one)."""
    voice_id: str | None = None
    """Voice of the script."""
    audio_url: str | None = None
    """Public URL of your own audio, instead of a script."""
    audio_asset_id: str | None = None
    """Uploaded audio's asset id, instead of a script."""
    voice_settings: VoiceSettings | None = None
    """Speed, pitch, volume, locale, engine tuning."""
    background: Background | None = None
    """A colour or an image behind the subject."""
    fit: Fit | None = None
    """How the subject fills the frame."""
    expressiveness: Expressiveness | None = None
    """Expressiveness of the face on Avatar IV (HeyGen's default ``low``); for an
    avatar, photo avatars only."""
    motion_prompt: str | None = None
    """Body motion and gestures, in words."""
    output_format: OutputFormat | None = None
    """``webm`` gives a transparent background (no ``background`` then)."""
    remove_background: bool | None = None
    """Remove the subject's background (for an avatar, one trained with matting)."""

    @model_validator(mode="after")
    def _consistent(self) -> _SpokenVideo:
        _one_audio_source(self, required=False)
        _no_background_in_webm(self.output_format, self.background)
        return self


class AvatarVideo(_SpokenVideo):
    """``type="avatar"``: an avatar look speaking a script or your audio."""

    kind: ClassVar[str] = "avatar"
    type: Literal["avatar"] = "avatar"
    avatar_id: str = Field(min_length=1)
    """Avatar look id (``client.avatars.looks``)."""
    engine: EngineInput | None = None
    """``avatar_v``, ``avatar_iv`` (default) or ``avatar_iii``."""


class ImageVideo(_SpokenVideo):
    """``type="image"``: a photo animated to speak (Avatar IV)."""

    kind: ClassVar[str] = "image"
    type: Literal["image"] = "image"
    image: MediaInput
    """The photo: URL, asset id, or HeyGen's asset dict."""

    @model_validator(mode="after")
    def _voice_for_a_script(self) -> ImageVideo:
        if self.script is not None and self.voice_id is None:
            raise ValueError("voice_id: required with a script (an image has no default voice)")
        return self


def _one_to_three_looks(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class CinematicAvatarVideo(_VideoRequest):
    """``type="cinematic_avatar"``: a video generated from a prompt and 1-3 looks."""

    kind: ClassVar[str] = "cinematic_avatar"
    type: Literal["cinematic_avatar"] = "cinematic_avatar"
    prompt: str = Field(min_length=1)
    """What the video shows, in words."""
    avatar_id: Annotated[
        list[Annotated[str, Field(min_length=1)]],
        Field(min_length=1, max_length=3),
        BeforeValidator(_one_to_three_looks),
    ]
    """1 to 3 avatar look ids (one id may be given as a string)."""
    references: list[MediaInput] | None = None
    """Reference images, videos or audio (at most 3 videos and 9 images in all)."""
    duration: Annotated[int, Field(ge=4, le=15), RangeWords(unit="seconds")] | None = None
    """Length in seconds, 4 to 15 (HeyGen's default 10); not with ``auto_duration``."""
    auto_duration: bool | None = None
    """Let the model choose the length."""
    enhance_prompt: bool | None = None
    """Let HeyGen improve the prompt."""
    aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = None
    """Output shape (HeyGen's default ``16:9``)."""
    resolution: Literal["720p", "1080p"] | None = None
    """Output resolution (HeyGen's default ``720p``)."""
    title: str | None = None
    """Title in HeyGen's dashboard."""

    @model_validator(mode="after")
    def _one_length(self) -> CinematicAvatarVideo:
        if self.auto_duration and self.duration is not None:
            raise ValueError("duration: leave it out when auto_duration is true")
        return self


class StudioVideo(_FinishedVideo):
    """``type="studio"``: 1 to 50 whole-frame scenes rendered into one video (MP4)."""

    kind: ClassVar[str] = "studio"
    type: Literal["studio"] = "studio"
    scenes: Annotated[list[Scene], Field(min_length=1, max_length=50), RangeWords(unit="scenes")]
    """The scenes in order: ``avatar_video``, ``image`` or ``video`` (see their models)."""
    aspect_ratio: AspectRatio | None = None
    """Output shape; each scene is centre-cropped to it (HeyGen's default ``16:9``)."""


VIDEO_REQUESTS: dict[str, type[_VideoRequest]] = {
    model.kind: model for model in (AvatarVideo, ImageVideo, CinematicAvatarVideo, StudioVideo)
}
VideoRequest = Union[AvatarVideo, ImageVideo, CinematicAvatarVideo, StudioVideo]  # noqa: UP007
"""One video to make: the body of ``videos.create``, an item of ``videos.batches.create``."""


def _no_background_in_webm(output_format: str | None, background: Background | None) -> None:
    if output_format == "webm" and background is not None:
        raise ValueError(
            "background: not allowed with output_format='webm' (its background is transparent)"
        )


def _not_a_field(name: str, kind: str, field: str | None = None) -> str:
    """Why ``name`` is refused in a ``kind`` video, and which types do take it."""
    owners = [other for other, model in VIDEO_REQUESTS.items() if name in model.model_fields]
    where = f"{field or name}: not a field of type={kind!r} videos"
    if owners:
        return f"{where}; it belongs to type " + " or ".join(repr(owner) for owner in owners)
    return f"{where} (HeyGen refuses unknown fields)"


def video_request(value: Any, prefix: str = "") -> VideoRequest:
    """A checked ``POST /v3/videos`` body (a dict in HeyGen's form, or one of the four
    models), or ``InvalidRequestError`` naming the field (``prefix`` leads its path)."""
    if isinstance(value, _VideoRequest):
        return value  # type: ignore[return-value]
    where = f"{prefix}.type" if prefix else "type"
    allowed = ", ".join(VIDEO_REQUESTS)
    if not isinstance(value, Mapping):
        raise InvalidRequestError(
            f"{prefix or 'video'}: must be a dict in HeyGen's form or AvatarVideo, ImageVideo, "
            f"CinematicAvatarVideo or StudioVideo (got {type(value).__name__})",
            field=prefix or "video",
            allowed="dict or video request model",
        )
    kind = value.get("type")
    model = VIDEO_REQUESTS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise InvalidRequestError(
            f"{where}: must be one of {allowed} (got {kind!r})",
            field=where,
            allowed=allowed,
        )
    for name in value:
        if name not in model.model_fields:
            field = f"{prefix}.{name}" if prefix else name
            raise InvalidRequestError(
                _not_a_field(name, model.kind, field),
                field=field,
                allowed=", ".join(sorted(model.model_fields)),
            )
    try:
        checked: VideoRequest = model.model_validate(dict(value))  # type: ignore[assignment]
    except ValidationError as exc:
        raise _error_at_the_field(exc, prefix, model) from None
    return checked


_NAMED = re.compile(r"^(\w+): (.*)$", re.DOTALL)


def _error_at_the_field(
    exc: ValidationError, prefix: str, model: type[_VideoRequest]
) -> InvalidRequestError:
    """One ``InvalidRequestError`` for a video body's first problem, its field written
    as users write it: union tags left out of the path (``engine``, not
    ``engine.avatar_v``; ``model`` shows which parts are tags), and a rule between
    fields (``"audio_url: not allowed together with script"``) pointing at the field
    it names rather than at the object holding it."""
    shared = invalid_request_from(exc, schema=model)
    message = str(shared).removeprefix(f"{shared.field}: ")
    inner = "" if shared.field == "request" else (shared.field or "")
    named = _NAMED.match(message)
    if named and not named.group(1)[0].isupper():
        inner = f"{inner}.{named.group(1)}" if inner else named.group(1)
        message = named.group(2)
    path = f"{prefix}.{inner}" if prefix and inner else (prefix or inner or "request")
    return InvalidRequestError(f"{path}: {message}", field=path, allowed=shared.allowed)


# -- checks before the declared call ---------------------------------------------------

_VIDEO_FIELDS = frozenset(
    name for model in VIDEO_REQUESTS.values() for name in model.model_fields if name != "type"
)


def _checked_first(
    check: Callable[[tuple[Any, ...], dict[str, Any]], Arguments],
) -> Callable[[FunctionT], FunctionT]:
    """Run ``check`` over a declared call's arguments before the declaration binds them:
    the rules that tie fields together, which one annotation per parameter cannot say.
    ``check`` gets the positional and keyword arguments and returns them as to send."""

    def decorate(method: FunctionT) -> FunctionT:
        @functools.wraps(method)
        async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            args, kwargs = check(args, kwargs)
            return await method(self, *args, **kwargs)

        checked: FunctionT = call  # type: ignore[assignment]
        return checked

    return decorate


def _video_fields(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Arguments:
    """``create``'s keywords with the body checked as a whole (type, fields, rules)."""
    kind = args[0] if args else kwargs.get("type")
    if not isinstance(kind, str) or kind not in VIDEO_REQUESTS:
        return args, kwargs  # the declaration refuses the type itself, naming the allowed ones
    given = {
        name: value for name, value in kwargs.items() if name in _VIDEO_FIELDS and value is not None
    }
    image = given.get("image")
    if image is not None and not isinstance(image, (str, Mapping)):
        check_asset("image")(image)  # a file or bytes: uploaded when the call runs
        given["image"] = {"type": "asset_id", "asset_id": "(uploaded when sent)"}
    request = video_request({"type": kind, **given})
    checked = dict(kwargs)
    for name in given:
        if name != "image":
            checked[name] = getattr(request, name)
    return args, checked


def _batch_items(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Arguments:
    """``batches.create``'s items, each checked as ``create`` checks its body."""
    videos = args[0] if args else kwargs.get("videos")
    if not isinstance(videos, (list, tuple)):
        return args, kwargs  # the declaration refuses it, naming videos
    checked = [video_request(video, f"videos[{index}]") for index, video in enumerate(videos)]
    if args:
        return (checked, *args[1:]), kwargs
    return args, {**kwargs, "videos": checked}


def _some_ids(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Arguments:
    """``statuses``: video ids, batch ids, or both; never neither."""
    if args or kwargs.get("video_ids") or kwargs.get("batch_ids"):
        return args, kwargs
    raise InvalidRequestError(
        "video_ids: give video_ids or batch_ids (1 to 100 ids each)",
        field="video_ids",
        allowed="1 to 100 ids",
    )


# -- answers ---------------------------------------------------------------------------


class VideoCreated(ResponseModel):
    """The answer to ``videos.create``: the new video's id (poll ``videos.get``)."""

    video_id: str
    """The video's id."""
    status: str | None = None
    """Its first status, e.g. ``waiting`` (a replayed create gives the first answer's)."""
    output_format: OutputFormat | str | None = None
    """``mp4`` or ``webm``."""


class VideoDeleted(Deleted):
    """The answer to ``videos.delete``: the deleted video's ``id``."""

    deleted: bool | None = None
    """True: HeyGen removed the video and its files (for good)."""


class VideoStatusEntry(BulkStatus):
    """One video of ``videos.statuses`` (no URLs: ``videos.get`` has them); a video
    HeyGen does not know (``not_found``) counts as terminal here."""

    _also_terminal_states: ClassVar[frozenset[str]] = frozenset({"not_found"})


class VideoBatchCreated(BatchCreated):
    """The answer to ``videos.batches.create``: read it with ``videos.batches.get``."""


class VideoBatchItem(BatchItem):
    """One video of a batch (``video_id`` is the video's id, once HeyGen has made it)."""

    item_index: int
    """Its position in the ``videos`` you sent (0-based)."""


class VideoBatch(Batch[VideoBatchItem]):
    """A batch and one page of its items (``videos.batches.get``)."""


# -- client.videos -------------------------------------------------------------------


class AsyncVideos(AsyncJobs[VideoStatus]):
    """``client.videos`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _wait_doc = """Wait until a video has rendered; its completed status, with ``video_url``.

    Any video: one ``create`` made, a template's (``templates.generate``), a video
    agent session's (``session.video_id``), a batch item's. It is
    ``client.wait_for_video`` on the client's one poller: checks due together
    share one ``statuses`` request (100 ids), then one ``get`` per finished
    video for its URLs. ``timeout`` seconds (default ``poll.timeout``) bound the
    wait. Raises ``VideoFailedError`` (a ``JobFailedError``: ``code``,
    ``message``, ``detail``) when the render failed, ``WaitTimeoutError``
    (``job_id``, ``last_status``) at the deadline, ``NotFoundError`` for an id
    HeyGen does not know. The video goes on rendering whatever ends the wait::

        job = await client.templates.generate(template_id, variables=values)
        video = await client.videos.wait(job.video_id, timeout=1800)
        print(video.video_url)
    """
    _wait_many_doc = """Wait for many videos; one ``WaitResult`` per id as each ends (``job_id``,
    ``status``: the video's status, ``error``: what ``wait`` would raise, ``ok``),
    in completion order. Due checks share ``statuses`` requests (100 ids each);
    one video's ending never stops the others; leaving the loop stops the waits
    still running::

        async for result in client.videos.wait_many(video_ids, timeout=3600):
            print(result.job_id, result.status.video_url if result.ok else result.error)
    """

    def _job_kind(self) -> JobKind[Any]:
        return self._core.videos

    @_checked_first(_video_fields)
    @endpoint("POST", "/v3/videos", billed=True)
    async def create(
        self,
        type: VideoType,
        *,
        avatar_id: str | list[str] | None = None,
        image: AssetInput | None = None,
        prompt: str | None = None,
        scenes: list[Scene] | None = None,
        script: str | None = None,
        voice_id: str | None = None,
        audio_url: str | None = None,
        audio_asset_id: str | None = None,
        voice_settings: VoiceSettings | None = None,
        engine: EngineInput | None = None,
        background: Background | None = None,
        caption: Caption | None = None,
        aspect_ratio: AspectRatio | None = None,
        resolution: Resolution | None = None,
        fit: Fit | None = None,
        expressiveness: Expressiveness | None = None,
        motion_prompt: str | None = None,
        output_format: OutputFormat | None = None,
        remove_background: bool | None = None,
        watermark: Watermark | None = None,
        references: list[MediaInput] | None = None,
        duration: int | None = None,
        auto_duration: bool | None = None,
        enhance_prompt: bool | None = None,
        title: str | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoCreated:
        """Start rendering a video (billed); HeyGen answers at once with its id.

        ``type`` says what kind, and which fields it takes (HeyGen's names):

        - ``"avatar"``: ``avatar_id`` (a look id) speaking a ``script`` (with
          ``voice_id``, else the avatar's default voice) or your ``audio_url`` /
          ``audio_asset_id``; ``engine`` (``"avatar_v"``, ``"avatar_iv"`` default,
          ``"avatar_iii"``), ``background``, ``voice_settings``, ``remove_background``,
          ``output_format="webm"`` for transparency, ``fit``, ``expressiveness``,
          ``motion_prompt``.
        - ``"image"``: an ``image`` (URL, asset id, local file or bytes: uploaded)
          animated to speak, with the same voice and output fields but no ``engine``.
        - ``"cinematic_avatar"``: a ``prompt`` and 1-3 look ids as ``avatar_id``;
          ``references``, ``duration`` (4-15 s) or ``auto_duration``, ``enhance_prompt``;
          ``aspect_ratio`` 16:9, 9:16 or 1:1; ``resolution`` 720p or 1080p.
        - ``"studio"``: ``scenes``, 1 to 50 of ``avatar_video``, ``image`` or ``video``
          (dicts in HeyGen's form or ``AvatarVideoScene``, ``ImageScene``, ``VideoScene``).

        Every type but ``cinematic_avatar`` takes ``caption``, ``watermark``,
        ``callback_id`` and ``callback_url``; all take ``title``, ``aspect_ratio`` and
        ``resolution``. A field the type lacks raises ``InvalidRequestError`` naming it,
        before anything is sent. Retries reuse one ``Idempotency-Key``, so a retried
        create never pays twice::

            job = await client.videos.create(
                "avatar", avatar_id=look_id, script="Welcome!", voice_id=voice_id,
                background={"type": "color", "value": "#0a0a0a"}, resolution="1080p",
            )
        """
        ...

    @endpoint("GET", "/v3/videos/{video_id}")
    async def get(self, video_id: str, **options: Unpack[RequestOptions]) -> VideoStatus:
        """One video: its status, and once ``completed`` its ``video_url`` (presigned,
        it expires: read it again for a fresh one), ``thumbnail_url``, ``duration``;
        ``failure_code``/``failure_message`` when it failed. An unknown id raises
        ``NotFoundError``::

            video = await client.videos.get(video_id)
            if video.is_completed:
                print(video.video_url)
        """
        ...

    @endpoint("GET", "/v3/videos", paged=True)
    def list(
        self,
        *,
        folder_id: str | None = None,
        title: str | None = None,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[VideoStatus]:
        """Your videos, newest first, a page at a time (``limit`` 1-100, HeyGen's
        default 10); ``folder_id`` keeps one folder's, ``title`` those whose title
        contains it. Await it for one page, iterate it for every video::

            async for video in client.videos.list(title="Welcome"):
                print(video.video_id, video.status)
        """
        ...

    @endpoint("DELETE", "/v3/videos/{video_id}")
    async def delete(self, video_id: str, **options: Unpack[RequestOptions]) -> VideoDeleted:
        """Delete a video and its files, for good::

        await client.videos.delete(video_id)
        """
        ...

    @_checked_first(_some_ids)
    @endpoint("GET", "/v3/videos/statuses")
    async def statuses(
        self,
        *,
        video_ids: Annotated[builtins.list[Id], Field(max_length=100)] | None = None,
        batch_ids: Annotated[builtins.list[Id], Field(max_length=100)] | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[VideoStatusEntry]:
        """The statuses of up to 100 videos in one request, by ``video_ids`` and/or
        ``batch_ids`` (each batch stands for its videos). An id HeyGen does not know
        (or not yours) comes back ``not_found``. No URLs: ``videos.get`` has them::

            for entry in await client.videos.statuses(video_ids=[a, b]):
                print(entry.video_id, entry.status)
        """
        ...

    @property
    def batches(self) -> AsyncVideoBatches:
        """Up to 100 videos in one request, read back together (``create``, ``get``)."""
        return AsyncVideoBatches(self._client)

    with_raw_response: RawView[AsyncVideosWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncVideoBatches(AsyncBatches[VideoBatch]):
    """``client.videos.batches`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _path = "/v3/videos/batches"

    @_checked_first(_batch_items)
    @endpoint("POST", "/v3/videos/batches", billed=True)
    async def create(
        self,
        videos: Annotated[
            list[VideoRequest | Mapping[str, Any]], Field(min_length=1, max_length=100)
        ],
        *,
        title: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoBatchCreated:
        """Submit 1 to 100 videos at once (billed per video); HeyGen makes them in the
        background. Each item is a ``videos.create`` body: a dict in HeyGen's form
        (``{"type": "avatar", "avatar_id": ..., "script": ...}``) or ``AvatarVideo``,
        ``ImageVideo``, ``CinematicAvatarVideo``, ``StudioVideo``; each is checked
        before anything is sent. ``callback_url`` is called once every item has
        finished::

            batch = await client.videos.batches.create(
                [{"type": "avatar", "avatar_id": look_id, "script": line} for line in lines],
                title="Onboarding",
            )
        """
        ...

    with_raw_response: RawView[AsyncVideoBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncVideosWithRawResponse(AsyncRawResource[AsyncVideos]):
    """``client.videos.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncVideos.create)
    get = raw_method(AsyncVideos.get)
    delete = raw_method(AsyncVideos.delete)
    statuses = raw_method(AsyncVideos.statuses)


class AsyncVideoBatchesWithRawResponse(AsyncRawResource[AsyncVideoBatches]):
    """``client.videos.batches.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncVideoBatches.create)
    get = raw_method(AsyncVideoBatches.get)


class Videos(SyncJobs[AsyncVideos]):
    """``client.videos`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncVideos.create)
    get = blocking(AsyncVideos.get)
    list = paging(AsyncVideos.list)
    delete = blocking(AsyncVideos.delete)
    statuses = blocking(AsyncVideos.statuses)

    @property
    def batches(self) -> VideoBatches:
        """Up to 100 videos in one request, read back together (``create``, ``get``)."""
        return VideoBatches(*self._inner("batches"))

    with_raw_response: RawView[VideosWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideoBatches(SyncResource[AsyncVideoBatches]):
    """``client.videos.batches`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncVideoBatches.create)
    get = blocking(AsyncVideoBatches.get)

    with_raw_response: RawView[VideoBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideosWithRawResponse(SyncRawResource[AsyncVideos]):
    """``client.videos.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncVideosWithRawResponse.create)
    get = blocking_raw(AsyncVideosWithRawResponse.get)
    delete = blocking_raw(AsyncVideosWithRawResponse.delete)
    statuses = blocking_raw(AsyncVideosWithRawResponse.statuses)


class VideoBatchesWithRawResponse(SyncRawResource[AsyncVideoBatches]):
    """``client.videos.batches.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncVideoBatchesWithRawResponse.create)
    get = blocking_raw(AsyncVideoBatchesWithRawResponse.get)


__all__ = [
    "AssetIdMedia",
    "AsyncVideoBatches",
    "AsyncVideoBatchesWithRawResponse",
    "AsyncVideos",
    "AsyncVideosWithRawResponse",
    "AvatarIIIEngine",
    "AvatarIVEngine",
    "AvatarSceneInput",
    "AvatarVEngine",
    "AvatarVideo",
    "AvatarVideoScene",
    "Background",
    "Base64Media",
    "Caption",
    "CinematicAvatarVideo",
    "ElevenLabsSettings",
    "FishSettings",
    "ImageScene",
    "ImageSceneInput",
    "ImageVideo",
    "Playback",
    "SceneBackground",
    "StarfishSettings",
    "StudioVideo",
    "UrlMedia",
    "VideoBatch",
    "VideoBatchCreated",
    "VideoBatchItem",
    "VideoBatches",
    "VideoBatchesWithRawResponse",
    "VideoCreated",
    "VideoDeleted",
    "VideoRequest",
    "VideoScene",
    "VideoStatusEntry",
    "Videos",
    "VideosWithRawResponse",
    "VoiceSettings",
    "Watermark",
    "WatermarkPlacement",
    "video_request",
]
