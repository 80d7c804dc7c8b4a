"""CLI ergonomics: every bad row at once, dry runs, wording and output details."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import FAST, Runner
from .test_bulk import jobs_csv
from .test_commands import one_error_line


def test_every_bad_row_is_reported_at_once(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 5)
    lines = jobs.read_text().splitlines()
    lines[0] += ",speed"
    lines[1] += ",fast"  # line 2: not a number
    lines[2] += ",1.0"
    lines[3] = lines[3].replace(SAMPLE_VOICE_ID, "") + ",2.0"  # line 4: no voice
    lines[4] = lines[4].replace("job-4", "job-2") + ","  # line 5: a key used twice
    lines[5] += ",1.0,extra"  # line 6: a cell too many
    jobs.write_text("\n".join(lines) + "\n")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"))
    assert result.code == 2
    summary = one_error_line(result.err)
    assert "4 problems" in summary and "nothing was sent" in summary
    listed = [line.strip() for line in result.err.splitlines() if line.startswith("  ")]
    assert len(listed) == 4, result.err
    assert "line 2" in listed[0] and "speed" in listed[0]
    assert any("line 4" in line and "voice" in line for line in listed)
    assert any("line 5" in line and "job-2" in line for line in listed)
    assert any("line 6" in line and "more cells" in line for line in listed)
    assert sum(fake.counters.requests.values()) == 0


def test_every_bad_jsonl_line_is_reported_at_once(cli: Runner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    good = {"script": "Hi", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}
    jobs.write_text(
        "\n".join(
            [json.dumps(good), "{not json", json.dumps([1]), json.dumps({**good, "speeed": 1})]
        )
    )
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"))
    assert result.code == 2
    listed = [line.strip() for line in result.err.splitlines() if line.startswith("  ")]
    assert [line.split(":")[0] for line in listed] == [
        "jobs.jsonl line 2",
        "jobs.jsonl line 3",
        "jobs.jsonl line 4",
    ]


def test_dry_run_plans_and_sends_nothing(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 4)
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--dry-run", "--json")
    assert result.code == 0, result.err
    plan = json.loads(result.out)
    assert plan["dry_run"] is True and plan["counts"] == {"send": 4}
    assert [job["action"] for job in plan["jobs"]] == ["send"] * 4
    assert plan["jobs"][0]["detail"] is None  # JSON null, not ""
    assert sum(fake.counters.requests.values()) == 0
    assert not out.exists()  # nothing created either

    assert cli("bulk", str(jobs), "--out", str(out), "--no-download", *FAST).code == 0
    jobs_csv(tmp_path / "jobs.csv", 6)
    fake.reset_counters()
    again = cli("bulk", str(jobs), "--out", str(out), "--no-download", "--dry-run")
    assert again.code == 0, again.err
    assert "2 send" in again.err and "4 skip" in again.err and "nothing was sent" in again.err
    assert sum(fake.counters.requests.values()) == 0


def test_dry_run_needs_no_key_and_refuses_rows_the_api_version_cannot_send(
    cli: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    lines = jobs.read_text().splitlines()
    lines[0] += ",test"
    lines[1] += ",true"
    lines[2] += ",true"
    lines[3] += ","
    jobs.write_text("\n".join(lines) + "\n")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--dry-run")
    assert result.code == 2  # v3 has no test videos: both rows named
    listed = [line for line in result.err.splitlines() if line.startswith("  ")]
    assert len(listed) == 2 and "--api-version v2" in listed[0], result.err
    ok = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--dry-run", "--api-version", "v2")
    assert ok.code == 0, ok.err
