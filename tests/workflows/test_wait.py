"""wait_for_video: the poll schedule, every terminal outcome, the deadline, failures."""

from __future__ import annotations

import anyio
import httpx
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    AuthenticationError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PollPolicy,
    VideoFailedError,
    VideoState,
    WaitAbortedError,
    WaitTimeoutError,
)
from heygen_async.testing import VirtualClock

from .mock_heygen import NO_JITTER, MockHeyGen, Plan, error_response, gaps, make_client


async def test_schedule_grows_by_the_multiplier_and_is_capped(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=200))
    async with clock.running():
        status = await client.wait_for_video("v1", poll=NO_JITTER)
    assert status.is_completed
    # A given id is checked at once (it may be done already), then on the schedule.
    expected = [0.0, 5.0, 6.5, 8.45, 10.985, 14.2805, 18.56465, 24.134045, 30.0, 30.0, 30.0, 30.0]
    intervals = gaps(video.status_calls, start=1000.0)
    assert intervals == pytest.approx(expected[: len(intervals)])
    assert sum(intervals) >= 200  # it stopped at the first check after the render ended
    assert sum(intervals[:-1]) < 200


async def test_intervals_are_jittered_within_bounds(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=1500))
    policy = PollPolicy(jitter=0.2)
    async with clock.running():
        await client.wait_for_video("v1", poll=policy)
    intervals = gaps(video.status_calls, start=1000.0)
    assert intervals[0] == 0.0  # a given id is checked at once, not jittered
    ratios = [got / policy.interval(n) for n, got in enumerate(intervals) if n > 0]
    assert len(ratios) > 40
    assert all(0.8 - 1e-9 <= r <= 1.2 + 1e-9 for r in ratios)
    assert max(ratios) - min(ratios) > 0.2  # really jittered, not a constant factor


async def test_failed_raises_with_heygens_reason(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=40, outcome="failed"))
    async with clock.running():
        with pytest.raises(VideoFailedError) as caught:
            await client.wait_for_video("v1")
    error = caught.value
    assert (error.video_id, error.code, error.message, error.detail) == (
        "v1",
        40119,
        "avatar not found",
        "check avatar_id",
    )
    assert error.status is not None and error.status.is_failed


async def test_timeout_raises_at_the_deadline_and_leaves_the_video_alone(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=10_000))
    async with clock.running():
        with pytest.raises(WaitTimeoutError) as caught:
            await client.wait_for_video("v1", timeout=100)
    error = caught.value
    assert isinstance(error, TimeoutError)
    assert error.video_id == "v1"
    assert error.last_status is not None and error.last_status.status == "processing"
    assert clock.now() == pytest.approx(1100.0)  # never slept past the deadline
    assert video.status_calls[-1] == pytest.approx(1100.0)  # a last look at the deadline
    assert api.other_calls == []  # no delete, no cancel
    assert {method for _, method, _ in api.requests} == {"GET"}


async def test_timeout_argument_overrides_poll_which_overrides_the_client(
    api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=10_000))
    client = make_client(clock, poll=PollPolicy(timeout=50))
    async with clock.running():
        with pytest.raises(WaitTimeoutError):
            await client.wait_for_video("v1")
        assert clock.now() == pytest.approx(1050)
        with pytest.raises(WaitTimeoutError):
            await client.wait_for_video("v1", poll=PollPolicy(timeout=20))
        assert clock.now() == pytest.approx(1070)
        with pytest.raises(WaitTimeoutError):
            await client.wait_for_video("v1", poll=PollPolicy(timeout=20), timeout=7)
        assert clock.now() == pytest.approx(1077)


async def test_unknown_statuses_are_not_terminal(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=90, states=("queued_for_gpu", "upscaling")))
    async with clock.running():
        status = await client.wait_for_video("v1")
    assert status.status is VideoState.COMPLETED
    assert len(api.status_times("v1")) > 3


async def test_transient_failures_do_not_end_the_wait(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=120))
    faults = {1: error_response(500), 2: error_response(502), 4: httpx.Response(200, text="<html>")}
    api.status_fault = lambda video_id, n: faults.get(n)
    async with clock.running():
        status = await client.wait_for_video("v1")
    assert status.is_completed


async def test_consecutive_failures_abort_with_the_video_id(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=10_000))
    api.status_fault = lambda video_id, n: error_response(503) if n > 2 else None
    async with clock.running():
        with pytest.raises(WaitAbortedError) as caught:
            await client.wait_for_video("v1")
    error = caught.value
    assert error.video_id == "v1" and "v1" in str(error)
    assert error.failures == 10
    assert isinstance(error.__cause__, InternalServerError)
    assert error.last_status is not None and error.last_status.status == "waiting"
    assert len(video.status_calls) == 12


async def test_a_success_resets_the_failure_count(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=10_000))
    # 9 failures, one good answer, 9 failures, ... never 10 in a row.
    api.status_fault = lambda video_id, n: None if n % 10 == 0 else error_response(500)
    async with clock.running():
        with pytest.raises(WaitTimeoutError):
            await client.wait_for_video("v1", timeout=1000)


@pytest.mark.parametrize(("status", "error"), [(401, AuthenticationError), (404, NotFoundError)])
async def test_errors_that_will_not_go_away_end_the_wait_at_once(
    client: AsyncHeyGenClient,
    api: MockHeyGen,
    clock: VirtualClock,
    status: int,
    error: type[Exception],
) -> None:
    video = api.add_video("v1")
    api.status_fault = lambda video_id, n: error_response(status)
    async with clock.running():
        with pytest.raises(error):
            await client.wait_for_video("v1")
    assert len(video.status_calls) == 1


async def test_a_long_retry_after_delays_the_next_check(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=30))
    # Retry-After above the transport's 60 s cap: it raises RateLimitError to us.
    api.status_fault = lambda video_id, n: (
        error_response(429, **{"Retry-After": "90"}) if n == 1 else None
    )
    async with clock.running():
        await client.wait_for_video("v1")
    assert video.status_calls[1] - video.status_calls[0] >= 90


@pytest.mark.parametrize("video_id", ["", "   ", None])
async def test_empty_video_id_is_refused_before_any_request(
    client: AsyncHeyGenClient, api: MockHeyGen, video_id: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.wait_for_video(video_id)
    assert caught.value.field == "video_id"
    assert api.requests == []


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), "10", True])
async def test_bad_timeout_is_refused_before_any_request(
    client: AsyncHeyGenClient, api: MockHeyGen, timeout: object
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.wait_for_video("v1", timeout=timeout)  # type: ignore[arg-type]
    assert caught.value.field == "timeout"
    assert api.requests == []


async def test_cancelling_the_waiting_task_stops_it_at_once(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    video = api.add_video("v1", Plan(seconds=10_000))
    async with clock.running(), anyio.create_task_group() as group:
        group.start_soon(client.wait_for_video, "v1")
        await clock.sleep(100)
        group.cancel_scope.cancel()
    calls = len(video.status_calls)
    assert 0 < calls < 10
    async with clock.running():
        await clock.sleep(1000)
    assert len(video.status_calls) == calls
