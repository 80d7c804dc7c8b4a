"""``main(argv, client_factory=...)``: the public seam that routes the CLI's clients."""

from __future__ import annotations

import json
from typing import Any

import anyio
import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.cli import main
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, Clock, FakeHeyGen

from .conftest import API_KEY


class InstantClock(Clock):
    """Sleeps pass at once (the command runs its own event loop) and are recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.time = 0.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += max(0.0, seconds)
        await anyio.sleep(0)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)


def test_every_client_of_the_run_comes_from_the_factory(
    fake: FakeHeyGen, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[dict[str, Any]] = []

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        made.append(kwargs)
        return fake.client(**kwargs)

    assert main(["voices", "--json", "--api-version", "v3"], client_factory=factory) == 0
    assert json.loads(capsys.readouterr().out)  # the fake's voices
    assert len(made) == 1
    assert made[0]["api_version"] == "v3"
    assert fake.counters.requests  # the fake answered, not HeyGen


def test_each_run_uses_its_own_factory(fake: FakeHeyGen) -> None:
    first: list[str] = []
    second: list[str] = []

    def via(seen: list[str]) -> Any:
        def factory(**kwargs: Any) -> AsyncHeyGenClient:
            seen.append("made")
            return fake.client(**kwargs)

        return factory

    assert main(["voices", "--json"], client_factory=via(first)) == 0
    assert main(["voices", "--json"], client_factory=via(second)) == 0
    assert (first, second) == (["made"], ["made"])


def test_a_run_without_a_factory_does_not_reuse_the_last_runs(
    fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[str] = []

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        made.append("made")
        return fake.client(**kwargs)

    assert main(["voices", "--json"], client_factory=factory) == 0
    monkeypatch.delenv("HEYGEN_API_KEY")
    capsys.readouterr()
    # The SDK's own client now: without a key it refuses to start, and sends nothing.
    assert main(["voices", "--json"]) == 2
    assert "no HeyGen API key" in capsys.readouterr().err
    assert made == ["made"]


def test_a_wait_runs_on_the_clock_of_the_factorys_client(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = InstantClock()
    fake = FakeHeyGen(api_keys={API_KEY}, clock=clock.now, time_scale=1.0, render_seconds=600)
    argv = ["generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID]

    def on_the_clock(**kwargs: Any) -> AsyncHeyGenClient:
        return fake.client(clock=clock, **kwargs)

    # --timeout beyond the render: ten minutes of polling, none of it real.
    code = main([*argv, "--wait", "--timeout", "3600", "--json"], client_factory=on_the_clock)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert json.loads(captured.out)["status"] == "completed"
    assert sum(clock.sleeps) >= 600
