"""The v1/v2 routes and their handlers (heygen-api.md): generate, status, lists, upload."""

from __future__ import annotations

import json
from typing import Any, Literal

from ... import _defaults as defaults
from ... import _endpoints as endpoints
from ...account import Account, FakeVideo
from ...server import (
    ASSET_FILES_PREFIX,
    ApiError,
    MediaUrls,
    Request,
    Response,
    Route,
    dumps,
    json_response,
)
from .._page_tokens import decode_token, encode_token
from ._request_validation import validate_av4, validate_generate
from ._wire import (
    INVALID_FILE_TYPE,
    INVALID_PARAMETER,
    INVALID_QUERY_PARAM,
    INVALID_VIDEO_ID,
    MISSING_PARAMS,
    Envelope,
    LegacyWire,
    success,
)

_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "audio/mpeg": "mp3",
}
# The fields asset/list items carry (heygen-api.md 5.2).
_ASSET_LIST_FIELDS = ("id", "name", "file_type", "folder_id", "created_ts", "url")
# What video.list calls the states (heygen-api.md 6.1: completed|processing|failed|draft).
_LIST_STATUS = {
    "waiting": "processing",
    "pending": "processing",
    "processing": "processing",
    "completed": "completed",
    "failed": "failed",
}
_V1 = LegacyWire("v1")
_V2 = LegacyWire("v2")


def _bad_token() -> ApiError:
    return ApiError(400, INVALID_QUERY_PARAM, "token is invalid")


def _page_limit(request: Request) -> int:
    text = request.query.get("limit")
    if text is None:
        return defaults.PAGE_LIMIT_DEFAULT
    try:
        limit = int(text)
    except ValueError:
        raise ApiError(400, INVALID_QUERY_PARAM, "limit must be an integer") from None
    if not 0 <= limit <= defaults.PAGE_LIMIT_MAX:
        raise ApiError(
            400, INVALID_QUERY_PARAM, f"limit must be between 0 and {defaults.PAGE_LIMIT_MAX}"
        )
    # HeyGen documents 0..100; 0 reads as "the default page".
    return limit or defaults.PAGE_LIMIT_DEFAULT


def _parse_json(request: Request) -> Any:
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, INVALID_PARAMETER, "Request body is not valid JSON") from None


# v1 status fields -> the file each links to.
_V1_FILES = {
    "video_url": ".mp4",
    "thumbnail_url": ".jpg",
    "gif_url": ".gif",
    "video_url_caption": "_caption.mp4",
    "caption_url": ".ass",
}


class FakeLegacyDialect:
    """HeyGen's v1/v2 API over an ``Account``.

    ``generate_envelope`` is the envelope ``/v2/video/generate`` answers in
    (``"v2"`` as documented, or ``"v1"`` as HeyGen was also seen to answer).
    """

    def __init__(
        self, account: Account, media: MediaUrls, generate_envelope: Literal["v1", "v2"]
    ) -> None:
        self._account = account
        self._media = media
        self.generate_envelope: Envelope = generate_envelope

    def routes(self) -> list[Route]:
        json_max = defaults.JSON_BODY_MAX_BYTES

        def route(method: str, path: str, endpoint: str, handler: Any, wire: LegacyWire) -> Route:
            max_body = defaults.UPLOAD_MAX_BYTES if endpoint == endpoints.UPLOAD else json_max
            return Route(method, path, endpoint, handler, wire, max_body)

        return [
            route("POST", "/v2/video/generate", endpoints.GENERATE, self._generate, _V2),
            route("POST", "/v2/video/av4/generate", endpoints.AV4, self._generate_av4, _V2),
            route("GET", "/v1/video_status.get", endpoints.STATUS, self._status, _V1),
            route("GET", "/v1/video.list", endpoints.LIST_VIDEOS, self._list_videos, _V1),
            route("GET", "/v2/avatars", endpoints.AVATARS, self._avatars, _V2),
            route("GET", "/v2/voices", endpoints.VOICES, self._voices, _V2),
            route("GET", "/v1/asset/list", endpoints.ASSETS, self._list_assets, _V1),
            route("POST", "/v1/asset", endpoints.UPLOAD, self._upload, _V1),
        ]

    def not_found(self, request: Request) -> Response | None:
        return None  # HeyGen's HTML 404, which the core sends by default

    # --- generation ------------------------------------------------------------

    async def _generate(self, request: Request) -> Response:
        body = _parse_json(request)
        self._account.counters.generation_requests += 1
        video = self._account.create_video(validate_generate(body, self._account.catalogue), body)
        return json_response(200, success(self.generate_envelope, {"video_id": video.video_id}))

    async def _generate_av4(self, request: Request) -> Response:
        body = _parse_json(request)
        self._account.counters.generation_requests += 1
        video = self._account.create_video(validate_av4(body, self._account.catalogue), body)
        return json_response(200, success("v2", {"video_id": video.video_id}))

    # --- status and lists ------------------------------------------------------

    async def _status(self, request: Request) -> Response:
        account = self._account
        video_id = request.query.get("video_id", "")
        if not video_id:
            raise ApiError(400, MISSING_PARAMS, "video_id is required")
        account.counters.status_calls[video_id] += 1
        video = account.video(video_id)
        if video is None:
            raise ApiError(404, INVALID_VIDEO_ID, f"Video {video_id} not found")
        return json_response(200, success("v1", self._status_data(video, request.origin)))

    def _status_data(self, video: FakeVideo, origin: str) -> dict[str, Any]:
        time = self._account.time
        state = video.status_at(time.now())
        data: dict[str, Any] = {
            "id": video.video_id,
            "status": state,
            "callback_id": video.callback_id,
            "created_at": time.unix(video.submitted_at),
            "duration": None,
            "video_url": None,
            "video_url_caption": None,
            "thumbnail_url": None,
            "gif_url": None,
            "caption_url": None,
            "error": None,
        }
        if state == "failed":
            data["error"] = dict(video.error or {})
        elif state == "completed":
            # Freshly signed on every call, so a new status call renews expired links.
            data.update(self._media.rendered_files(origin, video, _V1_FILES))
        return data

    async def _list_videos(self, request: Request) -> Response:
        account = self._account
        limit = _page_limit(request)
        token = request.query.get("token")
        before = decode_token("v", token) if token else None
        if token and before is None:
            raise _bad_token()
        page, next_position = account.videos_page(limit, before)
        now = account.time.now()
        videos = [
            {
                "video_id": video.video_id,
                "status": _LIST_STATUS[video.status_at(now)],
                "created_at": account.time.unix(video.submitted_at),
                "type": "GENERATED",
                "video_title": video.title,
                "callback_id": video.callback_id,
            }
            for video in page
        ]
        next_token = encode_token("v", next_position) if next_position is not None else None
        return json_response(200, success("v1", {"videos": videos, "token": next_token}))

    async def _avatars(self, request: Request) -> Response:
        catalogue = self._account.catalogue
        data = {"avatars": catalogue.avatars, "talking_photos": catalogue.talking_photos}
        return json_response(200, success("v2", data))

    async def _voices(self, request: Request) -> Response:
        return json_response(200, success("v2", {"voices": self._account.catalogue.voices}))

    async def _list_assets(self, request: Request) -> Response:
        limit = _page_limit(request)
        file_type = request.query.get("file_type")
        if file_type is not None and file_type not in ("image", "video", "audio"):
            raise ApiError(400, INVALID_QUERY_PARAM, "file_type must be image, video or audio")
        folder_id = request.query.get("folder_id")
        token = request.query.get("token")
        assets = self._account.catalogue.assets

        def listed(asset: dict[str, Any]) -> bool:
            return (file_type is None or asset.get("file_type") == file_type) and (
                folder_id is None or asset.get("folder_id", "") == folder_id
            )

        # Newest first; the cursor is a position in upload order, so uploads made
        # while a caller pages do not shift later pages.
        position = decode_token("a", token) if token else len(assets)
        if position is None:
            raise _bad_token()
        page: list[dict[str, Any]] = []
        while position > 0 and len(page) < limit:
            position -= 1
            asset = assets[position]
            if listed(asset):
                page.append({key: asset.get(key) for key in _ASSET_LIST_FIELDS})
        more = any(listed(asset) for asset in assets[:position])
        next_token = encode_token("a", position) if more else None
        return json_response(200, success("v1", {"assets": page, "token": next_token}))

    # --- uploads (upload.heygen.com) -------------------------------------------

    async def _upload(self, request: Request) -> Response:
        account = self._account
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        file_type = defaults.UPLOAD_CONTENT_TYPES.get(content_type)
        if file_type is None:
            allowed = ", ".join(defaults.UPLOAD_CONTENT_TYPES)
            raise ApiError(
                400,
                INVALID_FILE_TYPE,
                f"Invalid file type {content_type or '(none)'}; Content-Type must be one of "
                f"{allowed}",
            )
        if not request.body:
            raise ApiError(400, MISSING_PARAMS, "The file is empty")
        asset_id = account.new_asset_id()
        extension = _EXTENSIONS[content_type]
        account.store_file(asset_id, request.body, content_type)
        asset = {
            "id": asset_id,
            "name": asset_id,
            "file_type": file_type,
            "folder_id": "",
            "meta": None,
            "created_ts": int(account.time.unix_now()),
            "url": f"{request.origin}{ASSET_FILES_PREFIX}{asset_id}.{extension}",
            "image_key": f"image/{asset_id}/original.{extension}" if file_type == "image" else None,
        }
        account.add_asset(asset, len(request.body))
        # The upload host's own variant of the v1 envelope (heygen-api.md 5.1).
        return json_response(200, dumps({"code": 100, "data": asset, "msg": None, "message": None}))
