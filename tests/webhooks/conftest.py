"""Shared pieces of the webhook tests: a fake on virtual time whose deliveries reach
a client's receiver in-process (httpx.ASGITransport), and request counting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, VirtualClock
from heygen_async.webhooks import WebhookReceiver

HOOK_URL = "https://hooks.example.test/heygen"


@dataclass
class Rig:
    fake: FakeHeyGen
    clock: VirtualClock
    client: AsyncHeyGenClient
    receiver: WebhookReceiver
    secret: str
    outage: Outage

    @asynccontextmanager
    async def delivering(self) -> AsyncIterator[Rig]:
        """Virtual time runs, and the fake delivers as its jobs end (a task group may
        not stay open across a fixture's yield: tests open this themselves)."""
        async with self.clock.running(), anyio.create_task_group() as group:
            group.start_soon(self.fake.deliveries.run, self.clock.sleep)
            yield self
            group.cancel_scope.cancel()

    def status_requests(self) -> int:
        """Every status read the fake served (single and bulk requests)."""
        counters = self.fake.counters
        return sum(counters.status_calls.values()) + counters.statuses_calls

    async def submit(self, count: int, **kwargs: Any) -> list[str]:
        ids = []
        for index in range(count):
            video = await self.client.generate_video(
                f"Hello {index}", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, **kwargs
            )
            ids.append(video.video_id)
        return ids


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=3)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(
        seed=7,
        clock=clock.now,
        time_scale=1.0,
        render_seconds=(40.0, 600.0),
        max_concurrent_renders=None,
    )


class Outage(httpx.AsyncBaseTransport):
    """The receiver's network path: ``down`` makes every delivery fail to connect."""

    def __init__(self, app: WebhookReceiver) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self.down = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused (the receiver is down)")
        return await self._inner.handle_async_request(request)


@asynccontextmanager
async def rig_for(fake: FakeHeyGen, clock: VirtualClock) -> AsyncIterator[Rig]:
    """A client with a receiver registered at ``fake``, whose deliveries reach the
    receiver in-process (``async with rig.delivering():`` runs them)."""
    async with fake.client(clock=clock) as client:
        endpoint = await client.webhooks.endpoints.create(url=HOOK_URL)
        assert endpoint.secret is not None
        receiver = client.webhook_receiver(secret=endpoint.secret)
        outage = Outage(receiver)
        async with httpx.AsyncClient(transport=outage) as hooks:
            fake.deliveries.http_client = hooks
            yield Rig(fake, clock, client, receiver, endpoint.secret, outage)


@pytest.fixture
async def rig(fake: FakeHeyGen, clock: VirtualClock) -> AsyncIterator[Rig]:
    async with rig_for(fake, clock) as made:
        yield made
