"""v3's concurrent-job limit, as HeyGen answers it: every create beyond the limit gets
429 ``rate_limit_exceeded`` with a fixed ``Retry-After`` that says nothing about when
a render slot frees. The workflows that wait for their videos anyway
(``generate_many``, the ``_and_wait`` twins) hold such a create, resending the same
Idempotency-Key, until a slot frees or their timeout passes without progress; a
plain ``generate_video`` stays bounded by ``max_retries``. All on virtual time.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from heygen_async import AsyncHeyGenClient, PollPolicy, RateLimitError
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_VOICE_ID,
    Clock,
    FakeHeyGen,
    Fault,
    FaultPlan,
    VirtualClock,
)

RENDER = (30.0, 120.0)


def job_limit_fake(
    clock: VirtualClock, limit: int, *, render: Any = RENDER, faults: FaultPlan | None = None
) -> FakeHeyGen:
    """HeyGen-like: ``limit`` renders at a time, ``Retry-After: 1`` on every refusal."""
    return FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=render,
        max_concurrent_renders=limit,
        job_limit_retry_after=1,
        faults=faults,
        seed=11,
    )


class CreateLog(httpx.AsyncBaseTransport):
    """The fake's transport, noting each create's Idempotency-Key and answer."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.answers: dict[str, list[int]] = defaultdict(list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.startswith("/v3/videos"):
            self.answers[request.headers["idempotency-key"]].append(response.status_code)
        return response


@asynccontextmanager
async def v3_client(
    fake: FakeHeyGen, clock: VirtualClock, log: CreateLog | None = None, **options: Any
) -> AsyncIterator[AsyncHeyGenClient]:
    transport = log if log is not None else fake.transport()
    client = fake.client(
        api_version="v3",
        http_client=httpx.AsyncClient(transport=transport),
        **options,
        clock=clock,
    )
    async with client, clock.running():
        yield client


def jobs(count: int, script: str = "Video {n}") -> list[dict[str, Any]]:
    return [
        {
            "key": n,
            "script": script.format(n=n),
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        }
        for n in range(count)
    ]


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=0.0, seed=5)


@pytest.fixture(autouse=True)
def _v3_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workflow tests' conftest sets v2; these are about v3's job limit."""
    monkeypatch.setenv("HEYGEN_API_VERSION", "v3")


async def test_sixty_jobs_through_a_limit_of_five_all_complete_once(clock: VirtualClock) -> None:
    """The issue's case: before, 40 of the 60 jobs failed with RateLimitError."""
    fake = job_limit_fake(clock, 5)
    log = CreateLog(fake.transport())
    async with v3_client(fake, clock, log) as client:
        results = [result async for result in client.generate_many(jobs(60))]
        elapsed = clock.now()

    assert [r.key for r in results if not r.ok] == []
    assert sorted(r.key for r in results) == list(range(60))
    assert fake.counters.videos_created == 60
    assert set(fake.counters.generations_by_callback_id.values()) == {1}
    refused = fake.counters.job_limit_rejections
    assert refused > 60 * 3  # far more refusals than max_retries would have survived
    # Every resend of a create carried its first key, and each key was accepted once.
    assert len(log.answers) == 60
    assert all(codes[-1] == 200 and codes.count(200) == 1 for codes in log.answers.values())
    assert sum(len(codes) for codes in log.answers.values()) == 60 + refused
    # No hammering: once the lane is full, creates go one at a time, each after at
    # least one second; only the first wave (60 at once) is refused together.
    assert refused <= elapsed + 60


async def test_a_stuck_limit_fails_each_job_at_its_timeout_not_before(
    clock: VirtualClock,
) -> None:
    """Renders that outlast the jobs' timeout: the held jobs fail with RateLimitError
    once the limit made no progress for that long, and none is created."""
    fake = job_limit_fake(clock, 1, render=10_000.0)
    async with v3_client(fake, clock, max_retries=2) as client:
        await client.generate_video("Blocker", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        policy = PollPolicy(timeout=120.0)
        results = [r async for r in client.generate_many(jobs(3), poll=policy)]
        elapsed = clock.now()

    assert {type(r.error) for r in results} == {RateLimitError}
    assert all(r.video_id is None for r in results)
    assert "120 s timeout" in str(results[0].error)
    assert "not created" in str(results[0].error)
    assert 120.0 <= elapsed < 125.0
    assert fake.counters.videos_created == 1
    # Held far beyond max_retries=2 before the deadline.
    assert fake.counters.job_limit_rejections > 3 * 10


async def test_the_and_wait_twins_hold_through_the_limit(clock: VirtualClock) -> None:
    fake = job_limit_fake(clock, 2)
    done: list[str] = []
    async with v3_client(fake, clock) as client:

        async def talk(n: int) -> None:
            status = await client.generate_video_and_wait(
                f"Talk {n}", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, timeout=600
            )
            assert status.is_completed
            done.append(status.video_id)

        async def portrait(n: int) -> None:
            status = await client.generate_avatar_iv_video_and_wait(
                f"Portrait {n}", SAMPLE_IMAGE_ASSET_ID, SAMPLE_VOICE_ID, timeout=600
            )
            assert status.is_completed
            done.append(status.video_id)

        async with anyio.create_task_group() as group:
            for n in range(6):
                group.start_soon(talk, n)
                group.start_soon(portrait, n)

    assert len(set(done)) == 12
    assert fake.counters.videos_created == 12
    assert fake.counters.job_limit_rejections > 12 * 3


async def test_and_wait_fails_with_rate_limit_error_when_the_limit_stays_full(
    clock: VirtualClock,
) -> None:
    fake = job_limit_fake(clock, 1, render=10_000.0)
    async with v3_client(fake, clock, max_retries=1) as client:
        await client.generate_video("Blocker", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        started = clock.now()
        with pytest.raises(RateLimitError, match="30 s timeout") as caught:
            await client.generate_video_and_wait(
                "Never", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, timeout=30
            )
        waited = clock.now() - started

    assert caught.value.status_code == 429
    assert 30.0 <= waited < 31.0
    assert fake.counters.videos_created == 1
    assert fake.counters.job_limit_rejections > 10


async def test_a_plain_generate_video_stays_bounded_by_max_retries(
    clock: VirtualClock,
) -> None:
    """Outside a workflow that waits, a refusal at the job limit is an ordinary 429."""
    fake = job_limit_fake(clock, 1, render=10_000.0)
    async with v3_client(fake, clock, max_retries=2) as client:
        await client.generate_video("Blocker", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        with pytest.raises(RateLimitError):
            await client.generate_video("Refused", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)

    assert fake.counters.job_limit_rejections == 3  # the first try and 2 retries


async def test_an_ordinary_429_on_a_read_still_counts_against_max_retries(
    clock: VirtualClock,
) -> None:
    """Holding is for creates at the job limit only: a status read answered 429
    inside a workflow is retried max_retries times, then the wait fails."""
    fake = job_limit_fake(clock, 5)
    fake.faults.add("status", Fault.rate_limit(retry_after=1), share=1.0)
    fake.faults.add("statuses", Fault.rate_limit(retry_after=1), share=1.0)
    async with v3_client(fake, clock, max_retries=1) as client:
        policy = PollPolicy(timeout=3600.0, max_poll_failures=1)
        results = [r async for r in client.generate_many(jobs(1), poll=policy)]

    assert not results[0].ok
    assert results[0].video_id is not None  # created once; only the wait failed
    reads = fake.counters.requests["status"] + fake.counters.requests["statuses"]
    assert reads == 2  # one try and one retry
    assert fake.counters.videos_created == 1


async def test_hundreds_of_jobs_under_faults_lose_none_and_pay_once(
    clock: VirtualClock,
) -> None:
    """A limit of 10, a fixed Retry-After, and faults on every API endpoint: 5xx
    (some after the video was made), dropped connections before and after, and
    answers that come after the client's timeout."""
    faults = FaultPlan(4)
    faults.add("*", Fault.server_error(503), share=0.03)
    faults.add("*", Fault.html_error(502), share=0.02)
    faults.add("*", Fault.drop_before(), share=0.02)
    faults.add("*", Fault.drop_after(), share=0.02)
    faults.add("generate", Fault.server_error(500, after_processing=True), share=0.03)
    faults.add("generate", Fault.latency(0.2, after_processing=True), share=0.01)
    faults.add("statuses", Fault.latency(0.2), share=0.01)
    fake = job_limit_fake(clock, 10, faults=faults)
    log = CreateLog(fake.transport())
    async with v3_client(fake, clock, log, timeout=0.05) as client:
        results = [result async for result in client.generate_many(jobs(300))]

    failed = Counter(
        (type(r.error).__name__, r.video_id is None, str(r.error)[:80]) for r in results if not r.ok
    )
    assert failed == Counter()
    assert fake.counters.videos_created == 300
    assert set(fake.counters.generations_by_callback_id.values()) == {1}
    assert fake.counters.job_limit_rejections > 300
    assert sum(count for (_, kind), count in fake.counters.faults.items()) > 50
    assert len(log.answers) == 300


class CompressedClock(Clock):
    """Real time run 1000 times faster (a second lasts a millisecond): unlike the
    virtual clock, which wakes its sleepers one by one, tasks due at one moment wake
    together, as they do against HeyGen."""

    def now(self) -> float:
        return time.monotonic() * 1000

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds / 1000)


class LaneWatch(httpx.AsyncBaseTransport):
    """Counts the resent creates (a key sent before) in flight at once."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.keys: set[str] = set()
        self.in_flight = 0
        self.most_in_flight = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("idempotency-key")
        if request.method != "POST" or key not in self.keys:
            self.keys.add(key or "")
            return await self.inner.handle_async_request(request)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await anyio.sleep(0.001)  # a request takes time on the wire
            return await self.inner.handle_async_request(request)
        finally:
            self.in_flight -= 1


async def test_held_creates_go_one_at_a_time_while_the_lane_is_full() -> None:
    """Thirty creates held at once must not all resend when the Retry-After ends:
    one at a time, until HeyGen accepts one (a create refused just as another was
    accepted may go beside the one whose turn it is)."""
    fake = FakeHeyGen(
        time_scale=1000.0,
        render_seconds=RENDER,
        max_concurrent_renders=2,
        job_limit_retry_after=1,
        seed=12,
    )
    watch = LaneWatch(fake.transport())
    client = fake.client(
        api_version="v3",
        http_client=httpx.AsyncClient(transport=watch),
        poll=PollPolicy(timeout=None),  # the real clock may stall on a loaded machine
        clock=CompressedClock(),
    )
    async with client:
        first = await client.generate_video("First", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        await client.generate_video("Second", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        results = [result async for result in client.generate_many(jobs(30))]

    assert first.video_id
    assert all(result.ok for result in results)
    assert fake.counters.job_limit_rejections > 30
    assert 1 <= watch.most_in_flight <= 3  # without the turns: all 28 held at once


async def test_a_zero_retry_after_still_waits_a_second_between_tries(
    clock: VirtualClock,
) -> None:
    fake = FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=10_000.0,
        max_concurrent_renders=1,
        job_limit_retry_after=0,
        seed=13,
    )
    async with v3_client(fake, clock) as client:
        await client.generate_video("Blocker", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        with pytest.raises(RateLimitError):
            await client.generate_video_and_wait(
                "Never", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, timeout=30
            )

    assert 10 < fake.counters.job_limit_rejections <= 31


async def test_a_plain_create_does_not_queue_behind_held_ones(clock: VirtualClock) -> None:
    """Twenty jobs hold at a stuck limit; a plain generate_video sent meanwhile still
    ends after its own max_retries, not after the held creates' turns."""
    fake = job_limit_fake(clock, 1, render=10_000.0)
    async with v3_client(fake, clock, max_retries=1) as client:
        await client.generate_video("Blocker", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        policy = PollPolicy(timeout=600.0)
        ended: dict[str, float] = {}

        async def bulk() -> None:
            async for _ in client.generate_many(jobs(20), poll=policy):
                pass
            ended["bulk"] = clock.now()

        async def plain() -> None:
            await clock.sleep(5.0)  # the lane is full and the jobs are queued by now
            with pytest.raises(RateLimitError):
                await client.generate_video("Alone", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
            ended["plain"] = clock.now()

        async with anyio.create_task_group() as group:
            group.start_soon(bulk)
            group.start_soon(plain)

    assert ended["plain"] < 15.0 < 600.0 <= ended["bulk"]


async def test_translation_and_agent_jobs_are_held_at_the_job_limit_not_failed(
    clock: VirtualClock,
) -> None:
    """Translations and agent sessions count at HeyGen's job limit: generate_many
    holds their creates as it holds a video's, and each completes, billed once."""
    fake = job_limit_fake(clock, 1)
    talk = "https://example.com/talk.mp4"
    mixed = [
        *(
            {"key": f"t{n}", "video": talk, "output_languages": ["French"], "title": f"T{n}"}
            for n in range(3)
        ),
        {"key": "agent", "prompt": "A 30 second tour of our app"},
    ]
    async with v3_client(fake, clock) as client:
        results = {r.key: r async for r in client.generate_many(mixed)}

    assert {k: r.error for k, r in results.items() if not r.ok} == {}
    assert fake.counters.job_limit_rejections > 0
    assert fake.counters.jobs_created["video_translation"] == 3
    assert fake.counters.videos_created == 1
