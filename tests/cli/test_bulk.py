"""``heygen-async bulk``: jobs files, results, journal, resume and the crash window."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import anyio

from heygen_async.cli._bulk_runner import callback_id_for
from heygen_async.cli._journal import INTENT, SUBMITTED, Journal
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import FAST, Runner
from .test_commands import one_error_line

HEADER = "key,script,avatar_id,voice_id,title\n"


def jobs_csv(path: Path, count: int, *, script: str = "Hello number {n}") -> Path:
    lines = [HEADER]
    for n in range(1, count + 1):
        text = script.format(n=n)
        lines.append(f"job-{n},{text},{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},Video {n}\n")
    path.write_text("".join(lines))
    return path


def results(out: Path) -> list[dict[str, str]]:
    with (out / "results.csv").open(newline="") as file:
        return list(csv.DictReader(file))


def test_bulk_csv_end_to_end(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 8)
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--json", *FAST)
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["counts"] == {"completed": 8}
    rows = results(out)
    assert [row["key"] for row in rows] == [f"job-{n}" for n in range(1, 9)]
    for row in rows:
        assert row["status"] == "completed" and row["error"] == ""
        assert Path(row["path"]) == out / f"{row['key']}.mp4"
        assert Path(row["path"]).stat().st_size == fake.video_file_size
    assert fake.counters.videos_created == 8
    # Plain progress lines (not a terminal): one per finished job.
    assert result.err.count(": completed") == 8

    again = cli("bulk", str(jobs), "--out", str(out), "--json", *FAST)
    assert again.code == 0
    assert fake.counters.videos_created == 8  # nothing is generated twice
    assert len(results(out)) == 8


def test_bulk_jsonl_with_default_keys(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    rows = [
        {"script": f"Line {n}", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}
        for n in range(3)
    ]
    rows[1]["speed"] = 1.2
    jobs.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n")
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--no-download", *FAST)
    assert result.code == 0, result.err
    assert [row["key"] for row in results(out)] == ["1", "2", "3"]
    assert {row["status"] for row in results(out)} == {"completed"}
    assert not list(out.glob("*.mp4"))


def test_failed_render_is_reported(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 3, script="Hello {n} [fail]")
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), *FAST)
    assert result.code == 3
    rows = results(out)
    assert {row["status"] for row in rows} == {"failed"}
    assert all(row["video_id"] and "failed" in row["error"] for row in rows)
    again = cli("bulk", str(jobs), "--out", str(out), *FAST)
    assert again.code == 3
    assert fake.counters.videos_created == 3  # failed renders are not paid for again


def test_missing_column(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("key,script,avatar_id\na,Hi,x\n")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"))
    assert result.code == 2
    assert "voice_id" in one_error_line(result.err)
    assert sum(fake.counters.requests.values()) == 0


def test_bad_row_names_line_and_field(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    lines = jobs.read_text().splitlines()
    lines[0] += ",speed"
    lines[1] += ",1.0"
    lines[2] += ",9"
    lines[3] += ","
    jobs.write_text("\n".join(lines) + "\n")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"))
    assert result.code == 2
    line = one_error_line(result.err)
    assert "line 3" in line and "speed" in line
    assert sum(fake.counters.requests.values()) == 0


def test_unknown_column_and_duplicate_keys(cli: Runner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(HEADER.replace("title", "titel") + f"a,Hi,{SAMPLE_AVATAR_ID},v,t\n")
    assert "titel" in one_error_line(cli("bulk", str(jobs), "--out", str(tmp_path)).err)

    jobs_csv(jobs, 2)
    jobs.write_text(jobs.read_text().replace("job-2", "job-1"))
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"))
    assert result.code == 2
    assert "job-1" in one_error_line(result.err)


def test_changed_job_is_refused(cli: Runner, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 2)
    out = tmp_path / "out"
    assert cli("bulk", str(jobs), "--out", str(out), *FAST).code == 0
    jobs.write_text(jobs.read_text().replace("Hello number 2", "Changed"))
    result = cli("bulk", str(jobs), "--out", str(out), *FAST)
    assert result.code == 2
    assert "job-2" in one_error_line(result.err)


def submit_directly(fake: FakeHeyGen, callback_id: str, script: str) -> str:
    """Create a video at the fake as a crashed run would have."""

    async def go() -> str:
        async with fake.client(api_version="v2") as client:
            video = await client.generate_video(
                script, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id=callback_id
            )
            return video.video_id

    return anyio.run(go)


def test_resume_and_crash_window(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    """A journal as a killed run leaves it: one job submitted, one caught in the crash
    window with its video at HeyGen, one in the crash window with no video."""
    jobs = jobs_csv(tmp_path / "jobs.csv", 4)
    from heygen_async.cli._jobs_file import read_jobs

    parsed = {job.key: job for job in read_jobs(jobs)}
    out = tmp_path / "out"
    journal = Journal.open(out / "journal.sqlite")
    run_id = journal.run_id
    # job-1: submitted, video_id known.
    cb1 = callback_id_for(run_id, "job-1", 1)
    journal.record_intent("job-1", parsed["job-1"].fingerprint, cb1, 1)
    journal.record_submitted("job-1", submit_directly(fake, cb1, "Hello number 1"))
    # job-2: on the wire, video created, answer lost.
    cb2 = callback_id_for(run_id, "job-2", 1)
    journal.record_intent("job-2", parsed["job-2"].fingerprint, cb2, 1)
    journal.record_sending("job-2")
    lost_video = submit_directly(fake, cb2, "Hello number 2")
    # job-3: on the wire, the request never arrived.
    cb3 = callback_id_for(run_id, "job-3", 1)
    journal.record_intent("job-3", parsed["job-3"].fingerprint, cb3, 1)
    journal.record_sending("job-3")
    journal.close()
    fake.reset_counters()

    # callback_id settlement is v2's; v3 resends idempotency keys (test_v3_bulk.py).
    result = cli("bulk", str(jobs), "--out", str(out), "--api-version", "v2", *FAST)
    assert result.code == 3  # job-3 is unsettled
    rows = {row["key"]: row for row in results(out)}
    assert rows["job-1"]["status"] == "completed"
    assert rows["job-2"]["status"] == "completed"
    assert rows["job-2"]["video_id"] == lost_video  # adopted, not regenerated
    assert rows["job-3"]["status"] == "unsettled"
    assert rows["job-4"]["status"] == "completed"
    assert fake.counters.generations_by_callback_id[cb1] == 0
    assert fake.counters.generations_by_callback_id[cb2] == 0
    assert fake.counters.generations_by_callback_id[cb3] == 0  # not paid for blindly
    assert fake.counters.videos_created == 1  # job-4 only
    assert "unsettled" in result.err

    forced = cli(
        "bulk", str(jobs), "--out", str(out), "--resubmit-unsettled", "--api-version", "v2", *FAST
    )
    assert forced.code == 0, forced.err
    assert fake.counters.videos_created == 2
    assert {row["status"] for row in results(out)} == {"completed"}


def test_journal_states(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "j.sqlite")
    journal.record_intent("a", "fp", "cb", 1)
    assert journal.get("a") is not None and journal.get("a").state == INTENT  # type: ignore[union-attr]
    journal.record_submitted("a", "vid")
    journal.close()
    reopened = Journal.open(tmp_path / "j.sqlite")
    entry = reopened.get("a")
    assert entry is not None and entry.state == SUBMITTED and entry.video_id == "vid"
    assert reopened.known_video_ids() == {"vid"}
    reopened.close()


def test_not_a_journal(cli: Runner, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 1)
    bogus = tmp_path / "journal.sqlite"
    bogus.write_text("not sqlite at all, just text " * 100)
    result = cli("bulk", str(jobs), "--out", str(tmp_path), "--journal", str(bogus))
    assert result.code == 2
    assert "journal" in one_error_line(result.err)
