"""HeyGen's v1/v2 ("legacy") endpoints: one small method per endpoint.

Each method builds an ``APIRequest`` and turns the ``data`` payload into models.
Container keys that HeyGen has not documented firmly are read leniently.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from .._constants import GENERATE_TIMEOUT, TRANSFER_TIMEOUT
from .._errors import APIResponseError
from .._transport import APIRequest, Transport
from .._transport._transport import ContentFactory
from ..models import (
    Asset,
    Avatar,
    GeneratedVideo,
    TalkingPhoto,
    UploadedAsset,
    VideoStatus,
    VideoSummary,
    Voice,
)

GENERATE_VIDEO = "/v2/video/generate"
GENERATE_AVATAR_IV_VIDEO = "/v2/video/av4/generate"
VIDEO_STATUS = "/v1/video_status.get"
VIDEO_LIST = "/v1/video.list"
AVATARS = "/v2/avatars"
VOICES = "/v2/voices"
ASSET_LIST = "/v1/asset/list"
ASSET_UPLOAD = "/v1/asset"  # on the upload host


def _dict(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise APIResponseError(f"HeyGen's {what} answer has no data object")
    return data


def _items(data: Any, *keys: str) -> list[Any]:
    """The list under the first of ``keys`` present (or ``data`` itself if it is a list)."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            value = data.get(key)
            if isinstance(value, list):
                return value
    return []


def _next_token(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    for key in ("token", "next_token", "next_page_token"):
        value = data.get(key)
        if value:
            return str(value)
    return None


class LegacyAPI:
    """The v1/v2 endpoints, each one request and one parse."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def generate_video(self, body: dict[str, Any]) -> GeneratedVideo:
        data = await self.transport.request(
            APIRequest("POST", GENERATE_VIDEO, json=body, timeout=GENERATE_TIMEOUT, billed=True)
        )
        return GeneratedVideo.model_validate(_dict(data, "generate"))

    async def generate_avatar_iv_video(self, body: dict[str, Any]) -> GeneratedVideo:
        data = await self.transport.request(
            APIRequest(
                "POST", GENERATE_AVATAR_IV_VIDEO, json=body, timeout=GENERATE_TIMEOUT, billed=True
            )
        )
        return GeneratedVideo.model_validate(_dict(data, "Avatar IV generate"))

    async def get_video_status(self, video_id: str) -> VideoStatus:
        data = await self.transport.request(
            APIRequest("GET", VIDEO_STATUS, params={"video_id": video_id})
        )
        data = _dict(data, "video status")
        if not (data.get("id") or data.get("video_id")):
            data = {**data, "id": video_id}
        return VideoStatus.model_validate(data)

    async def list_videos_page(
        self, *, limit: int, token: str | None
    ) -> tuple[list[VideoSummary], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", VIDEO_LIST, params=params))
        videos = [VideoSummary.model_validate(v) for v in _items(data, "videos", "list")]
        return videos, _next_token(data)

    async def list_avatars_and_photos(self) -> tuple[list[Avatar], list[TalkingPhoto]]:
        data = await self.transport.request(APIRequest("GET", AVATARS))
        avatars = [Avatar.model_validate(a) for a in _items(data, "avatars")]
        photos = [TalkingPhoto.model_validate(p) for p in _items(data, "talking_photos")]
        return avatars, photos

    async def list_voices(self) -> list[Voice]:
        data = await self.transport.request(APIRequest("GET", VOICES))
        return [Voice.model_validate(v) for v in _items(data, "voices")]

    async def list_assets_page(
        self, *, file_type: str | None, limit: int, token: str | None
    ) -> tuple[list[Asset], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if file_type:
            params["file_type"] = file_type
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", ASSET_LIST, params=params))
        assets = [Asset.model_validate(a) for a in _items(data, "assets", "list", "files")]
        return assets, _next_token(data)

    async def iter_pages(
        self, *, file_type: str | None, page_size: int
    ) -> AsyncIterator[list[Asset]]:
        token: str | None = None
        while True:
            page, token = await self.list_assets_page(
                file_type=file_type, limit=page_size, token=token
            )
            yield page
            if not token or not page:
                return

    async def upload_asset(
        self,
        *,
        content_type: str,
        content: bytes | None = None,
        stream: ContentFactory | None = None,
        length: int | None = None,
    ) -> UploadedAsset:
        headers = {"Content-Type": content_type}
        if length is not None:
            headers["Content-Length"] = str(length)
        data = await self.transport.request(
            APIRequest(
                "POST",
                ASSET_UPLOAD,
                host="upload",
                content=content,
                stream=stream,
                headers=headers,
                timeout=TRANSFER_TIMEOUT,
            )
        )
        return UploadedAsset.model_validate(_dict(data, "upload"))
