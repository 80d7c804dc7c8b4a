"""How often and for how long a wait polls a video's status."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .._constants import (
    POLL_FIRST_DELAY,
    POLL_INITIAL_INTERVAL,
    POLL_JITTER,
    POLL_MAX_FAILURES,
    POLL_MAX_INTERVAL,
    POLL_MULTIPLIER,
    POLL_TIMEOUT,
)
from .._errors import InvalidRequestError


@dataclass(frozen=True)
class PollPolicy:
    """Backoff polling: the first check after ``first_delay`` (for a video this client
    has just submitted; a wait on a given id checks at once), then intervals growing by
    ``multiplier`` from ``initial_interval`` up to ``max_interval``, each jittered by
    ``x U(1 - jitter, 1 + jitter)``; give up after ``timeout`` seconds, or after
    ``max_poll_failures`` status checks failing in a row.

    ::

        client = AsyncHeyGenClient(poll=PollPolicy.economy())
        await client.wait_for_video(video_id, poll=PollPolicy(timeout=600))
    """

    first_delay: float = POLL_FIRST_DELAY
    """Seconds before the first status check of a video this client has just submitted
    (renders never finish instantly). A wait on an id it was given (``wait_for_video``,
    ``wait_for_videos``, a ``generate_many`` job with a ``video_id``) checks at once."""
    initial_interval: float = POLL_INITIAL_INTERVAL
    """Seconds between the first and second checks."""
    multiplier: float = POLL_MULTIPLIER
    """Growth of the interval after each check."""
    max_interval: float = POLL_MAX_INTERVAL
    """Cap on the interval. One kind stretches it: a video translation, which runs
    for many minutes, goes on growing its interval up to 4x this cap (its waits then
    cost under one status request each; docs/waiting.md), unless the cap is set
    below the default: a lower cap is kept as given, for every kind."""
    jitter: float = POLL_JITTER
    """Relative spread of each interval (0.2 = x U(0.8, 1.2)), so waits don't synchronise."""
    timeout: float | None = POLL_TIMEOUT
    """Deadline of one wait in seconds (monotonic clock); None waits without limit."""
    max_poll_failures: int = POLL_MAX_FAILURES
    """Consecutive failed status checks that end the wait."""

    def __post_init__(self) -> None:
        checks = {
            "first_delay": (self.first_delay, 0.0),
            "initial_interval": (self.initial_interval, 0.001),
            "max_interval": (self.max_interval, 0.001),
            "multiplier": (self.multiplier, 1.0),
        }
        for name, (value, low) in checks.items():
            if not isinstance(value, (int, float)) or math.isnan(value) or value < low:
                raise InvalidRequestError(
                    f"PollPolicy.{name}: must be a number >= {low} (got {value!r})",
                    field=name,
                    allowed=f">= {low}",
                )
        if not 0.0 <= self.jitter < 1.0:
            raise InvalidRequestError(
                f"PollPolicy.jitter: must be from 0 to below 1 (got {self.jitter!r})",
                field="jitter",
                allowed="0 <= jitter < 1",
            )
        if self.timeout is not None and not self.timeout > 0:
            raise InvalidRequestError(
                f"PollPolicy.timeout: must be > 0 seconds or None (got {self.timeout!r})",
                field="timeout",
                allowed="> 0 or None",
            )
        if self.max_poll_failures < 1:
            raise InvalidRequestError(
                f"PollPolicy.max_poll_failures: must be >= 1 (got {self.max_poll_failures!r})",
                field="max_poll_failures",
                allowed=">= 1",
            )

    # Calibrated by `python -m benchmarks --only polling`: the real poller on virtual time,
    # 1,000 renders lasting log-uniform 30 s to 20 min. Mean status requests per
    # video / mean delay between the render's end and the check that saw it:
    #   default   15.8 requests, 13.0 s   (naive fixed 5 s polling: 64.4, 2.6 s)
    #   fast()    29.3 requests,  7.2 s
    #   economy()  7.9 requests, 24.2 s

    @classmethod
    def fast(cls) -> PollPolicy:
        """About half the detection delay of the default, for about twice the requests.

        Simulated on renders of 30 s to 20 min: 7.2 s mean delay between a render's
        end and its detection and 29.3 status requests per video (default: 13.0 s,
        15.8 requests). For interactive use, where a person watches the result.
        """
        return cls(first_delay=2.0, initial_interval=2.0, multiplier=1.2, max_interval=15.0)

    @classmethod
    def economy(cls) -> PollPolicy:
        """About half the requests of the default, for a longer detection delay.

        Simulated on renders of 30 s to 20 min: 7.9 status requests per video and a
        24.2 s mean detection delay (default: 15.8 requests, 13.0 s). For large bulk
        runs where nobody waits on one video.
        """
        return cls(first_delay=30.0, initial_interval=20.0, multiplier=1.3, max_interval=60.0)

    def with_timeout(self, timeout: float | None) -> PollPolicy:
        """This policy with another deadline (None waits without limit)."""
        return replace(self, timeout=timeout)

    def interval(self, check_number: int) -> float:
        """The un-jittered delay before check ``check_number`` (0 = the first check)."""
        if check_number <= 0:
            return self.first_delay
        grown = self.initial_interval * self.multiplier ** (check_number - 1)
        return min(self.max_interval, grown)
