"""Measure 10,000 concurrent ``wait_for_video`` calls in one process (real time).

Each wait is one task sleeping between checks (no scheduler thread, no busy
loop). This prints the memory per wait while they all sleep (tracemalloc), the
peak, the status requests sent against the expected count, and the CPU time used
against the wall time. Renders last 2-10 s and the intervals are scaled down 10x so
the run takes a few seconds::

    python tests/workflows/measure_waits.py [waits]
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc

import anyio
import httpx

from heygen_async import AsyncHeyGenClient, PollPolicy

POLICY = PollPolicy(first_delay=2.0, initial_interval=0.5, multiplier=1.3, max_interval=3.0)


async def run(waits: int, trace: bool) -> None:
    rng = random.Random(1)
    started = time.monotonic()
    done_at = {f"v{i}": started + rng.uniform(2.0, 10.0) for i in range(waits)}
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        video_id = request.url.params["video_id"]
        state = "completed" if time.monotonic() >= done_at[video_id] else "processing"
        return httpx.Response(200, json={"code": 100, "data": {"id": video_id, "status": state}})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncHeyGenClient(api_key="sk-measure", http_client=http, poll=POLICY)
    completed = 0

    async def wait(video_id: str) -> None:
        nonlocal completed
        await client.wait_for_video(video_id)
        completed += 1

    gc.collect()
    if trace:
        tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    cpu0, wall0 = time.process_time(), time.monotonic()
    async with anyio.create_task_group() as group:
        for video_id in done_at:
            group.start_soon(wait, video_id)
        await anyio.sleep(0.1)  # every wait is now asleep before its first check
        sleeping = tracemalloc.get_traced_memory()[0] - base
        idle_cpu = time.process_time()
        await anyio.sleep(0.3)
        idle_cpu = time.process_time() - idle_cpu
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    await http.aclose()
    print(f"{waits} concurrent waits, {completed} completed")
    if trace:
        print(f"memory while all sleep: {sleeping / waits / 1024:.2f} KiB per wait")
        print(f"peak memory during the run: {peak / waits / 1024:.2f} KiB per wait")
        return
    print(f"status requests: {calls} ({calls / waits:.1f} per wait)")
    print(f"CPU while all {waits} sleep: {idle_cpu * 1000:.0f} ms over 300 ms")
    print(f"CPU {cpu:.1f} s over {wall:.1f} s wall: {cpu / calls * 1000:.2f} ms per status check")


async def bare_tasks(waits: int) -> None:
    """The floor: one anyio task that only sleeps."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    async with anyio.create_task_group() as group:
        for _ in range(waits):
            group.start_soon(anyio.sleep, 0.5)
        await anyio.sleep(0.25)
        used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    print(f"baseline, a bare sleeping anyio task: {used / waits / 1024:.2f} KiB")


async def main(waits: int) -> None:
    await run(waits, trace=True)  # tracemalloc slows everything: measure time apart
    await run(waits, trace=False)
    await bare_tasks(waits)


if __name__ == "__main__":
    anyio.run(main, int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
