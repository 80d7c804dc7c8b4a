"""1. Per-request client overhead: ``AsyncHeyGenClient`` against a raw httpx loop.

The same number of status calls, at the same concurrency, against the loopback
fake server running in a child process (so ``time.process_time()`` here is the
client's CPU only). The raw loop is what a careful hand-written integration
does: one shared ``httpx.AsyncClient`` with the SDK's pool limits, the auth
header, ``raise_for_status()`` and ``response.json()``. The SDK adds its
transport (rate controller, retry loop, envelope normalisation, typed errors)
and a pydantic ``VideoStatus``. Rounds alternate between the two after a
warm-up; the best round of each is reported (as ``timeit`` does: noise from
other processes only ever adds time).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio

from ._fake_server import FakeServer, fake_server_process
from ._report import Section, Table, ms, ratio, us

NAME = "overhead"
TITLE = "1. Per-request client overhead"
CONCURRENCY_LEVELS = (1, 16)
STATUS_PATH = "/v1/video_status.get"


@dataclass
class Round:
    wall: float
    cpu: float


Call = Callable[[], Awaitable[object]]


async def _run_calls(call: Call, calls: int, concurrency: int) -> Round:
    """``calls`` calls spread over ``concurrency`` tasks; wall and CPU seconds."""
    per_task = [calls // concurrency + (i < calls % concurrency) for i in range(concurrency)]

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    wall_start, cpu_start = time.perf_counter(), time.process_time()
    async with anyio.create_task_group() as group:
        for count in per_task:
            group.start_soon(worker, count)
    return Round(time.perf_counter() - wall_start, time.process_time() - cpu_start)


async def _compare(
    server: FakeServer, calls: int, rounds: int, concurrency: int
) -> dict[str, list[Round]]:
    import httpx

    from heygen_async import AsyncHeyGenClient
    from heygen_async._constants import POOL_MAX_CONNECTIONS, POOL_MAX_KEEPALIVE
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    async with (
        AsyncHeyGenClient(
            api_key=server.api_key, base_url=server.base_url, upload_url=server.base_url
        ) as sdk,
        httpx.AsyncClient(
            base_url=server.base_url,
            headers={"X-Api-Key": server.api_key, "Accept": "application/json"},
            limits=httpx.Limits(
                max_connections=POOL_MAX_CONNECTIONS, max_keepalive_connections=POOL_MAX_KEEPALIVE
            ),
            timeout=60.0,
        ) as raw,
    ):
        video = await sdk.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        video_id = video.video_id
        await anyio.sleep(0.2)  # the fake runs fast: the status carries the video URLs

        async def sdk_call() -> object:
            return await sdk.get_video_status(video_id)

        async def raw_call() -> object:
            response = await raw.get(STATUS_PATH, params={"video_id": video_id})
            response.raise_for_status()
            return response.json()["data"]

        contenders: dict[str, Call] = {"sdk": sdk_call, "raw": raw_call}
        for call in contenders.values():  # warm-up: connections, caches
            await _run_calls(call, max(concurrency * 4, calls // 10), concurrency)
        results: dict[str, list[Round]] = {name: [] for name in contenders}
        order = list(contenders)
        for _ in range(rounds):
            for name in order:
                results[name].append(await _run_calls(contenders[name], calls, concurrency))
            order.reverse()  # neither contender always runs first
        return results


def run(quick: bool) -> Section:
    calls, rounds = (300, 3) if quick else (2000, 5)
    table = Table(
        [
            "client",
            "concurrency",
            "CPU / request",
            "wall / request",
            "CPU vs raw httpx",
            "wall vs raw httpx",
        ]
    )
    headlines = []
    with fake_server_process(time_scale=100_000.0) as server:
        for concurrency in CONCURRENCY_LEVELS:
            results = anyio.run(_compare, server, calls, rounds, concurrency)
            sdk_cpu, sdk_wall = _per_call(results["sdk"], calls)
            raw_cpu, raw_wall = _per_call(results["raw"], calls)
            table.add(
                "raw httpx loop (baseline)",
                concurrency,
                us(raw_cpu),
                us(raw_wall),
                "1.00x",
                "1.00x",
            )
            table.add(
                "`AsyncHeyGenClient.get_video_status`",
                concurrency,
                us(sdk_cpu),
                us(sdk_wall),
                ratio(sdk_cpu, raw_cpu),
                ratio(sdk_wall, raw_wall),
            )
            headlines.append(
                f"{concurrency} concurrent task(s): client CPU per request {us(sdk_cpu)} "
                f"(SDK) vs {us(raw_cpu)} (raw httpx) = {ratio(sdk_cpu, raw_cpu)}; wall time "
                f"{ratio(sdk_wall, raw_wall)} ({ms(sdk_wall * calls)} vs "
                f"{ms(raw_wall * calls)} per {calls:,} calls)."
            )
    return Section(
        NAME,
        TITLE,
        method=(
            f"{calls:,} status calls per round, spread over 1 or 16 concurrent tasks, "
            "asyncio, against the loopback fake in a separate process (127.0.0.1); best "
            f"of {rounds} alternating rounds after a warm-up. CPU is this process's "
            "`time.process_time()`, i.e. the client only; wall time includes the server's "
            "(single-threaded) work and the loopback round trip."
        ),
        tables=[table],
        headlines=headlines,
    )


def _per_call(rounds: list[Round], calls: int) -> tuple[float, float]:
    """Best (lowest) CPU and wall seconds per call over the rounds."""
    return min(r.cpu for r in rounds) / calls, min(r.wall for r in rounds) / calls
