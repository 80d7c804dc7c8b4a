"""Waits end from webhook deliveries: the fake delivers, the receiver settles."""

from __future__ import annotations

from heygen_async.workflows._settle import DELIVERY_SLOW_FACTOR

from .conftest import Rig


async def test_a_wait_ends_from_the_delivery_without_reading_the_status(rig: Rig) -> None:
    [video_id] = await rig.submit(1)
    async with rig.delivering():
        status = await rig.client.wait_for_video(video_id)
    finished = rig.fake.video(video_id).finished_at
    assert status.is_completed and status.video_url
    assert rig.receiver.accepted == 1
    print(rig.status_requests(), rig.clock.now() - 1000, finished)
