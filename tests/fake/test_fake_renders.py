"""The video state machine: states over time, render slots, failures, listing."""

from __future__ import annotations

import math
import random
from typing import Any

import httpx
import pytest

from heygen_async.testing import FAILURE_REASONS, FakeHeyGen, ManualClock

API = "https://api.heygen.com"
RENDER = 100.0  # the conftest fake's render time
EPOCH = 1_700_000_000  # the conftest fake's epoch


async def test_a_video_goes_pending_processing_completed(
    api: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video_id = await api.submit(callback_id="order-1", title="demo")

    first = await api.status(video_id)
    assert first["status"] == "pending"
    assert first["id"] == video_id
    assert first["callback_id"] == "order-1"
    assert first["created_at"] == EPOCH
    assert first["video_url"] is None and first["error"] is None and first["duration"] is None

    clock.advance(fake.video(video_id).processing_at + 0.1)
    assert (await api.status(video_id))["status"] == "processing"

    clock.advance(RENDER)
    done = await api.status(video_id)
    assert done["status"] == "completed"
    assert done["video_url"].startswith(f"{API}/_fake/videos/{video_id}.mp4?Expires=")
    assert done["thumbnail_url"] and done["gif_url"]
    assert done["duration"] > 0
    assert done["error"] is None
    assert done["caption_url"] is None  # no caption asked for


async def test_captions_only_when_asked(api: Any, clock: ManualClock) -> None:
    video_id = await api.submit(caption=True)
    clock.advance(RENDER)

    done = await api.status(video_id)

    assert ".ass?" in done["caption_url"]
    assert "_caption.mp4?" in done["video_url_caption"]


async def test_time_scale_turns_fake_minutes_into_clock_seconds(connect: Any) -> None:
    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, time_scale=600, render_seconds=600)  # a 10-minute render
    async with connect(fake) as api:
        video_id = await api.submit()
        clock.advance(0.99)
        assert fake.status_of(video_id) == "processing"
        clock.advance(0.02)
        assert fake.status_of(video_id) == "completed"


async def test_renders_beyond_the_limit_wait_until_a_slot_frees(
    clock: ManualClock, connect: Any
) -> None:
    fake = FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=2)
    async with connect(fake) as api:
        ids = [await api.submit() for _ in range(5)]

        states = [(await api.status(i))["status"] for i in ids]
        assert states == ["pending", "pending", "waiting", "waiting", "waiting"]

        clock.advance(RENDER)  # the first two finish; the next two start
        states = [(await api.status(i))["status"] for i in ids]
        assert states == ["completed", "completed", "pending", "pending", "waiting"]

        clock.advance(RENDER)
        states = [(await api.status(i))["status"] for i in ids]
        assert states == ["completed"] * 4 + ["pending"]

        clock.advance(RENDER)
        assert [(await api.status(i))["status"] for i in ids] == ["completed"] * 5


async def test_a_late_video_gets_a_free_slot_at_once(clock: ManualClock, connect: Any) -> None:
    fake = FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=1)
    async with connect(fake) as api:
        await api.submit()
        clock.advance(RENDER * 3)  # the slot has been free for a while
        late = await api.submit()

        assert (await api.status(late))["status"] == "pending"
        assert fake.video(late).finished_at == pytest.approx(RENDER * 4)


async def test_unlimited_renders_never_wait(clock: ManualClock, connect: Any) -> None:
    fake = FakeHeyGen(clock=clock, render_seconds=RENDER, max_concurrent_renders=None)
    async with connect(fake) as api:
        ids = [await api.submit() for _ in range(50)]

    assert {fake.status_of(i) for i in ids} == {"pending"}


@pytest.mark.parametrize(
    ("marker", "code"),
    [
        ("[fail]", 40119),
        ("[fail:credit]", "MOVIO_PAYMENT_INSUFFICIENT_CREDIT"),
        ("[fail:moderation]", 400168),
        ("[fail:audio]", 40044),
    ],
)
@pytest.mark.parametrize("where", ["title", "callback_id", "script"])
async def test_the_fail_marker_always_fails(
    api: Any, clock: ManualClock, marker: str, code: int | str, where: str
) -> None:
    fields: dict[str, Any] = {}
    if where == "script":
        fields["video_inputs"] = [
            {**api.body()["video_inputs"][0]},
        ]
        fields["video_inputs"][0]["voice"] = {
            **fields["video_inputs"][0]["voice"],
            "input_text": f"Say this {marker} please",
        }
    else:
        fields[where] = f"job {marker}"
    video_id = await api.submit(**fields)
    assert (await api.status(video_id))["status"] == "pending"  # fails at render time

    clock.advance(RENDER)
    failed = await api.status(video_id)

    assert failed["status"] == "failed"
    assert failed["error"]["code"] == code
    assert failed["error"]["message"] and failed["error"]["detail"]
    assert failed["video_url"] is None


async def test_an_unknown_asset_fails_at_render_time_not_at_submit(
    api: Any, clock: ManualClock
) -> None:
    video_id = await api.submit(
        video_inputs=[{"voice": {"type": "audio", "audio_asset_id": "f" * 32}}]
    )
    clock.advance(RENDER)

    failed = await api.status(video_id)

    assert failed["status"] == "failed"
    assert "f" * 32 in failed["error"]["message"]


async def _failures(connect: Any, seed: int, n: int, rate: float) -> list[str]:
    clock = ManualClock()
    fake = FakeHeyGen(
        clock=clock, seed=seed, failure_rate=rate, render_seconds=1, max_concurrent_renders=None
    )
    async with connect(fake) as api:
        ids = [await api.submit() for _ in range(n)]
    clock.advance(2)
    return [i for i in ids if fake.status_of(i) == "failed"]


async def test_failure_share_is_seeded_and_reproducible(connect: Any) -> None:
    n, rate = 1000, 0.1
    first = await _failures(connect, seed=42, n=n, rate=rate)
    again = await _failures(connect, seed=42, n=n, rate=rate)
    other_seed = await _failures(connect, seed=43, n=n, rate=rate)

    # Binomial(1000, 0.1): sd 9.5, so 3.5 sd either side; with a fixed seed the
    # count is one exact number, identical across runs.
    assert 67 <= len(first) <= 133
    assert first == again
    assert first != other_seed


async def test_failed_videos_carry_heygen_shaped_errors(clock: ManualClock, connect: Any) -> None:
    fake = FakeHeyGen(
        clock=clock, failure_rate=1.0, render_seconds=RENDER, max_concurrent_renders=None
    )
    async with connect(fake) as api:
        ids = [await api.submit() for _ in range(20)]
        clock.advance(RENDER)
        errors = [(await api.status(i))["error"] for i in ids]

    known = list(FAILURE_REASONS.values())
    assert all(error in known for error in errors)
    assert len({str(error["code"]) for error in errors}) > 1  # not always the same reason


async def test_render_times_follow_the_log_uniform_default(
    clock: ManualClock, connect: Any
) -> None:
    fake = FakeHeyGen(clock=clock, seed=3, max_concurrent_renders=None)
    async with connect(fake) as api:
        for _ in range(400):
            await api.submit()

    seconds = [video.finished_at for video in fake.videos()]
    assert min(seconds) >= 30 and max(seconds) <= 1200
    # log-uniform: the median sits near the geometric mean of the bounds (~190 s).
    median = sorted(seconds)[len(seconds) // 2]
    assert 140 < median < 260, median
    assert math.isclose(min(seconds), 30, rel_tol=0.2)


async def test_render_seconds_accepts_a_function(clock: ManualClock, connect: Any) -> None:
    fake = FakeHeyGen(clock=clock, render_seconds=lambda rng: 7 + rng.random())
    async with connect(fake) as api:
        await api.submit()

    assert 7 <= fake.videos()[0].finished_at <= 8


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="failure_rate"):
        FakeHeyGen(failure_rate=1.5)
    with pytest.raises(ValueError, match="max_concurrent_renders"):
        FakeHeyGen(max_concurrent_renders=0)
    with pytest.raises(ValueError, match="render_seconds"):
        FakeHeyGen(render_seconds=(10, 5))
    with pytest.raises(ValueError, match="time_scale"):
        FakeHeyGen(time_scale=0)


async def test_video_ids_are_32_hex_and_seeded(clock: ManualClock, connect: Any) -> None:
    async def ids(seed: int) -> list[str]:
        fake = FakeHeyGen(clock=clock, seed=seed)
        async with connect(fake) as api:
            return [await api.submit() for _ in range(3)]

    first = await ids(5)
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in first)
    assert first == await ids(5)
    assert first != await ids(6)


async def test_unknown_video_id_is_a_404_with_code_40031(http: httpx.AsyncClient) -> None:
    response = await http.get("/v1/video_status.get", params={"video_id": "0" * 32})

    assert response.status_code == 404
    assert response.json()["code"] == 40031


async def test_missing_video_id_is_a_400(http: httpx.AsyncClient) -> None:
    response = await http.get("/v1/video_status.get")

    assert response.status_code == 400
    assert response.json()["code"] == 40001


async def test_video_list_pages_newest_first_with_callback_ids(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    ids = [await api.submit(callback_id=f"job-{n}", title=f"t{n}") for n in range(5)]
    clock.advance(RENDER)
    newer = await api.submit(callback_id="job-late")  # arrives while we page

    seen: list[dict[str, Any]] = []
    token: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if token:
            params["token"] = token
        elif pages:
            break
        response = await http.get("/v1/video.list", params=params)
        assert response.json()["code"] == 100
        data = response.json()["data"]
        seen += data["videos"]
        token = data["token"]
        pages += 1
        if token is None:
            break

    assert [v["video_id"] for v in seen] == [newer, *reversed(ids)]
    assert pages == 3
    first = seen[-1]
    assert first["callback_id"] == "job-0" and first["video_title"] == "t0"
    assert first["status"] == "completed" and first["type"] == "GENERATED"
    assert seen[0]["status"] == "processing"  # still rendering: list says "processing"


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": -1}, {"token": "garbage!"}])
async def test_video_list_rejects_bad_paging(http: httpx.AsyncClient, params: Any) -> None:
    response = await http.get("/v1/video.list", params=params)

    assert response.status_code == 400
    assert response.json()["code"] == 40012


async def test_thousands_of_videos_in_flight_stay_cheap(connect: Any) -> None:
    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, seed=9, max_concurrent_renders=10)
    async with connect(fake) as api:
        body = api.body()
        ids = []
        for _ in range(1000):
            response = await api.http.post("/v2/video/generate", json=body)
            ids.append(response.json()["data"]["video_id"])
        clock.advance(3600)
        sample = random.Random(0).sample(ids, 50)
        states = {(await api.status(i))["status"] for i in sample}

    # Ten slots, renders of 30 s..20 min: after an hour some are done, most wait.
    assert states == {"waiting", "completed"} or states >= {"waiting"}
    assert fake.status_of(ids[0]) == "completed"
    assert fake.status_of(ids[-1]) == "waiting"
    assert fake.counters.videos_created == 1000
