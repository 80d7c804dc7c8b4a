"""``download_video``: expired URLs, interrupted transfers, size checks, safe paths."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from heygen_async import (
    APIResponseError,
    AsyncHeyGenClient,
    HeyGenError,
    InvalidRequestError,
    VideoFailedError,
)
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    InstantClock,
    ManualClock,
)

RENDER = 60.0
TTL = 600.0


class Spy(httpx.AsyncBaseTransport):
    """Forwards to the fake; records media requests and can act just before one."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.media: list[httpx.Request] = []
        self.before_media: list[object] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/_fake/videos/"):
            self.media.append(request)
            if self.before_media:
                action = self.before_media.pop(0)
                assert callable(action)
                action()
        return await self.inner.handle_async_request(request)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock, render_seconds=RENDER, url_ttl=TTL)


@pytest.fixture
def spy(fake: FakeHeyGen) -> Spy:
    return Spy(fake.transport())


@pytest.fixture
async def client(fake: FakeHeyGen, spy: Spy) -> AsyncHeyGenClient:
    # An instant clock: backoff between attempts costs no real time.
    return fake.client(
        http_client=httpx.AsyncClient(transport=spy), max_retries=0, clock=InstantClock()
    )


async def finished_video(client: AsyncHeyGenClient, clock: ManualClock, script: str = "Hi") -> str:
    video = await client.generate_video(script, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    clock.advance(RENDER + 1)
    return video.video_id


async def test_downloads_into_a_directory(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    path = await client.download_video(video_id, tmp_path / "videos")
    assert path == tmp_path / "videos" / f"{video_id}.mp4"
    assert path.stat().st_size == fake.video_file_size
    assert list(path.parent.iterdir()) == [path]  # no .part left behind
    assert all("x-api-key" not in request.headers for request in spy.media)


async def test_downloads_to_a_file_name(
    client: AsyncHeyGenClient, clock: ManualClock, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    path = await client.download_video(video_id, tmp_path / "intro.mp4")
    assert path == tmp_path / "intro.mp4" and path.is_file()


async def test_expired_url_is_renewed(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    # The link expires between the status call and the download.
    spy.before_media.append(lambda: clock.advance(TTL + 10))
    path = await client.download_video(video_id, tmp_path)
    assert path.stat().st_size == fake.video_file_size
    assert fake.counters.status_calls[video_id] == 2  # one more status call for a fresh link
    assert spy.media[0].url.params["Expires"] != spy.media[1].url.params["Expires"]


async def test_interrupted_transfer_resumes_with_a_range(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.truncated_body(), times=1)
    path = await client.download_video(video_id, tmp_path)
    assert path.read_bytes() == await full_bytes(fake, video_id)
    half = fake.video_file_size // 2
    assert "range" not in spy.media[0].headers
    assert spy.media[1].headers["range"] == f"bytes={half}-"


async def test_short_body_is_detected_and_completed(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    # In-process a wrong Content-Length ends the body cleanly: only the size check sees it.
    fake.faults.force("download", Fault.wrong_length(), times=2)
    path = await client.download_video(video_id, tmp_path)
    assert path.read_bytes() == await full_bytes(fake, video_id)
    assert len(spy.media) == 3


async def test_persistent_size_mismatch_raises(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.wrong_length(), times=50)
    with pytest.raises(APIResponseError, match="size mismatch"):
        await client.download_video(video_id, tmp_path)
    assert not (tmp_path / f"{video_id}.mp4").exists()  # never a half video under the name


async def test_resumes_a_part_file_from_an_earlier_run(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    """An earlier run cut off mid-transfer left ``.part`` and its ``.part.meta``
    (which video, what size): the next download resumes with a range."""
    video_id = await finished_video(client, clock)
    full = await full_bytes(fake, video_id)
    fake.faults.force("download", Fault.truncated_body(), times=100)
    with pytest.raises(HeyGenError):
        await client.download_video(video_id, tmp_path)
    kept = (tmp_path / f"{video_id}.mp4.part").stat().st_size
    assert 0 < kept < len(full)
    fake.faults.clear()
    path = await client.download_video(video_id, tmp_path)
    assert path.read_bytes() == full
    assert spy.media[-1].headers["range"] == f"bytes={kept}-"


async def test_a_bare_part_file_is_not_spliced_in(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, spy: Spy, tmp_path: Path
) -> None:
    """A ``.part`` with no record of which video it holds starts over from zero."""
    video_id = await finished_video(client, clock)
    full = await full_bytes(fake, video_id)
    (tmp_path / f"{video_id}.mp4.part").write_bytes(b"x" * 1000)
    path = await client.download_video(video_id, tmp_path)
    assert path.read_bytes() == full
    assert "range" not in spy.media[-1].headers


async def test_unfinished_and_failed_videos(
    client: AsyncHeyGenClient, clock: ManualClock, tmp_path: Path
) -> None:
    rendering = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    with pytest.raises(InvalidRequestError, match="not finished"):
        await client.download_video(rendering.video_id, tmp_path)
    failed = await finished_video(client, clock, script="Hi [fail]")
    with pytest.raises(VideoFailedError):
        await client.download_video(failed, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("video_id", ["../evil", "a/b", "..", "a\\b", "x\x00y", " "])
async def test_refuses_ids_that_escape_the_directory(
    client: AsyncHeyGenClient, tmp_path: Path, video_id: str
) -> None:
    with pytest.raises(InvalidRequestError):
        await client.download_video(video_id, tmp_path)


async def full_bytes(fake: FakeHeyGen, video_id: str) -> bytes:
    """The video's bytes, fetched directly from the fake."""
    async with fake.client() as other:
        status = await other.get_video_status(video_id)
        assert status.video_url is not None
        async with fake.http_client() as http:
            return (await http.get(status.video_url)).content
