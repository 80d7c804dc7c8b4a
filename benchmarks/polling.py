"""3. Polling efficiency: status requests per video and detection delay, per API version
and per policy.

Each run waits for the same videos (same seed: the n-th video gets the same render
time in every run), render times log-uniform between 30 s and 20 min, all
submitted at once to a fake with unlimited render slots. It runs on virtual time
with the SDK's real poller (the wait ``generate_video_and_wait`` and ``generate_many``
run right after their create: its first check after ``first_delay``; a
``wait_for_video`` on a given id adds one check at once), so 20-minute renders cost
milliseconds. Three tables:

1. **v3 vs v2 vs the ideal**, default ``PollPolicy``: a v3 client (one shared
   poller: the statuses due together are read in one ``GET /v3/videos/statuses``
   of up to 100 ids, then one ``GET /v3/videos/{id}`` per completed video for its
   URLs) next to a v2 client (every wait reads its own status) and the ideal (one
   request at the moment the render completes, zero delay; computed).
2. **Policies**: the default ``PollPolicy`` and the presets ``fast()`` and
   ``economy()`` against naive fixed 5 s polling (a hand-written loop that sleeps
   5 s and asks again), on v2 (one request per check, so the figures are the
   policy's own cost), with the v3 figures of the same policy alongside.
3. **What if** (v3): the same default-policy run with the poller's coalescing
   window widened, to show what the shared poller would need for a target number of
   requests per video, and what it costs in detection delay. The SDK's window is
   ``min(POLL_COALESCE_WINDOW, POLL_COALESCE_FRACTION x the wait's interval)``; the
   benchmark sets both on one client (skipped if the poller no longer has them).

Requests come from the fake's own counters (``status_calls``: single reads;
``statuses_calls``: bulk reads). Detection delay is the time the wait returned
the completed status minus the time the fake finished the render (from the fake's
record of the video).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import anyio

from ._report import Section, Table, ratio
from ._stats import mean, percentile
from ._virtual import VirtualWorld, run_virtual, submit_videos, virtual_world

NAME = "polling"
TITLE = "3. Polling efficiency"
RENDER_SECONDS = (30.0, 20 * 60.0)
NAIVE_INTERVAL = 5.0
SEED = 3
GOAL_REQUESTS_PER_VIDEO = 1.2  # v3, the one URL fetch included
# What-if coalescing windows for v3: (cap in seconds, share of the wait's interval).
WHAT_IF_WINDOWS = ((7.5, 0.25), (10.0, 0.5), (15.0, 0.5), (30.0, 1.0))


@dataclass
class Outcome:
    """What one run cost over all videos."""

    label: str
    api_version: str
    videos: int
    single_reads: int  # GET /v1/video_status.get or GET /v3/videos/{id}
    bulk_reads: int  # GET /v3/videos/statuses
    ids_per_bulk_read: list[int]
    delays: list[float]
    cpu_seconds: float

    @property
    def requests(self) -> float:
        """Status requests of either kind, per video."""
        return (self.single_reads + self.bulk_reads) / self.videos

    @property
    def mean_delay(self) -> float:
        return mean(self.delays)


async def _naive_wait(world: VirtualWorld, video_id: str) -> None:
    """Naive fixed-interval polling, as people write it by hand."""
    while True:
        await world.clock.sleep(NAIVE_INTERVAL)
        status = await world.client.get_video_status(video_id)
        if status.is_completed or status.is_failed:
            return


@contextmanager
def _coalescing(world: VirtualWorld, window: tuple[float, float] | None) -> Iterator[None]:
    """Set the v3 poller's coalescing window (cap, share) on this client; restore after."""
    if window is None:
        yield
        return
    from heygen_async.jobs import _poller

    poller = world.client._core.poller
    cap, share = window
    saved = poller.window, _poller.POLL_COALESCE_FRACTION
    poller.window, _poller.POLL_COALESCE_FRACTION = cap, share
    try:
        yield
    finally:
        poller.window, _poller.POLL_COALESCE_FRACTION = saved


def what_if_supported() -> bool:
    """Whether the poller still has the two knobs the what-if table turns."""
    import inspect

    from heygen_async.jobs import _poller

    knobs = inspect.signature(_poller.JobPoller).parameters
    return "window" in knobs and hasattr(_poller, "POLL_COALESCE_FRACTION")


async def _measure(
    label: str,
    policy_name: str | None,
    videos: int,
    api_version: str,
    window: tuple[float, float] | None = None,
) -> Outcome:
    from heygen_async import PollPolicy
    from heygen_async.workflows._wait import wait_on_poller

    policies = {"default": PollPolicy(), "fast": PollPolicy.fast(), "economy": PollPolicy.economy()}
    async with virtual_world(
        seed=SEED, render_seconds=RENDER_SECONDS, api_version=api_version
    ) as world:
        ids = await submit_videos(world.client, videos)
        world.fake.reset_counters()
        seen_at: dict[str, float] = {}

        async def wait_one(video_id: str) -> None:
            if policy_name is None:
                await _naive_wait(world, video_id)
            else:
                await wait_on_poller(
                    world.client._core, video_id, policies[policy_name], just_created=True
                )
            seen_at[video_id] = world.fake.now()

        with _coalescing(world, window):
            cpu_start = time.process_time()
            async with world.clock.running(), anyio.create_task_group() as group:
                for video_id in ids:
                    group.start_soon(wait_one, video_id)
            cpu = time.process_time() - cpu_start
        counters = world.fake.counters
        return Outcome(
            label,
            api_version,
            videos,
            sum(counters.status_calls[video_id] for video_id in ids),
            counters.statuses_calls,
            list(counters.statuses_ids_per_call),
            [seen_at[video_id] - world.fake.video(video_id).finished_at for video_id in ids],
            cpu,
        )


def _run(
    label: str,
    policy_name: str | None,
    videos: int,
    api_version: str,
    window: tuple[float, float] | None = None,
) -> Outcome:
    return run_virtual(lambda: _measure(label, policy_name, videos, api_version, window))


def _delay_cells(outcome: Outcome) -> list[str]:
    return [
        f"{outcome.mean_delay:.1f} s",
        f"{percentile(outcome.delays, 0.95):.1f} s",
    ]


def _versions_table(v3: Outcome, v2: Outcome) -> Table:
    table = Table(
        [
            "client (default `PollPolicy()`)",
            "bulk reads / video",
            "single reads / video",
            "status requests / video",
            "ids per bulk read",
            "detection delay mean",
            "p95",
            "requests vs ideal",
            "requests vs v2",
            "mean delay vs v2",
            "CPU (real)",
        ]
    )
    table.add(
        "ideal (computed)",
        "0.00",
        "1.00",
        "1.00",
        "-",
        "0.0 s",
        "0.0 s",
        "1.00x",
        ratio(1, v2.requests),
        "0.00x",
        "-",
    )
    for outcome in (v3, v2):
        bulk = outcome.bulk_reads / outcome.videos
        ids = outcome.ids_per_bulk_read
        table.add(
            outcome.label,
            f"{bulk:.3f}",
            f"{outcome.single_reads / outcome.videos:.3f}",
            f"**{outcome.requests:.3f}**",
            f"{mean(ids):.1f}" if ids else "-",
            *_delay_cells(outcome),
            ratio(outcome.requests, 1.0),
            ratio(outcome.requests, v2.requests),
            ratio(outcome.mean_delay, v2.mean_delay),
            f"{outcome.cpu_seconds:.2f} s",
        )
    return table


def _policies_table(pairs: list[tuple[Outcome, Outcome | None]]) -> Table:
    naive = pairs[-1][0]
    table = Table(
        [
            "strategy",
            "v2 status requests / video",
            "detection delay mean",
            "p95",
            "max",
            "requests vs naive",
            "mean delay vs naive",
            "v3 status requests / video",
            "v3 mean delay",
            "CPU v2 / v3 (real)",
        ]
    )
    table.add(
        "ideal (computed)",
        "1.00",
        "0.0 s",
        "0.0 s",
        "0.0 s",
        ratio(1, naive.requests),
        "0.00x",
        "1.00",
        "0.0 s",
        "-",
    )
    for v2, v3 in pairs:
        table.add(
            v2.label,
            f"{v2.requests:.2f}",
            *_delay_cells(v2),
            f"{max(v2.delays):.1f} s",
            ratio(v2.requests, naive.requests),
            ratio(v2.mean_delay, naive.mean_delay),
            "-" if v3 is None else f"{v3.requests:.2f}",
            "-" if v3 is None else f"{v3.mean_delay:.1f} s",
            f"{v2.cpu_seconds:.2f} s" + ("" if v3 is None else f" / {v3.cpu_seconds:.2f} s"),
        )
    return table


def _what_if_table(v3: Outcome, variants: list[tuple[tuple[float, float], Outcome]]) -> Table:
    table = Table(
        [
            "v3 coalescing window",
            "bulk reads / video",
            "ids per bulk read",
            "status requests / video",
            f"within {GOAL_REQUESTS_PER_VIDEO}?",
            "detection delay mean",
            "p95",
            "requests vs SDK today",
            "mean delay vs SDK today",
        ]
    )
    rows = [("SDK today", v3), *((_window_label(w), o) for w, o in variants)]
    for label, outcome in rows:
        table.add(
            label,
            f"{outcome.bulk_reads / outcome.videos:.3f}",
            f"{mean(outcome.ids_per_bulk_read):.1f}" if outcome.ids_per_bulk_read else "-",
            f"{outcome.requests:.3f}",
            "yes" if outcome.requests <= GOAL_REQUESTS_PER_VIDEO else "no",
            *_delay_cells(outcome),
            ratio(outcome.requests, v3.requests),
            ratio(outcome.mean_delay, v3.mean_delay),
        )
    return table


def _window_label(window: tuple[float, float]) -> str:
    cap, share = window
    return f"min({cap:g} s, {share:g} x interval)"


def _sdk_window_label() -> str:
    from heygen_async import _constants

    cap = getattr(_constants, "POLL_COALESCE_WINDOW", None)
    share = getattr(_constants, "POLL_COALESCE_FRACTION", None)
    if cap is None or share is None:
        return "the SDK's window"
    return _window_label((cap, share))


def run(quick: bool) -> Section:
    videos = 100 if quick else 1000
    contenders = [
        ("SDK default `PollPolicy()`", "default"),
        ("SDK `PollPolicy.fast()`", "fast"),
        ("SDK `PollPolicy.economy()`", "economy"),
    ]
    pairs: list[tuple[Outcome, Outcome | None]] = [
        (_run(label, name, videos, "v2"), _run(label, name, videos, "v3"))
        for label, name in contenders
    ]
    naive_label = f"naive fixed {NAIVE_INTERVAL:g} s polling"
    pairs.append((_run(naive_label, None, videos, "v2"), None))
    v2_default, v3_default = pairs[0]
    assert v3_default is not None
    v3 = replace(v3_default, label="v3: shared poller (bulk statuses + URL fetch)")
    v2 = replace(v2_default, label="v2: per-video polling")

    tables = [_versions_table(v3, v2), _policies_table(pairs)]
    what_if_note = ""
    if what_if_supported():
        variants = [
            (window, _run(_window_label(window), "default", videos, "v3", window))
            for window in WHAT_IF_WINDOWS
        ]
        tables.append(_what_if_table(v3, variants))
    else:
        what_if_note = " (The what-if table is skipped: the poller's window knobs changed.)"

    naive = pairs[-1][0]
    bulk = v3.bulk_reads / v3.videos
    single = v3.single_reads / v3.videos
    goal = "meets" if v3.requests <= GOAL_REQUESTS_PER_VIDEO else "misses"
    headlines = [
        f"v3 (shared poller): {v3.requests:.2f} status requests per video "
        f"({bulk:.2f} bulk reads + {single:.2f} single reads, the URL fetch) vs "
        f"{v2.requests:.1f} on v2 and 1 for the ideal: {ratio(v3.requests, 1.0)} the ideal, "
        f"{ratio(v3.requests, v2.requests)} of v2 ({v2.requests / v3.requests:.1f}x fewer); "
        f"it {goal} the goal of at most {GOAL_REQUESTS_PER_VIDEO} per video.",
        f"Mean detection delay: v3 {v3.mean_delay:.1f} s (p95 "
        f"{percentile(v3.delays, 0.95):.1f} s) vs v2 {v2.mean_delay:.1f} s (p95 "
        f"{percentile(v2.delays, 0.95):.1f} s), "
        f"{ratio(v3.mean_delay, v2.mean_delay)}; the ideal is 0 s.",
        f"Default policy on v2: {v2.requests:.1f} status requests per video vs "
        f"{naive.requests:.1f} for naive 5 s polling "
        f"({ratio(v2.requests, naive.requests)}, i.e. "
        f"{naive.requests / v2.requests:.1f}x fewer), mean detection delay "
        f"{v2.mean_delay:.1f} s vs {naive.mean_delay:.1f} s.",
    ]
    return Section(
        NAME,
        TITLE,
        method=(
            f"{videos:,} videos, render times log-uniform 30 s .. 20 min (the same renders "
            "in every run), all submitted at once to the in-process fake (no render "
            "queue), waited for concurrently on virtual time with the SDK's real poller, "
            "one client per run. Requests are counted by the fake: on v3 a bulk read "
            "(`GET /v3/videos/statuses`, up to 100 ids) is one request however many ids "
            "it carries, and each completed video gets one single read "
            "(`GET /v3/videos/{id}`) for its URLs; on v2 every check is one "
            "`GET /v1/video_status.get`. Detection delay = when the wait returned the "
            "completed status minus when the fake finished the render. CPU is the real "
            "CPU time the simulation took (client and in-process fake together). The "
            "last table changes only the v3 poller's coalescing window (the SDK's: "
            f"{_sdk_window_label()}); a check answered early by a wider window is older "
            "news when its wait wakes, hence the longer delays."
            " One round: on virtual time with fixed seeds (render times, jitter) a rerun "
            "gives the same v2 figures and v3 figures within a few per cent (the order in "
            "which trio runs ready tasks varies); the real-CPU column varies like any "
            "timing." + what_if_note
        ),
        tables=tables,
        headlines=headlines,
    )
