"""Uploaded files (images, videos, audio) usable in videos."""

from __future__ import annotations

from typing import Any, Literal

from ._base import ResponseModel

__all__ = ["Asset", "AssetFileType", "UploadedAsset"]

AssetFileType = Literal["image", "video", "audio"]


class _StoredFile(ResponseModel):
    """What HeyGen says of every file it stores: its listing and an upload's answer."""

    id: str
    """Asset id for ``image_asset_id`` / ``video_asset_id`` / ``audio_asset_id``."""
    name: str | None = None
    """The file's name (as HeyGen gave it)."""
    file_type: str | None = None
    """``image``, ``video`` or ``audio``."""
    folder_id: str | None = None
    """Folder; empty for the root."""
    created_ts: float | None = None
    """Unix seconds."""
    url: str | None = None
    """Where HeyGen stores the file."""


class Asset(_StoredFile):
    """One item of ``GET /v1/asset/list``."""


class UploadedAsset(_StoredFile):
    """The answer to an upload."""

    meta: Any = None
    """HeyGen's metadata, when any."""
    image_key: str | None = None
    """For images: what ``generate_avatar_iv_video(image_key=...)`` needs."""
