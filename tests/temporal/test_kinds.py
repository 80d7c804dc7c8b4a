"""Every kind ``generate_many`` runs, on Temporal: templates, translations, lipsyncs
and video agents are created under the key derived from the workflow and activity
(a retried create replays), waited for through their own job kind with heartbeats
of the last status, downloaded, and each job's result is its finished model."""

from __future__ import annotations

import dataclasses
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

from heygen_async.temporal import (
    BulkInput,
    CreateInput,
    HeyGenActivities,
    JobSpec,
    WaitInput,
    callback_id_for,
    make_worker,
    start_bulk,
    workflow_id_of,
)
from heygen_async.testing import SAMPLE_TEMPLATE_ID, FakeHeyGen, LoopbackServer

from .conftest import FAST_POLL

pytestmark = pytest.mark.temporal

VIDEO_URL = "https://example.com/talk.mp4"
TEMPLATE = JobSpec(
    "ada", "template", {"template_id": SAMPLE_TEMPLATE_ID, "variables": {"name": "Ada"}}
)
SPANISH = JobSpec(
    "es", "translation", {"video": VIDEO_URL, "output_languages": ["Spanish (Spain)"]}
)


def environment(**info: Any) -> ActivityEnvironment:
    env = ActivityEnvironment()
    defaults = {"workflow_id": "run-1", "activity_id": "create:x", "attempt": 1}
    env.info = dataclasses.replace(env.info, **{**defaults, **info})
    return env


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(time_scale=600, render_seconds=(30, 60), seed=3)


@pytest.mark.parametrize(
    ("job", "created"),
    [(TEMPLATE, lambda fake: fake.counters.videos_created),
     (SPANISH, lambda fake: fake.counters.jobs_created["video_translation"])],
    ids=["template", "translation"],
)  # fmt: skip
async def test_a_retried_create_of_any_kind_replays_and_names_its_workflow(
    fake: FakeHeyGen, job: JobSpec, created: Any
) -> None:
    async with fake.client() as client:
        activities = HeyGenActivities(client)
        request = CreateInput(job, time.time())
        first = await environment(attempt=1).run(activities.create, request)
        retried = await environment(attempt=3).run(activities.create, request)
        assert retried == first
        assert created(fake) == 1
        assert sum(fake.counters.idempotent_replays.values()) == 1
        other = await environment(workflow_id="run-2").run(activities.create, request)
        assert other.job_id != first.job_id and created(fake) == 2
        # The job carries a callback id naming its workflow (webhooks route by it).
        if job.kind == "template":
            callback_id = fake.video(first.job_id).callback_id
        else:
            callback_id = (await client.video_translations.get(first.job_id)).callback_id
    assert callback_id == callback_id_for("run-1", job.key)
    assert workflow_id_of(callback_id) == "run-1"


async def test_a_translation_wait_heartbeats_its_status_and_returns_the_translation(
    fake: FakeHeyGen,
) -> None:
    heartbeats: list[dict[str, Any]] = []
    async with fake.client(poll=FAST_POLL) as client:
        activities = HeyGenActivities(client)
        created = await environment().run(activities.create, CreateInput(SPANISH, time.time()))
        env = environment(activity_id="wait:es")
        env.on_heartbeat = lambda *details: heartbeats.append(dict(details[0]))
        waited = await env.run(activities.wait, WaitInput(created.job_id, "translation", 60))
    assert waited.status == "completed"
    assert waited.result is not None
    assert waited.result["id"] == created.job_id
    assert waited.result["output_language"] == "Spanish (Spain)"
    assert waited.video_url == waited.result["video_url"]
    seen = [beat.get("status") for beat in heartbeats]
    # A status short of the end was heartbeated before the end (a retry resumes there).
    assert "completed" in seen
    assert set(seen[: seen.index("completed")]) - {None}


async def test_an_agent_wait_resumed_after_its_session_named_the_video_waits_for_the_video(
    fake: FakeHeyGen,
) -> None:
    async with fake.client(poll=FAST_POLL) as client:
        activities = HeyGenActivities(client)
        agent = JobSpec("agent", "video_agent", {"prompt": "Explain refunds in 45 seconds"})
        created = await environment().run(activities.create, CreateInput(agent, time.time()))
        session = await client.video_agents.wait(created.job_id)
        reads = fake.counters.status_reads(created.job_id)
        # A retry whose first attempt heartbeated the session's video goes on from it.
        details = {"started_at": time.time(), "video_id": session.video_id, "agent": {"x": 1}}
        env = environment(activity_id="wait:agent", attempt=2, heartbeat_details=[details])
        waited = await env.run(activities.wait, WaitInput(created.job_id, "video_agent", 60))
    assert waited.status == "completed" and waited.video_url
    assert waited.result == {"x": 1}
    assert fake.counters.status_reads(created.job_id) == reads  # the session: not read again
    assert fake.video(str(session.video_id)).finished_at is not None


async def test_a_bulk_run_of_templates_translations_lipsyncs_and_agents_returns_each_result(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen, tmp_path: Path
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = [
        TEMPLATE,
        JobSpec("bo", "template", {"template_id": SAMPLE_TEMPLATE_ID, "variables": {"name": "Bo"}}),
        SPANISH,
        JobSpec("fr", "translation", {"video": VIDEO_URL, "output_languages": "French", "title": "[fail]"}),
        JobSpec("lip", "lipsync", {"video": VIDEO_URL, "audio": "https://example.com/a.mp3"}),
        JobSpec("agent", "video_agent", {"prompt": "Explain refunds in 45 seconds"}),
    ]  # fmt: skip
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen, make_worker(temporal_env.client, heygen, task_queue=queue):
        handle = await start_bulk(
            temporal_env.client,
            BulkInput(jobs, max_concurrent_jobs=3, out_dir=str(tmp_path)),
            task_queue=queue,
        )
        results = {result.key: result for result in await handle.result()}
    assert {key: r.status for key, r in results.items()} == {
        "ada": "completed",
        "bo": "completed",
        "es": "completed",
        "fr": "failed",
        "lip": "completed",
        "agent": "completed",
    }
    assert {key: r.kind for key, r in results.items()} == {job.key: job.kind for job in jobs}
    spanish = results["es"].result or {}
    assert spanish["id"] == results["es"].job_id
    assert spanish["output_language"] == "Spanish (Spain)" and spanish["status"] == "completed"
    assert (results["lip"].result or {})["id"] == results["lip"].job_id
    assert (results["agent"].result or {})["session_id"] == results["agent"].job_id
    assert (results["ada"].result or {})["video_id"] == results["ada"].job_id
    assert "video translation" in (results["fr"].error or "")
    for key in ("ada", "bo", "es", "lip", "agent"):
        assert results[key].path == str(tmp_path / f"{key}.mp4")
        assert Path(results[key].path or "").stat().st_size > 0
    # One billed job each (the agent's video is a video), none refused at the limit.
    assert fake.counters.videos_created == 3
    assert dict(fake.counters.jobs_created) == {"video_translation": 2, "lipsync": 1}
    assert fake.counters.job_limit_rejections == 0
