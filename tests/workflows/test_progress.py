"""``on_progress``: byte progress of downloads and uploads, on both API versions.

Against the in-process fake; the fake's renders follow a ``ManualClock`` and the
client's retry pauses a ``InstantClock`` (virtual time, no real sleeps). Responses are cut into
small chunks on the way, as a socket would deliver them.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from heygen_async import (
    APIConnectionError,
    AsyncHeyGenClient,
    InternalServerError,
    InvalidRequestError,
    TransferProgress,
)
from heygen_async._constants import UPLOAD_CHUNK_SIZE
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    InstantClock,
    ManualClock,
)

RENDER = 60.0
SIZE = 100_000
CHUNK = 16_384
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2400  # 614 408 bytes: three chunks


@pytest.fixture(params=["v2", "v3"])
def api_version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class _Pieces(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream) -> None:
        self.inner = inner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for data in self.inner:
            for start in range(0, len(data), CHUNK):
                yield data[start : start + CHUNK]

    async def aclose(self) -> None:
        await self.inner.aclose()


class Media(httpx.AsyncBaseTransport):
    """Forwards to the fake; cuts media bodies into ``CHUNK``-byte pieces, and can
    drop the Range header of the next media requests (a host that ignores ranges)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.ignore_ranges = 0
        self.ranges: list[str | None] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        media = request.url.path.startswith("/_fake/videos/")
        if media:
            self.ranges.append(request.headers.get("range"))
            if self.ignore_ranges and "range" in request.headers:
                self.ignore_ranges -= 1
                del request.headers["range"]
                request.headers.pop("if-range", None)
        response = await self.inner.handle_async_request(request)
        if media:
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = _Pieces(response.stream)
        return response


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def vclock() -> InstantClock:
    return InstantClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock, render_seconds=RENDER, video_file_size=SIZE)


@pytest.fixture
def media(fake: FakeHeyGen) -> Media:
    return Media(fake.transport())


@pytest.fixture
async def client(
    fake: FakeHeyGen, media: Media, vclock: InstantClock, api_version: str
) -> AsyncIterator[AsyncHeyGenClient]:
    client = fake.client(
        api_version=api_version,
        http_client=httpx.AsyncClient(transport=media),
        max_retries=2,
        clock=vclock,
    )
    yield client
    await client.aclose()


async def finished_video(client: AsyncHeyGenClient, clock: ManualClock) -> str:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    clock.advance(RENDER + 1)
    return video.video_id


def numbers(events: list[TransferProgress]) -> list[tuple[int, int | None]]:
    return [(event.bytes_done, event.bytes_total) for event in events]


def attempts(events: list[TransferProgress]) -> list[list[int]]:
    """``bytes_done`` per run of non-decreasing values (a new one where it goes back)."""
    runs: list[list[int]] = []
    for event in events:
        if not runs or event.bytes_done < runs[-1][-1]:
            runs.append([])
        runs[-1].append(event.bytes_done)
    return runs


def check_ending(events: list[TransferProgress], total: int) -> None:
    """One ``finished`` call, the last, with everything done; none repeats the one before."""
    assert events, "no progress reported"
    assert [event.finished for event in events] == [False] * (len(events) - 1) + [True]
    last = events[-1]
    assert (last.bytes_done, last.bytes_total, last.fraction) == (total, total, 1.0)
    pairs = numbers(events[:-1])
    assert all(a != b for a, b in itertools.pairwise(pairs)), pairs


# -- downloads -----------------------------------------------------------------------------


async def test_a_download_counts_from_zero_to_the_size(
    client: AsyncHeyGenClient, clock: ManualClock, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    events: list[TransferProgress] = []
    path = await client.download_video(video_id, tmp_path, on_progress=events.append)
    assert path.stat().st_size == SIZE
    check_ending(events, SIZE)
    assert {(event.kind, event.name) for event in events} == {("download", video_id)}
    # Before the request nothing is known; the headers bring the size; then each chunk.
    assert numbers(events)[:2] == [(0, None), (0, SIZE)]
    expected = [min(SIZE, n) for n in range(CHUNK, SIZE + CHUNK, CHUNK)]
    assert [event.bytes_done for event in events[2:-1]] == expected
    assert all(event.bytes_total == SIZE for event in events[1:])


async def test_an_interrupted_download_resumes_at_the_bytes_it_has(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, media: Media, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.truncated_body(), times=1)
    events: list[TransferProgress] = []
    await client.download_video(video_id, tmp_path, on_progress=events.append)
    check_ending(events, SIZE)
    kept = int(media.ranges[1].removeprefix("bytes=").removesuffix("-"))  # type: ignore[union-attr]
    assert 0 < kept < SIZE
    # Never back to zero: the second attempt starts at what the first left on disk.
    assert len(attempts(events)) == 1
    done = [event.bytes_done for event in events]
    assert kept in done
    assert done == sorted(done)


async def test_a_retried_download_after_a_503(
    client: AsyncHeyGenClient,
    clock: ManualClock,
    fake: FakeHeyGen,
    media: Media,
    vclock: InstantClock,
    tmp_path: Path,
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.server_error(503), times=2)
    events: list[TransferProgress] = []
    await client.download_video(video_id, tmp_path, on_progress=events.append)
    assert len(media.ranges) == 3 and len(vclock.sleeps) == 2
    check_ending(events, SIZE)
    # Three attempts; the failed two moved no byte: the reports only ever grow.
    done = [event.bytes_done for event in events]
    assert done == sorted(done) and done[0] == 0


async def test_a_part_file_from_an_earlier_run_starts_the_count_at_its_size(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.truncated_body(), times=100)
    failed: list[TransferProgress] = []
    with pytest.raises(APIConnectionError, match="download failed after 5 attempts"):
        await client.download_video(video_id, tmp_path, on_progress=failed.append)
    assert failed and not any(event.finished for event in failed)  # no end for a failure
    kept = (tmp_path / f"{video_id}.mp4.part").stat().st_size
    assert 0 < kept < SIZE
    fake.faults.clear()

    events: list[TransferProgress] = []
    await client.download_video(video_id, tmp_path, on_progress=events.append)
    check_ending(events, SIZE)
    assert events[0].bytes_done == kept  # before the request: what is on disk
    assert min(event.bytes_done for event in events) == kept


async def test_a_host_that_ignores_the_range_shows_a_restart_from_zero(
    client: AsyncHeyGenClient, clock: ManualClock, fake: FakeHeyGen, media: Media, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    fake.faults.force("download", Fault.truncated_body(), times=1)
    media.ignore_ranges = 1  # the resume is answered 200 with the whole file
    events: list[TransferProgress] = []
    path = await client.download_video(video_id, tmp_path, on_progress=events.append)
    assert path.stat().st_size == SIZE
    check_ending(events, SIZE)
    runs = attempts(events)
    assert len(runs) == 2, runs
    assert 0 < runs[0][-1] < SIZE and runs[1][0] == 0


async def test_an_error_in_the_callback_stops_the_download_and_keeps_the_part(
    client: AsyncHeyGenClient, clock: ManualClock, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)

    def stop(progress: TransferProgress) -> None:
        if progress.bytes_done >= 3 * CHUNK:
            raise KeyboardInterrupt  # what Ctrl-C in a callback looks like

    with pytest.raises(KeyboardInterrupt):
        await client.download_video(video_id, tmp_path, on_progress=stop)
    assert not (tmp_path / f"{video_id}.mp4").exists()
    assert (tmp_path / f"{video_id}.mp4.part").stat().st_size == 3 * CHUNK
    events: list[TransferProgress] = []
    await client.download_video(video_id, tmp_path, on_progress=events.append)
    assert events[0].bytes_done == 3 * CHUNK
    check_ending(events, SIZE)


async def test_a_download_already_complete_on_disk_still_reports_its_end(
    client: AsyncHeyGenClient, clock: ManualClock, media: Media, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    await client.download_video(video_id, tmp_path)
    events: list[TransferProgress] = []
    await client.download_video(video_id, tmp_path, on_progress=events.append)
    check_ending(events, SIZE)


async def test_on_progress_must_be_callable(
    client: AsyncHeyGenClient, clock: ManualClock, tmp_path: Path
) -> None:
    video_id = await finished_video(client, clock)
    with pytest.raises(InvalidRequestError, match="on_progress"):
        await client.download_video(video_id, tmp_path, on_progress="print")  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="on_progress"):
        await client.upload_asset(PNG, on_progress=42)  # type: ignore[arg-type]


# -- uploads -------------------------------------------------------------------------------


def chunk_ends(total: int) -> list[int]:
    return [
        min(total, n)
        for n in range(UPLOAD_CHUNK_SIZE, total + UPLOAD_CHUNK_SIZE, UPLOAD_CHUNK_SIZE)
    ]


@pytest.mark.parametrize("form", ["bytes", "file", "path", "url"])
async def test_an_upload_counts_the_bytes_sent(
    client: AsyncHeyGenClient, fake: FakeHeyGen, tmp_path: Path, form: str
) -> None:
    events: list[TransferProgress] = []
    source = tmp_path / "portrait.png"
    source.write_bytes(PNG)
    if form == "bytes":
        asset_id = await client.upload_asset_from_bytes(PNG, on_progress=events.append)
        name = "upload.png"
    elif form == "file":
        asset_id = await client.upload_asset_from_file(source, on_progress=events.append)
        name = "portrait.png"
    elif form == "path":
        asset_id = (await client.upload_asset(str(source), on_progress=events.append)).id
        name = "portrait.png"
    else:
        asset_id = await client.upload_asset_from_url(FileHost.URL, on_progress=events.append)
        name = "portrait.png"
    assert asset_id
    check_ending(events, len(PNG))
    assert {(event.kind, event.name) for event in events} == {("upload", name)}
    assert numbers(events[:-1]) == [(0, len(PNG))] + [(n, len(PNG)) for n in chunk_ends(len(PNG))]


class FileHost(httpx.AsyncBaseTransport):
    """Answers ``URL`` with a file's bytes, everything else from the inner transport."""

    URL = "https://files.example.test/portrait.png"

    def __init__(self, inner: httpx.AsyncBaseTransport, data: bytes) -> None:
        self.inner, self.data = inner, data

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == self.URL:
            return httpx.Response(200, content=self.data, headers={"Content-Type": "image/png"})
        return await self.inner.handle_async_request(request)


@pytest.fixture(autouse=True)
def _file_host(media: Media) -> Iterator[None]:
    """The URL form's source host, in front of the fake."""
    original = media.inner
    media.inner = FileHost(original, PNG)
    yield
    media.inner = original


def retry_fault(api_version: str) -> tuple[str, Fault]:
    """A refusal of the upload's body that the SDK retries by sending it again."""
    if api_version == "v2":  # the raw POST has no key: only a 429 (not processed) is retried
        return "upload", Fault.rate_limit(1.0)
    return "storage_put", Fault.server_error(503)


async def test_a_retried_upload_counts_again_from_zero(
    client: AsyncHeyGenClient,
    fake: FakeHeyGen,
    api_version: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from heygen_async._backends.v3 import _backend

    # v3 sends a file over the threshold with a PUT of the stream itself.
    monkeypatch.setattr(_backend, "DIRECT_UPLOAD_THRESHOLD", 1024)
    source = tmp_path / "portrait.png"
    source.write_bytes(PNG)
    endpoint, fault = retry_fault(api_version)
    fake.faults.force(endpoint, fault, times=1)
    events: list[TransferProgress] = []
    await client.upload_asset_from_file(source, on_progress=events.append)
    assert fake.counters.requests[endpoint] == 2
    check_ending(events, len(PNG))
    runs = attempts(events)
    assert len(runs) == 2, runs
    assert runs[0] == [0, *chunk_ends(len(PNG))]
    assert runs[1][:-1] == [0, *chunk_ends(len(PNG))]  # and the finished call


async def test_a_small_v3_upload_is_read_once_and_finishes_after_the_answer(
    fake: FakeHeyGen, media: Media, vclock: InstantClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A multipart upload (v3, at most 32 MB) reads its body once, before the POST; a
    retried POST resends those bytes: the count does not start again."""
    monkeypatch.delenv("HEYGEN_API_VERSION")  # this folder's tests speak v2 by default
    client = fake.client(
        http_client=httpx.AsyncClient(transport=media), max_retries=2, clock=vclock
    )  # the default API version
    fake.faults.force("create_asset", Fault.server_error(503), times=1)
    events: list[TransferProgress] = []
    await client.upload_asset(PNG, on_progress=events.append)
    await client.aclose()
    assert client.api_version == "v3"
    assert fake.counters.requests["create_asset"] == 2
    check_ending(events, len(PNG))
    assert len(attempts(events)) == 1


async def test_a_failed_upload_gets_no_finished_call(
    client: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    fake.faults.force("upload", Fault.server_error(500), times=10)  # v2
    fake.faults.force("create_asset", Fault.server_error(500), times=10)  # v3
    events: list[TransferProgress] = []
    with pytest.raises(InternalServerError, match="HTTP 500"):  # v2 and v3 alike
        await client.upload_asset(PNG, on_progress=events.append)
    assert events and not any(event.finished for event in events)


# -- the sync facade -------------------------------------------------------------------------


def test_the_sync_client_passes_the_callback_through(
    fake: FakeHeyGen, clock: ManualClock, api_version: str, tmp_path: Path
) -> None:
    threads: set[int] = set()
    events: list[TransferProgress] = []

    def record(progress: TransferProgress) -> None:
        threads.add(threading.get_ident())
        events.append(progress)

    with fake.sync_client(api_version=api_version) as client:
        video = client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        clock.advance(RENDER + 1)
        client.download_video(video.video_id, tmp_path, on_progress=record)
        check_ending(events, SIZE)
        events.clear()
        client.upload_asset_from_bytes(PNG, on_progress=record)
        check_ending(events, len(PNG))
    # It ran on the facade's loop thread, not on this one.
    assert threads and threading.get_ident() not in threads
