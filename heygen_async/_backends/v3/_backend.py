"""HeyGen's v3 API (the default backend): one small method per endpoint.

Sources and open questions: ``shared/heygen-v3.md``. Assumptions where HeyGen's
documents are unsure (all parsed leniently): a photo avatar's look id is what v2
called ``talking_photo_id``; ``list_talking_photos`` is the ``photo_avatar`` looks;
``list_assets`` lists the assets of the key's own member (``GET /v3/users/me``
gives the username the Beta endpoint requires).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..._constants import (
    DIRECT_UPLOAD_THRESHOLD,
    TRANSFER_TIMEOUT,
    V3_STATUS_BATCH_SIZE,
)
from ..._errors import APIResponseError, InvalidRequestError
from ..._transport import APIRequest, Files
from ..._uploads import SUPPORTED_CONTENT_TYPES
from ...models import (
    Asset,
    Avatar,
    AvatarIVVideoRequest,
    GeneratedVideo,
    GenerateVideoRequest,
    TalkingPhoto,
    UploadedAsset,
    VideoError,
    VideoStatus,
    VideoSummary,
    Voice,
)
from .._base import Backend, ContentFactory
from .._paging import TokenPage, paged
from .._parsing import as_dict, data_of, list_of, parse, parse_items, with_id
from . import _bodies
from ._dialect import V3Dialect

if TYPE_CHECKING:
    from ...resources._endpoint import Endpoint

# The v3 operations the seed methods send, by where they are declared: module under
# ``heygen_async.resources``, resource class, method. Their paths, methods and where
# each parameter goes are read from those declarations (loaded on first use), so a
# v3 path is written once, in its resource module.
CREATE_VIDEO = "videos.AsyncVideos.create"
GET_VIDEO = "videos.AsyncVideos.get"
VIDEO_STATUSES = "videos.AsyncVideos.statuses"
LIST_VIDEOS = "videos.AsyncVideos.list"
LIST_LOOKS = "avatars.AsyncAvatarLooks.list"
LIST_VOICES = "voices.AsyncVoices.list"
LIST_ASSETS = "assets.AsyncAssets.list"
CREATE_ASSET = "assets.AsyncAssets.create"
DIRECT_UPLOAD = "assets.AsyncAssets.direct_upload"
COMPLETE_UPLOAD = "assets.AsyncAssets.complete"
ME = "users.AsyncUsers.me"

LOOKS_PAGE = 50
VOICES_PAGE = 100
LIST_PAGE = 100

# v3 takes every type the SDK knows, PDF and SRT subtitles included (HeyGen lists
# srt among v3's upload types); the legacy API narrows the list.
UPLOAD_CONTENT_TYPES = SUPPORTED_CONTENT_TYPES

_DECLARED: dict[str, Endpoint] = {}


def declared(operation: str) -> Endpoint:
    """The declaration of ``operation`` (``"videos.AsyncVideos.get"``), its resource
    module imported the first time it is asked for (importing the client loads none)."""
    found = _DECLARED.get(operation)
    if found is None:
        module, owner, method = operation.split(".")
        resource = getattr(importlib.import_module(f"heygen_async.resources.{module}"), owner)
        found = _DECLARED[operation] = getattr(resource, method).__endpoint__
    return found


def _page(body: Any, what: str) -> TokenPage[Any]:
    """A v3 list: its items and the cursor beside them (None on the last page)."""
    items = list_of(body, what)
    token = body.get("next_token") if body.get("has_more", True) else None
    return items, (str(token) if token else None)


def _renamed(item: Any, names: dict[str, str]) -> Any:
    """A list item with v3's field names copied to the SDK model's (both kept)."""
    if not isinstance(item, dict):
        return item
    extra = {old: item[new] for old, new in names.items() if new in item and old not in item}
    return {**item, **extra}


class V3Backend(Backend):
    """The seed methods on v3: each one declared operation (``resources/``) sent with
    the seed's arguments, its answer read into the seed's model."""

    api_version = "v3"
    dialect = V3Dialect()
    status_batch_size = V3_STATUS_BATCH_SIZE
    statuses_carry_urls = False
    idempotency_keys = True
    avatar_iv_image_is_asset_id = True
    upload_content_types = UPLOAD_CONTENT_TYPES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._username: str | None = None

    async def _send(
        self,
        operation: str,
        values: Mapping[str, Any],
        *,
        body: Any = None,
        files: Files | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Send the declared ``operation`` with ``values`` (its parameters, by their
        declared names), or with the ``body`` or ``files`` given; the transport's answer."""
        request = declared(operation).request(
            values, body=body, files=files, idempotency_key=idempotency_key
        )
        return await self.transport.request(request)

    # -- creates -----------------------------------------------------------------

    def video_body(self, request: GenerateVideoRequest) -> dict[str, Any]:
        return _bodies.video_body(request)

    def avatar_iv_body(self, request: AvatarIVVideoRequest) -> dict[str, Any]:
        return _bodies.avatar_iv_body(request)

    async def create_video(
        self, body: dict[str, Any], *, avatar_iv: bool, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        answer = await self._send(CREATE_VIDEO, {}, body=body, idempotency_key=idempotency_key)
        return parse(GeneratedVideo, data_of(answer, "create video"), "create video")

    # -- statuses ------------------------------------------------------------------

    async def get_video_status(self, video_id: str) -> VideoStatus:
        answer = await self._send(GET_VIDEO, {"video_id": video_id})
        return parse(VideoStatus, with_id(data_of(answer, "video"), "video_id", video_id), "video")

    async def get_video_statuses(self, video_ids: Sequence[str]) -> list[VideoStatus]:
        """One bulk status read (``videos.statuses``) for up to 100 ids; no URLs in its
        answer."""
        if len(video_ids) > self.status_batch_size:
            raise InvalidRequestError(
                f"video_ids: at most {self.status_batch_size} per request",
                field="video_ids",
                allowed=f"1 to {self.status_batch_size}",
            )
        answer = await self._send(VIDEO_STATUSES, {"video_ids": list(video_ids)})
        entries, _ = _page(answer, "video statuses")
        by_id: dict[str, VideoStatus] = {}
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("video_id"):
                continue
            by_id[str(entry["video_id"])] = self._status_entry(entry)
        return [
            by_id.get(video_id) or VideoStatus(video_id=video_id, status="not_found")
            for video_id in video_ids
        ]

    @staticmethod
    def _status_entry(entry: dict[str, Any]) -> VideoStatus:
        error = entry.get("error")
        fields: dict[str, Any] = {"video_id": entry["video_id"], "status": entry.get("status")}
        if isinstance(error, dict) and error:
            fields["error"] = VideoError.model_validate(error)
        elif error:
            fields["error"] = VideoError(message=str(error))
        return parse(VideoStatus, {**entry, **fields}, "video statuses")

    # -- listings --------------------------------------------------------------------

    async def _list(
        self, operation: str, params: dict[str, Any], token: str | None, what: str
    ) -> TokenPage[Any]:
        answer = await self._send(operation, {**params, "token": token or None})
        return _page(answer, what)

    async def _all(self, operation: str, params: dict[str, Any], what: str) -> list[Any]:
        """Every item of a listing, page after page (``params`` carry v3's page size)."""

        async def fetch(size: int, token: str | None) -> TokenPage[Any]:
            return await self._list(operation, params, token, what)

        return [item async for item in paged(fetch, limit=None)]

    async def list_videos_page(self, *, limit: int, token: str | None) -> TokenPage[VideoSummary]:
        page, next_token = await self._list(
            LIST_VIDEOS, {"limit": min(limit, LIST_PAGE)}, token, "video list"
        )
        items = [_renamed(item, {"video_title": "title"}) for item in page]
        return parse_items(VideoSummary, items, "video list"), next_token

    async def list_avatars(self) -> list[Avatar]:
        looks = await self._all(LIST_LOOKS, {"limit": LOOKS_PAGE}, "avatar looks")
        avatars = [
            _renamed(look, {"avatar_id": "id", "avatar_name": "name", "type": "avatar_type"})
            for look in looks
            if isinstance(look, dict) and look.get("avatar_type") != "photo_avatar"
        ]
        return parse_items(Avatar, avatars, "avatar looks")

    async def list_talking_photos(self) -> list[TalkingPhoto]:
        params = {"limit": LOOKS_PAGE, "avatar_type": "photo_avatar"}
        looks = await self._all(LIST_LOOKS, params, "avatar looks")
        photos = [
            _renamed(look, {"talking_photo_id": "id", "talking_photo_name": "name"})
            for look in looks
        ]
        return parse_items(TalkingPhoto, photos, "avatar looks")

    async def list_voices(self) -> list[Voice]:
        voices: list[Any] = []
        for kind in ("public", "private"):
            params = {"limit": VOICES_PAGE, "type": kind}
            voices += await self._all(LIST_VOICES, params, "voice list")
        items = [_renamed(voice, {"preview_audio": "preview_audio_url"}) for voice in voices]
        return parse_items(Voice, items, "voice list")

    async def _my_username(self) -> str:
        if self._username is None:
            answer = await self._send(ME, {})
            me = as_dict(data_of(answer, "users/me"), "users/me")
            username = me.get("username")
            if not username:
                raise APIResponseError("HeyGen's users/me answer has no username")
            self._username = str(username)
        return self._username

    async def list_assets_page(
        self, *, file_type: str | None, limit: int, token: str | None
    ) -> TokenPage[Asset]:
        """One page of the member's assets; v3 cannot filter by type, so pages are read
        until one has a match (or there are no more)."""
        params = {"username": await self._my_username(), "limit": min(limit, LIST_PAGE)}
        seen: set[str] = set()
        while True:
            page, token = await self._list(LIST_ASSETS, params, token, "asset list")
            items = [
                _renamed(item, {"file_type": "type", "created_ts": "uploaded_at"}) for item in page
            ]
            if file_type is not None:
                items = [
                    item
                    for item in items
                    if isinstance(item, dict) and item.get("file_type") == file_type
                ]
            if items or not token or token in seen:
                return parse_items(Asset, items, "asset list"), token
            seen.add(token)

    # -- uploads -----------------------------------------------------------------------

    async def upload_asset(
        self,
        *,
        content_type: str,
        filename: str,
        content: bytes | None = None,
        stream: ContentFactory | None = None,
        length: int | None = None,
    ) -> UploadedAsset:
        from ..._ids import new_idempotency_key

        size = len(content) if content is not None else length
        key = new_idempotency_key()  # uploads accept one too: their retries are harmless
        if size is not None and size > DIRECT_UPLOAD_THRESHOLD:
            return await self._direct_upload(content_type, filename, size, content, stream, key)
        if content is None:
            assert stream is not None
            content = b"".join([chunk async for chunk in stream()])
        files = {"file": (filename, content, content_type)}
        answer = await self._send(CREATE_ASSET, {}, files=files, idempotency_key=key)
        return self._uploaded(data_of(answer, "upload"), content_type)

    async def _direct_upload(
        self,
        content_type: str,
        filename: str,
        size: int,
        content: bytes | None,
        stream: ContentFactory | None,
        key: str,
    ) -> UploadedAsset:
        """Files over 32 MB: a presigned slot, a PUT to storage (no API key), complete."""
        fields = {"filename": filename, "content_type": content_type, "size_bytes": size}
        answer = await self._send(DIRECT_UPLOAD, fields, idempotency_key=key)
        slot = as_dict(data_of(answer, "direct upload"), "direct upload")
        asset_id, upload_url = slot.get("asset_id"), slot.get("upload_url")
        if not asset_id or not upload_url:
            raise APIResponseError("HeyGen's direct upload answer has no asset_id or upload_url")
        headers = {str(k): str(v) for k, v in (slot.get("upload_headers") or {}).items()}
        headers.setdefault("Content-Length", str(size))
        await self.transport.request(
            APIRequest(
                "PUT",
                "<presigned storage URL>",
                url=str(upload_url),
                content=content,
                stream=stream,
                headers=headers,
                timeout=TRANSFER_TIMEOUT,
                expect_json=False,
            )
        )
        done = await self._send(COMPLETE_UPLOAD, {"asset_id": str(asset_id)})
        return self._uploaded(data_of(done, "complete upload"), content_type)

    @staticmethod
    def _uploaded(data: Any, content_type: str) -> UploadedAsset:
        data = as_dict(data, "upload")
        mime = str(data.get("mime_type") or content_type)
        fields = {"id": data.get("asset_id") or data.get("id"), "file_type": mime.split("/")[0]}
        return parse(UploadedAsset, {**data, **{k: v for k, v in fields.items() if v}}, "upload")
