"""A clock a test moves by hand, so renders progress without real waiting."""

from __future__ import annotations


class ManualClock:
    """A clock that only moves when told to.

    Pass it to ``FakeHeyGen(clock=...)``; the fake reads it on every request and
    computes each video's state from it, so a test can jump over a render::

        clock = ManualClock()
        fake = FakeHeyGen(clock=clock)
        ...  # submit a video: it is "pending"
        clock.advance(20 * 60)  # twenty minutes later (times the fake's time_scale)
        ...  # the video is "completed"

    The unit is the clock's own second; the fake multiplies it by ``time_scale``.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        """Move the clock forward by ``seconds`` (never backward) and return the new time."""
        if seconds < 0:
            raise ValueError(f"a clock only moves forward; got {seconds!r} seconds")
        self._now += seconds
        return self._now

    def __repr__(self) -> str:
        return f"ManualClock(now={self._now!r})"
