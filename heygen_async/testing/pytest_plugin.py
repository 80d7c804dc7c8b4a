"""pytest fixtures for the fake HeyGen server (loaded automatically via ``pytest11``).

Loaded in every pytest run of an environment that has heygen-async installed,
so this module imports nothing heavy at import time and cannot fail.

Fixtures:

- ``heygen_fake``: a fresh ``FakeHeyGen`` tuned for fast deterministic tests
  (seed 0, time_scale 1000, renders of 30 s..2 min: 30-120 ms of real time).
  ``.client()`` gives an ``AsyncHeyGenClient`` on it whose polling runs on the
  same scale. Override the settings per test with a marker::

      @pytest.mark.heygen_fake(failure_rate=0.5, max_concurrent_renders=1)
      async def test_something(heygen_fake): ...

- ``heygen_fake_server``: the same fake served on 127.0.0.1 by uvicorn (skipped
  when uvicorn is not installed); ``.base_url``, ``.fake``, ``.client()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from heygen_async.testing import FakeHeyGen, LoopbackServer

_MARKER = "heygen_fake"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(**settings): FakeHeyGen keyword arguments for the heygen_fake fixture",
    )


def _settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    from heygen_async.testing import _defaults as defaults

    settings: dict[str, Any] = {
        "seed": defaults.FIXTURE_SEED,
        "time_scale": defaults.FIXTURE_TIME_SCALE,
        "render_seconds": defaults.FIXTURE_RENDER_SECONDS,
    }
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        settings.update(marker.kwargs)
    return settings


@pytest.fixture
def heygen_fake(request: pytest.FixtureRequest) -> FakeHeyGen:
    """A fresh fake HeyGen for this test (see the module docstring)."""
    from heygen_async.testing import FakeHeyGen

    return FakeHeyGen(**_settings(request))


@pytest.fixture
def heygen_fake_server(heygen_fake: FakeHeyGen) -> Iterator[LoopbackServer]:
    """``heygen_fake`` served over HTTP on a free loopback port."""
    pytest.importorskip("uvicorn", reason="the loopback fake needs heygen-async[server]")
    from heygen_async.testing import serve_loopback

    with serve_loopback(heygen_fake) as server:
        yield server
