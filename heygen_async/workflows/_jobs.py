"""Turning one job of ``generate_many`` into a validated request, ready to send.

A job is one of:

- a ``GenerateVideoRequest`` or ``AvatarIVVideoRequest`` model;
- a dict of ``generate_video`` keyword arguments (``script``, ``avatar_id``,
  ``voice_id``, ``title``, ..., ``video_inputs``, ``extra_body``);
- a dict of ``generate_avatar_iv_video`` keyword arguments (it has ``image_key``);
- a dict of ``GenerateVideoRequest`` fields (it has ``video_inputs``; unknown
  top-level fields are sent as they are).

Any dict may also carry ``key`` (your name for the job, echoed in results and
events; the job's index by default), ``video_id`` (the job was submitted before,
e.g. by a run that crashed: it is only waited for, never re-submitted) and
``idempotency_key`` (v3; by default one is derived from the key and the body, so
a re-run of the same job replays its video instead of paying again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import InvalidRequestError
from .._inputs import build_avatar_iv_request, build_video_request, video_request
from .._params import avatar_iv_params, video_params
from .._validation import require_text, validate
from ..models import AvatarIVVideoRequest, GenerateVideoRequest

if TYPE_CHECKING:
    from .._session import Session

VideoRequest = GenerateVideoRequest | AvatarIVVideoRequest

# Dict entries that describe the job rather than the video.
_JOB_FIELDS = ("key", "video_id")


@dataclass(frozen=True)
class PreparedJob:
    """A job ready to send (its request and wire body), or the ``video_id`` to resume."""

    key: Any
    request: VideoRequest | None
    body: dict[str, Any] | None
    callback_id: str | None
    video_id: str | None = None
    idempotency_key: str | None = None


def job_key(job: object, index: int) -> Any:
    """The job's ``key`` entry, else its index in ``jobs`` (never raises)."""
    if isinstance(job, Mapping) and job.get("key") is not None:
        return job["key"]
    return index


def prepare_job(job: object, index: int, session: Session) -> PreparedJob:
    """Validate ``job`` into a ``PreparedJob``, or raise ``InvalidRequestError``
    whose message starts with the job's key."""
    key = job_key(job, index)
    try:
        return _prepare(job, key, session)
    except InvalidRequestError as exc:
        raise InvalidRequestError(
            f"job {key!r}: {exc}", field=exc.field, allowed=exc.allowed
        ) from None


def _names(params: Any) -> set[str]:
    return {param.name for param in params}


def _prepare(job: object, key: Any, session: Session) -> PreparedJob:
    given_key: str | None = None
    if isinstance(job, (GenerateVideoRequest, AvatarIVVideoRequest)):
        request: VideoRequest = job
    elif isinstance(job, Mapping):
        fields = {name: value for name, value in job.items() if name not in _JOB_FIELDS}
        if job.get("video_id") is not None:
            video_id = require_text(job["video_id"], "video_id")
            callback_id = fields.get("callback_id")
            return PreparedJob(key, None, None, callback_id, video_id)
        given_key = fields.get("idempotency_key")
        request = _request_from(fields)
    else:
        raise InvalidRequestError(
            f"must be a GenerateVideoRequest, an AvatarIVVideoRequest or a dict "
            f"(got {type(job).__name__})",
            field="job",
            allowed="request model or dict",
        )
    if isinstance(request, AvatarIVVideoRequest):
        request = validate(AvatarIVVideoRequest, request)
        body = session.backend.avatar_iv_body(request)
    else:
        request = _with_callback_id(key, video_request(request), session)
        body = session.backend.video_body(request)
    idempotency_key = session.idempotency_key_for(given_key) if given_key else None
    if idempotency_key is None and session.backend.idempotency_keys:
        idempotency_key = derive_idempotency_key(key, body)
    callback_id = request.callback_id if isinstance(request, GenerateVideoRequest) else None
    return PreparedJob(key, request, body, callback_id, None, idempotency_key)


def _request_from(fields: dict[str, Any]) -> VideoRequest:
    if "image_key" in fields:
        if set(fields) <= _names(avatar_iv_params()):
            return build_avatar_iv_request(fields)
        return validate(AvatarIVVideoRequest, fields)
    if set(fields) <= _names(video_params()):
        return build_video_request(fields)
    if "video_inputs" in fields:
        return video_request(fields)
    names = [param.name for param in video_params()]
    unknown = sorted(set(fields) - set(names))
    raise InvalidRequestError(
        f"{', '.join(unknown)}: not a generate_video argument",
        field=unknown[0],
        allowed=", ".join((*names, *_JOB_FIELDS)),
    )


def _with_callback_id(
    key: Any, request: GenerateVideoRequest, session: Session
) -> GenerateVideoRequest:
    """Give a video a ``callback_id`` when it has none.

    HeyGen echoes it in webhooks (and on v2 in statuses), so a caller who crashed
    between sending and hearing back can still find the video. It is derived from
    the key and the body, so the same job gets the same id in a re-run. The Avatar
    IV endpoint documents no ``callback_id``, so none is added there.
    """
    if request.callback_id is not None:
        return request
    callback_id = derive_callback_id(key, session.backend.video_body(request))
    return request.model_copy(update={"callback_id": callback_id})


def _digest(key: Any, body: Mapping[str, Any]) -> str:
    canonical = json.dumps([repr(key), body], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def derive_callback_id(key: Any, body: Mapping[str, Any]) -> str:
    """A stable id for a job: the same key and body always give the same one."""
    return "hga-" + _digest(key, body)[:24]


def derive_idempotency_key(key: Any, body: Mapping[str, Any]) -> str:
    """A stable idempotency key for a job: the same key and body give the same one,
    and a changed body a new one (HeyGen replays a key's first answer whatever the
    body, so the body must be part of it)."""
    return "hga-job-" + _digest(("idempotency", key), body)[:40]
