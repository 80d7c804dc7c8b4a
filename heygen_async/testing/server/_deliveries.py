"""The fake's webhook deliveries: signed POSTs over real HTTP when its jobs finish.

``fake.deliveries`` sends what the account's ``WebhookBook`` has due: each event
to every registered endpoint that wants it (signed with the endpoint's secret
under ``scheme``), and unsigned to a video's ``callback_url``. A delivery answered
with anything but 2xx (or not answered) is tried again after ``retry_after``
fake seconds, up to ``max_attempts`` in all. Every attempt is recorded.

Nothing runs by itself (the fake has no timers): ``await deliver_due()`` sends
what is due now, and ``run()`` keeps doing so as time passes (a task in your
event loop; the loopback server runs one in its thread)::

    async with anyio.create_task_group() as group:
        group.start_soon(fake.deliveries.run, clock.sleep)   # virtual time
        ...
        group.cancel_scope.cancel()

Knobs, to stage trouble: ``drop`` (share of attempts silently lost), ``duplicate``
(share sent twice), ``delay`` (fake seconds added to each first attempt),
``paused`` (nothing is sent until it is False again; deliveries wait).
"""

from __future__ import annotations

import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import anyio
import httpx

from ...webhooks._verify import DEFAULT_SCHEME, SignatureScheme
from ..account._webhooks import PendingDelivery

if TYPE_CHECKING:
    from ..account import Account

Sleep = Callable[[float], Awaitable[None]]
# Fake seconds before each retry of a failed delivery (then the last one repeats).
RETRY_AFTER = (5.0, 30.0, 120.0, 600.0)
MAX_ATTEMPTS = 5
DELIVERY_TIMEOUT = 10.0
MIN_WAIT = 0.001


@dataclass(frozen=True)
class DeliveryRecord:
    """One delivery attempt, as the fake made it."""

    event_id: str
    event_type: str
    url: str
    attempt: int
    at: float  # fake seconds
    signed: bool
    status_code: int | None = None  # None: no answer (see ``error``), or dropped
    error: str | None = None
    dropped: bool = False
    duplicate: bool = False

    @property
    def delivered(self) -> bool:
        """Answered 2xx."""
        return self.status_code is not None and 200 <= self.status_code < 300


class Deliveries:
    """Sends the account's webhook deliveries (see the module docstring)."""

    def __init__(self, account: Account, seed: int) -> None:
        self._account = account
        self._rng = random.Random(f"{seed}:deliveries")
        self.scheme: SignatureScheme = DEFAULT_SCHEME
        """How deliveries to registered endpoints are signed."""
        self.drop = 0.0
        """Share of attempts lost on the way (recorded with ``dropped=True``)."""
        self.duplicate = 0.0
        """Share of attempts sent twice."""
        self.delay = 0.0
        """Fake seconds between a job's end and its first delivery attempt."""
        self.paused = False
        """While True nothing is sent; what falls due waits."""
        self.retry_after: tuple[float, ...] = RETRY_AFTER
        self.max_attempts = MAX_ATTEMPTS
        self.records: list[DeliveryRecord] = []
        """Every attempt, in order."""
        self.http_client: httpx.AsyncClient | None = None
        """The client deliveries go out with (default: a fresh one per round)."""

    # -- sending ---------------------------------------------------------------------

    async def deliver_due(self) -> int:
        """Send every delivery due now; returns how many attempts were made."""
        if self.paused:
            return 0
        book = self._account.webhooks
        now = self._account.time.now()
        book.announce_due(now)
        due = book.due(now)
        if not due:
            return 0
        if self.http_client is not None:
            await self._send_all(self.http_client, due, now)
        else:
            async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT) as client:
                await self._send_all(client, due, now)
        return len(due)

    async def _send_all(
        self, client: httpx.AsyncClient, due: list[PendingDelivery], now: float
    ) -> None:
        book = self._account.webhooks
        for delivery in due:
            if delivery.attempt == 1 and not delivery.delayed and self.delay > 0:
                book.queue(replace(delivery, due=now + self.delay, delayed=True))
                continue
            await self._attempt(client, delivery, now)
            if self.duplicate and self._rng.random() < self.duplicate:
                await self._attempt(client, delivery, now, duplicate=True)

    async def _attempt(
        self,
        client: httpx.AsyncClient,
        delivery: PendingDelivery,
        now: float,
        *,
        duplicate: bool = False,
    ) -> None:
        event = delivery.event
        record = DeliveryRecord(
            event.event_id,
            event.event_type,
            delivery.url,
            delivery.attempt,
            now,
            signed=delivery.secret is not None,
            duplicate=duplicate,
        )
        if self.drop and self._rng.random() < self.drop:
            self.records.append(replace(record, dropped=True))
            self._retry(delivery, now, duplicate)
            return
        body = json.dumps(event.body(), separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", "User-Agent": "heygen-fake-webhooks"}
        if delivery.secret is not None:
            headers.update(self.scheme.sign(body, delivery.secret, timestamp=self._unix(now)))
        try:
            answer = await client.post(delivery.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            self.records.append(replace(record, error=f"{type(exc).__name__}: {exc}"))
            self._retry(delivery, now, duplicate)
            return
        self.records.append(replace(record, status_code=answer.status_code))
        if not 200 <= answer.status_code < 300:
            self._retry(delivery, now, duplicate)

    def _retry(self, delivery: PendingDelivery, now: float, duplicate: bool) -> None:
        if duplicate or delivery.attempt >= self.max_attempts:
            return  # a duplicate is not retried: its original is
        wait = self.retry_after[min(delivery.attempt, len(self.retry_after)) - 1]
        book = self._account.webhooks
        book.queue(
            replace(delivery, due=now + wait, order=book.next_order(), attempt=delivery.attempt + 1)
        )

    def _unix(self, now: float) -> float:
        return self._account.time.epoch + now

    # -- running -----------------------------------------------------------------------

    async def run(self, sleep: Sleep | None = None, *, idle: float = 1.0) -> None:
        """Deliver as time passes, until cancelled. ``sleep`` waits that many seconds
        of the fake's clock (``VirtualClock.sleep`` for virtual time; default real
        time); ``idle`` caps each sleep, so that new jobs are noticed."""
        pause = sleep or anyio.sleep
        time = self._account.time
        while True:
            await self.deliver_due()
            next_due = self._account.webhooks.next_due()
            wait = idle
            if next_due is not None and not self.paused:
                wait = min(idle, time.real_seconds(next_due - time.now()))
            # Never less than a millisecond: a wait that rounding leaves at 1e-13 s
            # would not move a virtual clock at all.
            await pause(max(wait, MIN_WAIT))

    # -- inspection -----------------------------------------------------------------------

    def delivered(self, url: str | None = None) -> list[DeliveryRecord]:
        """The attempts answered 2xx (to ``url`` only, when given)."""
        return [r for r in self.records if r.delivered and (url is None or r.url == url)]

    def summary(self) -> dict[str, Any]:
        """Counts of attempts by outcome (for benchmarks and debugging)."""
        return {
            "attempts": len(self.records),
            "delivered": sum(r.delivered for r in self.records),
            "dropped": sum(r.dropped for r in self.records),
            "failed": sum(not r.delivered and not r.dropped for r in self.records),
            "duplicates": sum(r.duplicate for r in self.records),
        }
