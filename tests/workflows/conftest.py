"""Fixtures of the workflow tests: a virtual clock, a mocked HeyGen, a client on both."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import VirtualClock

from .mock_heygen import BASE_URL, MockHeyGen, make_client


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=7)


@pytest.fixture
def api(clock: VirtualClock) -> Iterator[MockHeyGen]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield MockHeyGen(router, clock)


@pytest.fixture
async def client(clock: VirtualClock, api: MockHeyGen) -> AsyncIterator[AsyncHeyGenClient]:
    client = make_client(clock)
    yield client
    await client.aclose()


@pytest.fixture(autouse=True)
def _legacy_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests mock HeyGen's v1/v2 wire format: their clients speak v2 unless a
    test asks for ``api_version="v3"`` itself (tests/core/test_v3_backend.py)."""
    monkeypatch.setenv("HEYGEN_API_VERSION", "v2")
