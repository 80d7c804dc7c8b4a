"""``client.webhooks`` as the receiver uses it, on both clients, against the fake
(every operation's own tests: tests/resources/test_webhook_endpoints.py)."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import httpx
import pytest

from heygen_async import InvalidRequestError, PollPolicy
from heygen_async.resources.webhooks import WebhookEndpoint
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock
from heygen_async.webhooks import DEFAULT_SCHEME, WebhookReceiver

SECRET = "whsec_sync"


async def test_endpoints_are_created_listed_and_deleted_as_given() -> None:
    fake = FakeHeyGen()
    async with fake.client() as client:
        made = await client.webhooks.endpoints.create(
            url="http://127.0.0.1:9000/hooks", events=["avatar_video.success"]
        )
        listed = await client.webhooks.endpoints.list()
        await client.webhooks.endpoints.delete(made.endpoint_id)
        after = await client.webhooks.endpoints.list()
        events = await client.webhooks.events(limit=5)
    assert made.url == "http://127.0.0.1:9000/hooks"  # passed through as given
    assert made.secret is not None and made.secret.startswith("whsec_")
    assert made.secret not in repr(made)  # shown once, never in a repr
    assert [e.endpoint_id for e in listed.data] == [made.endpoint_id]
    assert listed.data[0].secret is None
    assert after.data == [] and events.data == [] and not events.has_more
    assert not fake.account.webhooks.endpoints


async def test_bad_arguments_are_refused_before_sending() -> None:
    fake = FakeHeyGen()
    async with fake.client() as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.webhooks.endpoints.create(url="")
        assert caught.value.field == "url"
        with pytest.raises(InvalidRequestError) as caught:
            await client.webhooks.endpoints.create(url="https://x", events="avatar_video.success")  # type: ignore[arg-type]
        assert caught.value.field == "events"
        with pytest.raises(InvalidRequestError) as caught:
            await client.webhooks.events(limit=101)
        assert "limit" in str(caught.value)
        with pytest.raises(InvalidRequestError) as caught:
            client.webhook_receiver(secret="")
        assert caught.value.field == "secret"
    assert fake.counters.requests["webhooks"] == 0


def test_the_sync_client_has_the_same_webhooks() -> None:
    fake = FakeHeyGen()
    with fake.sync_client() as client:
        made = client.webhooks.endpoints.create(url="https://hooks.example/a")
        listed = client.webhooks.endpoints.list()
        receiver = client.webhook_receiver(secret=made.secret)
    assert isinstance(made, WebhookEndpoint) and [e.url for e in listed] == [made.url]
    assert isinstance(receiver, WebhookReceiver)


def test_a_sync_wait_ends_from_a_delivery_taken_on_another_thread() -> None:
    """The facade's waits live on its loop thread; a receiver served elsewhere (here:
    this thread's own event loop) hands the settlement over to that thread."""
    fake = FakeHeyGen(clock=ManualClock())
    hour = PollPolicy(first_delay=3600, initial_interval=3600, max_interval=3600, timeout=7200)
    with fake.sync_client(poll=hour) as client:
        receiver = client.webhook_receiver(secret=SECRET, catch_up_pages=0)
        video = client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        ended: dict[str, Any] = {}
        waiter = threading.Thread(
            target=lambda: ended.update(status=client.wait_for_video(video.video_id))
        )
        waiter.start()
        body = json.dumps(
            {
                "event_id": "evt_sync",
                "event_type": "avatar_video.success",
                "event_data": {"video_id": video.video_id, "url": "https://cdn/x.mp4"},
            }
        ).encode()

        async def deliver() -> int:
            transport = httpx.ASGITransport(app=receiver)
            async with httpx.AsyncClient(transport=transport, base_url="http://r") as http:
                headers = DEFAULT_SCHEME.sign(body, SECRET)
                return (await http.post("/", content=body, headers=headers)).status_code

        assert asyncio.run(deliver()) == 200
        waiter.join(timeout=10)  # an hour-long poll otherwise: only the delivery ends it
    assert ended["status"].video_url == "https://cdn/x.mp4"
    assert fake.counters.status_calls[video.video_id] == 0
