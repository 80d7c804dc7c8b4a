"""The API key: ways to give it that keep it off the command line, and no piece of
it in anything the CLI prints or journals, even when the server echoes it."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import API_KEY, FAST, Runner
from .test_commands import one_error_line

PIECE = 8  # the SDK redacts every run of 8 or more of the key's characters


def leaks(text: str, key: str = API_KEY) -> list[str]:
    """The pieces of ``key`` (``PIECE`` characters or more) found in ``text``."""
    return [key[i : i + PIECE] for i in range(len(key) - PIECE + 1) if key[i : i + PIECE] in text]


def test_the_key_from_a_file(cli: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    key_file = tmp_path / "heygen.key"
    key_file.write_text(API_KEY + "\n")
    result = cli("voices", "--json", "--api-key-file", str(key_file))
    assert result.code == 0, result.err
    assert json.loads(result.out)

    missing = cli("voices", "--api-key-file", str(tmp_path / "nope"))
    assert missing.code == 2 and "--api-key-file" in one_error_line(missing.err)
    key_file.write_text("\n")
    assert "empty" in one_error_line(cli("voices", "--api-key-file", str(key_file)).err)
    both = cli("voices", "--api-key", "x", "--api-key-file", str(key_file))
    assert both.code == 2 and "not both" in one_error_line(both.err)


def test_the_key_from_standard_input(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    monkeypatch.setattr("sys.stdin", io.StringIO(API_KEY + "\n"))
    result = cli("avatars", "--api-key", "-")
    assert result.code == 0, result.err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    empty = cli("avatars", "--api-key", "-")
    assert empty.code == 2 and "standard input" in one_error_line(empty.err)


def test_a_missing_key_says_how_to_give_one(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    line = one_error_line(cli("voices").err)
    assert "HEYGEN_API_KEY" in line and "--api-key-file" in line and "--api-key -" in line
    assert "api_key=" not in line  # the SDK's parameter, not the CLI's words


def test_a_refused_http_base_url_is_reported_as_that(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYGEN_BASE_URL", "http://api.example.com")
    result = cli("voices")
    assert result.code == 2
    line = one_error_line(result.err)
    assert "HEYGEN_BASE_URL" in line and "http://" in line and "https://" in line
    assert "no HeyGen API key" not in line


def test_no_piece_of_the_key_when_the_server_echoes_it(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    """A render fails with HeyGen's message naming an asset id, which here is the key
    (a user's paste mistake): stderr, stdout, results and journal never show it."""
    jobs = tmp_path / "jobs.csv"
    background = json.dumps({"type": "image", "image_asset_id": API_KEY}).replace('"', '""')
    jobs.write_text(
        "key,script,avatar_id,voice_id,background\n"
        f'echo,Hello,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},"{background}"\n'
    )
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--api-version", "v2", "--json", *FAST)
    assert result.code == 3, result.err
    summary = json.loads(result.out)
    assert summary["jobs"][0]["status"] == "failed"
    assert "not found" in summary["jobs"][0]["error"]  # HeyGen's reason is kept...
    assert leaks(result.out) == [] and leaks(result.err) == []  # ...without the key
    assert leaks((out / "results.csv").read_text()) == []
    db = sqlite3.connect(out / "journal.sqlite")
    rows = db.execute("SELECT * FROM jobs").fetchall()
    db.close()
    assert leaks(repr(rows)) == []

    video_id = summary["jobs"][0]["video_id"]
    for command in ("status", "wait"):
        for extra in ((), ("--debug",), ("--json",)):
            shown = cli(command, video_id, "--api-version", "v2", *extra, *FAST)
            assert leaks(shown.out) == [] and leaks(shown.err) == [], shown
