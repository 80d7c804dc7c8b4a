"""The one poller (``jobs._poller``) on a scripted job kind, in trio's virtual time.

Each test runs under ``trio.run`` with ``MockClock(autojump_threshold=0)``: time
jumps to the next timer as soon as every task waits, so a 20-minute schedule runs
in milliseconds and the times asserted are exact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import anyio
import pytest
import trio
from trio.testing import MockClock

from heygen_async import (
    HeyGenError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    PollPolicy,
    WaitAbortedError,
    WaitTimeoutError,
)
from heygen_async._transport._call import CallOptions, call_scope
from heygen_async.jobs._kinds import JobKind, Progress
from heygen_async.jobs._poller import JobPoller
from heygen_async.jobs._wait import ManyWaits, wait_for_job
from heygen_async.testing import Clock

NO_JITTER = PollPolicy(jitter=0.0)


@dataclasses.dataclass
class Job:
    status: str
    url: str | None = None


class FailedJob(HeyGenError):
    pass


class ScriptedKind(JobKind[Job]):
    """Jobs that finish at set times; every read is recorded with its time."""

    name = "scripted"

    def __init__(self, finish_at: dict[str, float], *, batch_size: int = 100) -> None:
        self.finish_at = finish_at
        self.fail: set[str] = set()
        self.missing: set[str] = set()
        self.errors: list[Exception] = []  # raised by the next reads, in order
        self.batch_size = batch_size
        self.bulk_is_final = False
        self.reads: list[tuple[float, str, tuple[str, ...], Any]] = []

    def _job(self, job_id: str, *, alone: bool) -> Job:
        if job_id in self.missing:
            if alone:
                raise NotFoundError("HTTP 404 not_found", status_code=404)
            return Job("not_found")
        done = trio.current_time() >= self.finish_at[job_id]
        if done and job_id in self.fail:
            return Job("failed")
        if done:
            return Job("completed", url=f"https://v/{job_id}.mp4" if alone else None)
        return Job("processing")

    def _record(self, how: str, ids: tuple[str, ...]) -> None:
        from heygen_async._transport._call import CURRENT_CALL

        call = CURRENT_CALL.get()
        self.reads.append((trio.current_time(), how, ids, None if call is None else call.options))
        if self.errors:
            raise self.errors.pop(0)

    async def read_one(self, job_id: str) -> Job:
        self._record("one", (job_id,))
        return self._job(job_id, alone=True)

    async def read_many(self, job_ids: Sequence[str]) -> list[Job]:
        assert len(job_ids) <= self.batch_size
        self._record("many", tuple(job_ids))
        return [self._job(job_id, alone=False) for job_id in job_ids]

    def progress(self, status: Job) -> Progress:
        return {
            "not_found": Progress.MISSING,
            "completed": Progress.COMPLETED,
            "failed": Progress.FAILED,
        }.get(status.status, Progress.RUNNING)

    def failure(self, status: Job) -> HeyGenError:
        return FailedJob("the job failed")


def run(main: Callable[[], Awaitable[Any]]) -> Any:
    return trio.run(main, clock=MockClock(autojump_threshold=0))


def test_a_given_id_is_checked_at_once_then_on_the_policys_schedule() -> None:
    kind = ScriptedKind({"a": 30.0}, batch_size=1)

    async def main() -> tuple[Job, float]:
        poller = JobPoller(Clock())
        job = await wait_for_job(poller, kind, "a", NO_JITTER, just_created=False)
        return job, trio.current_time()

    job, ended = run(main)
    times = [read[0] for read in kind.reads]
    # 0, then 5, 6.5, 8.45, 10.985, 14.28, 18.56, 24.13, 31.37 (x1.3 growth from 5 s).
    assert times[:3] == pytest.approx([0.0, 5.0, 11.5])
    assert job.status == "completed" and job.url == "https://v/a.mp4"
    assert ended == pytest.approx(times[-1])


def test_a_job_just_created_waits_first_delay() -> None:
    kind = ScriptedKind({"a": 1.0}, batch_size=1)

    async def main() -> None:
        await wait_for_job(JobPoller(Clock()), kind, "a", NO_JITTER, just_created=True)

    run(main)
    assert [read[0] for read in kind.reads] == pytest.approx([5.0])


def test_waits_due_together_share_bulk_reads_and_finished_ones_get_their_own() -> None:
    ids = [f"j{n}" for n in range(250)]
    kind = ScriptedKind(dict.fromkeys(ids, 12.0))

    async def main() -> list[Job]:
        poller = JobPoller(Clock())
        results: list[Job] = []
        async with anyio.create_task_group() as group:
            for job_id in ids:

                async def one(job_id: str = job_id) -> None:
                    results.append(
                        await wait_for_job(poller, kind, job_id, NO_JITTER, just_created=True)
                    )

                group.start_soon(one)
        return results

    results = run(main)
    assert len(results) == 250 and all(job.url for job in results)
    bulk = [read for read in kind.reads if read[1] == "many"]
    alone = [read for read in kind.reads if read[1] == "one"]
    assert all(len(read[2]) <= 100 for read in bulk)
    # Three bulk reads a round (100 + 100 + 50) for two rounds (5 s, 11.5 s, 19.95 s...)
    # until done at 12 s: 5, 11.5 -> still running; 19.95 -> completed.
    assert len(bulk) == 9
    assert sorted(read[2][0] for read in alone) == sorted(ids)  # one URL read each


def test_reads_with_other_request_options_are_not_shared() -> None:
    kind = ScriptedKind({"a": 1.0, "b": 1.0})
    traced = CallOptions.of(extra_headers={"X-Trace": "t"})

    async def main() -> None:
        poller = JobPoller(Clock())

        async def plain() -> None:
            await wait_for_job(poller, kind, "a", NO_JITTER, just_created=False)

        async def with_header() -> None:
            with call_scope(traced):
                await wait_for_job(poller, kind, "b", NO_JITTER, just_created=False)

        async with anyio.create_task_group() as group:
            group.start_soon(plain)
            group.start_soon(with_header)

    run(main)
    first = [read for read in kind.reads if read[0] == 0.0]
    assert sorted((read[2], read[3]) for read in first) == sorted(
        [(("a",), None), (("b",), traced)]
    )


def test_an_unknown_id_is_confirmed_once_then_not_found() -> None:
    kind = ScriptedKind({"known": 20.0, "ghost": 0.0})
    kind.missing.add("ghost")

    async def main() -> tuple[BaseException | None, float, Job]:
        poller = JobPoller(Clock())
        caught: list[BaseException] = []
        known: list[Job] = []

        async def ghost() -> None:
            try:
                await wait_for_job(poller, kind, "ghost", NO_JITTER, just_created=False)
            except NotFoundError as exc:
                caught.append(exc)
                caught.append(trio.current_time())  # type: ignore[arg-type]

        async def real() -> None:
            known.append(await wait_for_job(poller, kind, "known", NO_JITTER, just_created=False))

        async with anyio.create_task_group() as group:
            group.start_soon(ghost)
            group.start_soon(real)
        return caught[0], caught[1], known[0]  # type: ignore[return-value]

    error, when, known = run(main)
    assert isinstance(error, NotFoundError) and when == 0.0
    assert [(read[1], sorted(read[2])) for read in kind.reads if "ghost" in read[2]] == [
        ("many", ["ghost", "known"]),
        ("one", ["ghost"]),
    ]
    assert known.status == "completed"


def test_a_job_just_created_and_not_visible_yet_is_waited_for_within_the_grace() -> None:
    kind = ScriptedKind({"new": 12.0})
    kind.missing.add("new")

    async def main() -> Job:
        poller = JobPoller(Clock())

        async def appear() -> None:
            await trio.sleep(6.0)
            kind.missing.discard("new")

        async with anyio.create_task_group() as group:
            group.start_soon(appear)
            job = await wait_for_job(poller, kind, "new", NO_JITTER, just_created=True)
        return job

    assert run(main).status == "completed"


def test_a_failed_job_raises_the_kinds_failure() -> None:
    kind = ScriptedKind({"bad": 3.0}, batch_size=1)
    kind.fail.add("bad")

    async def main() -> None:
        await wait_for_job(JobPoller(Clock()), kind, "bad", NO_JITTER, just_created=False)

    with pytest.raises(FailedJob):
        run(main)


def test_the_deadline_ends_the_wait_with_the_last_status() -> None:
    kind = ScriptedKind({"slow": 1000.0}, batch_size=1)
    policy = dataclasses.replace(NO_JITTER, timeout=60.0)

    async def main() -> tuple[WaitTimeoutError, float]:
        try:
            await wait_for_job(JobPoller(Clock()), kind, "slow", policy, just_created=True)
        except WaitTimeoutError as exc:
            return exc, trio.current_time()
        raise AssertionError("no timeout")

    error, when = run(main)
    assert error.last_status == Job("processing")
    assert when == pytest.approx(59.0)  # the last check a second before the deadline
    assert kind.reads[-1][0] == pytest.approx(59.0)


def test_transient_failures_are_retried_and_a_streak_aborts() -> None:
    kind = ScriptedKind({"a": 0.0}, batch_size=1)
    kind.errors = [InternalServerError("HTTP 500", status_code=500)] * 3
    streak = ScriptedKind({"b": 0.0}, batch_size=1)
    streak.errors = [InternalServerError("HTTP 500", status_code=500)] * 10

    async def ok() -> Job:
        return await wait_for_job(JobPoller(Clock()), kind, "a", NO_JITTER, just_created=False)

    async def aborts() -> None:
        await wait_for_job(JobPoller(Clock()), streak, "b", NO_JITTER, just_created=False)

    assert run(ok).status == "completed" and len(kind.reads) == 4
    with pytest.raises(WaitAbortedError):
        run(aborts)
    assert len(streak.reads) == 10


def test_a_permanent_error_ends_the_wait_at_once() -> None:
    kind = ScriptedKind({"a": 0.0}, batch_size=1)
    kind.errors = [PermissionDeniedError("HTTP 403", status_code=403)]

    async def main() -> None:
        await wait_for_job(JobPoller(Clock()), kind, "a", NO_JITTER, just_created=False)

    with pytest.raises(PermissionDeniedError):
        run(main)
    assert len(kind.reads) == 1


def test_a_cancelled_wait_leaves_and_the_driver_stops_when_none_is_left() -> None:
    kind = ScriptedKind({"a": 10_000.0})

    async def main() -> tuple[bool, int, bool]:
        poller = JobPoller(Clock())
        with anyio.move_on_after(20):
            await wait_for_job(poller, kind, "a", NO_JITTER, just_created=False)
        reads_then = len(kind.reads)
        await trio.sleep(1000)  # a driver still running would keep reading
        driving = poller._driving
        job = await wait_for_job(
            poller, ScriptedKind({"b": 0.0}), "b", NO_JITTER, just_created=False
        )
        return driving, len(kind.reads) - reads_then, job.status == "completed"

    driving, reads_after, restarted = run(main)
    assert not driving and reads_after == 0 and restarted


def test_settle_ends_every_wait_for_the_job_without_a_read() -> None:
    kind = ScriptedKind({"a": 10_000.0})

    async def main() -> tuple[list[Job], float, int]:
        poller = JobPoller(Clock())
        results: list[Job] = []

        async def waiter() -> None:
            results.append(await wait_for_job(poller, kind, "a", NO_JITTER, just_created=True))

        async with anyio.create_task_group() as group:
            group.start_soon(waiter)
            group.start_soon(waiter)
            await trio.sleep(2.0)
            reached = poller.settle("scripted", "a", Job("completed", url="https://hook"))
        return results, trio.current_time(), reached

    results, when, reached = run(main)
    assert reached == 2 and when == 2.0
    assert [job.url for job in results] == ["https://hook", "https://hook"]
    assert kind.reads == []


def test_many_waits_yield_in_completion_order_and_closing_ends_the_rest() -> None:
    kind = ScriptedKind({"late": 50.0, "early": 6.0, "never": 10**6})

    async def main() -> tuple[list[str], bool]:
        poller = JobPoller(Clock())
        seen: list[str] = []
        waits: ManyWaits[Job] = ManyWaits(poller)
        results = waits.results(kind, ["late", "early", "never"], NO_JITTER)
        async for job_id, job, error in results:
            assert error is None and job is not None and job.status == "completed"
            seen.append(job_id)
            if len(seen) == 2:
                break
        await results.aclose()
        await trio.sleep(1000)
        return seen, poller.waiting_for("scripted", "never")

    seen, still_waiting = run(main)
    assert seen == ["early", "late"] and not still_waiting
