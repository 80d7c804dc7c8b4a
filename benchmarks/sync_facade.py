"""5. Sync facade: what ``HeyGenClient`` adds over awaiting the async client, and
what a thread pool of facade calls gains over a naive sequential loop.

a) Per-call overhead: the same sequential status calls through
   ``HeyGenClient.get_video_status`` (the coroutine handed to the facade's one
   loop thread, the caller blocking on its result) and through ``await
   AsyncHeyGenClient.get_video_status`` in a plain ``asyncio`` loop, both against
   the loopback fake in a child process, and again with an in-process transport
   replaying the fake's answer (no socket: less noise on a busy machine). The
   difference per call is the facade's cost: a thread hop each way. For scale,
   the same awaited call handed to a bare asyncio loop thread with
   ``asyncio.run_coroutine_threadsafe(...).result()``: what any facade built on a
   loop thread pays at least.
b) Bulk: quick videos through ``HeyGenClient.generate_video_and_wait``, from a
   ``ThreadPoolExecutor`` against a naive sequential loop. The facade's loop lives
   on its own thread, so virtual time does not apply: this runs in real time,
   with the fake compressing time (renders of 30 s .. 2 min last 7.5 .. 30 ms)
   and a correspondingly fast ``PollPolicy``.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ._fake_server import FakeServer, fake_server_process
from ._report import BenchmarkSkipped, Section, Table, ratio, ratio_spread, secs, us, us_spread
from ._stats import Spread, median, paired_differences, paired_ratios
from ._virtual import SCRIPT

NAME = "facade"
TITLE = "5. Sync facade"
BULK_TIME_SCALE = 4000.0  # a 2-minute render lasts 30 ms
BULK_RENDER_SECONDS = (30.0, 120.0)
BULK_THREADS = 32
LOOPBACK = "loopback fake (127.0.0.1)"
LOOPBACK_UNPINNED = "loopback fake, CPUs left to the scheduler"
IN_PROCESS = "in-process canned answer"
CHUNKS = 5  # slices of each way per round, interleaved


@dataclass
class Timing:
    wall: float
    cpu: float


def _timed_sync(calls: int, call: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


async def _timed_async(client: Any, video_id: str, calls: int) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        await client.get_video_status(video_id)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def _canned_http(server: FakeServer, video_id: str) -> Callable[[], Any]:
    """A factory of ``httpx.AsyncClient``s whose transport answers every request, in
    this process and at once, with the fake's recorded answer to the status read."""
    import httpx

    recorded = httpx.get(
        f"{server.base_url}/v3/videos/{video_id}", headers={"X-Api-Key": server.api_key}
    )
    recorded.raise_for_status()
    body = recorded.content
    headers = {"content-type": recorded.headers.get("content-type", "application/json")}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    return lambda: httpx.AsyncClient(transport=httpx.MockTransport(answer))


@dataclass
class PerCall:
    calls: int
    async_runs: list[Timing]
    facade_runs: list[Timing]
    hop_runs: list[Timing]

    def cpu_overhead(self, way: str = "facade") -> Spread:
        """CPU per call of ``way`` minus the awaited call's, round by round."""
        return paired_differences(
            [t.cpu / self.calls for t in self._runs(way)],
            [t.cpu / self.calls for t in self.async_runs],
        )

    def wall_overhead(self, way: str = "facade") -> Spread:
        return paired_differences(
            [t.wall / self.calls for t in self._runs(way)],
            [t.wall / self.calls for t in self.async_runs],
        )

    def ratios(self, attribute: str, way: str = "facade") -> Spread:
        return paired_ratios(
            [getattr(t, attribute) for t in self._runs(way)],
            [getattr(t, attribute) for t in self.async_runs],
        )

    def _runs(self, way: str) -> list[Timing]:
        return self.facade_runs if way == "facade" else self.hop_runs

    @staticmethod
    def per_call(runs: list[Timing], attribute: str, calls: int) -> float:
        return median([getattr(t, attribute) for t in runs]) / calls


def _per_call_overhead(
    calls: int, rounds: int, *, in_process: bool, isolate: bool = True
) -> PerCall:
    """Facade and awaited rounds, alternating which goes first. ``in_process``: both
    clients get an httpx client whose transport answers at once in this process (no
    socket, no server), so the difference is the facade's own work without the
    noise of a real round trip; otherwise both talk to the loopback fake.
    ``isolate=False``: the server's CPU and ours are left to the scheduler."""
    from heygen_async import AsyncHeyGenClient, HeyGenClient
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    facade_runs: list[Timing] = []
    async_runs: list[Timing] = []
    hop_runs: list[Timing] = []
    with fake_server_process(time_scale=100_000.0, isolate=isolate) as server:
        kwargs: dict[str, Any] = {
            "api_key": server.api_key,
            "base_url": server.base_url,
            "upload_url": server.base_url,
        }
        with HeyGenClient(**kwargs) as maker:
            video_id = maker.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID).video_id
        time.sleep(0.2)  # rendered: the status carries the video URLs
        http = _canned_http(server, video_id) if in_process else None

        def own_http() -> dict[str, Any]:
            return {} if http is None else {"http_client": http()}

        loop = asyncio.new_event_loop()  # the awaited baseline's, kept across rounds
        awaited = AsyncHeyGenClient(**kwargs, **own_http())
        # The least any loop thread costs: the same awaited call handed to a bare
        # asyncio loop on another thread, the caller blocking on its future.
        hop_loop = asyncio.new_event_loop()
        hop_thread = threading.Thread(target=hop_loop.run_forever, daemon=True)
        hop_thread.start()
        hopped = AsyncHeyGenClient(**kwargs, **own_http())
        try:
            with HeyGenClient(**kwargs, **own_http()) as client:

                def facade_call() -> object:
                    return client.get_video_status(video_id)

                def hop_call() -> object:
                    coroutine = hopped.get_video_status(video_id)
                    return asyncio.run_coroutine_threadsafe(coroutine, hop_loop).result()

                ways: dict[str, Callable[[int], Timing]] = {
                    "facade": lambda n: _timed_sync(n, facade_call),
                    "awaited": lambda n: loop.run_until_complete(
                        _timed_async(awaited, video_id, n)
                    ),
                    "hop": lambda n: _timed_sync(n, hop_call),
                }
                for way in ways.values():  # warm-up
                    way(max(20, calls // 10))
                # A round interleaves CHUNKS slices of each (the order rotated), so all
                # see the same load from the rest of the machine.
                chunk_calls = max(1, calls // CHUNKS)
                names = list(ways)
                for round_number in range(rounds):
                    totals = {name: Timing(0.0, 0.0) for name in names}
                    for chunk in range(CHUNKS):
                        shift = (round_number + chunk) % len(names)
                        for name in names[shift:] + names[:shift]:
                            part = ways[name](chunk_calls)
                            totals[name].wall += part.wall
                            totals[name].cpu += part.cpu
                    facade_runs.append(totals["facade"])
                    async_runs.append(totals["awaited"])
                    hop_runs.append(totals["hop"])
        finally:
            loop.run_until_complete(awaited.aclose())
            loop.close()
            asyncio.run_coroutine_threadsafe(hopped.aclose(), hop_loop).result()
            hop_loop.call_soon_threadsafe(hop_loop.stop)
            hop_thread.join()
            hop_loop.close()
    calls = chunk_calls * CHUNKS
    return PerCall(calls, async_runs, facade_runs, hop_runs)


def _per_call_table(measured: dict[str, PerCall]) -> Table:
    table = Table(
        [
            "way",
            "transport",
            "CPU / call (median)",
            "CPU vs async (min / median / max)",
            "wall / call (median)",
            "facade CPU overhead / call (min / median / max)",
            "facade wall overhead / call (min / median / max)",
        ]
    )
    for transport, per_call in measured.items():
        calls = per_call.calls
        table.add(
            "`await AsyncHeyGenClient.get_video_status` (baseline)",
            transport,
            us(per_call.per_call(per_call.async_runs, "cpu", calls)),
            "1.00x",
            us(per_call.per_call(per_call.async_runs, "wall", calls)),
            "-",
            "-",
        )
        table.add(
            "`HeyGenClient.get_video_status`",
            transport,
            us(per_call.per_call(per_call.facade_runs, "cpu", calls)),
            ratio_spread(per_call.ratios("cpu")),
            us(per_call.per_call(per_call.facade_runs, "wall", calls)),
            us_spread(per_call.cpu_overhead()),
            us_spread(per_call.wall_overhead()),
        )
        table.add(
            "for scale: the awaited call handed to a bare asyncio loop thread "
            "(`run_coroutine_threadsafe(...).result()`)",
            transport,
            us(per_call.per_call(per_call.hop_runs, "cpu", calls)),
            ratio_spread(per_call.ratios("cpu", "hop")),
            us(per_call.per_call(per_call.hop_runs, "wall", calls)),
            us_spread(per_call.cpu_overhead("hop")),
            us_spread(per_call.wall_overhead("hop")),
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
    calls, rounds = (200, 3) if quick else (1000, 11)
    videos = 40 if quick else 1000
    measured = {
        LOOPBACK: _per_call_overhead(calls, rounds, in_process=False),
        IN_PROCESS: _per_call_overhead(calls, rounds, in_process=True),
        LOOPBACK_UNPINNED: _per_call_overhead(calls, rounds, in_process=False, isolate=False),
    }
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
            f"(a) {calls:,} sequential status calls per round, {rounds} rounds after a "
            f"warm-up; a round interleaves {CHUNKS} slices of the facade's calls and of the "
            "awaited async client's (one client each, kept across rounds; which goes first "
            "alternates), twice: against the "
            "loopback fake in a child process, and with an in-process transport that hands "
            "back the fake's recorded answer at once (no socket, no server: the facade's own "
            "work without a real round trip's noise), both with the server on a CPU of its "
            "own and this process on the others (as HeyGen's servers never share the "
            "client's cores), and a third time on the loopback fake with both left to the "
            "scheduler, whose placements (a loop thread on the server's CPU now and then) "
            "make rounds vary several-fold on a 2-CPU machine. CPU is this process's "
            "`time.process_time()`, the facade's loop thread included. The overhead is a "
            "round's facade figure per call minus the same round's awaited figure; "
            "min / median / max over the rounds. (b) One round (real time, too slow to repeat): "
            f"{videos:,} videos through `HeyGenClient.generate_video_and_wait`, renders "
            f"30 s .. 2 min compressed {BULK_TIME_SCALE:g}x (7.5 .. 30 ms) on the loopback "
            "fake, `PollPolicy(first_delay=0.005, initial_interval=0.005, max_interval=0.03)`, "
            "real time."
        ),
        tables=[_per_call_table(measured), bulk],
        headlines=[
            *[
                f"{transport}: the facade costs {us(pc.cpu_overhead().mid)} of CPU per call "
                f"over awaiting the async client (median; rounds "
                f"{us_spread(pc.cpu_overhead())}; goal at most 120 µs), "
                f"{ratio(pc.ratios('cpu').mid, 1.0)} the awaited call's CPU; wall time "
                f"{us(pc.wall_overhead().mid)} more per call. A bare thread hop "
                f"(`run_coroutine_threadsafe`) costs {us(pc.cpu_overhead('hop').mid)}."
                for transport, pc in measured.items()
            ],
            f"A thread pool of facade calls finished {videos:,} quick videos "
            f"{sequential.seconds / pooled.seconds:.1f}x faster than the naive sequential "
            f"loop ({secs(pooled.seconds)} vs {secs(sequential.seconds)}).",
        ],
    )
