"""A single wait on asyncio is a loop future the poller answers (``FutureWait``):
its caller awaits that future, with no coroutine of the SDK's between.

The poller's own tests run on trio; these check what differs on asyncio: the
ending arrives as the future's result or exception, a cancelled caller leaves the
poller as it is cancelled, and an ended wait is freed when its caller lets go.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator, Sequence

import pytest

from heygen_async import HeyGenError, PollPolicy
from heygen_async.jobs._kinds import JobKind, Progress
from heygen_async.jobs._poller import JobPoller
from heygen_async.jobs._wait import wait_for_job
from heygen_async.testing import Clock

AT_ONCE = PollPolicy(jitter=0.0)
ASLEEP_FOR_AN_HOUR = PollPolicy(first_delay=3600.0, jitter=0.0)


class Job:
    """A job's status (weakly referenceable: a test watches it go)."""

    def __init__(self, job_id: str, state: str) -> None:
        self.job_id = job_id
        self.state = state


class Scripted(JobKind[Job]):
    """Each job's state at every read, from ``states`` (running when not named)."""

    name = "scripted"

    def __init__(self, states: dict[str, str]) -> None:
        self.states = states

    async def read_one(self, job_id: str) -> Job:
        return Job(job_id, self.states.get(job_id, "running"))

    async def read_many(self, job_ids: Sequence[str]) -> list[Job]:
        return [await self.read_one(job_id) for job_id in job_ids]

    def progress(self, status: Job) -> Progress:
        return {"completed": Progress.COMPLETED, "failed": Progress.FAILED}.get(
            status.state, Progress.RUNNING
        )

    def failure(self, status: Job) -> HeyGenError:
        return HeyGenError(f"{status.job_id} failed")


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_the_wait_ends_with_the_status_or_raises_the_failure() -> None:
    kind = Scripted({"done": "completed", "broken": "failed"})

    async def main() -> tuple[str, str]:
        poller = JobPoller(Clock())
        status = await wait_for_job(poller, kind, "done", AT_ONCE, just_created=False)
        with pytest.raises(HeyGenError) as failed:
            await wait_for_job(poller, kind, "broken", AT_ONCE, just_created=False)
        return status.state, str(failed.value)

    assert asyncio.run(main()) == ("completed", "broken failed")


def test_a_cancelled_caller_leaves_the_poller_as_it_is_cancelled() -> None:
    async def main() -> tuple[bool, bool, bool]:
        poller = JobPoller(Clock())

        async def caller() -> Job:
            return await wait_for_job(
                poller, Scripted({}), "a", ASLEEP_FOR_AN_HOUR, just_created=True
            )

        task = asyncio.ensure_future(caller())
        for _ in range(3):
            await asyncio.sleep(0)
        waiting_before = poller.waiting_for("scripted", "a")
        task.cancel()
        waiting_after = poller.waiting_for("scripted", "a")  # no loop turn between
        await asyncio.gather(task, return_exceptions=True)
        return waiting_before, waiting_after, task.cancelled()

    assert asyncio.run(main()) == (True, False, True)


def test_an_ended_wait_is_freed_when_its_caller_lets_go_without_a_collection(
    collector_off: None,
) -> None:
    # The poller's watch holds the future as its listener; the future held the watch
    # back, and 10,000 ended waits (their statuses too) stayed until a collection.
    async def main() -> bool:
        poller = JobPoller(Clock())
        status = await wait_for_job(
            poller, Scripted({"a": "completed"}), "a", AT_ONCE, just_created=False
        )
        gone = weakref.ref(status)
        del status
        for _ in range(3):  # the driver ends once no wait is left
            await asyncio.sleep(0)
        return gone() is None

    assert asyncio.run(main())
