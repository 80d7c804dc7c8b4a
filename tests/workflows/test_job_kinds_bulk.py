"""Issue 21 item 4: generate_many runs every creatable kind beside avatar videos.

A template job (``template_id`` + ``variables``, plain text as HeyGen's text
variable) is created by ``client.templates.generate`` under an idempotency key and
a callback id derived from the job, and waited for as a video; a rerun of the same
jobs replays the creates (nothing paid twice). Translation (one output language a
job), lipsync and video agent jobs are created alike and waited for by their own
resource's wait: their results carry their own finished models.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    InvalidRequestError,
    JobCompleted,
    JobEvent,
    JobFailed,
    JobFailedError,
    JobSubmitting,
)
from heygen_async.models import VideoStatus
from heygen_async.resources.lipsyncs import Lipsync
from heygen_async.resources.video_agents import VideoAgentSession
from heygen_async.resources.video_translations import VideoTranslation
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_TEMPLATE_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    VirtualClock,
)
from heygen_async.workflows._kinds import text_variable


class Creates(httpx.AsyncBaseTransport):
    """The fake's transport, noting each create (path, key, body)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent: list[tuple[str, str | None, dict[str, Any]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.startswith(
            ("/v3/videos", "/v3/templates")
        ):
            await request.aread()
            self.sent.append(
                (
                    request.url.path,
                    request.headers.get("idempotency-key"),
                    json.loads(request.content),
                )
            )
        return await self.inner.handle_async_request(request)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=0.0, seed=5)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=(30.0, 60.0), seed=2)


@asynccontextmanager
async def v3_client(
    fake: FakeHeyGen, clock: VirtualClock, log: Creates
) -> AsyncIterator[AsyncHeyGenClient]:
    client = fake.client(
        api_version="v3", http_client=httpx.AsyncClient(transport=log), clock=clock
    )
    async with client, clock.running():
        yield client


def jobs() -> list[dict[str, Any]]:
    return [
        {"key": "ada", "template_id": SAMPLE_TEMPLATE_ID, "variables": {"name": "Ada"}},
        {
            "key": "grace",
            "kind": "template",
            "template_id": SAMPLE_TEMPLATE_ID,
            "variables": {"name": text_variable("name", "Grace")},
            "title": "Welcome Grace",
        },
        {
            "key": "plain",
            "script": "Hi",
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        },
    ]


async def test_template_jobs_run_beside_videos_and_a_rerun_pays_nothing_twice(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    log = Creates(fake.transport())
    events: list[JobEvent] = []
    async with v3_client(fake, clock, log) as client:
        first = {r.key: r async for r in client.generate_many(jobs(), on_event=events.append)}
        assert all(r.ok for r in first.values()), {k: r.error for k, r in first.items()}
        created = fake.counters.videos_created
        again = {r.key: r async for r in client.generate_many(jobs())}

    assert created == 3
    # The rerun replayed every create under the same derived key: no new video.
    assert fake.counters.videos_created == 3
    assert {k: r.video_id for k, r in again.items()} == {k: r.video_id for k, r in first.items()}
    templates = [entry for entry in log.sent if entry[0].startswith("/v3/templates")]
    assert {path for path, _, _ in templates} == {f"/v3/templates/{SAMPLE_TEMPLATE_ID}"}
    bodies = {body["variables"]["name"]["properties"]["content"]: body for _, _, body in templates}
    # A plain text value went as HeyGen's text variable.
    assert bodies["Ada"]["variables"] == {"name": text_variable("name", "Ada")}
    assert bodies["Grace"]["title"] == "Welcome Grace"
    # Each template job carries a derived callback id, and its key is the job's.
    submitting = {e.key: e for e in events if isinstance(e, JobSubmitting)}
    for key, name in (("ada", "Ada"), ("grace", "Grace")):
        assert bodies[name]["callback_id"] == submitting[key].callback_id == first[key].callback_id
        keys = {k for _, k, body in templates if body["callback_id"] == submitting[key].callback_id}
        assert keys == {submitting[key].idempotency_key}
    assert submitting["ada"].idempotency_key != submitting["grace"].idempotency_key


async def test_bad_template_jobs_and_unwaitable_kinds_are_refused_before_sending(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    log = Creates(fake.transport())
    bad = [
        {"key": "no-vars", "template_id": SAMPLE_TEMPLATE_ID, "variables": "Ada"},
        {"key": "typo", "template_id": SAMPLE_TEMPLATE_ID, "variables": {}, "titel": "x"},
        {"key": "odd", "kind": "poster", "template_id": SAMPLE_TEMPLATE_ID},
        {"key": "fr", "video": "https://x/v.mp4", "output_languages": ["fr", "de"]},
    ]
    async with v3_client(fake, clock, log) as client:
        results = {r.key: r async for r in client.generate_many(bad)}
    assert log.sent == []
    errors = {key: result.error for key, result in results.items()}
    assert all(isinstance(e, InvalidRequestError) for e in errors.values())
    assert errors["no-vars"].field == "variables"  # type: ignore[union-attr]
    assert errors["typo"].field == "titel" and "title" in str(errors["typo"].allowed)  # type: ignore[union-attr]
    assert errors["odd"].field == "kind" and "template" in str(errors["odd"].allowed)  # type: ignore[union-attr]
    # A translation job is one translation: two languages are two jobs.
    assert errors["fr"].field == "output_languages"  # type: ignore[union-attr]
    assert "video_translations.create" in str(errors["fr"])
    assert fake.counters.jobs_created == {}


VIDEO_URL = "https://example.com/talk.mp4"
AUDIO_URL = "https://example.com/voice.mp3"


def every_kind() -> list[dict[str, Any]]:
    return [
        {
            "key": "plain",
            "script": "Hi",
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        },
        {"key": "tpl", "template_id": SAMPLE_TEMPLATE_ID, "variables": {"name": "Ada"}},
        {"key": "es", "video": VIDEO_URL, "output_languages": ["Spanish (Spain)"]},
        {"key": "fr", "video": VIDEO_URL, "output_languages": "French", "title": "[fail]"},
        {"key": "lip", "video": VIDEO_URL, "audio": AUDIO_URL},
        {"key": "agent", "prompt": "Explain our refund policy in 45 seconds"},
    ]


async def test_every_kind_runs_in_one_call_each_with_its_own_result_and_no_rerun_pays(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    log = Creates(fake.transport())
    events: list[JobEvent] = []
    async with v3_client(fake, clock, log) as client:
        first = {r.key: r async for r in client.generate_many(every_kind(), on_event=events.append)}
        created = (fake.counters.videos_created, dict(fake.counters.jobs_created))
        again = {r.key: r async for r in client.generate_many(every_kind())}

    assert {k: r.kind for k, r in first.items()} == {
        "plain": "video",
        "tpl": "video",
        "es": "video_translation",
        "fr": "video_translation",
        "lip": "lipsync",
        "agent": "video_agent",
    }
    ok = {k: r for k, r in first.items() if k != "fr"}
    assert all(r.ok for r in ok.values()), {k: r.error for k, r in ok.items()}
    # Each job finished with its own model, fetched again by its own id.
    assert isinstance(first["plain"].status, VideoStatus)
    assert first["plain"].job_id == first["plain"].video_id
    assert isinstance(first["es"].status, VideoTranslation)
    assert first["es"].status.id == first["es"].job_id
    assert first["es"].status.output_language == "Spanish (Spain)"
    assert first["es"].status.is_completed and first["es"].status.video_url
    assert first["es"].video_id is None
    assert isinstance(first["lip"].status, Lipsync)
    assert first["lip"].status.is_completed and first["lip"].status.video_url
    assert isinstance(first["agent"].status, VideoAgentSession)
    assert first["agent"].job_id == first["agent"].status.session_id
    assert first["agent"].video_id == first["agent"].status.video_id is not None
    # The failed one: that kind's JobFailedError, the failed translation as status.
    failed = first["fr"]
    assert isinstance(failed.error, JobFailedError)
    assert failed.error.kind == "video_translation" and failed.error.job_id == failed.job_id
    assert isinstance(failed.status, VideoTranslation) and failed.status.is_failed
    completed = {e.key: e for e in events if isinstance(e, JobCompleted)}
    assert completed["lip"].kind == "lipsync" and completed["lip"].status is first["lip"].status
    assert {e.key for e in events if isinstance(e, JobFailed)} == {"fr"}
    # One billed job each, and the rerun replayed every create: nothing paid twice.
    assert created == (3, {"video_translation": 2, "lipsync": 1})
    assert (fake.counters.videos_created, dict(fake.counters.jobs_created)) == created
    assert {k: r.job_id for k, r in again.items()} == {k: r.job_id for k, r in first.items()}


@pytest.mark.parametrize("kind", ["translation", "video_translation"])
async def test_a_translation_job_resumes_by_its_id_as_a_translation_with_nothing_sent(
    fake: FakeHeyGen, clock: VirtualClock, kind: str
) -> None:
    """A job a crashed run submitted is given back by ``job_id`` and ``kind``: it is
    waited for on its own resource (not as a video), and nothing is created."""
    log = Creates(fake.transport())
    async with v3_client(fake, clock, log) as client:
        created = await client.video_translations.create(
            "https://example.com/talk.mp4", ["French"], title="Talk"
        )
        (translation_id,) = created.video_translation_ids
        before = dict(fake.counters.jobs_created)
        resumed = [
            {"key": "talk.French", "kind": kind, "job_id": translation_id},
            {"key": "lip", "kind": "lipsync", "job_id": "no-such-lipsync"},
        ]
        results = {r.key: r async for r in client.generate_many(resumed)}

    result = results["talk.French"]
    assert result.ok, result.error
    assert (result.kind, result.job_id, result.video_id) == (
        "video_translation",
        translation_id,
        None,
    )
    assert isinstance(result.status, VideoTranslation) and result.status.video_url
    # The lipsync id is read on the lipsync resource: unknown there, not a video.
    assert results["lip"].kind == "lipsync" and results["lip"].job_id == "no-such-lipsync"
    assert type(results["lip"].error).__name__ == "NotFoundError"
    assert dict(fake.counters.jobs_created) == before and fake.counters.videos_created == 0


async def test_a_job_resumed_by_id_names_its_kind_or_carries_its_fields(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    """``job_id`` alone could be any kind: read as a video, a live translation would end
    as "not found". It is refused before anything is sent; the original job's fields
    (its marker, ``output_languages``) say the kind as well as ``kind`` does."""
    log = Creates(fake.transport())
    async with v3_client(fake, clock, log) as client:
        created = await client.video_translations.create(
            "https://example.com/talk.mp4", ["French"], title="Talk"
        )
        (translation_id,) = created.video_translation_ids
        requests_before = sum(fake.counters.requests.values())
        bare = [{"key": "talk.French", "job_id": translation_id}]
        results = [r async for r in client.generate_many(bare)]
        assert sum(fake.counters.requests.values()) == requests_before  # nothing sent
        original = {
            "key": "talk.French",
            "job_id": translation_id,
            "video": "https://example.com/talk.mp4",
            "output_languages": ["French"],
        }
        again = [r async for r in client.generate_many([original])]

    (refused,) = results
    assert isinstance(refused.error, InvalidRequestError) and refused.error.field == "kind"
    assert "translation" in str(refused.error)
    (resumed,) = again
    assert resumed.ok, resumed.error
    assert (resumed.kind, resumed.job_id) == ("video_translation", translation_id)
    assert fake.counters.jobs_created["video_translation"] == 1  # never sent again
