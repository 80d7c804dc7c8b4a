"""The CLI's ``wait`` on a video that has finished already answers at once.

The fake runs on a ManualClock (moved by hand, never slept on): the video is
rendered before the command starts. Before the fix the wait's first status check
came after ``first_delay`` (5 s) however long ago the video had finished.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.cli import _context, main
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock

from .conftest import API_KEY


def test_wait_on_a_finished_video_answers_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = ManualClock()
    fake = FakeHeyGen(api_keys={API_KEY}, clock=clock, render_seconds=60, seed=3)
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        return AsyncHeyGenClient(**kwargs, http_client=fake.http_client())

    monkeypatch.setattr(_context, "client_factory", factory)
    argv = ["generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID]
    assert main([*argv, "--json"]) == 0
    video_id = json.loads(capsys.readouterr().out)["video_id"]
    clock.advance(600)  # rendered long ago
    fake.reset_counters()

    started = time.monotonic()
    code = main(["wait", video_id, "--json"])  # the default policy: first_delay 5 s
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert json.loads(captured.out)["status"] == "completed"
    assert elapsed < 2.5  # not first_delay (5 s) first
    assert fake.counters.status_reads(video_id) == 2  # the bulk read, then its URLs
