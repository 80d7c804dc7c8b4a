"""Fixtures of the CLI tests: a fake HeyGen every command is routed to, and a runner.

``cli("voices", "--json")`` runs the console entry point in-process and returns
its exit code, stdout and stderr. The client is routed to the fake through the
CLI's public seam, ``main(argv, client_factory=...)``: ``routing.factory``, which a
test may replace before it runs a command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.cli import main
from heygen_async.testing import FakeHeyGen

API_KEY = "cli-test-key"
# Fast renders (0.03 to 0.12 s real) so waits finish at once.
TIME_SCALE = 1000.0
RENDER_SECONDS = (30.0, 120.0)
# Poll quickly: the fake's renders are sped up, the CLI's polling must keep pace.
FAST = ("--poll-interval", "0.01")


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@dataclass
class Routing:
    """What ``cli(...)`` hands ``main`` as its ``client_factory``."""

    factory: Callable[..., AsyncHeyGenClient]


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(
        api_keys={API_KEY}, time_scale=TIME_SCALE, render_seconds=RENDER_SECONDS, seed=3
    )


@pytest.fixture
def routing(fake: FakeHeyGen) -> Routing:
    """Every command's client is ``fake``'s (in-process), unless a test says otherwise."""
    return Routing(fake.client)


@pytest.fixture
def cli(
    routing: Routing, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Runner:
    """Run ``heygen-async`` in-process against ``fake`` (key in HEYGEN_API_KEY)."""
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv), client_factory=routing.factory)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
