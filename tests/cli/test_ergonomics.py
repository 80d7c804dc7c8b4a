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


def test_a_rerun_says_how_many_jobs_it_skipped(cli: Runner, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    out = tmp_path / "out"
    first = cli("bulk", str(jobs), "--out", str(out), "--json", *FAST)
    assert first.code == 0 and json.loads(first.out)["skipped_as_settled"] == 0
    again = cli("bulk", str(jobs), "--out", str(out), "--json", *FAST)
    assert json.loads(again.out)["skipped_as_settled"] == 3
    assert "skipping 3 job(s) already settled" in again.err


def test_bulk_json_uses_null_for_missing_values(cli: Runner, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 2, script="Hi {n} [fail]")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--json", *FAST)
    for job in json.loads(result.out)["jobs"]:
        assert job["path"] is None and job["error"]


def test_a_failed_video_error_reads_code_colon_message(cli: Runner) -> None:
    submitted = cli(
        "generate", "--script", "Hi [fail]", "--avatar", SAMPLE_AVATAR_ID,
        "--voice", SAMPLE_VOICE_ID, "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    cli("wait", video_id, *FAST)
    shown = cli("status", video_id, "--json")
    error = json.loads(shown.out)["error"]
    assert isinstance(error, str) and ": " in error and "{" not in error
    table = cli("status", video_id)
    assert "{'" not in table.out and error.split(" (")[0] in table.out


def test_wait_shows_each_status_with_the_elapsed_time(cli: Runner, fake: FakeHeyGen) -> None:
    submitted = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    result = cli("wait", video_id, *FAST)
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if line.startswith(f"video {video_id}: ")]
    assert lines[0].endswith("elapsed)") and "checking its status" in lines[0]
    assert any("completed" in line for line in lines), result.err
    generated = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--wait", *FAST,
    )  # fmt: skip
    assert generated.code == 0 and "elapsed)" in generated.err


def test_videos_lists_the_videos(cli: Runner) -> None:
    submitted = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--title", "Listed", "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    listed = cli("videos", "--json")
    assert listed.code == 0, listed.err
    assert video_id in [video["video_id"] for video in json.loads(listed.out)]
    table = cli("videos", "--limit", "5")
    assert table.code == 0 and video_id in table.out


def test_ids_in_tables_stay_on_one_line() -> None:
    import io

    from rich.console import Console

    from heygen_async.cli._render import Output

    buffer = io.StringIO()
    out = Output(as_json=False, stdout=buffer, stderr=io.StringIO())
    out.console = Console(file=buffer, width=80, no_color=True)
    long_id = "0123456789abcdef0123456789abcdef"
    rows = [{"video_id": long_id, "url": "https://example.com/" + "x" * 90, "name": "n" * 30}]
    out.table(rows, [("video_id", "Video id"), ("name", "Name"), ("url", "URL")], count=False)
    printed = buffer.getvalue()
    assert long_id in printed, printed
    assert max(len(line) for line in printed.splitlines()) <= 80


def test_every_flag_has_help_and_every_command_an_example() -> None:
    import argparse

    from heygen_async.cli._app import build_parser
    from heygen_async.testing.__main__ import build_parser as build_fake_server_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parsers = dict(commands.choices)
    # ``fake-server`` hands its arguments to the fake's own parser (its examples: see
    # the fake-server test).
    parsers["fake-server"] = build_fake_server_parser()
    for name, sub in parsers.items():
        if name != "fake-server":
            assert sub.epilog and "heygen-async " + name in sub.epilog, name
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name} {action.option_strings or action.dest}: no help"


def test_fake_server_takes_the_fakes_options_and_names_a_busy_port(cli: Runner) -> None:
    import socket

    shown = cli("fake-server", "--help")
    assert shown.code == 0
    assert "--time-scale" in shown.out and "--port" in shown.out and "example" in shown.out
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = cli("fake-server", "--port", str(port))
    assert busy.code == 2
    line = one_error_line(busy.err)
    assert f"port {port}" in line and "in use" in line and "--port 0" in line
    bad = cli("fake-server", "--time-scale", "fast")
    assert bad.code == 2 and "--time-scale" in one_error_line(bad.err)


def test_no_captioned_version_reads_right(cli: Runner, tmp_path: Path) -> None:
    submitted = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--wait", "--json", *FAST,
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    result = cli("download", video_id, str(tmp_path), "--caption")
    assert result.code == 3
    line = one_error_line(result.err)
    assert "has no captioned version" in line and "generate --caption" in line
    assert "no a " not in line and "caption=True" not in line


def test_sdk_validation_errors_name_the_flag(cli: Runner) -> None:
    for command in ("assets", "videos"):
        result = cli(command, "--limit", "0")
        assert result.code == 2
        assert one_error_line(result.err).startswith("error: --limit: ")


def test_a_wait_that_times_out_is_one_clean_line(cli: Runner, fake: FakeHeyGen) -> None:
    submitted = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    fake.time_scale = 1.0  # renders take minutes now
    result = cli("wait", video_id, "--timeout", "0.05", *FAST)
    assert result.code == 4
    assert "not finished" in one_error_line(result.err)
    assert "generator" not in result.err
