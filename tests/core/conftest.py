"""Fixtures of the core client tests: a client, a recording clock, a respx router."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import InstantClock, use_clock

API_KEY = "sk-test-SECRET-key-0123456789"
API = "https://api.heygen.com"
UPLOAD = "https://upload.heygen.com"


@pytest.fixture
def clock() -> InstantClock:
    """Every sleep passes at once and is recorded; jitter pinned to the top of its
    range, so every delay is exact and assertable."""
    return InstantClock(1000.0, jitter="high")


@pytest.fixture
async def client(clock: InstantClock) -> AsyncIterator[AsyncHeyGenClient]:
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
