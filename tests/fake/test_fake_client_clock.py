"""``FakeHeyGen.client(clock=...)``: a client on the same virtual time as the fake."""

from __future__ import annotations

import time

import anyio
import anyio.lowlevel

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    InstantClock,
    VirtualClock,
)

RENDER_SECONDS = 600.0  # ten virtual minutes


async def test_a_ten_minute_render_is_waited_for_on_the_virtual_clock() -> None:
    clock = VirtualClock(seed=1)
    fake = FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=RENDER_SECONDS)
    started = time.monotonic()
    # A client still on the loop's clock would poll in real seconds: fail fast instead.
    with anyio.fail_after(30):
        async with fake.client(clock=clock) as client, clock.running():
            status = await client.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert status.status == "completed"
    assert clock.now() >= RENDER_SECONDS  # the client's polls moved the virtual time
    assert sum(clock.sleeps) >= RENDER_SECONDS
    assert time.monotonic() - started < 30


def test_the_sync_client_sleeps_on_the_given_clock() -> None:
    clock = InstantClock()
    fake = FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=RENDER_SECONDS)
    with fake.sync_client(clock=clock) as client:
        status = client.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert status.status == "completed"
    assert sum(clock.sleeps) >= RENDER_SECONDS
