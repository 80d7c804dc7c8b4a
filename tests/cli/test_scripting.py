"""The CLI in scripts and the words of its messages (issue 19, items 4 and 5).

Piped, a command with one result prints it bare (``VID=$(heygen-async generate
...)``); a wait says it is checking until a status check answers; a rejected key,
a bad ``HEYGEN_API_VERSION`` and a download into a file each name the right
thing; the bulk run's Ctrl-C note and its live display say and draw what is so.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from rich.cells import cell_len
from rich.console import Console, Group

from heygen_async import AsyncHeyGenClient
from heygen_async.cli import _bulk_command
from heygen_async.cli._bulk_command import _Stop
from heygen_async.cli._progress import FINAL_STATES, BulkProgress, LiveProgress
from heygen_async.cli._render import Output
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock

from .conftest import API_KEY, FAST, Routing, Runner
from .test_bulk import jobs_csv
from .test_terminal import ANSI, demo_command, run_in_pty
from .test_transfer_progress import JPEG, moved

BOX = re.compile(r"[┌┐└┘│─┏┃━]")
RENDER_SECONDS = 30.0


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeHeyGen:
    """The fake of this module's ``cli``: its renders end when the test moves its clock."""
    return FakeHeyGen(api_keys={API_KEY}, clock=clock, render_seconds=RENDER_SECONDS, seed=3)


def generate(cli: Runner, *extra: str) -> str:
    result = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.out


# -- item 4: one value, bare, when piped ------------------------------------------------------


def test_piped_generate_prints_the_bare_video_id(cli: Runner, fake: FakeHeyGen) -> None:
    out = generate(cli)
    assert out == f"{fake.videos()[0].video_id}\n"  # VID=$(...) captures the id alone


def test_piped_upload_and_avatar_iv_print_the_bare_key_and_id(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    uploaded = cli("upload", str(photo))
    assert uploaded.code == 0, uploaded.err
    image_key = uploaded.out.removesuffix("\n")
    assert image_key and "\n" not in image_key and not BOX.search(image_key), uploaded.out
    # What was printed is what avatar-iv --image-key takes.
    made = cli("avatar-iv", "--image-key", image_key, "--script", "Hi", "--voice", SAMPLE_VOICE_ID)
    assert made.code == 0, made.err
    assert made.out == f"{fake.videos()[0].video_id}\n"


def test_piped_download_prints_the_bare_path(
    cli: Runner, fake: FakeHeyGen, clock: ManualClock, tmp_path: Path
) -> None:
    generate(cli)
    video_id = fake.videos()[0].video_id
    clock.advance(RENDER_SECONDS + 1)
    result = cli("download", video_id, str(tmp_path))
    assert result.code == 0, result.err
    assert result.out == f"{tmp_path / f'{video_id}.mp4'}\n"


def test_json_still_prints_the_object_when_piped(cli: Runner, fake: FakeHeyGen) -> None:
    out = generate(cli, "--json")
    assert json.loads(out) == {"video_id": fake.videos()[0].video_id}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_value_is_still_a_table() -> None:
    stdout = _Terminal()
    out = Output(as_json=False, stdout=stdout, stderr=io.StringIO())
    out.value("abc123", {"video_id": "abc123"})
    shown = stdout.getvalue()
    assert BOX.search(shown) and "video_id" in shown and "abc123" in shown, shown


# -- item 4: what a wait shows before its first check answers ---------------------------------


def test_a_wait_on_a_finished_video_never_says_pending(
    cli: Runner, fake: FakeHeyGen, clock: ManualClock
) -> None:
    generate(cli)
    video_id = fake.videos()[0].video_id
    clock.advance(RENDER_SECONDS + 1)  # it has finished before the wait begins
    result = cli("wait", video_id, *FAST)
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if line.startswith(f"video {video_id}: ")]
    assert lines[0].startswith(f"video {video_id}: checking its status ("), lines
    assert "completed" in lines[-1], lines
    assert not any("pending" in line for line in lines), lines


class _Recording(BulkProgress):
    """A bulk display that remembers each job's states, in order."""

    def __init__(self) -> None:
        super().__init__(Console(file=io.StringIO()), total=0)
        self.seen: dict[str, list[str]] = {}

    def skipped(self, key: str, state: str) -> None:
        super().skipped(key, state)
        self.seen.setdefault(key, []).append(state)

    def set_state(self, key: str, state: str) -> None:
        super().set_state(key, state)
        self.seen.setdefault(key, []).append(state)


def test_bulk_shows_submitted_until_a_status_check_answers(
    cli: Runner, routing: Routing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Renders that end on their own (sped up), so that the run finishes.
    quick = FakeHeyGen(api_keys={API_KEY}, time_scale=1000.0, render_seconds=(30.0, 60.0), seed=3)

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        return AsyncHeyGenClient(**kwargs, http_client=quick.http_client())

    routing.factory = factory
    recording = _Recording()
    monkeypatch.setattr(_bulk_command, "make_progress", lambda *args, **kwargs: recording)
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), "--no-download", *FAST)
    assert result.code == 0, result.err
    assert len(recording.seen) == 3, recording.seen
    for states in recording.seen.values():
        # Nothing but a status check may report HeyGen's own "waiting".
        assert states[states.index("submitting") + 1] == "submitted", states


# -- item 5: messages that name the right thing ------------------------------------------------


@pytest.mark.parametrize(
    ("how", "named"),
    [
        ("env", "from HEYGEN_API_KEY:"),
        ("flag", "from --api-key:"),
        ("file", "from --api-key-file "),
        ("stdin", "from --api-key - (standard input):"),
    ],
)
def test_a_rejected_key_names_where_it_came_from(
    cli: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str, named: str
) -> None:
    wrong = "wrong-key-0123456789"
    argv = ["voices"]
    if how == "env":
        monkeypatch.setenv("HEYGEN_API_KEY", wrong)
    elif how == "flag":
        argv += ["--api-key", wrong]
    elif how == "file":
        key_file = tmp_path / "key.txt"
        key_file.write_text(wrong + "\n")
        argv += ["--api-key-file", str(key_file)]
    else:
        monkeypatch.setattr("sys.stdin", io.StringIO(wrong + "\n"))
        argv += ["--api-key", "-"]
    result = cli(*argv)
    assert result.code == 3, result.err
    assert f"HeyGen rejected the API key {named}" in result.err, result.err
    assert "api_key argument" not in result.err and wrong not in result.err


def test_a_bad_api_version_variable_is_named_as_the_variable(
    cli: Runner, fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYGEN_API_VERSION", "v9")
    result = cli("voices")
    assert result.code == 2
    assert result.err.startswith("error: HEYGEN_API_VERSION: must be one of "), result.err
    assert "--api-version:" not in result.err and "'v9'" in result.err
    assert sum(fake.counters.requests.values()) == 0


def test_download_into_a_file_says_it_is_not_a_folder(
    cli: Runner, fake: FakeHeyGen, clock: ManualClock, tmp_path: Path
) -> None:
    generate(cli)
    video_id = fake.videos()[0].video_id
    clock.advance(RENDER_SECONDS + 1)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("keep me")
    before = sum(fake.counters.requests.values())
    result = cli("download", video_id, str(not_a_folder))
    assert result.code == 2, result.err
    assert f"{not_a_folder} is a file, not a folder" in result.err, result.err
    assert "FileExistsError" not in result.err
    assert not_a_folder.read_text() == "keep me"
    assert sum(fake.counters.requests.values()) == before  # refused before any request


# -- item 5: the bulk run's Ctrl-C note -------------------------------------------------------


class _StubRunner:
    def __init__(self, on_wire: int) -> None:
        self.creates_on_the_wire = on_wire
        self.stop_requested = False

    def request_stop(self) -> None:
        self.stop_requested = True

    async def stopped_sending(self) -> None:
        if self.creates_on_the_wire:
            await anyio.sleep_forever()  # answers still on their way


async def _one_ctrl_c() -> AsyncIterator[int]:
    yield 2  # SIGINT, once; no second one comes
    await anyio.sleep_forever()
    yield 2  # pragma: no cover


@pytest.mark.parametrize("on_wire", [0, 2])
async def test_the_first_ctrl_c_offers_a_second_only_when_it_would_cut_something(
    on_wire: int,
) -> None:
    stream = io.StringIO()
    stop = _Stop(BulkProgress(Console(file=stream, width=200), total=1))
    runner = _StubRunner(on_wire)
    with anyio.move_on_after(1.0) as guard, anyio.CancelScope() as run:
        await stop._serve(_one_ctrl_c(), runner, run)  # type: ignore[arg-type]
    note = stream.getvalue()
    assert runner.stop_requested and note.startswith("stopping: no new videos are submitted")
    if on_wire:
        assert guard.cancelled_caught  # the run waits for the answers (or a second Ctrl-C)
        assert "waiting for 2 create(s) already sent" in note
        assert "press Ctrl-C again" in note
    else:
        assert run.cancel_called and not guard.cancelled_caught  # the run ends at once
        assert "the run ends now" in note and "Ctrl-C again" not in note, note


# -- item 5: the live bulk display at 80 and 120 columns --------------------------------------


ALL_LIVE = ("queued", "submitting", "submitted", "processing", "rendered", "downloading")


def _screen(progress: LiveProgress, width: int) -> list[str]:
    """The live display's lines as a terminal of ``width`` shows them, padding kept."""
    shown = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    shown.print(Group(*progress._bar.get_renderables()))
    return [line for line in shown.export_text().splitlines() if line.strip()]


@pytest.mark.parametrize("width", [80, 120])
def test_the_live_state_counts_are_never_cut_and_no_line_fills_the_width(width: int) -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=width, color_system=None)
    progress = LiveProgress(console, total=1400)
    states = (*ALL_LIVE, *FINAL_STATES)
    with progress:
        for n, state in enumerate(states):
            for i in range(100 + n):  # three-digit counts in every state
                key = f"{state}-{i}"
                if state in FINAL_STATES:
                    progress.finished(key, state)
                else:
                    progress.set_state(key, state)
        progress.transfer("downloading-0", moved(2_500_000, 10_000_000))
        lines = _screen(progress, width)
    shown = " ".join(lines)
    for n, state in enumerate(states):
        assert f"{state} {100 + n}" in shown, lines  # every count, whole
    assert "…" not in shown, lines
    assert lines[0].startswith("bulk") and "/min" in lines[0], lines
    assert "2.5/10.0 MB" in lines[-1] and "downloading-0" in lines[-1], lines
    # Every line, padding included, leaves room for the "^C" a terminal echoes:
    # an echo that wraps leaves the bar on the screen twice.
    assert all(cell_len(line) <= width - 2 for line in lines), [cell_len(line) for line in lines]


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX")
@pytest.mark.parametrize("columns", [80, 120])
def test_the_demo_on_a_terminal_cuts_nothing_and_wraps_nothing(columns: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="hga-")) / "out"  # short: the lines are measured
    try:
        code, output = run_in_pty(demo_command(out), columns=columns)
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    assert code == 0, output
    lines = [line for line in re.split(r"[\r\n]", ANSI.sub("", output)) if line.strip()]
    assert all(cell_len(line) <= columns - 2 for line in lines), [
        line for line in lines if cell_len(line) > columns - 2
    ]
    assert not any("…" in line for line in lines), lines
    counts = re.compile(r"^ {5}(queued|submitting|submitted|processing|downloading) \d+")
    assert any(counts.match(line) for line in lines), lines
    # The closing notes each fit on their line, whole.
    assert f"results: {out / 'results.csv'}" in lines, lines
    assert f"journal: {out / 'journal.sqlite'}" in lines, lines
    assert any(line.startswith("fake HeyGen saw ") for line in lines), lines
