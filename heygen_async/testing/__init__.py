"""A fake HeyGen server for tests, demos and benchmarks: HeyGen's wire format, no credits.

It speaks v1/v2 and v3 at once, on one account (a video made on either API is
visible on both). Layout: ``account/`` (state, no HTTP), ``server/`` (the
version-neutral ASGI core, faults, transports), ``dialects/legacy`` and
``dialects/v3`` (routes, wire formats, request validation).

Quick start (pytest; the ``heygen_fake`` fixture comes with the package)::

    async def test_my_code(heygen_fake):
        async with heygen_fake.client() as client:
            video = await client.generate_video("Hi!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
            assert heygen_fake.counters.videos_created == 1

By hand::

    from heygen_async.testing import FakeHeyGen, Fault, FaultPlan, ManualClock

    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, faults=FaultPlan(seed=1).add("status", Fault.rate_limit(2), 0.1))
    http = httpx.AsyncClient(transport=fake.transport())     # in-process, no sockets
    with serve_loopback(fake) as server:                     # or a real port on 127.0.0.1
        print(server.base_url)

Command line: ``python -m heygen_async.testing --port 8765 --time-scale 60``.
See docs/testing.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .._clock import Clock
    from ._client_clock import use_clock
    from ._clock import ManualClock
    from ._defaults import PLAN_CONCURRENCY
    from ._fake import FakeHeyGen
    from ._instant_clock import InstantClock
    from ._virtual_clock import VirtualClock
    from .account._account import Account
    from .account._catalogue import (
        FAILURE_REASONS,
        SAMPLE_AUDIO_ASSET_ID,
        SAMPLE_AVATAR_ID,
        SAMPLE_EMOTION_VOICE_ID,
        SAMPLE_IMAGE_ASSET_ID,
        SAMPLE_IMAGE_KEY,
        SAMPLE_TALKING_PHOTO_ID,
        SAMPLE_TEMPLATE_ID,
        SAMPLE_VIDEO_ASSET_ID,
        SAMPLE_VOICE_ID,
        Catalogue,
    )
    from .account._counters import Counters, canonical_json
    from .account._jobs import FakeJob
    from .account._videos import FakeVideo, RenderSeconds, VideoState
    from .server._faults import Fault, FaultPlan
    from .server._loopback import LoopbackServer, serve_loopback
    from .server._transport import InProcessTransport

# Loaded on first use: the pytest plugin lives in this package and is imported
# by every pytest run, so importing the package itself must cost next to nothing.
_EXPORTS = {
    "Account": ".account._account",
    "FAILURE_REASONS": ".account._catalogue",
    "SAMPLE_AUDIO_ASSET_ID": ".account._catalogue",
    "SAMPLE_AVATAR_ID": ".account._catalogue",
    "SAMPLE_EMOTION_VOICE_ID": ".account._catalogue",
    "SAMPLE_IMAGE_ASSET_ID": ".account._catalogue",
    "SAMPLE_IMAGE_KEY": ".account._catalogue",
    "SAMPLE_TALKING_PHOTO_ID": ".account._catalogue",
    "SAMPLE_TEMPLATE_ID": ".account._catalogue",
    "SAMPLE_VIDEO_ASSET_ID": ".account._catalogue",
    "SAMPLE_VOICE_ID": ".account._catalogue",
    "Catalogue": ".account._catalogue",
    "ManualClock": "._clock",
    "Counters": ".account._counters",
    "canonical_json": ".account._counters",
    "PLAN_CONCURRENCY": "._defaults",
    "FakeHeyGen": "._fake",
    "Fault": ".server._faults",
    "FaultPlan": ".server._faults",
    "LoopbackServer": ".server._loopback",
    "serve_loopback": ".server._loopback",
    "FakeJob": ".account._jobs",
    "FakeVideo": ".account._videos",
    "RenderSeconds": ".account._videos",
    "VideoState": ".account._videos",
    "InProcessTransport": ".server._transport",
    "VirtualClock": "._virtual_clock",
    "InstantClock": "._instant_clock",
    "Clock": ".._clock",
    "use_clock": "._client_clock",
}


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
del lazy_exports  # not a public name


__all__ = [
    "FAILURE_REASONS",
    "PLAN_CONCURRENCY",
    "SAMPLE_AUDIO_ASSET_ID",
    "SAMPLE_AVATAR_ID",
    "SAMPLE_EMOTION_VOICE_ID",
    "SAMPLE_IMAGE_ASSET_ID",
    "SAMPLE_IMAGE_KEY",
    "SAMPLE_TALKING_PHOTO_ID",
    "SAMPLE_TEMPLATE_ID",
    "SAMPLE_VIDEO_ASSET_ID",
    "SAMPLE_VOICE_ID",
    "Account",
    "Catalogue",
    "Clock",
    "Counters",
    "FakeHeyGen",
    "FakeJob",
    "FakeVideo",
    "Fault",
    "FaultPlan",
    "InProcessTransport",
    "InstantClock",
    "LoopbackServer",
    "ManualClock",
    "RenderSeconds",
    "VideoState",
    "VirtualClock",
    "canonical_json",
    "serve_loopback",
    "use_clock",
]
