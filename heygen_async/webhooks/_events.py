"""``WebhookEvent`` and ``parse``: one delivery's body, read leniently.

HeyGen's v3 delivery body is not in its spec (``heygen-v3.md`` §6.2). The legacy
docs show ``{"event_type", "event_data": {"video_id", "url", "callback_id"}}`` for a
success and ``{..., "msg"}`` for a failure; the v3 event log adds ``event_id`` and
``created_at``; HeyGen's n8n trigger reads ``event``. ``parse`` accepts all of these
(``event_type`` or ``event``; ``url`` or ``video_url``; ``msg`` or ``message``; the
data at the top level or under ``event_data``/``data``), keeps every field, and only
refuses a body that is not a JSON object.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from pydantic import Field

from .._errors import WebhookVerificationError
from ..models import VideoError, VideoState, VideoStatus
from ..models._base import ResponseModel
from ._verify import DEFAULT_SCHEME, Headers, SignatureScheme, verify

# The id of the job an event is about, by the first key present: a video's
# events carry ``video_id``; other job kinds their own id.
_JOB_ID_KEYS = (
    "video_id",
    "video_translation_id",
    "video_translate_id",
    "lipsync_id",
    "proofread_id",
    "session_id",
    "job_id",
    "clip_id",
    "batch_id",
    "avatar_id",
    "id",
)
# Event type prefixes of jobs that end in a video (their id is a ``video_id``).
VIDEO_EVENT_PREFIXES = ("avatar_video", "video_agent", "hyperframes_video", "personalized_video")


class WebhookEvent(ResponseModel):
    """One webhook delivery (or one item of ``GET /v3/webhooks/events``).

    Unknown fields are kept; ``raw`` holds the whole body as received.
    """

    event_id: str | None = None
    """HeyGen's id of the event (deliveries of one event share it: de-duplicate on it)."""
    event_type: str | None = None
    """``avatar_video.success``, ``avatar_video.fail``, ``video_translate.success``...
    (the body's ``event_type``, or ``event``)."""
    job_id: str | None = None
    """The id of the job the event is about: the ``video_id`` for a video, else the job
    kind's own id (``video_translation_id``, ``lipsync_id``, ...)."""
    video_id: str | None = None
    """The video's id, when the event is about a video."""
    callback_id: str | None = None
    """Your correlation id, echoed back."""
    url: str | None = None
    """The result's download link (``url`` or ``video_url``), on a success."""
    urls: dict[str, str] = Field(default_factory=dict)
    """Every link in the event data by field name (``url``, ``gif_download_url``,
    ``thumbnail_url``, ``caption_url``...)."""
    failure_code: int | str | None = None
    """Why the job failed, as a code, on a failure."""
    failure_message: str | None = None
    """Why the job failed, in words (``msg`` or ``message``), on a failure."""
    created_at: str | float | None = None
    """When HeyGen created the event (ISO 8601 in the event log)."""
    data: dict[str, Any] = Field(default_factory=dict)
    """The event's data (``event_data``), as sent."""
    raw: dict[str, Any] = Field(default_factory=dict, repr=False)
    """The whole body, as sent."""

    @property
    def is_success(self) -> bool:
        """True for a ``*.success`` event."""
        return (self.event_type or "").endswith(".success")

    @property
    def is_failure(self) -> bool:
        """True for a ``*.fail`` event (and the ``*_failed`` preflight events)."""
        kind = self.event_type or ""
        return kind.endswith(".fail") or kind.endswith("_failed")

    @property
    def job_kind(self) -> str:
        """The event type without its outcome: ``avatar_video``, ``video_translate``..."""
        kind = self.event_type or ""
        for prefix in VIDEO_EVENT_PREFIXES:
            if kind == prefix or kind.startswith(prefix + "."):
                return prefix
        return kind.split(".", 1)[0]

    @property
    def dedupe_key(self) -> str:
        """``event_id``, or a digest of the body when the sender gave no id."""
        if self.event_id:
            return self.event_id
        text = json.dumps(self.raw, sort_keys=True, separators=(",", ":"), default=str)
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()

    def video_status(self) -> VideoStatus | None:
        """The terminal ``VideoStatus`` this event tells, for a video's success or
        failure; None for anything else (or when it names no video)."""
        if self.video_id is None or self.job_kind not in VIDEO_EVENT_PREFIXES:
            return None
        if self.is_success:
            return VideoStatus(
                video_id=self.video_id,
                status=VideoState.COMPLETED,
                callback_id=self.callback_id,
                video_url=self.url,
                thumbnail_url=self.urls.get("thumbnail_url"),
                gif_url=self.urls.get("gif_download_url") or self.urls.get("gif_url"),
                caption_url=self.urls.get("caption_url"),
            )
        if self.is_failure:
            error = VideoError(code=self.failure_code, message=self.failure_message)
            return VideoStatus(
                video_id=self.video_id,
                status=VideoState.FAILED,
                callback_id=self.callback_id,
                failure_code=self.failure_code,
                failure_message=self.failure_message,
                error=error,
            )
        return None


def parse(body: bytes | str | dict[str, Any]) -> WebhookEvent:
    """The ``WebhookEvent`` in a delivery body (raw bytes, text or an already-decoded
    dict). Raises ``WebhookVerificationError`` only for a body that is not a JSON
    object; any field may be missing or unexpected."""
    raw = _decoded(body)
    inner = raw.get("event_data", raw.get("data"))
    data: dict[str, Any] = inner if isinstance(inner, dict) else raw
    merged = {**raw, **data}  # the data's fields win over the envelope's

    def text(*names: str) -> str | None:
        for name in names:
            value = merged.get(name)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
                return str(value)
        return None

    event_type = text("event_type", "event", "type")
    urls = {
        key: value
        for key, value in data.items()
        if isinstance(value, str) and (key == "url" or key.endswith("_url"))
    }
    code = merged.get("failure_code", merged.get("code"))
    return WebhookEvent(
        event_id=text("event_id"),
        event_type=event_type,
        job_id=text(*_JOB_ID_KEYS),
        video_id=text("video_id"),
        callback_id=text("callback_id"),
        url=text("url", "video_url"),
        urls=urls,
        failure_code=code if isinstance(code, (int, str)) and not isinstance(code, bool) else None,
        failure_message=text("msg", "message", "failure_message", "error_message"),
        created_at=_created_at(raw.get("created_at")),
        data=data,
        raw=raw,
    )


def _created_at(value: object) -> str | float | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    return None


def _decoded(body: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(body, dict):
        return body
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise WebhookVerificationError("the body is not JSON") from None
    if not isinstance(value, dict):
        raise WebhookVerificationError("the body is not a JSON object")
    return value


def unwrap(
    body: bytes | str,
    headers: Headers,
    secret: str,
    *,
    scheme: SignatureScheme = DEFAULT_SCHEME,
    now: Callable[[], float] = time.time,
) -> WebhookEvent:
    """``verify`` then ``parse``: the event of an authentic delivery, else
    ``WebhookVerificationError``::

        event = webhooks.unwrap(await request.body(), request.headers, secret)
    """
    verify(body, headers, secret, scheme=scheme, now=now)
    return parse(body)
