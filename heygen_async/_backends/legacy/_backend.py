"""HeyGen's v1/v2 ("legacy") endpoints: one small method per endpoint.

Selected with ``api_version="v2"``. HeyGen retired most of these endpoints on
2026-11-01; the backend stays, unchanged, for accounts that still have them.
Container keys that HeyGen has not documented firmly are read leniently.
"""

from __future__ import annotations

from typing import Any

from ..._constants import GENERATE_TIMEOUT, SETTLEMENT_SCAN_LIMIT, TRANSFER_TIMEOUT
from ..._errors import InvalidRequestError
from ..._transport import APIRequest
from ...models import (
    Asset,
    Avatar,
    AvatarIVVideoRequest,
    GeneratedVideo,
    GenerateVideoRequest,
    TalkingPhoto,
    UploadedAsset,
    VideoStatus,
    VideoSummary,
    Voice,
)
from .._base import Backend, ContentFactory
from .._parsing import as_dict, items_of, next_token, parse, parse_items
from ._dialect import LegacyDialect

GENERATE_VIDEO = "/v2/video/generate"
GENERATE_AVATAR_IV_VIDEO = "/v2/video/av4/generate"
VIDEO_STATUS = "/v1/video_status.get"
VIDEO_LIST = "/v1/video.list"
AVATARS = "/v2/avatars"
VOICES = "/v2/voices"
ASSET_LIST = "/v1/asset/list"
ASSET_UPLOAD = "/v1/asset"  # on the upload host

# The upload host takes the raw bytes of these types.
UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "video/mp4", "video/webm", "audio/mpeg")


def _with_extra(body: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    return {**body, **extra} if extra else body


class LegacyBackend(Backend):
    """The v1/v2 endpoints, each one request and one parse."""

    api_version = "v2"
    dialect = LegacyDialect()
    settles_by_callback_id = True
    upload_content_types = UPLOAD_CONTENT_TYPES

    def video_body(self, request: GenerateVideoRequest) -> dict[str, Any]:
        return _with_extra(request.to_wire(), request.extra_body)

    def avatar_iv_body(self, request: AvatarIVVideoRequest) -> dict[str, Any]:
        return _with_extra(request.to_wire(), request.extra_body)

    @staticmethod
    def _no_key(idempotency_key: str | None) -> None:
        if idempotency_key is not None:
            raise InvalidRequestError(
                "idempotency_key: HeyGen's v1/v2 API has no idempotency keys; use "
                'api_version="v3" for safe retries of creates',
                field="idempotency_key",
                allowed='None on api_version="v2"',
            )

    async def create_video(
        self, body: dict[str, Any], *, avatar_iv: bool, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        self._no_key(idempotency_key)
        path = GENERATE_AVATAR_IV_VIDEO if avatar_iv else GENERATE_VIDEO
        data = await self.transport.request(
            APIRequest("POST", path, json=body, timeout=GENERATE_TIMEOUT, billed=True)
        )
        return parse(GeneratedVideo, data, "Avatar IV generate" if avatar_iv else "generate")

    async def get_video_status(self, video_id: str) -> VideoStatus:
        data = await self.transport.request(
            APIRequest("GET", VIDEO_STATUS, params={"video_id": video_id})
        )
        data = as_dict(data, "video status")
        if not (data.get("id") or data.get("video_id")):
            data = {**data, "id": video_id}
        return parse(VideoStatus, data, "video status")

    async def list_videos_page(
        self, *, limit: int, token: str | None
    ) -> tuple[list[VideoSummary], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", VIDEO_LIST, params=params))
        videos = parse_items(VideoSummary, items_of(data, "videos", "list"), "video list")
        return videos, next_token(data)

    async def _avatars_and_photos(self) -> tuple[list[Avatar], list[TalkingPhoto]]:
        data = await self.transport.request(APIRequest("GET", AVATARS))
        avatars = parse_items(Avatar, items_of(data, "avatars"), "avatar list")
        photos = parse_items(TalkingPhoto, items_of(data, "talking_photos"), "avatar list")
        return avatars, photos

    async def list_avatars(self) -> list[Avatar]:
        return (await self._avatars_and_photos())[0]

    async def list_talking_photos(self) -> list[TalkingPhoto]:
        return (await self._avatars_and_photos())[1]

    async def list_voices(self) -> list[Voice]:
        data = await self.transport.request(APIRequest("GET", VOICES))
        return parse_items(Voice, items_of(data, "voices"), "voice list")

    async def list_assets_page(
        self, *, file_type: str | None, limit: int, token: str | None
    ) -> tuple[list[Asset], str | None]:
        params: dict[str, str | int] = {"limit": limit}
        if file_type:
            params["file_type"] = file_type
        if token:
            params["token"] = token
        data = await self.transport.request(APIRequest("GET", ASSET_LIST, params=params))
        assets = parse_items(Asset, items_of(data, "assets", "list", "files"), "asset list")
        return assets, next_token(data)

    async def upload_asset(
        self,
        *,
        content_type: str,
        filename: str,
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
        return parse(UploadedAsset, data, "upload")

    async def find_videos_by_callback_id(self, callback_ids: set[str]) -> dict[str, str]:
        """Search the account's newest videos (at most ``SETTLEMENT_SCAN_LIMIT``) until
        every id is found: a lost create is recent, and an old account is large."""
        from .._paging import paged

        found: dict[str, str] = {}
        if not callback_ids:
            return found

        async def fetch(size: int, token: str | None) -> tuple[list[VideoSummary], str | None]:
            return await self.list_videos_page(limit=size, token=token)

        async for video in paged(fetch, limit=SETTLEMENT_SCAN_LIMIT):
            if video.callback_id in callback_ids:
                found.setdefault(video.callback_id, video.video_id)
                if len(found) == len(callback_ids):
                    break
        return found
