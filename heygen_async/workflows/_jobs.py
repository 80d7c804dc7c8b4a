"""Turning one job of ``generate_many`` into a validated request, ready to send.

A job is one of:

- a ``GenerateVideoRequest`` or ``AvatarIVVideoRequest`` model;
- a dict of ``generate_video`` keyword arguments (``script``, ``avatar_id``,
  ``voice_id``, ``title``, ..., ``video_inputs``, ``extra_body``);
- a dict of ``generate_avatar_iv_video`` keyword arguments (it has ``image_key``);
- a dict of ``GenerateVideoRequest`` fields (it has ``video_inputs``; unknown
  top-level fields are sent as they are);
- a dict of another kind of job, by its ``kind`` or its marker field: a template
  video (``template_id``, ``variables``: ``templates.generate``'s arguments), and
  the kinds listed in ``_kinds`` (one entry each).

Any dict may also carry ``key`` (your name for the job, echoed in results and
events; the job's index by default), ``video_id`` (the job was submitted before,
e.g. by a run that crashed: it is only waited for, never re-submitted), ``job_id``
with ``kind`` (the same for a translation, lipsync or video agent job: e.g.
``{"kind": "translation", "job_id": "..."}`` is waited for as a translation) and
``idempotency_key`` (v3; by default one is derived from the key and the body, so
a re-run of the same job replays its video instead of paying again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .._errors import InvalidRequestError
from .._ids import derive_callback_id, derive_idempotency_key
from .._params import avatar_iv_params, video_params
from .._validation import require_text, validate
from .._video_requests import build_avatar_iv_request, build_video_request, video_request
from ..models import AvatarIVVideoRequest, GenerateVideoRequest
from ._kinds import (
    KIND_FIELD,
    KINDS_BY_NAME,
    VIDEO,
    CreateKind,
    ResourceCreate,
    kind_of,
    resource_create,
)

if TYPE_CHECKING:
    from .._core import ClientCore, VideoCreate

VideoRequest = GenerateVideoRequest | AvatarIVVideoRequest

# Dict entries that describe the job rather than the video.
_JOB_FIELDS = ("key", "video_id", "job_id")


@dataclass(frozen=True)
class PreparedJob:
    """A job ready to send (its create, wire body built once), or the ``video_id``
    to resume."""

    key: Any
    create: VideoCreate | ResourceCreate | None
    callback_id: str | None
    video_id: str | None = None
    idempotency_key: str | None = None
    job_id: str | None = None
    """The id of a translation, lipsync or video agent job to resume (``resumes``)."""
    resumes: CreateKind | None = None
    """The kind of the job ``job_id`` names, waited for as that kind, never re-sent."""

    @property
    def body(self) -> dict[str, Any] | None:
        """The wire body every attempt of the create sends."""
        return None if self.create is None else self.create.body


def job_key(job: object, index: int) -> Any:
    """The job's ``key`` entry, else its index in ``jobs`` (never raises)."""
    if isinstance(job, Mapping) and job.get("key") is not None:
        return job["key"]
    return index


def prepare_job(job: object, index: int, core: ClientCore) -> PreparedJob:
    """Validate ``job`` into a ``PreparedJob``, or raise ``InvalidRequestError``
    whose message starts with the job's key."""
    key = job_key(job, index)
    try:
        return _prepare(job, key, core)
    except InvalidRequestError as exc:
        raise InvalidRequestError(
            f"job {key!r}: {exc}", field=exc.field, allowed=exc.allowed
        ) from None


def _names(params: Any) -> set[str]:
    return {param.name for param in params}


def _prepare(job: object, key: Any, core: ClientCore) -> PreparedJob:
    given_key: str | None = None
    if isinstance(job, (GenerateVideoRequest, AvatarIVVideoRequest)):
        request: VideoRequest = job
    elif isinstance(job, Mapping):
        fields = {name: value for name, value in job.items() if name not in _JOB_FIELDS}
        if job.get("video_id") is not None:
            video_id = require_text(job["video_id"], "video_id")
            callback_id = fields.get("callback_id")
            return PreparedJob(key, None, callback_id, video_id)
        if job.get("job_id") is not None:
            return _resumed(key, job, fields)
        given_key = fields.pop("idempotency_key", None)
        kind = kind_of(fields)
        if kind is not None:
            made = resource_create(kind, key, fields)
            return PreparedJob(
                key,
                made,
                made.arguments.get("callback_id"),
                None,
                _idempotency_key(core, key, given_key, made.body),
            )
        fields.pop(KIND_FIELD, None)
        if given_key is not None:
            fields["idempotency_key"] = given_key
        request = _request_from(fields)
    else:
        raise InvalidRequestError(
            f"must be a GenerateVideoRequest, an AvatarIVVideoRequest or a dict "
            f"(got {type(job).__name__})",
            field="job",
            allowed="request model or dict",
        )
    if isinstance(request, AvatarIVVideoRequest):
        # HeyGen's Avatar IV create documents no callback_id: none is added there.
        create = core.check(validate(AvatarIVVideoRequest, request))
        callback_id = None
    else:
        create, callback_id = _with_callback_id(key, video_request(request), core)
    return PreparedJob(
        key, create, callback_id, None, _idempotency_key(core, key, given_key, create.body)
    )


def _resumed(key: Any, job: Mapping[str, Any], fields: Mapping[str, Any]) -> PreparedJob:
    """A job submitted before (a run that crashed), given by ``job_id`` and its kind
    (``kind``, or the original job's fields, whose marker says it): waited for as its
    kind, never sent again. Without either it would be read as a video, so a live
    translation would end as "not found": refused before anything is sent."""
    job_id = require_text(job["job_id"], "job_id")
    if fields.get(KIND_FIELD) is None and kind_of(fields) is None:
        allowed = f"{VIDEO}, {', '.join(KINDS_BY_NAME)}"
        raise InvalidRequestError(
            f"kind: a job resumed by job_id names its kind ({allowed}; a video may "
            "also be resumed by video_id)",
            field=KIND_FIELD,
            allowed=allowed,
        )
    kind = kind_of(fields)
    callback_id = fields.get("callback_id")
    if kind is None or kind.waits_as_video:  # a video (template videos are videos)
        return PreparedJob(key, None, callback_id, job_id)
    return PreparedJob(key, None, callback_id, job_id=job_id, resumes=kind)


def _idempotency_key(
    core: ClientCore, key: Any, given: str | None, body: Mapping[str, Any]
) -> str | None:
    """The caller's key, else one derived from the job's key and body (where the API
    has keys): the same job gets the same key in a rerun."""
    idempotency_key = core.idempotency_key_for(given) if given else None
    if idempotency_key is None and core.backend.idempotency_keys:
        idempotency_key = derive_idempotency_key(key, body)
    return idempotency_key


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
    key: Any, request: GenerateVideoRequest, core: ClientCore
) -> tuple[VideoCreate, str]:
    """The video's create, with a ``callback_id`` added when it has none.

    HeyGen echoes it in webhooks (and on v2 in statuses), so a caller who crashed
    between sending and hearing back can still find the video. It is derived from
    the key and the body, so the same job gets the same id in a re-run; it goes
    into the body built once, beside the fields it was derived from.
    """
    create = core.check(request)
    if request.callback_id is not None:
        return create, request.callback_id
    callback_id = derive_callback_id(key, create.body)
    return replace(create, body={**create.body, "callback_id": callback_id}), callback_id
