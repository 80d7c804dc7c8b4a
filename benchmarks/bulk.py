"""6. Bulk throughput: ``generate_many`` against submitting and polling one by one.

The same quick videos (renders log-uniform 30 s .. 2 min, same seed so the same
render times), once through ``generate_many`` and once as the naive sequential
loop ``generate_video`` then ``wait_for_video``, video after video. Both run on
virtual time against the in-process fake (unlimited render slots), so the
"HeyGen time" a batch takes is measured exactly and costs only CPU; the real CPU
time of each run is reported too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ._report import Section, Table, ratio, secs
from ._virtual import (
    SCRIPT,
    VirtualWorld,
    require_client_method,
    run_virtual,
    video_job,
    virtual_world,
)

NAME = "bulk"
TITLE = "6. Bulk throughput"
RENDER_SECONDS = (30.0, 120.0)
SEED = 6
PLAN_RENDERS = 10  # HeyGen's Pay-As-You-Go plan: renders in flight at once


def _status_requests(world: VirtualWorld) -> int:
    """Status reads of either kind: single (v2, v3 URL fetches) and v3 bulk reads."""
    requests = world.fake.counters.requests
    return requests["status"] + requests["statuses"]


@dataclass
class BatchRun:
    virtual_seconds: float
    cpu_seconds: float
    completed: int
    status_requests: int


async def _generate_many(videos: int, plan_renders: int | None) -> BatchRun:
    async with virtual_world(
        seed=SEED, render_seconds=RENDER_SECONDS, max_concurrent_renders=plan_renders
    ) as world:
        start, cpu_start = world.clock.now(), time.process_time()
        completed = 0
        async with world.clock.running():
            jobs = [video_job(key) for key in range(videos)]
            results = world.client.generate_many(jobs, max_concurrent_jobs=plan_renders)
            async for result in results:
                completed += result.ok
        return BatchRun(
            world.clock.now() - start,
            time.process_time() - cpu_start,
            completed,
            _status_requests(world),
        )


async def _one_by_one(videos: int) -> BatchRun:
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    async with virtual_world(seed=SEED, render_seconds=RENDER_SECONDS) as world:
        start, cpu_start = world.clock.now(), time.process_time()
        completed = 0
        async with world.clock.running():
            for _ in range(videos):
                video = await world.client.generate_video(SCRIPT, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
                status = await world.client.wait_for_video(video.video_id)
                completed += status.is_completed
        return BatchRun(
            world.clock.now() - start,
            time.process_time() - cpu_start,
            completed,
            _status_requests(world),
        )


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.2f} h" if seconds >= 3600 else secs(seconds)


def run(quick: bool) -> Section:
    require_client_method("generate_many")
    videos = 50 if quick else 1000
    bulk = run_virtual(lambda: _generate_many(videos, None))
    capped = run_virtual(lambda: _generate_many(videos, PLAN_RENDERS))
    sequential = run_virtual(lambda: _one_by_one(videos))
    table = Table(
        [
            "way",
            "videos completed",
            "batch time (HeyGen time)",
            "videos / hour",
            "status requests / video",
            "real CPU",
            "batch time vs sequential",
        ]
    )
    for label, outcome in (
        ("sequential submit + wait, one by one (baseline)", sequential),
        ("`generate_many`", bulk),
        (
            f"`generate_many(max_concurrent_jobs={PLAN_RENDERS})`, fake plan of "
            f"{PLAN_RENDERS} renders at once",
            capped,
        ),
    ):
        table.add(
            label,
            f"{outcome.completed:,} / {videos:,}",
            _hours(outcome.virtual_seconds),
            f"{videos / outcome.virtual_seconds * 3600:,.0f}",
            f"{outcome.status_requests / videos:.2f}",
            secs(outcome.cpu_seconds),
            ratio(outcome.virtual_seconds, sequential.virtual_seconds),
        )
    speedup = sequential.virtual_seconds / bulk.virtual_seconds
    return Section(
        NAME,
        TITLE,
        method=(
            f"{videos:,} quick videos (renders log-uniform 30 s .. 2 min, same render times "
            "for both), default `PollPolicy`, on virtual time against the in-process fake "
            "with no render queue, and once more with the fake capped at "
            f"{PLAN_RENDERS} renders in flight (HeyGen plans allow 1 to 10) and "
            f"`max_concurrent_jobs={PLAN_RENDERS}`. Batch time is virtual (what the batch "
            "would take against HeyGen); real CPU is what the simulation cost here, "
            "client and in-process fake together. One round: on virtual time with fixed "
            "seeds (render times, jitter) a rerun gives the same counts and batch times "
            "(at most a few per cent apart: trio's order of ready tasks varies); the "
            "real-CPU column varies like any timing."
        ),
        tables=[table],
        headlines=[
            f"`generate_many` finished {videos:,} videos in {_hours(bulk.virtual_seconds)} "
            f"of HeyGen time vs {_hours(sequential.virtual_seconds)} one by one: "
            f"{speedup:,.0f}x faster, for "
            f"{ratio(bulk.status_requests, sequential.status_requests)} the status requests.",
            f"With a plan of {PLAN_RENDERS} renders in flight: "
            f"{_hours(capped.virtual_seconds)}, "
            f"{sequential.virtual_seconds / capped.virtual_seconds:,.1f}x faster than one "
            "by one.",
        ],
    )
