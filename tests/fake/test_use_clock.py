"""``heygen_async.testing.use_clock``: any client (not only the fake's) on a test's clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InternalServerError
from heygen_async.testing import InstantClock, ManualClock, VirtualClock, use_clock

API_KEY = "sk-use-clock-0123456789"
STATUS_URL = "https://api.heygen.com/v1/video_status.get"
BACKOFFS = [0.5, 1.0, 2.0]  # the SDK's retry back-off, jitter at the top of its range


@pytest.fixture
def failing_status() -> Iterator[respx.Route]:
    """HeyGen answering every status read with 503 (retried with back-off)."""
    with respx.mock(assert_all_called=False) as router:
        yield router.get(STATUS_URL).mock(return_value=httpx.Response(503))


async def test_an_async_clients_retries_sleep_on_the_clock(failing_status: respx.Route) -> None:
    clock = InstantClock(jitter="high")
    client = AsyncHeyGenClient(api_key=API_KEY, api_version="v2", max_retries=3)
    async with use_clock(client, clock) as same:
        assert same is client
        with pytest.raises(InternalServerError):
            await client.get_video_status("v")
    assert failing_status.call_count == 4
    assert clock.sleeps == BACKOFFS


def test_a_sync_clients_retries_sleep_on_the_clock(failing_status: respx.Route) -> None:
    clock = InstantClock(jitter="high")
    client = HeyGenClient(api_key=API_KEY, api_version="v2", max_retries=3)
    with use_clock(client, clock) as same, pytest.raises(InternalServerError):
        same.get_video_status("v")
    assert failing_status.call_count == 4
    assert clock.sleeps == BACKOFFS


@pytest.mark.parametrize("change", [{}, {"api_key": "sk-another-0123456789"}])
async def test_clients_derived_afterwards_share_the_clock(
    failing_status: respx.Route, change: dict[str, object]
) -> None:
    clock = InstantClock(jitter="high")
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v2", max_retries=0) as client:
        derived = use_clock(client, clock).with_options(max_retries=3, **change)
        with pytest.raises(InternalServerError):
            await derived.get_video_status("v")
    assert clock.sleeps == BACKOFFS


async def test_a_virtual_clock_lets_a_long_back_off_pass_at_once() -> None:
    clock = VirtualClock(start=100.0)
    with respx.mock() as router:
        router.get(STATUS_URL).mock(
            side_effect=[
                httpx.Response(429, headers={"Retry-After": "50"}),
                httpx.Response(200, json={"code": 100, "data": {"id": "v", "status": "pending"}}),
            ]
        )
        client = AsyncHeyGenClient(api_key=API_KEY, api_version="v2")
        async with use_clock(client, clock), clock.running():
            status = await client.get_video_status("v")
    assert status.status == "pending"
    [waited] = clock.sleeps  # Retry-After, plus a little jitter
    assert 50.0 <= waited < 60.0
    assert clock.now() == 100.0 + waited  # no real waiting


async def test_a_fakes_clock_is_refused_with_what_to_pass_instead() -> None:
    async with AsyncHeyGenClient(api_key=API_KEY) as client:
        with pytest.raises(TypeError, match=r"VirtualClock.*ManualClock.*FakeHeyGen"):
            use_clock(client, ManualClock())  # type: ignore[arg-type]


def test_only_heygen_clients_are_accepted() -> None:
    with pytest.raises(TypeError, match="AsyncHeyGenClient or a HeyGenClient, not Client"):
        use_clock(httpx.Client(), InstantClock(jitter="high"))  # type: ignore[type-var]


USES_THE_CLOCK = """\
from heygen_async import AsyncHeyGenClient, HeyGenClient
from heygen_async.testing import VirtualClock, use_clock

class AppClient(AsyncHeyGenClient):
    def ping(self) -> int:
        return 1

reveal_type(use_clock(AppClient(api_key="k"), VirtualClock()))  # 8: the subclass
reveal_type(use_clock(HeyGenClient(api_key="k"), VirtualClock()))  # 9
use_clock(AppClient(api_key="k"), VirtualClock()).ping()
use_clock("a client", VirtualClock())  # 11
"""


def test_mypy_sees_the_client_given_come_back_subclass_and_all(
    mypy_strict: Callable[..., tuple[str, str, int]],
) -> None:
    stdout, _, status = mypy_strict("uses_the_clock", USES_THE_CLOCK)
    found = dict(re.findall(r"uses_the_clock\.py:(\d+): (?:note|error): (.*)", stdout))
    assert sorted(found) == ["11", "8", "9"], stdout
    assert found["8"] == 'Revealed type is "uses_the_clock.AppClient"'
    assert found["9"] == 'Revealed type is "heygen_async._sync._facade.HeyGenClient"'
    assert found["11"].endswith("[type-var]")
    assert status == 1
