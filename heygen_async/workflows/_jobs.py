"""Turning one job of ``generate_many`` into a validated request body.

A job is one of:

- a ``GenerateVideoRequest`` or ``AvatarIVVideoRequest`` model;
- a dict of ``generate_video`` keyword arguments (``script``, ``avatar_id``,
  ``voice_id``, ``title``, ..., ``video_inputs``, ``extra_body``);
- a dict of ``generate_avatar_iv_video`` keyword arguments (it has ``image_key``);
- a dict in HeyGen's wire format (it has ``video_inputs``; unknown top-level
  fields are sent as they are).

Any dict may also carry ``key`` (your name for the job, echoed in results and
events; the job's index by default) and ``video_id`` (the job was submitted
before, e.g. by a run that crashed: it is only waited for, never re-submitted).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._errors import InvalidRequestError
from .._requests import (
    AVATAR_IV_FIELDS,
    GENERATE_VIDEO_FIELDS,
    build_avatar_iv_request,
    build_video_request,
    video_request_body,
)
from .._validation import require_text, validate
from ..models import AvatarIVVideoRequest, GenerateVideoRequest

Endpoint = Literal["video", "avatar_iv"]

# Dict entries that describe the job rather than the video.
_JOB_FIELDS = ("key", "video_id")


@dataclass(frozen=True)
class PreparedJob:
    """A job ready to send: its body, or the ``video_id`` to resume waiting for."""

    key: Any
    endpoint: Endpoint
    body: dict[str, Any] | None
    callback_id: str | None
    video_id: str | None = None


def job_key(job: object, index: int) -> Any:
    """The job's ``key`` entry, else its index in ``jobs`` (never raises)."""
    if isinstance(job, Mapping) and job.get("key") is not None:
        return job["key"]
    return index


def prepare_job(job: object, index: int) -> PreparedJob:
    """Validate ``job`` into a ``PreparedJob``, or raise ``InvalidRequestError``
    whose message starts with the job's key."""
    key = job_key(job, index)
    try:
        return _prepare(job, key)
    except InvalidRequestError as exc:
        raise InvalidRequestError(
            f"job {key!r}: {exc}", field=exc.field, allowed=exc.allowed
        ) from None


def _prepare(job: object, key: Any) -> PreparedJob:
    if isinstance(job, GenerateVideoRequest):
        return _with_callback_id(key, "video", video_request_body(job))
    if isinstance(job, AvatarIVVideoRequest):
        return _with_callback_id(key, "avatar_iv", validate(AvatarIVVideoRequest, job).to_wire())
    if not isinstance(job, Mapping):
        raise InvalidRequestError(
            f"must be a GenerateVideoRequest, an AvatarIVVideoRequest or a dict "
            f"(got {type(job).__name__})",
            field="job",
            allowed="request model or dict",
        )
    fields = {name: value for name, value in job.items() if name not in _JOB_FIELDS}
    if job.get("video_id") is not None:
        video_id = require_text(job["video_id"], "video_id")
        endpoint: Endpoint = "avatar_iv" if "image_key" in fields else "video"
        callback_id = fields.get("callback_id")
        return PreparedJob(key, endpoint, None, callback_id, video_id)
    if "image_key" in fields:
        if set(fields) <= set(AVATAR_IV_FIELDS):
            body = build_avatar_iv_request(**fields)
        else:
            body = validate(AvatarIVVideoRequest, fields).to_wire()
        return _with_callback_id(key, "avatar_iv", body)
    if set(fields) <= set(GENERATE_VIDEO_FIELDS):
        return _with_callback_id(key, "video", build_video_request(**fields))
    if "video_inputs" in fields:
        return _with_callback_id(key, "video", video_request_body(fields))
    unknown = sorted(set(fields) - set(GENERATE_VIDEO_FIELDS))
    raise InvalidRequestError(
        f"{', '.join(unknown)}: not a generate_video argument",
        field=unknown[0],
        allowed=", ".join((*GENERATE_VIDEO_FIELDS, *_JOB_FIELDS)),
    )


def _with_callback_id(key: Any, endpoint: Endpoint, body: dict[str, Any]) -> PreparedJob:
    """Give a ``/v2/video/generate`` body a ``callback_id`` when it has none.

    HeyGen echoes it in statuses and webhooks, so a caller who crashed between
    sending and hearing back can still find the video. It is derived from the key
    and the body, so the same job gets the same id in a re-run. The Avatar IV
    endpoint documents no ``callback_id``, so none is added there.
    """
    callback_id = body.get("callback_id")
    if callback_id is None and endpoint == "video":
        callback_id = derive_callback_id(key, body)
        body = {**body, "callback_id": callback_id}
    return PreparedJob(key, endpoint, body, None if callback_id is None else str(callback_id))


def derive_callback_id(key: Any, body: Mapping[str, Any]) -> str:
    """A stable id for a job: the same key and body always give the same one."""
    canonical = json.dumps([repr(key), body], sort_keys=True, default=str)
    return "hga-" + hashlib.sha256(canonical.encode()).hexdigest()[:24]
