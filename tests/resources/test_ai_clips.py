"""``client.ai_clips``: what each operation sends (checked against HeyGen's request
schema), how its answers read, and the billed create's idempotency key."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources import ai_clips as module
from heygen_async.resources.ai_clips import AIClip, AIClipJob, ClipOutputSettings, DeletedAIClipJob

from .wire import API, answer_of, check_body, sent_body, undocumented_fields, v3_client

PATH = "/v3/ai-clipping"
JOB = "/v3/ai-clipping/{job_id}"

RUNNING = {
    "id": "clip_job_1",
    "status": "running",
    "progress": 40,
    "title": "Keynote",
    "input_language": "en",
    "source_duration": 3600.0,
    "created_at": 1_700_000_000,
    "callback_id": "cb-1",
    "clips": [
        {
            "id": "c1",
            "status": "completed",
            "title": "The big reveal",
            "video_url": "https://cdn/c1.mp4",
            "thumbnail_url": "https://cdn/c1.jpg",
            "duration_seconds": 29.5,
            "aspect_ratio": "portrait",
            "virality_score": 87,
            "failure_message": None,
            "hook_strength": "high",  # a field HeyGen may add: kept
        },
        {"id": "c2", "status": "pending"},
    ],
    "highlights_found": 2,  # a field HeyGen may add: kept
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with v3_client() as client:
        yield client


def created(job_id: str = "clip_job_1") -> httpx.Response:
    # HeyGen's spec gives no answer schema for the create: the job, as get gives it.
    return httpx.Response(200, json={"data": {"id": job_id, "status": "pending"}})


async def test_create_sends_the_video_with_a_key_reused_on_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(side_effect=[httpx.Response(502), created(), created()])
    job = await client.ai_clips.create("https://cdn.example/keynote.mp4")
    assert isinstance(job, AIClipJob) and job.id == "clip_job_1" and not job.is_terminal
    assert route.call_count == 2
    for call in range(2):
        assert check_body("POST", PATH, sent_body(route, call)) == {
            "video": {"type": "url", "url": "https://cdn.example/keynote.mp4"}
        }
    first, second = (call.request.headers["idempotency-key"] for call in route.calls)
    assert first == second
    await client.ai_clips.create("asset_9", idempotency_key="mine-1")
    assert route.calls.last.request.headers["idempotency-key"] == "mine-1"
    assert route.calls.last.request.headers["idempotency-key"] != first


async def test_create_sends_every_optional_field(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(return_value=created())
    await client.ai_clips.create(
        {"type": "asset_id", "asset_id": "asset_9"},
        output_settings={
            "aspect_ratio": "square",
            "duration_types": [30, "60", "long"],
            "captions": False,
            "caption_style": "bold",
            "prompt": "Keep the jokes",
        },
        title="Keynote clips",
        input_language="en",
        callback_id="cb-1",
        callback_url="https://hooks.example/clips",
    )
    assert check_body("POST", PATH, sent_body(route)) == {
        "video": {"type": "asset_id", "asset_id": "asset_9"},
        "output_settings": {
            "aspect_ratio": "square",
            "duration_types": ["30", "60", "long"],
            "captions": False,
            "caption_style": "bold",
            "prompt": "Keep the jokes",
        },
        "title": "Keynote clips",
        "input_language": "en",
        "callback_id": "cb-1",
        "callback_url": "https://hooks.example/clips",
    }
    await client.ai_clips.create(
        "asset_9", output_settings=ClipOutputSettings(aspect_ratio="landscape")
    )
    assert check_body("POST", PATH, sent_body(route))["output_settings"] == {
        "aspect_ratio": "landscape"
    }


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"video": "ftp://host/v.mp4"}, "video", "only http(s) URLs"),
        ({"video": {"type": "file", "path": "x"}}, "video", "HeyGen's form is"),
        ({"video": "a", "output_settings": {"aspect_ratio": "wide"}}, "output_settings", "square"),
        ({"video": "a", "output_settings": {"duration_types": ["45"]}}, "output_settings", "long"),
        ({"video": "a", "output_settings": {"prompt": "x" * 501}}, "output_settings", "500"),
        ({"video": "a", "input_language": ["en"]}, "input_language", "string"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=created())
    with pytest.raises(InvalidRequestError) as caught:
        await client.ai_clips.create(**arguments)
    assert caught.value.field is not None and caught.value.field.startswith(field)
    assert words in str(caught.value)
    assert not route.called


async def test_get_reads_the_job_and_its_clips(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.get("/v3/ai-clipping/clip_job_1").mock(
        return_value=answer_of("GET", JOB, RUNNING)
    )
    job = await client.ai_clips.get("clip_job_1")
    assert route.called and job.request_id == "req-1"
    assert (job.status, job.progress, job.input_language, job.source_duration) == (
        "running",
        40,
        "en",
        3600.0,
    )
    assert not job.is_terminal
    assert job.clips is not None
    first, second = job.clips
    assert isinstance(first, AIClip)
    assert (first.title, first.virality_score, first.duration_seconds) == (
        "The big reveal",
        87,
        29.5,
    )
    assert first.model_dump()["hook_strength"] == "high"
    assert job.model_dump()["highlights_found"] == 2
    assert (second.id, second.video_url) == ("c2", None)


async def test_delete_sends_nothing_and_reads_the_id(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.delete("/v3/ai-clipping/clip_job_1").mock(
        return_value=answer_of("DELETE", JOB, {"id": "clip_job_1"})
    )
    gone = await client.ai_clips.delete("clip_job_1")
    assert isinstance(gone, DeletedAIClipJob) and gone.id == "clip_job_1"
    assert route.calls.last.request.content == b""
    assert "idempotency-key" not in route.calls.last.request.headers


@pytest.mark.parametrize(
    ("status", "completed", "failed"),
    [
        ("pending", False, False),
        ("running", False, False),
        ("completed", True, False),
        ("failed", False, True),
        ("cancelled", False, True),
        ("paused_for_review", False, False),
    ],
)
def test_job_states(status: str, completed: bool, failed: bool) -> None:
    job = AIClipJob.model_validate({"id": "j", "status": status})
    assert (job.is_completed, job.is_failed, job.is_terminal) == (
        completed,
        failed,
        completed or failed,
    )


async def test_list_follows_the_cursor(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    pages = {
        None: answer_of("GET", PATH, [RUNNING], has_more=True, next_token="n2"),
        "n2": answer_of(
            "GET",
            PATH,
            [{"id": "clip_job_0", "status": "completed", "progress": 100}],
            has_more=False,
        ),
    }
    route = router.get(PATH).mock(
        side_effect=lambda request: pages[request.url.params.get("token")]
    )
    jobs = [job async for job in client.ai_clips.list(limit=10)]
    assert [(job.id, job.is_completed) for job in jobs] == [
        ("clip_job_1", False),
        ("clip_job_0", True),
    ]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": "10"},
        {"limit": "10", "token": "n2"},
    ]
    with pytest.raises(InvalidRequestError, match="1 to 100"):
        client.ai_clips.list(limit=0)


def test_the_sync_client_and_raw_forms(router: respx.MockRouter) -> None:
    router.get("/v3/ai-clipping/clip_job_1").mock(return_value=answer_of("GET", JOB, RUNNING))
    router.post(PATH).mock(return_value=created("clip_job_2"))
    with HeyGenClient(api_key="sk-resources", api_version="v3") as client:
        job = client.ai_clips.get("clip_job_1")
        raw = client.ai_clips.with_raw_response.create("https://cdn.example/keynote.mp4")
    assert job.progress == 40
    assert raw.status_code == 200 and raw.parse().id == "clip_job_2"
    assert json.loads(raw.text)["data"]["status"] == "pending"


async def test_the_async_raw_form(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    router.get("/v3/ai-clipping/clip_job_1").mock(return_value=answer_of("GET", JOB, RUNNING))
    raw = await client.ai_clips.with_raw_response.get("clip_job_1")
    assert raw.request_id == "req-1" and raw.parse().clips is not None


def test_every_model_field_says_what_it_means() -> None:
    assert undocumented_fields(module) == []
