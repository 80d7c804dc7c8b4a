"""The activities alone (``ActivityEnvironment``: no server), against the in-process
fake: the create's key across attempts, the 24 h rule, the wait's heartbeats and
its deadline across attempts."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from heygen_async.temporal import (
    CreateInput,
    HeyGenActivities,
    JobSpec,
    WaitInput,
    idempotency_key_for,
)
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

from .conftest import FAST_POLL

JOB = JobSpec(
    "intro",
    "avatar_video",
    {"script": "Hello!", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID},
)


def environment(**info: Any) -> ActivityEnvironment:
    env = ActivityEnvironment()
    defaults = {"workflow_id": "run-1", "activity_id": "create:intro", "attempt": 1}
    env.info = dataclasses.replace(env.info, **{**defaults, **info})
    return env


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(time_scale=600, render_seconds=(30, 60), seed=3)


async def test_every_attempt_of_a_create_sends_the_same_key_and_pays_once(fake: FakeHeyGen) -> None:
    async with fake.client() as client:
        activities = HeyGenActivities(client)
        request = CreateInput(JOB, time.time())
        first = await environment(attempt=1).run(activities.create, request)
        retried = await environment(attempt=2).run(activities.create, request)
        assert retried == first
        assert fake.counters.videos_created == 1
        assert sum(fake.counters.idempotent_replays.values()) == 1
        # Another workflow's job of the same key is another video.
        other = await environment(workflow_id="run-2").run(activities.create, request)
    assert other.job_id != first.job_id
    assert fake.counters.videos_created == 2


def test_the_key_fits_heygens_rules_whatever_the_names() -> None:
    key = idempotency_key_for("wf/with spaces & ünïcode" * 20, "create:x", "row 1")
    assert len(key) <= 255
    assert key.replace("-", "").isalnum()
    assert key == idempotency_key_for("wf/with spaces & ünïcode" * 20, "create:x", "row 1")
    assert key != idempotency_key_for("wf/with spaces & ünïcode" * 20, "create:x", "row 2")


async def test_a_retry_whose_key_may_be_past_heygens_24_hours_is_refused_unsent(
    fake: FakeHeyGen,
) -> None:
    a_day_ago = time.time() - 24 * 3600
    async with fake.client() as client:
        activities = HeyGenActivities(client)
        with pytest.raises(ApplicationError) as raised:
            await environment(attempt=2).run(activities.create, CreateInput(JOB, a_day_ago))
        assert raised.value.type == "IdempotencyKeyExpired"
        assert raised.value.non_retryable
        assert fake.counters.generation_requests == 0
        # A first attempt has never sent its key: its age does not matter.
        await environment(attempt=1).run(activities.create, CreateInput(JOB, a_day_ago))
    assert fake.counters.videos_created == 1


@pytest.mark.parametrize(
    ("kind", "fields", "names"),
    [
        ("translation_of_nothing", JOB.fields, "avatar_iv_video, avatar_video"),
        ("avatar_video", {**JOB.fields, "speed": 9}, "speed"),
        ("avatar_video", {**JOB.fields, "not_a_field": 1}, "not_a_field"),
    ],
)
async def test_bad_jobs_fail_for_good_and_send_nothing(
    fake: FakeHeyGen, kind: str, fields: dict[str, Any], names: str
) -> None:
    async with fake.client() as client:
        job = JobSpec("bad", kind, fields)
        with pytest.raises(ApplicationError) as raised:
            await environment().run(HeyGenActivities(client).create, CreateInput(job, time.time()))
    assert raised.value.non_retryable
    assert names in str(raised.value)
    assert fake.counters.generation_requests == 0


async def test_the_wait_heartbeats_the_last_status_and_returns_the_end(fake: FakeHeyGen) -> None:
    heartbeats: list[dict[str, Any]] = []
    async with fake.client(poll=FAST_POLL) as client:
        video = await client.generate_video(
            "Hi", avatar_id=SAMPLE_AVATAR_ID, voice_id=SAMPLE_VOICE_ID
        )
        env = environment(activity_id="wait:intro")
        env.on_heartbeat = lambda *details: heartbeats.append(dict(details[0]))
        waited = await env.run(
            HeyGenActivities(client).wait, WaitInput(video.video_id, "avatar_video", 60)
        )
    assert waited.status == "completed"
    assert waited.video_url
    seen = [beat.get("status") for beat in heartbeats]
    assert "completed" in seen and seen.index("completed") > 0  # statuses before the end
    assert all(beat["started_at"] == heartbeats[0]["started_at"] for beat in heartbeats)


async def test_a_retried_wait_keeps_the_first_attempts_deadline(fake: FakeHeyGen) -> None:
    async with fake.client(poll=FAST_POLL) as client:
        video = await client.generate_video(
            "Hi", avatar_id=SAMPLE_AVATAR_ID, voice_id=SAMPLE_VOICE_ID
        )
        env = environment(
            activity_id="wait:intro",
            attempt=2,
            heartbeat_details=[{"started_at": time.time() - 100, "status": "processing"}],
        )
        waited = await env.run(
            HeyGenActivities(client).wait, WaitInput(video.video_id, "avatar_video", 50)
        )
    assert waited.status == "timeout"
    assert fake.counters.status_reads(video.video_id) == 0
    assert fake.counters.videos_created == 1  # a wait never creates


async def test_status_heartbeats_reach_the_activity_even_when_its_poller_started_elsewhere(
    fake: FakeHeyGen,
) -> None:
    heartbeats: list[dict[str, Any]] = []
    async with fake.client(poll=FAST_POLL) as client:
        earlier = await client.generate_video(
            "Hi", avatar_id=SAMPLE_AVATAR_ID, voice_id=SAMPLE_VOICE_ID
        )
        # The client's poller starts here, outside any activity (as it does in a
        # worker for the first wait only): status callbacks run in its task.
        await client.wait_for_video(earlier.video_id)
        video = await client.generate_video(
            "Hi", avatar_id=SAMPLE_AVATAR_ID, voice_id=SAMPLE_VOICE_ID
        )
        env = environment(activity_id="wait:intro")
        env.on_heartbeat = lambda *details: heartbeats.append(dict(details[0]))
        waited = await env.run(
            HeyGenActivities(client).wait, WaitInput(video.video_id, "avatar_video", 60)
        )
    assert waited.status == "completed"
    assert heartbeats[-1]["status"] == "completed"
