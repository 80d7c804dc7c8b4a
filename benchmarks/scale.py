"""4. Scale: thousands of concurrent waits in one process, v3 and v2 against a bare loop.

Each measurement runs in a fresh child process (``python -m benchmarks.scale MODE ...``)
so no other benchmark's allocations pollute its peak RSS. Two settings:

**In-process, virtual time** (modes ``bare``, ``v2``, ``v3``): the child submits N
videos (render times log-uniform 30 s .. 20 min) through the SDK to the in-process
fake, then starts N concurrent waits on virtual time and lets them all finish.

- ``bare``, the baseline: N anyio tasks, each sleeping on the default
  ``PollPolicy`` schedule (5 s, then x1.3 up to 30 s, jittered) and reading its
  video with raw httpx (``GET /v3/videos/{id}``, JSON parsed, status checked)
  against the same in-process fake: what waiting costs without the SDK;
- ``v2``: N ``wait_for_video`` calls on an ``api_version="v2"`` client (every
  wait reads its own status);
- ``v3``: the same on an ``api_version="v3"`` client (one shared poller reads
  the statuses due together in bulk, plus one URL fetch per completed video),
  also at a tenth of N: flat figures per wait mean the cost grows linearly.

These figures include the fake (its N records, its request handling, its CPU) and
the virtual clock's bookkeeping, alike in every row.

**Real sockets, real time** (modes ``rt-bare``, ``rt-v3``): the fake runs on
127.0.0.1 in a thread of the parent, which submits the N videos in-process with the
fake's clock held; the child holds only the client (asyncio, the real clock) and
reads the ids from a file. Once the child is warmed up the parent starts the
fake's clock, ``REAL_TIME_SCALE`` times faster than HeyGen, and the child waits
with the default policy divided by that factor. The ``rt-bare`` child never
imports the SDK: N tasks that each sleep a random time across the render span,
then read their video with raw httpx. This is the figure to hold against a
memory goal: the client process alone. Every real-socket child, the baseline's
too, runs in the core-only venv of ``_core_venv`` (the SDK's runtime
dependencies alone, as ``pip install heygen-async`` has them): in a development
venv ``import httpx`` also loads rich and click and httpcore loads trio, about
9 MiB that neither side would carry for a user.

**The day** (issue 24 item 5): 100,000 ids in one ``videos.wait_many`` call, the
real-socket set-up, ``HEYGEN_BENCH_DAY_ROUNDS`` rounds (default 3), against the
10,000-wait bare rows. ``HEYGEN_BENCH_SCALE_ROWS=real`` measures only the
real-socket rows and the day (the in-process table takes about 10 minutes more).

A child reports peak RSS (``VmHWM`` on Linux, else ``ru_maxrss``; see
``_peak_rss_bytes``) before the waits and at the end; RSS (``VmRSS``) once all N
waits are asleep before their first check; real CPU over the wait phase; whether
every wait completed. A second in-process child per mode (``--traced``) measures
the Python memory held per sleeping wait (``tracemalloc`` growth until all N are
asleep, then it stops): tracemalloc's own bookkeeping would inflate the first
child's RSS.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import anyio

from ._core_venv import CoreEnv, core_env
from ._report import Section, Table, kib, mib, ratio, us

NAME = "scale"
TITLE = "4. Scale: concurrent waits"
RENDER_SECONDS = (30.0, 20 * 60.0)
SEED = 4
REPO_ROOT = Path(__file__).resolve().parent.parent
MODES = ("bare", "v2", "v3", "many")  # in-process fake, virtual time
REAL_MODES = ("rt-bare", "rt-v3", "rt-many")  # the fake on a real socket in the parent
GOAL_PEAK_RSS = 100 * 10**6  # bytes: 10,000 waits on v3 under 100 MB
# Issue 24 item 5, a million-video day on one machine: one process waiting for 100,000
# ids (``videos.wait_many``) in under 150 MB, at less CPU per wait than the 10,000-wait
# bare baseline. Rounds: each takes minutes on 2 CPUs; ``HEYGEN_BENCH_DAY_ROUNDS``.
DAY_WAITS = 100_000
GOAL_DAY_PEAK_RSS = 150 * 10**6
# ``HEYGEN_BENCH_SCALE_ROWS=real`` measures only the real-socket rows (the ones the
# goals name), leaving out the in-process, virtual-time table (about 10 minutes).
ROWS_ENV = "HEYGEN_BENCH_SCALE_ROWS"
DAY_ROUNDS_ENV = "HEYGEN_BENCH_DAY_ROUNDS"
ASLEEP_AT = 1.0  # virtual seconds: every wait sleeps 5 s before its first check
MODE_LABELS = {
    "bare": "bare loop: anyio task + raw httpx (baseline)",
    "rt-bare": "bare: sleeping asyncio task + raw httpx (baseline)",
    "rt-v3": 'SDK `api_version="v3"` (shared poller)',
    "v2": 'SDK `api_version="v2"` (per-video polling)',
    "v3": 'SDK `api_version="v3"` (shared poller)',
    "many": "SDK `videos.wait_many` on v3 (one driver, no task per wait)",
    "rt-many": "SDK `videos.wait_many` on v3 (one driver, no task per wait)",
}


def _proc_status_bytes(field: str) -> int | None:
    """A ``kB`` line of /proc/self/status in bytes (None off Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _peak_rss_bytes() -> int:
    """This process's peak resident set size.

    On Linux this is ``VmHWM`` from /proc/self/status: ``ru_maxrss`` of a child
    process also counts its parent's RSS at fork (Linux carries the high-water mark
    across ``exec``), so a child started by a 300 MiB parent reports 300 MiB.
    Elsewhere, ``ru_maxrss``.
    """
    peak = _proc_status_bytes("VmHWM")
    if peak is not None:
        return peak
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB


def _rss_bytes() -> int:
    """This process's resident set size now (the peak where that is all there is)."""
    current = _proc_status_bytes("VmRSS")
    return current if current is not None else _peak_rss_bytes()


def _delays(rng: random.Random) -> Any:
    """The default ``PollPolicy`` schedule, written out by hand for the bare loop."""
    from heygen_async import PollPolicy

    policy = PollPolicy()
    yield policy.first_delay
    interval = policy.initial_interval
    while True:
        yield interval * rng.uniform(1.0 - policy.jitter, 1.0 + policy.jitter)
        interval = min(policy.max_interval, interval * policy.multiplier)


async def _measure(mode: str, waits: int, traced: bool) -> dict[str, Any]:
    """The child's work: N concurrent waits; returns the figures as a dict."""

    from ._virtual import submit_videos, virtual_world

    api_version = "v2" if mode == "v2" else "v3"
    async with virtual_world(
        seed=SEED, render_seconds=RENDER_SECONDS, api_version=api_version
    ) as world:
        rng = random.Random(SEED)
        http = world.fake.http_client(
            base_url="https://api.heygen.com", headers={"X-Api-Key": world.fake.api_key}
        )
        requests = 0

        async def bare_wait(video_id: str) -> bool:
            nonlocal requests
            for delay in _delays(rng):
                await world.clock.sleep(delay)
                response = await http.get(f"/v3/videos/{video_id}")
                requests += 1
                response.raise_for_status()
                state = response.json()["data"]["status"]
                if state in ("completed", "failed"):
                    return bool(state == "completed")
            raise AssertionError("unreachable")

        async def sdk_wait(video_id: str) -> bool:
            status = await world.client.wait_for_video(video_id)
            return bool(status.is_completed)

        wait = bare_wait if mode == "bare" else sdk_wait
        # Warm-up: one whole wait first, so lazily built things (pydantic validators,
        # connection state) are not charged to the N waits measured below.
        (warm_up,) = await submit_videos(world.client, 1)
        async with world.clock.running():
            if mode == "many":
                assert await _wait_all(world.client, [warm_up]) == 1
            else:
                await wait(warm_up)
        ids = await submit_videos(world.client, waits)
        world.fake.reset_counters()
        requests = 0
        rss_before, rss_now_before = _peak_rss_bytes(), _rss_bytes()
        completed = 0
        asleep: dict[str, float] = {}

        async def wait_one(video_id: str) -> None:
            nonlocal completed
            done = await wait(video_id)  # (not `completed += await ...`: a lost update)
            completed += done

        async def measure_when_all_asleep() -> None:
            await world.clock.sleep(ASLEEP_AT)
            asleep["rss"] = _rss_bytes()
            if traced:
                asleep["traced"] = tracemalloc.get_traced_memory()[0] - traced_before
                tracemalloc.stop()
                group.cancel_scope.cancel()  # that is all a traced child measures

        if traced:
            tracemalloc.start()
        traced_before = tracemalloc.get_traced_memory()[0] if traced else 0
        cpu_start, wall_start = time.process_time(), time.perf_counter()

        async def wait_all() -> None:
            nonlocal completed
            completed = await _wait_all(world.client, ids)

        async with world.clock.running(), anyio.create_task_group() as group:
            group.start_soon(measure_when_all_asleep)
            if mode == "many":
                group.start_soon(wait_all)
            else:
                for video_id in ids:
                    group.start_soon(wait_one, video_id)
        cpu = time.process_time() - cpu_start
        await http.aclose()
        counters = world.fake.counters
        return {
            "mode": mode,
            "waits": waits,
            "completed": completed,
            "requests": sum(counters.requests[name] for name in ("status", "statuses")),
            "bare_requests": requests,
            "cpu_seconds": cpu,
            "wall_seconds": time.perf_counter() - wall_start,
            "virtual_seconds": world.clock.now(),
            "rss_before": rss_before,
            "rss_now_before": rss_now_before,
            "rss_asleep": asleep.get("rss", 0),
            "rss_peak": _peak_rss_bytes(),
            "traced_per_wait": asleep.get("traced", 0.0) / waits,
        }


READY = "ready"  # a real-socket child's word to its parent: start the fake's clock
# Real-socket rows: fake seconds per real second (20 min -> 20 s; quick mode 2 s).
REAL_TIME_SCALE = 60.0
QUICK_REAL_TIME_SCALE = 600.0
BARE_IN_FLIGHT = 32  # the SDK's default max_concurrent_requests


async def _measure_real(
    mode: str, ids_file: str, base_url: str, api_key: str, scale: float
) -> dict[str, Any]:
    """A real-socket child: asyncio, the real clock, the fake in the parent process,
    which submitted the N videos (ids in ``ids_file``, one a line) before.

    ``rt-v3``: N ``wait_for_video`` on a v3 client, the default policy with every
    duration divided by ``scale`` (and the poller's coalescing window likewise, so
    it batches as it would at full scale). ``rt-bare`` (this child then never
    imports the SDK): N tasks that each sleep a random time across the render span,
    then read their video with raw httpx, again a little later if not done yet.
    """
    import httpx

    ids = Path(ids_file).read_text(encoding="ascii").split()
    # The raw client is the baseline's alone: an SDK child does not carry one it never
    # uses (an httpx client, its SSL context and pool, is about 0.8 MiB).
    http = (
        httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key}, timeout=None)
        if mode == "rt-bare"
        else None
    )
    rng = random.Random(SEED)
    # As many requests in flight as the SDK allows by default: httpx's pool queue
    # grows slow when thousands of requests wait in it.
    in_flight = anyio.Semaphore(BARE_IN_FLIGHT)

    async def bare_wait(video_id: str) -> bool:
        assert http is not None
        await anyio.sleep(rng.uniform(RENDER_SECONDS[0], RENDER_SECONDS[1]) / scale)
        while True:
            async with in_flight:
                response = await _get_retrying(http, f"/v3/videos/{video_id}")
            response.raise_for_status()
            state = response.json()["data"]["status"]
            if state in ("completed", "failed"):
                return bool(state == "completed")
            await anyio.sleep(RENDER_SECONDS[1] / scale / 10)

    if mode == "rt-bare":
        client = None
        wait = bare_wait
    else:
        import dataclasses

        from heygen_async import AsyncHeyGenClient, PollPolicy

        default = PollPolicy()
        policy = dataclasses.replace(
            default,
            first_delay=default.first_delay / scale,
            initial_interval=default.initial_interval / scale,
            max_interval=default.max_interval / scale,
            timeout=None,
        )
        client = AsyncHeyGenClient(
            api_key=api_key, base_url=base_url, api_version="v3", poll=policy
        )
        poller = client._core.poller
        poller.window = poller.window / scale

        async def sdk_wait(video_id: str) -> bool:
            assert client is not None
            status = await client.wait_for_video(video_id)
            return bool(status.is_completed)

        wait = sdk_wait

    async with http or contextlib.nullcontext():
        # Warm-up (validators, connections), not charged to the waits below.
        if client is not None:
            # What the waits below import, imported before measuring.
            if mode == "rt-many":
                assert client.videos is not None  # loads the resource's module
            else:
                import heygen_async.workflows._wait  # noqa: F401

            await client.get_video_status(ids[0])
            await client.get_video_statuses(ids[:100])
        else:
            assert http is not None
            (await http.get(f"/v3/videos/{ids[0]}")).raise_for_status()
        print(READY, flush=True)
        await anyio.to_thread.run_sync(sys.stdin.readline)  # the parent starts the clock
        rss_before, rss_now_before = _peak_rss_bytes(), _rss_bytes()
        completed = 0
        asleep: dict[str, int] = {}

        async def wait_one(video_id: str) -> None:
            nonlocal completed
            done = await wait(video_id)
            completed += done

        async def measure_when_all_asleep() -> None:
            await anyio.sleep(ASLEEP_AT / scale)
            asleep["rss"] = _rss_bytes()

        async def wait_all() -> None:
            nonlocal completed
            assert client is not None
            completed = await _wait_all(client, ids)

        cpu_start, wall_start = time.process_time(), time.perf_counter()
        async with anyio.create_task_group() as group:
            group.start_soon(measure_when_all_asleep)
            if mode == "rt-many":
                group.start_soon(wait_all)
            else:
                for video_id in ids:
                    group.start_soon(wait_one, video_id)
        cpu = time.process_time() - cpu_start
        wall = time.perf_counter() - wall_start
        if client is not None:
            await client.aclose()
    return {
        "mode": mode,
        "waits": len(ids),
        "completed": completed,
        "requests": 0,  # counted by the fake, in the parent (see measure_real)
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "rss_before": rss_before,
        "rss_now_before": rss_now_before,
        "rss_asleep": asleep.get("rss", 0),
        "rss_peak": _peak_rss_bytes(),
        "traced_per_wait": 0.0,
        "sdk_imported": "heygen_async" in sys.modules,
    }


FLOOR_MODE = "pydantic-floor"


def _pydantic_floor() -> dict[str, Any]:
    """A child's RSS with what the bare baseline holds (httpx, anyio, a raw client),
    then with pydantic and one model built too: the memory the SDK cannot shed while
    it answers in pydantic models, measured apart from the SDK."""
    import httpx

    http = httpx.AsyncClient()
    bare = _rss_bytes()
    from pydantic import BaseModel

    class Probe(BaseModel):
        value: int

    Probe(value=1)
    floor = {"mode": FLOOR_MODE, "bare": bare, "with_pydantic": _rss_bytes()}
    del http
    return floor


def measure_pydantic_floor(child: CoreEnv) -> float:
    """Bytes that importing pydantic and building a first model add to a bare child."""
    completed = subprocess.run(
        [child.python, "-m", "benchmarks.scale", FLOOR_MODE],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=child.env(),
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"pydantic floor child failed: {completed.stderr.strip()[-2000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return float(figures["with_pydantic"] - figures["bare"])


async def _wait_all(client: Any, ids: list[str]) -> int:
    """``client.videos.wait_many`` over every id; returns how many completed."""
    completed = 0
    async for result in client.videos.wait_many(ids):
        completed += result.ok
    return completed


async def _get_retrying(http: Any, path: str) -> Any:
    """GET, tried again on a transport error (a kept-alive connection the server closed
    as we reused it), as any hand-written loop would have to."""
    import httpx

    for attempt in range(3):
        try:
            return await http.get(path)
        except httpx.TransportError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def measure_in_child(mode: str, waits: int, *extra: str) -> dict[str, Any]:
    """Run one measurement (``_measure`` or ``_measure_real``) in a fresh interpreter;
    return its figures."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", mode, str(waits), *extra],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=_child_env(),
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scale child failed: {completed.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


class _HeldClock:
    """A clock for the fake that reads 0 until ``start()``, then real seconds since."""

    def __init__(self) -> None:
        self._started: float | None = None

    def start(self) -> None:
        self._started = time.monotonic()

    def __call__(self) -> float:
        return 0.0 if self._started is None else time.monotonic() - self._started


def _child_env() -> dict[str, str]:
    inherited = os.environ.get("PYTHONPATH")
    paths = [str(REPO_ROOT), *([inherited] if inherited else [])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def measure_real(
    mode: str, waits: int, scale: float = REAL_TIME_SCALE, child: CoreEnv | None = None
) -> dict[str, Any]:
    """A real-socket row: the fake on 127.0.0.1 in a thread of this process, the
    client alone in a child process (``child``'s interpreter: the core-only venv of
    ``_core_venv`` by default, as a user's ``pip install heygen-async`` has it). This
    process submits the N videos in-process first, with the fake's clock held, and
    starts the clock once the child is ready: all N renders start together. Requests
    come from the fake's counters."""
    import tempfile

    from heygen_async.testing import FakeHeyGen, serve_loopback

    from ._virtual import submit_videos

    clock = _HeldClock()
    fake = FakeHeyGen(
        clock=clock,
        time_scale=scale,
        render_seconds=RENDER_SECONDS,
        seed=SEED,
        max_concurrent_renders=None,
    )

    async def submit() -> list[str]:
        async with fake.client(api_version="v3") as client:
            return await submit_videos(client, waits)

    ids = anyio.run(submit)
    with (
        tempfile.NamedTemporaryFile("w", suffix=".ids", encoding="ascii") as ids_file,
        serve_loopback(fake) as server,
    ):
        ids_file.write("\n".join(ids))
        ids_file.flush()
        interpreter = child or core_env()
        command = [interpreter.python, "-m", "benchmarks.scale", mode, ids_file.name]
        process = subprocess.Popen(
            [*command, server.base_url, fake.api_key, str(scale)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
            env=interpreter.env(),
        )
        assert process.stdin is not None
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == READY:
                fake.reset_counters()
                clock.start()
                process.stdin.write("go\n")
                process.stdin.flush()
                break
        out, err = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"scale child failed: {err.strip()[-2000:]}")
        figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        counters = fake.counters
        figures["requests"] = counters.requests["status"] + counters.requests["statuses"]
    return figures


def _per_wait_growth(figures: dict[str, Any]) -> float:
    return max(0, figures["rss_asleep"] - figures["rss_now_before"]) / figures["waits"]


# -- rounds: each row is measured ROUNDS times, interleaved with its baseline ----------
#
# (A local helper: the shared round statistics of ``_stats`` / ``_report`` are another
# change; this keeps the same min / median / max of paired ratios.)

ROUNDS = 3
Rounds = list[dict[str, Any]]  # one row's figures, round by round


def _median(rows: Rounds, figure: Any) -> float:
    return statistics.median(figure(row) for row in rows)


def _paired(rows: Rounds, bare: Rounds, figure: Any) -> list[float]:
    """Round i's figure over the baseline's in round i (they ran back to back)."""
    return [
        figure(row) / figure(base) for row, base in zip(rows, bare, strict=True) if figure(base)
    ]


def _spread(ratios: list[float]) -> str:
    """``"0.53x / 0.54x / 0.56x"``: min / median / max over the rounds."""
    if not ratios:
        return "n/a"
    picks = (min(ratios), statistics.median(ratios), max(ratios))
    return " / ".join(ratio(value, 1.0) for value in picks)


def _rss_peak(row: dict[str, Any]) -> float:
    return float(row["rss_peak"])


def _rss_before(row: dict[str, Any]) -> float:
    return float(row["rss_before"])


def _growth_after_asleep(row: dict[str, Any]) -> float:
    """Peak minus RSS once every wait is asleep: what the waits' reads add."""
    return max(0.0, float(row["rss_peak"] - row["rss_asleep"]))


def _cpu_per_wait(row: dict[str, Any]) -> float:
    return float(row["cpu_seconds"]) / row["waits"]


def _table(first: str, cpu: str) -> Table:
    return Table(
        [
            "concurrent waits",
            first,
            "all completed",
            "peak RSS before waits",
            "peak RSS (median)",
            f"peak RSS vs bare (min / median / max of {ROUNDS} rounds)",
            "peak RSS growth",
            "RSS / sleeping wait",
            "traced memory / sleeping wait",
            "status requests / wait",
            cpu,
            f"CPU / wait vs bare (min / median / max of {ROUNDS} rounds)",
            "CPU / request",
        ]
    )


def _add_row(
    table: Table,
    label: str,
    rows: Rounds,
    bare: Rounds,
    traced: dict[str, Any] | None,
    bold: bool,
) -> None:
    """One row: medians over the rounds; against the baseline, the spread of the
    per-round ratios."""
    n = rows[0]["waits"]
    same_n = n == bare[0]["waits"]
    failed = [row["completed"] for row in rows if row["completed"] != n]
    peak = _median(rows, _rss_peak)
    requests = _median(rows, lambda row: row["requests"])
    table.add(
        f"{n:,}",
        label,
        "yes" if not failed else f"no ({min(failed):,} / {n:,} in a round)",
        mib(_median(rows, _rss_before)),
        f"**{mib(peak)}**" if bold else mib(peak),
        _spread(_paired(rows, bare, _rss_peak)) if same_n else "-",
        mib(_median(rows, lambda row: max(0, row["rss_peak"] - row["rss_before"]))),
        kib(_median(rows, _per_wait_growth)),
        "-" if traced is None else kib(traced["traced_per_wait"]),
        f"{requests / n:.2f}",
        us(_median(rows, _cpu_per_wait)),
        _spread(_paired(rows, bare, _cpu_per_wait)) if same_n else "-",
        us(
            _median(
                rows, lambda row: row["cpu_seconds"] / row["requests"] if row["requests"] else 0
            )
        )
        if requests
        else "-",
    )


def run(quick: bool) -> Section:
    waits = 500 if quick else 10_000
    real_scale = QUICK_REAL_TIME_SCALE if quick else REAL_TIME_SCALE
    runs = [("bare", waits), ("v2", waits), ("v3", waits // 10), ("v3", waits), ("many", waits)]
    if quick:  # CI's smoke run: the rows the goals compare, still in every round
        runs = [run for run in runs if run[0] != "v2" and run[1] == waits]
    real_only = os.environ.get(ROWS_ENV, "") == "real"
    if real_only:
        runs = []
    day_waits = DAY_WAITS // 100 if quick else DAY_WAITS
    day_rounds = int(os.environ.get(DAY_ROUNDS_ENV, "1" if quick else str(ROUNDS)))
    figures: list[Rounds] = [[] for _ in runs]
    real: dict[str, Rounds] = {mode: [] for mode in REAL_MODES}
    child = core_env()  # one interpreter for every real-socket child, baseline and SDK
    floors: list[float] = []
    # Round by round, every row right after its baseline: a machine that gets busier
    # during the run shifts a round's rows alike, and the ratios are paired per round.
    for _ in range(ROUNDS):
        for rows, (mode, n) in zip(figures, runs, strict=True):
            rows.append(measure_in_child(mode, n))
        for mode in REAL_MODES:
            real[mode].append(measure_real(mode, waits, real_scale, child))
        floors.append(measure_pydantic_floor(child))
    # The day: 100,000 ids in one videos.wait_many call (its baseline is the 10,000-wait
    # bare row above; bare tasks at 100,000 are not what the goal compares).
    day: Rounds = [measure_real("rt-many", day_waits, real_scale, child) for _ in range(day_rounds)]
    # Memory per sleeping wait is a size, not a comparison: one traced child per mode.
    traced = {mode: measure_in_child(mode, waits, "--traced") for mode, _ in runs}
    rows_of = {mode: rows for (mode, n), rows in zip(runs, figures, strict=True) if n == waits}
    real_bare, real_v3, real_many = (real[mode] for mode in REAL_MODES)
    tables = []
    if runs:
        virtual = _table("client (in-process fake, virtual time)", "CPU / wait (client + fake)")
        for (mode, n), rows in zip(runs, figures, strict=True):
            same_n = n == waits
            label = MODE_LABELS[mode] + ("" if same_n else " at N/10")
            bold = mode in ("v3", "many") and same_n
            _add_row(virtual, label, rows, rows_of["bare"], traced[mode] if same_n else None, bold)
        tables.append(virtual)
    real_table = _table("client (own process; fake over 127.0.0.1, real time)", "client CPU / wait")
    for mode in REAL_MODES:
        _add_row(real_table, MODE_LABELS[mode], real[mode], real_bare, None, mode != "rt-bare")
    _add_row(real_table, MODE_LABELS["rt-many"] + " (the day)", day, real_bare, None, True)
    # How far the real-time runs fell behind the renders (a busy machine shows here:
    # late checks also mean fewer of them, so fewer requests per wait).
    span = RENDER_SECONDS[1] / real_scale
    real_table.headers.append(f"wait phase wall, median (renders end by {span:.0f} s)")
    for cells, rows in zip(real_table.rows, [*real.values(), day], strict=True):
        cells.append(f"{_median(rows, lambda row: row['wall_seconds']):.1f} s")
    tables.append(real_table)

    # A child whose CPU time is close to its wall time could not keep up: its checks ran
    # late, so it made fewer of them (fewer requests per wait) than the schedule asks.
    busy = [
        MODE_LABELS[mode]
        for mode in REAL_MODES
        if any(row["cpu_seconds"] > 0.9 * row["wall_seconds"] for row in real[mode])
    ]
    every_row = [row for rows in [*figures, *real.values(), day] for row in rows]
    all_done = all(row["completed"] == row["waits"] for row in every_row)

    def med_cpu(rows: Rounds) -> str:
        return us(_median(rows, _cpu_per_wait))

    def goal_line(rows: Rounds, what: str, n: int) -> str:
        """Peak RSS against the 100 MB goal and the bare baseline of the same round."""
        highest = max(_rss_peak(row) for row in rows)
        bare_ratios = _paired(rows, real_bare, _rss_peak)
        at_or_below = "at or below" if max(bare_ratios) <= 1.0 else "NOT always at or below"
        goal = "under" if highest < GOAL_PEAK_RSS else "OVER"
        return (
            f"{n:,} concurrent waits as {what}, client alone in its process (real sockets, "
            f"{len(rows)} rounds): peak RSS {mib(_median(rows, _rss_peak))} (highest round "
            f"{mib(highest)}), {goal} the 100 MB goal ({mib(GOAL_PEAK_RSS)}), {at_or_below} "
            f"bare sleeping tasks with raw httpx in the same round "
            f"({mib(_median(real_bare, _rss_peak))}; ratio {_spread(bare_ratios)}); RSS per "
            f"sleeping wait {kib(_median(rows, _per_wait_growth))} vs "
            f"{kib(_median(real_bare, _per_wait_growth))} bare. Client CPU per wait "
            f"{med_cpu(rows)} vs {med_cpu(real_bare)} bare "
            f"({_spread(_paired(rows, real_bare, _cpu_per_wait))})."
        )

    day_peak = max(_rss_peak(row) for row in day)
    bare_cpu = _median(real_bare, _cpu_per_wait)
    day_cpu = [_cpu_per_wait(row) / bare_cpu for row in day]
    headlines = [
        goal_line(real_v3, f"{waits:,} `wait_for_video` tasks (issue 24 item 1)", waits)
        + f" Before the first wait: {mib(_median(real_v3, _rss_before))} with the SDK "
        f"(interpreter, SDK, client, the {waits:,} ids) vs "
        f"{mib(_median(real_bare, _rss_before))} bare; of the difference, "
        f"{mib(statistics.median(floors))} is pydantic itself (its import and a first "
        "model, measured alone in a child of the same venv: the floor of a client that "
        "answers in pydantic models), the rest the SDK's modules and client. Bare tasks "
        f"grow {mib(_median(real_bare, _growth_after_asleep))} past the moment all are "
        f"asleep (their reads in flight), the SDK's "
        f"{mib(_median(real_v3, _growth_after_asleep))}.",
        goal_line(real_many, "one `videos.wait_many` call", waits),
        f"The day (item 5; `client.videos.wait_many`): {day_waits:,} ids in one process, "
        f"{len(day)} round(s): peak RSS {mib(_median(day, _rss_peak))} "
        f"(highest {mib(day_peak)}; goal under {mib(GOAL_DAY_PEAK_RSS)}: "
        f"{'met' if day_peak < GOAL_DAY_PEAK_RSS else 'NOT met'}"
        f"); client CPU per wait {med_cpu(day)}, "
        f"{' / '.join(ratio(value, 1.0) for value in sorted(day_cpu))} of the {waits:,}-wait "
        f"bare baseline's median ({med_cpu(real_bare)}; goal below 1.00x); "
        f"{'every' if all(r['completed'] == r['waits'] for r in day) else 'NOT every'} wait "
        f"completed; wait phase {_median(day, lambda row: row['wall_seconds']):.0f} s."
        + (
            f" CPU-bound at {real_scale:g}x in some round (client CPU close to wall time): "
            f"{', '.join(busy)}; its checks ran late and fewer, so read its memory, "
            "not its requests per wait."
            if busy
            else ""
        ),
    ]
    if runs:
        bare, v3, many = rows_of["bare"], rows_of["v3"], rows_of["many"]
        v2 = rows_of.get("v2")
        compared = [many, v3, *([v2] if v2 else []), bare]
        names = ["`videos.wait_many`", "v3", *(["v2"] if v2 else []), "bare"]
        traced_names = [
            (mode, label)
            for mode, label in (
                ("many", "`videos.wait_many`"),
                ("v3", "v3"),
                ("v2", "v2"),
                ("bare", "bare"),
            )
            if mode in traced
        ]
        headlines += [
            f"In-process (fake and its {waits:,} videos in the same process, virtual time), "
            f"medians for {', '.join(names)}: peak RSS "
            + ", ".join(mib(_median(rows, _rss_peak)) for rows in compared)
            + " (vs bare: "
            + ", ".join(_spread(_paired(rows, bare, _rss_peak)) for rows in compared[:-1])
            + "); CPU per wait "
            + ", ".join(med_cpu(rows) for rows in compared)
            + " (vs bare: "
            + ", ".join(_spread(_paired(rows, bare, _cpu_per_wait)) for rows in compared[:-1])
            + "), for "
            + ", ".join(
                f"{_median(rows, lambda row: row['requests']) / waits:.2f}" for rows in compared
            )
            + " status requests per wait.",
            "Memory per sleeping wait (tracemalloc): "
            + ", ".join(
                f"{label} {kib(traced[mode]['traced_per_wait'])}" for mode, label in traced_names
            )
            + ".",
        ]
    headlines.append(
        "Every wait completed in every round." if all_done else "NOT every wait completed."
    )
    return Section(
        NAME,
        TITLE,
        method=(
            f"Each row is a fresh child process, measured in {ROUNDS} rounds; in each round "
            "every row runs right after its baseline, and a ratio is a round's figure over its "
            "baseline's in the same round (min / median / max over the rounds); the other "
            "figures are medians. First table: N videos (renders 30 s .. 20 min) "
            "submitted through the SDK to the in-process fake, then N concurrent waits with the "
            "default policy's schedule on virtual time (one client, default limits); the baseline"
            " is N anyio tasks that sleep on that schedule and read `GET /v3/videos/{id}` with "
            "raw httpx against the same fake. Its figures include the fake (its N video records, "
            "its request handling, its CPU) and the virtual clock, alike in every row. "
            "`wait_for_video` rows start N tasks; the `videos.wait_many` row makes one call for "
            "the N ids (one driver, no task per wait)"
            + (" (this quick run leaves out the v2 and N/10 rows)" if quick else "")
            + ". Second "
            "table: the client alone in the child (asyncio, real clock, ids read from a file; "
            f"every child, baseline and SDK alike, runs in {child.describe()}: what "
            "`pip install heygen-async` gives a user, where a development venv's httpx also "
            "loads rich and click and httpcore loads trio, about 9 MiB more on both sides), "
            "the fake on 127.0.0.1 in the parent, which submitted the N videos with the fake's "
            "clock held and starts it when the child is ready, then runs it "
            f"{real_scale:g}x faster than HeyGen (the child's policy and its poller's coalescing "
            "window divided likewise); its baseline, a child that never imports the SDK, is N "
            "asyncio tasks that each sleep a random time across the render span, then read their"
            " video with raw httpx (again a little later if it is not done), at most 32 requests "
            "in flight like the SDK. Peak RSS is the process's (Linux `VmHWM`: `ru_maxrss` in a "
            "child also counts the parent's RSS); growth = peak minus peak before the waits. RSS "
            "per sleeping wait is `VmRSS` growth once all N waits are asleep; traced memory is "
            "`tracemalloc` growth at that moment, measured once per mode in a separate child (at "
            "N) so tracemalloc's bookkeeping does not inflate the RSS figures. CPU is real CPU of "
            "the whole wait phase, per wait and per status request the fake answered (bulk and "
            "single reads alike)."
            + (
                f" This run measured the real-socket table only (`{ROWS_ENV}=real`)."
                if real_only
                else ""
            )
            + f" The day row (issue 24 item 5): {day_waits:,} ids in one "
            "`client.videos.wait_many` call in one child, the same set-up, "
            f"{day_rounds} round(s) (each takes minutes here; `{DAY_ROUNDS_ENV}`), "
            "set against the median of the 10,000-wait bare rows above."
        ),
        tables=tables,
        headlines=headlines,
    )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    child_mode = arguments[0]
    if child_mode == FLOOR_MODE:
        result = _pydantic_floor()
    elif child_mode in MODES:
        traced_child = "--traced" in arguments
        result = anyio.run(_measure, child_mode, int(arguments[1]), traced_child, backend="trio")
    elif child_mode in REAL_MODES:
        base_url, api_key, scale = arguments[2], arguments[3], float(arguments[4])
        result = anyio.run(_measure_real, child_mode, arguments[1], base_url, api_key, scale)
    else:
        raise SystemExit(f"mode must be one of {', '.join(MODES + REAL_MODES)}")
    print(json.dumps(result))
