"""generate_many: one result per job, completion order, caps, 429s, events, cancellation."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing
from typing import Any

import anyio
import pytest
import respx

from heygen_async import (
    AsyncHeyGenClient,
    BadRequestError,
    GenerateVideoRequest,
    HeyGenError,
    InvalidRequestError,
    JobCompleted,
    JobEvent,
    JobResult,
    JobStatusChanged,
    JobSubmitted,
    JobSubmitting,
    VideoFailedError,
    WaitTimeoutError,
)
from heygen_async.testing import VirtualClock
from heygen_async.workflows import derive_callback_id

from .mock_heygen import BASE_URL, MockHeyGen, Plan, error_response, make_client


def job(key: Any, script: str = "Hello there", **extra: Any) -> dict[str, Any]:
    return {"key": key, "script": script, "avatar_id": "Angela", "voice_id": "v-1", **extra}


def seconds_in(body: dict[str, Any]) -> float:
    """Render time written into the script as 'render N'."""
    text = body["video_inputs"][0]["voice"]["input_text"]
    return float(text.split("render ")[1]) if "render " in text else 60.0


async def collect(client: AsyncHeyGenClient, jobs: Any, **options: Any) -> list[JobResult]:
    return [result async for result in client.generate_many(jobs, **options)]


async def test_hundreds_of_jobs_each_end_in_exactly_one_result_and_one_request(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.plan = lambda body: Plan(seconds=seconds_in(body))
    jobs = [job(f"k{i}", f"video {i} render {30 + (i * 37) % 600}") for i in range(300)]
    async with clock.running():
        results = await collect(client, jobs, max_concurrent_jobs=10)
    assert sorted(r.key for r in results) == sorted(f"k{i}" for i in range(300))
    assert all(r.ok and r.status is not None and r.status.is_completed for r in results)
    scripts = [body["video_inputs"][0]["voice"]["input_text"] for _, body in api.posts]
    assert sorted(scripts) == sorted(j["script"] for j in jobs)  # one POST per job
    assert len({r.video_id for r in results}) == 300
    assert api.max_in_flight == 10  # the cap was used, and never exceeded


async def test_results_come_in_completion_order(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.plan = lambda body: Plan(seconds=seconds_in(body))
    renders = [600, 30, 300, 120, 1200, 60]
    jobs = [job(i, f"render {s}") for i, s in enumerate(renders)]
    async with clock.running():
        results = await collect(client, jobs)
    assert [r.key for r in results] == [1, 5, 3, 2, 0, 4]


async def test_one_failing_job_never_stops_the_others(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.plan = lambda body: Plan(
        seconds=90, outcome="failed" if "doomed" in str(body) else "completed"
    )
    api.generate_fault = lambda body: error_response(400) if "refused" in str(body) else None
    jobs: list[Any] = [job(i) for i in range(20)]
    jobs[3] = job("render-fails", "doomed")
    jobs[7] = job("bad-input", speed=9.0)
    jobs[11] = job("refused", "refused")
    jobs[15] = "not a job"
    async with clock.running():
        results = {r.key: r for r in await collect(client, jobs)}
    assert len(results) == 20
    failed = results.pop("render-fails")
    assert isinstance(failed.error, VideoFailedError) and failed.error.code == 40119
    assert failed.status is not None and failed.status.is_failed and failed.video_id
    bad = results.pop("bad-input")
    assert isinstance(bad.error, InvalidRequestError) and bad.error.field == "speed"
    assert bad.video_id is None and "bad-input" in str(bad.error)
    refused = results.pop("refused")
    assert isinstance(refused.error, BadRequestError) and refused.video_id is None
    assert isinstance(results.pop(15).error, InvalidRequestError)
    assert all(r.ok for r in results.values())
    assert len(api.posts) == 18  # the two invalid jobs were never sent


async def test_a_429_pauses_submissions_and_polls_for_everyone(
    api: MockHeyGen, clock: VirtualClock
) -> None:
    client = make_client(clock, max_retries=2)
    api.plan = lambda body: Plan(seconds=120)
    hit: list[float] = []

    def fault(video_id: str, n: int) -> Any:
        if video_id == "vid2" and n == 2 and not hit:
            hit.append(clock.now())
            return error_response(429, **{"Retry-After": "20"})
        return None

    api.status_fault = fault
    jobs = [job(i) for i in range(30)]
    async with clock.running():
        results = await collect(client, jobs, max_concurrent_jobs=30)
    assert all(r.ok for r in results)
    assert hit
    during = [(t, m) for t, m, _ in api.requests if hit[0] < t < hit[0] + 20]
    assert during == []  # nobody sent anything while the account was paused
    assert any(t >= hit[0] + 20 for t, _, _ in api.requests)


async def test_the_render_cap_of_the_client_holds_across_runs(
    api: MockHeyGen, clock: VirtualClock
) -> None:
    client = make_client(clock, max_concurrent_jobs=3)
    async with clock.running(), anyio.create_task_group() as group:
        for run in range(2):
            group.start_soon(collect, client, [job(f"{run}-{i}") for i in range(10)])
        group.start_soon(client.generate_video_and_wait, "solo", "Angela", "v-1")
    assert len(api.posts) == 21
    assert api.max_in_flight == 3


async def test_events_tell_each_jobs_story(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.plan = lambda body: Plan(
        seconds=90, outcome="failed" if "doomed" in str(body) else "completed"
    )
    events: list[JobEvent] = []
    async with clock.running():
        await collect(client, [job("a"), job("b", "doomed")], on_event=events.append)
    story = {key: [type(e).__name__ for e in events if e.key == key] for key in ("a", "b")}
    changes = ["JobStatusChanged"] * 3  # waiting, processing, then the terminal status
    # JobSending: the one attempt of each create, right before it left (issue 20).
    assert story["a"] == ["JobSubmitting", "JobSending", "JobSubmitted", *changes, "JobCompleted"]
    assert story["b"] == ["JobSubmitting", "JobSending", "JobSubmitted", *changes, "JobFailed"]
    submitting = next(e for e in events if isinstance(e, JobSubmitting) and e.key == "a")
    assert submitting.callback_id and submitting.body["callback_id"] == submitting.callback_id
    submitted = next(e for e in events if isinstance(e, JobSubmitted) and e.key == "a")
    statuses = [e.status.status for e in events if isinstance(e, JobStatusChanged) and e.key == "a"]
    assert statuses == ["waiting", "processing", "completed"]
    done = next(e for e in events if isinstance(e, JobCompleted))
    assert done.video_id == submitted.video_id and done.status.video_url


async def test_a_raising_callback_is_ignored_but_stops_that_submission(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    def on_event(event: JobEvent) -> None:
        if isinstance(event, JobSubmitting) and event.key == "journal-full":
            raise OSError("disk full")
        if isinstance(event, (JobStatusChanged, JobCompleted)):
            raise RuntimeError("progress bar bug")

    async with clock.running():
        results = {
            r.key: r
            for r in await collect(client, [job("ok"), job("journal-full")], on_event=on_event)
        }
    assert results["ok"].ok
    error = results["journal-full"].error
    assert isinstance(error, HeyGenError) and "not submitted" in str(error)
    assert isinstance(error.__cause__, OSError)
    assert len(api.posts) == 1


async def test_resuming_a_job_waits_without_submitting_again(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.add_video("earlier", Plan(seconds=100))
    events: list[JobEvent] = []
    async with clock.running():
        results = await collect(
            client, [job("r", video_id="earlier"), job("new")], on_event=events.append
        )
    assert {r.key: r.video_id for r in results} == {"r": "earlier", "new": "vid1"}
    assert len(api.posts) == 1
    assert not any(isinstance(e, (JobSubmitting, JobSubmitted)) and e.key == "r" for e in events)


async def test_job_forms_and_callback_ids(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    wire = {
        "video_inputs": [
            {
                "character": {"type": "avatar", "avatar_id": "Angela"},
                "voice": {"type": "text", "voice_id": "v-1", "input_text": "wire form"},
            }
        ]
    }
    jobs: list[Any] = [
        GenerateVideoRequest.model_validate(wire),
        {"key": "wire", **wire, "callback_id": "mine"},
        {"key": "iv", "script": "photo", "image_key": "image/x/original.jpg", "voice_id": "v-1"},
        job("kw", dimension=(1280, 720)),
    ]
    async with clock.running():
        results = {r.key: r for r in await collect(client, jobs)}
    assert all(r.ok for r in results.values()), results
    paths = {body.get("callback_id"): path for path, body in api.posts}
    assert paths["mine"] == "/v2/video/generate"
    assert "/v2/video/av4/generate" in paths.values()
    assert results["wire"].callback_id == "mine"
    assert results[0].callback_id == derive_callback_id(
        0, GenerateVideoRequest.model_validate(wire).to_wire()
    )
    assert results["iv"].callback_id is None
    assert next(b for _, b in api.posts if b.get("dimension"))["dimension"] == {
        "width": 1280,
        "height": 720,
    }


async def test_a_timed_out_job_is_its_result(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    from heygen_async import PollPolicy

    api.plan = lambda body: Plan(seconds=10_000 if "slow" in str(body) else 60)
    async with clock.running():
        results = {
            r.key: r
            for r in await collect(
                client, [job("slow", "slow"), job("quick")], poll=PollPolicy(timeout=300)
            )
        }
    assert results["quick"].ok
    assert isinstance(results["slow"].error, WaitTimeoutError)
    assert results["slow"].status is not None and results["slow"].status.status == "processing"
    assert api.other_calls == []


async def test_jobs_are_pulled_lazily_from_an_endless_iterable(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    pulled = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield job(i)

    run = client.generate_many(endless(), max_concurrent_jobs=5)
    async with clock.running(), aclosing(run) as results:  # type: ignore[type-var]
        got = [r async for r in _take(results, 12)]
    assert len(got) == 12 and all(r.ok for r in got)
    assert pulled <= 12 + 5 + 1


async def test_async_iterable_of_jobs(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    async def jobs() -> AsyncIterator[dict[str, Any]]:
        for i in range(5):
            await clock.sleep(1)
            yield job(i)

    async with clock.running():
        results = await collect(client, jobs())
    assert sorted(r.key for r in results) == [0, 1, 2, 3, 4]


async def test_a_failing_jobs_iterable_lets_started_jobs_finish_then_raises(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    def jobs() -> Iterator[dict[str, Any]]:
        yield job("a")
        yield job("b")
        raise RuntimeError("bad CSV row")

    seen: list[JobResult] = []

    async def consume() -> None:
        async for result in client.generate_many(jobs()):
            seen.append(result)

    async with clock.running():
        with pytest.raises(RuntimeError, match="bad CSV row"):
            await consume()
    assert sorted(r.key for r in seen) == ["a", "b"]


@pytest.mark.parametrize("jobs", [{"script": "x"}, "abc", 42])
async def test_jobs_must_be_an_iterable_of_jobs(client: AsyncHeyGenClient, jobs: Any) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await collect(client, jobs)
    assert caught.value.field == "jobs"


async def _take(results: AsyncIterator[JobResult], n: int) -> AsyncIterator[JobResult]:
    async for result in results:
        yield result
        n -= 1
        if n == 0:
            return


# -- leaving early: on asyncio and trio (run by anyio.run: pytest-asyncio's auto mode
# would otherwise claim every async test for asyncio) ---------------------------------


def run_on(backend: str, test: Any) -> None:
    clock = VirtualClock(start=1000.0, seed=3)
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        api = MockHeyGen(router, clock, plan=lambda body: Plan(seconds=seconds_in(body)))

        async def main() -> None:
            client = make_client(clock)
            try:
                async with clock.running():
                    await test(client, api, clock)
            finally:
                await client.aclose()

        anyio.run(main, backend=backend)


BACKENDS = ["asyncio", "trio"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_breaking_out_stops_the_outstanding_waits(backend: str) -> None:
    async def test(client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock) -> None:
        jobs = [job(i, f"render {30 if i == 0 else 3000}") for i in range(8)]
        async with aclosing(client.generate_many(jobs)) as results:  # type: ignore[type-var]
            async for result in results:
                assert result.key == 0
                first_at = clock.now()
                break
        assert clock.now() - first_at < 1  # closing did not wait for the other renders
        count = len(api.requests)
        await clock.sleep(10_000)
        assert len(api.requests) == count  # nothing polls any more
        assert len(api.posts) == 8 and api.other_calls == []

    run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_breaking_out_without_aclosing_also_stops_them(backend: str) -> None:
    async def test(client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock) -> None:
        jobs = [job(i, f"render {30 if i == 0 else 3000}") for i in range(8)]
        async for _result in client.generate_many(jobs):
            break
        await clock.sleep(60)  # the abandoned generator is finalised by the event loop
        count = len(api.requests)
        assert count < 8 * 10  # the renders of 3000 s were not polled to the end
        await clock.sleep(10_000)
        assert len(api.requests) == count

    run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancelling_the_consumer_stops_the_outstanding_waits(backend: str) -> None:
    async def test(client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock) -> None:
        got: list[JobResult] = []

        async def consume() -> None:
            async for result in client.generate_many([job(i, "render 3000") for i in range(5)]):
                got.append(result)

        async with anyio.create_task_group() as group:
            group.start_soon(consume)
            await clock.sleep(200)
            group.cancel_scope.cancel()
        assert clock.now() == pytest.approx(1200)  # stopped at once, not after the renders
        assert got == []
        count = len(api.requests)
        assert count > 5
        await clock.sleep(10_000)
        assert len(api.requests) == count

    run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_full_run_and_cancelled_wait_on_each_backend(backend: str) -> None:
    async def test(client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock) -> None:
        results = [
            r
            async for r in client.generate_many(
                [job(i, f"render {60 * (5 - i)}") for i in range(5)]
            )
        ]
        assert [r.key for r in results] == [4, 3, 2, 1, 0]
        with anyio.CancelScope() as scope:
            async with anyio.create_task_group() as group:
                group.start_soon(client.wait_for_video, "vid0")
                await clock.sleep(1)
                scope.cancel()
        status = await client.wait_for_video("vid0")
        assert status.is_completed

    run_on(backend, test)
