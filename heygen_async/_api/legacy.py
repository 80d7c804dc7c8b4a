"""HeyGen's v1/v2 ("legacy") endpoints: one small method per endpoint.

Each method builds an ``APIRequest`` and turns the ``data`` payload into models.
Container keys that HeyGen has not documented firmly are read leniently.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

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

ModelT = TypeVar("ModelT", bound=BaseModel)


def _dict(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise APIResponseError(f"HeyGen's {what} answer has no data object")
    return data


def _parse(model: type[ModelT], data: Any, what: str) -> ModelT:
    """A response model, or ``APIResponseError`` when a required field is missing."""
    try:
        return model.model_validate(_dict(data, what))
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"]) or what
        raise APIResponseError(
            f"HeyGen's {what} answer could not be read: {where}: {problem['msg']}"
        ) from None


def _parse_items(model: type[ModelT], items: list[Any], what: str) -> list[ModelT]:
    return [_parse(model, item, what) for item in items if isinstance(item, dict)]


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
        return _parse(GeneratedVideo, data, "generate")

    async def generate_avatar_iv_video(self, body: dict[str, Any]) -> GeneratedVideo:
        data = await self.transport.request(
            APIRequest(
                "POST", GENERATE_AVATAR_IV_VIDEO, json=body, timeout=GENERATE_TIMEOUT, billed=True
            )
        )
        return _parse(GeneratedVideo, data, "Avatar IV generate")

    async def get_video_status(self, video_id: str) -> VideoStatus:
        data = await self.transport.request(
            APIRequest("GET", VIDEO_STATUS, params={"video_id": video_id})
        )
        data = _dict(data, "video status")
        if not (data.get("id") or data.get("video_id")):
            data = {**data, "id": video_id}
        return _parse(VideoStatus, data, "video status")

    async def list_videos_page(
        self, *, limit: int, token: str | None
    ) -> tuple[list[VideoSummary], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", VIDEO_LIST, params=params))
        videos = _parse_items(VideoSummary, _items(data, "videos", "list"), "video list")
        return videos, _next_token(data)

    async def list_avatars_and_photos(self) -> tuple[list[Avatar], list[TalkingPhoto]]:
        data = await self.transport.request(APIRequest("GET", AVATARS))
        avatars = _parse_items(Avatar, _items(data, "avatars"), "avatar list")
        photos = _parse_items(TalkingPhoto, _items(data, "talking_photos"), "avatar list")
        return avatars, photos

    async def list_voices(self) -> list[Voice]:
        data = await self.transport.request(APIRequest("GET", VOICES))
        return _parse_items(Voice, _items(data, "voices"), "voice list")

    async def list_assets_page(
        self, *, file_type: str | None, limit: int, token: str | None
    ) -> tuple[list[Asset], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if file_type:
            params["file_type"] = file_type
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", ASSET_LIST, params=params))
        assets = _parse_items(Asset, _items(data, "assets", "list", "files"), "asset list")
        return assets, _next_token(data)

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
        return _parse(UploadedAsset, data, "upload")
