"""Videos: the generation requests, and what HeyGen reports about a video."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, model_validator

from .._ranges import RangeWords
from ._base import RequestModel, ResponseModel, Script
from .scene import Dimension, VideoInput

__all__ = [
    "AvatarIVVideoRequest",
    "GenerateVideoRequest",
    "GeneratedVideo",
    "VideoError",
    "VideoState",
    "VideoStatus",
    "VideoSummary",
]


class VideoState(str, Enum):
    """A video's status. Values HeyGen adds later are accepted as non-terminal states."""

    WAITING = "waiting"
    PENDING = "pending"
    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    DRAFT = "draft"
    NOT_FOUND = "not_found"
    """v3's bulk status read: the id is unknown, or not this account's."""

    @classmethod
    def _missing_(cls, value: object) -> VideoState | None:
        if not isinstance(value, str):
            return None
        known = {member.value: member for member in cls}
        if value.lower() in known:
            return known[value.lower()]
        # A state this SDK does not know yet: a pseudo-member, never terminal.
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    @property
    def is_terminal(self) -> bool:
        """True for ``completed`` and ``failed``."""
        return self in (VideoState.COMPLETED, VideoState.FAILED)

    def __str__(self) -> str:
        return str(self.value)


class VideoError(ResponseModel):
    """HeyGen's reason for a failed video."""

    code: int | str | None = None
    """Numeric code such as 40119, or a name such as ``MOVIO_PAYMENT_INSUFFICIENT_CREDIT``."""
    message: str | None = None
    """Human-readable reason."""
    detail: str | None = None
    """More detail, when HeyGen gives it."""


class GeneratedVideo(ResponseModel):
    """The answer to a generation request: the new video's id."""

    video_id: str
    """Id to poll with ``get_video_status`` / ``wait_for_video``."""


class VideoStatus(ResponseModel):
    """One reading of a video's status (v3 ``GET /v3/videos/{id}``, v2
    ``GET /v1/video_status.get``; fields of both are kept)."""

    video_id: str = Field(validation_alias=AliasChoices("video_id", "id"))
    """The video's id (HeyGen's ``id``)."""
    status: VideoState = VideoState.PENDING
    """``waiting``, ``pending``, ``queued``, ``processing``, ``completed``, ``failed``
    (or ``not_found`` from a bulk read)."""
    callback_id: str | None = None
    """Your correlation id, echoed back."""
    created_at: float | None = None
    """Unix seconds."""
    duration: float | None = None
    """Length in seconds, once rendered."""
    video_url: str | None = None
    """Presigned MP4 link; expires (7 days), a new status call renews it."""
    video_url_caption: str | None = None
    """Presigned link of the video with burned-in captions."""
    thumbnail_url: str | None = None
    """Presigned thumbnail link."""
    gif_url: str | None = None
    """Presigned GIF preview link."""
    caption_url: str | None = None
    """Caption file (``.ass``) when captions were requested."""
    captioned_video_url: str | None = None
    """v3: presigned link of the video with burned-in captions."""
    subtitle_url: str | None = None
    """v3: the caption file (``.srt``) when captions were requested."""
    title: str | None = None
    """v3: the video's title."""
    completed_at: float | None = None
    """v3: Unix seconds when it finished."""
    folder_id: str | None = None
    """v3: the folder holding it, if any."""
    video_page_url: str | None = None
    """v3: the video's page in HeyGen's web app."""
    output_language: str | None = None
    """v3: a translated video's language (BCP-47); None for a generated video."""
    failure_code: int | str | None = None
    """v3: why it failed, as a code (also in ``error.code``)."""
    failure_message: str | None = None
    """v3: why it failed, in words (also in ``error.message``)."""
    error: VideoError | None = None
    """Why it failed (may be set on some completed free-plan videos too)."""

    @model_validator(mode="after")
    def _failure_as_error(self) -> VideoStatus:
        if self.error is None and (self.failure_code or self.failure_message):
            self.error = VideoError(code=self.failure_code, message=self.failure_message)
        return self

    @property
    def captioned_url(self) -> str | None:
        """The captioned video's link, whichever API version reported it."""
        return self.captioned_video_url or self.video_url_caption

    @property
    def is_terminal(self) -> bool:
        """True once HeyGen will not change the status again."""
        return self.status.is_terminal

    @property
    def is_completed(self) -> bool:
        return self.status is VideoState.COMPLETED

    @property
    def is_failed(self) -> bool:
        return self.status is VideoState.FAILED


class VideoSummary(ResponseModel):
    """One item of ``GET /v1/video.list``."""

    video_id: str = Field(validation_alias=AliasChoices("video_id", "id"))
    """The video's id."""
    status: VideoState | None = None
    """List statuses differ from the status endpoint (``draft`` appears)."""
    created_at: float | None = None
    """Unix seconds."""
    type: str | None = None
    """``GENERATED`` or ``TRANSLATED``."""
    video_title: str | None = None
    """Title, when HeyGen includes it."""
    callback_id: str | None = None
    """Your correlation id, when HeyGen includes it."""


class GenerateVideoRequest(RequestModel):
    """A video of 1 to 50 scenes (the legacy API's ``POST /v2/video/generate`` body;
    the v3 backend maps it to ``POST /v3/videos``).

    Usually built for you by ``generate_video``; build it yourself for bulk jobs::

        GenerateVideoRequest(video_inputs=[VideoInput(...)], title="Welcome")
    """

    video_inputs: Annotated[list[VideoInput], RangeWords(unit="scenes")] = Field(
        min_length=1, max_length=50
    )
    """The scenes, 1 to 50."""
    dimension: Dimension | None = None
    """Output size; HeyGen's default is 1920x1080."""
    title: str | None = None
    """The video's title."""
    caption: bool | None = None
    """Generate captions (text voices only)."""
    callback_id: str | None = None
    """Your correlation id, echoed in statuses and webhooks."""
    callback_url: str | None = None
    """URL HeyGen notifies when the video is done."""
    folder_id: str | None = None
    """Output folder."""
    test: bool | None = None
    """Test mode: watermarked, not charged."""
    extra_body: dict[str, Any] | None = Field(default=None, exclude=True)
    """Extra body fields, sent as they are (in the API version's own names)."""

    @model_validator(mode="after")
    def _captions_need_text(self) -> GenerateVideoRequest:
        if self.caption and not any(scene.voice.type == "text" for scene in self.video_inputs):
            raise ValueError(
                "caption=True needs at least one text voice (captions are made from text)"
            )
        return self


class AvatarIVVideoRequest(RequestModel):
    """An Avatar IV video from one photo (legacy ``POST /v2/video/av4/generate``,
    v3 ``POST /v3/videos`` of type ``image``).

    The photo speaks either a ``script`` in a ``voice_id`` (text-to-speech) or your
    own audio (``audio_url`` or ``audio_asset_id``), never both.
    """

    image_key: str = Field(min_length=1)
    """The photo: on v3 the asset id ``upload_asset`` returns, or an image URL; on v2
    ``UploadedAsset.image_key``."""
    video_title: str = Field(min_length=1)
    """The video's title (default: the script's start, or the audio's name)."""
    script: Annotated[Script, Field(min_length=1)] | None = None
    """What the photo says (text-to-speech); leave out with your own audio."""
    voice_id: str | None = Field(default=None, min_length=1)
    """Voice id of the script (sent with your own audio too, when given)."""
    video_orientation: Literal["portrait", "landscape", "square"] | None = None
    """Output orientation."""
    fit: Literal["cover", "contain"] | None = None
    """How the photo fills the frame."""
    custom_motion_prompt: str | None = None
    """Gestures and expressions in plain words."""
    enhance_custom_motion_prompt: bool | None = None
    """Let HeyGen refine the motion prompt."""
    audio_url: str | None = None
    """Your own audio instead of text-to-speech (at most one of url or asset id)."""
    audio_asset_id: str | None = None
    """An uploaded audio asset instead of text-to-speech."""
    extra_body: dict[str, Any] | None = Field(default=None, exclude=True)
    """Extra body fields, sent as they are (in the API version's own names)."""

    @model_validator(mode="before")
    @classmethod
    def _default_title(cls, data: Any) -> Any:
        # HeyGen's v2 guide marks the title required; a readable default beats a 400.
        if isinstance(data, dict) and data.get("video_title") is None:
            title = default_avatar_iv_title(data)
            if title is not None:
                data = {**data, "video_title": title}
        return data

    @model_validator(mode="after")
    def _one_audio_source(self) -> AvatarIVVideoRequest:
        if self.audio_url is not None and self.audio_asset_id is not None:
            raise ValueError("give at most one of audio_url or audio_asset_id")
        return self

    @model_validator(mode="after")
    def _one_speech_source(self) -> AvatarIVVideoRequest:
        problem = avatar_iv_speech_problem(
            self.script, self.voice_id, self.audio_url, self.audio_asset_id
        )
        if problem is not None:
            field, message = problem
            raise ValueError(f"{field}: {message}")
        return self


AUDIO_SOURCES = ("audio_url", "audio_asset_id")
_TITLE_CHARS = 60


def default_avatar_iv_title(fields: dict[str, Any]) -> str | None:
    """The title an Avatar IV video gets when none is given: the script's start, or
    for your own audio the audio's file name (or asset id)."""
    script = fields.get("script")
    if isinstance(script, str) and script.strip():
        return " ".join(script.split())[:_TITLE_CHARS]
    audio_url = fields.get("audio_url")
    if isinstance(audio_url, str) and audio_url.strip():
        name = audio_url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return f"Avatar IV video ({name})"[:_TITLE_CHARS] if name else "Avatar IV video"
    audio_asset_id = fields.get("audio_asset_id")
    if isinstance(audio_asset_id, str) and audio_asset_id.strip():
        return f"Avatar IV video (audio {audio_asset_id})"[:_TITLE_CHARS]
    return None


def avatar_iv_speech_problem(
    script: Any, voice_id: Any, audio_url: Any, audio_asset_id: Any
) -> tuple[str, str] | None:
    """What is wrong with what an Avatar IV photo says, as (field, message), or None.

    One rule for both API versions: a script (with its voice) or your own audio,
    never both; HeyGen's v3 takes exactly one source, so a script sent beside audio
    could only be dropped without a word. (Two audio sources are another check's.)
    """
    sources = zip(AUDIO_SOURCES, (audio_url, audio_asset_id), strict=True)
    audio = [name for name, value in sources if value is not None]
    if script is not None and audio:
        return "script", (
            f"not allowed together with {audio[0]}: give a script (with voice_id) for "
            f"text-to-speech, or {audio[0]} for your own audio, not both"
        )
    if script is None and not audio:
        return "script", "required, or give audio_url or audio_asset_id (your own audio)"
    if script is not None and voice_id is None:
        return "voice_id", "required with a script (the voice that reads it)"
    return None


def merge_extra_body(body: dict[str, Any], extra_body: dict[str, Any] | None) -> dict[str, Any]:
    """Add caller-supplied fields HeyGen accepts but this SDK does not model."""
    if extra_body:
        body = {**body, **extra_body}
    return body
