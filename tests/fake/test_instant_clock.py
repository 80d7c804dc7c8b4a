"""``heygen_async.testing.InstantClock``: sleeps pass at once, move ``now()`` on, are
recorded, and still let other tasks run; jitter can be pinned."""

from __future__ import annotations

import random

import anyio
import pytest

from heygen_async.testing import InstantClock


async def test_a_sleep_passes_at_once_moves_the_time_and_is_recorded() -> None:
    clock = InstantClock(100.0)
    before = anyio.current_time()
    await clock.sleep(600)
    await clock.sleep(-5)  # a negative sleep is none, but still recorded as asked
    assert clock.now() == 700.0
    assert clock.sleeps == [600, -5]
    assert anyio.current_time() - before < 60  # not ten real minutes


async def test_a_sleep_lets_the_other_tasks_run() -> None:
    clock = InstantClock()
    order: list[str] = []

    async def sleeper() -> None:
        await clock.sleep(1)
        order.append("sleeper woke")

    async def other() -> None:
        order.append("other ran")

    async with anyio.create_task_group() as group:
        group.start_soon(sleeper)
        group.start_soon(other)
    assert order == ["other ran", "sleeper woke"]


@pytest.mark.parametrize(("jitter", "expected"), [("low", 2.0), ("high", 3.0)])
def test_pinned_jitter_gives_the_range_bound(jitter: str, expected: float) -> None:
    clock = InstantClock(jitter=jitter)  # type: ignore[arg-type]
    assert {clock.uniform(2.0, 3.0) for _ in range(20)} == {expected}


def test_random_jitter_comes_from_the_given_source() -> None:
    drawn = [InstantClock(rng=random.Random(7)).uniform(0, 1) for _ in range(2)]
    assert drawn[0] == drawn[1] == random.Random(7).uniform(0, 1)
    assert 0 <= drawn[0] <= 1


def test_an_unknown_jitter_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="'random', 'low' or 'high'"):
        InstantClock(jitter="none")  # type: ignore[arg-type]
