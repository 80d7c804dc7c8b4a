"""``WebhookReceiver`` refusals and repeats, driven in-process (raw ASGI and
httpx.ASGITransport): nothing refused reaches the sink or a wait."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.webhooks import DEFAULT_SCHEME, WebhookEvent, WebhookReceiver

SECRET = "whsec_receiver_test"
MIB = 1024 * 1024


def delivery(event_id: str = "evt_1", video_id: str = "v1", **extra: Any) -> bytes:
    data = {"video_id": video_id, "url": f"https://cdn/{video_id}.mp4", **extra}
    body = {"event_id": event_id, "event_type": "avatar_video.success", "event_data": data}
    return json.dumps(body).encode()


def signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    return {"Content-Type": "application/json", **DEFAULT_SCHEME.sign(body, secret)}


@pytest.fixture
def taken() -> list[WebhookEvent]:
    return []


@pytest.fixture
def receiver(taken: list[WebhookEvent]) -> WebhookReceiver:
    return WebhookReceiver(SECRET, sink=taken.append)


@pytest.fixture
async def http(receiver: WebhookReceiver) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=receiver)
    async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as client:
        yield client


async def call_asgi(
    app: WebhookReceiver, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[int, dict[str, Any], int]:
    """Drive the app with a body in ``chunks``; the status, the answer and how many
    chunks it read."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        last = reads >= len(chunks)
        return {"type": "http.request", "body": chunks[reads - 1], "more_body": not last}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await app(scope, receive, send)
    answer = json.loads(sent[1]["body"])
    return sent[0]["status"], answer, reads


async def test_an_authentic_delivery_is_answered_200_and_taken(
    http: httpx.AsyncClient, taken: list[WebhookEvent]
) -> None:
    body = delivery()
    answer = await http.post("/", content=body, headers=signed(body))
    assert (answer.status_code, answer.json()) == (200, {"ok": True})
    assert [event.video_id for event in taken] == ["v1"]


async def test_a_body_over_1_mib_by_content_length_is_refused_before_it_is_read(
    receiver: WebhookReceiver, taken: list[WebhookEvent]
) -> None:
    headers = [(b"content-length", str(MIB + 1).encode())]
    status, answer, reads = await call_asgi(receiver, headers, [b"x" * 10])
    assert (status, reads) == (413, 0)
    assert "1048576" in answer["error"] and not taken


async def test_a_streamed_body_without_content_length_is_cut_at_1_mib(
    receiver: WebhookReceiver, taken: list[WebhookEvent]
) -> None:
    chunks = [b"x" * (256 * 1024)] * 40  # 10 MiB offered
    status, _, reads = await call_asgi(receiver, [], chunks)
    assert status == 413 and reads == 5  # stopped at the first chunk past 1 MiB
    assert not taken and receiver.refused == 1


async def test_a_streamed_oversized_body_is_refused_over_httpx_too(
    http: httpx.AsyncClient, taken: list[WebhookEvent]
) -> None:
    async def stream() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b"x" * (256 * 1024)

    answer = await http.post("/", content=stream())
    assert answer.status_code == 413 and not taken


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "no X-HeyGen-Signature header"),
        ({"X-HeyGen-Signature": "0" * 64}, "does not match"),
        ({"X-HeyGen-Signature": ""}, "no X-HeyGen-Signature header"),
    ],
)
async def test_missing_or_forged_signatures_are_refused_401(
    http: httpx.AsyncClient, taken: list[WebhookEvent], headers: dict[str, str], why: str
) -> None:
    answer = await http.post("/", content=delivery(), headers=headers)
    assert answer.status_code == 401 and why in answer.json()["error"]
    assert SECRET not in answer.text and not taken


async def test_a_delivery_signed_with_another_secret_or_tampered_is_refused(
    http: httpx.AsyncClient, taken: list[WebhookEvent]
) -> None:
    body = delivery()
    other = await http.post("/", content=body, headers=signed(body, "whsec_other"))
    tampered_body = delivery(video_id="v666")
    tampered = await http.post("/", content=tampered_body, headers=signed(body))
    assert (other.status_code, tampered.status_code) == (401, 401) and not taken


async def test_a_signed_body_that_is_not_json_is_refused_400(
    http: httpx.AsyncClient, taken: list[WebhookEvent]
) -> None:
    answer = await http.post("/", content=b"not json", headers=signed(b"not json"))
    assert answer.status_code == 400 and "JSON" in answer.json()["error"] and not taken


async def test_other_methods_are_refused(http: httpx.AsyncClient) -> None:
    assert (await http.get("/")).status_code == 405


async def test_a_repeated_event_id_is_answered_200_and_does_nothing_more(
    http: httpx.AsyncClient, receiver: WebhookReceiver, taken: list[WebhookEvent]
) -> None:
    body = delivery()
    first = await http.post("/", content=body, headers=signed(body))
    again = await http.post("/", content=body, headers=signed(body))
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == {"ok": True, "duplicate": True}
    assert len(taken) == 1 and (receiver.accepted, receiver.duplicates) == (1, 1)


async def test_the_memory_of_event_ids_is_bounded(taken: list[WebhookEvent]) -> None:
    receiver = WebhookReceiver(SECRET, sink=taken.append, remember=3)
    for number in range(5):
        receiver.take(WebhookEvent(event_id=f"evt_{number}"))
    assert len(receiver._seen) == 3
    assert not receiver.take(WebhookEvent(event_id="evt_4"))  # recent: still known
    assert receiver.take(WebhookEvent(event_id="evt_0"))  # forgotten: taken again


async def test_the_receiver_never_shows_its_secret() -> None:
    receiver = WebhookReceiver(SECRET)
    assert SECRET not in repr(receiver) and SECRET not in str(vars(receiver).get("scheme"))


async def test_refused_deliveries_change_no_wait_and_a_replay_changes_nothing() -> None:
    async with AsyncHeyGenClient(api_key="k", base_url="https://api.example.test") as client:
        receiver = client.webhook_receiver(secret=SECRET, catch_up_pages=0)
        news = client._core.poller.news
        transport = httpx.ASGITransport(app=receiver)
        async with httpx.AsyncClient(transport=transport, base_url="http://r") as http:
            body = delivery(video_id="v9")
            forged = await http.post("/", content=body, headers=signed(body, "whsec_x"))
            assert forged.status_code == 401 and news.early("video", "v9") is None
            ok = await http.post("/", content=body, headers=signed(body))
            settled = news.early("video", "v9")
            replay = await http.post("/", content=body, headers=signed(body))
    assert ok.status_code == 200 and settled is not None and settled.video_url
    assert replay.status_code == 200 and news.early("video", "v9") is settled


async def test_an_async_on_event_is_refused_pointing_to_forward() -> None:
    """``on_event`` is called, never awaited: a coroutine function there would drop
    every event silently (its coroutine never runs)."""
    from heygen_async import InvalidRequestError

    async def forward(event: WebhookEvent) -> None:
        raise AssertionError("not reached")

    async with AsyncHeyGenClient(api_key="k", base_url="https://api.example.test") as client:
        with pytest.raises(InvalidRequestError, match="forward") as caught:
            client.webhook_receiver(secret=SECRET, on_event=forward)  # type: ignore[arg-type]
        assert caught.value.field == "on_event"
        heard: list[WebhookEvent] = []
        client.webhook_receiver(secret=SECRET, on_event=heard.append)  # a plain one is fine


async def test_use_secret_switches_verification_to_the_rotated_secret(
    receiver: WebhookReceiver, http: httpx.AsyncClient, taken: list[WebhookEvent]
) -> None:
    """After ``rotate_secret`` HeyGen signs with the new secret at once: the receiver
    takes it from ``use_secret`` on and refuses what the old one signs."""
    rotated = "whsec_rotated"
    first, second = delivery("evt_a", "va"), delivery("evt_b", "vb")
    assert (await http.post("/", content=first, headers=signed(first, rotated))).status_code == 401
    receiver.use_secret(rotated)
    assert (await http.post("/", content=first, headers=signed(first, rotated))).status_code == 200
    assert (await http.post("/", content=second, headers=signed(second))).status_code == 401
    assert [event.event_id for event in taken] == ["evt_a"]
    assert rotated not in repr(receiver)


@pytest.mark.parametrize("bad", ["", None, 7])
async def test_use_secret_refuses_what_is_no_secret_and_keeps_the_old_one(
    receiver: WebhookReceiver, http: httpx.AsyncClient, bad: object
) -> None:
    from heygen_async import InvalidRequestError

    with pytest.raises(InvalidRequestError) as caught:
        receiver.use_secret(bad)  # type: ignore[arg-type]
    assert caught.value.field == "secret"
    body = delivery()
    assert (await http.post("/", content=body, headers=signed(body))).status_code == 200
