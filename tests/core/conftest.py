"""Fixtures of the core client tests: a client, a recording clock, a respx router."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import Clock, use_clock

API_KEY = "sk-test-SECRET-key-0123456789"
API = "https://api.heygen.com"
UPLOAD = "https://upload.heygen.com"


class RecordingClock(Clock):
    """Single-task virtual time: sleeping advances ``now`` at once and is recorded.

    Jitter is pinned to the top of its range (``uniform(a, b) == b``) so every
    delay is exact and assertable.
    """

    def __init__(self) -> None:
        super().__init__()
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += max(0.0, seconds)

    def uniform(self, low: float, high: float) -> float:
        return high


@pytest.fixture
def clock() -> RecordingClock:
    return RecordingClock()


@pytest.fixture
async def client(clock: RecordingClock) -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key=API_KEY) as heygen:
        use_clock(heygen, clock)
        yield heygen


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _legacy_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests mock HeyGen's v1/v2 wire format: their clients speak v2 unless a
    test asks for ``api_version="v3"`` itself (tests/core/test_v3_backend.py)."""
    monkeypatch.setenv("HEYGEN_API_VERSION", "v2")
