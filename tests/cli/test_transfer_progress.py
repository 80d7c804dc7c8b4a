"""Byte progress in the CLI: ``download`` and ``upload`` draw a bar on a terminal
(80 columns), the bulk run adds a row per download and, piped, the size on each
completed line; piped output never carries a bar or a control character.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from heygen_async import TransferProgress
from heygen_async.cli._progress import LiveProgress, PlainProgress, TransferBar
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock

from .conftest import FAST, Runner
from .test_bulk import jobs_csv
from .test_terminal import ANSI, run_in_pty

JPEG = b"\xff\xd8\xff\xe0" + bytes(300_000)
BAR = re.compile(r"[━╸╺]")


def moved(done: int, total: int | None, *, finished: bool = False) -> TransferProgress:
    return TransferProgress("download", "vid", done, total, finished)


def terminal(width: int = 80) -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=width, color_system=None)
    return console, stream


def screen_lines(text: str) -> list[str]:
    return [line for line in re.split(r"[\r\n]", ANSI.sub("", text)) if line.strip()]


# -- the pieces ------------------------------------------------------------------------------


def test_a_transfer_bar_shows_bytes_and_fits_80_columns() -> None:
    console, stream = terminal()
    label = "download " + "v" * 120  # a label longer than the line is cut, not wrapped
    with TransferBar(console, label, interactive=True) as bar:
        bar(moved(0, None))
        bar(moved(1_000_000, 4_000_000))
        bar(moved(4_000_000, 4_000_000, finished=True))
    lines = screen_lines(stream.getvalue())
    assert lines, stream.getvalue()
    assert all(cell_len(line) <= 80 for line in lines), lines
    assert "4.0/4.0 MB" in lines[-1], lines  # the final numbers stay on screen
    assert lines[-1].startswith("download vvv")


def test_a_transfer_bar_prints_nothing_when_not_interactive() -> None:
    stream = io.StringIO()
    console = Console(file=stream, width=200)
    with TransferBar(console, "download vid", interactive=False) as bar:
        bar(moved(0, 10))
        bar(moved(10, 10, finished=True))
    assert stream.getvalue() == ""
    assert bar.last is not None and bar.last.finished and bar.last.bytes_done == 10


def test_the_live_bulk_bar_has_a_row_per_download_while_it_runs() -> None:
    console, _ = terminal()
    progress = LiveProgress(console, total=3)
    with progress:
        progress.set_state("intro", "downloading")
        progress.transfer("intro", moved(2_500_000, 10_000_000))
        progress.transfer("outro", moved(0, None))
        table = progress._bar.make_tasks_table(progress._bar.tasks)
        shown = Console(file=io.StringIO(), width=80, record=True)
        shown.print(table)
        lines = [line for line in shown.export_text().splitlines() if line.strip()]
        assert len(lines) == 3, lines
        assert all(cell_len(line) <= 80 for line in lines), lines
        assert lines[0].startswith("bulk") and "0/3" in lines[0]
        assert "2.5/10.0 MB" in lines[1] and "intro" in lines[1]
        assert "outro" in lines[2]
        progress.finished("intro", "completed", "out/intro.mp4")
        progress.finished("outro", "download_failed", "cut off")
        assert len(progress._bar.tasks) == 1  # the rows go when their jobs end


def test_plain_bulk_lines_give_a_downloaded_video_its_size() -> None:
    stream = io.StringIO()
    progress = PlainProgress(Console(file=stream, width=200), total=2)
    with progress:
        progress.transfer("intro", moved(8192, 8192, finished=True))
        progress.finished("intro", "completed", "out/intro.mp4")
        progress.finished("outro", "failed", "moderation")
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[1/2] intro: completed out/intro.mp4, 8.2 kB (elapsed ")
    assert lines[1].startswith("[2/2] outro: failed moderation (elapsed ")


# -- the commands, piped ----------------------------------------------------------------------


def test_piped_download_and_upload_print_no_bar(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    made = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--download", str(tmp_path / "a"), *FAST,
    )  # fmt: skip
    assert made.code == 0, made.err
    video_id = fake.videos()[0].video_id
    result = cli("download", video_id, str(tmp_path / "b"))
    assert result.code == 0, result.err
    assert (tmp_path / "b" / f"{video_id}.mp4").stat().st_size == fake.video_file_size
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    uploaded = cli("upload", str(photo), "--json")
    assert uploaded.code == 0, uploaded.err
    assert json.loads(uploaded.out)["id"]
    for err in (made.err, result.err, uploaded.err):
        assert "\x1b" not in err and "\r" not in err and not BAR.search(err), err
        assert "kB" not in err and "MB/s" not in err


def test_piped_bulk_lines_carry_the_size_and_a_rising_counter(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 4)
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), *FAST)
    assert result.code == 0, result.err
    assert "\x1b" not in result.err and "\r" not in result.err and not BAR.search(result.err)
    lines = [line for line in result.err.splitlines() if re.match(r"^\[\d+/4\] ", line)]
    assert len(lines) == 4, result.err
    assert [int(line[1]) for line in lines] == [1, 2, 3, 4]
    assert all(re.search(r": completed \S+\.mp4, 8\.2 kB \(elapsed", line) for line in lines), lines


# -- on a terminal ------------------------------------------------------------------------------


pty_only = pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX")


@pty_only
@pytest.mark.loopback
def test_download_and_upload_show_byte_progress_in_80_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("uvicorn")
    from heygen_async.testing import serve_loopback

    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, render_seconds=30.0, video_file_size=3_000_000)
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    with serve_loopback(fake) as server:
        monkeypatch.setenv("HEYGEN_API_KEY", fake.api_key)
        monkeypatch.setenv("HEYGEN_BASE_URL", server.base_url)
        monkeypatch.setenv("HEYGEN_UPLOAD_URL", server.base_url)
        cli = [sys.executable, "-m", "heygen_async.cli"]
        code, output = run_in_pty(
            [*cli, "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID,
             "--voice", SAMPLE_VOICE_ID, "--json"]
        )  # fmt: skip
        assert code == 0, output
        video_id = fake.videos()[0].video_id
        clock.advance(31)  # rendered
        code, downloaded = run_in_pty([*cli, "download", video_id, str(tmp_path / "v")])
        assert code == 0, downloaded
        code, uploaded = run_in_pty([*cli, "upload", str(photo)])
        assert code == 0, uploaded
    for output, label, size in (
        (downloaded, f"download {video_id[:8]}", "3.0/3.0 MB"),
        (uploaded, "upload ", "300.0/300.0 kB"),
    ):
        lines = screen_lines(output)
        too_wide = [line for line in lines if cell_len(line) > 80]
        assert too_wide == [], too_wide
        bars = [line for line in lines if BAR.search(line)]
        assert any(line.startswith(label) and size in line for line in bars), lines
