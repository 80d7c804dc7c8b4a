"""The retry rules, as a table: method x failure -> how many sends, which delays, which error."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import anyio
import httpx
import pytest
import respx

from heygen_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncHeyGenClient,
    BadRequestError,
    InternalServerError,
    QuotaExceededError,
    RateLimitError,
)
from heygen_async.testing import InstantClock, VirtualClock, use_clock

from .conftest import API, API_KEY, UPLOAD

OK_STATUS = {"code": 100, "data": {"id": "v", "status": "processing"}, "message": "Success"}
OK_VIDEO = {"error": None, "data": {"video_id": "new"}}
OK_UPLOAD = {"code": 100, "data": {"id": "asset"}, "message": None}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

Call = Callable[[AsyncHeyGenClient], Awaitable[object]]


async def call_status(client: AsyncHeyGenClient) -> object:
    return await client.get_video_status("v")


async def call_generate(client: AsyncHeyGenClient) -> object:
    return await client.generate_video("hi", "avatar", "voice")


async def call_upload(client: AsyncHeyGenClient) -> object:
    return await client.upload_asset_from_bytes(PNG)


CALLS: dict[str, tuple[str, str, Call, dict[str, object]]] = {
    "GET status": ("GET", f"{API}/v1/video_status.get", call_status, OK_STATUS),
    "POST generate": ("POST", f"{API}/v2/video/generate", call_generate, OK_VIDEO),
    "POST upload": ("POST", f"{UPLOAD}/v1/asset", call_upload, OK_UPLOAD),
}


def fail(kind: str) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect that fails the same way on every call."""

    def answer(_request: httpx.Request) -> httpx.Response:
        outcome = failure(kind)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return answer


def failure(kind: str) -> httpx.Response | Exception:
    if kind.isdigit():
        return httpx.Response(int(kind), json={"error": {"code": "x", "message": kind}})
    return {
        "connect-error": httpx.ConnectError("refused"),
        "connect-timeout": httpx.ConnectTimeout("slow connect"),
        "read-timeout": httpx.ReadTimeout("slow read"),
        "read-error": httpx.ReadError("reset by peer"),
        "protocol-error": httpx.RemoteProtocolError("server hung up"),
    }[kind]


# Full-jitter caps with max_retries=2: U(0, 0.5) then U(0, 1.0); the clock pins U(a, b) to b.
RETRIED = [0.5, 1.0]
# method-call, failure kind, retried?, error raised once retries are exhausted
TABLE = [
    ("GET status", "connect-error", True, APIConnectionError),
    ("GET status", "connect-timeout", True, APITimeoutError),
    ("GET status", "read-timeout", True, APITimeoutError),
    ("GET status", "read-error", True, APIConnectionError),
    ("GET status", "protocol-error", True, APIConnectionError),
    ("GET status", "408", True, APIStatusError),
    ("GET status", "429", True, RateLimitError),
    ("GET status", "500", True, InternalServerError),
    ("GET status", "502", True, InternalServerError),
    ("GET status", "503", True, InternalServerError),
    ("GET status", "504", True, InternalServerError),
    ("GET status", "400", False, BadRequestError),
    ("GET status", "501", False, InternalServerError),
    ("POST generate", "connect-error", True, APIConnectionError),
    ("POST generate", "connect-timeout", True, APITimeoutError),
    ("POST generate", "read-timeout", False, APITimeoutError),
    ("POST generate", "read-error", False, APIConnectionError),
    ("POST generate", "protocol-error", False, APIConnectionError),
    ("POST generate", "408", False, APIStatusError),
    ("POST generate", "429", True, RateLimitError),
    ("POST generate", "500", False, InternalServerError),
    ("POST generate", "502", False, InternalServerError),
    ("POST generate", "503", False, InternalServerError),
    ("POST generate", "504", False, InternalServerError),
    ("POST generate", "400", False, BadRequestError),
    ("POST upload", "connect-error", True, APIConnectionError),
    ("POST upload", "read-timeout", False, APITimeoutError),
    ("POST upload", "429", True, RateLimitError),
    ("POST upload", "500", False, InternalServerError),
]


@pytest.mark.parametrize(("call_name", "kind", "retried", "error_type"), TABLE)
async def test_retry_table_when_every_attempt_fails(
    client: AsyncHeyGenClient,
    clock: InstantClock,
    router: respx.MockRouter,
    call_name: str,
    kind: str,
    retried: bool,
    error_type: type[Exception],
):
    method, url, call, _ = CALLS[call_name]
    route = router.route(method=method, url=url).mock(side_effect=fail(kind))
    with pytest.raises(error_type) as caught:
        await call(client)
    assert type(caught.value) is error_type
    assert route.call_count == (3 if retried else 1)
    assert clock.sleeps == (RETRIED if retried else [])


@pytest.mark.parametrize(("call_name", "kind", "retried", "error_type"), TABLE)
async def test_retry_table_when_the_retry_succeeds(
    client: AsyncHeyGenClient,
    clock: InstantClock,
    router: respx.MockRouter,
    call_name: str,
    kind: str,
    retried: bool,
    error_type: type[Exception],
):
    method, url, call, ok = CALLS[call_name]
    route = router.route(method=method, url=url).mock(
        side_effect=[failure(kind), httpx.Response(200, json=ok)]
    )
    if retried:
        await call(client)
        assert route.call_count == 2 and clock.sleeps == [0.5]
    else:
        with pytest.raises(error_type):
            await call(client)
        assert route.call_count == 1 and clock.sleeps == []


@pytest.mark.parametrize("kind", ["read-timeout", "read-error", "500", "502"])
async def test_billed_post_failure_after_sending_says_the_video_may_exist(
    client: AsyncHeyGenClient, router: respx.MockRouter, kind: str
):
    router.post(f"{API}/v2/video/generate").mock(side_effect=fail(kind))
    with pytest.raises((APIConnectionError, APIStatusError)) as caught:
        await call_generate(client)
    assert getattr(caught.value, "may_have_been_processed", None) is True
    assert "video may exist" in str(caught.value)


async def test_billed_post_not_sent_is_not_flagged(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.post(f"{API}/v2/video/generate").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as caught:
        await call_generate(client)
    assert caught.value.may_have_been_processed is False


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_max_retries_bounds_every_retry(
    clock: InstantClock, router: respx.MockRouter, max_retries: int
):
    route = router.get(f"{API}/v1/video_status.get").mock(
        side_effect=lambda _req: httpx.Response(503)
    )
    async with AsyncHeyGenClient(api_key=API_KEY, max_retries=max_retries) as client:
        use_clock(client, clock)
        with pytest.raises(InternalServerError):
            await client.get_video_status("v")
    assert route.call_count == max_retries + 1
    assert clock.sleeps == [min(8.0, 0.5 * 2**n) for n in range(max_retries)]


async def test_backoff_is_capped_at_eight_seconds(clock: InstantClock, router: respx.MockRouter):
    router.get(f"{API}/v1/video_status.get").mock(side_effect=lambda _req: httpx.Response(502))
    async with AsyncHeyGenClient(api_key=API_KEY, max_retries=7) as client:
        use_clock(client, clock)
        with pytest.raises(InternalServerError):
            await client.get_video_status("v")
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def http_date(seconds_from_now: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now), True)


@pytest.mark.parametrize(
    ("header", "low", "high"),
    [("7", 8.0, 8.0), ("0.2", 1.2, 1.2), ("http-date-20", 19.0, 21.5)],
)
async def test_retry_after_is_a_floor_in_seconds_or_http_date(
    client: AsyncHeyGenClient,
    clock: InstantClock,
    router: respx.MockRouter,
    header: str,
    low: float,
    high: float,
):
    value = http_date(20) if header.startswith("http-date") else header
    route = router.get(f"{API}/v1/video_status.get").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": value}),
            httpx.Response(200, json=OK_STATUS),
        ]
    )
    await client.get_video_status("v")
    assert route.call_count == 2
    # Retry-After + jitter (pinned to its top, 1 s) when above the backoff; else the backoff.
    assert len(clock.sleeps) == 1 and low - 1e-6 <= clock.sleeps[0] <= high + 1e-6


async def test_retry_after_beyond_the_cap_raises_with_the_value(
    client: AsyncHeyGenClient, clock: InstantClock, router: respx.MockRouter
):
    route = router.post(f"{API}/v2/video/generate").respond(429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimitError) as caught:
        await call_generate(client)
    assert caught.value.retry_after == 3600.0
    assert "3600" in str(caught.value)
    assert route.call_count == 1 and clock.sleeps == []


async def test_exhausted_429_carries_retry_after(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.get(f"{API}/v1/video_status.get").respond(429, headers={"Retry-After": "2"})
    with pytest.raises(RateLimitError) as caught:
        await client.get_video_status("v")
    assert caught.value.retry_after == 2.0


async def test_quota_exhausted_is_not_retried_even_as_429(
    client: AsyncHeyGenClient, clock: InstantClock, router: respx.MockRouter
):
    route = router.post(f"{API}/v2/video/generate").respond(
        429, json={"code": 401029, "message": "quota limit"}
    )
    with pytest.raises(QuotaExceededError):
        await call_generate(client)
    assert route.call_count == 1 and clock.sleeps == []


async def test_one_429_pauses_every_other_task(router: respx.MockRouter):
    """Task A gets a 429 with Retry-After: 10; task B, starting later, waits it out too."""
    clock = VirtualClock()
    sent_at: list[tuple[str, float]] = []
    first = True

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal first
        sent_at.append((request.url.params["video_id"], clock.now()))
        if first:
            first = False
            return httpx.Response(429, headers={"Retry-After": "10"})
        return httpx.Response(200, json=OK_STATUS)

    router.get(f"{API}/v1/video_status.get").mock(side_effect=answer)
    async with AsyncHeyGenClient(api_key=API_KEY) as client:
        use_clock(client, clock)
        async with clock.running(), anyio.create_task_group() as group:
            group.start_soon(client.get_video_status, "a")

            async def later() -> None:
                await clock.sleep(1.0)
                await client.get_video_status("b")

            group.start_soon(later)
    assert sent_at[0] == ("a", 0.0)
    later_sends = dict(sent_at[1:])
    # Both waited for the pause (10 s + up to 1 s of jitter), although only A saw the 429.
    assert 10.0 <= later_sends["a"] <= 11.0
    assert 10.0 <= later_sends["b"] <= 11.0


async def test_a_503_with_retry_after_pauses_others_even_when_not_retried(
    router: respx.MockRouter,
):
    """A billed POST is not retried after a 503, but the pause it learned applies to all."""
    clock = VirtualClock()
    status_sent_at: list[float] = []

    def status_answer(_request: httpx.Request) -> httpx.Response:
        status_sent_at.append(clock.now())
        return httpx.Response(200, json=OK_STATUS)

    router.post(f"{API}/v2/video/generate").respond(503, headers={"Retry-After": "20"})
    router.get(f"{API}/v1/video_status.get").mock(side_effect=status_answer)
    errors: list[Exception] = []

    async def submit() -> None:
        try:
            await call_generate(client)
        except InternalServerError as exc:
            errors.append(exc)

    async def poll_later() -> None:
        await clock.sleep(1.0)
        await client.get_video_status("v")

    async with AsyncHeyGenClient(api_key=API_KEY) as client:
        use_clock(client, clock)
        async with clock.running(), anyio.create_task_group() as group:
            group.start_soon(submit)
            group.start_soon(poll_later)
    assert len(errors) == 1 and errors[0].may_have_been_processed  # raised, not retried
    assert len(status_sent_at) == 1 and 20.0 <= status_sent_at[0] <= 21.0


async def test_requests_in_flight_are_capped(router: respx.MockRouter):
    in_flight = 0
    peak = 0
    release = anyio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await release.wait()
        in_flight -= 1
        return httpx.Response(200, json=OK_STATUS)

    router.get(f"{API}/v1/video_status.get").mock(side_effect=answer)
    async with (
        AsyncHeyGenClient(api_key=API_KEY, max_concurrent_requests=3) as client,
        anyio.create_task_group() as group,
    ):
        for n in range(10):
            group.start_soon(client.get_video_status, f"v{n}")
        for _ in range(50):
            await anyio.lowlevel.checkpoint()
        assert peak == 3
        release.set()
    assert peak == 3


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_shared_pause_and_retries_work_on_both_backends(backend: str) -> None:
    """The transport only uses anyio: the same scenario passes under asyncio and trio."""
    clock = VirtualClock()
    calls: list[tuple[str, float]] = []
    answers = [httpx.Response(429, headers={"Retry-After": "30"}), httpx.Response(502)]
    results: dict[str, str] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.params["video_id"], clock.now()))
        return answers.pop(0) if answers else httpx.Response(200, json=OK_STATUS)

    async def fetch(video_id: str, start_after: float) -> None:
        await clock.sleep(start_after)
        results[video_id] = str((await client.get_video_status(video_id)).status)

    async def scenario() -> None:
        async with clock.running(), anyio.create_task_group() as group:
            group.start_soon(fetch, "a", 0.0)
            group.start_soon(fetch, "b", 1.0)
        await client.aclose()

    with respx.mock() as router:
        router.get(f"{API}/v1/video_status.get").mock(side_effect=answer)
        client = AsyncHeyGenClient(api_key=API_KEY)
        use_clock(client, clock)
        anyio.run(scenario, backend=backend)
    assert calls[0] == ("a", 0.0)
    # The 429 seen by "a" held "b" too: nothing more was sent until the 30 s pause
    # (+ up to 1 s of jitter) was over; the 502 was then retried after a backoff.
    assert len(calls) == 4
    assert all(30.0 <= at <= 31.5 for _, at in calls[1:])
    assert results == {"a": "processing", "b": "processing"}
