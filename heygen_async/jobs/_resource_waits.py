"""``wait`` and ``wait_many`` of every job resource (``client.videos``,
``client.ai_clips``, ...), on the client's one poller.

A resource's ``wait`` is one line over ``wait_job`` with its kind; ``wait_many``
one loop over ``wait_jobs``. Both check their arguments before any request, and
every wait of a client, of any kind, shares the client's ``JobPoller``: the ids of
one kind due together share one bulk ``statuses`` read (up to 100 ids) where HeyGen
has one, the others are read by id.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from .._errors import HeyGenError, InvalidRequestError
from .._validation import require_id_list, require_text
from ._kinds import JobKind
from ._policy import PollPolicy
from ._wait import ManyWaits, wait_for_job

if TYPE_CHECKING:
    from .._core import ClientCore

S = TypeVar("S")


@dataclass(frozen=True)
class WaitResult(Generic[S]):
    """How one job of ``wait_many`` ended: exactly one per id, in completion order.

    ``status`` is the last object read: the finished job on success (what ``wait``
    returns), the failed one when ``error`` is its ``JobFailedError``, else the last
    one seen (None when none was read). ``error`` is None on success, else what
    ``wait`` would have raised (``JobFailedError``, ``WaitTimeoutError``,
    ``WaitAbortedError``, ``NotFoundError``...).
    """

    job_id: str
    """The id waited for."""
    kind: str
    """The job kind: ``video``, ``video_translation``, ``lipsync``, ``video_agent``,
    ``ai_clip``, ``background_removal`` or ``asset``."""
    status: S | None
    """The job as last read (see above)."""
    error: HeyGenError | None
    """Why the wait did not end with a finished job; None when it did."""

    @property
    def ok(self) -> bool:
        """True when the job finished."""
        return self.error is None


async def wait_job(
    core: ClientCore,
    kind: JobKind[S],
    job_id: str,
    *,
    timeout: float | None,
    poll: PollPolicy | None,
) -> S:
    """Wait for one job given by id (its first check at once): the finished object,
    or the wait's error. Arguments are checked before any request."""
    from ..workflows._wait import resolve_policy

    job_id = require_text(job_id, "job_id")
    policy = resolve_policy(core.poll, poll, timeout)
    return await wait_for_job(core.poller, kind, job_id, policy, just_created=False)


async def wait_jobs(
    core: ClientCore,
    kind: JobKind[S],
    job_ids: Iterable[str],
    *,
    timeout: float | None,
    poll: PollPolicy | None,
) -> AsyncGenerator[WaitResult[S], None]:
    """Wait for many jobs of one kind; one ``WaitResult`` per id as each ends.
    Arguments are checked before any request; no ids yields nothing."""
    from ..workflows._wait import resolve_policy

    ids = checked_job_ids(job_ids)
    policy = resolve_policy(core.poll, poll, timeout)
    if not ids:
        return
    waits: ManyWaits[S] = ManyWaits(core.poller)
    results = waits.results(kind, ids, policy)
    try:
        async for job_id, status, error in results:
            yield WaitResult(job_id, kind.name, status, error)
    finally:
        await results.aclose()


def checked_job_ids(job_ids: object) -> list[str]:
    """The ids as a list, or ``InvalidRequestError`` (a lone string, a non-string or
    empty id, the same id twice)."""
    ids = require_id_list(job_ids, "job_ids", "job", "wait")
    if len(set(ids)) != len(ids):
        twice = next(job_id for job_id in ids if ids.count(job_id) > 1)
        raise InvalidRequestError(
            f"job_ids: {twice!r} appears more than once (each job gets one result)",
            field="job_ids",
            allowed="distinct job ids",
        )
    return ids


__all__ = ["WaitResult", "checked_job_ids", "wait_job", "wait_jobs"]
