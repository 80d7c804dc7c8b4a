"""Per-call overhead of HeyGenClient over AsyncHeyGenClient (not a test; timings vary).

    python tests/sync/measure_overhead.py [calls]

Both clients send ``get_video_status`` to an in-process httpx.MockTransport; the
async one is awaited in a loop under asyncio, the sync one blocks through the
shared loop thread. The difference per call is what the facade costs.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

import httpx

from heygen_async import AsyncHeyGenClient, HeyGenClient

BODY = {"code": 100, "data": {"id": "v1", "status": "completed", "video_url": "https://cdn/v.mp4"}}


def _http() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=BODY))
    )


async def _async_run(calls: int) -> float:
    async with AsyncHeyGenClient("k", http_client=_http()) as client:
        for _ in range(100):
            await client.get_video_status("v1")
        started = time.perf_counter()
        for _ in range(calls):
            await client.get_video_status("v1")
        return (time.perf_counter() - started) / calls


def _sync_run(calls: int) -> float:
    with HeyGenClient("k", http_client=_http()) as client:
        for _ in range(100):
            client.get_video_status("v1")
        started = time.perf_counter()
        for _ in range(calls):
            client.get_video_status("v1")
        return (time.perf_counter() - started) / calls


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = 5
    async_us = [asyncio.run(_async_run(calls)) * 1e6 for _ in range(rounds)]
    sync_us = [_sync_run(calls) * 1e6 for _ in range(rounds)]
    a, s = statistics.median(async_us), statistics.median(sync_us)
    print(f"{calls} calls x {rounds} rounds, median per call:")
    print(f"  AsyncHeyGenClient (asyncio): {a:8.1f} us")
    print(f"  HeyGenClient (loop thread):  {s:8.1f} us")
    print(f"  facade overhead:             {s - a:8.1f} us per call ({s / a:.2f}x)")


if __name__ == "__main__":
    main()
