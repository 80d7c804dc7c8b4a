"""Virtual time: the SDK's real poller against the in-process fake, 20-minute renders
in milliseconds.

``VirtualClock`` replaces the client's clock and drives the fake's clock too, so
render progress and polling share one timeline. Time jumps to the next wake-up
whenever every task is blocked.

These runs use anyio's trio backend: anyio's asyncio implementation of "wait
until all tasks are blocked" (which the clock's autojump relies on) sleeps 0.1 s
of real time whenever a task is still runnable, which turns a 1,000-video
simulation into minutes; trio detects it in its scheduler at no cost. The SDK
code under test is the same on both backends (it is written against anyio).
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import anyio

from ._report import BenchmarkSkipped

if TYPE_CHECKING:
    from heygen_async import AsyncHeyGenClient
    from heygen_async.testing import FakeHeyGen, VirtualClock

T = TypeVar("T")

SCRIPT = "Hello from the heygen-async benchmarks."


@dataclass
class VirtualWorld:
    """A virtual clock, a fake HeyGen on it, and an SDK client on both."""

    clock: VirtualClock
    fake: FakeHeyGen
    client: AsyncHeyGenClient


@asynccontextmanager
async def virtual_world(
    *,
    seed: int,
    render_seconds: tuple[float, float],
    max_concurrent_renders: int | None = None,
    **client_options: Any,
) -> AsyncIterator[VirtualWorld]:
    """A fresh fake (by default unlimited render slots; time scale 1.0 on the virtual
    clock) and a client on it. The same ``seed`` gives the same render times, video by
    video."""
    from heygen_async.testing import FakeHeyGen, VirtualClock

    clock = VirtualClock(seed=seed)
    fake = FakeHeyGen(
        clock=clock.now,
        time_scale=1.0,
        seed=seed,
        render_seconds=render_seconds,
        max_concurrent_renders=max_concurrent_renders,
    )
    client = fake.client(**client_options, clock=clock)
    async with client:
        yield VirtualWorld(clock, fake, client)


def run_virtual(main: Callable[[], Awaitable[T]]) -> T:
    """Run ``main`` on the trio backend (see the module docstring for why)."""
    if importlib.util.find_spec("trio") is None:
        raise BenchmarkSkipped("virtual-time benchmarks need trio (pip install trio)")
    return anyio.run(main, backend="trio")


async def submit_videos(client: AsyncHeyGenClient, count: int) -> list[str]:
    """Submit ``count`` one-scene videos, one after another (no virtual time passes)."""
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    ids = []
    for _ in range(count):
        video = await client.generate_video(SCRIPT, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        ids.append(video.video_id)
    return ids


def video_job(key: int) -> dict[str, Any]:
    """One ``generate_many`` job: a dict of ``generate_video`` arguments and a key."""
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    return {
        "key": key,
        "script": SCRIPT,
        "avatar_id": SAMPLE_AVATAR_ID,
        "voice_id": SAMPLE_VOICE_ID,
    }


def require_client_method(name: str) -> None:
    """Skip the benchmark when ``AsyncHeyGenClient.<name>`` is not there yet."""
    from heygen_async import AsyncHeyGenClient

    if not hasattr(AsyncHeyGenClient, name):
        raise BenchmarkSkipped(f"AsyncHeyGenClient.{name} is not available yet")
