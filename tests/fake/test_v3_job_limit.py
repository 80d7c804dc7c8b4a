"""v3 does not queue: creates beyond the concurrent renders get 429 + Retry-After;
reads are never refused for it; v2 keeps queueing on the same account."""

from __future__ import annotations

from typing import Any

import pytest

from heygen_async.testing import FakeHeyGen, ManualClock

RENDER = 100.0


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    # 2 renders at a time; the clock runs 10x (a 100 s render takes 10 clock seconds).
    return FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=2, time_scale=10)


async def test_a_create_beyond_the_limit_is_a_429_with_retry_after(
    v3: Any, fake: FakeHeyGen
) -> None:
    await v3.create()
    await v3.create()

    refused = await v3.post(key="third")

    error = v3.error(refused, 429, "rate_limit_exceeded")
    assert "param" not in error
    assert refused.headers["retry-after"] == "10"  # 100 fake s at time_scale 10
    assert fake.counters.videos_created == 2
    assert fake.counters.job_limit_rejections == 1


async def test_reads_still_work_at_the_limit(v3: Any, fake: FakeHeyGen) -> None:
    ids = [await v3.create(), await v3.create()]
    assert (await v3.post()).status_code == 429

    assert (await v3.video(ids[0]))["status"] == "pending"
    statuses = await v3.http.get("/v3/videos/statuses", params={"video_ids": ",".join(ids)})
    assert statuses.status_code == 200
    for path in ("/v3/videos", "/v3/voices", "/v3/avatars/looks", "/v3/users/me"):
        assert (await v3.http.get(path)).status_code == 200, path


async def test_retry_after_counts_down_and_the_key_is_not_kept(
    v3: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    await v3.create()
    clock.advance(4)  # 40 fake seconds later
    await v3.create()

    assert (await v3.post(key="later")).headers["retry-after"] == "6"
    clock.advance(6)  # the first render has finished

    video_id = await v3.create(key="later")  # the 429 was not kept for replay
    assert fake.counters.videos_created == 3
    assert fake.video(video_id).slot_at == fake.video(video_id).submitted_at  # no queueing


async def test_retry_after_is_at_least_one_second(v3: Any, clock: ManualClock) -> None:
    fast = FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=1, time_scale=1000)
    import httpx

    async with httpx.AsyncClient(
        transport=fast.transport(), base_url="https://api.heygen.com", headers={"X-Api-Key": "k"}
    ) as http:
        body = v3.body()
        assert (await http.post("/v3/videos", json=body)).status_code == 200
        refused = await http.post("/v3/videos", json=body)

    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"  # 0.1 s rounded up


async def test_v2_videos_count_towards_the_limit_and_v2_still_queues(
    v3: Any, api: Any, fake: FakeHeyGen
) -> None:
    first = await api.submit()
    await api.submit()

    assert (await v3.post()).status_code == 429
    queued = await api.submit()  # v2 queues instead of refusing

    assert fake.status_of(queued) == "waiting"
    assert fake.video(queued).slot_at == fake.video(first).finished_at


async def test_no_limit_means_no_429(connect_v3: Any, clock: ManualClock) -> None:
    unlimited = FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=None)
    async with connect_v3(unlimited) as v3:
        for _ in range(25):
            await v3.create()

    assert unlimited.counters.job_limit_rejections == 0


async def test_a_fixed_retry_after_need_not_match_when_a_slot_frees(
    connect_v3: Any, clock: ManualClock
) -> None:
    """HeyGen-like: ``job_limit_retry_after`` answers the same value however long the
    running renders still take, so one retry after it does not always land."""
    fixed = FakeHeyGen(
        clock=clock,
        render_seconds=RENDER,
        max_concurrent_renders=1,
        time_scale=10,
        job_limit_retry_after=1,
    )
    async with connect_v3(fixed) as v3:
        await v3.create()
        first = await v3.post(key="next")
        clock.advance(1)  # as told: yet the render still has 9 clock seconds to go
        second = await v3.post(key="next")

    assert first.headers["retry-after"] == second.headers["retry-after"] == "1"
    assert second.status_code == 429
    assert fixed.counters.job_limit_rejections == 2


def test_job_limit_retry_after_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="job_limit_retry_after"):
        FakeHeyGen(job_limit_retry_after=-1)
