"""heygen-async bulk with translation rows (issue 21 item 4): a row names a source
``video`` and its ``output_languages`` (separated by ``|``) and becomes one job per
language, keyed ``<key>.<language>``; bad rows are refused naming the line and the
column before anything is sent; a journaled translation resumes as a translation;
results.csv carries its kind, id and URL after the video columns. In-process
against the fake's v3 dialect."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from heygen_async.cli._bulk_runner import RESULT_COLUMNS
from heygen_async.cli._jobs_file import JobsFileError, read_jobs
from heygen_async.cli._journal import Journal
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import FAST, Runner
from .test_bulk import results

V3 = ("--api-version", "v3")
TALK = "https://example.com/talk.mp4"
VIDEO_COLUMNS = ["key", "video_id", "status", "path", "error"]


def mixed_csv(path: Path, *, title: str = "Talk") -> Path:
    path.write_text(
        "key,video,output_languages,title,enable_caption,script,avatar_id,voice_id\n"
        f"talk,{TALK},French|Spanish (Spain),{title},true,,,\n"
        f"plain,,,Plain,,Hello there,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
    )
    return path


def test_a_translation_row_becomes_one_job_per_language(tmp_path: Path) -> None:
    jobs = {job.key: job for job in read_jobs(mixed_csv(tmp_path / "jobs.csv"))}
    assert list(jobs) == ["talk.French", "talk.Spanish (Spain)", "plain"]
    french = jobs["talk.French"]
    assert french.is_translation and not jobs["plain"].is_translation
    assert french.kwargs == {
        "video": {"type": "url", "url": TALK},
        "output_languages": ["French"],
        "title": "Talk",
        "enable_caption": True,  # the cell read as the create's type
    }
    assert jobs["talk.Spanish (Spain)"].kwargs["output_languages"] == ["Spanish (Spain)"]
    assert french.fingerprint != jobs["talk.Spanish (Spain)"].fingerprint


def test_a_jsonl_translation_row_may_list_its_languages(tmp_path: Path) -> None:
    path = tmp_path / "jobs.jsonl"
    rows = [
        {"key": "a", "video": "asset123", "output_languages": ["German", "Italian"]},
        {"key": "b", "video": TALK, "output_languages": "French", "callback_id": "cb-b"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    jobs = {job.key: job for job in read_jobs(path)}
    assert list(jobs) == ["a.German", "a.Italian", "b.French"]
    assert jobs["a.German"].kwargs["video"] == {"type": "asset_id", "asset_id": "asset123"}
    # A given callback_id names one job: each language gets its own.
    assert jobs["b.French"].kwargs["callback_id"] == "cb-b.French"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (",French,T,,", "line 2 (key 'bad'): video: missing"),
        (f"{TALK},,T,,", None),  # no languages: not a translation row (a video row)
        (f"{TALK},French||German,T,,", "line 2 (key 'bad'): output_languages: an empty"),
        (f"{TALK},French|French,T,,", "output_languages: 'French' is named twice"),
        (f"{TALK},French,T,fast,", "line 2 (key 'bad'): mode: Input should be 'speed'"),
        (f"{TALK},French,T,,x", "line 2 (key 'bad'): speaker_num: Input should be a valid"),
    ],
)
def test_bad_translation_rows_are_refused_naming_the_line_and_the_column(
    tmp_path: Path, row: str, problem: str | None
) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(f"key,video,output_languages,title,mode,speaker_num\nbad,{row}\n")
    with pytest.raises(JobsFileError) as caught:
        read_jobs(path)
    if problem is not None:
        assert problem in str(caught.value), caught.value.problems


def test_columns_of_one_kind_on_a_row_of_another_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "key,video,output_languages,script,avatar_id,voice_id,mode,idempotency_key\n"
        f"t,{TALK},French,Hello,,,,\n"  # a video column in a translation row
        f"v,,,Hello,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},speed,\n"  # and the reverse
        f"k,{TALK},French|German,,,,,key-1\n"  # one key for two languages
    )
    with pytest.raises(JobsFileError) as caught:
        read_jobs(path)
    problems = caught.value.problems
    assert any("line 2 (key 't'): script: not a column of a translation row" in p for p in problems)
    assert any("line 3 (key 'v'): mode: a column of translation rows only" in p for p in problems)
    assert any("line 4 (key 'k'): idempotency_key: not a column" in p for p in problems)


def test_a_bad_translation_row_sends_nothing(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "key,video,output_languages,title,script,avatar_id,voice_id\n"
        f"plain,,,Plain,Hello,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
        f"talk,{TALK},French|,Talk,,,\n"
    )
    result = cli("bulk", str(path), "--out", str(tmp_path / "out"), *V3, *FAST)
    assert result.code == 2, result.err
    assert "jobs.csv line 3 (key 'talk'): output_languages" in result.err
    assert sum(fake.counters.requests.values()) == 0


def test_translation_rows_on_an_api_version_without_them_are_refused(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = mixed_csv(tmp_path / "jobs.csv")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--api-version", "v2", *FAST)
    assert result.code == 2, result.err
    assert "line 2 (job 'talk.French'): api_version v2 has no video translations" in result.err
    assert fake.counters.generation_requests == 0 and not fake.counters.jobs_created


def test_bulk_runs_translation_rows_beside_videos_and_a_rerun_pays_nothing_twice(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = mixed_csv(tmp_path / "jobs.csv")
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--json", *V3, *FAST)
    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"] == {"completed": 3}
    with (out / "results.csv").open(newline="") as file:
        header = next(csv.reader(file))
    assert header == list(RESULT_COLUMNS) and header[:5] == VIDEO_COLUMNS  # new ones at the end
    rows = {row["key"]: row for row in results(out)}
    assert list(rows) == ["talk.French", "talk.Spanish (Spain)", "plain"]
    for key, language in (("talk.French", "French"), ("talk.Spanish (Spain)", "Spanish (Spain)")):
        row = rows[key]
        assert (row["status"], row["kind"], row["video_id"], row["path"]) == (
            "completed",
            "video_translation",
            "",
            "",
        )
        translation = fake.job(row["job_id"])
        assert translation.kind == "video_translation"
        assert translation.fields["output_language"] == language
        assert row["url"].startswith("http") and translation.job_id in row["url"]
    plain = rows["plain"]
    assert plain["kind"] == "video" and plain["job_id"] == plain["video_id"] != ""
    assert (out / "plain.mp4").is_file() and plain["url"] == ""
    assert fake.counters.jobs_created["video_translation"] == 2
    assert fake.counters.videos_created == 1

    again = cli("bulk", str(jobs), "--out", str(out), "--json", *V3, *FAST)
    assert again.code == 0, again.err
    assert fake.counters.jobs_created["video_translation"] == 2
    assert fake.counters.videos_created == 1
    assert [row["job_id"] for row in results(out)] == [row["job_id"] for row in rows.values()]


def test_a_journaled_translation_resumes_as_a_translation(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    """A run killed after HeyGen answered a translation's create (journaled
    ``submitted`` with its id): the rerun waits for that translation on the
    translation endpoints, not as a video, and creates nothing."""
    jobs = mixed_csv(tmp_path / "jobs.csv")
    out = tmp_path / "out"
    first = cli("bulk", str(jobs), "--out", str(out), *V3, *FAST)
    assert first.code == 0, first.err
    translation_id = {row["key"]: row for row in results(out)}["talk.French"]["job_id"]
    db = sqlite3.connect(out / "journal.sqlite")
    with db:
        changed = db.execute("UPDATE jobs SET state='submitted', url=NULL WHERE key='talk.French'")
        assert changed.rowcount == 1
    db.close()
    fake.reset_counters()

    again = cli("bulk", str(jobs), "--out", str(out), "--json", *V3, *FAST)
    assert again.code == 0, again.err
    row = {row["key"]: row for row in results(out)}["talk.French"]
    assert (row["status"], row["kind"], row["job_id"]) == (
        "completed",
        "video_translation",
        translation_id,
    )
    assert row["url"]
    assert not fake.counters.jobs_created and fake.counters.generation_requests == 0
    assert not any("video_status" in name or name == "videos" for name in fake.counters.requests)


def test_a_failed_translation_is_recorded_with_heygens_code(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = mixed_csv(tmp_path / "jobs.csv", title="Talk [fail]")
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), *V3, *FAST)
    assert result.code == 3, result.err
    rows = {row["key"]: row for row in results(out)}
    for key in ("talk.French", "talk.Spanish (Spain)"):
        assert rows[key]["status"] == "failed" and rows[key]["kind"] == "video_translation"
        assert "code 40119" in rows[key]["error"] and rows[key]["job_id"]
    journal = Journal.open(out / "journal.sqlite")
    assert journal.get("talk.French").state == "failed"  # type: ignore[union-attr]
    journal.close()
    assert rows["plain"]["status"] == "completed"


def test_a_dry_run_plans_one_send_per_language(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = mixed_csv(tmp_path / "jobs.csv")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--dry-run", "--json", *V3)
    assert result.code == 0, result.err
    planned = json.loads(result.out)["jobs"]
    assert [(job["key"], job["action"]) for job in planned] == [
        ("talk.French", "send"),
        ("talk.Spanish (Spain)", "send"),
        ("plain", "send"),
    ]
    assert sum(fake.counters.requests.values()) == 0
