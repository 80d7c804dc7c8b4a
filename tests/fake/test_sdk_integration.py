"""The SDK on the legacy v1/v2 API end to end against the fake HeyGen: in-process
and over loopback HTTP (``test_sdk_on_v3.py`` has the v3 side).

Every test runs twice: through ``FakeHeyGen.transport()`` (no sockets) and
through uvicorn on 127.0.0.1 (marked ``loopback``). The fake checks the wire
format the SDK sends; the SDK checks the fake's answers. The clients are pinned
to ``api_version="v2"``, the wire these tests check.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from heygen_async import (
    APIConnectionError,
    APIStatusError,
    AsyncHeyGenClient,
    AuthenticationError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PollPolicy,
    VideoFailedError,
)
from heygen_async.testing import (
    SAMPLE_AUDIO_ASSET_ID,
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_KEY,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    LoopbackServer,
    ManualClock,
    serve_loopback,
)

RENDER = 100.0  # the conftest fake's render time, fake seconds
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
# Polls every few milliseconds: with a fast fake clock a wait takes a blink.
QUICK_POLL = PollPolicy(
    first_delay=0.005, initial_interval=0.005, multiplier=1.0, max_interval=0.005, timeout=10
)


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[LoopbackServer]:
    # One uvicorn for the module; every test swaps in its own fake.
    with serve_loopback(FakeHeyGen()) as server:
        yield server


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
def connect(request: pytest.FixtureRequest) -> Any:
    """``connect(fake, **client_kwargs)``: an AsyncHeyGenClient on ``fake`` in this mode."""

    def _connect(fake: FakeHeyGen, **kwargs: Any) -> AsyncHeyGenClient:
        kwargs.setdefault("api_version", "v2")
        if request.param == "in_process":
            return fake.client(**kwargs)
        server: LoopbackServer = request.getfixturevalue("loopback_server")
        server.fake = fake
        return server.client(**kwargs)

    _connect.mode = request.param  # type: ignore[attr-defined]
    return _connect


@pytest.fixture
async def client(connect: Any, fake: FakeHeyGen) -> AsyncIterator[AsyncHeyGenClient]:
    async with connect(fake) as sdk:
        yield sdk


async def test_generate_video_sends_heygen_wire_format(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    video = await client.generate_video(
        "Hello from the SDK.",
        SAMPLE_AVATAR_ID,
        SAMPLE_VOICE_ID,
        title="demo",
        callback_id="order-1",
        dimension=(1280, 720),
        speed=1.1,
        pitch=5,
        background="#FAFAFA",
    )

    assert len(video.video_id) == 32
    sent = fake.video(video.video_id).body
    scene = sent["video_inputs"][0]
    assert scene["character"]["avatar_id"] == SAMPLE_AVATAR_ID
    assert scene["voice"]["voice_id"] == SAMPLE_VOICE_ID
    assert scene["voice"]["input_text"] == "Hello from the SDK."
    assert sent["dimension"] == {"width": 1280, "height": 720}
    assert sent["title"] == "demo" and sent["callback_id"] == "order-1"
    assert fake.counters.generations_by_callback_id == {"order-1": 1}


async def test_generate_video_with_several_scenes(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    video = await client.generate_video(
        video_inputs=[
            {
                "character": {"type": "talking_photo", "talking_photo_id": SAMPLE_TALKING_PHOTO_ID},
                "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "One."},
            },
            {"voice": {"type": "silence", "duration": 2.0}},
            {
                "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
                "voice": {"type": "audio", "audio_asset_id": SAMPLE_AUDIO_ASSET_ID},
                "background": {"type": "color", "value": "#000000"},
            },
        ],
    )

    scenes = fake.video(video.video_id).body["video_inputs"]
    assert [s["voice"]["type"] for s in scenes] == ["text", "silence", "audio"]


@pytest.mark.parametrize(
    ("avatar_id", "voice_id", "code"),
    [("nobody", SAMPLE_VOICE_ID, 400144), (SAMPLE_AVATAR_ID, "no-such-voice", 400116)],
)
async def test_what_the_fake_rejects_is_an_api_error_with_heygens_code(
    client: AsyncHeyGenClient, fake: FakeHeyGen, avatar_id: str, voice_id: str, code: int
) -> None:
    # HTTP 400 with a not-found code: the SDK may classify it by the code.
    with pytest.raises(APIStatusError) as caught:
        await client.generate_video("Hi", avatar_id, voice_id)

    assert caught.value.status_code == 400
    assert caught.value.code == code
    assert fake.counters.generation_requests == 1  # rejected, never retried
    assert fake.counters.videos_created == 0


async def test_status_and_url_through_a_render(
    client: AsyncHeyGenClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="c")

    pending = await client.get_video_status(video.video_id)
    assert pending.video_id == video.video_id
    assert pending.status == "pending" and pending.callback_id == "c"
    assert await client.get_video_url(video.video_id) is None

    clock.advance(RENDER)
    done = await client.get_video_status(video.video_id)
    url = await client.get_video_url(video.video_id)

    assert done.status == "completed" and done.video_url
    assert url is not None and f"/_fake/videos/{video.video_id}.mp4" in url
    assert fake.counters.status_calls[video.video_id] == 4


async def test_a_failed_render_raises_with_heygens_reason(
    client: AsyncHeyGenClient, clock: ManualClock
) -> None:
    video = await client.generate_video(
        "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="job [fail:credit]"
    )
    clock.advance(RENDER)

    status = await client.get_video_status(video.video_id)
    with pytest.raises(VideoFailedError) as caught:
        await client.get_video_url(video.video_id)

    assert status.status == "failed"
    assert caught.value.code == "MOVIO_PAYMENT_INSUFFICIENT_CREDIT"
    assert caught.value.video_id == video.video_id


async def test_an_invalid_dimension_never_reaches_the_fake(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    # The SDK validates first; the same body sent raw gets the fake's 400.
    with pytest.raises(ValueError, match="dimension"):
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, dimension=(1281, 720))

    assert fake.counters.requests["generate"] == 0


async def test_an_empty_upload_is_refused(client: AsyncHeyGenClient, fake: FakeHeyGen) -> None:
    with pytest.raises(InvalidRequestError, match="data: is empty") as caught:
        await client.upload_asset_from_bytes(b"", "image/png")
    assert caught.value.field == "data"
    assert sum(fake.counters.requests.values()) == 0  # refused before sending


async def test_an_unknown_video_is_not_found(client: AsyncHeyGenClient) -> None:
    with pytest.raises(NotFoundError):
        await client.get_video_status("0" * 32)


async def test_catalogue_lists(client: AsyncHeyGenClient) -> None:
    avatars = await client.list_avatars()
    photos = await client.list_talking_photos()
    voices = await client.list_voices()

    assert SAMPLE_AVATAR_ID in [a.avatar_id for a in avatars]
    assert SAMPLE_TALKING_PHOTO_ID in [p.talking_photo_id for p in photos]
    assert SAMPLE_VOICE_ID in [v.voice_id for v in voices]


async def test_uploads_then_avatar_iv_from_the_image_key(
    client: AsyncHeyGenClient, fake: FakeHeyGen, tmp_path: Path
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)

    png_id = await client.upload_asset_from_bytes(PNG)  # type sniffed from the bytes
    jpg_id = await client.upload_asset_from_file(photo)
    asset = await client.upload_asset(photo)
    video = await client.generate_avatar_iv_video(
        "Hello from a photo.", asset.image_key, SAMPLE_VOICE_ID, video_orientation="portrait"
    )

    assert fake.counters.uploads == 3
    assert len({png_id, jpg_id, asset.id}) == 3
    assert asset.file_type == "image" and asset.image_key
    sent = fake.video(video.video_id).body
    assert sent["image_key"] == asset.image_key and sent["script"] == "Hello from a photo."


async def test_avatar_iv_with_a_catalogue_image_key(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    video = await client.generate_avatar_iv_video("Hi", SAMPLE_IMAGE_KEY, SAMPLE_VOICE_ID)

    assert fake.video(video.video_id).kind == "avatar_iv"


async def test_list_assets_filters_and_pages(client: AsyncHeyGenClient) -> None:
    for _ in range(3):
        await client.upload_asset_from_bytes(PNG, "image/png")

    images = await client.list_assets(file_type="image")
    first_two = await client.list_assets(limit=2)

    assert len(images) == 4  # three uploads + the catalogue's sample image
    assert {a.file_type for a in images} == {"image"}
    assert len(first_two) == 2


async def test_list_videos_finds_videos_by_callback_id(client: AsyncHeyGenClient) -> None:
    for n in range(3):
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id=f"job-{n}")

    videos = await client.list_videos()

    assert [v.callback_id for v in videos] == ["job-2", "job-1", "job-0"]


async def test_a_wrong_key_is_an_authentication_error(connect: Any) -> None:
    fake = FakeHeyGen(api_keys={"right-key"})
    async with connect(fake, api_key="wrong-key") as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.list_voices()

    assert caught.value.status_code == 401


async def test_wait_and_download(connect: Any, tmp_path: Path) -> None:
    # Real time, scaled: a one-minute render takes 10 ms.
    fake = FakeHeyGen(render_seconds=60, time_scale=6000)
    async with connect(fake, poll=QUICK_POLL) as client:
        video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        done = await client.wait_for_video(video.video_id)
        path = await client.download_video(video.video_id, tmp_path)

    assert done.status == "completed"
    assert path.read_bytes()[4:8] == b"ftyp"
    assert path.stat().st_size == fake.video_file_size


async def test_download_resumes_after_a_truncated_transfer(connect: Any, tmp_path: Path) -> None:
    fake = FakeHeyGen(render_seconds=60, time_scale=6000)
    async with connect(fake, poll=QUICK_POLL) as client:
        video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        await client.wait_for_video(video.video_id)
        fake.faults.force("download", Fault.truncated_body())
        path = await client.download_video(video.video_id, tmp_path)

    assert path.stat().st_size == fake.video_file_size
    assert fake.counters.faults[("download", "truncated_body")] == 1


async def test_a_billed_post_is_not_retried_after_the_server_got_it(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.drop_after())

    with pytest.raises(APIConnectionError) as caught:
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="once")

    assert caught.value.may_have_been_processed
    assert fake.counters.generations_by_callback_id == {"once": 1}  # created once, not twice


async def test_a_5xx_on_a_billed_post_raises_instead_of_retrying(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.server_error(502), times=3)

    with pytest.raises(InternalServerError):
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)

    assert fake.counters.faults[("generate", "server_error")] == 1  # one attempt only


async def test_status_reads_retry_through_server_errors(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    fake.faults.force("status", Fault.server_error(503))

    started = time.monotonic()
    status = await client.get_video_status(video.video_id)

    assert status.video_id == video.video_id
    assert fake.counters.faults[("status", "server_error")] == 1
    assert time.monotonic() - started < 5


async def test_drop_before_on_a_billed_post_is_retried_in_process(
    fake: FakeHeyGen,
) -> None:
    # In-process a drop before sending is a ConnectError: HeyGen provably never
    # got the request, so the SDK may retry the billed POST.
    fake.faults.force("generate", Fault.drop_before())
    async with fake.client(api_version="v2") as client:
        video = await client.generate_video(
            "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="x"
        )

    assert fake.counters.generations_by_callback_id == {"x": 1}
    assert fake.video(video.video_id).callback_id == "x"
    assert fake.counters.faults[("generate", "drop_before")] == 1


async def test_html_error_pages_become_typed_errors(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    fake.faults.force("voices", Fault.html_error(404))

    with pytest.raises(NotFoundError):
        await client.list_voices()


async def test_the_fixture_client_polls_on_the_fakes_time_scale(heygen_fake: FakeHeyGen) -> None:
    async with heygen_fake.client() as client:
        assert client.poll.first_delay == pytest.approx(PollPolicy().first_delay / 1000)
        started = time.monotonic()
        video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        status = await client.wait_for_video(video.video_id)

    assert status.status == "completed"
    assert time.monotonic() - started < 2  # a 30 s..2 min render, 1000x faster
    # About as many checks per render as against HeyGen (not one per millisecond).
    assert heygen_fake.counters.status_calls[video.video_id] < 30


async def test_video_urls_download_with_plain_httpx(
    client: AsyncHeyGenClient, connect: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    clock.advance(RENDER)
    url = await client.get_video_url(video.video_id)
    assert url is not None

    async with fake.http_client() if connect.mode == "in_process" else httpx.AsyncClient() as http:
        response = await http.get(url)

    assert response.status_code == 200 and response.content[4:8] == b"ftyp"


def test_the_sync_facade_on_the_fake(heygen_fake: FakeHeyGen) -> None:
    with heygen_fake.sync_client() as client:
        video = client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="sync")
        status = client.wait_for_video(video.video_id)

    assert status.status == "completed"
    assert heygen_fake.counters.generations_by_callback_id == {"sync": 1}
