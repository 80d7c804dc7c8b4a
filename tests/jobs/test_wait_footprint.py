"""What a sleeping wait holds on asyncio (issue 24: 10,000 concurrent waits in one
process under 100 MB, "a sleeping wait holds little more than its place in the
poller").

The waits are on jobs just created with a first delay of an hour, so every one is
asleep after a few loop turns: no read, no real sleeping. ``tracemalloc`` counts
what the SDK's code (and asyncio's and anyio's event machinery, which a wait used to
sleep on) allocated per sleeping wait; the task and the ``wait_for_job`` coroutine
the caller makes are the caller's, allocated here, and not counted.
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
import weakref
from collections.abc import Sequence
from pathlib import Path

import anyio
import httpx

import heygen_async
from heygen_async import HeyGenError, PollPolicy
from heygen_async.jobs._kinds import JobKind, Progress
from heygen_async.jobs._poller import JobPoller
from heygen_async.jobs._wait import ManyWaits, wait_for_job
from heygen_async.testing import Clock

WAITS = 500
ASLEEP_FOR_AN_HOUR = PollPolicy(first_delay=3600.0, jitter=0.0)
SDK_DIR = str(Path(heygen_async.__file__).parent)
EVENT_FILES = (str(Path(asyncio.__file__).parent / "locks.py"), str(Path(anyio.__file__).parent))
# Before issue 24 a sleeping wait's share here was about 1.9 KiB: an anyio Event over
# an asyncio.Event (its waiter deque alone ~600 bytes) and a set per job id; then
# about 556 bytes with a list and a (kind, job id) key per job; now about 410.
BUDGET_PER_WAIT = 480


class NeverRead(JobKind[str]):
    name = "never-read"

    async def read_one(self, job_id: str) -> str:
        raise AssertionError("a wait sleeping for an hour read its job")

    async def read_many(self, job_ids: Sequence[str]) -> list[str]:
        raise AssertionError("a wait sleeping for an hour read its jobs")

    def progress(self, status: str) -> Progress:
        return Progress.RUNNING

    def failure(self, status: str) -> HeyGenError:
        return HeyGenError(status)


async def _held_per_sleeping_wait() -> tuple[float, float]:
    """(bytes the SDK and the event machinery hold per sleeping wait, of them the
    event machinery's)."""
    poller = JobPoller(Clock())
    kind = NeverRead()

    def start(job_id: str) -> asyncio.Task[str]:
        waiting = wait_for_job(poller, kind, job_id, ASLEEP_FOR_AN_HOUR, just_created=True)
        return asyncio.ensure_future(waiting)

    warm_up = start("warm-up")  # the driver task, the group, lazily made things
    for _ in range(5):
        await asyncio.sleep(0)
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        tasks = [start(f"job-{number}") for number in range(WAITS)]
        for _ in range(5):
            await asyncio.sleep(0)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    for task in [warm_up, *tasks]:
        task.cancel()
    await asyncio.gather(warm_up, *tasks, return_exceptions=True)

    held = events = 0
    for stat in after.compare_to(before, "filename"):
        filename = stat.traceback[0].filename
        if filename.startswith(SDK_DIR):
            held += stat.size_diff
        elif filename.startswith(EVENT_FILES):
            held += stat.size_diff
            events += stat.size_diff
    return held / WAITS, events / WAITS


def test_a_sleeping_wait_holds_little_more_than_its_place_in_the_poller() -> None:
    held, events = asyncio.run(_held_per_sleeping_wait())

    assert held < BUDGET_PER_WAIT, f"{held:.0f} bytes per sleeping wait"
    # It sleeps on a bare loop future, not on an asyncio.Event with its waiter deque.
    assert events < 64, f"{events:.0f} bytes of event machinery per sleeping wait"


class Done:
    """A job's status (weakly referenceable: the test watches it go)."""

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        self.status = "running" if job_id == NEVER_ENDS else "completed"


NEVER_ENDS = "never-ends"


class EndsAtOnce(JobKind[Done]):
    """Every job is done at its first read, but ``NEVER_ENDS``."""

    name = "ends-at-once"

    async def read_one(self, job_id: str) -> Done:
        return Done(job_id)

    async def read_many(self, job_ids: Sequence[str]) -> list[Done]:
        return [Done(job_id) for job_id in job_ids]

    def progress(self, status: Done) -> Progress:
        return Progress.COMPLETED if status.status == "completed" else Progress.RUNNING

    def failure(self, status: Done) -> HeyGenError:
        return HeyGenError(status.status)


def test_wait_many_lets_go_of_each_ended_job_while_others_still_run() -> None:
    # Before issue 24 the call kept every ended job's watch, and with it the job's
    # last status, until its last job ended: a 100,000-video wait_many held every
    # completed video's model (URLs and all) for the whole day.
    ids = [f"job-{number}" for number in range(20)]
    released: list[bool] = []

    async def main() -> None:
        waits: ManyWaits[Done] = ManyWaits(JobPoller(Clock()))
        results = waits.results(EndsAtOnce(), [*ids, NEVER_ENDS], PollPolicy())
        ended = []
        for _ in ids:
            _, status, error = await results.__anext__()
            assert status is not None and error is None
            ended.append(weakref.ref(status))
            del status
        gc.collect()  # the never-ending job still runs: the call is still going
        released.extend(ref() is None for ref in ended)
        await results.aclose()

    anyio.run(main)

    assert released == [True] * len(ids)


def _sdk_frames(task: asyncio.Task[object]) -> list[str]:
    """The SDK's coroutines a sleeping task is suspended in, outermost first."""
    names = []
    coroutine: object = task.get_coro()
    while coroutine is not None:
        code = getattr(coroutine, "cr_code", None)
        if code is not None and code.co_filename.startswith(SDK_DIR):
            names.append(coroutine.__qualname__)  # code.co_qualname is 3.11+
        coroutine = getattr(coroutine, "cr_await", None)
    return names


async def _sleeping_wait_for_video_frames() -> list[str]:
    def still_rendering(request: httpx.Request) -> httpx.Response:
        ids = request.url.params.get("video_ids", "").split(",")
        return httpx.Response(
            200, json={"data": [{"video_id": video_id, "status": "processing"} for video_id in ids]}
        )

    http = httpx.AsyncClient(transport=httpx.MockTransport(still_rendering))
    async with heygen_async.AsyncHeyGenClient(
        api_key="k", api_version="v3", http_client=http
    ) as client:
        task = asyncio.ensure_future(client.wait_for_video("video-1"))
        for _ in range(5):  # it asks the poller, then sleeps on its future
            await asyncio.sleep(0)
        frames = _sdk_frames(task)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return frames


def test_a_sleeping_wait_for_video_is_two_coroutine_frames_deep() -> None:
    # The public method opens its call scope itself (no api_call wrapper around
    # it): each frame is held, with its arguments, by each of 10,000 sleeping waits.
    frames = asyncio.run(_sleeping_wait_for_video_frames())

    assert frames == ["AsyncHeyGenClient.wait_for_video", "wait_for_job"]
