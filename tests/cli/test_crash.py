"""SIGKILL a bulk run mid-flight, rerun it with the same journal: no video twice.

The CLI runs as a real subprocess against a loopback fake HeyGen. Generation
requests are slowed down so that, when the kill lands, some jobs sit in the
crash window (intent journaled, answer not yet heard). The rerun must settle
them, wait again for the submitted ones, and generate only what never reached
the fake: on v2 by finding their videos by callback_id, on v3 by resending each
job's journaled idempotency key (HeyGen replays the first answer), with no
extra flag.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from heygen_async.testing import FakeHeyGen, Fault, FaultPlan, serve_loopback

from .test_bulk import jobs_csv

pytestmark = pytest.mark.loopback
JOBS = 50
KILL_AFTER_SUBMITTED = 12


def journal_counts(path: Path) -> tuple[int, int]:
    """(jobs journaled, jobs with a video_id), read while the run writes."""
    if not path.exists():
        return 0, 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            total, submitted = db.execute("SELECT count(*), count(video_id) FROM jobs").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return 0, 0  # the schema is not there yet
    return int(total), int(submitted)


def settle(fake: FakeHeyGen, timeout: float = 10.0) -> None:
    """Wait until every generation request that reached the fake has been handled.

    A killed client's request can still be in the fake's hands (HeyGen would go on
    processing it too); the rerun's reconciliation must see its video.
    """
    deadline = time.monotonic() + timeout
    while fake.counters.requests["generate"] > fake.counters.generation_requests:
        if time.monotonic() > deadline:
            return  # a request cut off mid-body is never handled: nothing to wait for
        time.sleep(0.01)


def wait_for_text(
    path: Path, text: str, process: subprocess.Popen[str], timeout: float = 30
) -> None:
    """Poll ``path`` (a running process's output) until it holds ``text``; fail if the
    process ends first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while text not in path.read_text():
        assert process.poll() is None, f"ended before saying {text!r}: {path.read_text()}"
        assert time.monotonic() < deadline, f"no {text!r} within {timeout} s: {path.read_text()}"
        time.sleep(0.01)


def loopback_env(server_url: str, api_key: str, api_version: str) -> dict[str, str]:
    return {
        **os.environ,
        "HEYGEN_API_KEY": api_key,
        "HEYGEN_BASE_URL": server_url,
        "HEYGEN_UPLOAD_URL": server_url,
        "HEYGEN_API_VERSION": api_version,
    }


def run_then_kill(command: list[str], env: dict[str, str], journal: Path, log: Path) -> None:
    """Start the bulk run, SIGKILL it once ``KILL_AFTER_SUBMITTED`` jobs have an id
    journaled, and check the kill caught some jobs between intent and answer."""
    with log.open("w") as output:
        first = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        try:
            while journal_counts(journal)[1] < KILL_AFTER_SUBMITTED:
                assert first.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the run did not get going"
                time.sleep(0.02)
            os.kill(first.pid, signal.SIGKILL)
        finally:
            first.kill()
            first.wait()
    journaled, submitted = journal_counts(journal)
    assert journaled > submitted, "no job was caught between intent and answer"


@contextmanager
def bulk_killed_midway(
    tmp_path: Path, fake: FakeHeyGen, jobs: Path, total: int, api_version: str
) -> Iterator[tuple[list[str], dict[str, str]]]:
    """Serve ``fake``, run ``heygen-async bulk JOBS`` and SIGKILL it mid-flight
    (``run_then_kill``); yields the command and its environment for the rerun,
    with the fake still served."""
    out = tmp_path / "out"
    journal = out / "journal.sqlite"
    with serve_loopback(fake) as server:
        env = loopback_env(server.base_url, fake.api_key, api_version)
        command = [
            sys.executable, "-m", "heygen_async.cli", "bulk", str(jobs), "--out", str(out),
            "--concurrency", "10", "--poll-interval", "0.05",
        ]  # fmt: skip
        run_then_kill(command, env, journal, tmp_path / "first.log")
        assert journal_counts(journal)[1] < total, "killed too late to test anything"
        yield command, env


def test_sigkill_then_rerun_never_pays_twice(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    faults = FaultPlan(seed=1).add("generate", Fault.latency(0.15), share=1.0)
    fake = FakeHeyGen(
        seed=5,
        time_scale=300,
        render_seconds=(30.0, 120.0),
        max_concurrent_renders=None,
        faults=faults,
    )
    jobs = jobs_csv(tmp_path / "jobs.csv", JOBS)
    out = tmp_path / "out"
    # v2 settles lost creates by callback_id (v3's keys: the next test, test_v3_bulk.py).
    with bulk_killed_midway(tmp_path, fake, jobs, JOBS, "v2") as (command, env):
        settle(fake)

        second = subprocess.run(
            [*command, "--resubmit-unsettled"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stdout + second.stderr

    with (out / "results.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["key"] for row in rows) == sorted(f"job-{n}" for n in range(1, JOBS + 1))
    assert {row["status"] for row in rows} == {"completed"}
    assert all(Path(row["path"]).stat().st_size == fake.video_file_size for row in rows)
    # Every job made exactly one video, and no request was generated twice.
    videos_per_title = Counter(video.title for video in fake.videos())
    assert videos_per_title == Counter({f"Video {n}": 1 for n in range(1, JOBS + 1)})
    assert set(fake.counters.generations_by_callback_id.values()) == {1}
    assert fake.counters.videos_created == JOBS
    # The results' video ids are exactly the fake's videos.
    assert {row["video_id"] for row in rows} == {video.video_id for video in fake.videos()}


def answered_late(endpoint: str) -> FakeHeyGen:
    """A fake whose every create on ``endpoint`` is answered late, after the job is
    made (a kill then loses the answer: "after the POST"), half of them also
    stalling before it ("during it")."""
    faults = (
        FaultPlan(seed=2)
        .add(endpoint, Fault.latency(0.1), share=0.5)
        .add(endpoint, Fault.latency(0.15, after_processing=True), share=1.0)
    )
    return FakeHeyGen(
        seed=8,
        time_scale=300,
        render_seconds=(30.0, 120.0),
        max_concurrent_renders=None,
        faults=faults,
    )


def test_v3_sigkill_then_plain_rerun_settles_every_job_once(tmp_path: Path) -> None:
    """The same kill on v3; the rerun is the very same command (no --resubmit-unsettled)."""
    pytest.importorskip("uvicorn")
    fake = answered_late("generate")
    jobs = jobs_csv(tmp_path / "jobs.csv", JOBS)
    out = tmp_path / "out"
    with bulk_killed_midway(tmp_path, fake, jobs, JOBS, "v3") as (command, env):
        # No waiting for the killed run's requests: a resend that meets one still in
        # flight gets 409 and waits, as it would at HeyGen.

        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stdout + second.stderr

    with (out / "results.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["key"] for row in rows) == sorted(f"job-{n}" for n in range(1, JOBS + 1))
    assert {row["status"] for row in rows} == {"completed"}
    assert all(Path(row["path"]).stat().st_size == fake.video_file_size for row in rows)
    videos_per_title = Counter(video.title for video in fake.videos())
    assert videos_per_title == Counter({f"Video {n}": 1 for n in range(1, JOBS + 1)})
    assert fake.counters.videos_created == JOBS
    assert {row["video_id"] for row in rows} == {video.video_id for video in fake.videos()}
    # Videos made for the killed run were adopted through HeyGen's replay of the key.
    assert fake.counters.idempotent_replays["generate"] >= 1


def test_ctrl_c_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    fake = FakeHeyGen(seed=6, time_scale=300, render_seconds=(60.0, 240.0))
    jobs = jobs_csv(tmp_path / "jobs.csv", 20)
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
            "--poll-interval", "0.05",
        ]  # fmt: skip
        first = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while journal_counts(out / "journal.sqlite")[1] < 5:
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=30)
        assert first.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err
        assert (out / "results.csv").is_file()
        settle(fake)

        # A job cancelled mid-request is in the crash window: reconciled, then (with
        # the flag) resubmitted only if its video is not at HeyGen.
        second = subprocess.run(
            [*command, "--resubmit-unsettled"], env=env, capture_output=True, text=True, timeout=120
        )
        assert second.returncode == 0, second.stderr
    assert Counter(video.title for video in fake.videos()) == Counter(
        {f"Video {n}": 1 for n in range(1, 21)}
    )
    assert set(fake.counters.generations_by_callback_id.values()) == {1}


def journal_states(path: Path) -> Counter[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return Counter(state for (state,) in db.execute("SELECT state FROM jobs"))
    finally:
        db.close()


BURST = 40


@pytest.mark.parametrize("api_version", ["v3", "v2"])
def test_ctrl_c_in_a_submission_burst_loses_nothing_and_pays_nothing_twice(
    tmp_path: Path, api_version: str
) -> None:
    """Ctrl-C while 40 creates go out at once (32 request slots: the rest wait for
    one). The creates already sent get their answers journaled before the run
    stops; those that never got a slot are known as never sent; the plain rerun
    sends exactly those, and settles nothing by guessing."""
    pytest.importorskip("uvicorn")
    faults = FaultPlan(seed=3).add("generate", Fault.latency(1.0), share=1.0)
    fake = FakeHeyGen(
        seed=9,
        time_scale=300,
        render_seconds=(30.0, 120.0),
        max_concurrent_renders=None,
        faults=faults,
    )
    jobs = jobs_csv(tmp_path / "jobs.csv", BURST)
    out = tmp_path / "out"
    journal = out / "journal.sqlite"
    with serve_loopback(fake) as server:
        env = loopback_env(server.base_url, fake.api_key, api_version)
        command = [
            sys.executable, "-m", "heygen_async.cli", "bulk", str(jobs), "--out", str(out),
            "--concurrency", str(BURST), "--poll-interval", "0.05",
        ]  # fmt: skip
        first = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        # Every job announced, none answered yet: the burst is on the wire.
        while fake.counters.requests["generate"] < 20:
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.01)
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=30)
        assert first.returncode == 130, err
        assert "stopping" in err and "Traceback" not in err
        settle(fake)
        states = journal_states(journal)
        # No job was left between "sent" and "answered": each create that reached
        # HeyGen has its video id in the journal.
        assert states["sending"] == 0 and states["unsettled"] == 0, states
        with_video = states["submitted"] + states["completed"] + states["downloaded"]
        assert fake.counters.videos_created == with_video
        assert fake.counters.videos_created < BURST, "stopped too late to test anything"
        sent_before = fake.counters.requests["generate"]

        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        # The rerun sent only the jobs that had never been sent.
        assert fake.counters.requests["generate"] - sent_before == BURST - sent_before
    rows = list(csv.DictReader((out / "results.csv").open(newline="")))
    assert {row["status"] for row in rows} == {"completed"} and len(rows) == BURST
    assert Counter(video.title for video in fake.videos()) == Counter(
        {f"Video {n}": 1 for n in range(1, BURST + 1)}
    )
    assert fake.counters.videos_created == BURST


def test_a_second_ctrl_c_stops_at_once_and_strands_nothing(tmp_path: Path) -> None:
    """Creates that take long: the second Ctrl-C does not wait for them; the rerun
    (v3) settles the ones cut off by resending their keys."""
    pytest.importorskip("uvicorn")
    faults = FaultPlan(seed=4).add("generate", Fault.latency(3.0, after_processing=True), share=1.0)
    fake = FakeHeyGen(
        seed=10, time_scale=300, render_seconds=(30.0, 60.0), max_concurrent_renders=None,
        faults=faults,
    )  # fmt: skip
    jobs = jobs_csv(tmp_path / "jobs.csv", 12)
    out = tmp_path / "out"
    with serve_loopback(fake) as server:
        env = loopback_env(server.base_url, fake.api_key, "v3")
        command = [
            sys.executable, "-m", "heygen_async.cli", "bulk", str(jobs), "--out", str(out),
            "--poll-interval", "0.05",
        ]  # fmt: skip
        errors = tmp_path / "first.err"
        with errors.open("w") as stderr:
            first = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True
            )
        deadline = time.monotonic() + 60
        while fake.counters.requests["generate"] < 12:
            assert first.poll() is None and time.monotonic() < deadline, errors.read_text()
            time.sleep(0.01)
        first.send_signal(signal.SIGINT)
        # The run has taken the first Ctrl-C once it says so (no fixed pause).
        wait_for_text(errors, "stopping: no new videos", first)
        assert first.poll() is None  # the first Ctrl-C waits for the creates on the wire
        first.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        first.wait(timeout=30)
        err = errors.read_text()
        assert first.returncode == 130, err
        assert time.monotonic() - stopped < 2.0  # well before the 3 s answers
        assert "Traceback" not in err
        assert journal_states(out / "journal.sqlite")["sending"] > 0  # cut off on the wire

        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
    assert Counter(video.title for video in fake.videos()) == Counter(
        {f"Video {n}": 1 for n in range(1, 13)}
    )
    assert fake.counters.videos_created == 12


def templates_csv(path: Path, count: int) -> Path:
    """``count`` template rows (issue 21 item 4): template_id and a variables.name."""
    from heygen_async.testing import SAMPLE_TEMPLATE_ID

    lines = ["key,template_id,variables.name,title\n"]
    lines += [f"t-{n},{SAMPLE_TEMPLATE_ID},Person {n},Template {n}\n" for n in range(1, count + 1)]
    path.write_text("".join(lines))
    return path


def test_v3_template_run_killed_then_rerun_settles_every_job_once(tmp_path: Path) -> None:
    """SIGKILL a bulk run of template jobs mid-flight; the same command again makes
    each template video exactly once (the journaled keys are resent and replayed)."""
    pytest.importorskip("uvicorn")
    faults = (
        FaultPlan(seed=2)
        .add("templates", Fault.latency(0.1), share=0.5)
        .add("templates", Fault.latency(0.15, after_processing=True), share=1.0)
    )
    fake = FakeHeyGen(
        seed=8,
        time_scale=300,
        render_seconds=(30.0, 120.0),
        max_concurrent_renders=None,
        faults=faults,
    )
    jobs = templates_csv(tmp_path / "jobs.csv", JOBS)
    out = tmp_path / "out"
    with bulk_killed_midway(tmp_path, fake, jobs, JOBS, "v3") as (command, env):
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stdout + second.stderr

    with (out / "results.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["key"] for row in rows) == sorted(f"t-{n}" for n in range(1, JOBS + 1))
    assert {row["status"] for row in rows} == {"completed"}
    videos_per_title = Counter(video.title for video in fake.videos())
    assert videos_per_title == Counter({f"Template {n}": 1 for n in range(1, JOBS + 1)})
    assert fake.counters.videos_created == JOBS
    assert {row["video_id"] for row in rows} == {video.video_id for video in fake.videos()}
    assert fake.counters.idempotent_replays["templates"] >= 1


TALKS = 15
LANGUAGES = ("French", "German", "Spanish (Spain)")


def translations_csv(path: Path, count: int) -> Path:
    """``count`` translation rows of three languages each (issue 21 item 4)."""
    lines = ["key,video,output_languages,title\n"]
    lines += [
        f"talk-{n},https://example.com/talk-{n}.mp4,{'|'.join(LANGUAGES)},Talk {n}\n"
        for n in range(1, count + 1)
    ]
    path.write_text("".join(lines))
    return path


def test_v3_translation_run_killed_then_rerun_makes_each_language_once(tmp_path: Path) -> None:
    """SIGKILL a bulk run of translation rows (one job per language) mid-flight;
    the same command again ends with exactly one translation per row and language
    on the fake: journaled ids are waited for as translations, creates cut off by
    the kill are settled by resending their keys (replayed), nothing paid twice."""
    pytest.importorskip("uvicorn")
    fake = answered_late("video_translations")
    jobs = translations_csv(tmp_path / "jobs.csv", TALKS)
    total = TALKS * len(LANGUAGES)
    out = tmp_path / "out"
    with bulk_killed_midway(tmp_path, fake, jobs, total, "v3") as (command, env):
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stdout + second.stderr

    with (out / "results.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    expected = [f"talk-{n}.{language}" for n in range(1, TALKS + 1) for language in LANGUAGES]
    assert [row["key"] for row in rows] == expected
    assert {(row["status"], row["kind"]) for row in rows} == {("completed", "video_translation")}
    assert all(row["url"] and not row["video_id"] for row in rows)
    # Exactly one translation per row and language, and the results name those.
    made = fake.account.jobs("video_translation")
    per_language = Counter((job.fields["title"], job.fields["output_language"]) for job in made)
    assert per_language == Counter(
        {(f"Talk {n}", language): 1 for n in range(1, TALKS + 1) for language in LANGUAGES}
    )
    assert fake.counters.jobs_created["video_translation"] == total
    assert {row["job_id"] for row in rows} == {job.job_id for job in made}
    assert fake.counters.idempotent_replays["video_translations"] >= 1
    assert fake.counters.videos_created == 0
