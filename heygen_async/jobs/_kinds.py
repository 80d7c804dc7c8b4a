"""Job kinds: what the poller needs to know to wait for one kind of HeyGen job.

A kind says how to read one job, how to read many at once (a bulk ``statuses``
read, where HeyGen has one), and how to tell a running job from a finished or a
failed one. Adding a job kind is one subclass here (or in its noun's module); the
poller, the waits and the bulk runs need nothing else.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from .._errors import HeyGenError

if TYPE_CHECKING:
    from ._policy import PollPolicy

S = TypeVar("S")

NOT_FOUND = "not_found"
"""The state of a job its read does not know (``VideoState.NOT_FOUND`` on videos)."""


class Progress(enum.Enum):
    """Where a job stands, as far as a wait is concerned."""

    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    MISSING = "missing"
    """HeyGen's bulk read does not know the id (unknown, not this account's, or not
    visible yet): confirmed by a read of the job alone."""


class JobKind(abc.ABC, Generic[S]):
    """One kind of job (videos, translations, ...) over one client's backend."""

    name: ClassVar[str]
    """The kind's name in errors and events, e.g. ``video``."""
    batch_size: int = 1
    """Most ids one bulk read takes (1: the kind is read one job at a time)."""
    bulk_is_final: bool = True
    """False when a bulk read lacks what a finished job needs (v3 video statuses have
    no URLs): a job seen finished there gets one read of its own."""

    @abc.abstractmethod
    async def read_one(self, job_id: str) -> S:
        """The job alone (a 404 raises ``NotFoundError``)."""

    async def read_many(self, job_ids: Sequence[str]) -> list[S]:
        """At most ``batch_size`` jobs, in the order asked; by default one by one."""
        return [await self.read_one(job_id) for job_id in job_ids]

    def progress(self, status: S) -> Progress:
        """Where ``status`` says the job stands: by default read from its ``status``
        (``not_found``: missing), ``is_failed`` and ``is_completed``."""
        job: Any = status  # every kind's status model has these three
        if job.status == NOT_FOUND:
            return Progress.MISSING
        if job.is_failed:
            return Progress.FAILED
        if job.is_completed:
            return Progress.COMPLETED
        return Progress.RUNNING

    @abc.abstractmethod
    def failure(self, status: S) -> HeyGenError:
        """The error a wait raises for a failed job (HeyGen's reason attached)."""

    def interval(self, policy: PollPolicy, check: int) -> float:
        """The un-jittered delay before check ``check`` of a wait on this kind: the
        policy's own (a kind whose jobs run long may stretch it, see translations)."""
        return policy.interval(check)

    def state(self, status: S) -> Any:
        """The status's own state value (``status.status``), kept by a sleeping wait."""
        return getattr(status, "status", None)

    def kept(self, job_id: str, status: S) -> Any:
        """What a sleeping wait keeps of ``status`` besides its state (default: the
        status itself; a kind may keep less, see ``VideoKind``)."""
        return status

    def restored(self, job_id: str, state: Any, kept: Any) -> S | None:
        """The status ``kept`` (and ``state``) stand for (default: ``kept`` itself)."""
        return kept  # type: ignore[no-any-return]


__all__ = ["NOT_FOUND", "JobKind", "Progress"]
