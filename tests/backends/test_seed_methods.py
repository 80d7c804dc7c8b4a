"""Every seed method against the fake HeyGen server, on both backends (v3 and v2).

One suite, parametrised by ``api_version``: what the user sees is the same; where
the versions differ (the photo id an Avatar IV video takes), the test says so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from heygen_async import AsyncHeyGenClient, InvalidRequestError, UploadedAsset, VideoFailedError
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    VirtualClock,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(300)
MP3 = b"ID3\x03" + bytes(300)


@pytest.fixture(params=["v3", "v2"])
def api_version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=3)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(seed=5, clock=clock.now, time_scale=1.0, render_seconds=(40.0, 90.0))


@pytest.fixture
async def client(
    fake: FakeHeyGen, clock: VirtualClock, api_version: str
) -> AsyncIterator[AsyncHeyGenClient]:
    async with fake.client(api_version=api_version, clock=clock) as heygen:
        yield heygen


def photo_of(asset: UploadedAsset, api_version: str) -> str:
    """What generate_avatar_iv_video's image_key takes on each version."""
    if api_version == "v3":
        return asset.id
    assert asset.image_key
    return asset.image_key


async def test_generate_wait_and_url(
    client: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    video = await client.generate_video("Hello there", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, title="T")
    assert fake.counters.videos_created == 1
    assert fake.video(video.video_id)
    assert await client.get_video_url(video.video_id) is None  # still rendering
    async with clock.running():
        done = await client.wait_for_video(video.video_id)
    assert done.is_completed
    assert done.video_url
    assert await client.get_video_url(video.video_id) == done.video_url


async def test_generate_and_wait_multi_scene(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    scenes = [
        {
            "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
            "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": f"Scene {n}"},
            "background": {"type": "color", "value": "#102030"},
        }
        for n in range(3)
    ]
    async with clock.running():
        status = await client.generate_video_and_wait(video_inputs=scenes, dimension=(1280, 720))
    assert status.is_completed


async def test_upload_then_avatar_iv(
    client: AsyncHeyGenClient, clock: VirtualClock, api_version: str
) -> None:
    asset = await client.upload_asset(PNG)
    assert asset.id
    async with clock.running():
        status = await client.generate_avatar_iv_video_and_wait(
            "Hi from a photo", photo_of(asset, api_version), SAMPLE_VOICE_ID
        )
    assert status.is_completed


@pytest.mark.parametrize("source", ["audio_asset_id", "audio_url"])
async def test_avatar_iv_from_your_own_audio_alone(
    client: AsyncHeyGenClient,
    fake: FakeHeyGen,
    clock: VirtualClock,
    api_version: str,
    source: str,
) -> None:
    photo = await client.upload_asset(PNG)
    audio = await client.upload_asset(MP3)
    given = audio.id if source == "audio_asset_id" else "https://example.com/talk/hi.mp3"
    async with clock.running():
        status = await client.generate_avatar_iv_video_and_wait(
            image_key=photo_of(photo, api_version), **{source: given}
        )
    assert status.is_completed
    body = fake.video(status.video_id).body
    assert body[source] == given
    assert "script" not in body and "voice_id" not in body


@pytest.mark.parametrize("source", ["audio_asset_id", "audio_url"])
async def test_a_script_beside_your_own_audio_is_refused_before_sending(
    client: AsyncHeyGenClient, fake: FakeHeyGen, source: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.generate_avatar_iv_video("Hi", "photo", SAMPLE_VOICE_ID, **{source: "a"})
    assert caught.value.field == "script"
    assert "script" in str(caught.value) and source in str(caught.value)
    assert fake.counters.generation_requests == 0


async def test_uploads_from_file_bytes_and_url(
    client: AsyncHeyGenClient, clock: VirtualClock, tmp_path: Path
) -> None:
    path = tmp_path / "voice.mp3"
    path.write_bytes(MP3)
    from_file = await client.upload_asset_from_file(path)
    from_bytes = await client.upload_asset_from_bytes(PNG)
    async with clock.running():
        done = await client.generate_video_and_wait("Clip", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert done.video_url
    from_url = await client.upload_asset_from_url(done.video_url, content_type="video/mp4")
    assert len({from_file, from_bytes, from_url}) == 3
    listed = {asset.id for asset in await client.list_assets(limit=1000)}
    assert {from_file, from_bytes, from_url} <= listed
    images = await client.list_assets(file_type="image", limit=1000)
    assert from_bytes in {asset.id for asset in images}
    assert all(asset.file_type == "image" for asset in images)


async def test_listings(client: AsyncHeyGenClient) -> None:
    avatars = await client.list_avatars()
    photos = await client.list_talking_photos()
    voices = await client.list_voices()
    assert SAMPLE_AVATAR_ID in {a.avatar_id for a in avatars}
    assert photos and all(p.talking_photo_id for p in photos)
    assert SAMPLE_VOICE_ID in {v.voice_id for v in voices}
    made = [
        (await client.generate_video(f"Video {n}", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id
        for n in range(3)
    ]
    listed = [video.video_id for video in await client.list_videos(limit=100)]
    assert set(made) <= set(listed)
    assert [video.video_id async for video in client.iter_videos()][: len(listed)] == listed


async def test_get_video_statuses_in_order(client: AsyncHeyGenClient) -> None:
    ids = [
        (await client.generate_video(f"V{n}", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id
        for n in range(5)
    ]
    statuses = await client.get_video_statuses([*reversed(ids)])
    assert [s.video_id for s in statuses] == [*reversed(ids)]
    assert all(not s.is_terminal for s in statuses)


async def test_a_failed_render_raises_with_the_reason(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    video = await client.generate_video("[fail:moderation] no", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    async with clock.running():
        with pytest.raises(VideoFailedError) as caught:
            await client.wait_for_video(video.video_id)
    assert caught.value.video_id == video.video_id
    assert caught.value.message


async def test_download(client: AsyncHeyGenClient, clock: VirtualClock, tmp_path: Path) -> None:
    async with clock.running():
        done = await client.generate_video_and_wait("Save me", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    path = await client.download_video(done.video_id, tmp_path)
    assert path.stat().st_size > 0
    assert not list(tmp_path.glob("*.part"))


async def test_bulk_generation(
    client: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    jobs: list[dict[str, Any]] = [
        {
            "key": f"job-{n}",
            "script": f"Bulk {n}",
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        }
        for n in range(12)
    ]
    async with clock.running():
        results = [result async for result in client.generate_many(jobs)]
    assert sorted(r.key for r in results) == sorted(j["key"] for j in jobs)
    assert all(r.ok for r in results)
    assert fake.counters.videos_created == len(jobs)


async def test_waits_share_bulk_status_reads_on_v3(clock: VirtualClock) -> None:
    # No plan cap: 40 creates outside virtual time must not meet the job limit.
    fake = FakeHeyGen(seed=5, clock=clock.now, time_scale=1.0, max_concurrent_renders=None)
    async with fake.client(api_version="v3", clock=clock) as client:
        ids = [
            (await client.generate_video(f"V{n}", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id
            for n in range(40)
        ]
        fake.reset_counters()
        async with clock.running(), anyio.create_task_group() as group:
            for video_id in ids:
                group.start_soon(client.wait_for_video, video_id)
    single_reads = sum(fake.counters.status_calls.values())
    assert single_reads == len(ids)  # one read of each completed video, for its URLs
    checks = sum(fake.counters.statuses_ids_per_call)  # what per-video polling would send
    assert checks > len(ids)
    assert fake.counters.statuses_calls * 3 < checks
