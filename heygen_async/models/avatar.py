"""Avatars and talking photos, as listed by ``GET /v2/avatars``."""

from __future__ import annotations

from ._base import ResponseModel

__all__ = ["Avatar", "TalkingPhoto"]


class Avatar(ResponseModel):
    """A studio avatar look."""

    avatar_id: str
    """Id for ``generate_video(avatar_id=...)``."""
    avatar_name: str | None = None
    """Display name."""
    gender: str | None = None
    """``male``, ``female`` or other values HeyGen uses."""
    preview_image_url: str | None = None
    """Still preview."""
    preview_video_url: str | None = None
    """Video preview."""
    premium: bool | None = None
    """Premium avatars need a plan that includes them."""
    type: str | None = None
    """Avatar kind, when given."""
    tags: list[str] | None = None
    """Tags, when given."""
    default_voice_id: str | None = None
    """Voice that suits the avatar, when given."""


class TalkingPhoto(ResponseModel):
    """A talking photo (photo avatar look)."""

    talking_photo_id: str
    """Id for ``TalkingPhotoCharacter(talking_photo_id=...)``."""
    talking_photo_name: str | None = None
    """Display name."""
    preview_image_url: str | None = None
    """The photo."""
