"""Generate-and-wait, PollPolicy presets, and cancellation during a request."""

from __future__ import annotations

import anyio
import httpx
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    InvalidRequestError,
    PollPolicy,
    VideoFailedError,
)
from heygen_async.testing import VirtualClock

from .mock_heygen import MockHeyGen, Plan


async def test_generate_video_and_wait_returns_the_completed_status(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    async with clock.running():
        status = await client.generate_video_and_wait("Hello!", "Angela", "v-1", title="t")
    assert status.is_completed and status.video_url
    assert len(api.posts) == 1 and api.posts[0][1]["title"] == "t"


async def test_generate_avatar_iv_video_and_wait(
    client: AsyncHeyGenClient, api: MockHeyGen, clock: VirtualClock
) -> None:
    api.plan = lambda body: Plan(outcome="failed")
    async with clock.running():
        with pytest.raises(VideoFailedError):
            await client.generate_avatar_iv_video_and_wait("Hi", "image/k/original.jpg", "v-1")
    assert api.posts[0][0] == "/v2/video/av4/generate"


@pytest.mark.parametrize(
    ("args", "field"),
    [({"timeout": 0}, "timeout"), ({"poll": 5}, "poll"), ({"speed": 3.0}, "speed")],
)
async def test_bad_arguments_are_refused_before_the_billed_request(
    client: AsyncHeyGenClient, api: MockHeyGen, args: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.generate_video_and_wait("Hi", "Angela", "v-1", **args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert api.requests == []


def test_policy_defaults_and_presets() -> None:
    default = PollPolicy()
    assert (default.first_delay, default.initial_interval, default.multiplier) == (5.0, 5.0, 1.3)
    assert (default.max_interval, default.jitter, default.timeout) == (30.0, 0.2, 1800)
    assert default.max_poll_failures == 10
    fast, economy = PollPolicy.fast(), PollPolicy.economy()
    for n in range(30):
        assert fast.interval(n) < default.interval(n) < economy.interval(n)
    assert fast.timeout == economy.timeout == default.timeout


@pytest.mark.parametrize(
    "bad", [{"jitter": 1.0}, {"multiplier": 0.5}, {"timeout": 0}, {"max_poll_failures": 0}]
)
def test_policy_refuses_nonsense(bad: dict[str, float]) -> None:
    with pytest.raises(InvalidRequestError):
        PollPolicy(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_cancelling_during_a_status_request_abandons_it(backend: str) -> None:
    """The request in flight is cancelled with the wait: nothing is left running."""
    state = {"entered": 0, "cancelled": 0, "finished": 0}

    class Hanging(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            state["entered"] += 1
            try:
                await anyio.sleep_forever()
            except BaseException:
                state["cancelled"] += 1
                raise
            finally:
                state["finished"] += 1
            raise AssertionError("unreachable")

    async def main() -> None:
        http = httpx.AsyncClient(transport=Hanging())
        client = AsyncHeyGenClient(
            api_key="sk-test", http_client=http, poll=PollPolicy(first_delay=0.0)
        )
        with anyio.CancelScope() as scope:
            async with anyio.create_task_group() as group:
                group.start_soon(client.wait_for_video, "v1")
                while not state["entered"]:
                    await anyio.sleep(0)
                scope.cancel()
        await http.aclose()

    anyio.run(main, backend=backend)
    assert state == {"entered": 1, "cancelled": 1, "finished": 1}
