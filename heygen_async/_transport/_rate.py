"""One rate controller per client, shared by every task that uses it.

It holds four things: a limit on requests in flight, a limit on renders in
flight (HeyGen's plan concurrency), a global pause, and a pause of new creates
only (v3's job limit: polls must go on to see jobs finish). When one task sees a 429
(or a 503 with Retry-After), every task waits, not only the one that saw it:
per-task backoff keeps most requests failing under load, a shared pause does not.

While HeyGen refuses creates at the job limit, the job lane is "full": held
creates (``_hold``) then go one at a time (``create_turn``), so a thousand held creates send one
request per Retry-After between them, not a thousand; the first create accepted
opens the lane again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from .._clock import Clock

_NEVER = -float("inf")  # a pause that never was


class RateController:
    def __init__(
        self,
        clock: Clock,
        *,
        max_concurrent_requests: int,
        max_concurrent_jobs: int | None,
    ) -> None:
        self.clock = clock
        self.max_concurrent_requests = max_concurrent_requests
        self.max_concurrent_jobs = max_concurrent_jobs
        self._paused_until = _NEVER
        self._creates_paused_until = _NEVER
        # Created on first use so that they belong to the loop that uses them
        # (the sync facade builds clients on its own loop thread).
        self._request_slots: anyio.Semaphore | None = None
        self._job_slots: anyio.Semaphore | None = None
        self._lane_full = False
        self.last_create_accepted = _NEVER  # when a create last got through (clock time)
        self._lane_turn: anyio.Lock | None = None

    @property
    def paused_for(self) -> float:
        """Seconds left of the current global pause (0 when not paused)."""
        return max(0.0, self._paused_until - self.clock.now())

    def pause_all(self, seconds: float) -> None:
        """Hold every task's next request for ``seconds`` (extends, never shortens)."""
        self._paused_until = max(self._paused_until, self.clock.now() + seconds)

    def pause_creates(self, seconds: float) -> None:
        """Hold new creates (not reads) for ``seconds``: the account's job limit is full."""
        self._creates_paused_until = max(self._creates_paused_until, self.clock.now() + seconds)

    async def wait_while_paused(self, *, create: bool = False) -> None:
        """Return once no pause holds this request (a create also waits for the job lane)."""
        if self._paused_until == _NEVER and (not create or self._creates_paused_until == _NEVER):
            return  # never paused: no clock read
        while True:
            until = max(self._paused_until, self._creates_paused_until if create else -1.0)
            remaining = until - self.clock.now()
            if remaining <= 0:
                return
            await self.clock.sleep(remaining)

    @property
    def job_lane_full(self) -> bool:
        """Whether HeyGen's last answer to a create was a refusal at the job limit."""
        return self._lane_full

    def mark_job_lane(self, *, full: bool) -> None:
        """Note a create refused at the job limit (``full``) or accepted (not full)."""
        self._lane_full = full
        if not full:
            self.last_create_accepted = self.clock.now()

    async def create_turn(self) -> anyio.Lock | None:
        """While the job lane is full, the lock to hold from the pause wait to the
        answer (release it before any other sleep); None while the lane is open."""
        if not self._lane_full:
            return None
        turn = self._lane_turn
        if turn is None:
            turn = self._lane_turn = anyio.Lock()
        await turn.acquire()
        return turn

    def request_slots(self) -> anyio.Semaphore:
        """The semaphore of requests in flight (acquire and release it around a send).

        ``fast_acquire``: a free slot is taken without yielding to the loop first;
        the send that follows yields anyway.
        """
        slots = self._request_slots
        if slots is None:
            slots = self._request_slots = anyio.Semaphore(
                self.max_concurrent_requests, fast_acquire=True
            )
        return slots

    @asynccontextmanager
    async def job_slot(self) -> AsyncIterator[None]:
        """Held from a render's submission until it ends (no-op without a cap)."""
        if self.max_concurrent_jobs is None:
            yield
            return
        if self._job_slots is None:
            self._job_slots = anyio.Semaphore(self.max_concurrent_jobs)
        async with self._job_slots:
            yield
