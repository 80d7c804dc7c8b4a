"""The parts of one scene of ``POST /v2/video/generate``: character, voice, background.

Each part is a discriminated union on ``type``, exactly as HeyGen's wire format;
plain dicts in that format are accepted wherever a model is::

    VideoInput(
        character=AvatarCharacter(avatar_id="Abigail_expressive_2024112501"),
        voice=TextVoice(voice_id="1bd001e7e50f421d891986aad5158bc8", input_text="Hello!"),
        background=ColorBackground(value="#FAFAFA"),
    )
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from .._constants import HEX_COLOUR_PATTERN
from .._ranges import RangeWords
from ._base import RequestModel, Script

__all__ = [
    "AudioVoice",
    "AvatarCharacter",
    "Background",
    "Character",
    "ColorBackground",
    "Dimension",
    "ImageBackground",
    "Offset",
    "SceneVoice",
    "SilenceVoice",
    "TalkingPhotoCharacter",
    "TextVoice",
    "VideoBackground",
    "VideoInput",
]

Emotion = Literal["Excited", "Friendly", "Serious", "Soothing", "Broadcaster"]
Fit = Literal["cover", "crop", "contain", "none"]
NonEmptyStr = Annotated[str, Field(min_length=1)]


class Dimension(RequestModel):
    """Output size in pixels. HeyGen's default is 1920x1080; the plan caps the maximum."""

    width: Annotated[int, RangeWords(rule="even")] = Field(
        ge=128, le=4096, description="Even, 128 to 4096."
    )
    height: Annotated[int, RangeWords(rule="even")] = Field(
        ge=128, le=4096, description="Even, 128 to 4096."
    )

    @field_validator("width", "height")
    @classmethod
    def _even(cls, value: int) -> int:
        if value % 2:
            raise ValueError("must be an even number")
        return value


class Offset(RequestModel):
    """Position of the character, relative to the centre of the frame."""

    x: float = 0.0
    """Horizontal shift."""
    y: float = 0.0
    """Vertical shift."""


class AvatarCharacter(RequestModel):
    """A studio avatar (an avatar *look* id, not an avatar group id)."""

    type: Literal["avatar"] = "avatar"
    avatar_id: NonEmptyStr
    """The avatar look id, from ``list_avatars()``."""
    avatar_style: Literal["circle", "normal", "closeUp"] | None = None
    """Framing: ``normal`` (HeyGen's default), ``circle`` or ``closeUp``."""
    scale: float | None = Field(default=None, ge=0.0, le=5.0)
    """Size, 0 to 5.0 (default 1.0)."""
    offset: Offset | None = None
    """Position in the frame."""
    matting: bool | None = None
    """Remove the avatar's background."""
    circle_background_color: str | None = None
    """Fill colour behind a ``circle`` avatar."""


class TalkingPhotoCharacter(RequestModel):
    """A talking photo or photo-avatar look (also HeyGen's "UGC avatars")."""

    type: Literal["talking_photo"] = "talking_photo"
    talking_photo_id: NonEmptyStr
    """The talking photo id, from ``list_talking_photos()`` or a photo-avatar group."""
    scale: float | None = Field(default=None, ge=0.0, le=5.0)
    """Size, 0 to 5.0 (default 1.0)."""
    offset: Offset | None = None
    """Position in the frame."""
    talking_photo_style: Literal["square", "circle"] | None = None
    """Crop of the photo."""
    talking_style: Literal["stable", "expressive"] | None = None
    """How much the head moves (default ``stable``)."""
    expression: Literal["default", "happy"] | None = None
    """Facial expression (default ``default``)."""
    super_resolution: bool | None = None
    """Enhance the photo."""
    matting: bool | None = None
    """Remove the photo's background."""
    circle_background_color: str | None = None
    """Fill colour behind a ``circle`` photo."""


class TextVoice(RequestModel):
    """Text spoken by a HeyGen voice."""

    type: Literal["text"] = "text"
    voice_id: NonEmptyStr
    """The voice id, from ``list_voices()``."""
    input_text: Annotated[Script, Field(min_length=1)]
    """The script. Voices with ``support_pause`` accept ``<break time="1s"/>``."""
    speed: float | None = Field(default=None, ge=0.5, le=1.5)
    """Speaking rate, 0.5 to 1.5 (default 1.0)."""
    pitch: int | None = Field(default=None, ge=-50, le=50)
    """Pitch shift, -50 to 50 (default 0)."""
    emotion: Emotion | None = None
    """Only for voices with ``emotion_support``."""
    locale: str | None = None
    """Accent of a multilingual voice, e.g. ``en-US``."""
    elevenlabs_settings: dict[str, Any] | None = None
    """Engine settings of ElevenLabs-backed voices, passed as given."""

    @field_validator("input_text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class AudioVoice(RequestModel):
    """A recorded voice track: exactly one of ``audio_url`` or ``audio_asset_id``."""

    type: Literal["audio"] = "audio"
    audio_url: str | None = None
    """A public URL of a WAV or MP3 file."""
    audio_asset_id: str | None = None
    """An uploaded audio asset's id."""

    @model_validator(mode="after")
    def _exactly_one_source(self) -> AudioVoice:
        if (self.audio_url is None) == (self.audio_asset_id is None):
            raise ValueError("give exactly one of audio_url or audio_asset_id")
        return self


class SilenceVoice(RequestModel):
    """A silent scene."""

    type: Literal["silence"] = "silence"
    duration: Annotated[float, RangeWords(unit="seconds")] = Field(default=1.0, ge=1.0, le=100.0)
    """Seconds of silence, 1.0 to 100.0."""


class ColorBackground(RequestModel):
    """A solid colour."""

    type: Literal["color"] = "color"
    value: str = Field(default="#f6f6fc", pattern=HEX_COLOUR_PATTERN)
    """Hex colour such as ``#FAFAFA``."""


class ImageBackground(RequestModel):
    """An image: exactly one of ``url`` or ``image_asset_id``."""

    type: Literal["image"] = "image"
    url: str | None = None
    """A public image URL (JPG/PNG)."""
    image_asset_id: str | None = None
    """An uploaded image asset's id."""
    fit: Fit | None = None
    """``cover`` (default), ``crop``, ``contain`` or ``none``."""

    @model_validator(mode="after")
    def _exactly_one_source(self) -> ImageBackground:
        if (self.url is None) == (self.image_asset_id is None):
            raise ValueError("give exactly one of url or image_asset_id")
        return self


class VideoBackground(RequestModel):
    """A video: exactly one of ``url`` or ``video_asset_id``."""

    type: Literal["video"] = "video"
    url: str | None = None
    """A public MP4 URL."""
    video_asset_id: str | None = None
    """An uploaded video asset's id."""
    play_style: Literal["fit_to_scene", "freeze", "loop", "once"] | None = None
    """How the clip fills the scene."""
    fit: Fit | None = None
    """``cover`` (default), ``crop``, ``contain`` or ``none``."""

    @model_validator(mode="after")
    def _exactly_one_source(self) -> VideoBackground:
        if (self.url is None) == (self.video_asset_id is None):
            raise ValueError("give exactly one of url or video_asset_id")
        return self


Character = Annotated[AvatarCharacter | TalkingPhotoCharacter, Field(discriminator="type")]
SceneVoice = Annotated[TextVoice | AudioVoice | SilenceVoice, Field(discriminator="type")]
"""What a scene says: a text, an audio or a silence voice (a listed voice is ``models.Voice``)."""
Background = Annotated[
    ColorBackground | ImageBackground | VideoBackground, Field(discriminator="type")
]


class VideoInput(RequestModel):
    """One scene: an optional character, a voice, an optional background."""

    character: Character | None = None
    """Who speaks; leave out for a voice-over or background-only scene."""
    voice: SceneVoice
    """What is heard."""
    background: Background | None = None
    """What is behind the character."""
