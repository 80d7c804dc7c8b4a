"""The fake's webhook API and deliveries: endpoints, the event log, signed POSTs,
retries and the knobs (in-process, on a hand-moved clock), and deliveries sent by
the loopback server itself."""

from __future__ import annotations

import json
import threading
from typing import Any

import anyio
import httpx
import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    ManualClock,
    serve_loopback,
)
from heygen_async.webhooks import DEFAULT_SCHEME, WebhookEvent, WebhookReceiver

HEADERS = {"X-Api-Key": "k"}
VIDEO = {
    "type": "avatar",
    "avatar_id": SAMPLE_AVATAR_ID,
    "script": "Hi",
    "voice_id": SAMPLE_VOICE_ID,
}


class Hooks(httpx.AsyncBaseTransport):
    """A receiving end that answers with ``codes`` in turn (then 200), keeping bodies."""

    def __init__(self, *codes: int) -> None:
        self.codes = list(codes)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.requests.append(request)
        return httpx.Response(self.codes.pop(0) if self.codes else 200)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock, render_seconds=60, seed=4)


@pytest.fixture
async def api(fake: FakeHeyGen) -> Any:
    async with fake.http_client(base_url="https://api.heygen.com", headers=HEADERS) as client:
        yield client


async def register(api: httpx.AsyncClient, url: str, **extra: Any) -> dict[str, Any]:
    answer = await api.post("/v3/webhooks/endpoints", json={"url": url, **extra})
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()["data"]
    return data


async def test_endpoints_are_registered_listed_and_deleted(api: httpx.AsyncClient) -> None:
    made = await register(api, "https://hooks.example/a", events=["avatar_video.success"])
    local = await register(api, "http://127.0.0.1:8000/hooks")
    assert made["secret"].startswith("whsec_") and made["status"] == "enabled"
    assert made["created_at"].endswith("Z") and made["events"] == ["avatar_video.success"]
    listed = (await api.get("/v3/webhooks/endpoints")).json()["data"]
    assert [item["endpoint_id"] for item in listed] == [local["endpoint_id"], made["endpoint_id"]]
    assert all(item["secret"] is None for item in listed)  # shown on create only
    deleted = await api.delete(f"/v3/webhooks/endpoints/{made['endpoint_id']}")
    again = await api.delete(f"/v3/webhooks/endpoints/{made['endpoint_id']}")
    assert (deleted.status_code, again.status_code) == (200, 404)


@pytest.mark.parametrize(
    "url", ["http://hooks.example/a", "ftp://127.0.0.1/x", "not a url", "", None]
)
async def test_an_endpoint_url_must_be_https_or_loopback_http(
    api: httpx.AsyncClient, url: Any
) -> None:
    answer = await api.post("/v3/webhooks/endpoints", json={"url": url})
    assert answer.status_code == 400 and answer.json()["error"]["param"] == "url"


async def test_a_finished_render_is_delivered_signed_and_logged(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    endpoint = await register(api, "https://hooks.example/a")
    hooks = Hooks()
    fake.deliveries.http_client = httpx.AsyncClient(transport=hooks)
    video_id = (await api.post("/v3/videos", json=VIDEO)).json()["data"]["video_id"]
    assert await fake.deliveries.deliver_due() == 0  # still rendering
    clock.advance(61)
    assert await fake.deliveries.deliver_due() == 1
    [request] = hooks.requests
    body = request.content
    assert request.headers["x-heygen-signature"] == DEFAULT_SCHEME.signature(
        body, endpoint["secret"]
    )
    event = json.loads(body)
    assert event["event_type"] == "avatar_video.success"
    assert event["event_data"]["video_id"] == video_id
    assert "/_fake/videos/" in event["event_data"]["url"]
    log = (await api.get("/v3/webhooks/events")).json()["data"]
    assert [item["event_id"] for item in log] == [event["event_id"]]
    [record] = fake.deliveries.records
    assert (record.url, record.status_code, record.signed, record.attempt) == (
        "https://hooks.example/a",
        200,
        True,
        1,
    )


async def test_a_callback_url_gets_an_unsigned_delivery(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    hooks = Hooks()
    fake.deliveries.http_client = httpx.AsyncClient(transport=hooks)
    await api.post("/v3/videos", json={**VIDEO, "callback_url": "https://mine.example/cb"})
    clock.advance(61)
    await fake.deliveries.deliver_due()
    [request] = hooks.requests
    assert str(request.url) == "https://mine.example/cb"
    assert "x-heygen-signature" not in request.headers
    assert fake.deliveries.records[0].signed is False


async def test_failed_deliveries_are_retried_then_given_up(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    await register(api, "https://hooks.example/a")
    hooks = Hooks(500, 503, 500)
    fake.deliveries.http_client = httpx.AsyncClient(transport=hooks)
    fake.deliveries.max_attempts = 3
    await api.post("/v3/videos", json=VIDEO)
    clock.advance(61)
    for step in (0, 5, 30, 500):
        clock.advance(step)
        await fake.deliveries.deliver_due()
    codes = [(record.attempt, record.status_code) for record in fake.deliveries.records]
    assert codes == [(1, 500), (2, 503), (3, 500)]  # then it gave up (max_attempts)


async def test_knobs_drop_duplicate_delay_and_pause(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    await register(api, "https://hooks.example/a")
    hooks = Hooks()
    deliveries = fake.deliveries
    deliveries.http_client = httpx.AsyncClient(transport=hooks)
    await api.post("/v3/videos", json=VIDEO)
    deliveries.paused, deliveries.delay = True, 10.0
    clock.advance(61)
    assert await deliveries.deliver_due() == 0 and not hooks.requests  # paused
    deliveries.paused = False
    await deliveries.deliver_due()
    assert not hooks.requests  # delayed by 10 s
    deliveries.drop, deliveries.duplicate = 1.0, 0.0
    clock.advance(10)
    await deliveries.deliver_due()
    assert not hooks.requests and deliveries.records[-1].dropped  # lost on the way...
    deliveries.drop, deliveries.duplicate = 0.0, 1.0
    clock.advance(5)
    await deliveries.deliver_due()  # ...so retried 5 s later, and sent twice
    assert len(hooks.requests) == 2 and hooks.requests[0].content == hooks.requests[1].content
    assert deliveries.summary() == {
        "attempts": 3,
        "delivered": 2,
        "dropped": 1,
        "failed": 0,
        "duplicates": 1,
    }


@pytest.mark.loopback
async def test_the_loopback_server_delivers_over_real_http(clock: ManualClock) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    got: list[WebhookEvent] = []
    arrived = threading.Event()
    receiver = WebhookReceiver("placeholder", sink=lambda event: (got.append(event), arrived.set()))
    config = uvicorn.Config(receiver, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    fake = FakeHeyGen(clock=clock, render_seconds=60, seed=4)
    thread.start()
    try:
        while not server.started:  # uvicorn starts in its thread
            await anyio.sleep(0.005)
        port = server.servers[0].sockets[0].getsockname()[1]
        with serve_loopback(fake) as served:
            async with httpx.AsyncClient(base_url=served.base_url, headers=HEADERS) as api:
                endpoint = await register(api, f"http://127.0.0.1:{port}/")
                receiver.use_secret(endpoint["secret"])
                await api.post("/v3/videos", json=VIDEO)
            clock.advance(61)
            assert arrived.wait(timeout=10)  # the server's own delivery loop sent it
    finally:
        server.should_exit = True
        thread.join(timeout=5)
    assert got[0].event_type == "avatar_video.success"
    assert fake.deliveries.records[0].status_code == 200


async def test_an_endpoint_is_updated_and_a_rotated_secret_signs_what_follows(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    endpoint = await register(api, "https://hooks.example/a")
    path = f"/v3/webhooks/endpoints/{endpoint['endpoint_id']}"
    updated = await api.patch(path, json={"events": ["avatar_video.fail"]})
    assert updated.json()["data"]["events"] == ["avatar_video.fail"]
    assert updated.json()["data"]["secret"] is None
    restored = await api.patch(path, json={"events": None, "url": "https://hooks.example/b"})
    assert restored.json()["data"]["events"] is None
    rotated = (await api.post(path + "/rotate-secret")).json()["data"]
    assert rotated["endpoint_id"] == endpoint["endpoint_id"]
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != endpoint["secret"]
    missing = await api.post("/v3/webhooks/endpoints/ep_none/rotate-secret")
    assert missing.status_code == 404
    hooks = Hooks()
    fake.deliveries.http_client = httpx.AsyncClient(transport=hooks)
    await api.post("/v3/videos", json=VIDEO)
    clock.advance(61)
    assert await fake.deliveries.deliver_due() == 1
    [request] = hooks.requests
    assert str(request.url) == "https://hooks.example/b"
    assert request.headers["x-heygen-signature"] == DEFAULT_SCHEME.signature(
        request.content, rotated["secret"]
    )


async def test_translations_and_clips_are_announced_with_their_ids(
    api: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    await register(api, "https://hooks.example/a")
    hooks = Hooks()
    fake.deliveries.http_client = httpx.AsyncClient(transport=hooks)
    source = {"type": "url", "url": "https://example.com/in.mp4"}
    made = await api.post(
        "/v3/video-translations", json={"video": source, "output_languages": ["fr"]}
    )
    [translation_id] = made.json()["data"]["video_translation_ids"]
    clip = await api.post("/v3/ai-clipping", json={"video": source})
    clip_id = clip.json()["data"]["id"]
    lipsync = await api.post("/v3/lipsyncs", json={"video": source, "audio": source})
    assert lipsync.status_code == 200  # a kind with no event type: nothing delivered
    clock.advance(10_000)
    assert await fake.deliveries.deliver_due() == 2
    events = {json.loads(r.content)["event_type"]: json.loads(r.content) for r in hooks.requests}
    assert events["video_translate.success"]["event_data"]["video_translation_id"] == (
        translation_id
    )
    assert events["ai_clipping.success"]["event_data"]["job_id"] == clip_id
    logged = (await api.get("/v3/webhooks/events")).json()["data"]
    assert {item["event_type"] for item in logged} == set(events)
