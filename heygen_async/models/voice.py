"""Voices, as listed by ``GET /v2/voices``."""

from __future__ import annotations

from ._base import ResponseModel

__all__ = ["Voice"]


class Voice(ResponseModel):
    """A text-to-speech voice."""

    voice_id: str
    """Id for ``generate_video(voice_id=...)``."""
    name: str | None = None
    """Display name."""
    language: str | None = None
    """Language name, e.g. ``English``."""
    gender: str | None = None
    """``male``, ``female`` or other values HeyGen uses."""
    preview_audio: str | None = None
    """Sample audio URL (may be empty)."""
    support_pause: bool | None = None
    """Accepts ``<break time="1s"/>`` in the script."""
    emotion_support: bool | None = None
    """Accepts ``emotion``."""
    support_interactive_avatar: bool | None = None
    """Usable by interactive avatars."""
    support_locale: bool | None = None
    """Accepts ``locale`` (multilingual)."""
