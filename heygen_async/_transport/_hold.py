"""Holding a create at HeyGen's concurrent-job limit, until a deadline the caller set.

v3 refuses a create beyond the account's concurrent-job limit with 429
``rate_limit_exceeded`` and a ``Retry-After`` that need not match when a render
slot frees. A workflow that will wait for its video anyway (``generate_many``,
the ``_and_wait`` methods, ``heygen-async bulk``) opens a ``hold_at_job_limit``
scope around its create; the transport then resends that create, with the same
Idempotency-Key, after each such refusal until it is accepted or the deadline
passes, and never counts those refusals against ``max_retries``. Outside such a
scope (a plain ``generate_video``) a job-limit 429 is retried like any 429, at
most ``max_retries`` times.

The deadline measures a stuck limit, not a long line: it passes when ``timeout``
seconds go by, since the hold began or since HeyGen last accepted a create of
this client (whichever is later), with this create still refused. A bulk run of
thousands of jobs through a limit of 5 keeps moving and never trips it; an
account whose renders never finish (or whose slots another program takes) does.

A context variable carries the scope, as ``_call.CURRENT_CALL`` carries a call's
options, so no backend signature changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .._clock import Clock


@dataclass(frozen=True, slots=True)
class JobLimitHold:
    """A create may be held at the job limit for ``budget`` seconds without progress
    (None: until accepted), counted from ``started`` (on the client's clock)."""

    started: float
    budget: float | None

    def remaining(self, now: float, last_accepted: float) -> float | None:
        """Seconds left before the deadline, given when the client's last create was
        accepted (None: no deadline)."""
        if self.budget is None:
            return None
        return max(self.started, last_accepted) + self.budget - now


CREATE_HOLD: ContextVar[JobLimitHold | None] = ContextVar("heygen_async_create_hold", default=None)


@contextmanager
def hold_at_job_limit(clock: Clock, timeout: float | None) -> Iterator[JobLimitHold]:
    """Hold the creates sent inside at the job limit until ``timeout`` seconds pass
    without progress (None: until accepted)."""
    hold = JobLimitHold(clock.now(), timeout)
    token = CREATE_HOLD.set(hold)
    try:
        yield hold
    finally:
        CREATE_HOLD.reset(token)


__all__ = ["CREATE_HOLD", "JobLimitHold", "hold_at_job_limit"]
