"""Every job kind waitable through the one poller (issue 21 item 3), on the fake.

``wait`` and ``wait_many`` of videos (template and video agent videos included),
video translations, lipsyncs, video agent sessions, AI clips, background removals
and assets: success, failure (``JobFailedError`` with the kind and the id), the
deadline (``WaitTimeoutError.job_id``), completion order, the bulk ``statuses``
reads shared by the waits due together, by-id reads for a kind without one, and
the sync facade. Time is virtual: the client's sleeps move the fake's clock.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    HeyGenError,
    InvalidRequestError,
    JobFailedError,
    NotFoundError,
    PollPolicy,
    VideoFailedError,
    WaitResult,
    WaitTimeoutError,
)
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_TEMPLATE_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    InstantClock,
    VirtualClock,
)

VIDEO_URL = "https://example.com/talk.mp4"
AUDIO_URL = "https://example.com/voice.mp3"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
RENDER_SECONDS = 240.0


class Requests:
    """Every request the client sent, as ``METHOD path`` (an httpx event hook)."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.bulk_ids: list[int] = []  # how many ids each bulk statuses read named

    async def __call__(self, request: httpx.Request) -> None:
        self.sent.append(f"{request.method} {request.url.path}")
        if request.url.path.endswith("/statuses"):
            ids = next(iter(request.url.params.values()), "")
            self.bulk_ids.append(len(ids.split(",")))

    def matching(self, pattern: str) -> list[str]:
        return [line for line in self.sent if re.fullmatch(pattern, line)]


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=7)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=RENDER_SECONDS,
        max_concurrent_renders=None,
        seed=3,
    )


@pytest.fixture
def requests() -> Requests:
    return Requests()


@pytest.fixture
async def client(
    fake: FakeHeyGen, clock: VirtualClock, requests: Requests
) -> AsyncIterator[AsyncHeyGenClient]:
    http = fake.http_client()
    http.event_hooks["request"].append(requests)
    client = fake.client(api_version="v3", max_retries=0, http_client=http, clock=clock)
    async with client:
        yield client
    await http.aclose()


# -- each kind: how to make a job of it (``fail``: one that fails), and its resource -----


@dataclass(frozen=True)
class Kind:
    name: str
    resource: str
    make: Callable[[AsyncHeyGenClient, bool], Awaitable[str]]
    finished: Callable[[Any], bool]
    """What a successful wait's object must show (the URLs of a final read)."""


async def _video(client: AsyncHeyGenClient, fail: bool) -> str:
    script = "Hello [fail]" if fail else "Hello"
    created = await client.videos.create(
        "avatar", avatar_id=SAMPLE_AVATAR_ID, script=script, voice_id=SAMPLE_VOICE_ID
    )
    return created.video_id


async def _template_video(client: AsyncHeyGenClient, fail: bool) -> str:
    variables = {"name": {"name": "name", "type": "text", "properties": {"content": "Ada"}}}
    title = "Welcome [fail]" if fail else "Welcome"
    video = await client.templates.generate(SAMPLE_TEMPLATE_ID, variables, title=title)
    return video.video_id


async def _translation(client: AsyncHeyGenClient, fail: bool) -> str:
    created = await client.video_translations.create(
        VIDEO_URL, ["French"], title="Talk [fail]" if fail else "Talk"
    )
    return created.video_translation_ids[0]


async def _lipsync(client: AsyncHeyGenClient, fail: bool) -> str:
    created = await client.lipsyncs.create(
        VIDEO_URL, AUDIO_URL, title="Sync [fail]" if fail else "Sync"
    )
    return created.lipsync_id


async def _clip(client: AsyncHeyGenClient, fail: bool) -> str:
    job = await client.ai_clips.create(VIDEO_URL, title="Clips [fail]" if fail else "Clips")
    return job.id


async def _removal(client: AsyncHeyGenClient, fail: bool) -> str:
    job = await client.background_removals.create(VIDEO_URL, title="Cut [fail]" if fail else "Cut")
    return job.id


KINDS = [
    Kind("video", "videos", _video, lambda video: video.video_url is not None),
    Kind("video", "videos", _template_video, lambda video: video.video_url is not None),
    Kind("video_translation", "video_translations", _translation, lambda t: bool(t.video_url)),
    Kind("lipsync", "lipsyncs", _lipsync, lambda lipsync: bool(lipsync.video_url)),
    Kind("ai_clip", "ai_clips", _clip, lambda job: bool(job.clips) and job.clips[0].video_url),
    Kind("background_removal", "background_removals", _removal, lambda job: bool(job.layers)),
]
IDS = ["video", "template_video", "video_translation", "lipsync", "ai_clip", "background_removal"]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_a_wait_returns_the_finished_job_read_with_its_urls(
    kind: Kind, client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    job_id = await kind.make(client, False)
    start = clock.now()
    async with clock.running():
        finished = await getattr(client, kind.resource).wait(job_id)
    assert finished.is_completed and kind.finished(finished)
    assert start + RENDER_SECONDS <= clock.now() < start + 2 * RENDER_SECONDS


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_a_failed_job_raises_job_failed_error_with_its_kind_and_id(
    kind: Kind, client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    job_id = await kind.make(client, True)
    async with clock.running():
        with pytest.raises(JobFailedError) as failed:
            await getattr(client, kind.resource).wait(job_id)
    error = failed.value
    assert (error.kind, error.job_id) == (kind.name, job_id)
    assert error.message and "too long" in error.message  # HeyGen's reason, kept
    assert error.status is not None and error.status.is_failed
    assert isinstance(error, VideoFailedError) == (kind.name == "video")
    assert f"{kind.name.replace('_', ' ')} {job_id} failed" in str(error)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_the_deadline_raises_wait_timeout_error_with_the_job_id(
    kind: Kind, client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    job_id = await kind.make(client, False)
    start = clock.now()
    async with clock.running():
        with pytest.raises(WaitTimeoutError) as timed_out:
            await getattr(client, kind.resource).wait(job_id, timeout=60)
    error = timed_out.value
    assert (error.job_id, error.kind) == (job_id, kind.name)
    assert error.video_id == (job_id if kind.name == "video" else None)
    assert error.last_status is not None and not error.last_status.is_completed
    assert clock.now() == pytest.approx(start + 60)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_an_unknown_id_raises_not_found(
    kind: Kind, client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    async with clock.running():
        with pytest.raises(NotFoundError):
            await getattr(client, kind.resource).wait("no-such-job")


# -- video agent sessions: until the session names its video ------------------------------


async def test_a_session_wait_ends_when_it_has_its_video_which_videos_wait_follows(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    session = await client.video_agents.create("A 30 second demo of our app")
    async with clock.running():
        waited = await client.video_agents.wait(session.session_id)
        assert waited.session_id == session.session_id and waited.has_video
        assert waited.video_id is not None
        video = await client.videos.wait(waited.video_id)
    assert video.is_completed and video.video_url


async def test_a_failed_session_raises_job_failed_error_even_with_a_video_id(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    session = await client.video_agents.create("A demo [fail]")
    clock.advance(2 * RENDER_SECONDS)  # its video has failed by now
    async with clock.running():
        with pytest.raises(JobFailedError) as failed:
            await client.video_agents.wait(session.session_id)
    assert (failed.value.kind, failed.value.job_id) == ("video_agent", session.session_id)
    assert failed.value.status.status == "failed"


async def test_a_session_is_waited_for_until_it_names_a_video(
    client: AsyncHeyGenClient,
) -> None:
    """HeyGen may name the video later than the fake does: until then the session runs."""
    from heygen_async.jobs._kinds import Progress
    from heygen_async.resources.video_agents import VideoAgentKind, VideoAgentSession

    kind = VideoAgentKind(client.video_agents)
    thinking = VideoAgentSession(session_id="s", status="thinking")
    assert kind.progress(thinking) is Progress.RUNNING
    named = VideoAgentSession(session_id="s", status="thinking", video_id="v")
    assert kind.progress(named) is Progress.COMPLETED
    empty = VideoAgentSession(session_id="s", status="completed")
    assert kind.progress(empty) is Progress.FAILED
    assert "without a video" in str(kind.failure(empty))


# -- assets still processing ---------------------------------------------------------------


async def test_an_asset_wait_follows_a_direct_upload_until_it_is_processed(
    client: AsyncHeyGenClient, clock: VirtualClock, requests: Requests, fake: FakeHeyGen
) -> None:
    slot = await client.assets.direct_upload("logo.png", "image/png", len(PNG))
    requests.sent.clear()
    ended: list[float] = []

    async def waiter() -> None:
        status = await client.assets.wait(slot.asset_id)
        assert status.asset_id == slot.asset_id and status.is_completed
        ended.append(clock.now())

    async def upload_later() -> None:
        await clock.sleep(100)
        assert slot.upload_url is not None
        async with httpx.AsyncClient(transport=fake.transport()) as storage:
            put = await storage.put(slot.upload_url, content=PNG, headers=slot.upload_headers)
            put.raise_for_status()
        await client.assets.complete(slot.asset_id)

    async with clock.running(), anyio.create_task_group() as tasks:
        tasks.start_soon(waiter)
        tasks.start_soon(upload_later)
    assert ended and ended[0] >= 1100
    # Read through the bulk read alone (assets.get has no status).
    reads = requests.matching(r"GET /v3/assets/.*")
    assert reads and all(line == "GET /v3/assets/statuses" for line in reads)


async def test_an_asset_that_fails_processing_raises_job_failed_error(
    client: AsyncHeyGenClient, clock: VirtualClock, tmp_path: Path
) -> None:
    path = tmp_path / "logo [fail].png"
    path.write_bytes(PNG)
    asset = await client.assets.upload(path)
    async with clock.running():
        with pytest.raises(JobFailedError) as failed:
            await client.assets.wait(asset.id)
    assert (failed.value.kind, failed.value.job_id) == ("asset", asset.id)
    assert (failed.value.code, failed.value.message) == (
        "asset_failed",
        "The asset could not be processed",
    )


async def test_an_asset_wait_times_out_and_an_unknown_asset_is_not_found(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    slot = await client.assets.direct_upload("logo.png", "image/png", len(PNG))
    async with clock.running():
        with pytest.raises(WaitTimeoutError) as timed_out:
            await client.assets.wait(slot.asset_id, timeout=30)
        assert (timed_out.value.job_id, timed_out.value.kind) == (slot.asset_id, "asset")
        with pytest.raises(NotFoundError):
            await client.assets.wait("no-such-asset")


# -- wait_many: completion order; shared bulk reads; by-id reads ---------------------------


async def test_wait_many_yields_each_job_as_it_ends_in_completion_order(
    clock: VirtualClock, requests: Requests
) -> None:
    seconds = iter([900.0, 100.0, 500.0, 300.0])
    fake = FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=lambda rng: next(seconds),
        max_concurrent_renders=None,
        seed=3,
    )
    async with fake.client(api_version="v3", max_retries=0, clock=clock) as client:
        ids = [
            (
                await client.video_translations.create(VIDEO_URL, ["French"], title=title)
            ).video_translation_ids[0]
            for title in ("slow", "fast", "broken [fail]", "middle")
        ]
        async with clock.running():
            results = [
                (clock.now(), result) async for result in client.video_translations.wait_many(ids)
            ]
    assert [result.job_id for _, result in results] == [ids[1], ids[3], ids[2], ids[0]]
    assert all(isinstance(result, WaitResult) for _, result in results)
    assert [result.ok for _, result in results] == [True, True, False, True]
    broken = results[2][1]
    assert isinstance(broken.error, JobFailedError) and broken.error.job_id == ids[2]
    assert broken.kind == "video_translation" and broken.status is not None
    assert results[0][1].status is not None and results[0][1].status.video_url
    times = [when for when, _ in results]
    assert times == sorted(times) and times[0] < times[-1]


async def test_thirty_translation_waits_share_bulk_reads(
    client: AsyncHeyGenClient, clock: VirtualClock, requests: Requests
) -> None:
    ids: list[str] = []
    for batch in range(10):
        created = await client.video_translations.create(
            VIDEO_URL, ["French", "German", "Italian"], title=f"Talk {batch}"
        )
        ids += created.video_translation_ids
    assert len(ids) == 30
    requests.sent.clear()
    finished: list[Any] = []

    async def wait(job_id: str) -> None:
        finished.append(await client.video_translations.wait(job_id))

    async with clock.running(), anyio.create_task_group() as tasks:
        for job_id in ids:
            tasks.start_soon(wait, job_id)

    assert sorted(job.id for job in finished) == sorted(ids)
    reads = requests.matching(r"GET /v3/video-translations(/.*)?")
    assert reads == requests.sent  # status reads only
    bulk = requests.matching(r"GET /v3/video-translations/statuses")
    singles = [line for line in reads if line not in bulk]
    # The jobs that finished together are read in full from one listing page (their
    # URLs), not one by one.
    assert singles == ["GET /v3/video-translations"]
    assert all(job.video_url for job in finished)
    assert requests.bulk_ids == [30] * len(bulk)  # the waits stay in step: one read a tick
    assert len(reads) <= 1.5 * len(ids), (len(bulk), len(singles))


async def test_a_kind_without_bulk_read_is_polled_by_id(
    client: AsyncHeyGenClient, clock: VirtualClock, requests: Requests
) -> None:
    ids = [await _clip(client, False) for _ in range(3)]
    requests.sent.clear()
    async with clock.running():
        results = [result async for result in client.ai_clips.wait_many(ids)]
    assert sorted(result.job_id for result in results) == sorted(ids)
    assert all(result.ok and result.kind == "ai_clip" for result in results)
    assert requests.sent and all(
        re.fullmatch(r"GET /v3/ai-clipping/[0-9a-f]+", line) for line in requests.sent
    )
    per_job = {job_id: requests.sent.count(f"GET /v3/ai-clipping/{job_id}") for job_id in ids}
    assert all(count >= 2 for count in per_job.values())  # checked, then seen finished


async def test_waits_of_every_kind_share_the_clients_one_poller(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    translation, clip = await _translation(client, False), await _clip(client, False)
    seen: list[str] = []

    async def wait(resource: str, job_id: str) -> None:
        await getattr(client, resource).wait(job_id)
        seen.append(resource)

    poller = client._core.poller
    async with clock.running(), anyio.create_task_group() as tasks:
        tasks.start_soon(wait, "video_translations", translation)
        tasks.start_soon(wait, "ai_clips", clip)
        await anyio.lowlevel.checkpoint()
        await anyio.lowlevel.checkpoint()
        assert poller.waiting_for("video_translation", translation)
        assert poller.waiting_for("ai_clip", clip)
    assert sorted(seen) == ["ai_clips", "video_translations"]


async def test_arguments_are_checked_before_any_request(
    client: AsyncHeyGenClient, requests: Requests
) -> None:
    requests.sent.clear()
    with pytest.raises(InvalidRequestError, match="job_id"):
        await client.lipsyncs.wait("")
    with pytest.raises(InvalidRequestError, match="timeout"):
        await client.lipsyncs.wait("abc", timeout=-1)
    with pytest.raises(InvalidRequestError, match="job_ids"):
        async for _ in client.lipsyncs.wait_many("abc"):
            pass
    with pytest.raises(InvalidRequestError, match="more than once"):
        async for _ in client.lipsyncs.wait_many(["a", "a"]):
            pass
    assert [result async for result in client.lipsyncs.wait_many([])] == []
    assert requests.sent == []


# -- the sync facade ----------------------------------------------------------------------


def test_the_sync_client_blocks_for_wait_and_iterates_wait_many() -> None:
    clock = InstantClock()
    fake = FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=RENDER_SECONDS, seed=3)
    with fake.sync_client(api_version="v3", poll=PollPolicy(timeout=3600), clock=clock) as client:
        job = client.background_removals.create(VIDEO_URL)
        done = client.background_removals.wait(job.id)
        assert done.is_completed and done.layers
        failing = client.lipsyncs.create(VIDEO_URL, AUDIO_URL, title="[fail]").lipsync_id
        fine = client.lipsyncs.create(VIDEO_URL, AUDIO_URL).lipsync_id
        results = client.lipsyncs.wait_many([failing, fine])
        assert not hasattr(results, "__anext__")
        by_id = {result.job_id: result for result in results}
        assert by_id[fine].ok and by_id[fine].status.video_url
        assert isinstance(by_id[failing].error, JobFailedError)
        with pytest.raises(JobFailedError) as failed:
            client.lipsyncs.wait(failing)
        assert (failed.value.kind, failed.value.job_id) == ("lipsync", failing)
        with pytest.raises(HeyGenError):
            client.ai_clips.wait("no-such-job")


async def test_request_options_of_a_wait_go_with_its_reads(
    client: AsyncHeyGenClient, clock: VirtualClock, fake: FakeHeyGen
) -> None:
    seen: list[tuple[str, str | None]] = []

    async def hook(request: httpx.Request) -> None:
        seen.append((request.url.path, request.headers.get("X-Trace")))

    lipsync = await _lipsync(client, False)
    http = fake.http_client()
    http.event_hooks["request"].append(hook)
    async with (
        fake.client(api_version="v3", max_retries=0, http_client=http, clock=clock) as traced,
        clock.running(),
    ):
        await traced.lipsyncs.wait(lipsync, extra_headers={"X-Trace": "t-1"})
    await http.aclose()
    assert seen and all(trace == "t-1" for _, trace in seen)
    assert any(path.endswith("/statuses") for path, _ in seen)  # the bulk reads too
