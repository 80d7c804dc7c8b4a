"""``heygen-async webhooks listen``: a receiver that prints each authentic event.

uvicorn's ``serve`` is replaced by an in-process driver that posts deliveries to the
app the command built (no socket, no real waiting)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from heygen_async.webhooks import DEFAULT_SCHEME

from .conftest import Runner

uvicorn = pytest.importorskip("uvicorn")
SECRET = "whsec_cli_listen"


def delivery(video_id: str) -> bytes:
    data = {"video_id": video_id, "url": f"https://cdn/{video_id}.mp4", "callback_id": "c7"}
    return json.dumps(
        {"event_id": f"evt_{video_id}", "event_type": "avatar_video.success", "event_data": data}
    ).encode()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []

    async def serve(self: Any, sockets: Any = None) -> None:
        transport = httpx.ASGITransport(app=self.config.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://listen") as http:
            good = delivery("v1")
            forged = delivery("v2")
            for body, secret in ((good, SECRET), (forged, "whsec_wrong")):
                answer = await http.post(
                    "/", content=body, headers=DEFAULT_SCHEME.sign(body, secret)
                )
                seen.append(answer.status_code)

    monkeypatch.setattr(uvicorn.Server, "serve", serve)
    return seen


def test_listen_prints_authentic_events_only(cli: Runner, answers: list[int]) -> None:
    result = cli("webhooks", "listen", "--secret", SECRET, "--port", "0")
    assert result.code == 0 and answers == [200, 401]
    assert "avatar_video.success  v1  https://cdn/v1.mp4  callback_id=c7" in result.out
    assert "v2" not in result.out and SECRET not in result.out + result.err
    assert "listening on http://127.0.0.1:0/" in result.err


def test_listen_as_json_prints_each_event_body(cli: Runner, answers: list[int]) -> None:
    result = cli("webhooks", "listen", "--json", "--port", "0", "--secret", SECRET)
    assert result.code == 0
    assert json.loads(result.out)["event_id"] == "evt_v1"


def test_listen_takes_the_secret_from_the_environment(
    cli: Runner, answers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYGEN_WEBHOOK_SECRET", SECRET)
    assert cli("webhooks", "listen", "--port", "0").code == 0
    assert answers == [200, 401]


def test_listen_without_a_secret_is_a_usage_error(cli: Runner) -> None:
    result = cli("webhooks", "listen")
    assert result.code == 2 and "HEYGEN_WEBHOOK_SECRET" in result.err
