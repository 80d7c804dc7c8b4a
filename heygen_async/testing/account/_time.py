"""The account's time: fake ("HeyGen") seconds derived from an injected clock."""

from __future__ import annotations

from collections.abc import Callable


class FakeTime:
    """Fake seconds = (clock() - clock at start) x ``time_scale``; Unix time adds ``epoch``.

    ``time_scale`` may change while the fake runs (the fake time then jumps, as a
    test that slows a fake down expects: renders that were seconds away become
    minutes away).
    """

    def __init__(self, clock: Callable[[], float], time_scale: float, epoch: float) -> None:
        if time_scale <= 0:
            raise ValueError(f"time_scale must be > 0, got {time_scale!r}")
        self._clock = clock
        self._start = clock()
        self.time_scale = float(time_scale)
        self.epoch = float(epoch)

    def now(self) -> float:
        """Fake seconds since the account was created."""
        return (self._clock() - self._start) * self.time_scale

    def unix_now(self) -> float:
        """The fake's Unix time (``epoch`` + ``now()``)."""
        return self.epoch + self.now()

    def unix(self, fake_seconds: float) -> int:
        """A fake timestamp as whole Unix seconds (what ``created_at`` fields carry)."""
        return int(self.epoch + fake_seconds)

    def real_seconds(self, fake_seconds: float) -> float:
        """How long ``fake_seconds`` take on the injected clock (for Retry-After)."""
        return fake_seconds / self.time_scale
