"""A failed job's reason from its bulk entry reaches every wait on that job, and a
client keeps such reasons for a bounded number of jobs."""

from __future__ import annotations

from typing import Any

import anyio

from heygen_async import JobFailedError
from heygen_async.jobs._failed_entries import FailedEntries
from heygen_async.testing import FakeHeyGen, VirtualClock


async def test_two_waits_on_one_failed_lipsync_both_carry_heygens_code() -> None:
    clock = VirtualClock(start=0.0, seed=5)
    fake = FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=(30.0, 60.0), seed=2)
    client = fake.client(api_version="v3", clock=clock)
    errors: list[Any] = []
    async with client, clock.running():
        made = await client.lipsyncs.create(
            "https://example.com/v.mp4", "https://example.com/a.mp3", title="x [fail]"
        )

        async def wait() -> None:
            try:
                await client.lipsyncs.wait(made.lipsync_id)
            except JobFailedError as error:
                errors.append(error)

        async with anyio.create_task_group() as group:
            group.start_soon(wait)
            group.start_soon(wait)
    assert len(errors) == 2
    codes = {error.code for error in errors}
    assert len(codes) == 1 and None not in codes  # the second wait lost it before


def test_failed_entries_keep_the_newest_and_leave_each_in_place() -> None:
    entries: FailedEntries[str] = FailedEntries(limit=2)
    entries.keep("a", "first")
    entries.keep("b", "second")
    assert entries.get("a") == "first" and entries.get("a") == "first"  # not taken
    entries.keep("c", "third")
    assert (entries.get("a"), entries.get("b"), entries.get("c"), len(entries)) == (
        None,
        "second",
        "third",
        2,
    )
