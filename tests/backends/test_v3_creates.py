"""v3 creates under faults, against the fake: exactly one video and one key per call.

The faults that matter are the ones after HeyGen did the work: a 500 or a 502
answering a create that made the video, a connection dropped after the body was
read and processed, a stall past the client's timeout after processing, and a
409 while the first request with the key is still in flight. Each must leave one
video, because every retry resends the same Idempotency-Key and the fake (like
HeyGen) replays the first answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio
import pytest
import trio
import trio.testing

from heygen_async import APIConnectionError, InternalServerError
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    VirtualClock,
    serve_loopback,
)


def in_virtual_time(main: Callable[[], Awaitable[None]]) -> None:
    """Run ``main`` on trio with a ``MockClock`` that jumps whenever every task waits:
    the client's backoff (its default clock reads the loop's time) and the fake's
    stalls (``anyio.sleep``) share one virtual time, and no test sleeps for real."""
    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))


FAULTS: dict[str, Callable[[], Fault]] = {
    "500 after processing": lambda: Fault.server_error(500, after_processing=True),
    "502 gateway after processing": lambda: Fault.html_error(502, after_processing=True),
    "dropped after processing": Fault.drop_after,
    "dropped before sending": Fault.drop_before,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_one_video_per_call_under_faults(fault: str) -> None:
    fake = FakeHeyGen(seed=1)
    fake.faults.force("generate", FAULTS[fault](), times=2)
    made = []

    async def main() -> None:
        async with fake.client(api_version="v3", max_retries=3) as client:
            made.append(await client.generate_video("Once only", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID))

    in_virtual_time(main)
    (video,) = made
    assert fake.counters.videos_created == 1
    assert fake.videos()[0].video_id == video.video_id
    if fault != "dropped before sending":  # those never reach the fake's counters
        assert fake.counters.requests["generate"] == 3


@pytest.mark.loopback
async def test_one_video_when_the_answer_stalls_past_the_timeout() -> None:
    """Over real sockets: the fake makes the video, then holds the answer longer than
    the client waits; the retry with the same key gets the first answer replayed."""
    fake = FakeHeyGen(seed=2)
    fake.faults.force("generate", Fault.latency(1.0, after_processing=True), times=1)
    with serve_loopback(fake) as server:
        async with fake.client(
            api_version="v3",
            base_url=server.base_url,
            http_client=None,
            timeout=0.3,
            max_retries=2,
        ) as client:
            video = await client.generate_video("Slow", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert fake.counters.videos_created == 1
    assert fake.videos()[0].video_id == video.video_id
    assert sum(fake.counters.idempotent_replays.values()) >= 1


def test_409_in_flight_waits_and_resends_the_same_key() -> None:
    """Two calls with one key at once: the second meets 409 request_in_progress while
    the first is processed, waits, and then gets the same video."""
    fake = FakeHeyGen(seed=3)
    fake.faults.force("generate", Fault.latency(0.15), times=1)  # first: stall, then process
    results = []

    async def main() -> None:
        async with fake.client(api_version="v3") as client:

            async def create() -> None:
                video = await client.generate_video(
                    "Together", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, idempotency_key="shared-key-1"
                )
                results.append(video.video_id)

            async with anyio.create_task_group() as group:
                group.start_soon(create)
                await anyio.sleep(0.02)  # virtual: the first is inside its stall
                group.start_soon(create)

    in_virtual_time(main)
    assert fake.counters.videos_created == 1
    assert len(set(results)) == 1
    assert sum(fake.counters.idempotency_conflicts.values()) >= 1


def test_retries_used_up_still_leave_one_video_and_name_the_key() -> None:
    fake = FakeHeyGen(seed=4)
    fake.faults.force("generate", Fault.server_error(502, after_processing=True), times=10)
    made = []

    async def main() -> None:
        async with fake.client(api_version="v3", max_retries=1) as client:
            with pytest.raises(InternalServerError, match="HTTP 502") as caught:
                await client.generate_video(
                    "Unlucky", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, idempotency_key="k-9"
                )
            made.append(caught)
            fake.faults.clear()
            made.append(
                await client.generate_video(
                    "Unlucky", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, idempotency_key="k-9"
                )
            )

    in_virtual_time(main)
    caught, again = made
    assert caught.value.may_have_been_processed is True
    assert "idempotency_key='k-9'" in str(caught.value)
    assert fake.counters.videos_created == 1
    assert fake.videos()[0].video_id == again.video_id


async def test_v2_still_never_retries_a_create_the_server_got() -> None:
    fake = FakeHeyGen(seed=5)
    fake.faults.force("generate", Fault.drop_after(), times=1)
    async with fake.client(api_version="v2", max_retries=3) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.generate_video("Once", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert caught.value.may_have_been_processed
    assert fake.counters.requests["generate"] == 1


async def test_job_limit_holds_creates_while_polls_go_on() -> None:
    """A plan of 1 render: the second create meets 429 + Retry-After and is held;
    the first video's status checks continue meanwhile and both videos finish."""
    clock = VirtualClock(start=10.0, seed=2)
    fake = FakeHeyGen(
        seed=6,
        clock=clock.now,
        time_scale=1.0,
        max_concurrent_renders=1,
        render_seconds=(60.0, 60.0),
    )
    done: dict[str, float] = {}
    async with fake.client(api_version="v3", max_retries=5, clock=clock) as client:

        async def make(name: str) -> None:
            status = await client.generate_video_and_wait(name, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
            assert status.is_completed
            done[name] = clock.now()

        async with clock.running(), anyio.create_task_group() as group:
            group.start_soon(make, "first")
            await clock.sleep(1.0)
            group.start_soon(make, "second")
    assert fake.counters.job_limit_rejections >= 1
    assert fake.counters.videos_created == 2
    assert done["first"] < done["second"]
    # The first video was polled to completion while the second create was held.
    first = fake.videos()[0]
    assert fake.counters.status_reads(first.video_id) >= 1
