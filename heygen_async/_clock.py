"""The time and jitter source every sleep, deadline and backoff goes through.

The default reads the event loop's clock (``anyio.current_time``, monotonic, and
virtual under trio's ``MockClock``) and sleeps with ``anyio.sleep``. Tests swap in
a virtual clock, so a 20-minute poll runs in milliseconds.
"""

from __future__ import annotations

import random

import anyio


class Clock:
    """Monotonic time, sleeping and the random numbers used for jitter.

    Public as ``heygen_async.testing.Clock``: a test subclasses it (or takes a
    ``VirtualClock``) and hands it to ``use_clock(client, clock)``.
    """

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()

    def now(self) -> float:
        """Seconds on a monotonic clock (the running event loop's)."""
        return anyio.current_time()

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a negative wait is none)."""
        await anyio.sleep(max(0.0, seconds))

    def uniform(self, low: float, high: float) -> float:
        """A random number from ``low`` to ``high``: the jitter of waits and back-offs."""
        return self._rng.uniform(low, high)
