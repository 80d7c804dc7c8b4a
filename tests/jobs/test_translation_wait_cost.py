"""Issue 21: 30 concurrent translation waits on long renders stay cheap.

Thirty ``client.video_translations.wait`` calls (and one ``wait_many``) on
translations that render for 10 to 20 minutes of fake time must cost at most 1.5
status requests per job, counted on the fake: the bulk ``statuses`` reads shared
by the waits, plus whatever the finished jobs need for their URLs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

from heygen_async import AsyncHeyGenClient, JobFailedError, PollPolicy
from heygen_async.testing import FakeHeyGen, VirtualClock, use_clock

VIDEO_URL = "https://example.com/talk.mp4"
JOBS = 30
LANGUAGES = ["French", "German", "Italian"]


class Reads:
    """Every translation read the client sent (an httpx event hook)."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def __call__(self, request: httpx.Request) -> None:
        if request.method == "GET" and request.url.path.startswith("/v3/video-translations"):
            self.sent.append(request.url.path)


async def _translations(client: AsyncHeyGenClient, fail_every: int = 0) -> list[str]:
    ids: list[str] = []
    for batch in range(JOBS // len(LANGUAGES)):
        fails = fail_every and batch % fail_every == 0
        created = await client.video_translations.create(
            VIDEO_URL, LANGUAGES, title=f"Talk {batch}" + (" [fail]" if fails else "")
        )
        ids += created.video_translation_ids
    return ids


def _fake(clock: VirtualClock, render: Callable[[Any], float] | float) -> FakeHeyGen:
    return FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        render_seconds=render,
        max_concurrent_renders=None,
        seed=3,
    )


async def _wait_each(client: AsyncHeyGenClient, ids: list[str]) -> list[Any]:
    finished: list[Any] = []

    async def wait(job_id: str) -> None:
        try:
            finished.append(await client.video_translations.wait(job_id))
        except JobFailedError as exc:
            finished.append(exc)

    async with anyio.create_task_group() as tasks:
        for job_id in ids:
            tasks.start_soon(wait, job_id)
    return finished


@pytest.mark.parametrize("render", [600.0, 900.0, 1200.0, "spread"])
async def test_thirty_long_translation_waits_cost_at_most_one_and_a_half_reads_each(
    render: float | str,
) -> None:
    clock = VirtualClock(start=1000.0, seed=7)
    # "spread": every job its own render time, 10 to 20 minutes.
    seconds = (lambda rng: rng.uniform(600.0, 1200.0)) if render == "spread" else render
    fake = _fake(clock, seconds)
    reads = Reads()
    http = fake.http_client()
    http.event_hooks["request"].append(reads)
    async with fake.client(api_version="v3", max_retries=0, http_client=http) as client:
        use_clock(client, clock)
        ids = await _translations(client)
        reads.sent.clear()
        async with clock.running():
            finished = await _wait_each(client, ids)
    await http.aclose()
    assert sorted(job.id for job in finished) == sorted(ids)
    assert all(job.video_url for job in finished)
    assert len(reads.sent) <= 1.5 * JOBS, reads.sent


async def test_wait_many_on_long_renders_with_failures_stays_within_the_budget() -> None:
    clock = VirtualClock(start=1000.0, seed=7)
    fake = _fake(clock, lambda rng: rng.uniform(600.0, 1200.0))
    reads = Reads()
    http = fake.http_client()
    http.event_hooks["request"].append(reads)
    async with fake.client(api_version="v3", max_retries=0, http_client=http) as client:
        use_clock(client, clock)
        ids = await _translations(client, fail_every=3)
        reads.sent.clear()
        async with clock.running():
            results = [r async for r in client.video_translations.wait_many(ids)]
    await http.aclose()
    assert sorted(result.job_id for result in results) == sorted(ids)
    failed = [result for result in results if not result.ok]
    assert failed and all(isinstance(result.error, JobFailedError) for result in failed)
    assert all(result.status.video_url for result in results if result.ok)
    assert len(reads.sent) <= 1.5 * JOBS, reads.sent


async def _longest_gap_between_reads(policy: PollPolicy) -> float:
    """The longest stretch of fake time with no translation read while one 20-minute
    translation is waited for with ``policy``."""
    clock = VirtualClock(start=1000.0, seed=7)
    fake = _fake(clock, 1200.0)
    reads: list[float] = []

    async def when_read(request: httpx.Request) -> None:
        if request.method == "GET" and request.url.path.startswith("/v3/video-translations"):
            reads.append(clock.now())

    http = fake.http_client()
    http.event_hooks["request"].append(when_read)
    async with fake.client(api_version="v3", max_retries=0, http_client=http) as client:
        use_clock(client, clock)
        created = await client.video_translations.create(VIDEO_URL, ["French"], title="One")
        async with clock.running():
            await client.video_translations.wait(created.video_translation_ids[0], poll=policy)
    await http.aclose()
    return max(later - earlier for earlier, later in itertools.pairwise(reads))


async def test_a_cap_set_below_the_default_is_kept_for_translations() -> None:
    """A translation wait's interval grows past ``max_interval`` (up to 4x, to save
    reads), but a cap set below the default asks for news sooner: it is kept."""
    default = PollPolicy(jitter=0.0, timeout=None)
    assert await _longest_gap_between_reads(default) > 2 * default.max_interval
    quick = PollPolicy(max_interval=10.0, jitter=0.0, timeout=None)
    assert await _longest_gap_between_reads(quick) <= quick.max_interval * 1.5
