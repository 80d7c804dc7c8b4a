"""The CLI's ``wait``, and a resumed ``bulk`` run, on videos that have finished
already answer at once.

The fake runs on a ManualClock (moved by hand, never slept on): the videos are
rendered before the command starts. Before the fix the first status check came
after ``first_delay`` (5 s) however long ago the video had finished (``wait``
showed ``pending``, a resumed bulk run ``waiting 1``, for those 5 s).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from heygen_async.cli import main
from heygen_async.cli._bulk_runner import callback_id_for
from heygen_async.cli._journal import Journal
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock

from .conftest import API_KEY
from .test_bulk import jobs_csv, results, submit_directly


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> FakeHeyGen:
    """A fake on ``clock`` (every command below is routed to it: ``client_factory``)."""
    fake = FakeHeyGen(api_keys={API_KEY}, clock=clock, render_seconds=60, seed=3)
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)
    return fake


def test_wait_on_a_finished_video_answers_at_once(
    fake: FakeHeyGen, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID]
    assert main([*argv, "--json"], client_factory=fake.client) == 0
    video_id = json.loads(capsys.readouterr().out)["video_id"]
    clock.advance(600)  # rendered long ago
    fake.reset_counters()

    started = time.monotonic()
    code = main(["wait", video_id, "--json"], client_factory=fake.client)  # first_delay 5 s
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert json.loads(captured.out)["status"] == "completed"
    assert elapsed < 2.5  # not first_delay (5 s) first
    assert fake.counters.status_reads(video_id) == 2  # the bulk read, then its URLs


def test_a_resumed_bulk_run_checks_its_finished_videos_at_once(
    fake: FakeHeyGen, clock: ManualClock, tmp_path: Path
) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 1)
    from heygen_async.cli._jobs_file import read_jobs

    (job,) = read_jobs(jobs)
    out = tmp_path / "out"
    journal = Journal.open(out / "journal.sqlite")
    callback_id = callback_id_for(journal.run_id, job.key, 1)
    journal.record_intent(job.key, job.fingerprint, callback_id, 1)
    journal.record_submitted(job.key, submit_directly(fake, callback_id, "Hello number 1"))
    journal.close()
    clock.advance(600)  # it rendered while no run was waiting

    started = time.monotonic()
    argv = ["bulk", str(jobs), "--out", str(out), "--api-version", "v2"]
    code = main(argv, client_factory=fake.client)
    elapsed = time.monotonic() - started
    assert code == 0
    assert [row["status"] for row in results(out)] == ["completed"]
    assert elapsed < 2.5  # not first_delay (5 s) first
    assert fake.counters.videos_created == 1  # the earlier run's only
