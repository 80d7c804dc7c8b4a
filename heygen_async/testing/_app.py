"""The fake's ASGI app: routing, fault injection, auth and the API handlers.

One app serves both HeyGen hosts (api.heygen.com and upload.heygen.com) and the
media URLs it hands out; it routes on method and path and ignores the Host
(except to build absolute URLs that point back at itself).

Per request, in order: pick the endpoint's fault (``FaultPlan.decide``), drop
or delay or answer with the fault if one applies, check ``X-Api-Key``, run the
handler, then let a post-processing fault (``malformed_json``, ``drop_after``,
``truncated_body``, ``wrong_length``) spoil the answer.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import json
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import anyio

from . import _defaults as defaults
from ._asgi import (
    Receive,
    Request,
    Response,
    Scope,
    Send,
    can_abort,
    drop_connection,
    read_body,
    send_body,
    send_start,
)
from ._catalogue import ASSET_NOT_FOUND_CODE, FAILURE_REASONS
from ._counters import canonical_json
from ._downloads import serve_media
from ._faults import DOWNLOAD, Fault
from ._media import MEDIA_PREFIX
from ._state import FakeVideo
from ._validation import Submission, validate_av4, validate_generate
from ._wire import (
    HTML,
    INVALID_FILE_TYPE,
    INVALID_PARAMETER,
    INVALID_QUERY_PARAM,
    INVALID_VIDEO_ID,
    JSON,
    MALFORMED_JSON,
    MISSING_PARAMS,
    RATE_LIMITED,
    UNAUTHORIZED,
    V2_INTERNAL_ERROR,
    ApiError,
    Envelope,
    dumps,
    failure,
    html_page,
    success,
)

if TYPE_CHECKING:
    from ._fake import FakeHeyGen

Handler = Callable[[Request], Awaitable[Response]]
ASSET_FILES_PREFIX = "/_fake/assets/"
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


def _encode_token(prefix: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{prefix}:{position}".encode()).decode().rstrip("=")


def _decode_token(prefix: str, token: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        kind, _, number = base64.urlsafe_b64decode(padded).decode().partition(":")
        if kind != prefix:
            raise ValueError(kind)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, INVALID_QUERY_PARAM, "token is invalid") from None


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


def _json(status: int, body: bytes, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(status, body, JSON, headers or [])


# Faults that replace the real answer (the request is not processed).
_ANSWERED_INSTEAD = ("rate_limit", "server_error", "html_error")


class FakeApp:
    """The ASGI callable behind ``FakeHeyGen.app``. Build it through ``FakeHeyGen``."""

    def __init__(self, fake: FakeHeyGen) -> None:
        self._fake = fake
        # (method, path) -> (endpoint name for faults/counters, envelope, handler)
        self._routes: dict[tuple[str, str], tuple[str, Envelope, Handler]] = {
            ("POST", "/v2/video/generate"): ("generate", "v2", self._generate),
            ("POST", "/v2/video/av4/generate"): ("av4", "v2", self._generate_av4),
            ("GET", "/v1/video_status.get"): ("status", "v1", self._status),
            ("GET", "/v1/video.list"): ("list_videos", "v1", self._list_videos),
            ("GET", "/v2/avatars"): ("avatars", "v2", self._avatars),
            ("GET", "/v2/voices"): ("voices", "v2", self._voices),
            ("GET", "/v1/asset/list"): ("assets", "v1", self._list_assets),
            ("POST", "/v1/asset"): ("upload", "v1", self._upload),
        }

    # --- ASGI entry point ------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = Request.from_scope(scope)
        if request.path.startswith(MEDIA_PREFIX) and request.method in ("GET", "HEAD"):
            await self._download(request, send)
            return
        route = self._routes.get((request.method, request.path))
        if route is None:
            await self._other(request, receive, send)
            return
        endpoint, envelope, handler = route
        fault, dropped = await self._faults_before_handling(endpoint, send)
        if dropped:
            return
        if fault is not None and fault.kind in _ANSWERED_INSTEAD:
            await self._send(send, self._fault_response(fault, envelope))
            return
        limit = defaults.UPLOAD_MAX_BYTES if endpoint == "upload" else defaults.JSON_BODY_MAX_BYTES
        body = await read_body(receive, limit)
        if body is None:
            await self._send(send, Response(413, html_page(413), HTML))
            return
        request.body = body
        try:
            self._authenticate(request)
            response = await handler(request)
        except ApiError as exc:
            response = _json(exc.http_status, failure(envelope, exc.code, exc.message))
        if fault is not None and fault.kind == "malformed_json":
            self._count_fault(endpoint, fault)
            response = _json(200, MALFORMED_JSON[envelope])
        elif fault is not None and fault.kind == "drop_after":
            self._count_fault(endpoint, fault)
            await drop_connection(send, processed=True)
            return
        await self._send(send, response)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _send(self, send: Send, response: Response) -> None:
        headers = [("content-type", response.content_type), *response.headers]
        if not any(name == "content-length" for name, _ in response.headers):
            headers.append(("content-length", str(len(response.body))))
        await send_start(send, response.status, headers)
        await send_body(send, response.body)

    def _count_fault(self, endpoint: str, fault: Fault) -> None:
        self._fake.counters.faults[(endpoint, fault.kind)] += 1

    async def _faults_before_handling(self, endpoint: str, send: Send) -> tuple[Fault | None, bool]:
        """What every route does first: draw this request's fault, count it, and
        drop the connection or add latency as it says.

        Returns the fault (None for none) and whether the connection was dropped,
        which ends the request. A fault of ``_ANSWERED_INSTEAD`` is counted here
        and answered by the caller, in its endpoint's own format.
        """
        decision = self._fake.faults.decide(endpoint)
        fault = decision.fault
        if fault is not None and fault.kind == "drop_before":
            self._count_fault(endpoint, fault)
            await drop_connection(send, processed=False)
            return fault, True
        self._fake.counters.requests[endpoint] += 1
        if decision.delay:
            await anyio.sleep(decision.delay)
        if fault is not None and fault.kind in _ANSWERED_INSTEAD:
            self._count_fault(endpoint, fault)
        return fault, False

    # --- faults ----------------------------------------------------------------

    def _fault_response(self, fault: Fault, envelope: Envelope) -> Response:
        headers: list[tuple[str, str]] = []
        if fault.retry_after is not None:
            if fault.http_date:
                # Real wall time: the client compares the date with its own clock.
                # Rounded up, so the date is never earlier than asked.
                when = time.time() + fault.retry_after + 1
                value = email.utils.formatdate(when, usegmt=True)
            else:
                value = f"{fault.retry_after:g}"
            headers.append(("retry-after", value))
        if fault.kind == "html_error":
            return Response(fault.status, html_page(fault.status), HTML, headers)
        if fault.kind == "rate_limit":
            body = failure(envelope, RATE_LIMITED, "Too many requests, please retry later")
        else:
            code: int | str = V2_INTERNAL_ERROR if envelope == "v2" else fault.status
            body = failure(envelope, code, "Internal server error, please try again later")
        return _json(fault.status, body, headers)

    # --- auth ------------------------------------------------------------------

    def _authenticate(self, request: Request) -> None:
        key = request.headers.get("x-api-key", "")
        allowed = self._fake.api_keys
        if not key or (allowed is not None and key not in allowed):
            # v1 paths answer {"code": 400112, ...}; the v2 envelope carries the
            # string code "internal_error", as seen from HeyGen (heygen-api.md 8.2).
            code: int | str = V2_INTERNAL_ERROR if request.path.startswith("/v2/") else UNAUTHORIZED
            raise ApiError(401, code, "Unauthorized")

    # --- generation ------------------------------------------------------------

    @staticmethod
    def _parse_json(request: Request) -> Any:
        try:
            return json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, INVALID_PARAMETER, "Request body is not valid JSON") from None

    async def _generate(self, request: Request) -> Response:
        body = self._parse_json(request)
        self._fake.counters.generation_requests += 1
        video = self._create(validate_generate(body, self._fake.catalogue), body)
        return _json(200, success(self._fake.generate_envelope, {"video_id": video.video_id}))

    async def _generate_av4(self, request: Request) -> Response:
        body = self._parse_json(request)
        self._fake.counters.generation_requests += 1
        video = self._create(validate_av4(body, self._fake.catalogue), body)
        return _json(200, success("v2", {"video_id": video.video_id}))

    def _create(self, submission: Submission, body: dict[str, Any]) -> FakeVideo:
        fake = self._fake
        video = fake._store.submit(
            now=fake.now(),
            kind=submission.kind,
            title=submission.title,
            callback_id=submission.callback_id,
            duration=submission.duration,
            caption=submission.caption,
            forced_error=self._forced_error(submission),
            random_errors=list(FAILURE_REASONS.values()),
            body=body,
        )
        counters = fake.counters
        counters.videos_created += 1
        counters.generations_by_callback_id[submission.callback_id] += 1
        counters.generations_by_body[canonical_json(body)] += 1
        return video

    @staticmethod
    def _forced_error(submission: Submission) -> dict[str, Any] | None:
        """``[fail]`` / ``[fail:<reason>]`` in any user text, or an unknown asset id."""
        for text in submission.texts:
            start = text.find("[fail")
            if start < 0:
                continue
            end = text.find("]", start)
            marker = text[start + 1 : end] if end > 0 else "fail"
            _, _, key = marker.partition(":")
            reason = FAILURE_REASONS.get(key.strip()) or next(iter(FAILURE_REASONS.values()))
            return dict(reason)
        if submission.unknown_assets:
            asset_id = submission.unknown_assets[0]
            return {
                "code": ASSET_NOT_FOUND_CODE,
                "message": f"Asset {asset_id} not found.",
                "detail": "An asset id in the request does not belong to this account.",
            }
        return None

    # --- status and lists ------------------------------------------------------

    async def _status(self, request: Request) -> Response:
        fake = self._fake
        video_id = request.query.get("video_id", "")
        if not video_id:
            raise ApiError(400, MISSING_PARAMS, "video_id is required")
        fake.counters.status_calls[video_id] += 1
        video = fake._store.get(video_id)
        if video is None:
            raise ApiError(404, INVALID_VIDEO_ID, f"Video {video_id} not found")
        return _json(200, success("v1", self._status_data(video, request.origin)))

    def _status_data(self, video: FakeVideo, origin: str) -> dict[str, Any]:
        fake = self._fake
        now = fake.now()
        state = video.status_at(now)
        data: dict[str, Any] = {
            "id": video.video_id,
            "status": state,
            "callback_id": video.callback_id,
            "created_at": int(fake.epoch + video.submitted_at),
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
            expires = int(fake.epoch + now + fake.url_ttl)

            def url(suffix: str) -> str:
                return fake._signer.sign(origin, f"{MEDIA_PREFIX}{video.video_id}{suffix}", expires)

            data.update(
                duration=video.duration,
                video_url=url(".mp4"),
                thumbnail_url=url(".jpg"),
                gif_url=url(".gif"),
            )
            if video.caption:
                data.update(video_url_caption=url("_caption.mp4"), caption_url=url(".ass"))
        return data

    async def _list_videos(self, request: Request) -> Response:
        fake = self._fake
        limit = _page_limit(request)
        token = request.query.get("token")
        before = _decode_token("v", token) if token else None
        page, next_position = fake._store.page_newest_first(limit, before)
        now = fake.now()
        videos = [
            {
                "video_id": video.video_id,
                "status": _LIST_STATUS[video.status_at(now)],
                "created_at": int(fake.epoch + video.submitted_at),
                "type": "GENERATED",
                "video_title": video.title,
                "callback_id": video.callback_id,
            }
            for video in page
        ]
        next_token = _encode_token("v", next_position) if next_position is not None else None
        return _json(200, success("v1", {"videos": videos, "token": next_token}))

    async def _avatars(self, request: Request) -> Response:
        catalogue = self._fake.catalogue
        data = {"avatars": catalogue.avatars, "talking_photos": catalogue.talking_photos}
        return _json(200, success("v2", data))

    async def _voices(self, request: Request) -> Response:
        return _json(200, success("v2", {"voices": self._fake.catalogue.voices}))

    async def _list_assets(self, request: Request) -> Response:
        limit = _page_limit(request)
        file_type = request.query.get("file_type")
        if file_type is not None and file_type not in ("image", "video", "audio"):
            raise ApiError(400, INVALID_QUERY_PARAM, "file_type must be image, video or audio")
        folder_id = request.query.get("folder_id")
        token = request.query.get("token")
        assets = self._fake.catalogue.assets
        # Newest first; the cursor is a position in upload order, so uploads made
        # while a caller pages do not shift later pages.
        position = _decode_token("a", token) if token else len(assets)
        page: list[dict[str, Any]] = []
        while position > 0 and len(page) < limit:
            position -= 1
            asset = assets[position]
            if file_type is not None and asset.get("file_type") != file_type:
                continue
            if folder_id is not None and asset.get("folder_id", "") != folder_id:
                continue
            page.append({key: asset.get(key) for key in _ASSET_LIST_FIELDS})
        more = any(
            (file_type is None or a.get("file_type") == file_type)
            and (folder_id is None or a.get("folder_id", "") == folder_id)
            for a in assets[:position]
        )
        next_token = _encode_token("a", position) if more else None
        return _json(200, success("v1", {"assets": page, "token": next_token}))

    # --- uploads (upload.heygen.com) -------------------------------------------

    async def _upload(self, request: Request) -> Response:
        fake = self._fake
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
        asset_id = fake._new_asset_id()
        extension = _EXTENSIONS[content_type]
        fake._asset_files[asset_id] = (request.body, content_type)
        asset = {
            "id": asset_id,
            "name": asset_id,
            "file_type": file_type,
            "folder_id": "",
            "meta": None,
            "created_ts": int(fake.unix_now()),
            "url": f"{request.origin}{ASSET_FILES_PREFIX}{asset_id}.{extension}",
            "image_key": f"image/{asset_id}/original.{extension}" if file_type == "image" else None,
        }
        fake.catalogue.assets.append(asset)
        fake.counters.uploads += 1
        fake.counters.upload_bytes += len(request.body)
        # The upload host's own variant of the v1 envelope (heygen-api.md 5.1).
        return _json(200, dumps({"code": 100, "data": asset, "msg": None, "message": None}))

    # --- downloads and everything else -----------------------------------------

    async def _download(self, request: Request, send: Send) -> None:
        fake = self._fake
        fault, dropped = await self._faults_before_handling(DOWNLOAD, send)
        if dropped:
            return
        if fault is not None and fault.kind in _ANSWERED_INSTEAD:
            response = self._fault_response(fault, "v1")
            if fault.kind == "server_error":  # S3 answers errors in XML, not JSON
                response = Response(fault.status, html_page(fault.status), HTML, response.headers)
            await self._send(send, response)
            return
        served = serve_media(
            request,
            store=fake._store,
            signer=fake._signer,
            now=fake.now(),
            unix_now=fake.unix_now(),
            video_size=fake.video_file_size,
        )
        response = served.response
        ok = response.status in (200, 206)
        if ok and request.method == "GET" and served.video_id is not None:
            fake.counters.downloads[served.video_id] += 1
        if fault is None or not ok:
            await self._send(send, response)
            return
        self._count_fault(DOWNLOAD, fault)
        if fault.kind == "drop_after":
            await drop_connection(send, processed=True)
            return
        if fault.kind in ("truncated_body", "wrong_length") and response.body:
            # Headers promise the whole body; only part of it follows.
            cut = max(1, int(len(response.body) * defaults.TRUNCATE_AT))
            headers = [
                ("content-type", response.content_type),
                *response.headers,
                ("content-length", str(len(response.body))),
            ]
            await send_start(send, response.status, headers)
            # Over a real socket a short body can only end by closing the connection,
            # so both faults look the same there.
            dies = fault.kind == "truncated_body" or can_abort(send)
            await send_body(send, response.body[:cut], more=dies)
            if dies:
                await drop_connection(send, processed=True)
            return
        await self._send(send, response)

    async def _other(self, request: Request, receive: Receive, send: Send) -> None:
        fake = self._fake
        if request.path.startswith(ASSET_FILES_PREFIX) and request.method == "GET":
            asset_id = request.path[len(ASSET_FILES_PREFIX) :].rsplit(".", 1)[0]
            stored = fake._asset_files.get(asset_id)
            if stored is not None:
                await self._send(send, Response(200, stored[0], stored[1]))
                return
        fake.counters.requests["other"] += 1
        # Unknown paths get an HTML 404, as HeyGen answers them (heygen-api.md 8.2).
        await self._send(send, Response(404, html_page(404), HTML))
