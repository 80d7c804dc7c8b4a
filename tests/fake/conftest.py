"""Shared fixtures for the fake HeyGen server's own tests.

Every test drives time with a ManualClock: no test waits for a render. (The
suite runs with ``--import-mode=importlib``, so helpers are fixtures, not a
module to import.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock

API = "https://api.heygen.com"
UPLOAD = "https://upload.heygen.com"
KEY = "test-key"
# Every fake in these tests renders in exactly this many fake seconds unless a
# test says otherwise, so state changes happen at known times.
RENDER = 100.0
EPOCH = 1_700_000_000


def scene(text: str = "Hello from the fake.", **voice: Any) -> dict[str, Any]:
    """One valid avatar + text-voice scene."""
    return {
        "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
        "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": text, **voice},
    }


class V3:
    """Thin helpers for the v3 dialect over an httpx client wired to a fake."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    @staticmethod
    def body(script: str = "Hello from v3.", **fields: Any) -> dict[str, Any]:
        """A valid ``POST /v3/videos`` body of type avatar; keyword arguments override."""
        return {
            "type": "avatar",
            "avatar_id": SAMPLE_AVATAR_ID,
            "script": script,
            "voice_id": SAMPLE_VOICE_ID,
            **fields,
        }

    @staticmethod
    def error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
        """Assert a v3 error envelope with this status and code; returns ``error``."""
        assert response.status_code == status, response.text
        payload = response.json()
        assert set(payload) == {"error"}, payload
        error: dict[str, Any] = payload["error"]
        assert error["code"] == code, error
        assert error["message"]
        return error

    async def post(
        self, body: dict[str, Any] | None = None, key: str | None = None
    ) -> httpx.Response:
        headers = {"Idempotency-Key": key} if key is not None else {}
        return await self.http.post("/v3/videos", json=body or self.body(), headers=headers)

    async def create(self, body: dict[str, Any] | None = None, key: str | None = None) -> str:
        """Create a video and return its id (asserting v3's success envelope)."""
        response = await self.post(body, key)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert data["status"] == "waiting"
        return str(data["video_id"])

    async def video(self, video_id: str) -> dict[str, Any]:
        """The ``data`` of ``GET /v3/videos/{id}``."""
        response = await self.http.get(f"/v3/videos/{video_id}")
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()["data"]
        return data


class Api:
    """Thin helpers over an httpx client wired to a fake."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    @staticmethod
    def body(**fields: Any) -> dict[str, Any]:
        """A valid /v2/video/generate body; keyword arguments override top-level fields."""
        return {"video_inputs": [scene()], **fields}

    async def submit(self, **fields: Any) -> str:
        """Create a video and return its id (asserting HeyGen's v2 success envelope)."""
        response = await self.http.post("/v2/video/generate", json=self.body(**fields))
        assert response.status_code == 200, response.text
        payload = response.json()
        assert payload["error"] is None
        return str(payload["data"]["video_id"])

    async def status(self, video_id: str) -> dict[str, Any]:
        """The ``data`` of a status call (asserting HeyGen's v1 success envelope)."""
        response = await self.http.get("/v1/video_status.get", params={"video_id": video_id})
        assert response.status_code == 200, response.text
        payload = response.json()
        assert payload["code"] == 100
        data: dict[str, Any] = payload["data"]
        return data

    async def upload(
        self, content: bytes = b"\x89PNG\r\n\x1a\nfake", ctype: str = "image/png"
    ) -> Any:
        response = await self.http.post(
            f"{UPLOAD}/v1/asset", content=content, headers={"Content-Type": ctype}
        )
        assert response.status_code == 200, response.text
        return response.json()["data"]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock, seed=1, render_seconds=RENDER, epoch=EPOCH)


@pytest.fixture
async def http(fake: FakeHeyGen) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url=API, headers={"X-Api-Key": KEY}
    ) as client:
        yield client


@pytest.fixture
def api(http: httpx.AsyncClient) -> Api:
    return Api(http)


@pytest.fixture
def v3(http: httpx.AsyncClient) -> V3:
    return V3(http)


Connect = Callable[[FakeHeyGen], AbstractAsyncContextManager[Api]]
ConnectV3 = Callable[[FakeHeyGen], AbstractAsyncContextManager[V3]]


@pytest.fixture
def connect() -> Connect:
    """``async with connect(fake) as api:`` for tests that build their own fake."""

    @asynccontextmanager
    async def _connect(fake: FakeHeyGen) -> AsyncIterator[Api]:
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url=API, headers={"X-Api-Key": KEY}
        ) as http:
            yield Api(http)

    return _connect


@pytest.fixture
def connect_v3() -> ConnectV3:
    """``async with connect_v3(fake) as v3:`` for v3 tests that build their own fake."""

    @asynccontextmanager
    async def _connect(fake: FakeHeyGen) -> AsyncIterator[V3]:
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url=API, headers={"X-Api-Key": KEY}
        ) as http:
            yield V3(http)

    return _connect
