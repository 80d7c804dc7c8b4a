"""``ResourceKind``: a job kind read through its noun's declared methods.

Every v3 job kind but the video (``_videos``, read through the client's backend, on
either API version) is read as a user would read it: ``get`` for one job, and where
HeyGen has a bulk read, ``statuses`` for up to 100 at once. The reads are the
resource's own declarations, so per-request options, retries and the raw-response
machinery apply to them as to any call.

A kind is one small subclass in its noun's module (the module that declares the
reads and the models), e.g.::

    class AIClipKind(ResourceKind):
        name = "ai_clip"

The poller, ``wait`` and ``wait_many`` need nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from .._errors import HeyGenError, JobFailedError
from ._failed_entries import FailedEntries
from ._kinds import NOT_FOUND, JobKind

MAX_BULK_IDS = 100
"""HeyGen's bulk ``statuses`` reads answer for at most 100 ids a request."""


class Missing:
    """What stands for an id a bulk answer left out: unknown to that read, so a read
    of the job alone confirms (``Progress.MISSING``)."""

    __slots__ = ("job_id",)
    status = NOT_FOUND

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id

    def __repr__(self) -> str:
        return f"Missing({self.job_id!r})"


class ResourceKind(JobKind[Any]):
    """One job kind over one resource (``client.ai_clips``, ...).

    The status models are the resource's: ``get``'s model, and ``statuses``' entries
    where there is a bulk read; both have ``status``, ``is_completed`` and
    ``is_failed``.
    """

    name: ClassVar[str]
    id_field: ClassVar[str] = "id"
    """The field of ``get``'s model that holds the job's id."""
    bulk_ids: ClassVar[str | None] = None
    """The parameter of ``statuses`` naming the jobs (``lipsync_ids``); None when
    HeyGen has no bulk read for the kind: it is then read one job at a time."""
    bulk_id_field: ClassVar[str] = "video_id"
    """The field of a ``statuses`` entry holding its job's id (HeyGen's bulk entries
    name it ``video_id`` for every kind)."""
    bulk_is_final: bool = False
    """A bulk entry carries no output URLs: a job it shows finished gets a read of its
    own (its ``get``), which is what a wait returns."""

    def __init__(self, resource: Any) -> None:
        self.resource = resource
        self.batch_size = MAX_BULK_IDS if self.bulk_ids is not None else 1
        # A failed bulk entry's ``error`` by job id, for the job's own read (which a
        # wait returns): ``get`` may give the reason without HeyGen's code (a
        # lipsync's has no ``failure_code``), the entry has it.
        self._bulk_errors: FailedEntries[Mapping[str, Any]] = FailedEntries()

    async def read_one(self, job_id: str) -> Any:
        return await self.resource.get(job_id)

    async def read_many(self, job_ids: Sequence[str]) -> list[Any]:
        """One ``statuses`` request; each id's entry in the order asked (``Missing``
        for an id the answer leaves out)."""
        assert self.bulk_ids is not None, f"{self.name}: no bulk read"
        entries = await self.resource.statuses(**{self.bulk_ids: list(job_ids)})
        by_id = {
            getattr(entry, self.bulk_id_field, None): entry
            for entry in entries
            if getattr(entry, "batch_id", None) is None
        }
        if not self.bulk_is_final:
            self._keep_bulk_errors(by_id.values())
        return [by_id.get(job_id) or Missing(job_id) for job_id in job_ids]

    def _keep_bulk_errors(self, entries: Iterable[Any]) -> None:
        for entry in entries:
            error = getattr(entry, "error", None)
            job_id = getattr(entry, self.bulk_id_field, None)
            if entry.is_failed and isinstance(error, Mapping) and job_id:
                self._bulk_errors.keep(job_id, error)

    def failure(self, status: Any) -> HeyGenError:
        job_id = self.job_id_of(status)
        code, message = failure_reason(status)
        bulk_error = self._bulk_errors.get(job_id) or {}
        code = code if code is not None else bulk_error.get("code")
        message = message or _text(bulk_error.get("message"))
        return JobFailedError(job_id, kind=self.name, code=code, message=message, status=status)

    def job_id_of(self, status: Any) -> str:
        """The id a status is about (its ``id_field``, or a bulk entry's id)."""
        job_id = getattr(status, self.id_field, None) or getattr(status, self.bulk_id_field, None)
        return str(job_id) if job_id else "(unknown id)"


def failure_reason(status: Any) -> tuple[int | str | None, str | None]:
    """HeyGen's ``code`` and ``message`` for a failed job, wherever the kind puts them:
    an ``error`` object or text, ``failure_code`` / ``failure_message``, or the
    status alone (``cancelled``, ``deleted``) when nothing else says why."""
    code: int | str | None = None
    message: str | None = None
    error = getattr(status, "error", None)
    if isinstance(error, Mapping):
        code, message = error.get("code"), _text(error.get("message"))
    elif isinstance(error, str):
        message = error or None
    elif error is not None:
        code, message = getattr(error, "code", None), _text(getattr(error, "message", None))
    code = code if code is not None else getattr(status, "failure_code", None)
    message = message or _text(getattr(status, "failure_message", None))
    if message is None and status.status not in (None, "failed"):
        message = f"the job is {status.status}"
    return code, message


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


__all__ = ["MAX_BULK_IDS", "NOT_FOUND", "Missing", "ResourceKind", "failure_reason"]
