"""The bulk workflow on a real Temporal dev server, its workers in this process,
against the fake HeyGen over loopback."""

from __future__ import annotations

import uuid
from pathlib import Path

import anyio
import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from heygen_async.temporal import (
    BulkInput,
    BulkWorkflow,
    JobSpec,
    make_worker,
    signal_from_event,
    start_bulk,
    workflow_id_for,
)
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, LoopbackServer

from .conftest import FAST_POLL

pytestmark = pytest.mark.temporal


def video_jobs(count: int, prefix: str = "job") -> list[JobSpec]:
    return [
        JobSpec(
            key=f"{prefix}-{n}",
            kind="avatar_video",
            fields={
                "script": f"Hello {n}",
                "avatar_id": SAMPLE_AVATAR_ID,
                "voice_id": SAMPLE_VOICE_ID,
            },
        )
        for n in range(count)
    ]


async def test_a_bulk_run_returns_every_result_and_downloads_each_video(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen, tmp_path: Path
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(8)
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        handle = await start_bulk(
            temporal_env.client,
            BulkInput(jobs, max_concurrent_jobs=3, out_dir=str(tmp_path)),
            task_queue=queue,
        )
        results = await handle.result()
        progress = await handle.query(BulkWorkflow.progress)
    assert [r.key for r in results] == [job.key for job in jobs]
    assert {r.status for r in results} == {"completed"}
    assert all(Path(r.path or "").is_file() for r in results)
    assert fake.counters.videos_created == 8
    assert fake.counters.job_limit_rejections == 0  # never more than 3 in flight
    assert progress.max_in_flight_seen == 3
    assert progress.by_status == {"completed": 8}


async def test_the_same_run_submitted_again_attaches_instead_of_paying_again(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(4)
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        first = await start_bulk(temporal_env.client, BulkInput(jobs), task_queue=queue)
        again = await start_bulk(temporal_env.client, BulkInput(jobs), task_queue=queue)
        assert again.id == first.id == workflow_id_for(jobs)
        assert await again.result() == await first.result()
        # Once finished, a third submission still attaches to its result.
        third = await start_bulk(temporal_env.client, BulkInput(jobs), task_queue=queue)
        assert await third.result() == await first.result()
    assert fake.counters.videos_created == 4


async def test_a_webhook_signal_ends_a_wait_with_no_status_read(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(2, prefix="hook")
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        # With a long grace, nothing polls until the grace is over: only webhooks end jobs.
        request = BulkInput(jobs, webhook_grace=600)
        handle = await start_bulk(temporal_env.client, request, task_queue=queue)
        with anyio.fail_after(30):
            while len(ids := await handle.query(BulkWorkflow.job_ids)) < 2:
                await anyio.sleep(0.05)
        for key, event_type in (
            ("hook-0", "avatar_video.success"),
            ("hook-1", "avatar_video.fail"),
        ):
            body = {"event_type": event_type, "event_data": {"video_id": ids[key], "msg": "boom"}}
            assert await signal_from_event(temporal_env.client, body, workflow_id=handle.id)
        with anyio.fail_after(30):
            results = await handle.result()
    assert [(r.status, r.error) for r in results] == [("completed", None), ("failed", "boom")]
    assert fake.counters.statuses_calls == 0
    assert all(fake.counters.status_reads(r.job_id or "") == 0 for r in results)


async def test_two_workers_share_one_job_limit(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(20, prefix="pair")
    one, two = loopback.client(poll=FAST_POLL), loopback.client(poll=FAST_POLL)
    # Two connections, as two machines would have (one connection serves one worker
    # per task queue).
    target = temporal_env.client.service_client.config.target_host
    other = await Client.connect(target)
    async with (
        one,
        two,
        make_worker(temporal_env.client, one, task_queue=queue, identity="worker-one"),
        make_worker(other, two, task_queue=queue, identity="worker-two"),
    ):
        handle = await start_bulk(
            temporal_env.client, BulkInput(jobs, max_concurrent_jobs=3), task_queue=queue
        )
        results = await handle.result()
        progress = await handle.query(BulkWorkflow.progress)
        history = await handle.fetch_history()
    assert {r.status for r in results} == {"completed"}
    ran_on = {
        event.activity_task_started_event_attributes.identity
        for event in history.events
        if event.HasField("activity_task_started_event_attributes")
    }
    assert ran_on == {"worker-one", "worker-two"}
    # The fake refuses a create beyond 3 renders in flight: none was refused.
    assert fake.counters.job_limit_rejections == 0
    assert progress.max_in_flight_seen == 3
    assert fake.counters.videos_created == 20


async def test_without_deliveries_a_job_is_polled_once_the_grace_is_over(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(2, prefix="missed")
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        handle = await start_bulk(
            temporal_env.client, BulkInput(jobs, webhook_grace=0.3), task_queue=queue
        )
        with anyio.fail_after(30):
            results = await handle.result()
    assert {r.status for r in results} == {"completed"}
    assert all(fake.counters.status_reads(r.job_id or "") > 0 for r in results)


async def run_chain(client: Client, workflow_id: str, first_run_id: str) -> list[int]:
    """The history length of each run of a workflow that continued as new."""
    lengths = []
    run_id: str | None = first_run_id
    while run_id:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        lengths.append(len(history.events))
        last = history.events[-1]
        continued = last.workflow_execution_continued_as_new_event_attributes
        run_id = (
            continued.new_execution_run_id
            if last.HasField("workflow_execution_continued_as_new_event_attributes")
            else None
        )
    return lengths


async def test_a_long_run_continues_as_new_and_keeps_every_result_and_its_id(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(12, prefix="long")
    heygen = loopback.client(poll=FAST_POLL)
    # About ten events a job: a threshold of 40 continues as new every few jobs.
    request = BulkInput(jobs, max_concurrent_jobs=3, max_history_events=40)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        handle = await start_bulk(temporal_env.client, request, task_queue=queue)
        first_run = handle.first_execution_run_id or handle.result_run_id or ""
        results = await handle.result()
        progress = await handle.query(BulkWorkflow.progress)
        finished = await handle.query(BulkWorkflow.results)
        # The same run submitted again attaches to the chain's result.
        again = await start_bulk(temporal_env.client, request, task_queue=queue)
        assert await again.result() == results
    lengths = await run_chain(temporal_env.client, handle.id, first_run)
    # How many jobs a run starts before the threshold depends on timing (a busy
    # machine lets more start between two workflow tasks): at least one continuation,
    # where one run of 12 jobs would hold well over 100 events.
    assert len(lengths) >= 2
    # Each run stops starting jobs past the threshold; the jobs in flight then end.
    assert max(lengths) < 40 + 3 * 15
    assert [r.key for r in results] == [job.key for job in jobs]
    assert {r.status for r in results} == {"completed"}
    assert len({r.job_id for r in results}) == 12
    assert sorted(r.key for r in finished) == sorted(job.key for job in jobs)
    assert (progress.total, progress.finished, progress.submitted) == (12, 12, 12)
    assert progress.by_status == {"completed": 12}
    assert progress.max_in_flight_seen == 3
    assert list(fake.counters.generations_by_body.values()) == [1] * 12  # none paid twice
    assert fake.counters.job_limit_rejections == 0


async def test_every_run_starts_a_job_however_low_the_threshold(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = video_jobs(4, prefix="tiny")
    heygen = loopback.client(poll=FAST_POLL)
    # Past the threshold from its first event on: each run still starts one job.
    request = BulkInput(jobs, max_history_events=1)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        handle = await start_bulk(temporal_env.client, request, task_queue=queue)
        with anyio.fail_after(60):
            results = await handle.result()
    lengths = await run_chain(temporal_env.client, handle.id, handle.first_execution_run_id or "")
    assert len(lengths) == 4
    assert {r.status for r in results} == {"completed"}
    assert fake.counters.videos_created == 4
