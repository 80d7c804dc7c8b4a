"""Calibrate the PollPolicy presets: the real poller against simulated renders.

Renders last log-uniform 30 s to 20 min; for each policy this prints the mean
status requests per video and the mean detection delay (first check that saw
``completed`` minus the moment the render ended). Instant virtual time, so
20,000 waits take a few seconds::

    python tests/workflows/sim_policies.py
"""

from __future__ import annotations

import math
import random
import statistics
import sys

import anyio
import anyio.lowlevel

from heygen_async import PollPolicy, VideoStatus
from heygen_async._clock import Clock
from heygen_async.workflows._wait import poll_until_done


class InstantClock(Clock):
    """One task's virtual time: a sleep moves the clock on at once."""

    def __init__(self, seed: int) -> None:
        super().__init__(random.Random(seed))
        self.t = 0.0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += max(0.0, seconds)
        await anyio.lowlevel.checkpoint()


async def simulate(policy: PollPolicy, videos: int, seed: int = 1) -> tuple[float, float]:
    rng = random.Random(seed)
    requests: list[int] = []
    delays: list[float] = []
    for n in range(videos):
        render = math.exp(rng.uniform(math.log(30), math.log(1200)))
        clock = InstantClock(seed + n)
        calls = 0

        async def fetch(
            video_id: str, render: float = render, clock: InstantClock = clock
        ) -> VideoStatus:
            nonlocal calls
            calls += 1
            state = "completed" if clock.t >= render else "processing"
            return VideoStatus(video_id=video_id, status=state)

        await poll_until_done(fetch, "v", policy, clock)
        requests.append(calls)
        delays.append(clock.t - render)
    return statistics.mean(requests), statistics.mean(delays)


async def main(videos: int) -> None:
    naive = PollPolicy(first_delay=5, initial_interval=5, multiplier=1.0, max_interval=5, jitter=0)
    for name, policy in [
        ("naive fixed 5 s", naive),
        ("default", PollPolicy()),
        ("fast()", PollPolicy.fast()),
        ("economy()", PollPolicy.economy()),
    ]:
        requests, delay = await simulate(policy, videos)
        print(f"{name:16} {requests:6.1f} requests/video  {delay:6.1f} s mean detection delay")


if __name__ == "__main__":
    anyio.run(main, int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
