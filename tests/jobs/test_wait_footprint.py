"""What a sleeping wait holds on asyncio (issue 24: 10,000 concurrent waits in one
process under 100 MB, "a sleeping wait holds little more than its place in the
poller").

The waits are on jobs just created with a first delay of an hour, so every one is
asleep after a few loop turns: no read, no real sleeping. ``tracemalloc`` counts
everything allocated per caller task asleep in such a wait, less what a caller
task asleep on a bare loop future costs (the least any asyncio wait can hold).
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import tracemalloc
import weakref
from collections.abc import Awaitable, Callable, Sequence
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
# Beyond a caller asleep on a bare loop future. Before issue 24 a sleeping wait
# held about 2.4 KiB more (an anyio Event over an asyncio.Event, a set per job id, the
# wait's own coroutine); then about 500 bytes (its coroutine, a listener beside its
# future); now its watch and the future the caller awaits: about 160.
BUDGET_PER_WAIT = 260


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


async def _allocated_per_sleeping_caller(wait: Callable[[str], Awaitable[object]]) -> float:
    """Bytes allocated per caller task asleep in ``await wait(job_id)``, everything
    each one allocated counted (its task, its coroutine, what the wait holds)."""

    async def caller(job_id: str) -> object:
        return await wait(job_id)

    warm_up = asyncio.ensure_future(caller("warm-up"))  # the driver, lazily made things
    for _ in range(5):
        await asyncio.sleep(0)
    # Other tests' garbage collected during the window would count against one side.
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        tasks = [asyncio.ensure_future(caller(f"job-{number}")) for number in range(WAITS)]
        for _ in range(5):
            await asyncio.sleep(0)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
        gc.enable()
    for task in [warm_up, *tasks]:
        task.cancel()
    await asyncio.gather(warm_up, *tasks, return_exceptions=True)
    # What every caller allocated: a one-off growth (a table of asyncio's set of all
    # tasks doubling as a long test run has filled it) is no wait's.
    allocated = sum(
        stat.size_diff
        for stat in after.compare_to(before, "traceback")
        if stat.count_diff >= WAITS // 2
    )
    return allocated / WAITS


async def _held_per_sleeping_wait() -> tuple[float, float]:
    """(bytes a sleeping wait holds beyond a caller task asleep on a bare loop future,
    the least any asyncio wait costs; that caller's own floor)."""
    poller = JobPoller(Clock())
    kind = NeverRead()

    def on_the_poller(job_id: str) -> Awaitable[str]:
        return wait_for_job(poller, kind, job_id, ASLEEP_FOR_AN_HOUR, just_created=True)

    def on_a_bare_future(job_id: str) -> Awaitable[None]:
        return asyncio.get_running_loop().create_future()

    floor = await _allocated_per_sleeping_caller(on_a_bare_future)
    waiting = await _allocated_per_sleeping_caller(on_the_poller)
    return waiting - floor, floor


def test_a_sleeping_wait_holds_little_more_than_its_place_in_the_poller() -> None:
    # Measured in a fresh interpreter (this file run as a script): what a long test
    # run leaves behind (its garbage, asyncio's set of all tasks grown large) moved
    # the figures by over 100 bytes a wait.
    child = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, timeout=120, check=False
    )
    assert child.returncode == 0, child.stderr[-2000:]
    held, floor = json.loads(child.stdout.strip().splitlines()[-1])

    # The floor (the caller's task and coroutine, one future) is about 1 KiB.
    assert 0 < floor < 4096, f"{floor:.0f} bytes per caller asleep on a bare future"
    assert held < BUDGET_PER_WAIT, f"{held:.0f} bytes per sleeping wait beyond that floor"


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


def test_a_sleeping_wait_for_video_is_one_coroutine_frame_deep() -> None:
    # The public method opens its call scope itself (no api_call wrapper around it)
    # and awaits the poller's future directly: each frame is held, with its
    # arguments, by each of 10,000 sleeping waits.
    frames = asyncio.run(_sleeping_wait_for_video_frames())

    assert frames == ["AsyncHeyGenClient.wait_for_video"]


if __name__ == "__main__":  # the measurement, for the test above
    print(json.dumps(asyncio.run(_held_per_sleeping_wait())))
