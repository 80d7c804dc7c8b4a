"""Issue 12.7: deadlines are deadlines.

These run under trio's ``MockClock`` (virtual time that jumps whenever every task
waits), so a server trickling a byte every half second for minutes costs no real
time, and the client's default clock, its cancel scopes and the server's sleeps
all share that virtual time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import trio
import trio.testing

from heygen_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncHeyGenClient,
    PollPolicy,
    WaitTimeoutError,
)

from .conftest import API_KEY

STATUS = {"code": 100, "data": {"id": "vid_1", "status": "processing"}}
DONE = {
    "code": 100,
    "data": {"id": "vid_1", "status": "completed", "video_url": "https://cdn.example/v.mp4"},
}
Handler = Callable[[httpx.Request], Awaitable[httpx.Response]]


def run_virtual(main: Callable[[], Awaitable[Any]], *, threads: bool = False) -> Any:
    """Run ``main`` on trio in virtual time; return (result, virtual seconds taken).

    With ``threads`` (downloads touch the disk in worker threads) time jumps only
    after 50 ms of real idleness, so that a thread's work is not skipped over.
    """

    async def timed() -> Any:
        start = trio.current_time()
        with trio.move_on_after(100_000) as scope:  # a hang shows as this, not forever
            result = await main()
        assert not scope.cancelled_caught, "the call never ended"
        return result, trio.current_time() - start

    clock = trio.testing.MockClock(autojump_threshold=0.05 if threads else 0)
    return trio.run(timed, clock=clock)


class Trickle(httpx.AsyncByteStream):
    """A body sent one byte every ``gap`` seconds."""

    def __init__(self, body: bytes, gap: float) -> None:
        self.body = body
        self.gap = gap

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for byte in self.body:
            await anyio.sleep(self.gap)
            yield bytes([byte])


def client_for(handler: Handler, **kwargs: Any) -> AsyncHeyGenClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return AsyncHeyGenClient(api_key=API_KEY, api_version="v2", http_client=http, **kwargs)


def outcome_of(
    call: Callable[[AsyncHeyGenClient], Awaitable[Any]],
    handler: Handler,
    *,
    threads: bool = False,
    **kw: Any,
) -> Any:
    async def main() -> Any:
        async with client_for(handler, **kw) as client:
            try:
                return await call(client)
            except Exception as exc:
                return exc

    return run_virtual(main, threads=threads)


def test_timeout_bounds_the_whole_call_not_each_read() -> None:
    async def trickling(request: httpx.Request) -> httpx.Response:
        body = b'{"code": 100, "data": {"id": "vid_1", "status": "processing"}}' + b" " * 200
        return httpx.Response(200, stream=Trickle(body, gap=0.5))

    error, took = outcome_of(
        lambda c: c.get_video_status("vid_1"), trickling, timeout=2, max_retries=0
    )
    assert isinstance(error, APITimeoutError), error
    assert took == pytest.approx(2.0, abs=0.01)
    assert API_KEY not in str(error)


def test_each_attempt_is_bounded_and_retried_by_the_one_decision() -> None:
    calls = 0

    async def stalled(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        await anyio.sleep(3600)  # connects, never answers
        raise AssertionError("unreachable")

    error, took = outcome_of(
        lambda c: c.get_video_status("vid_1"), stalled, timeout=2, max_retries=2
    )
    assert isinstance(error, APITimeoutError)
    assert calls == 3  # a GET is retried after a timeout: 1 + max_retries attempts
    assert took < 3 * 2 + 0.5 + 1.0 + 0.1  # three deadlines and the two backoffs at most


def test_a_billed_create_timing_out_is_not_resent_without_a_key() -> None:
    calls = 0

    async def stalled(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        await anyio.sleep(3600)
        raise AssertionError("unreachable")

    error, took = outcome_of(
        lambda c: c.generate_video("Hi", "avatar", "voice"), stalled, timeout=2, max_retries=2
    )
    assert isinstance(error, APITimeoutError) and error.may_have_been_processed
    assert calls == 1 and took == pytest.approx(2.0, abs=0.01)
    assert error.request is not None and error.request.headers["x-api-key"] != API_KEY


def test_wait_deadline_includes_a_shared_pause() -> None:
    async def limited(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, headers={"Retry-After": "50"}, json={"code": 400140, "message": "slow down"}
        )

    error, took = outcome_of(
        lambda c: c.wait_for_video("vid_1", timeout=3), limited, poll=PollPolicy(jitter=0)
    )
    assert isinstance(error, WaitTimeoutError), error
    assert took <= 3.0 + 1e-6


def test_wait_deadline_includes_the_check_in_flight() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(40)  # within the 60 s per-request default
        return httpx.Response(200, json=STATUS)

    error, took = outcome_of(lambda c: c.wait_for_video("vid_1", timeout=10), slow)
    assert isinstance(error, WaitTimeoutError)
    assert took <= 10.0 + 1e-6


def test_wait_still_takes_a_last_look_before_its_deadline() -> None:
    seen: list[float] = []

    async def processing(request: httpx.Request) -> httpx.Response:
        seen.append(trio.current_time())
        return httpx.Response(200, json=STATUS)

    error, took = outcome_of(lambda c: c.wait_for_video("vid_1", timeout=100), processing)
    assert isinstance(error, WaitTimeoutError) and error.last_status is not None
    assert took <= 100.0 + 1e-6
    assert seen[-1] - seen[0] >= 100 - 5 - 1.0 - 1e-6  # the last check came just before it


def media_handler(media: Handler) -> Handler:
    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.heygen.com":
            return httpx.Response(200, json=DONE)
        return await media(request)

    return handler


def test_a_stalled_media_host_is_bounded_by_the_client_timeout(tmp_path: Path) -> None:
    async def silent(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(100_000)  # never sends its headers
        raise AssertionError("unreachable")

    error, took = outcome_of(
        lambda c: c.download_video("vid_1", tmp_path),
        media_handler(silent),
        timeout=2,
        threads=True,
    )
    assert isinstance(error, APIConnectionError), error
    assert took < 5 * 2 + 30  # five bounded attempts and their backoffs
    assert not list(tmp_path.glob("*.mp4"))


def test_a_trickling_media_host_is_bounded(tmp_path: Path) -> None:
    async def trickle(request: httpx.Request) -> httpx.Response:
        body = b"\x00\x00\x00\x18ftypisom" + b"v" * 2000
        return httpx.Response(
            200, headers={"Content-Length": str(len(body))}, stream=Trickle(body, 0.5)
        )

    error, took = outcome_of(
        lambda c: c.download_video("vid_1", tmp_path),
        media_handler(trickle),
        timeout=2,
        threads=True,
    )
    assert isinstance(error, APIConnectionError), error
    assert took < 5 * 3 + 30
