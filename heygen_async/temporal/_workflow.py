"""The bulk workflow: fan N jobs out under the account's job limit, across any
number of workers, and return every job's result.

Each job is create -> wait -> download, three activities that any worker may run.
The workflow itself is the one place that counts jobs in flight, so the job
limit holds however many workers there are. A webhook delivery can end a wait
(the ``job_finished`` signal): with ``webhook_grace`` set, a job's status is not
polled at all while deliveries flow.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from ._types import (
        WORKFLOW_NAME,
        BulkInput,
        BulkProgress,
        Created,
        CreateInput,
        DownloadInput,
        JobEventSignal,
        JobResult,
        JobSpec,
        Waited,
        WaitInput,
    )

FINISHED = ("completed", "failed")
# Errors a create must not be retried after (the activity marks most itself).
NON_RETRYABLE = ["InvalidRequestError", "IdempotencyKeyExpired"]
CREATE_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    non_retryable_error_types=NON_RETRYABLE,
)
WAIT_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=10)
)
DOWNLOAD_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30), maximum_attempts=10)


def _reason(error: BaseException) -> str:
    cause = error.__cause__ if isinstance(error, ActivityError) else error
    if isinstance(cause, ApplicationError) and cause.message:
        return cause.message
    return str(cause or error)


@workflow.defn(name=WORKFLOW_NAME)
class BulkWorkflow:
    """Run every job of a ``BulkInput``; return a ``JobResult`` per job, in input order.

    A long run continues as new (``BulkInput.max_history_events``): it stops starting
    jobs, lets those in flight end, then starts over under the same workflow id
    with the results so far and the jobs not started, so its history stays far
    below Temporal's limits however many jobs there are."""

    def __init__(self) -> None:
        self._progress = BulkProgress(total=0)
        self._events: dict[str, JobEventSignal] = {}
        self._results: dict[str, JobResult] = {}
        self._job_ids: dict[str, str] = {}

    @workflow.run
    async def run(self, request: BulkInput) -> list[JobResult]:
        """Fan out, at most ``max_concurrent_jobs`` between create and end of wait."""
        self._carry_over(request)
        order = request.order or [job.key for job in request.jobs]
        running: list[asyncio.Task[None]] = []
        for number, job in enumerate(request.jobs):
            await self._take_slot(request.max_concurrent_jobs)
            # Only once this run has started a job: every run makes progress, however
            # low the threshold.
            if running and self._history_is_long(request):
                self._progress.in_flight -= 1  # the slot taken is not used here
                await asyncio.gather(*running)
                workflow.continue_as_new(self._next_run(request, order, request.jobs[number:]))
            running.append(asyncio.ensure_future(self._run_job(request, job)))
        await asyncio.gather(*running)
        return [self._results[key] for key in order]

    def _carry_over(self, request: BulkInput) -> None:
        """Take the state an earlier run of this workflow handed over (if any)."""
        carried = request.carried_progress
        self._progress = BulkProgress(total=len(request.jobs) + len(request.results))
        if carried is not None:
            self._progress.submitted = carried.submitted
            self._progress.max_in_flight_seen = carried.max_in_flight_seen
        for result in request.results:
            self._results[result.key] = result
            self._progress.finished += 1
            counts = self._progress.by_status
            counts[result.status] = counts.get(result.status, 0) + 1

    def _history_is_long(self, request: BulkInput) -> bool:
        info = workflow.info()
        return (
            info.get_current_history_length() >= request.max_history_events
            or info.is_continue_as_new_suggested()
        )

    def _next_run(self, request: BulkInput, order: list[str], left: list[JobSpec]) -> BulkInput:
        """The next run's input: the same settings, the results so far, the jobs left."""
        return dataclasses.replace(
            request,
            jobs=left,
            results=[self._results[key] for key in order if key in self._results],
            order=order,
            carried_progress=dataclasses.replace(self._progress, by_status={}),
        )

    @workflow.query
    def progress(self) -> BulkProgress:
        """Where the run stands (``heygen-async bulk --temporal`` shows it)."""
        return self._progress

    @workflow.query
    def results(self) -> list[JobResult]:
        """The jobs finished so far (those of earlier runs of a long run too)."""
        return list(self._results.values())

    @workflow.query
    def job_ids(self) -> dict[str, str]:
        """Each job's id at HeyGen by job key, for the jobs of this run (since the
        last continue-as-new) submitted so far (to route webhooks by hand)."""
        return dict(self._job_ids)

    @workflow.signal
    def job_finished(self, event: JobEventSignal) -> None:
        """A webhook said a job ended: its wait ends without another status read."""
        if event.status in FINISHED:
            self._events.setdefault(event.job_id, event)

    async def _take_slot(self, limit: int) -> None:
        await workflow.wait_condition(lambda: self._progress.in_flight < limit)
        self._progress.in_flight += 1
        seen = max(self._progress.max_in_flight_seen, self._progress.in_flight)
        self._progress.max_in_flight_seen = seen

    def _finish(self, job: JobSpec, result: JobResult) -> None:
        self._results[job.key] = result
        self._progress.finished += 1
        counts = self._progress.by_status
        counts[result.status] = counts.get(result.status, 0) + 1

    async def _run_job(self, request: BulkInput, job: JobSpec) -> None:
        """Create, wait, download; the slot taken for it is given back once the wait ends."""
        try:
            created = await self._create(request, job)
        except ActivityError as exc:
            self._progress.in_flight -= 1
            self._finish(
                job, JobResult(job.key, None, "rejected", error=_reason(exc), kind=job.kind)
            )
            return
        self._progress.submitted += 1
        self._job_ids[job.key] = created.job_id
        try:
            waited = await self._wait(request, job, created.job_id)
        except ActivityError as exc:  # a wait that cannot go on (an id HeyGen does not know)
            waited = Waited(created.job_id, "failed", _reason(exc))
        finally:
            self._progress.in_flight -= 1
        result = JobResult(
            job.key,
            created.job_id,
            waited.status,
            error=waited.error,
            kind=job.kind,
            video_url=waited.video_url,
            result=waited.result if request.full_results else None,
        )
        if waited.status != "completed" or request.out_dir is None:
            self._finish(job, result)
            return
        try:
            path = await workflow.execute_activity(
                "heygen.download",
                DownloadInput(created.job_id, request.out_dir, job.key, job.kind),
                result_type=str,
                activity_id=f"download:{job.key}",
                start_to_close_timeout=timedelta(seconds=max(request.activity_timeout, 600)),
                retry_policy=DOWNLOAD_RETRY,
            )
        except ActivityError as exc:
            failed = dataclasses.replace(result, status="download_failed", error=_reason(exc))
            self._finish(job, failed)
            return
        self._finish(job, dataclasses.replace(result, path=path))

    async def _create(self, request: BulkInput, job: JobSpec) -> Created:
        created: Created = await workflow.execute_activity(
            "heygen.create",
            CreateInput(job, workflow.now().timestamp()),
            result_type=Created,
            # The activity id is part of the idempotency key: fixed per job.
            activity_id=f"create:{job.key}",
            start_to_close_timeout=timedelta(seconds=request.activity_timeout),
            retry_policy=CREATE_RETRY,
        )
        return created

    async def _wait(self, request: BulkInput, job: JobSpec, job_id: str) -> Waited:
        if request.webhook_grace > 0:
            with contextlib.suppress(asyncio.TimeoutError):  # none in time: poll from now on
                await workflow.wait_condition(
                    lambda: job_id in self._events, timeout=request.webhook_grace
                )
        if job_id in self._events:
            return self._from_event(job_id)
        polling = workflow.start_activity(
            "heygen.wait",
            WaitInput(job_id, job.kind, request.wait_timeout),
            result_type=Waited,
            activity_id=f"wait:{job.key}",
            start_to_close_timeout=timedelta(seconds=(request.wait_timeout or 86400) + 600),
            heartbeat_timeout=timedelta(seconds=request.heartbeat_timeout),
            retry_policy=WAIT_RETRY,
        )
        signalled = asyncio.ensure_future(workflow.wait_condition(lambda: job_id in self._events))
        await workflow.wait([polling, signalled], return_when=asyncio.FIRST_COMPLETED)
        if polling.done():
            signalled.cancel()
            waited: Waited = polling.result()
            return waited
        polling.cancel()
        # Cancelled as asked: the webhook already said how the job ended.
        with contextlib.suppress(ActivityError, asyncio.CancelledError):
            await polling
        return self._from_event(job_id)

    def _from_event(self, job_id: str) -> Waited:
        event = self._events[job_id]
        return Waited(job_id, event.status, event.error, event.video_url)


__all__ = ["BulkWorkflow"]
