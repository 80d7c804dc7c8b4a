"""The SDK's v3 backend (its default) end to end against the fake's v3 dialect.

The fake's faults that leave work done (an error, a drop or a stall after the
video was created) must cost exactly one video when the SDK retries with its
Idempotency-Key. In-process only: the v3 dialect itself is tested over httpx
in ``test_v3_*.py``; loopback is covered by ``test_sdk_integration.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, InvalidRequestError, PollPolicy
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, Fault, ManualClock

RENDER = 100.0
QUICK_POLL = PollPolicy(
    first_delay=0.005, initial_interval=0.005, multiplier=1.0, max_interval=0.005, timeout=10
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
async def client(fake: FakeHeyGen) -> Any:
    async with fake.client(api_version="v3") as sdk:
        yield sdk


async def test_the_sdk_creates_on_v3_with_an_idempotency_key(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="c")

    record = fake.video(video.video_id)
    assert record.api_version == "v3"
    assert record.body["type"] == "avatar"
    assert fake.counters.requests["generate"] == 1
    assert fake.counters.generations_by_callback_id == {"c": 1}


@pytest.mark.parametrize(
    "fault",
    [
        Fault.server_error(500, after_processing=True),
        Fault.server_error(502, after_processing=True),
        Fault.drop_after(),
    ],
    ids=["500 after processing", "502 after processing", "drop after processing"],
)
async def test_a_retried_create_after_the_work_was_done_costs_one_video(
    client: AsyncHeyGenClient, fake: FakeHeyGen, fault: Fault
) -> None:
    fake.faults.force("generate", fault, times=1)

    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)

    assert fake.counters.videos_created == 1
    assert [v.video_id for v in fake.videos()] == [video.video_id]
    assert fake.counters.idempotent_replays == {"generate": 1}


async def test_status_statuses_and_url_through_a_render(
    client: AsyncHeyGenClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert (await client.get_video_status(video.video_id)).status == "pending"

    clock.advance(RENDER)
    statuses = await client.get_video_statuses([video.video_id])
    url = await client.get_video_url(video.video_id)

    assert [s.status for s in statuses] == ["completed"]
    assert url is not None and ".mp4?Expires=" in url
    assert fake.counters.statuses_calls >= 1


async def test_a_wait_on_v3_reads_bulk_statuses(heygen_fake: FakeHeyGen) -> None:
    async with heygen_fake.client(api_version="v3", poll=QUICK_POLL) as client:
        video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        status = await client.wait_for_video(video.video_id)

    assert status.status == "completed" and status.video_url
    assert heygen_fake.counters.statuses_by_video[video.video_id] >= 1


async def test_uploads_and_listings_on_v3(client: AsyncHeyGenClient, fake: FakeHeyGen) -> None:
    asset = await client.upload_asset(PNG, content_type="image/png")
    voices = await client.list_voices()
    avatars = await client.list_avatars()

    assert fake.counters.requests["create_asset"] == 1
    assert fake.counters.uploads == 1 and asset.id
    assert {voice.voice_id for voice in voices} >= {SAMPLE_VOICE_ID}
    assert SAMPLE_AVATAR_ID in {avatar.avatar_id for avatar in avatars}


SRT = b"1\r\n00:00:00,000 --> 00:00:01,500\r\nHello.\r\n\r\n"


async def test_an_srt_subtitle_uploads_on_v3_by_its_bytes_or_its_name(
    client: AsyncHeyGenClient, fake: FakeHeyGen, tmp_path: Path
) -> None:
    subtitles = tmp_path / "captions.srt"
    subtitles.write_bytes(SRT)

    sniffed = await client.upload_asset(SRT)
    named = await client.upload_asset(subtitles)

    assert fake.counters.uploads == 2
    for asset in (sniffed, named):
        assert asset.file_type == "application"
        assert asset.url is not None and asset.url.endswith(".srt")


async def test_v2_refuses_an_srt_before_sending_it(fake: FakeHeyGen) -> None:
    async with fake.client(api_version="v2") as v2:
        with pytest.raises(InvalidRequestError, match="content_type") as refused:
            await v2.upload_asset(SRT, content_type="application/x-subrip")

    assert "image/png" in str(refused.value)  # names the types v2 takes
    assert fake.counters.uploads == 0
