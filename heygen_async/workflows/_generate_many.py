"""``generate_many``: submit many videos and yield each result as soon as it is done.

Design: a background run pulls jobs lazily from ``jobs`` and starts one task per
job, at most ``limit`` at a time (so an unbounded or huge iterable costs memory
for the jobs in flight only). Each task holds the client's renders-in-flight
slot from its submission until its video is terminal, and puts exactly one
``JobResult`` on an unbounded memory stream; the generator yields from that
stream, so results come in completion order and a slow consumer never holds up
a render slot. Closing the generator (``break``, ``aclose()``, cancellation)
cancels the run and waits until every task has stopped.

A 429 needs little here: the transport's shared rate controller pauses every
request of the client (submissions and status checks alike) when one sees it. A
create refused at v3's concurrent-job limit is held (``hold_at_job_limit``), not
failed: it goes out again with its key once a slot may have freed, for as long
as the limit keeps making progress within the job's wait timeout.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterable, Callable, Iterable, Mapping
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import anyio
from anyio.abc import TaskGroup
from pydantic import BaseModel

from .._errors import HeyGenError, InvalidRequestError
from .._logging import logger
from .._transport._announce import announcing_creates
from .._transport._hold import hold_at_job_limit
from .._validation import require_int_range
from ..jobs._background import BackgroundRun, read_results
from ..jobs._policy import PollPolicy
from ..models import AvatarIVVideoRequest, GenerateVideoRequest, VideoStatus
from ._events import (
    JobCompleted,
    JobEvent,
    JobFailed,
    JobResult,
    JobSending,
    JobStatusChanged,
    JobSubmitted,
    JobSubmitting,
)
from ._jobs import PreparedJob, job_key, prepare_job
from ._kinds import VIDEO, CreateKind, ResourceCreate
from ._wait import resolve_policy, wait_on_poller

if TYPE_CHECKING:
    from .._core import ClientCore

Job = GenerateVideoRequest | AvatarIVVideoRequest | Mapping[str, Any]
Jobs = Iterable[Job] | AsyncIterable[Job]
EventCallback = Callable[[JobEvent], None]
Resources = Callable[[str], Any]
"""``client.<noun>`` by noun name (``"templates"``)."""

# Jobs in flight when neither the call nor the client caps renders. HeyGen renders
# 1 to 10 at a time per plan and queues the rest, so more than this in flight
# would only lengthen its queue while costing memory and status requests here.
DEFAULT_MAX_IN_FLIGHT = 1000


async def generate_many(
    core: ClientCore,
    jobs: Jobs,
    *,
    max_concurrent_jobs: int | None = None,
    poll: PollPolicy | None = None,
    on_event: EventCallback | None = None,
    resources: Resources | None = None,
) -> AsyncGenerator[JobResult, None]:
    """``AsyncHeyGenClient.generate_many`` (see its docstring); ``resources`` gives
    ``client.<noun>`` for the jobs made by a resource method (templates...)."""
    if isinstance(jobs, (str, bytes, Mapping, BaseModel)) or not isinstance(
        jobs, (Iterable, AsyncIterable)
    ):
        raise InvalidRequestError(
            f"jobs: must be an iterable of jobs (got {type(jobs).__name__})",
            field="jobs",
            allowed="iterable or async iterable of request models or dicts",
        )
    if max_concurrent_jobs is not None:
        require_int_range(max_concurrent_jobs, "max_concurrent_jobs", 1)
    policy = resolve_policy(core.poll, poll, None)
    limit = max_concurrent_jobs or core.rate.max_concurrent_jobs or DEFAULT_MAX_IN_FLIGHT
    run = GenerateManyRun(
        core, jobs, limit=limit, policy=policy, on_event=on_event, resources=resources
    )
    async with aclosing(read_results(run)) as results:
        async for result in results:
            yield result


class GenerateManyRun(BackgroundRun[JobResult]):
    """The jobs of one ``generate_many`` call, run in a background task."""

    def __init__(
        self,
        core: ClientCore,
        jobs: Jobs,
        *,
        limit: int,
        policy: PollPolicy,
        on_event: EventCallback | None,
        resources: Resources | None = None,
    ) -> None:
        self._core = core
        self._resources = resources
        self._jobs = jobs
        self._policy = policy
        self._on_event = on_event
        self._in_flight = anyio.Semaphore(limit)
        super().__init__()

    async def _run(self, group: TaskGroup) -> None:
        try:
            await self._dispatch(group)
        except Exception as exc:
            # The jobs iterable failed: the jobs already started still finish and
            # report, then the caller gets this error.
            self._failure = exc

    async def _dispatch(self, group: TaskGroup) -> None:
        index = 0
        if isinstance(self._jobs, AsyncIterable):
            async for job in self._jobs:
                await self._start_job(group, job, index)
                index += 1
        else:
            for job in self._jobs:
                await self._start_job(group, job, index)
                index += 1

    async def _start_job(self, group: TaskGroup, job: object, index: int) -> None:
        await self._in_flight.acquire()  # released by the job's task when it ends
        group.start_soon(self._job_task, job, index)

    async def _job_task(self, job: object, index: int) -> None:
        try:
            result = await run_job(
                self._core, job, index, self._policy, self._emit, self._resources
            )
        finally:
            self._in_flight.release()
        self._send.send_nowait(result)

    def _emit(self, event: JobEvent) -> None:
        if self._on_event is None:
            return
        if isinstance(event, (JobSubmitting, JobSending)):
            self._on_event(event)  # may raise: the job (this attempt) is then not sent
            return
        try:
            self._on_event(event)
        except Exception:
            logger.warning("on_event raised on %s; ignored", type(event).__name__, exc_info=True)


async def run_job(
    core: ClientCore,
    job: object,
    index: int,
    policy: PollPolicy,
    emit: Callable[[JobEvent], None],
    resources: Resources | None = None,
) -> JobResult:
    """Validate, submit (unless resuming) and wait for one job; never raises an
    ``Exception``: whatever ends the job is its result."""
    key = job_key(job, index)
    video_id: str | None = None
    callback_id: str | None = None
    try:
        prepared = prepare_job(job, index, core)
        video_id, callback_id = prepared.video_id, prepared.callback_id
        if prepared.resumes is not None:
            return await _run_own_kind_job(
                core, prepared, prepared.resumes, policy, emit, resources
            )
        if isinstance(prepared.create, ResourceCreate) and not prepared.create.kind.waits_as_video:
            return await _run_own_kind_job(
                core, prepared, prepared.create.kind, policy, emit, resources
            )
        async with core.rate.job_slot():
            # A resumed job's video may be done already: its first check is at once.
            just_created = video_id is None
            if video_id is None:
                video_id = await _submit(core, prepared, emit, policy.timeout, resources)

            def on_status(status: VideoStatus, video_id: str = video_id) -> None:
                emit(JobStatusChanged(key, video_id, status))

            status = await wait_on_poller(
                core, video_id, policy, on_status, just_created=just_created
            )
    except Exception as exc:
        error = exc if isinstance(exc, HeyGenError) else _unexpected(key, exc)
        emit(JobFailed(key, video_id, error))
        return JobResult(key, video_id, _last_status(error), error, callback_id)
    emit(JobCompleted(key, video_id, status))
    return JobResult(key, video_id, status, None, callback_id)


async def _run_own_kind_job(
    core: ClientCore,
    job: PreparedJob,
    kind: CreateKind,
    policy: PollPolicy,
    emit: Callable[[JobEvent], None],
    resources: Resources | None,
) -> JobResult:
    """Create a translation, lipsync or video agent job (unless it is resumed by its
    ``job_id``) and wait on its resource's ``wait``: its result carries the job's own
    finished model."""
    job_id: str | None = job.job_id
    try:
        async with core.rate.job_slot():
            if job_id is None:
                job_id = await _submit(core, job, emit, policy.timeout, resources)
            waiting = _resource(resources, kind)
            finished = await waiting.wait(job_id, timeout=policy.timeout, poll=policy)
    except Exception as exc:
        error = exc if isinstance(exc, HeyGenError) else _unexpected(job.key, exc)
        emit(JobFailed(job.key, job_id, error, kind.job_kind))
        status = getattr(error, "status", None) or getattr(error, "last_status", None)
        return JobResult(job.key, None, status, error, job.callback_id, job_id, kind.job_kind)
    emit(JobCompleted(job.key, job_id, finished, kind.job_kind))
    video_id = getattr(finished, "video_id", None) if kind.name == "video_agent" else None
    return JobResult(job.key, video_id, finished, None, job.callback_id, job_id, kind.job_kind)


async def _submit(
    core: ClientCore,
    job: PreparedJob,
    emit: Callable[[JobEvent], None],
    hold_for: float | None,
    resources: Resources | None = None,
) -> str:
    """Send the job's one generation request (the transport retries it only where that
    is harmless: never sent, or under its idempotency key). Refused at HeyGen's
    concurrent-job limit, it is held until a slot frees, or until ``hold_for``
    seconds (the job's wait timeout) pass with the limit making no progress."""
    assert job.create is not None
    try:
        emit(JobSubmitting(job.key, job.callback_id, job.create.body, job.idempotency_key))
    except Exception as exc:
        raise HeyGenError(
            f"job {job.key!r} not submitted: on_event raised {type(exc).__name__}: {exc}"
        ) from exc
    with (
        hold_at_job_limit(core.clock, hold_for),
        announcing_creates(_announcer(job, emit)),
    ):
        if isinstance(job.create, ResourceCreate):
            job_id = await _create_by_resource(job.create, job.idempotency_key, resources)
            kind = job.create.kind.job_kind
        else:
            video = await core.generate(job.create, idempotency_key=job.idempotency_key)
            job_id, kind = video.video_id, VIDEO
    emit(JobSubmitted(job.key, job_id, job.callback_id, kind))
    return job_id


async def _create_by_resource(
    create: ResourceCreate, idempotency_key: str | None, resources: Resources | None
) -> str:
    """Send a job's create through its resource method; the new job's id."""
    method = getattr(_resource(resources, create.kind), create.kind.method)
    answer = await method(**create.arguments, idempotency_key=idempotency_key)
    return create.kind.id_of(answer)


def _resource(resources: Resources | None, kind: CreateKind) -> Any:
    """``client.<noun>`` of a kind's jobs."""
    if resources is None:
        raise InvalidRequestError(
            f"kind: a {kind.name} job needs the client's resources",
            field="kind",
            allowed="video",
        )
    return resources(kind.noun)


def _announcer(
    job: PreparedJob, emit: Callable[[JobEvent], None]
) -> Callable[[int, str | None], None]:
    """The transport's per-attempt announcement of ``job``'s create, as ``JobSending``;
    a callback that raises stops that attempt (it is then not sent)."""

    def announce(attempt: int, idempotency_key: str | None) -> None:
        try:
            emit(JobSending(job.key, attempt, idempotency_key))
        except Exception as exc:
            error = HeyGenError(
                f"job {job.key!r}: attempt {attempt} not sent: on_event raised "
                f"{type(exc).__name__}: {exc}"
            )
            # An earlier attempt went out: that one may have made the video.
            error.may_have_been_processed = attempt > 1  # type: ignore[attr-defined]
            raise error from exc

    return announce


def _last_status(error: HeyGenError) -> VideoStatus | None:
    """The status an error was raised on (failed video, timeout, aborted wait)."""
    for name in ("status", "last_status"):
        value = getattr(error, name, None)
        if isinstance(value, VideoStatus):
            return value
    return None


def _unexpected(key: Any, exc: Exception) -> HeyGenError:
    # Not an SDK error (a bug, or a malformed answer that slipped through): it still
    # ends only this job, and the original stays attached as __cause__.
    logger.log(logging.ERROR, "job %r failed unexpectedly", key, exc_info=exc)
    error = HeyGenError(f"job {key!r} failed unexpectedly: {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error
