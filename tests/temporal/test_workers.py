"""Workers in their own processes (``heygen-async temporal worker``): one SIGKILLed
in the middle of a run, a new one finishing it; two sharing one job limit; and
``heygen-async bulk --temporal`` end to end."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import anyio
import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from heygen_async.cli._bulk_runner import RESULT_COLUMNS
from heygen_async.temporal import BulkInput, BulkWorkflow, start_bulk
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, LoopbackServer

from .test_bulk_workflow import video_jobs

pytestmark = pytest.mark.temporal


def target(env: WorkflowEnvironment) -> str:
    return env.client.service_client.config.target_host


def cli_env(loopback: LoopbackServer, fake: FakeHeyGen) -> dict[str, str]:
    return {
        **os.environ,
        "HEYGEN_API_KEY": fake.api_key,
        "HEYGEN_BASE_URL": loopback.base_url,
        "HEYGEN_UPLOAD_URL": loopback.base_url,
    }


class Workers:
    """``heygen-async temporal worker`` processes, each stopped (or killed) at the end."""

    def __init__(self, address: str, queue: str, env: dict[str, str]) -> None:
        self.address, self.queue, self.env = address, queue, env
        self.processes: list[subprocess.Popen[str]] = []

    def start(self, *options: str) -> subprocess.Popen[str]:
        command = [
            sys.executable, "-m", "heygen_async.cli", "temporal", "worker",
            "--address", self.address, "--task-queue", self.queue, "--poll-interval", "0.05",
            *options,
        ]  # fmt: skip
        process = subprocess.Popen(
            command, env=self.env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        self.processes.append(process)
        assert process.stderr is not None
        line = process.stderr.readline()  # "worker ready: ..." once it polls
        assert "worker ready" in line, line
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> Iterator[Workers]:
    running = Workers(target(temporal_env), f"q-{uuid.uuid4()}", cli_env(loopback, fake))
    try:
        yield running
    finally:
        running.stop_all()


async def wait_until_submitted(client: Client, workflow_id: str, count: int) -> None:
    handle = client.get_workflow_handle(workflow_id)
    with anyio.fail_after(30):
        while (await handle.query(BulkWorkflow.progress)).submitted < count:
            await anyio.sleep(0.05)


async def test_a_worker_killed_mid_run_pays_nothing_twice_and_a_new_one_finishes(
    temporal_env: WorkflowEnvironment, workers: Workers, fake: FakeHeyGen
) -> None:
    jobs = video_jobs(50, prefix="kill")
    first = workers.start("--sticky-timeout", "2")
    handle = await start_bulk(
        temporal_env.client,
        # Short timeouts: a dead worker's activities and workflow task move on in seconds.
        BulkInput(jobs, max_concurrent_jobs=3, heartbeat_timeout=2, activity_timeout=5),
        task_queue=workers.queue,
        task_timeout=timedelta(seconds=2),
    )
    await wait_until_submitted(temporal_env.client, handle.id, 10)
    first.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    first.wait()
    workers.start()
    with anyio.fail_after(90):
        results = await handle.result()
    # Reported, not asserted (timings are not test material): docs/temporal.md.
    print(f"run finished {time.monotonic() - killed:.1f} s after the kill")
    assert {result.status for result in results} == {"completed"}
    # Exactly one video per job (each job's body is its own), whatever was resent.
    assert list(fake.counters.generations_by_body.values()) == [1] * 50
    assert fake.counters.videos_created == 50
    assert len({result.job_id for result in results}) == 50
    assert fake.counters.job_limit_rejections == 0


async def run_cli(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "heygen_async.cli", *arguments]
    return await anyio.run_process(command, env=env, check=False)


async def test_bulk_on_temporal_writes_the_local_results_file_and_attaches_when_rerun(
    temporal_env: WorkflowEnvironment,
    workers: Workers,
    loopback: LoopbackServer,
    fake: FakeHeyGen,
    tmp_path: Path,
) -> None:
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text(
        "key,script,avatar_id,voice_id\n"
        f"intro,Hello,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
        f"outro,Bye,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
        f"broken,[fail] oops,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
    )
    workers.start()
    out = tmp_path / "videos"
    arguments = (
        "bulk", str(jobs_file), "--out", str(out), "--temporal", workers.address,
        "--task-queue", workers.queue,
    )  # fmt: skip
    first = await run_cli(*arguments, env=workers.env)
    assert first.returncode == 3, first.stderr.decode()  # a failed render: as a local run
    with (out / "results.csv").open() as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == list(RESULT_COLUMNS)
    assert [(row["key"], row["status"]) for row in rows] == [
        ("intro", "completed"),
        ("outro", "completed"),
        ("broken", "failed"),
    ]
    assert (out / "intro.mp4").is_file() and rows[0]["path"] == str(out / "intro.mp4")
    assert rows[2]["error"]
    again = await run_cli(*arguments, env=workers.env)
    assert again.returncode == 3
    assert fake.counters.videos_created == 3  # the rerun attached: nothing sent again
    assert "workflow heygen-bulk-" in again.stderr.decode()


async def test_bulk_on_temporal_runs_translation_rows_one_job_per_language(
    temporal_env: WorkflowEnvironment, workers: Workers, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text(
        "key,video,output_languages,title\ntalk,https://example.com/talk.mp4,French|German,Talk\n"
    )
    workers.start()
    out = tmp_path / "videos"
    arguments = (
        "bulk", str(jobs_file), "--out", str(out), "--temporal", workers.address,
        "--task-queue", workers.queue,
    )  # fmt: skip
    first = await run_cli(*arguments, env=workers.env)
    assert first.returncode == 0, first.stderr.decode()
    with (out / "results.csv").open() as file:
        rows = list(csv.DictReader(file))
    assert all(Path(row["path"]).is_file() for row in rows)  # the workers downloaded them
    assert [(row["key"], row["status"], row["kind"]) for row in rows] == [
        ("talk.French", "completed", "video_translation"),
        ("talk.German", "completed", "video_translation"),
    ]
    for row, language in zip(rows, ("French", "German"), strict=True):
        translation = fake.job(row["job_id"])
        assert translation.kind == "video_translation"
        assert translation.fields["output_language"] == language
        assert row["video_id"] == "" and row["url"].startswith("http")
    assert fake.counters.jobs_created["video_translation"] == 2
    again = await run_cli(*arguments, env=workers.env)
    assert again.returncode == 0, again.stderr.decode()
    assert fake.counters.jobs_created["video_translation"] == 2  # attached: nothing sent
    assert fake.counters.videos_created == 0
