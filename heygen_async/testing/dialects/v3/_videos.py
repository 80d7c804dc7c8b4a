"""v3 video routes: create (with the job limit), get, list, bulk statuses."""

from __future__ import annotations

import math
from typing import Any

from ... import _defaults as defaults
from ...account import Account, FakeVideo, VideoState
from ...server import ApiError, MediaUrls, Request, Response
from ._batches import Batches, bulk_status, failure, item_status
from ._listing import newest_first, next_token, page_limit, token_position
from ._request_validation import validate_create
from ._wire import (
    INSUFFICIENT_CREDIT,
    NOT_FOUND,
    RATE_LIMIT_EXCEEDED,
    invalid,
    listing,
    not_found,
    parse_json,
    success,
)

#: In a title, callback_id or script: the create is refused with 402 (nothing is
#: billed), as HeyGen refuses a create the balance cannot pay for. (``[fail:credit]``
#: instead accepts the video and fails its render, as on v2.)
REFUSE_CREDIT_MARKER = "[refuse:credit]"

# GET /v3/videos/{id} and GET /v3/videos: pending|processing|completed|failed.
_VIDEO_STATUS: dict[VideoState, str] = {
    "waiting": "pending",
    "pending": "pending",
    "processing": "processing",
    "completed": "completed",
    "failed": "failed",
}
# v3 video fields -> the file each links to.
_V3_FILES = {
    "video_url": ".mp4",
    "thumbnail_url": ".jpg",
    "gif_url": ".gif",
    "subtitle_url": ".srt",
    "captioned_video_url": "_caption.mp4",
}


class VideoRoutes:
    """The handlers of ``/v3/videos...``."""

    def __init__(self, account: Account, media: MediaUrls, batches: Batches) -> None:
        self._account = account
        self._media = media
        self._batches = batches

    # --- create -------------------------------------------------------------------

    async def create(self, request: Request) -> Response:
        account = self._account
        body = parse_json(request)
        account.counters.generation_requests += 1
        order = validate_create(body, account)
        if any(REFUSE_CREDIT_MARKER in text for text in order.texts):
            raise ApiError(
                402,
                INSUFFICIENT_CREDIT,
                "Your account does not have enough credit for this video.",
            )
        # v3 does not queue: a create beyond the concurrent-job limit is refused.
        wait = account.seconds_until_render_slot()
        if wait > 0:
            account.counters.job_limit_rejections += 1
            limit = account.max_concurrent_renders
            raise ApiError(
                429,
                RATE_LIMIT_EXCEEDED,
                f"Concurrent video limit reached ({limit} in progress); retry later",
                headers=[("retry-after", _job_limit_retry_after(account, wait))],
            )
        video = account.create_video(order, body)
        return success(
            {"video_id": video.video_id, "status": "waiting", "output_format": video.output_format}
        )

    # --- reads --------------------------------------------------------------------

    def video_object(self, video: FakeVideo, origin: str) -> dict[str, Any]:
        """A video as ``GET /v3/videos/{id}`` shows it (URLs signed afresh)."""
        time = self._account.time
        state = video.status_at(time.now())
        code, message = failure(video) if state == "failed" else (None, None)
        data: dict[str, Any] = {
            "id": video.video_id,
            "status": _VIDEO_STATUS[state],
            "title": video.title,
            "video_url": None,
            "captioned_video_url": None,
            "subtitle_url": None,
            "thumbnail_url": None,
            "gif_url": None,
            "duration": None,
            "created_at": time.unix(video.submitted_at),
            "completed_at": None,
            "failure_code": code,
            "failure_message": message,
            "folder_id": None,
            "output_language": None,
            "video_page_url": f"{defaults.VIDEO_PAGE_ORIGIN}/videos/{video.video_id}",
        }
        if state in ("completed", "failed"):
            data["completed_at"] = time.unix(video.finished_at)
        if state == "completed":
            data.update(self._media.rendered_files(origin, video, _V3_FILES))
        return data

    async def get(self, request: Request) -> Response:
        video_id = request.path_params["video_id"]
        self._account.counters.status_calls[video_id] += 1
        video = self._account.video(video_id)
        if video is None:
            raise not_found(NOT_FOUND, f"Video {video_id} not found", "video_id")
        return success(self.video_object(video, request.origin))

    async def list(self, request: Request) -> Response:
        limit = page_limit(request, defaults.V3_VIDEOS_LIMITS)
        before = token_position(request, "v3-videos")
        title = (request.query.get("title") or "").lower()
        folder_id = request.query.get("folder_id")

        def keep(video: FakeVideo) -> bool:
            # The fake's videos are in no folder.
            if folder_id:
                return False
            return not title or title in (video.title or "").lower()

        page, position = newest_first(self._account.videos(), keep, before, limit)
        items = [self.video_object(video, request.origin) for video in page]
        return listing(items, next_token("v3-videos", position))

    async def statuses(self, request: Request) -> Response:
        """Bulk statuses of ``video_ids`` and/or ``batch_ids`` (comma-separated): one
        item per video id, in order, then each batch's items in item order."""
        video_ids = _id_list(request, "video_ids")
        batch_ids = _id_list(request, "batch_ids")
        if not video_ids and not batch_ids:
            raise invalid("video_ids", "video_ids is required (comma-separated ids)")
        most = defaults.V3_STATUSES_MAX_IDS
        if len(video_ids) + len(batch_ids) > most:
            param = "video_ids" if len(video_ids) > most or not batch_ids else "batch_ids"
            raise invalid(param, f"at most {most} video_ids and batch_ids per request")
        account = self._account
        counters = account.counters
        counters.statuses_calls += 1
        counters.statuses_ids_per_call.append(len(video_ids) + len(batch_ids))
        items: list[dict[str, Any]] = []
        for video_id in video_ids:
            counters.statuses_by_video[video_id] += 1
            video = account.video(video_id)
            status, error = ("not_found", None) if video is None else bulk_status(account, video)
            items.append(_bulk_item(video_id, status, error))
        for batch_id in batch_ids:
            items.extend(_batch_entries(account, self._batches, batch_id))
        return listing(items, None)


def _job_limit_retry_after(account: Account, wait: float) -> str:
    """The ``Retry-After`` of a create refused at the job limit: the account's fixed
    value (HeyGen-like: it need not match when a slot frees), else the exact time
    until a slot frees on the client's clock, rounded up, at least 1 s."""
    fixed = account.job_limit_retry_after
    if fixed is not None:
        return f"{fixed:g}"
    return str(max(1, math.ceil(account.time.real_seconds(wait))))


def _batch_entries(account: Account, batches: Batches, batch_id: str) -> list[dict[str, Any]]:
    """A batch's items in the bulk read (one ``not_found`` entry for an unknown batch)."""
    batch = batches.get(batch_id)
    if batch is None:  # unknown or not this account's
        return [_bulk_item(None, "not_found", None, batch_id=batch_id)]
    entries = []
    for item in batch.items:
        if item.video_id is not None:
            account.counters.statuses_by_video[item.video_id] += 1
        status, error = item_status(account, item)
        entries.append(_bulk_item(item.video_id, status, error, batch_id, item.index))
    return entries


def _id_list(request: Request, name: str) -> list[str]:
    text = request.query.get(name, "")
    return [part.strip() for part in text.split(",") if part.strip()]


def _bulk_item(
    video_id: str | None,
    status: str,
    error: dict[str, Any] | None,
    batch_id: str | None = None,
    item_index: int | None = None,
) -> dict[str, Any]:
    return {
        "video_id": video_id,
        "status": status,
        "error": error,
        "batch_id": batch_id,
        "item_index": item_index,
    }
