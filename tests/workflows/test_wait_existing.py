"""When a wait makes its first check, and how it ends on an id HeyGen does not know.

A wait on an id it was given (``wait_for_video``, a resumed ``generate_many`` job)
checks at once: the video may be done already. A wait right after this client's own
create keeps ``first_delay``. On v3, an id the bulk status read answers
``not_found`` for gets one read by id; its 404 ends that wait alone with
``NotFoundError``, except for a video this client created under ``NOT_FOUND_GRACE``
seconds ago (a read right after a create may lag).

Everything runs on the in-process fake and a VirtualClock: no real sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import anyio
import pytest

from heygen_async import AsyncHeyGenClient, NotFoundError, PollPolicy, VideoStatus
from heygen_async._constants import NOT_FOUND_GRACE
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, VirtualClock
from heygen_async.workflows import JobEvent, JobStatusChanged

from .mock_heygen import NO_JITTER

UNKNOWN = "deadbeef" * 4


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=lambda rng: 60.0,
        max_concurrent_renders=None,
        seed=5,
    )


@pytest.fixture
async def v3(fake: FakeHeyGen, clock: VirtualClock) -> AsyncIterator[AsyncHeyGenClient]:
    client = fake.client(api_version="v3", max_retries=0, poll=NO_JITTER, clock=clock)
    async with client:
        yield client


async def submit(client: AsyncHeyGenClient) -> str:
    return (await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id


def record_reads(client: AsyncHeyGenClient, clock: VirtualClock) -> list[tuple[float, str]]:
    """(virtual time, video id) of every status read the client's waits make."""
    kind = client._core.videos
    read_batch, read_one = kind.read_many, kind.read_one
    reads: list[tuple[float, str]] = []

    async def batch(video_ids: Sequence[str]) -> list[VideoStatus]:
        reads.extend((clock.now(), video_id) for video_id in video_ids)
        return await read_batch(video_ids)

    async def one(video_id: str) -> VideoStatus:
        reads.append((clock.now(), video_id))
        return await read_one(video_id)

    kind.read_many, kind.read_one = batch, one  # type: ignore[method-assign]
    return reads


# -- an unknown id -------------------------------------------------------------------------


async def test_v3_an_unknown_id_raises_not_found_after_one_confirming_read(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    start = clock.now()
    async with clock.running():
        with pytest.raises(NotFoundError) as caught:
            await v3.wait_for_video(UNKNOWN)
    assert clock.now() == start  # at once: not 10 failed checks over about 150 s
    assert caught.value.video_id == UNKNOWN and UNKNOWN in str(caught.value)
    counters = fake.counters
    assert counters.statuses_by_video[UNKNOWN] == 1  # the bulk read said not_found
    assert counters.status_calls[UNKNOWN] == 1  # one read by id confirmed it
    assert sum(counters.requests.values()) == 2


async def test_v3_an_unknown_id_beside_a_real_render_ends_alone(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    real = await submit(v3)
    start = clock.now()
    ended: dict[str, tuple[float, VideoStatus | Exception]] = {}

    async def wait(video_id: str) -> None:
        try:
            status = await v3.wait_for_video(video_id)
            ended[video_id] = (clock.now(), status)
        except NotFoundError as exc:
            ended[video_id] = (clock.now(), exc)

    async with clock.running(), anyio.create_task_group() as group:
        group.start_soon(wait, real)
        group.start_soon(wait, UNKNOWN)

    when, error = ended[UNKNOWN]
    assert isinstance(error, NotFoundError) and when == start
    when, status = ended[real]
    assert isinstance(status, VideoStatus) and status.is_completed and status.video_url
    assert when >= start + 60.0  # it rendered to the end
    assert fake.counters.statuses_by_video[UNKNOWN] == 1
    assert fake.counters.status_calls[UNKNOWN] == 1


async def test_v3_a_just_created_video_not_visible_yet_is_waited_for(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    # The status reads do not see a new video for its first 12 s (a read right after
    # a create may lag): within the grace, each such check is only a failed one.
    created: list[float] = []
    hidden_for = 12.0
    kind = v3._core.videos
    read_batch, read_one = kind.read_many, kind.read_one

    async def lagging_batch(video_ids: Sequence[str]) -> list[VideoStatus]:
        if clock.now() < created[0] + hidden_for:
            return [VideoStatus(video_id=video_id, status="not_found") for video_id in video_ids]
        return await read_batch(video_ids)

    async def lagging_one(video_id: str) -> VideoStatus:
        if clock.now() < created[0] + hidden_for:
            raise NotFoundError("Video not found", status_code=404, code="video_not_found")
        return await read_one(video_id)

    kind.read_many, kind.read_one = lagging_batch, lagging_one  # type: ignore[method-assign]
    created.append(clock.now())
    async with clock.running():
        status = await v3.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert status.is_completed and status.video_url


async def test_v3_a_just_created_video_still_unknown_after_the_grace_is_not_found(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    kind = v3._core.videos

    async def never_seen(video_ids: Sequence[str]) -> list[VideoStatus]:
        return [VideoStatus(video_id=video_id, status="not_found") for video_id in video_ids]

    async def gone(video_id: str) -> VideoStatus:
        raise NotFoundError("Video not found", status_code=404, code="video_not_found")

    kind.read_many, kind.read_one = never_seen, gone  # type: ignore[method-assign]
    start = clock.now()
    async with clock.running():
        with pytest.raises(NotFoundError) as caught:
            await v3.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    # Checks at 5, 10, 16.5, 24.95 s (in the grace: failed checks), then 35.935 s.
    assert clock.now() == pytest.approx(start + 35.935)
    assert clock.now() - start >= NOT_FOUND_GRACE
    assert caught.value.video_id is not None


async def test_v2_an_unknown_id_still_ends_at_the_first_check(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    client = fake.client(api_version="v2", max_retries=0, poll=NO_JITTER, clock=clock)
    start = clock.now()
    async with client, clock.running():
        with pytest.raises(NotFoundError) as caught:
            await client.wait_for_video(UNKNOWN)
    assert clock.now() == start and caught.value.video_id == UNKNOWN
    assert fake.counters.status_calls[UNKNOWN] == 1


# -- when the first check comes -------------------------------------------------------------


async def test_a_wait_on_a_finished_video_returns_without_sleeping(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    video_id = await submit(v3)
    clock.advance(120.0)  # rendered long ago
    fake.reset_counters()
    reads = record_reads(v3, clock)
    start = clock.now()
    sleeps = len(clock.sleeps)
    async with clock.running():
        status = await v3.wait_for_video(video_id)
    assert status.is_completed and status.video_url
    assert clock.now() == start
    assert all(seconds <= 0 for seconds in clock.sleeps[sleeps:])
    assert reads == [(start, video_id), (start, video_id)]  # bulk read, then its URLs


async def test_a_wait_after_this_clients_create_keeps_first_delay(
    v3: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    reads = record_reads(v3, clock)
    start = clock.now()
    async with clock.running():
        status = await v3.generate_video_and_wait(
            "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, poll=PollPolicy(first_delay=7.0, jitter=0)
        )
    assert status.is_completed
    assert reads[0][0] == start + 7.0


async def test_generate_many_checks_a_resumed_job_at_once_and_a_new_one_after_first_delay(
    v3: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    done = await submit(v3)
    clock.advance(120.0)  # finished while no one was waiting (a resumed bulk run)
    reads = record_reads(v3, clock)
    events: list[tuple[float, JobEvent]] = []
    jobs = [
        {"key": "resumed", "video_id": done},
        {"key": "new", "script": "Hi", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID},
    ]
    start = clock.now()
    ended: dict[str, float] = {}
    async with clock.running():
        results = v3.generate_many(jobs, on_event=lambda event: events.append((clock.now(), event)))
        async for result in results:
            assert result.ok
            ended[str(result.key)] = clock.now()
    assert ended["resumed"] == start
    changes = [when for when, event in events if isinstance(event, JobStatusChanged)]
    assert changes[0] == start
    first_new = min(when for when, video_id in reads if video_id != done)
    assert first_new == start + 5.0


async def test_get_video_statuses_reports_an_unknown_id_among_known_ones(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    known = await submit(v3)
    statuses = await v3.get_video_statuses([known, UNKNOWN])
    assert [status.video_id for status in statuses] == [known, UNKNOWN]
    assert statuses[0].status.value in ("queued", "pending", "processing", "waiting")
    assert statuses[1].status.value == "not_found"

    v2 = fake.client(api_version="v2", max_retries=0)
    async with v2:
        with pytest.raises(NotFoundError):  # v2 reads one by one: the unknown id raises
            await v2.get_video_statuses([known, UNKNOWN])
