"""wait_for_videos: many waits on one driver, each ending as wait_for_video would.

v2 runs on the respx MockHeyGen (one status read per video and check); v3 on the
in-process fake (bulk reads of up to 100 ids, one URL read per finished video).
Everything runs on a VirtualClock: no real sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PollPolicy,
    VideoFailedError,
    WaitAbortedError,
    WaitTimeoutError,
)
from heygen_async.jobs import _poller as jobs_poller
from heygen_async.models import VideoStatus
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, VirtualClock
from heygen_async.workflows import JobResult

from .mock_heygen import NO_JITTER, MockHeyGen, Plan, error_response, gaps


async def start(client: AsyncHeyGenClient, ids: Any, **options: Any) -> None:
    """Iterate the results (raising what the call raises first) without virtual time."""
    async for _ in client.wait_for_videos(ids, **options):
        raise AssertionError("a result was not expected")


async def collect(
    client: AsyncHeyGenClient, clock: VirtualClock, ids: Any, **options: Any
) -> list[tuple[float, JobResult]]:
    """Every result with the virtual time it was yielded at."""
    results = []
    async with clock.running():
        async for result in client.wait_for_videos(ids, **options):
            results.append((clock.now(), result))
    return results


# -- v2 (respx): one read per video and check -------------------------------------------


async def test_results_come_in_completion_order_with_each_videos_outcome(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("slow", Plan(seconds=600))
    api.add_video("fast", Plan(seconds=40))
    api.add_video("broken", Plan(seconds=200, outcome="failed"))
    results = await collect(client, clock, ["slow", "fast", "broken"])

    assert [result.key for _, result in results] == ["fast", "broken", "slow"]
    by_id = {result.video_id: result for _, result in results}
    assert by_id["fast"].ok and by_id["slow"].ok
    assert by_id["fast"].status is not None
    assert by_id["fast"].status.video_url == "https://cdn/fast.mp4"
    failed = by_id["broken"]
    assert isinstance(failed.error, VideoFailedError)
    assert (failed.error.code, failed.error.message) == (40119, "avatar not found")
    assert failed.status is not None and failed.status.is_failed
    # Each result is yielded as soon as its video's check saw it end.
    for when, result in results:
        assert when == api.status_times(result.video_id)[-1]


async def test_each_video_keeps_the_schedule_wait_for_video_uses(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    first = api.add_video("a", Plan(seconds=200))
    api.add_video("b", Plan(seconds=20))
    await collect(client, clock, ["a", "b"], poll=NO_JITTER)
    # The ids are given (they may be done already): each first check is at once.
    expected = [0.0, 5.0, 6.5, 8.45, 10.985, 14.2805, 18.56465, 24.134045, 30.0, 30.0, 30.0, 30.0]
    intervals = gaps(first.status_calls, start=1000.0)
    assert intervals == pytest.approx(expected[: len(intervals)])
    assert sum(intervals) >= 200 and sum(intervals[:-1]) < 200
    assert gaps(api.status_times("b"), start=1000.0) == pytest.approx([0.0, 5.0, 6.5, 8.45, 10.985])


async def test_jitter_is_drawn_per_video(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    for n in range(5):
        api.add_video(f"v{n}", Plan(seconds=300))
    await collect(client, clock, [f"v{n}" for n in range(5)], poll=PollPolicy(jitter=0.2))
    seconds = [tuple(api.status_times(f"v{n}")) for n in range(5)]
    assert all(times[0] == 1000.0 for times in seconds)  # at once, not jittered
    assert len(set(seconds)) == 5  # then they drift apart


async def test_a_timeout_ends_that_video_only_at_its_deadline(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    long = api.add_video("long", Plan(seconds=10_000))
    api.add_video("short", Plan(seconds=30))
    results = await collect(client, clock, ["long", "short"], timeout=100)

    (_, done), (ended_at, ended) = results
    assert done.key == "short" and done.ok
    assert ended.key == "long"
    assert isinstance(ended.error, WaitTimeoutError)
    assert ended.error.video_id == "long"
    assert ended.error.last_status is not None
    assert ended.error.last_status.status == "processing"
    assert ended.status is ended.error.last_status
    assert ended_at == pytest.approx(1100.0)  # never past the deadline, never early
    assert long.status_calls[-1] == pytest.approx(1100.0)  # a last look at the deadline
    assert api.other_calls == []


async def test_failed_checks_in_a_row_abort_that_video(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("sick", Plan(seconds=100))
    api.add_video("well", Plan(seconds=100))
    # "sick" answers its first check, then only 500s.
    api.status_fault = lambda video_id, n: (
        error_response(500) if video_id == "sick" and n > 1 else None
    )
    results = await collect(client, clock, ["sick", "well"], poll=PollPolicy(max_poll_failures=4))

    by_id = {result.key: result for _, result in results}
    assert by_id["well"].ok
    error = by_id["sick"].error
    assert isinstance(error, WaitAbortedError)
    assert (error.video_id, error.failures) == ("sick", 4)
    assert isinstance(error.__cause__, InternalServerError)
    assert error.last_status is not None and error.last_status.status == "waiting"
    assert len(api.status_times("sick")) == 5


async def test_one_failed_check_does_not_end_a_wait(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=60))
    api.status_fault = lambda video_id, n: error_response(503) if n % 2 == 0 else None
    ((_, result),) = await collect(client, clock, ["v1"], poll=PollPolicy(max_poll_failures=2))
    assert result.ok


async def test_a_permanent_error_ends_that_video_at_once(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("real", Plan(seconds=60))
    results = await collect(client, clock, ["ghost", "real"])
    (_, first), (_, second) = results
    assert first.key == "ghost" and isinstance(first.error, NotFoundError)
    assert second.key == "real" and second.ok
    assert [path for _, _, path in api.requests].count("/v1/video_status.get") >= 2
    assert len([t for t, _, _ in api.requests if t == 1000.0]) == 2  # ghost: one check


async def test_a_rate_limit_retry_after_delays_that_videos_next_check(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1", Plan(seconds=30))
    api.status_fault = lambda video_id, n: (
        error_response(429, **{"Retry-After": "42"}) if n == 1 else None
    )
    ((_, result),) = await collect(client, clock, ["v1"], poll=NO_JITTER)
    assert result.ok
    times = api.status_times("v1")
    assert times[1] - times[0] >= 42


async def test_v2_reads_run_concurrently_but_bounded(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [f"v{n}" for n in range(40)]
    for video_id in ids:
        api.add_video(video_id, Plan(seconds=20))
    backend = client._core.backend
    original = backend.get_video_status
    in_flight, peak = 0, 0

    async def slow_read(video_id: str) -> VideoStatus:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await clock.sleep(0.5)
            return await original(video_id)
        finally:
            in_flight -= 1

    monkeypatch.setattr(backend, "get_video_status", slow_read)
    monkeypatch.setattr(jobs_poller, "MAX_READS_IN_FLIGHT", 6)
    results = await collect(client, clock, ids, poll=NO_JITTER)
    assert sorted(result.key for _, result in results) == sorted(ids)
    assert all(result.ok for _, result in results)
    assert peak == 6


# -- input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ids",
    [
        "vid_1",
        b"vid_1",
        {"vid_1": 1},
        42,
        ["vid_1", ""],
        ["vid_1", "  "],
        ["vid_1", 7],
        ["a", "b", "a"],
    ],
    ids=["str", "bytes", "dict", "int", "empty id", "blank id", "non-string id", "duplicate"],
)
async def test_bad_ids_are_refused_before_any_request(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock, ids: Any
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await start(client, ids)
    assert caught.value.field == "video_ids"
    assert api.requests == []


async def test_a_duplicate_is_named(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    with pytest.raises(InvalidRequestError, match="'b' appears more than once"):
        await start(client, ["a", "b", "c", "b"])


async def test_bad_poll_or_timeout_is_refused_before_any_request(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("v1")
    with pytest.raises(InvalidRequestError):
        await start(client, ["v1"], timeout=0)
    with pytest.raises(InvalidRequestError):
        await start(client, ["v1"], poll="fast")
    assert api.requests == []


async def test_no_ids_yield_nothing_and_any_iterable_works(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    assert await collect(client, clock, []) == []
    assert api.requests == []
    api.add_video("v1", Plan(seconds=10))
    results = await collect(client, clock, (video_id for video_id in [" v1 "]))
    assert [result.key for _, result in results] == ["v1"]  # stripped, as wait_for_video


# -- v3 (the fake): bulk reads -------------------------------------------------------------


@pytest.fixture
def durations() -> list[float]:
    """Render times of the fake's videos, in creation order (then 60 s)."""
    return []


@pytest.fixture
def fake(clock: VirtualClock, durations: list[float]) -> FakeHeyGen:
    times = iter(durations)
    return FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=lambda rng: next(times, 60.0),
        max_concurrent_renders=None,
        seed=3,
    )


@pytest.fixture
async def v3(fake: FakeHeyGen, clock: VirtualClock) -> AsyncIterator[AsyncHeyGenClient]:
    client = fake.client(api_version="v3", max_retries=0, clock=clock)
    async with client:
        yield client


async def submit(client: AsyncHeyGenClient, count: int, script: str = "Hi") -> list[str]:
    return [
        (await client.generate_video(script, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id
        for _ in range(count)
    ]


async def test_v3_reads_due_ids_in_bulk_and_each_finished_video_once(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock, durations: list[float]
) -> None:
    durations += [30.0 + 3 * n for n in range(250)]
    ids = await submit(v3, 250)
    fake.reset_counters()
    results = await collect(v3, clock, ids)

    assert sorted(result.key for _, result in results) == sorted(ids)
    assert all(result.ok and result.status is not None for _, result in results)
    assert all(result.status.video_url for _, result in results if result.status)
    counters = fake.counters
    assert counters.status_calls == {video_id: 1 for video_id in ids}  # the URL read
    assert max(counters.statuses_ids_per_call) == 100
    # About 19 checks per video on the default schedule (4,800 in all), read in
    # bulk: as few requests as 250 wait_for_video calls on the shared poller (74).
    checks = sum(counters.statuses_ids_per_call)
    assert 4000 < checks < 5500
    assert counters.requests["statuses"] < 85
    assert checks / counters.requests["statuses"] > 50
    # Each result comes within one interval (jittered: at most 36 s) of its render's end,
    # plus how early a coalesced check may have been read (at most 15 s).
    ends = {video_id: 1000.0 + fake.video(video_id).finished_at for video_id in ids}
    assert all(0 <= when - ends[result.key] <= 51 for when, result in results)


async def test_v3_a_failed_render_gets_its_reason_from_its_own_read(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    good = await submit(v3, 3)
    (bad,) = await submit(v3, 1, script="Hi [fail]")
    results = await collect(v3, clock, [*good, bad])
    by_id = {result.key: result for _, result in results}
    assert all(by_id[video_id].ok for video_id in good)
    error = by_id[bad].error
    assert isinstance(error, VideoFailedError)
    assert error.video_id == bad and error.code and error.message
    assert fake.counters.status_calls[bad] == 1


async def test_v3_an_unknown_id_ends_with_not_found_after_one_confirming_read(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    ids = await submit(v3, 2)
    fake.reset_counters()
    start = clock.now()
    results = await collect(v3, clock, [*ids, "nope"])
    by_id = {result.key: result for _, result in results}
    assert by_id[ids[0]].ok and by_id[ids[1]].ok  # the others are not stopped
    assert results[0][1].key == "nope"  # it ends first, at once
    assert results[0][0] == start
    error = by_id["nope"].error
    assert isinstance(error, NotFoundError) and error.video_id == "nope"
    assert "nope" in str(error) and by_id["nope"].status is None
    # One bulk read saw not_found, one read by id confirmed it: not 10 failed checks.
    assert fake.counters.statuses_by_video["nope"] == 1
    assert fake.counters.status_calls["nope"] == 1


async def test_v3_timeout_per_video(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock, durations: list[float]
) -> None:
    durations += [5000.0, 50.0]
    slow, quick = await submit(v3, 2)
    results = await collect(v3, clock, [slow, quick], timeout=300)
    (_, first), (when, second) = results
    assert first.key == quick and first.ok
    assert second.key == slow and isinstance(second.error, WaitTimeoutError)
    assert when == pytest.approx(1300.0)


async def test_v3_a_bulk_read_failing_counts_for_every_video_in_it(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    from heygen_async.testing import Fault

    ids = await submit(v3, 5)
    fake.faults.force("statuses", Fault.server_error(500), times=2)
    results = await collect(v3, clock, ids, poll=PollPolicy(max_poll_failures=2))
    assert all(isinstance(result.error, WaitAbortedError) for _, result in results)
    assert fake.counters.requests["statuses"] == 2


async def test_v3_the_deadline_bounds_a_check_in_flight_on_the_loop_clock(
    v3: AsyncHeyGenClient,
    fake: FakeHeyGen,
    clock: VirtualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = await submit(v3, 3)
    backend = v3._core.backend
    original = backend.get_video_statuses

    async def stuck_after_the_first(video_ids: Any) -> list[VideoStatus]:
        if clock.now() > 1010:
            await clock.sleep(10_000)  # a shared pause, a stalled read...
        return await original(video_ids)

    monkeypatch.setattr(backend, "get_video_statuses", stuck_after_the_first)
    # Treat the virtual clock as the loop's: deadlines then bound reads in flight.
    monkeypatch.setattr(jobs_poller.JobPoller, "_real_time", lambda self: True)
    results = await collect(v3, clock, ids, timeout=100)
    assert len(results) == 3
    for when, result in results:
        assert isinstance(result.error, WaitTimeoutError)
        assert "during a status check" in str(result.error)
        assert when == pytest.approx(1100.0)
        assert result.error.last_status is not None


async def test_breaking_out_stops_every_wait(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock, durations: list[float]
) -> None:
    durations += [40.0] + [900.0] * 150
    ids = await submit(v3, 151)
    fake.reset_counters()
    async with clock.running():
        async for result in v3.wait_for_videos(ids):
            assert result.key == ids[0]
            break
        seen = sum(fake.counters.requests.values())
        await clock.sleep(2000)  # the others' renders end meanwhile
    assert sum(fake.counters.requests.values()) == seen


async def test_cancelling_stops_every_wait(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock
) -> None:
    ids = await submit(v3, 20)
    fake.reset_counters()
    got: list[JobResult] = []
    async with clock.running():
        with anyio.CancelScope() as scope:

            async def stop_later() -> None:
                await clock.sleep(20)
                scope.cancel()

            async with anyio.create_task_group() as group:
                group.start_soon(stop_later)
                async for result in v3.wait_for_videos(ids):
                    got.append(result)
        assert scope.cancelled_caught
        seen = sum(fake.counters.requests.values())
        assert seen > 0
        await clock.sleep(2000)
    assert got == []
    assert sum(fake.counters.requests.values()) == seen


async def test_a_sleeping_wait_holds_no_model(v3: AsyncHeyGenClient) -> None:
    poller, kind = v3._core.poller, v3._core.videos
    watch = jobs_poller.Watch(
        poller._group(kind, None),
        "vid",
        PollPolicy(),
        None,
        now=0.0,
        just_created=False,  # type: ignore[arg-type]
    )
    assert not hasattr(watch, "__dict__")
    status = VideoStatus(video_id="vid", status="processing")
    watch.state, watch.kept = kind.state(status), kind.kept("vid", status)
    assert isinstance(watch.kept, tuple)  # a shared shape, not a model
    assert watch.last_status() == status


async def test_v3_a_timeout_carries_the_bulk_reads_last_status(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock, durations: list[float]
) -> None:
    durations.append(5000.0)
    (slow,) = await submit(v3, 1)
    ((_, result),) = await collect(v3, clock, [slow], timeout=60)
    assert isinstance(result.error, WaitTimeoutError)
    (now,) = await v3.get_video_statuses([slow])
    assert result.error.last_status == now  # rebuilt from its shape: the same model
    assert result.error.last_status.model_fields_set == now.model_fields_set
    assert result.error.last_status.model_extra == now.model_extra


async def test_a_sleeping_wait_for_video_keeps_a_bulk_status_as_a_shared_shape(
    v3: AsyncHeyGenClient, fake: FakeHeyGen
) -> None:
    kind = v3._core.videos
    _keep, _last_status = kind.kept, kind.restored
    ids = await submit(v3, 2)
    first, second = await v3.get_video_statuses(ids)
    kept = _keep(ids[0], first)
    assert isinstance(kept, tuple) and kept is _keep(ids[1], second)  # one per shape
    rebuilt = _last_status(ids[0], first.status, kept)
    assert rebuilt == first and rebuilt is not first
    assert rebuilt is not None and rebuilt.model_fields_set == first.model_fields_set
    # Anything it could not rebuild keeps the model itself.
    single = await v3.get_video_status(ids[0])
    assert _keep(ids[0], single) is single
    odd = VideoStatus.model_validate({"video_id": ids[0], "status": "processing", "eta": 30})
    assert _keep(ids[0], odd) is odd
    assert _keep("another id", first) is first


async def test_the_client_method_yields_the_same_results(
    v3: AsyncHeyGenClient, fake: FakeHeyGen, clock: VirtualClock, durations: list[float]
) -> None:
    durations += [90.0, 30.0, 60.0]
    ids = await submit(v3, 3)
    async with clock.running():
        results = [
            result async for result in v3.wait_for_videos(ids, timeout=600, request_timeout=5.0)
        ]
    assert [result.key for result in results] == [ids[1], ids[2], ids[0]]
    assert all(result.ok for result in results)
    with pytest.raises(InvalidRequestError):
        async for _ in v3.wait_for_videos(ids[0]):
            pass
