"""Fixtures of the CLI tests: a fake HeyGen every command is routed to, and a runner.

``cli("voices", "--json")`` runs the console entry point in-process and returns
its exit code, stdout and stderr. The client is routed to the fake through the
CLI's one seam, ``heygen_async.cli._context.client_factory``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.cli import _context, main
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


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(
        api_keys={API_KEY}, time_scale=TIME_SCALE, render_seconds=RENDER_SECONDS, seed=3
    )


@pytest.fixture
def cli(
    fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Runner:
    """Run ``heygen-async`` in-process against ``fake`` (key in HEYGEN_API_KEY)."""
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        return AsyncHeyGenClient(**kwargs, http_client=fake.http_client())

    monkeypatch.setattr(_context, "client_factory", factory)

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
