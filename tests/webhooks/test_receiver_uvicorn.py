"""The receiver served by a real uvicorn on a loopback port (its own thread and event
loop), taking the fake's signed deliveries over HTTP and ending the client's waits
in the test's loop. Time is virtual and stepped by hand: no real sleeps."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

from heygen_async.testing import FakeHeyGen, ManualClock
from heygen_async.webhooks import DEFAULT_SCHEME

from .conftest import Rig

pytestmark = pytest.mark.loopback
uvicorn = pytest.importorskip("uvicorn")


class Served:
    """``app`` served by uvicorn on 127.0.0.1 (a free port) in a thread."""

    def __init__(self, app: Any) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:  # startup takes real time: poll it briefly
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.005)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout=5)


@pytest.fixture
def fake_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(fake_clock: ManualClock) -> FakeHeyGen:
    # The fake's time is stepped apart from the SDK's (virtual) clock: a delivery is
    # sent before the waits' polls due at the same moment run (see step_until_done).
    return FakeHeyGen(
        seed=11,
        clock=fake_clock,
        time_scale=1.0,
        render_seconds=(30.0, 1200.0),
        max_concurrent_renders=None,
    )


@pytest.fixture
def served(rig: Rig) -> Iterator[str]:
    with Served(rig.receiver) as url:
        yield url


async def step_until_done(rig: Rig, fake_clock: ManualClock, done: anyio.Event) -> None:
    """Step to each next delivery: the fake's time first, the delivery sent over HTTP
    and settled, then the SDK's clock (waking the polls due meanwhile); until ``done``."""
    book = rig.fake.account.webhooks
    while not done.is_set():
        next_due = book.next_due()
        if next_due is None:
            await anyio.sleep(0.001)  # the last settlements are on their way here
            continue
        step = max(0.0, next_due - rig.fake.now()) + 1e-6
        fake_clock.advance(step)
        await rig.fake.deliveries.deliver_due()
        for _ in range(20):  # let the settlements (handed across threads) run
            await anyio.sleep(0)
        rig.clock.advance(step)
        for _ in range(20):
            await anyio.sleep(0)


async def test_waits_end_from_deliveries_over_http_at_about_no_request_per_video(
    rig: Rig, served: str, fake_clock: ManualClock
) -> None:
    rig.fake.deliveries.http_client = None  # real HTTP from here on
    endpoint = await rig.client.webhooks.endpoints.create(url=served)
    assert endpoint.secret is not None
    rig.receiver.use_secret(endpoint.secret)  # the receiver takes this endpoint's secret
    listed = await rig.client.webhooks.endpoints.list()
    await rig.client.webhooks.endpoints.delete(
        next(e.endpoint_id for e in listed.data if e.url != served)
    )
    ids = await rig.submit(30)
    ended: dict[str, float] = {}
    done = anyio.Event()

    async def wait_all() -> None:
        async for result in rig.client.wait_for_videos(ids):
            assert result.ok and result.status is not None and result.status.video_url
            ended[result.video_id] = rig.fake.now()
        done.set()

    with anyio.fail_after(60):
        async with anyio.create_task_group() as group:
            group.start_soon(wait_all)
            for _ in range(50):  # the waits' first check (at once) before time moves on
                await anyio.sleep(0)
            await step_until_done(rig, fake_clock, done)

    delivered = rig.fake.deliveries.delivered(served)
    assert len(delivered) == 30 and all(record.signed for record in delivered)
    for video_id in ids:
        assert ended[video_id] == pytest.approx(rig.fake.video(video_id).finished_at, abs=1e-3)
    assert sum(rig.fake.counters.status_calls.values()) == 0  # no URL reads
    assert rig.status_requests() <= 30  # slowed bulk reads only: under one per video


async def test_forged_tampered_and_oversized_posts_over_http_change_nothing(
    rig: Rig, served: str
) -> None:
    body = b'{"event_id":"e1","event_type":"avatar_video.success","event_data":{"video_id":"v1","url":"https://x"}}'
    news = rig.client._core.poller.news
    async with httpx.AsyncClient() as http:
        forged = await http.post(served, content=body, headers=DEFAULT_SCHEME.sign(body, "whsec_x"))
        tampered = await http.post(
            served,
            content=body.replace(b"https://x", b"https://evil"),
            headers=DEFAULT_SCHEME.sign(body, rig.secret),
        )
        big = await http.post(served, content=b"x" * (1024 * 1024 + 1))
        ok = await http.post(served, content=body, headers=DEFAULT_SCHEME.sign(body, rig.secret))
        replay = await http.post(
            served, content=body, headers=DEFAULT_SCHEME.sign(body, rig.secret)
        )
    assert [r.status_code for r in (forged, tampered, big)] == [401, 401, 413]
    assert rig.secret not in forged.text + tampered.text
    assert (ok.status_code, replay.status_code) == (200, 200)
    assert replay.json()["duplicate"] is True
    for _ in range(20):
        await anyio.sleep(0)
    settled = news.early("video", "v1")
    assert settled is not None and settled.video_url == "https://x"
    assert rig.receiver.accepted == 1 and rig.receiver.refused == 3
