"""v3 video batches: ``POST /v3/videos/batches``, ``GET /v3/videos/batches/{batch_id}``,
and what ``GET /v3/videos/statuses?batch_ids=`` expands a batch to (heygen-v3.md 4).

A batch is ``videos`` (1-100 bodies of ``POST /v3/videos``), ``title?``,
``callback_url?``; the answer is 202 ``{"data": {"batch_id", "status",
"total_items"}}``, ``status`` as the read gives it (HeyGen's spec gives no
response schema: this is the shape of its other batch creates). Items are
processed independently, as HeyGen says of its batch APIs: a valid item becomes a
video at once (the job limit does not refuse batch items: they queue), an invalid
one becomes a ``failed`` item with ``error {code, message, param}`` and no
``video_id``; the request itself is refused (400) only when ``videos`` is not a
list of 1-100 objects. ``Idempotency-Key`` is not honoured here (HeyGen does not
say it is). The batch's ``status`` is ``processing`` while an item is unfinished,
then ``failed`` if every item failed, else ``completed``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ... import _defaults as defaults
from ...account import Account, FakeVideo, VideoState
from ...server import ApiError, Request, Response, dumps, json_response
from ._request_validation import validate_create
from ._wire import NOT_FOUND, invalid, not_found, parse_json, success

#: The item statuses of a batch and of the bulk statuses read.
BULK_STATUS: dict[VideoState, str] = {
    "waiting": "queued",
    "pending": "queued",
    "processing": "processing",
    "completed": "completed",
    "failed": "failed",
}
_FINISHED = ("completed", "failed")


@dataclass
class BatchItem:
    """One video of a batch: its video, or why it was refused."""

    index: int
    video_id: str | None
    error: dict[str, Any] | None = None


@dataclass
class Batch:
    batch_id: str
    title: str | None
    created_at: float
    items: list[BatchItem] = field(default_factory=list)


class Batches:
    """The batches created on one fake (read by the bulk statuses too)."""

    def __init__(self) -> None:
        self._batches: dict[str, Batch] = {}
        self._numbers = itertools.count(1)

    def add(self, title: str | None, created_at: float) -> Batch:
        batch = Batch(f"batch_{next(self._numbers):08x}", title, created_at)
        self._batches[batch.batch_id] = batch
        return batch

    def get(self, batch_id: str) -> Batch | None:
        return self._batches.get(batch_id)


def failure(video: FakeVideo) -> tuple[str | None, str | None]:
    """A failed video's code (a string, as v3 writes it) and message."""
    if video.error is None:
        return None, None
    code = video.error.get("code")
    return (None if code is None else str(code)), video.error.get("message")


def bulk_status(account: Account, video: FakeVideo) -> tuple[str, dict[str, Any] | None]:
    """A video's status in the bulk read, and its ``error`` when it failed."""
    status = BULK_STATUS[video.status_at(account.time.now())]
    if status != "failed":
        return status, None
    code, message = failure(video)
    return status, {"code": code, "message": message}


def item_status(account: Account, item: BatchItem) -> tuple[str, dict[str, Any] | None]:
    """A batch item's status and error, as of now."""
    video = None if item.video_id is None else account.video(item.video_id)
    if video is None:
        return "failed", item.error
    return bulk_status(account, video)


class BatchRoutes:
    """The handlers of ``/v3/videos/batches...``."""

    def __init__(self, account: Account, batches: Batches) -> None:
        self._account = account
        self._batches = batches

    async def create(self, request: Request) -> Response:
        account = self._account
        body = parse_json(request)
        videos = body.get("videos")
        most = defaults.V3_BATCH_MAX_VIDEOS
        if not isinstance(videos, list) or not 1 <= len(videos) <= most:
            raise invalid("videos", f"videos must be a list of 1 to {most} video bodies")
        title = body.get("title")
        if title is not None and not isinstance(title, str):
            raise invalid("title", "title must be a string")
        callback_url = body.get("callback_url")
        if callback_url is not None and not isinstance(callback_url, str):
            raise invalid("callback_url", "callback_url must be a string")
        for index, video in enumerate(videos):
            if not isinstance(video, dict):
                raise invalid(f"videos[{index}]", f"videos[{index}] must be an object")
        batch = self._batches.add(title, account.time.now())
        for index, video in enumerate(videos):
            account.counters.generation_requests += 1
            try:
                order = validate_create(video, account)
            except ApiError as refused:
                error = {"code": refused.code, "message": refused.message, "param": refused.param}
                batch.items.append(BatchItem(index, None, error))
                continue
            created = account.create_video(order, video)
            batch.items.append(BatchItem(index, created.video_id))
        counts = Counter(item_status(account, item)[0] for item in batch.items)
        data = {
            "batch_id": batch.batch_id,
            "status": _batch_status(counts),
            "total_items": len(batch.items),
        }
        return json_response(202, dumps({"data": data}))

    async def get(self, request: Request) -> Response:
        batch_id = request.path_params["batch_id"]
        batch = self._batches.get(batch_id)
        if batch is None:
            raise not_found(NOT_FOUND, f"Batch {batch_id} not found", "batch_id")
        items: list[dict[str, Any]] = []
        for item in batch.items:
            status, error = item_status(self._account, item)
            entry = {"item_index": item.index, "status": status, "video_id": item.video_id}
            items.append({**entry, "error": error})
        counts = Counter(str(item["status"]) for item in items)
        return success(
            {
                "batch_id": batch.batch_id,
                "title": batch.title,
                "status": _batch_status(counts),
                "counts_by_status": dict(sorted(counts.items())),
                "created_at": self._account.time.unix(batch.created_at),
                "total_items": len(items),
                "items": items,
                "has_more": False,
                "next_token": None,
            }
        )


def _batch_status(counts: Counter[str]) -> str:
    if any(status not in _FINISHED for status in counts):
        return "processing"
    return "failed" if set(counts) == {"failed"} else "completed"
