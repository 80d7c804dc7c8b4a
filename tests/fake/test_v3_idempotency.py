"""Idempotency-Key on v3 creates: replay, 409 in flight, expiry, and "processed, then failed"
faults that must leave exactly one video when the client retries with the same key."""

from __future__ import annotations

from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest

from heygen_async.testing import FakeHeyGen, Fault, ManualClock

DAY = 24 * 3600.0


async def wait_until(condition: Any) -> None:
    """Yield to other tasks until ``condition()`` holds (no real sleeping)."""
    for _ in range(1000):
        if condition():
            return
        await anyio.lowlevel.checkpoint()
    raise AssertionError("condition never became true")


async def test_a_repeated_key_replays_the_first_answer_even_for_another_body(
    v3: Any, fake: FakeHeyGen
) -> None:
    first = await v3.post(v3.body(title="first"), key="order-42")
    again = await v3.post(v3.body(title="a different body"), key="order-42")

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert fake.counters.videos_created == 1
    assert fake.video(first.json()["data"]["video_id"]).title == "first"
    assert fake.counters.idempotent_replays == {"generate": 1}
    assert fake.counters.generation_requests == 1  # the replay was not processed again


async def test_different_keys_and_no_key_create_separate_videos(v3: Any, fake: FakeHeyGen) -> None:
    ids = {await v3.create(key="a"), await v3.create(key="b"), await v3.create(), await v3.create()}

    assert len(ids) == 4
    assert fake.counters.idempotent_replays == {}


async def test_the_key_is_scoped_per_route(v3: Any, fake: FakeHeyGen) -> None:
    await v3.create(key="shared")
    upload = await v3.http.post(
        "/v3/assets/direct-uploads",
        json={"filename": "a.png", "content_type": "image/png", "size_bytes": 10},
        headers={"Idempotency-Key": "shared"},
    )

    assert upload.status_code == 200
    assert "asset_id" in upload.json()["data"]
    assert fake.counters.idempotent_replays == {}


async def test_a_key_expires_after_24_hours_of_fake_time(
    v3: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    first = await v3.create(key="daily")
    clock.advance(DAY - 1)
    assert await v3.create(key="daily") == first
    clock.advance(1)

    assert await v3.create(key="daily") != first
    assert fake.counters.videos_created == 2


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "slash/inside", "semi;colon"])
async def test_a_malformed_key_is_a_400(v3: Any, fake: FakeHeyGen, key: str) -> None:
    response = await v3.post(key=key)

    assert v3.error(response, 400, "invalid_parameter")["param"] == "Idempotency-Key"
    assert fake.counters.videos_created == 0


async def test_the_longest_and_widest_valid_key_is_accepted(v3: Any) -> None:
    await v3.create(key="Az09_-:." + "k" * 247)


async def test_a_repeat_while_the_first_is_in_flight_gets_409(v3: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("generate", Fault.latency(3600), times=1)  # the first request stalls
    async with anyio.create_task_group() as group:
        group.start_soon(v3.post, None, "slow-key")
        await wait_until(lambda: fake.counters.requests["generate"] == 1)

        busy = await v3.post(key="slow-key")

        v3.error(busy, 409, "request_in_progress")
        assert fake.counters.idempotency_conflicts == {"generate": 1}
        group.cancel_scope.cancel()  # the first request's client gives up

    # It never finished, so the key is free again: the retry creates the video.
    video_id = await v3.create(key="slow-key")
    assert [v.video_id for v in fake.videos()] == [video_id]


async def test_a_failed_create_releases_its_key(v3: Any, fake: FakeHeyGen) -> None:
    bad = await v3.post(v3.body(voice_id="nobody"), key="fix-and-retry")
    assert bad.status_code == 404

    await v3.create(key="fix-and-retry")
    assert fake.counters.videos_created == 1
    assert fake.counters.idempotent_replays == {}


async def test_a_fault_before_processing_creates_nothing_and_keeps_no_key(
    v3: Any, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.server_error(500), times=1)

    failed = await v3.post(key="k")
    v3.error(failed, 500, "internal_error")
    assert fake.counters.videos_created == 0

    await v3.create(key="k")
    assert fake.counters.videos_created == 1
    assert fake.counters.idempotent_replays == {}


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        (Fault.server_error(500, after_processing=True), 500),
        (Fault.server_error(502, after_processing=True), 502),
        (Fault.html_error(502, after_processing=True), 502),
    ],
    ids=["500 after", "502 after", "html 502 after"],
)
async def test_an_error_after_processing_then_a_retry_with_the_key_leaves_one_video(
    v3: Any, fake: FakeHeyGen, fault: Fault, status: int
) -> None:
    fake.faults.force("generate", fault, times=1)

    failed = await v3.post(key="retry-me")
    assert failed.status_code == status
    assert fake.counters.videos_created == 1  # the work was done

    retried = await v3.post(key="retry-me")
    assert retried.status_code == 200
    assert retried.json()["data"]["video_id"] == fake.videos()[0].video_id
    assert fake.counters.videos_created == 1
    assert fake.counters.idempotent_replays == {"generate": 1}
    assert fake.counters.faults == {("generate", fault.kind): 1}


async def test_without_a_key_the_same_retry_bills_twice(v3: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("generate", Fault.server_error(502, after_processing=True), times=1)

    assert (await v3.post()).status_code == 502
    await v3.create()

    assert fake.counters.videos_created == 2


async def test_a_dropped_connection_after_processing_then_a_retry_leaves_one_video(
    v3: Any, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.drop_after(), times=1)

    with pytest.raises(httpx.RemoteProtocolError):
        await v3.post(key="dropped")
    assert fake.counters.videos_created == 1

    assert await v3.create(key="dropped") == fake.videos()[0].video_id
    assert fake.counters.videos_created == 1


async def test_a_stall_after_processing_then_a_retry_leaves_one_video(
    v3: Any, fake: FakeHeyGen
) -> None:
    # The server creates the video, then the answer stalls past any client timeout.
    fake.faults.force("generate", Fault.latency(3600, after_processing=True), times=1)
    async with anyio.create_task_group() as group:
        group.start_soon(v3.post, None, "stalled")
        await wait_until(lambda: fake.counters.videos_created == 1)
        group.cancel_scope.cancel()  # the client's timeout

    # The answer was kept before the stall: the retry replays it at once.
    assert await v3.create(key="stalled") == fake.videos()[0].video_id
    assert fake.counters.videos_created == 1
    assert fake.counters.idempotent_replays == {"generate": 1}


async def test_uploads_replay_too(v3: Any, fake: FakeHeyGen) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"p" * 32
    answers = [
        await v3.http.post(
            "/v3/assets", files={"file": ("a.png", png)}, headers={"Idempotency-Key": "up"}
        )
        for _ in range(2)
    ]

    assert answers[0].json() == answers[1].json()
    assert fake.counters.uploads == 1
    assert fake.counters.idempotent_replays == {"create_asset": 1}


async def test_legacy_routes_ignore_the_header(api: Any, fake: FakeHeyGen) -> None:
    body = api.body()
    for _ in range(2):
        response = await api.http.post(
            "/v2/video/generate", json=body, headers={"Idempotency-Key": "same"}
        )
        assert response.status_code == 200

    assert fake.counters.videos_created == 2


def test_a_read_timeout_after_processing_then_a_retry_leaves_one_video() -> None:
    trio = pytest.importorskip("trio")
    from trio.testing import MockClock

    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    body = {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID, "script": "Hi"}
    body["voice_id"] = SAMPLE_VOICE_ID

    async def main() -> tuple[bool, str, str, int]:
        fake = FakeHeyGen(clock=trio.current_time)
        fake.faults.force("generate", Fault.latency(600, after_processing=True))
        headers = {"X-Api-Key": "k", "Idempotency-Key": "timed-out"}
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url="https://api.heygen.com", timeout=30
        ) as http:
            try:
                await http.post("/v3/videos", json=body, headers=headers)
                timed_out = False
            except httpx.ReadTimeout:
                timed_out = True
            retried = await http.post("/v3/videos", json=body, headers=headers)
        return (
            timed_out,
            retried.json()["data"]["video_id"],
            fake.videos()[0].video_id,
            fake.counters.videos_created,
        )

    timed_out, replayed_id, video_id, created = trio.run(
        main, clock=MockClock(autojump_threshold=0)
    )

    assert timed_out
    assert replayed_id == video_id
    assert created == 1
