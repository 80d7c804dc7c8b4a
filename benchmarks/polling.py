"""3. Polling efficiency: status requests per video and detection delay, per policy.

Each strategy waits for the same videos (same seed: the n-th video gets the same
render time in every run), render times log-uniform between 30 s and 20 min, all
submitted at once to a fake with unlimited render slots. It runs on virtual time
with the SDK's real poller (``wait_for_video``), so 20-minute renders cost
milliseconds. Contenders:

- the default ``PollPolicy`` and the presets ``fast()`` and ``economy()``;
- naive fixed 5 s polling: a hand-written loop that sleeps 5 s and asks again;
- the ideal: one request at the moment the render completes, zero delay (computed).

Requests per video come from the fake's own counters. Detection delay is the
time the poller saw the terminal status minus the time the fake finished the
render (from the fake's record of the video).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import anyio

from ._report import Section, Table, ratio
from ._stats import mean, percentile
from ._virtual import VirtualWorld, run_virtual, submit_videos, virtual_world

NAME = "polling"
TITLE = "3. Polling efficiency"
RENDER_SECONDS = (30.0, 20 * 60.0)
NAIVE_INTERVAL = 5.0
SEED = 3


@dataclass
class Outcome:
    """What one strategy cost over all videos."""

    label: str
    requests_per_video: list[float]
    delays: list[float]
    cpu_seconds: float


async def _naive_wait(world: VirtualWorld, video_id: str) -> None:
    """Naive fixed-interval polling, as people write it by hand."""
    while True:
        await world.clock.sleep(NAIVE_INTERVAL)
        status = await world.client.get_video_status(video_id)
        if status.is_completed or status.is_failed:
            return


async def _measure(label: str, policy_name: str | None, videos: int) -> Outcome:
    from heygen_async import PollPolicy

    policies = {"default": PollPolicy(), "fast": PollPolicy.fast(), "economy": PollPolicy.economy()}
    async with virtual_world(seed=SEED, render_seconds=RENDER_SECONDS) as world:
        ids = await submit_videos(world.client, videos)
        world.fake.reset_counters()
        seen_at: dict[str, float] = {}

        async def wait_one(video_id: str) -> None:
            if policy_name is None:
                await _naive_wait(world, video_id)
            else:
                await world.client.wait_for_video(video_id, poll=policies[policy_name])
            seen_at[video_id] = world.fake.now()

        cpu_start = time.process_time()
        async with world.clock.running(), anyio.create_task_group() as group:
            for video_id in ids:
                group.start_soon(wait_one, video_id)
        cpu = time.process_time() - cpu_start
        calls = world.fake.counters.status_calls
        return Outcome(
            label,
            [float(calls[video_id]) for video_id in ids],
            [seen_at[video_id] - world.fake.video(video_id).finished_at for video_id in ids],
            cpu,
        )


def _run_strategy(label: str, policy_name: str | None, videos: int) -> Outcome:
    return run_virtual(lambda: _measure(label, policy_name, videos))


def run(quick: bool) -> Section:
    videos = 100 if quick else 1000
    contenders = [
        ("SDK default `PollPolicy()`", "default"),
        ("SDK `PollPolicy.fast()`", "fast"),
        ("SDK `PollPolicy.economy()`", "economy"),
        (f"naive fixed {NAIVE_INTERVAL:g} s polling", None),
    ]
    outcomes = [_run_strategy(label, name, videos) for label, name in contenders]
    naive = outcomes[-1]
    naive_requests, naive_delay = mean(naive.requests_per_video), mean(naive.delays)

    table = Table(
        [
            "strategy",
            "status requests / video",
            "detection delay mean",
            "p95",
            "max",
            "requests vs naive",
            "mean delay vs naive",
            "CPU (real)",
        ]
    )
    ideal = ("ideal (computed)", "1.00", "0.0 s", "0.0 s", "0.0 s")
    table.add(*ideal, ratio(1, naive_requests), "0.00x", "-")
    for outcome in outcomes:
        requests, delay = mean(outcome.requests_per_video), mean(outcome.delays)
        table.add(
            outcome.label,
            f"{requests:.2f}",
            f"{delay:.1f} s",
            f"{percentile(outcome.delays, 0.95):.1f} s",
            f"{max(outcome.delays):.1f} s",
            ratio(requests, naive_requests),
            ratio(delay, naive_delay),
            f"{outcome.cpu_seconds:.2f} s",
        )
    default = outcomes[0]
    default_requests = mean(default.requests_per_video)
    return Section(
        NAME,
        TITLE,
        method=(
            f"{videos:,} videos, render times log-uniform 30 s .. 20 min, all submitted at "
            "once to the in-process fake (no render queue), waited for concurrently on "
            "virtual time with the SDK's real poller. Requests are counted by the fake; "
            "detection delay = when the poller saw `completed` minus when the fake "
            "finished the render. The last column is the real CPU time the simulation "
            "took (client and in-process fake together)."
        ),
        tables=[table],
        headlines=[
            f"Default policy: {default_requests:.1f} status requests per video vs "
            f"{naive_requests:.1f} for naive 5 s polling "
            f"({ratio(default_requests, naive_requests)}, i.e. "
            f"{naive_requests / default_requests:.1f}x fewer), mean detection delay "
            f"{mean(default.delays):.1f} s vs {naive_delay:.1f} s; the ideal is 1 request "
            "and 0 s."
        ],
    )
