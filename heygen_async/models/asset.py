"""Uploaded files (images, videos, audio) usable in videos."""

from __future__ import annotations

from typing import Any, Literal

from ._base import ResponseModel

__all__ = ["Asset", "AssetFileType", "UploadedAsset"]

AssetFileType = Literal["image", "video", "audio"]


class Asset(ResponseModel):
    """One item of ``GET /v1/asset/list``."""

    id: str
    """Asset id for ``image_asset_id`` / ``video_asset_id`` / ``audio_asset_id``."""
    name: str | None = None
    """File name."""
    file_type: str | None = None
    """``image``, ``video`` or ``audio``."""
    folder_id: str | None = None
    """Folder; empty for the root."""
    created_ts: float | None = None
    """Unix seconds."""
    url: str | None = None
    """Where HeyGen stores the file."""


class UploadedAsset(ResponseModel):
    """The answer to an upload."""

    id: str
    """Asset id for ``image_asset_id`` / ``video_asset_id`` / ``audio_asset_id``."""
    name: str | None = None
    """Name HeyGen gave the file."""
    file_type: str | None = None
    """``image``, ``video`` or ``audio``."""
    folder_id: str | None = None
    """Folder; empty for the root."""
    meta: Any = None
    """HeyGen's metadata, when any."""
    created_ts: float | None = None
    """Unix seconds."""
    url: str | None = None
    """Where HeyGen stores the file."""
    image_key: str | None = None
    """For images: what ``generate_avatar_iv_video(image_key=...)`` needs."""
