"""1. Per-request client overhead: ``AsyncHeyGenClient`` against a raw httpx loop.

The same number of status calls, at the same concurrency, against the loopback
fake server running in a child process (so ``time.process_time()`` here is the
client's CPU only). The raw loop is what a careful hand-written integration
does: one shared ``httpx.AsyncClient`` with the SDK's pool limits, the auth
header, ``raise_for_status()`` and ``response.json()``, reading the same endpoint
as the SDK's backend (v3: ``GET /v3/videos/{id}``; v2: ``GET
/v1/video_status.get``). The SDK adds its transport (rate controller, retry
loop, envelope normalisation, typed errors) and a pydantic ``VideoStatus``.

Each round interleaves slices of every contender (the order rotated) after a
warm-up; each SDK round is divided by the raw round of the same backend in the
same round, and the table shows the minimum, median and maximum of those ratios.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio

from ._fake_server import FakeServer, fake_server_process
from ._report import Section, Table, ratio, ratio_spread, us
from ._stats import median, paired_ratios

NAME = "overhead"
TITLE = "1. Per-request client overhead"
CONCURRENCY_LEVELS = (1, 16)
STATUS_PATH = "/v1/video_status.get"
CHUNKS = 5  # slices per contender per round, interleaved


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


BACKENDS = {"v3": "/v3/videos/{video_id}", "v2": STATUS_PATH}


async def _compare(
    server: FakeServer, calls: int, rounds: int, concurrency: int
) -> dict[str, list[Round]]:
    import httpx

    from heygen_async import AsyncHeyGenClient
    from heygen_async._constants import POOL_MAX_CONNECTIONS, POOL_MAX_KEEPALIVE
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    def sdk_client(api_version: str) -> AsyncHeyGenClient:
        return AsyncHeyGenClient(
            api_key=server.api_key,
            base_url=server.base_url,
            upload_url=server.base_url,
            api_version=api_version,
        )

    async with (
        sdk_client("v3") as sdk_v3,
        sdk_client("v2") as sdk_v2,
        httpx.AsyncClient(
            base_url=server.base_url,
            headers={"X-Api-Key": server.api_key, "Accept": "application/json"},
            limits=httpx.Limits(
                max_connections=POOL_MAX_CONNECTIONS, max_keepalive_connections=POOL_MAX_KEEPALIVE
            ),
            timeout=60.0,
        ) as raw,
    ):
        video = await sdk_v2.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        video_id = video.video_id
        await anyio.sleep(0.2)  # the fake runs fast: the status carries the video URLs

        def sdk_call(client: AsyncHeyGenClient) -> Call:
            async def call() -> object:
                return await client.get_video_status(video_id)

            return call

        def resource_call(client: AsyncHeyGenClient) -> Call:
            async def call() -> object:
                return await client.videos.get(video_id)

            return call

        def raw_call(path: str) -> Call:
            url = path.format(video_id=video_id)
            params = {"video_id": video_id} if path == STATUS_PATH else None

            async def call() -> object:
                response = await raw.get(url, params=params)
                response.raise_for_status()
                return response.json()["data"]

            return call

        contenders: dict[str, Call] = {
            "raw v3": raw_call(BACKENDS["v3"]),
            "sdk v3": sdk_call(sdk_v3),
            "resource v3": resource_call(sdk_v3),
            "raw v2": raw_call(BACKENDS["v2"]),
            "sdk v2": sdk_call(sdk_v2),
        }
        for call in contenders.values():  # warm-up: connections, caches
            await _run_calls(call, max(concurrency * 4, calls // 10), concurrency)
        results: dict[str, list[Round]] = {name: [] for name in contenders}
        names = list(contenders)
        # A round is CHUNKS slices per contender, interleaved, so that every contender
        # of a round sees the same load from the rest of the machine.
        chunk_calls = max(1, calls // CHUNKS)
        for round_number in range(rounds):
            totals = {name: Round(0.0, 0.0) for name in names}
            for chunk in range(CHUNKS):
                shift = (round_number + chunk) % len(names)
                for name in names[shift:] + names[:shift]:  # none always runs first
                    part = await _run_calls(contenders[name], chunk_calls, concurrency)
                    totals[name].wall += part.wall
                    totals[name].cpu += part.cpu
            for name in names:
                results[name].append(totals[name])
        return results


def run(quick: bool) -> Section:
    calls, rounds = (300, 3) if quick else (800, 9)
    table = Table(
        [
            "client",
            "API",
            "concurrency",
            "CPU / request (median)",
            "CPU vs raw httpx (min / median / max)",
            "wall / request (median)",
            "wall vs raw httpx (min / median / max)",
        ]
    )
    headlines = []
    with fake_server_process(time_scale=100_000.0) as server:
        for concurrency in CONCURRENCY_LEVELS:
            results = anyio.run(_compare, server, calls, rounds, concurrency)
            for api in BACKENDS:
                sdk, raw = results[f"sdk {api}"], results[f"raw {api}"]
                cpu = paired_ratios([r.cpu for r in sdk], [r.cpu for r in raw])
                wall = paired_ratios([r.wall for r in sdk], [r.wall for r in raw])
                rows = [
                    ("raw httpx loop (baseline)", raw, "1.00x", "1.00x"),
                    (
                        "`AsyncHeyGenClient.get_video_status` (seed method)",
                        sdk,
                        ratio_spread(cpu),
                        ratio_spread(wall),
                    ),
                ]
                resource = results.get(f"resource {api}")
                if resource is not None:
                    resource_cpu = paired_ratios([r.cpu for r in resource], [r.cpu for r in raw])
                    resource_wall = paired_ratios([r.wall for r in resource], [r.wall for r in raw])
                    rows.append(
                        (
                            "`AsyncHeyGenClient.videos.get` (resource method)",
                            resource,
                            ratio_spread(resource_cpu),
                            ratio_spread(resource_wall),
                        )
                    )
                for label, runs, cpu_ratio, wall_ratio in rows:
                    table.add(
                        label,
                        api,
                        concurrency,
                        us(median([r.cpu for r in runs]) / calls),
                        cpu_ratio,
                        us(median([r.wall for r in runs]) / calls),
                        wall_ratio,
                    )
                goal = 1.02 if concurrency == 1 else 1.05
                headlines.append(
                    f"{api}, {concurrency} concurrent task(s): client CPU per request "
                    f"{us(median([r.cpu for r in sdk]) / calls)} (SDK) vs "
                    f"{us(median([r.cpu for r in raw]) / calls)} (raw httpx): "
                    f"{ratio(cpu.mid, 1.0)} median (rounds {ratio_spread(cpu)}; goal at most "
                    f"{goal:.2f}x); wall {ratio(wall.mid, 1.0)}."
                )
                if resource is not None:
                    over_seed = paired_ratios([r.cpu for r in resource], [r.cpu for r in sdk])
                    headlines.append(
                        f"{api}, {concurrency} concurrent task(s): the resource method "
                        f"`client.videos.get` costs {us(median([r.cpu for r in resource]) / calls)}"
                        f" of client CPU per request, {ratio(over_seed.mid, 1.0)} the seed "
                        f"`get_video_status`'s (rounds {ratio_spread(over_seed)}; goal at most "
                        f"1.00x) and {ratio(resource_cpu.mid, 1.0)} raw httpx (rounds "
                        f"{ratio_spread(resource_cpu)}; goal at most {goal:.2f}x)."
                    )
    return Section(
        NAME,
        TITLE,
        method=(
            f"{calls:,} status calls per round, spread over 1 or 16 concurrent tasks, "
            "asyncio, against the loopback fake in a separate process (127.0.0.1) on a CPU "
            "of its own (this process on the others), on "
            "both backends (v3: `GET /v3/videos/{id}`; v2: `GET /v1/video_status.get`), "
            "each next to a raw httpx loop reading the same endpoint; on v3 also the resource "
            "method `client.videos.get(id)` (the same `GET /v3/videos/{id}`) on the same client. "
            f"{rounds} rounds after a warm-up; a round interleaves {CHUNKS} slices of each "
            "of the five contenders (order rotated), so all five see the same load from the "
            "rest of the machine; every ratio is an SDK round over the same round's raw round. CPU "
            "is this process's `time.process_time()`, i.e. the client only; wall time "
            "includes the server's (single-threaded) work and the loopback round trip."
        ),
        tables=[table],
        headlines=headlines,
    )
