"""Bulk runs against hostile circumstances: two runs at once, a damaged journal,
a server video id that would escape the output folder."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import trio.testing

from heygen_async.cli._jobs_file import read_jobs
from heygen_async.cli._journal import Journal
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, Fault, FaultPlan

from .conftest import FAST, Runner
from .test_bulk import jobs_csv, results
from .test_commands import one_error_line


@pytest.mark.loopback
@pytest.mark.parametrize("second_journal", [None, "other.sqlite"])
def test_a_second_run_on_the_same_folder_is_refused_and_pays_nothing(
    tmp_path: Path, second_journal: str | None
) -> None:
    """A double-click: the same command again while the first runs (or the same --out
    with another --journal). The second refuses at once; every video is paid once."""
    pytest.importorskip("uvicorn")
    from heygen_async.testing import serve_loopback

    faults = FaultPlan(seed=1).add("generate", Fault.latency(0.2), share=1.0)
    # A key sharing no 8 characters with the messages (the CLI redacts such pieces;
    # the fake's default key has "heygen-a" in it, as "heygen-async" has).
    fake = FakeHeyGen(
        api_keys={"lock-test-0123456789"}, seed=11, time_scale=300,
        render_seconds=(30.0, 90.0), max_concurrent_renders=None, faults=faults,
    )  # fmt: skip
    jobs = jobs_csv(tmp_path / "jobs.csv", 24)
    out = tmp_path / "out"
    with serve_loopback(fake) as server:
        env = {
            **os.environ,
            "HEYGEN_API_KEY": fake.api_key,
            "HEYGEN_BASE_URL": server.base_url,
            "HEYGEN_UPLOAD_URL": server.base_url,
        }
        command = [
            sys.executable, "-m", "heygen_async.cli", "bulk", str(jobs), "--out", str(out),
            "--poll-interval", "0.05", "--concurrency", "4",
        ]  # fmt: skip
        first = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        # The first holds the folder's lock once it sends a create: wait for that (no
        # fixed pause), so that the second surely starts while the first runs.
        deadline = time.monotonic() + 60
        while fake.counters.requests["generate"] == 0:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first run did not get going"
            time.sleep(0.01)
        again = command if second_journal is None else [
            *command, "--journal", str(tmp_path / second_journal)
        ]  # fmt: skip
        second = subprocess.Popen(
            again, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        runs = {
            first.pid: first.communicate(timeout=120),
            second.pid: second.communicate(timeout=120),
        }
    codes = {first.pid: first.returncode, second.pid: second.returncode}
    assert sorted(codes.values()) == [0, 2], runs
    ran, refused = sorted(codes, key=lambda pid: codes[pid])
    assert (ran, refused) == (first.pid, second.pid), runs  # the second started later
    line = one_error_line(runs[refused][1])
    assert f"another heygen-async bulk run (pid {ran}) is using" in line
    assert "nothing was sent" in line
    assert Counter(video.title for video in fake.videos()) == Counter(
        {f"Video {n}": 1 for n in range(1, 25)}
    )
    assert fake.counters.videos_created == 24
    with (out / "results.csv").open(newline="") as file:
        assert {row["status"] for row in csv.DictReader(file)} == {"completed"}


@pytest.mark.parametrize("damage", ["emptied", "garbled"])
def test_a_damaged_journal_sends_nothing(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path, damage: str
) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 12)
    out = tmp_path / "out"
    assert cli("bulk", str(jobs), "--out", str(out), "--no-download", *FAST).code == 0
    assert fake.counters.videos_created == 12
    journal = out / "journal.sqlite"
    if damage == "emptied":
        journal.write_bytes(b"")
    else:
        data = bytearray(journal.read_bytes())
        data[100:4096] = os.urandom(4096 - 100)  # the schema page
        journal.write_bytes(bytes(data))
    fake.reset_counters()

    result = cli("bulk", str(jobs), "--out", str(out), "--no-download", *FAST)
    assert result.code == 2, result.err
    line = one_error_line(result.err)
    assert "not a usable heygen-async journal" in line and "nothing was sent" in line
    assert "move it aside" in line and "--journal" in line
    assert sum(fake.counters.requests.values()) == 0


def test_a_server_id_that_escapes_the_folder_fails_that_job_only(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    """A journaled video id ``../../x`` (from a hostile or broken server), under a key
    that is no file name: that job's download fails, the run goes on."""
    jobs = tmp_path / "jobs.csv"
    rows = [f"{key},Hello {key},{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},T\n" for key in ("a b", "c")]
    jobs.write_text("key,script,avatar_id,voice_id,title\n" + "".join(rows))
    parsed = {job.key: job for job in read_jobs(jobs)}
    out = tmp_path / "out" / "inner"
    journal = Journal.open(out / "journal.sqlite")
    journal.record_intent("a b", parsed["a b"].fingerprint, "cb", 1)
    journal.record_sending("a b")
    journal.record_submitted("a b", "../../x")
    journal.record_completed("a b", "../../x")
    journal.close()

    result = cli("bulk", str(jobs), "--out", str(out), *FAST)
    assert result.code == 3, result.err
    assert "Traceback" not in result.err and "error:" not in result.err
    by_key = {row["key"]: row for row in results(out)}
    assert by_key["a b"]["status"] == "download_failed"
    assert "cannot be used as a file name" in by_key["a b"]["error"]
    assert by_key["c"]["status"] == "completed"
    assert not (tmp_path / "x.mp4").exists() and not (tmp_path / "x").exists()


def test_a_graceful_stop_waits_no_longer_than_the_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    """Creates on the wire that never answer: the stop cancels the run after
    STOP_GRACE (a create's own timeout) instead of hanging."""
    import anyio

    from heygen_async.cli import _bulk_command
    from heygen_async.cli._progress import BulkProgress

    class NeverQuiet:
        creates_on_the_wire = 3

        def request_stop(self) -> None:
            pass

        async def stopped_sending(self) -> None:
            await anyio.sleep_forever()

    monkeypatch.setattr(_bulk_command, "STOP_GRACE", 0.05)
    from rich.console import Console

    stop = _bulk_command._Stop(BulkProgress(Console(file=io.StringIO()), total=1))

    async def main() -> tuple[bool, float]:
        started = anyio.current_time()
        with anyio.fail_after(2), anyio.CancelScope() as scope:
            await stop._drain(NeverQuiet(), scope)  # type: ignore[arg-type]
            await anyio.sleep(5)  # cancelled by the drain: never reached
        return scope.cancel_called, anyio.current_time() - started

    # Virtual time (the grace and the 5 s pass at once), so the test waits for nothing.
    clock = trio.testing.MockClock(autojump_threshold=0)
    cancelled, took = anyio.run(main, backend="trio", backend_options={"clock": clock})
    assert cancelled is True
    assert took == pytest.approx(0.05)  # the grace, to the virtual microsecond
