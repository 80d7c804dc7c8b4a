"""4. Scale: thousands of concurrent ``wait_for_video`` calls in one process.

Each measurement runs in a fresh child process (``python -m benchmarks.scale N``)
so no other benchmark's allocations pollute its peak RSS. The child submits N
videos (render times log-uniform 30 s .. 20 min) to the in-process fake, then
starts N concurrent waits on virtual time and lets them all finish. It reports:

- peak RSS (``VmHWM`` on Linux, else ``ru_maxrss``; see ``_peak_rss_bytes``)
  before the waits (client + fake + N submitted videos) and at the end, and the
  difference per wait;
- memory held per sleeping wait: ``tracemalloc`` growth from before the waits to
  the moment all N are asleep before their first check;
- real CPU per status poll over the whole wait phase (client and in-process fake
  together; benchmark 1 isolates the client's share);
- whether every wait completed.

The baseline is the same run at a tenth of N: flat figures per wait and per poll
mean the cost grows linearly, with no busy loops or per-wait overhead that
compounds.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import anyio

from ._report import Section, Table, kib, mib, ratio, us

NAME = "scale"
TITLE = "4. Scale: concurrent waits"
RENDER_SECONDS = (30.0, 20 * 60.0)
SEED = 4
REPO_ROOT = Path(__file__).resolve().parent.parent


def _peak_rss_bytes() -> int:
    """This process's peak resident set size.

    On Linux this is ``VmHWM`` from /proc/self/status: ``ru_maxrss`` of a child
    process also counts its parent's RSS at fork (Linux carries the high-water mark
    across ``exec``), so a child started by a 300 MiB parent reports 300 MiB.
    Elsewhere, ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB


async def _measure(waits: int) -> dict[str, Any]:
    """The child's work: N concurrent waits; returns the figures as a dict."""
    from ._virtual import submit_videos, virtual_world

    async with virtual_world(seed=SEED, render_seconds=RENDER_SECONDS) as world:
        # Warm-up: one whole wait first, so lazily built things (pydantic validators,
        # connection state) are not charged to the N waits measured below.
        (warm_up,) = await submit_videos(world.client, 1)
        async with world.clock.running():
            await world.client.wait_for_video(warm_up)
        ids = await submit_videos(world.client, waits)
        world.fake.reset_counters()
        rss_before = _peak_rss_bytes()
        completed = 0
        sleeping_bytes = 0.0

        async def wait_one(video_id: str) -> None:
            nonlocal completed
            status = await world.client.wait_for_video(video_id)
            completed += status.is_completed

        async def measure_when_all_asleep() -> None:
            nonlocal sleeping_bytes
            # Every wait sleeps 5 s before its first check: at t=1 s all are asleep.
            await world.clock.sleep(1.0)
            sleeping_bytes = tracemalloc.get_traced_memory()[0] - traced_before
            tracemalloc.stop()

        tracemalloc.start()
        traced_before = tracemalloc.get_traced_memory()[0]
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        async with world.clock.running(), anyio.create_task_group() as group:
            group.start_soon(measure_when_all_asleep)
            for video_id in ids:
                group.start_soon(wait_one, video_id)
        cpu = time.process_time() - cpu_start
        polls = sum(world.fake.counters.status_calls.values())
        return {
            "waits": waits,
            "completed": completed,
            "polls": polls,
            "cpu_seconds": cpu,
            "wall_seconds": time.perf_counter() - wall_start,
            "virtual_seconds": world.clock.now(),
            "rss_before": rss_before,
            "rss_peak": _peak_rss_bytes(),
            "traced_per_wait": sleeping_bytes / waits,
        }


def measure_in_child(waits: int) -> dict[str, Any]:
    """Run ``_measure(waits)`` in a fresh interpreter and return its figures."""
    inherited = os.environ.get("PYTHONPATH")
    paths = [str(REPO_ROOT), *([inherited] if inherited else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", str(waits)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scale child failed: {completed.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def run(quick: bool) -> Section:
    waits = 500 if quick else 10_000
    baseline = measure_in_child(waits // 10)
    full = measure_in_child(waits)
    table = Table(
        [
            "concurrent waits",
            "all completed",
            "peak RSS before waits",
            "peak RSS",
            "RSS / wait",
            "traced memory / sleeping wait",
            "status polls",
            "polls / wait",
            "CPU / status poll",
        ]
    )
    for figures in (baseline, full):
        n = figures["waits"]
        rss_growth = max(0, figures["rss_peak"] - figures["rss_before"])
        table.add(
            f"{n:,}" + (" (baseline: N/10)" if figures is baseline else ""),
            "yes" if figures["completed"] == n else f"no ({figures['completed']:,} / {n:,})",
            mib(figures["rss_before"]),
            mib(figures["rss_peak"]),
            kib(rss_growth / n),
            kib(figures["traced_per_wait"]),
            f"{figures['polls']:,}",
            f"{figures['polls'] / n:.1f}",
            us(figures["cpu_seconds"] / figures["polls"]),
        )
    per_poll = full["cpu_seconds"] / full["polls"]
    base_per_poll = baseline["cpu_seconds"] / baseline["polls"]
    all_done = full["completed"] == full["waits"]
    return Section(
        NAME,
        TITLE,
        method=(
            "Each row is a fresh child process: N videos (renders 30 s .. 20 min) submitted "
            "to the in-process fake, then N concurrent `wait_for_video` calls with the "
            "default policy on virtual time (one client, default limits). RSS is the "
            "process's peak (Linux `VmHWM`: `ru_maxrss` in a child also counts the "
            "parent's RSS); 'before' includes the fake's N video records. Traced "
            "memory is `tracemalloc` growth once all N waits are asleep. CPU per poll is "
            "real CPU of the whole wait phase (client and in-process fake) over the "
            "status requests the fake counted."
        ),
        tables=[table],
        headlines=[
            f"{full['waits']:,} concurrent waits: "
            f"{'every wait completed' if all_done else 'NOT every wait completed'}, peak RSS "
            f"{mib(full['rss_peak'])}, {kib(full['traced_per_wait'])} per sleeping wait, "
            f"{us(per_poll)} CPU per status poll ({ratio(per_poll, base_per_poll)} of the "
            f"figure at {baseline['waits']:,} waits)."
        ],
    )


if __name__ == "__main__":
    figures = anyio.run(_measure, int(sys.argv[1]), backend="trio")
    print(json.dumps(figures))
