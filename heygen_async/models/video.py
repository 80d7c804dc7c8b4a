"""Videos: the generation requests, and what HeyGen reports about a video."""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import AliasChoices, Field, model_validator

from ._base import RequestModel, ResponseModel
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
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    DRAFT = "draft"

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
    """One reading of ``GET /v1/video_status.get``."""

    video_id: str = Field(validation_alias=AliasChoices("video_id", "id"))
    """The video's id (HeyGen's ``id``)."""
    status: VideoState = VideoState.PENDING
    """``waiting``, ``pending``, ``processing``, ``completed`` or ``failed``."""
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
    error: VideoError | None = None
    """Why it failed (may be set on some completed free-plan videos too)."""

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
    """The body of ``POST /v2/video/generate`` (1 to 50 scenes).

    Usually built for you by ``generate_video``; build it yourself for bulk jobs::

        GenerateVideoRequest(video_inputs=[VideoInput(...)], title="Welcome")
    """

    video_inputs: list[VideoInput] = Field(min_length=1, max_length=50)
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

    @model_validator(mode="after")
    def _captions_need_text(self) -> GenerateVideoRequest:
        if self.caption and not any(scene.voice.type == "text" for scene in self.video_inputs):
            raise ValueError(
                "caption=True needs at least one text voice (captions are made from text)"
            )
        return self


class AvatarIVVideoRequest(RequestModel):
    """The body of ``POST /v2/video/av4/generate``: a video from one photo."""

    image_key: str = Field(min_length=1)
    """``UploadedAsset.image_key`` of an uploaded photo (not the asset id)."""
    video_title: str = Field(min_length=1)
    """The video's title."""
    script: str = Field(min_length=1)
    """What the photo says."""
    voice_id: str = Field(min_length=1)
    """Voice id (required by HeyGen even with custom audio)."""
    video_orientation: Literal["portrait", "landscape", "square"] | None = None
    """Output orientation."""
    fit: Literal["cover", "contain"] | None = None
    """How the photo fills the frame."""
    custom_motion_prompt: str | None = None
    """Gestures and expressions in plain words."""
    enhance_custom_motion_prompt: bool | None = None
    """Let HeyGen refine the motion prompt."""
    audio_url: str | None = None
    """Custom audio instead of text-to-speech (at most one of url or asset id)."""
    audio_asset_id: str | None = None
    """Uploaded audio asset instead of text-to-speech."""

    @model_validator(mode="after")
    def _one_audio_source(self) -> AvatarIVVideoRequest:
        if self.audio_url is not None and self.audio_asset_id is not None:
            raise ValueError("give at most one of audio_url or audio_asset_id")
        return self


def merge_extra_body(body: dict[str, Any], extra_body: dict[str, Any] | None) -> dict[str, Any]:
    """Add caller-supplied fields HeyGen accepts but this SDK does not model."""
    if extra_body:
        body = {**body, **extra_body}
    return body
