"""What a person sees: the live bar on an 80-column pseudo-terminal, and plain
lines when stderr is piped (a counter that never goes down, no control codes).

Both run ``heygen-async demo`` (a built-in fake, no network) as a subprocess.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX")
COUNT = 12
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
COUNTER = re.compile(r"^\[(\d+)/(\d+)\] ")


def demo_command(out: Path) -> list[str]:
    return [
        sys.executable, "-m", "heygen_async.cli", "demo", "--count", str(COUNT),
        "--seconds", "1.5", "--out", str(out),
    ]  # fmt: skip


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    return {**env, "TERM": "xterm-256color"}


def run_in_pty(command: list[str], *, columns: int = 80, timeout: float = 60) -> tuple[int, str]:
    """Run ``command`` with a pseudo-terminal of ``columns`` as its stdio; its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=clean_env(), close_fds=True
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        code = process.wait(timeout=10)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_the_live_bar_fits_80_columns_and_shows_a_rate(tmp_path: Path) -> None:
    code, output = run_in_pty(demo_command(tmp_path / "out"))
    assert code == 0, output
    lines = [line for line in re.split(r"[\r\n]", ANSI.sub("", output)) if line.strip()]
    assert lines, output
    too_wide = [line for line in lines if cell_len(line) > 80]
    assert too_wide == [], too_wide
    bars = [line for line in lines if line.startswith("bulk")]
    assert bars, lines
    assert any(f"{COUNT}/{COUNT}" in line for line in bars), bars
    assert any(re.search(r"\d+\.\d/min", line) for line in bars), bars
    # The state counts have line(s) of their own under the bar: whole, never cut.
    states = re.compile(r"^ {5}(queued|submitting|submitted|processing|downloading) \d+")
    assert any(states.match(line) for line in lines), lines
    cut = [line for line in lines if "…" in line]
    assert cut == [], cut


def test_piped_output_is_plain_and_its_counter_never_goes_down(tmp_path: Path) -> None:
    result = subprocess.run(
        demo_command(tmp_path / "out"), capture_output=True, text=True, timeout=60, env=clean_env()
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    counts = [
        (int(m.group(1)), int(m.group(2)))
        for m in map(COUNTER.match, result.stderr.splitlines())
        if m
    ]
    assert len(counts) == COUNT, result.stderr
    assert {total for _, total in counts} == {COUNT}
    done = [n for n, _ in counts]
    assert done == sorted(done) and done[-1] == COUNT, done
    assert re.search(r"\d+\.\d/min", result.stderr)


@pytest.mark.loopback
def test_generate_wait_shows_a_live_status_with_elapsed_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("uvicorn")
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, serve_loopback

    # Renders of 60 to 90 fake seconds at x40: about two seconds of real time.
    fake = FakeHeyGen(seed=2, time_scale=40, render_seconds=(60.0, 90.0))
    with serve_loopback(fake) as server:
        command = [
            sys.executable, "-m", "heygen_async.cli", "generate", "--script", "Hi",
            "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID, "--wait",
            "--poll-interval", "0.2",
        ]  # fmt: skip
        monkeypatch.setenv("HEYGEN_API_KEY", fake.api_key)
        monkeypatch.setenv("HEYGEN_BASE_URL", server.base_url)
        monkeypatch.setenv("HEYGEN_UPLOAD_URL", server.base_url)
        code, output = run_in_pty(command)
    assert code == 0, output
    text = ANSI.sub("", output)
    assert re.search(r"video \S+: (pending|waiting|processing) \(00:0[1-9] elapsed\)", text), text
    assert "completed" in text
