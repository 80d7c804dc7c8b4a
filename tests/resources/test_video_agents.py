"""``client.video_agents``: what each of the 8 operations sends (checked against
HeyGen's request schema), how the answers read, attachments as asset inputs, and
which POSTs are billed (and so keyed and retried) and which are not."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from heygen_async import APIStatusError, AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources import video_agents as module
from heygen_async.resources.video_agents import (
    ListedVideoAgentSession,
    SessionVideo,
    StoppedVideoAgentSession,
    VideoAgentResource,
    VideoAgentRun,
    VideoAgentSession,
    VideoAgentStyle,
)

from .wire import API, answer_of, check_body, sent_body, undocumented_fields, v3_client

PATH = "/v3/video-agents"
SESSION = "/v3/video-agents/{session_id}"
STOP = "/v3/video-agents/{session_id}/stop"
STYLES = "/v3/video-agents/styles"
VIDEOS = "/v3/video-agents/{session_id}/videos"
RESOURCE = "/v3/video-agents/{session_id}/resources/{resource_id}"

STARTED = {"session_id": "s_1", "status": "thinking", "created_at": 1_700_000_000, "video_id": None}
READ = {
    "session_id": "s_1",
    "status": "generating",
    "created_at": 1_700_000_000,
    "progress": 55,
    "title": "Refund policy explainer",
    "video_id": "v_9",
    "messages": [
        {
            "role": "model",
            "content": "Here is the storyboard",
            "type": "resource",
            "resource_ids": ["r_1"],
            "created_at": 1_700_000_030,
        },
        {"role": "user", "content": "Explain our refund policy", "type": "text"},
    ],
    "queue_position": 3,  # a field HeyGen may add: kept
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with v3_client() as client:
        yield client


def uploads(router: respx.MockRouter) -> respx.Route:
    numbers = iter(range(1, 100))
    return router.post("/v3/assets").mock(
        side_effect=lambda request: httpx.Response(
            200,
            json={
                "data": {
                    "asset_id": f"up_{next(numbers)}",
                    "mime_type": "application/pdf",
                    "size_bytes": 9,
                    "url": "https://x",
                }
            },
        )
    )


async def test_create_sends_the_prompt_with_a_key_reused_on_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(
        side_effect=[httpx.Response(500), answer_of("POST", PATH, STARTED)]
    )
    session = await client.video_agents.create("A 30 second demo of our app")
    assert isinstance(session, VideoAgentSession)
    assert (session.session_id, session.status, session.has_video) == ("s_1", "thinking", False)
    assert route.call_count == 2
    for call in range(2):
        assert check_body("POST", PATH, sent_body(route, call)) == {
            "prompt": "A 30 second demo of our app"
        }
    first, second = (call.request.headers["idempotency-key"] for call in route.calls)
    assert first == second


async def test_create_sends_every_optional_field_and_files_as_asset_inputs(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    upload = uploads(router)
    route = router.post(PATH).mock(return_value=answer_of("POST", PATH, STARTED))
    policy = tmp_path / "policy.pdf"
    policy.write_bytes(b"%PDF-1.4\n")
    await client.video_agents.create(
        "Explain our refund policy",
        mode="chat",
        orientation="portrait",
        avatar_id="av_1",
        voice_id="vo_1",
        style_id="st_1",
        brand_kit_id="bk_1",
        files=[
            "asset_7",
            "https://cdn.example/logo.png",
            policy,
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
            {"type": "url", "url": "https://cdn.example/brief.pdf"},
        ],
        incognito_mode=True,
        callback_id="cb_1",
        callback_url="https://hooks.example/agent",
        idempotency_key="agent-key-1",
    )
    assert upload.call_count == 2
    assert route.calls.last.request.headers["idempotency-key"] == "agent-key-1"
    assert check_body("POST", PATH, sent_body(route)) == {
        "prompt": "Explain our refund policy",
        "mode": "chat",
        "orientation": "portrait",
        "avatar_id": "av_1",
        "voice_id": "vo_1",
        "style_id": "st_1",
        "brand_kit_id": "bk_1",
        "files": [
            {"type": "asset_id", "asset_id": "asset_7"},
            {"type": "url", "url": "https://cdn.example/logo.png"},
            {"type": "asset_id", "asset_id": "up_1"},
            {"type": "asset_id", "asset_id": "up_2"},
            {"type": "url", "url": "https://cdn.example/brief.pdf"},
        ],
        "incognito_mode": True,
        "callback_id": "cb_1",
        "callback_url": "https://hooks.example/agent",
    }


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"prompt": ""}, "prompt", "must not be empty"),
        ({"prompt": "x" * 10_001}, "prompt", "10000"),
        ({"prompt": "p", "mode": "batch"}, "mode", "chat"),
        ({"prompt": "p", "orientation": "square"}, "orientation", "portrait"),
        ({"prompt": "p", "files": ["a"] * 21}, "files", "0 to 20 files"),
        ({"prompt": "p", "files": "asset_1"}, "files", "must be a list"),
        ({"prompt": "p", "files": ["ftp://host/a.pdf"]}, "files", "only http(s) URLs"),
        ({"prompt": "p", "files": [{"type": "file"}]}, "files", "HeyGen's form is"),
        ({"prompt": "p", "incognito_mode": "yes please"}, "incognito_mode", "bool"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=answer_of("POST", PATH, STARTED))
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_agents.create(**arguments)
    assert caught.value.field is not None and caught.value.field.startswith(field)
    assert words in str(caught.value)
    assert not route.called


async def test_get_reads_the_session_its_video_and_messages(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.get("/v3/video-agents/s_1").mock(return_value=answer_of("GET", SESSION, READ))
    session = await client.video_agents.get("s_1")
    assert route.called and session.request_id == "req-1"
    assert (session.status, session.progress, session.title) == (
        "generating",
        55,
        "Refund policy explainer",
    )
    assert session.has_video and session.video_id == "v_9" and not session.is_terminal
    assert session.messages is not None
    assert [(m.role, m.type, m.resource_ids) for m in session.messages] == [
        ("model", "resource", ["r_1"]),
        ("user", "text", None),
    ]
    assert session.model_dump()["queue_position"] == 3


@pytest.mark.parametrize(
    ("status", "video_id", "has_video", "completed", "failed"),
    [
        ("thinking", None, False, False, False),
        ("waiting_for_input", None, False, False, False),
        ("generating", "v_1", True, False, False),
        ("completed", "v_1", True, True, False),
        ("failed", None, False, False, True),
        ("drafting", "", False, False, False),
    ],
)
def test_session_states(
    status: str, video_id: str | None, has_video: bool, completed: bool, failed: bool
) -> None:
    session = VideoAgentSession.model_validate(
        {"session_id": "s", "status": status, "video_id": video_id}
    )
    assert (session.has_video, session.is_completed, session.is_failed) == (
        has_video,
        completed,
        failed,
    )
    assert session.is_terminal == (completed or failed)


async def test_send_posts_the_message_unkeyed_and_is_not_retried_after_a_5xx(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-agents/s_1").mock(
        side_effect=[
            answer_of("POST", SESSION, {"session_id": "s_1", "run_id": "run_1", "title": None}),
            httpx.Response(500, json={"error": {"code": "internal_error", "message": "boom"}}),
        ]
    )
    run = await client.video_agents.send(
        "s_1",
        "Use a warmer voice",
        files=["https://cdn.example/ref.mp3"],
        avatar_id="av_2",
        voice_id="vo_2",
        brand_kit_id="bk_2",
    )
    assert isinstance(run, VideoAgentRun) and run.run_id == "run_1"
    assert check_body("POST", SESSION, sent_body(route)) == {
        "message": "Use a warmer voice",
        "files": [{"type": "url", "url": "https://cdn.example/ref.mp3"}],
        "avatar_id": "av_2",
        "voice_id": "vo_2",
        "brand_kit_id": "bk_2",
    }
    assert "idempotency-key" not in route.calls.last.request.headers
    with pytest.raises(APIStatusError):
        await client.video_agents.send("s_1", "And shorter")
    assert route.call_count == 2  # a message may have been taken: never sent twice
    assert check_body("POST", SESSION, sent_body(route)) == {"message": "And shorter"}
    with pytest.raises(InvalidRequestError, match="message"):
        await client.video_agents.send("s_1", "")
    with pytest.raises(InvalidRequestError, match="session_id"):
        await client.video_agents.send("", "hello")
    assert route.call_count == 2


async def test_stop_sends_an_empty_body(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-agents/s%2F1/stop").mock(
        return_value=answer_of("POST", STOP, {"session_id": "s/1"})
    )
    stopped = await client.video_agents.stop("s/1")
    assert isinstance(stopped, StoppedVideoAgentSession) and stopped.session_id == "s/1"
    assert check_body("POST", STOP, sent_body(route)) == {}
    assert "idempotency-key" not in route.calls.last.request.headers


async def test_resources_get_reads_one_resource(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    data = {
        "resource_id": "r_1",
        "resource_type": "image",
        "source_type": "generated",
        "url": "https://cdn/r1.png",
        "preview_url": None,
        "thumbnail_url": "https://cdn/r1-small.png",
        "metadata": {"width": 1920, "height": 1080},
        "created_at": 1_700_000_031,
        "prompt_used": "a calm office",  # a field HeyGen may add: kept
    }
    route = router.get("/v3/video-agents/s_1/resources/r_1").mock(
        return_value=answer_of("GET", RESOURCE, data)
    )
    resource = await client.video_agents.resources.get("s_1", "r_1")
    assert route.called and isinstance(resource, VideoAgentResource)
    assert (resource.resource_type, resource.metadata) == ("image", {"width": 1920, "height": 1080})
    assert resource.model_dump()["prompt_used"] == "a calm office"
    raw = await client.video_agents.resources.with_raw_response.get("s_1", "r_1")
    assert raw.parse().url == "https://cdn/r1.png"
    with pytest.raises(InvalidRequestError, match="resource_id"):
        await client.video_agents.resources.get("s_1", "")
    assert route.call_count == 2


async def test_list_follows_the_cursor(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    pages = {
        None: answer_of(
            "GET",
            PATH,
            [{"session_id": "s_2", "created_at": 2, "title": "Second"}],
            has_more=True,
            next_token="k2",
        ),
        "k2": answer_of("GET", PATH, [{"session_id": "s_1", "created_at": 1}], has_more=False),
    }
    route = router.get(PATH).mock(
        side_effect=lambda request: pages[request.url.params.get("token")]
    )
    sessions = [session async for session in client.video_agents.list(limit=1)]
    assert all(isinstance(s, ListedVideoAgentSession) for s in sessions)
    assert [(s.session_id, s.title) for s in sessions] == [("s_2", "Second"), ("s_1", None)]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": "1"},
        {"limit": "1", "token": "k2"},
    ]
    with pytest.raises(InvalidRequestError, match="1 to 100"):
        client.video_agents.list(limit=500)


async def test_styles_filter_by_tag_and_page(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    style = {
        "style_id": "st_1",
        "name": "Film noir",
        "tags": ["cinematic"],
        "aspect_ratio": "16:9",
        "thumbnail_url": "https://cdn/st1.jpg",
        "preview_video_url": "https://cdn/st1.mp4",
    }
    route = router.get(STYLES).mock(
        return_value=answer_of("GET", STYLES, [style], has_more=False, next_token=None)
    )
    page = await client.video_agents.styles(tag="cinematic", limit=50)
    assert dict(route.calls.last.request.url.params) == {"tag": "cinematic", "limit": "50"}
    (only,) = page.data
    assert isinstance(only, VideoAgentStyle)
    assert (only.style_id, only.name, only.tags, page.has_more) == (
        "st_1",
        "Film noir",
        ["cinematic"],
        False,
    )


async def test_videos_lists_the_sessions_videos(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    videos = [
        {
            "id": "v_9",
            "status": "completed",
            "title": "Refund policy",
            "video_url": "https://cdn/v9.mp4",
            "duration": 44.2,
            "created_at": 10,
            "completed_at": 70,
        },
        {
            "id": "v_8",
            "status": "failed",
            "failure_code": "rendering_failed",
            "failure_message": "Avatar rendering timed out",
        },
    ]
    route = router.get("/v3/video-agents/s_1/videos").mock(
        return_value=answer_of("GET", VIDEOS, videos, has_more=False)
    )
    listed = [video async for video in client.video_agents.videos("s_1")]
    assert all(isinstance(v, SessionVideo) for v in listed)
    assert [(v.id, v.status, v.failure_code) for v in listed] == [
        ("v_9", "completed", None),
        ("v_8", "failed", "rendering_failed"),
    ]
    assert route.calls.last.request.url.query == b""
    with pytest.raises(InvalidRequestError, match="session_id"):
        client.video_agents.videos("")


def test_the_sync_client_and_raw_forms(router: respx.MockRouter) -> None:
    router.get("/v3/video-agents/s_1").mock(return_value=answer_of("GET", SESSION, READ))
    router.post(PATH).mock(return_value=answer_of("POST", PATH, STARTED))
    router.get("/v3/video-agents/s_1/resources/r_1").mock(
        return_value=answer_of("GET", RESOURCE, {"resource_id": "r_1", "resource_type": "draft"})
    )
    router.get("/v3/video-agents/s_1/videos").mock(
        return_value=answer_of("GET", VIDEOS, [{"id": "v_9", "status": "processing"}])
    )
    with HeyGenClient(api_key="sk-resources", api_version="v3") as client:
        session = client.video_agents.get("s_1")
        raw = client.video_agents.with_raw_response.create("Make a demo")
        resource = client.video_agents.resources.get("s_1", "r_1")
        videos = [video.id for video in client.video_agents.videos("s_1")]
    assert session.has_video and session.video_id == "v_9"
    assert raw.status_code == 200 and raw.parse().session_id == "s_1"
    assert json.loads(raw.text)["data"]["status"] == "thinking"
    assert resource.resource_type == "draft"
    assert videos == ["v_9"]


async def test_the_async_raw_form(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    router.post("/v3/video-agents/s_1/stop").mock(
        return_value=answer_of("POST", STOP, {"session_id": "s_1"})
    )
    raw = await client.video_agents.with_raw_response.stop("s_1")
    assert raw.request_id == "req-1" and raw.parse().session_id == "s_1"


def test_every_model_field_says_what_it_means() -> None:
    assert undocumented_fields(module) == []
