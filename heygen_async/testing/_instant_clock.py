"""A clock whose sleeps pass at once, for code that runs its own event loop."""

from __future__ import annotations

import random
from typing import Literal

import anyio.lowlevel

from .._clock import Clock

Jitter = Literal["random", "low", "high"]


class InstantClock(Clock):
    """A ``Clock`` whose every sleep returns at once, moving ``now()`` on by its
    seconds and recording them in ``sleeps``.

    Where ``VirtualClock`` needs its ``running()`` block around the code under test,
    this one needs nothing, so it suits code that starts its own event loop: the
    command line's ``heygen_async.cli.main`` or the sync ``HeyGenClient``. Sleepers do
    not wait for one another: each wakes when it yields, so concurrent deadlines are
    not kept in order (a ``VirtualClock`` keeps them)::

        clock = InstantClock()
        main(["wait", video_id], client_factory=functools.partial(fake.client, clock=clock))
        assert clock.sleeps  # the polls' intervals, none of them waited for

    Args:
        start: the first ``now()``, in seconds.
        jitter: ``"random"`` (as in production), or ``"low"`` / ``"high"`` to pin
            every jittered delay to its range's bound, so that delays are exact.
        rng: the random source of ``"random"`` jitter (seed it for repeatable runs).
    """

    def __init__(
        self, start: float = 0.0, *, jitter: Jitter = "random", rng: random.Random | None = None
    ) -> None:
        if jitter not in ("random", "low", "high"):
            raise ValueError(f"jitter: must be 'random', 'low' or 'high' (got {jitter!r})")
        super().__init__(rng)
        self.time = start
        """The current time, in seconds; set it to jump."""
        self.jitter: Jitter = jitter
        self.sleeps: list[float] = []
        """Every sleep asked for, in order, as given (a negative one passes as none)."""

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += max(0.0, seconds)
        await anyio.lowlevel.checkpoint()  # a sleep still lets other tasks run

    def uniform(self, low: float, high: float) -> float:
        if self.jitter == "low":
            return low
        if self.jitter == "high":
            return high
        return super().uniform(low, high)


__all__ = ["InstantClock", "Jitter"]
