"""Polling stays the safety net: slowed while a receiver is trusted, back to its own
pace when a poll finds a job no delivery announced, and the event log settles the
deliveries missed while the receiver was down."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import pytest

from heygen_async.jobs._settle import DELIVERY_SLOW_FACTOR, PushedNews
from heygen_async.testing import FakeHeyGen, VirtualClock

from .conftest import rig_for


def durations(*seconds: float) -> Iterator[float]:
    yield from seconds


def fake_with(clock: VirtualClock, *seconds: float) -> FakeHeyGen:
    times = durations(*seconds)
    return FakeHeyGen(
        seed=7,
        clock=clock.now,
        time_scale=1.0,
        render_seconds=lambda _rng: next(times),
        max_concurrent_renders=None,
    )


def test_the_pace_slows_while_a_receiver_is_trusted_and_recovers_on_a_miss() -> None:
    clock = VirtualClock()
    news = PushedNews(clock)
    assert news.pace() == 1.0  # no receiver: the policy's own pace
    news.attach(None)
    assert news.pace() == DELIVERY_SLOW_FACTOR
    clock.advance(10)
    news.missed("video", "v1")  # a poll found v1 ended; no delivery said so
    assert news.pace() == 1.0
    clock.advance(10)
    news.delivered()  # deliveries arrive again
    assert news.pace() == DELIVERY_SLOW_FACTOR


async def test_the_event_log_settles_what_was_missed_while_the_receiver_was_down() -> None:
    clock = VirtualClock(start=1000.0, seed=3)
    fake = fake_with(clock, *[60.0 + 10 * n for n in range(10)])
    async with rig_for(fake, clock) as rig:
        fake.deliveries.max_attempts = 1  # no retries: only the log can tell
        ids = await rig.submit(10)
        rig.outage.down = True
        async with rig.delivering(), anyio.create_task_group() as group:
            await clock.sleep(200)  # every render ends; every delivery fails
            assert all(not record.delivered for record in fake.deliveries.records)
            statuses = {}

            async def wait(video_id: str) -> None:
                statuses[video_id] = await rig.client.wait_for_video(video_id)

            for video_id in ids:
                group.start_soon(wait, video_id)
    assert all(status.video_url for status in statuses.values()) and len(statuses) == 10
    # The first poll found a video ended without a delivery: one read of the log
    # settled all ten, URLs included; no video needed a URL read of its own.
    assert fake.counters.requests["webhooks"] == 2  # the registration, one log read
    assert sum(fake.counters.status_calls.values()) == 0
    assert rig.receiver.accepted == 10


async def test_deliveries_that_failed_are_retried_and_settle_when_it_is_back() -> None:
    clock = VirtualClock(start=1000.0, seed=3)
    fake = fake_with(clock, 100.0)
    async with rig_for(fake, clock) as rig:
        [video_id] = await rig.submit(1)
        rig.outage.down = True
        async with rig.delivering(), anyio.create_task_group() as group:
            group.start_soon(rig.client.wait_for_video, video_id)
            await clock.sleep(100.5)  # the render ended; the delivery failed
            rig.outage.down = False  # the receiver is back before its retry
    attempts = [(record.at, record.delivered) for record in fake.deliveries.records]
    assert attempts[0] == (pytest.approx(100.0), False)
    assert attempts[1] == (pytest.approx(105.0), True)  # the first retry, 5 s later
    assert rig.receiver.accepted == 1


async def test_when_deliveries_stop_polling_resumes_its_own_pace() -> None:
    clock = VirtualClock(start=1000.0, seed=3)
    fake = fake_with(clock, 60.0, 1200.0)
    async with rig_for(fake, clock) as rig:
        short, long = await rig.submit(2)
        fake.deliveries.paused = True  # deliveries stop (nothing arrives)
        news = rig.client._core.poller.news
        assert news.pace() == DELIVERY_SLOW_FACTOR
        async with rig.delivering(), anyio.create_task_group() as group:
            group.start_soon(rig.client.wait_for_video, short)
            group.start_soon(rig.client.wait_for_video, long)
    # The short video was found ended by a poll: no delivery had said so, so the
    # pace went back to normal and the long one was polled every 30 s or so, not
    # every 240 s (1,200 s / 240 s = 5 reads at the slowed pace).
    assert news.pace() == 1.0
    assert fake.counters.statuses_by_video[long] > 20
