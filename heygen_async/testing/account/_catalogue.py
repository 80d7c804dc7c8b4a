"""The fake's built-in sample avatars, talking photos, voices, assets, templates and
failures.

The ids are stable, so tests can name them::

    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

Each ``FakeHeyGen`` gets its own ``Catalogue`` copy; a test may append items
(``fake.catalogue.avatars.append({...})``) without touching other fakes.
Item shapes follow heygen-api.md sections 4-5 (every field a real response was
seen to carry, so the SDK's models meet realistic payloads).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

SAMPLE_AVATAR_ID = "Abigail_expressive_2024112501"
SAMPLE_TALKING_PHOTO_ID = "7f3c2a9e5b1d4c8f9a0e6d2b4c8a1f3e"
SAMPLE_VOICE_ID = "2d5b0e6cf36f460aa7fc47e3eee4ba54"
# A voice whose ``emotion_support`` is true.
SAMPLE_EMOTION_VOICE_ID = "1bd001e7e50f421d891986aad5158bc8"
SAMPLE_IMAGE_ASSET_ID = "eeb5d93b927c4ea38bf2503b0db5d4d6"
SAMPLE_IMAGE_KEY = f"image/{SAMPLE_IMAGE_ASSET_ID}/original.jpg"
SAMPLE_AUDIO_ASSET_ID = "a0d1c9e8b7f64a5e9d3c2b1a0f9e8d7c"
SAMPLE_VIDEO_ASSET_ID = "b4e2f0a8c6d94b1e8f7a6c5d4e3b2a19"
# A v3 template with one text variable, ``name`` (POST /v3/templates/{id} fills it).
SAMPLE_TEMPLATE_ID = "c3a1e5f7b9d24e6a8c0b2d4f6e8a0c2e"

_CDN = "https://files.heygen.example"
# A fixed creation time for catalogue assets (2024-07-30, the docs' example era).
_CATALOGUE_CREATED_TS = 1722360649


def _avatar(avatar_id: str, name: str, gender: str, *, premium: bool = False) -> dict[str, Any]:
    return {
        "avatar_id": avatar_id,
        "avatar_name": name,
        "gender": gender,
        "preview_image_url": f"{_CDN}/avatar/{avatar_id}/preview.webp",
        "preview_video_url": f"{_CDN}/avatar/{avatar_id}/preview.mp4",
        "premium": premium,
        "type": None,
        "tags": None,
        "default_voice_id": None,
    }


def _voice(
    voice_id: str, name: str, language: str, gender: str, *, emotion: bool = False
) -> dict[str, Any]:
    return {
        "voice_id": voice_id,
        "language": language,
        "gender": gender,
        "name": name,
        "preview_audio": f"{_CDN}/voice/{voice_id}/preview.mp3",
        "support_pause": True,
        "emotion_support": emotion,
        "support_interactive_avatar": False,
        "support_locale": language == "Multilingual",
    }


def _asset(asset_id: str, file_type: str, ext: str) -> dict[str, Any]:
    return {
        "id": asset_id,
        "name": f"sample-{file_type}.{ext}",
        "file_type": file_type,
        "folder_id": "",
        "meta": None,
        "created_ts": _CATALOGUE_CREATED_TS,
        "url": f"{_CDN}/{file_type}/{asset_id}/original.{ext}",
        "image_key": f"image/{asset_id}/original.{ext}" if file_type == "image" else None,
    }


_AVATARS = [
    _avatar(SAMPLE_AVATAR_ID, "Abigail (Upper Body)", "female"),
    _avatar("Aditya_public_4", "Aditya in Blue blazer", "male"),
    _avatar("Anna_public_3_20240108", "Anna in Brown T-shirt", "female"),
    _avatar("Brandon_Office_Sitting_Front_public", "Brandon Office Sitting", "male"),
    _avatar("Daisy-inskirt-20220818", "Daisy in Skirt", "female", premium=True),
    _avatar("Tyler-incasualsuit-20220721", "Tyler in Casual Suit", "male"),
]

_TALKING_PHOTOS = [
    {
        "talking_photo_id": SAMPLE_TALKING_PHOTO_ID,
        "talking_photo_name": "Sample photo avatar",
        "preview_image_url": f"{_CDN}/talking_photo/{SAMPLE_TALKING_PHOTO_ID}/preview.webp",
    },
    {
        "talking_photo_id": "3c9a1e7f5b2d4f8e0a6c2e4b8d1f3a5c",
        "talking_photo_name": "Second photo avatar",
        "preview_image_url": f"{_CDN}/talking_photo/3c9a1e7f5b2d4f8e0a6c2e4b8d1f3a5c/preview.webp",
    },
]

_VOICES = [
    _voice(SAMPLE_VOICE_ID, "Sara - Cheerful", "English", "female"),
    _voice(SAMPLE_EMOTION_VOICE_ID, "Paul - Natural", "English", "male", emotion=True),
    _voice("001cc6d54eae4ca2b5fb16ca8e8eb9bb", "Elizabeth", "English", "female", emotion=True),
    _voice("0e69c649917e4a6da0f9a9e1fe02b498", "Clara", "German", "female"),
    _voice("131a436c47064f708210df6628ef8f32", "Amber", "Multilingual", "female"),
    _voice("17e8a1e6e5a24c1d9a2c4f1b5e3d7a90", "Hugo", "French", "male"),
    _voice("26b2064088674c80b1e5fc5ab1a068ea", "Lucia", "Spanish", "female"),
    _voice("3f1e5a2b7c9d4e6f8a0b1c2d3e4f5a6b", "Kenji", "Japanese", "male"),
]

_ASSETS = [
    _asset(SAMPLE_IMAGE_ASSET_ID, "image", "jpg"),
    _asset(SAMPLE_AUDIO_ASSET_ID, "audio", "mp3"),
    _asset(SAMPLE_VIDEO_ASSET_ID, "video", "mp4"),
]

# HeyGen-shaped reasons a render fails (heygen-api.md sections 3 and 8.3). The
# "[fail:<key>]" marker in a title, callback_id or script picks one by key;
# plain "[fail]" picks the first; random failures draw from all of them.
FAILURE_REASONS: dict[str, dict[str, Any]] = {
    "too_long": {
        "code": 40119,
        "message": "Video is too long (> 3600.0s).",
        "detail": "Please upgrade your plan or shorten the script.",
    },
    "credit": {
        "code": "MOVIO_PAYMENT_INSUFFICIENT_CREDIT",
        "message": "Insufficient credit.",
        "detail": "The API credit pool of this account is empty.",
    },
    "moderation": {
        "code": 400168,
        "message": "Inappropriate content detected.",
        "detail": "The script was flagged by content moderation.",
    },
    "audio": {
        "code": 40044,
        "message": "Invalid audio format.",
        "detail": "The audio input could not be decoded.",
    },
}

ASSET_NOT_FOUND_CODE = 40051

# v3 templates, in the shape GET /v3/templates/{template_id} answers.
_TEMPLATES: list[dict[str, Any]] = [
    {
        "id": SAMPLE_TEMPLATE_ID,
        "name": "Welcome (fake)",
        "aspect_ratio": "16:9",
        "thumbnail_url": f"{_CDN}/template/{SAMPLE_TEMPLATE_ID}/thumbnail.jpg",
        "created_at": _CATALOGUE_CREATED_TS,
        "updated_at": _CATALOGUE_CREATED_TS,
        "variables": {
            "name": {"name": "name", "type": "text", "properties": {"content": "there"}},
        },
        "scene_ids": ["scene_1"],
        "scenes": [
            {
                "scene_id": "scene_1",
                "script": "Hello {{name}}, welcome aboard.",
                "variables": [{"name": "name", "variable_type": "text"}],
            }
        ],
    }
]


@dataclass
class Catalogue:
    """What the fake's account owns: avatars, talking photos, voices, assets.

    Lists of plain dicts in HeyGen's wire format; append to extend a fake's
    catalogue in a test. Uploads made to the fake land in ``assets``.
    """

    avatars: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(_AVATARS))
    talking_photos: list[dict[str, Any]] = field(
        default_factory=lambda: copy.deepcopy(_TALKING_PHOTOS)
    )
    voices: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(_VOICES))
    assets: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(_ASSETS))
    #: v3 templates (``SAMPLE_TEMPLATE_ID``), each as ``GET /v3/templates/{id}`` shows it.
    templates: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(_TEMPLATES))

    def has_avatar(self, avatar_id: str) -> bool:
        return any(item.get("avatar_id") == avatar_id for item in self.avatars)

    def has_talking_photo(self, talking_photo_id: str) -> bool:
        return any(item.get("talking_photo_id") == talking_photo_id for item in self.talking_photos)

    def has_voice(self, voice_id: str) -> bool:
        return any(item.get("voice_id") == voice_id for item in self.voices)

    def has_asset(self, asset_id: str) -> bool:
        return any(item.get("id") == asset_id for item in self.assets)

    def has_image_key(self, image_key: str) -> bool:
        return any(item.get("image_key") == image_key for item in self.assets)

    def avatar(self, avatar_id: str) -> dict[str, Any] | None:
        """The avatar with this id, or None."""
        return next((a for a in self.avatars if a.get("avatar_id") == avatar_id), None)

    def talking_photo(self, talking_photo_id: str) -> dict[str, Any] | None:
        """The talking photo with this id, or None."""
        return next(
            (p for p in self.talking_photos if p.get("talking_photo_id") == talking_photo_id),
            None,
        )

    def template(self, template_id: str) -> dict[str, Any] | None:
        """The v3 template with this id, or None."""
        return next((t for t in self.templates if t.get("id") == template_id), None)

    def asset(self, asset_id: str) -> dict[str, Any] | None:
        """The listed asset with this id, or None."""
        return next((a for a in self.assets if a.get("id") == asset_id), None)
