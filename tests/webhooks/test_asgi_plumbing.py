"""The ASGI plumbing the webhook receiver and the fake server share (``_asgi``)."""

from __future__ import annotations

from typing import Any

import pytest

from heygen_async._asgi import read_body, serves_http
from heygen_async.testing import FakeHeyGen
from heygen_async.webhooks import DEFAULT_SCHEME, WebhookReceiver


def _channel(messages: list[dict[str, Any]]) -> tuple[Any, Any, list[dict[str, Any]]]:
    """A receive that replays ``messages`` and a send that records what is sent."""
    pending, sent = list(messages), []

    async def receive() -> dict[str, Any]:
        return pending.pop(0)

    async def send(message: Any) -> None:
        sent.append(dict(message))

    return receive, send, sent


_LIFESPAN = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
_ANSWERED = [{"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]


async def test_a_lifespan_is_answered_and_not_served() -> None:
    receive, send, sent = _channel(_LIFESPAN)
    assert await serves_http({"type": "lifespan"}, receive, send) is False
    assert sent == _ANSWERED


async def test_a_websocket_is_ignored_and_an_http_request_served() -> None:
    receive, send, sent = _channel([])
    assert await serves_http({"type": "websocket"}, receive, send) is False
    assert await serves_http({"type": "http"}, receive, send) is True
    assert sent == []


@pytest.mark.parametrize("app", ["receiver", "fake"])
async def test_both_apps_answer_the_lifespan(app: str) -> None:
    served = (
        WebhookReceiver(secret="whsec_test", sink=lambda event: None, scheme=DEFAULT_SCHEME)
        if app == "receiver"
        else FakeHeyGen().app
    )
    receive, send, sent = _channel(_LIFESPAN)
    await served({"type": "lifespan"}, receive, send)
    assert sent == _ANSWERED


async def test_read_body_joins_the_chunks_and_stops_past_the_limit() -> None:
    chunks = [
        {"type": "http.request", "body": b"abc", "more_body": True},
        {"type": "http.request", "body": b"def", "more_body": False},
    ]
    receive, _, _ = _channel(chunks)
    assert await read_body(receive, 6) == b"abcdef"
    receive, _, _ = _channel(chunks)
    assert await read_body(receive, 5) is None
