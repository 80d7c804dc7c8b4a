"""Waits end from webhook deliveries: the fake delivers, the client's receiver settles.

Everything runs on virtual time; the receiver is reached in-process
(httpx.ASGITransport; the uvicorn variant is in test_receiver_uvicorn.py).
"""

from __future__ import annotations

import anyio
import pytest

from heygen_async import VideoFailedError
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

from .conftest import Rig


async def test_a_wait_ends_when_the_delivery_arrives_without_a_status_read(rig: Rig) -> None:
    [video_id] = await rig.submit(1)
    async with rig.delivering():
        status = await rig.client.wait_for_video(video_id)
        ended = rig.clock.now()
    assert status.is_completed and status.video_url and "/_fake/videos/" in status.video_url
    assert ended == pytest.approx(1000.0 + rig.fake.video(video_id).finished_at)
    assert rig.fake.counters.status_calls[video_id] == 0  # the URL came with the delivery
    assert rig.receiver.accepted == 1


async def test_single_waits_and_wait_for_videos_all_end_at_their_delivery(rig: Rig) -> None:
    singles = await rig.submit(20)
    many = await rig.submit(20)
    ended: dict[str, float] = {}

    async def wait_one(video_id: str) -> None:
        await rig.client.wait_for_video(video_id)
        ended[video_id] = rig.clock.now()

    async with rig.delivering(), anyio.create_task_group() as group:
        for video_id in singles:
            group.start_soon(wait_one, video_id)
        async for result in rig.client.wait_for_videos(many):
            assert result.ok and result.status is not None and result.status.video_url
            ended[result.video_id] = rig.clock.now()

    for video_id in singles + many:
        assert ended[video_id] == pytest.approx(1000.0 + rig.fake.video(video_id).finished_at)
    # No URL reads at all, and slowed bulk reads shared by the videos: under one
    # request per video (polling alone makes one URL read per video on top).
    assert sum(rig.fake.counters.status_calls.values()) == 0
    assert rig.status_requests() < 40


async def test_a_failure_delivery_raises_video_failed_error_with_its_reason(rig: Rig) -> None:
    [video_id] = await rig.submit(1, title="[fail:moderation]")
    async with rig.delivering():
        with pytest.raises(VideoFailedError) as caught:
            await rig.client.wait_for_video(video_id)
    assert caught.value.video_id == video_id and caught.value.message
    assert rig.fake.counters.status_calls[video_id] == 0


async def test_generate_and_wait_and_generate_many_end_from_deliveries(rig: Rig) -> None:
    async with rig.delivering():
        status = await rig.client.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        jobs = [
            {"script": f"Hi {n}", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}
            for n in range(5)
        ]
        results = [result async for result in rig.client.generate_many(jobs)]
    assert status.video_url and all(result.ok for result in results)
    assert sum(rig.fake.counters.status_calls.values()) == 0


async def test_a_delivery_before_the_wait_began_ends_it_at_once(rig: Rig) -> None:
    [video_id] = await rig.submit(1)
    async with rig.delivering():
        await rig.clock.sleep(rig.fake.video(video_id).finished_at + 1)
        assert rig.receiver.accepted == 1
        before = rig.status_requests()
        status = await rig.client.wait_for_video(video_id)
        [result] = [r async for r in rig.client.wait_for_videos([video_id])]
    assert status.video_url and result.ok
    assert rig.status_requests() == before


async def test_repeated_deliveries_change_nothing(rig: Rig) -> None:
    rig.fake.deliveries.duplicate = 1.0  # every delivery sent twice
    ids = await rig.submit(5)
    async with rig.delivering():
        results = [r async for r in rig.client.wait_for_videos(ids)]
    assert all(result.ok for result in results)
    assert rig.receiver.accepted == 5 and rig.receiver.duplicates == 5
    assert rig.fake.deliveries.summary()["duplicates"] == 5
