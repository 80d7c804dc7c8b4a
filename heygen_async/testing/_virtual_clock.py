"""Virtual time for the SDK's waits and retries: hours of polling in milliseconds.

``VirtualClock`` replaces the client's clock. Sleeps do not really sleep: while
``clock.running()`` is active, whenever every task is blocked the clock jumps to
the earliest pending wake-up. Concurrency keeps its real order (a task paused by a
shared 429 really wakes after the others' deadlines), so it suits tests of many
concurrent waits. Hand ``clock.now`` to ``FakeHeyGen(clock=...)`` and the fake's
renders progress on the same virtual time::

    clock = VirtualClock()
    fake = FakeHeyGen(clock=clock.now, time_scale=1.0)
    client = fake.client(clock=clock)
    async with clock.running():
        status = await client.wait_for_video(video_id)   # 10 "minutes" in ~ms
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import anyio.lowlevel

from .._async_library import running_under_trio
from .._clock import Clock


async def _wait_all_tasks_blocked() -> None:
    """Return once every other task is waiting (on a sleep, an event, I/O)."""
    if running_under_trio():
        import trio.testing

        await trio.testing.wait_all_tasks_blocked()
        return
    # anyio's asyncio version sleeps 0.1 s of real time whenever a task is still
    # runnable, which makes every virtual wake-up cost 100 ms: check cheaply instead.
    this = asyncio.current_task()
    loop = asyncio.get_running_loop()
    while True:
        for _ in range(3):  # let callbacks and wake-ups already queued run first
            await asyncio.sleep(0)
        if not getattr(loop, "_ready", ()) and all(
            task is this or _is_waiting(task) for task in asyncio.all_tasks()
        ):
            return


def _is_waiting(task: asyncio.Task[object]) -> bool:
    waiter = getattr(task, "_fut_waiter", None)
    return waiter is not None and not waiter.done()


class VirtualClock(Clock):
    """A ``Clock`` whose time moves only when every task is waiting on it.

    ``sleeps`` records every requested sleep (seconds), in order, for assertions.
    ``seed`` fixes the jitter.
    """

    def __init__(self, start: float = 0.0, *, seed: int = 0) -> None:
        super().__init__(random.Random(seed))
        self._now = float(start)
        self._sleepers: list[tuple[float, int, anyio.Event]] = []
        self._order = itertools.count()
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if seconds <= 0:
            await anyio.lowlevel.checkpoint()
            return
        wake = anyio.Event()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._order), wake))
        await wake.wait()

    def advance(self, seconds: float) -> None:
        """Move time forward by hand and wake every sleeper that is due."""
        self._now += max(0.0, seconds)
        self._wake_due()

    def _wake_due(self) -> None:
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, wake = heapq.heappop(self._sleepers)
            wake.set()

    async def _autojump(self) -> None:
        while True:
            await _wait_all_tasks_blocked()
            if self._sleepers:
                self._now = max(self._now, self._sleepers[0][0])
                self._wake_due()
            else:
                # Everyone is blocked on something else (real I/O): let it happen.
                await anyio.sleep(0.001)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[VirtualClock]:
        """Jump time forward whenever all tasks are blocked, for the ``async with`` body."""
        async with anyio.create_task_group() as group:
            group.start_soon(self._autojump)
            try:
                yield self
            finally:
                group.cancel_scope.cancel()
