"""``VirtualClock`` with a quicker "every task is blocked" check on asyncio.

anyio's asyncio ``wait_all_tasks_blocked`` sleeps 0.1 s of real time whenever a
task is still runnable, so each virtual wake-up costs ~100 ms: a 30-minute wait
took seconds. Here a pass over the tasks is preceded by ``sleep(0)`` instead
(respx answers in memory, so no task is ever blocked on real I/O). Under trio the
native ``wait_all_tasks_blocked`` is used.
"""

from __future__ import annotations

import asyncio
import sys

import anyio

from heygen_async.testing._virtual_clock import VirtualClock, _wait_all_tasks_blocked


def _under_trio() -> bool:
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True


async def _asyncio_all_blocked() -> None:
    this = asyncio.current_task()
    loop = asyncio.get_running_loop()
    while True:
        for _ in range(3):  # let callbacks and wake-ups already queued run first
            await asyncio.sleep(0)
        ready = getattr(loop, "_ready", ())
        if not ready and all(
            task is this or (task._fut_waiter is not None and not task._fut_waiter.done())  # type: ignore[attr-defined]
            for task in asyncio.all_tasks()
        ):
            return


class FastVirtualClock(VirtualClock):
    async def _autojump(self) -> None:
        blocked = _wait_all_tasks_blocked if _under_trio() else _asyncio_all_blocked
        while True:
            await blocked()
            if self._sleepers:
                self._now = max(self._now, self._sleepers[0][0])
                self._wake_due()
            else:
                await anyio.sleep(0.001)
