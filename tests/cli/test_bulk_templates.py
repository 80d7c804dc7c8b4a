"""heygen-async bulk with template jobs (issue 21 item 4): ``template_id`` and one
``variables.<name>`` column per variable, beside avatar-video rows; rerunnable with
nothing paid twice. In-process against the fake's v3 dialect."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from heygen_async.cli._jobs_file import JobsFileError, read_jobs
from heygen_async.cli._journal import Journal
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_TEMPLATE_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import FAST, Runner
from .test_bulk import results

V3 = ("--api-version", "v3")


def mixed_csv(path: Path) -> Path:
    path.write_text(
        "key,template_id,variables.name,title,script,avatar_id,voice_id\n"
        f"ada,{SAMPLE_TEMPLATE_ID},Ada,Welcome Ada,,,\n"
        f"grace,{SAMPLE_TEMPLATE_ID},Grace,,,,\n"
        f"plain,,,Plain,Hello there,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
    )
    return path


def test_a_template_row_becomes_templates_generate_arguments(tmp_path: Path) -> None:
    jobs = {job.key: job for job in read_jobs(mixed_csv(tmp_path / "jobs.csv"))}
    assert jobs["ada"].is_template and not jobs["plain"].is_template
    assert jobs["ada"].kwargs == {
        "template_id": SAMPLE_TEMPLATE_ID,
        "title": "Welcome Ada",
        "variables": {"name": "Ada"},
    }
    assert jobs["grace"].kwargs["variables"] == {"name": "Grace"}


def test_template_rows_with_bad_cells_are_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "key,template_id,variables.name,script\n"
        f"a,{SAMPLE_TEMPLATE_ID},Ada,Hello\n"  # a video column in a template row
        ",,Bob,\n"  # a variable without a template
    )
    with pytest.raises(JobsFileError) as caught:
        read_jobs(path)
    problems = caught.value.problems
    assert any("line 2" in p and "script: not a column of a template row" in p for p in problems)
    assert any("line 3" in p and "need a template_id" in p for p in problems)


def test_bulk_runs_template_rows_beside_videos_and_a_rerun_pays_nothing_twice(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = mixed_csv(tmp_path / "jobs.csv")
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--json", *V3, *FAST)
    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"] == {"completed": 3}
    rows = {row["key"]: row for row in results(out)}
    assert all(row["status"] == "completed" and row["video_id"] for row in rows.values())
    assert (out / "ada.mp4").is_file() and (out / "grace.mp4").is_file()
    assert fake.counters.videos_created == 3
    journal = Journal.open(out / "journal.sqlite")
    entries = journal.entries()
    journal.close()
    assert entries["ada"].idempotency_key and entries["ada"].first_sent_at is not None

    again = cli("bulk", str(jobs), "--out", str(out), "--json", *V3, *FAST)
    assert again.code == 0, again.err
    assert fake.counters.videos_created == 3


def test_a_template_row_cut_off_by_a_crash_is_settled_by_its_key(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    """A journal left "sending" for a template row (the kill came after HeyGen made
    the video, before the answer was journaled): the rerun resends its key, HeyGen
    replays the first answer, and no second video is made."""
    jobs = mixed_csv(tmp_path / "jobs.csv")
    out = tmp_path / "out"
    first = cli("bulk", str(jobs), "--out", str(out), "--no-download", *V3, *FAST)
    assert first.code == 0, first.err
    journal = Journal.open(out / "journal.sqlite")
    entry = journal.entries()["ada"]
    journal.close()
    # Back to "sent, answer unknown" under the same key and callback id.
    db = sqlite3.connect(out / "journal.sqlite")
    with db:
        changed = db.execute("UPDATE jobs SET state='sending', video_id=NULL WHERE key='ada'")
        assert changed.rowcount == 1
    db.close()
    again = cli("bulk", str(jobs), "--out", str(out), "--no-download", "--json", *V3, *FAST)
    assert again.code == 0, again.err
    assert fake.counters.videos_created == 3  # settled by replay, not made twice
    rows = {row["key"]: row for row in results(out)}
    assert rows["ada"]["status"] == "completed"
    assert rows["ada"]["video_id"] == entry.video_id
