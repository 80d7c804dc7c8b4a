"""5. Sync facade: what ``HeyGenClient`` adds over awaiting the async client, and
what a thread pool of facade calls gains over a naive sequential loop.

a) Per-call overhead: the same sequential status calls through
   ``HeyGenClient.get_video_status`` (the coroutine handed to the facade's one
   loop thread, the caller blocking on its result) and through ``await
   AsyncHeyGenClient.get_video_status`` in a plain ``asyncio`` loop, both against
   the loopback fake in a child process. The difference per call is the
   facade's cost: a thread hop each way.
b) Bulk: quick videos through ``HeyGenClient.generate_video_and_wait``, from a
   ``ThreadPoolExecutor`` against a naive sequential loop. The facade's loop lives
   on its own thread, so virtual time does not apply: this runs in real time,
   with the fake compressing time (renders of 30 s .. 2 min last 7.5 .. 30 ms)
   and a correspondingly fast ``PollPolicy``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ._fake_server import FakeServer, fake_server_process
from ._report import BenchmarkSkipped, Section, Table, ratio, secs, us
from ._virtual import SCRIPT

NAME = "facade"
TITLE = "5. Sync facade"
BULK_TIME_SCALE = 4000.0  # a 2-minute render lasts 30 ms
BULK_RENDER_SECONDS = (30.0, 120.0)
BULK_THREADS = 32


@dataclass
class Timing:
    wall: float
    cpu: float


def _timed_sync(calls: int, call: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


async def _timed_async(server: FakeServer, video_id: str, calls: int) -> Timing:
    from heygen_async import AsyncHeyGenClient

    async with AsyncHeyGenClient(
        api_key=server.api_key, base_url=server.base_url, upload_url=server.base_url
    ) as client:
        for _ in range(max(20, calls // 10)):  # warm-up
            await client.get_video_status(video_id)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(calls):
            await client.get_video_status(video_id)
        return Timing(time.perf_counter() - wall, time.process_time() - cpu)


@dataclass
class PerCall:
    async_wall: float
    async_cpu: float
    facade_wall: float
    facade_cpu: float


def _per_call_overhead(calls: int, rounds: int) -> PerCall:
    from heygen_async import HeyGenClient
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    facade_runs: list[Timing] = []
    async_runs: list[Timing] = []
    with (
        fake_server_process(time_scale=100_000.0) as server,
        HeyGenClient(
            api_key=server.api_key, base_url=server.base_url, upload_url=server.base_url
        ) as client,
    ):
        video_id = client.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID).video_id
        time.sleep(0.2)  # rendered: the status carries the video URLs

        def facade_call() -> object:
            return client.get_video_status(video_id)

        _timed_sync(max(20, calls // 10), facade_call)  # warm-up
        for _ in range(rounds):
            async_runs.append(asyncio.run(_timed_async(server, video_id, calls)))
            facade_runs.append(_timed_sync(calls, facade_call))

    # Best round of each (as ``timeit`` does: other processes' noise only adds time).
    return PerCall(
        async_wall=min(t.wall for t in async_runs) / calls,
        async_cpu=min(t.cpu for t in async_runs) / calls,
        facade_wall=min(t.wall for t in facade_runs) / calls,
        facade_cpu=min(t.cpu for t in facade_runs) / calls,
    )


def _per_call_table(per_call: PerCall) -> Table:
    table = Table(["way", "wall / call", "CPU / call", "wall vs async", "facade overhead / call"])
    table.add(
        "`await AsyncHeyGenClient.get_video_status` (baseline)",
        us(per_call.async_wall),
        us(per_call.async_cpu),
        "1.00x",
        "-",
    )
    table.add(
        "`HeyGenClient.get_video_status`",
        us(per_call.facade_wall),
        us(per_call.facade_cpu),
        ratio(per_call.facade_wall, per_call.async_wall),
        f"{us(per_call.facade_wall - per_call.async_wall)} wall, "
        f"{us(per_call.facade_cpu - per_call.async_cpu)} CPU",
    )
    return table


@dataclass
class BulkRun:
    seconds: float
    completed: int


def _bulk(videos: int) -> tuple[BulkRun, BulkRun]:
    from heygen_async import HeyGenClient, PollPolicy
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    # The default policy's shape (x1.3 growth, 0.2 jitter), shrunk like the renders.
    poll = PollPolicy(first_delay=0.005, initial_interval=0.005, max_interval=0.03, timeout=60.0)
    with (
        fake_server_process(
            time_scale=BULK_TIME_SCALE, render_seconds=BULK_RENDER_SECONDS
        ) as server,
        HeyGenClient(
            api_key=server.api_key, base_url=server.base_url, upload_url=server.base_url
        ) as client,
    ):

        def one_video(_: int) -> bool:
            status = client.generate_video_and_wait(
                SCRIPT, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, poll=poll
            )
            return bool(status.is_completed)

        one_video(0)  # warm-up: loop thread, connections
        start = time.perf_counter()
        completed = sum(one_video(i) for i in range(videos))
        sequential = BulkRun(time.perf_counter() - start, completed)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=BULK_THREADS) as pool:
            completed = sum(pool.map(one_video, range(videos)))
        pooled = BulkRun(time.perf_counter() - start, completed)
    return sequential, pooled


def run(quick: bool) -> Section:
    try:
        from heygen_async import HeyGenClient  # noqa: F401
    except ImportError as exc:
        raise BenchmarkSkipped(f"HeyGenClient is not available yet ({exc})") from None
    calls, rounds = (200, 3) if quick else (2000, 5)
    videos = 40 if quick else 1000
    per_call = _per_call_overhead(calls, rounds)
    sequential, pooled = _bulk(videos)

    bulk = Table(["way", "videos completed", "wall time", "videos / s", "wall vs sequential"])
    for label, outcome in (
        ("naive sequential loop (baseline)", sequential),
        (f"`ThreadPoolExecutor({BULK_THREADS})`", pooled),
    ):
        bulk.add(
            label,
            f"{outcome.completed:,} / {videos:,}",
            secs(outcome.seconds),
            f"{videos / outcome.seconds:,.1f}",
            ratio(outcome.seconds, sequential.seconds),
        )
    return Section(
        NAME,
        TITLE,
        method=(
            f"(a) {calls:,} sequential status calls per round, best of {rounds} rounds, "
            "against the loopback fake in a child process; CPU is this process's (the "
            "facade's loop thread included). (b) "
            f"{videos:,} videos through `HeyGenClient.generate_video_and_wait`, renders "
            f"30 s .. 2 min compressed {BULK_TIME_SCALE:g}x (7.5 .. 30 ms) on the loopback "
            "fake, `PollPolicy(first_delay=0.005, initial_interval=0.005, max_interval=0.03)`, "
            "real time."
        ),
        tables=[_per_call_table(per_call), bulk],
        headlines=[
            f"The facade adds {us(per_call.facade_wall - per_call.async_wall)} wall time per "
            f"call over awaiting the async client "
            f"({ratio(per_call.facade_wall, per_call.async_wall)} of an awaited call).",
            f"A thread pool of facade calls finished {videos:,} quick videos "
            f"{sequential.seconds / pooled.seconds:.1f}x faster than the naive sequential "
            f"loop ({secs(pooled.seconds)} vs {secs(sequential.seconds)}).",
        ],
    )
