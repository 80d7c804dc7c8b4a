"""Helpers for the sync facade's tests: clients wired to in-process mock HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from heygen_async import HeyGenClient

API_KEY = "sk-sync-facade-secret-0123456789"
# The facade is the same on every API version; the mocks here answer in the v1/v2
# wire format, so the clients under test speak it.
API_VERSION = "v2"
STATUS_URL = "https://api.heygen.com/v1/video_status.get"
ASSETS_URL = "https://api.heygen.com/v1/asset/list"

Handler = Callable[[httpx.Request], Any]


def status_body(video_id: str, status: str = "completed") -> dict[str, Any]:
    return {
        "code": 100,
        "message": "Success",
        "data": {"id": video_id, "status": status, "video_url": f"https://cdn/{video_id}.mp4"},
    }


def status_handler(request: httpx.Request) -> httpx.Response:
    """Answers every status request with a completed video of the asked id."""
    return httpx.Response(200, json=status_body(request.url.params["video_id"]))


@pytest.fixture
def make_client() -> Iterator[Callable[..., HeyGenClient]]:
    """``make_client(handler, **kwargs)``: a HeyGenClient whose requests go to ``handler``
    (an httpx.MockTransport: no loop binding, so it may be built in the test's thread)."""
    made: list[HeyGenClient] = []

    def make(handler: Handler = status_handler, **kwargs: Any) -> HeyGenClient:
        kwargs.setdefault("api_key", API_KEY)
        kwargs.setdefault("api_version", API_VERSION)
        kwargs.setdefault("http_client", httpx.AsyncClient(transport=httpx.MockTransport(handler)))
        client = HeyGenClient(**kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
