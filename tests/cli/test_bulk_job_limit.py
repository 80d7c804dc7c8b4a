"""``heygen-async bulk`` against v3's concurrent-job limit, answered as HeyGen does:
429 ``rate_limit_exceeded`` with a fixed ``Retry-After: 1`` on every create beyond
it. No ``--concurrency``: every job must still be made, once."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import anyio
import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import Clock, FakeHeyGen, use_clock

from .conftest import API_KEY, RENDER_SECONDS, TIME_SCALE, Routing, Runner
from .test_bulk import jobs_csv, results


class CompressedClock(Clock):
    """The client's time at the fake's pace (a second lasts a millisecond), so the
    one-second Retry-After costs a millisecond of the suite."""

    def now(self) -> float:
        return time.monotonic() * TIME_SCALE

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds / TIME_SCALE)


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(
        api_keys={API_KEY},
        time_scale=TIME_SCALE,
        render_seconds=RENDER_SECONDS,
        max_concurrent_renders=3,
        job_limit_retry_after=1,
        seed=8,
    )


@pytest.fixture(autouse=True)
def _compressed_client_clock(fake: FakeHeyGen, routing: Routing) -> None:
    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        client = AsyncHeyGenClient(**kwargs, http_client=fake.http_client())
        use_clock(client, CompressedClock())
        return client

    routing.factory = factory


def test_bulk_holds_every_job_through_the_job_limit(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 24)
    out = tmp_path / "out"
    # --timeout far off: a loaded machine may stall the compressed clock for a while.
    result = cli(
        "bulk",
        str(jobs),
        "--out",
        str(out),
        "--json",
        "--no-download",
        "--api-version",
        "v3",
        "--timeout",
        "1000000",
    )

    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"] == {"completed": 24}
    assert {row["status"] for row in results(out)} == {"completed"}
    assert fake.counters.job_limit_rejections > 0  # the run did meet the limit
    assert fake.counters.videos_created == 24
    assert set(fake.counters.generations_by_callback_id.values()) == {1}
