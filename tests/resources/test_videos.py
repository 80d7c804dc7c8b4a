"""``client.videos`` over respx: what each operation sends (checked against HeyGen's
wire shapes, unknown keys refused), what it refuses before sending, billed creates'
idempotency keys, the answers' models, listings, and the sync and raw forms."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.models import VideoStatus
from heygen_async.resources.videos import (
    AvatarVideo,
    VideoBatch,
    VideoBatchCreated,
    VideoCreated,
    VideoDeleted,
    VideoStatusEntry,
)
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    InstantClock,
    use_clock,
)

from .wire_check import answer, sent_body

API = "https://api.heygen.com"
CREATE = ("POST", "/v3/videos")
BATCH_CREATE = ("POST", "/v3/videos/batches")

VIDEO = {
    "id": "vid_1",
    "status": "completed",
    "title": "Welcome",
    "video_url": "https://cdn.example/v.mp4",
    "captioned_video_url": "https://cdn.example/vc.mp4",
    "subtitle_url": "https://cdn.example/v.srt",
    "thumbnail_url": "https://cdn.example/t.jpg",
    "gif_url": "https://cdn.example/g.gif",
    "duration": 12.5,
    "created_at": 1_700_000_000,
    "completed_at": 1_700_000_100,
    "folder_id": "fold_1",
    "video_page_url": "https://app.heygen.com/videos/vid_1",
    "failure_code": None,
    "failure_message": None,
    "output_language": None,
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-videos") as made:
        use_clock(made, InstantClock())
        yield made


def created(video_id: str = "vid_new") -> httpx.Response:
    return answer(*CREATE, {"data": {"video_id": video_id, "status": "waiting"}})


# -- create ------------------------------------------------------------------------


async def test_an_avatar_video_sends_heygens_body_with_an_idempotency_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/videos").mock(return_value=created())
    job = await client.videos.create("avatar", avatar_id="look_1", script="Hi!", voice_id="v1")
    request = route.calls.last.request
    assert sent_body(request, *CREATE) == {
        "type": "avatar",
        "avatar_id": "look_1",
        "script": "Hi!",
        "voice_id": "v1",
    }
    assert request.headers["idempotency-key"]
    assert isinstance(job, VideoCreated)
    assert (job.video_id, job.status, job.request_id) == ("vid_new", "waiting", "req-test")


@pytest.mark.parametrize(
    ("kind", "fields", "expected"),
    [
        pytest.param(
            "avatar",
            {
                "avatar_id": "look_1",
                "audio_url": "https://cdn.example/a.mp3",
                "voice_settings": {
                    "speed": 1.2,
                    "pitch": -3,
                    "volume": 0.8,
                    "locale": "en-US",
                    "engine_settings": {"engine_type": "elevenlabs", "model": "eleven_v3"},
                },
                "engine": "avatar_v",
                "background": {"type": "image", "asset_id": "ast_bg"},
                "caption": {"file_format": "srt", "style": "default"},
                "aspect_ratio": "9:16",
                "resolution": "1080p",
                "fit": "cover",
                "expressiveness": "high",
                "motion_prompt": "waves",
                "output_format": "mp4",
                "remove_background": True,
                "watermark": {
                    "image": "https://cdn.example/logo.png",
                    "opacity": 0.5,
                    "scale": 0.3,
                    "placement": {"position": "top_left", "offset_x": 0.05},
                },
                "title": "All fields",
                "callback_id": "cb-1",
                "callback_url": "https://hooks.example/heygen",
            },
            {
                "engine": {"type": "avatar_v"},
                "watermark": {
                    "image": {"type": "url", "url": "https://cdn.example/logo.png"},
                    "opacity": 0.5,
                    "scale": 0.3,
                    "placement": {"position": "top_left", "offset_x": 0.05},
                },
            },
            id="avatar",
        ),
        pytest.param(
            "image",
            {
                "image": "https://cdn.example/photo.png",
                "script": "A photo speaks.",
                "voice_id": "v1",
                "voice_settings": {"engine_settings": {"engine_type": "fish", "model": "s1"}},
                "background": {"type": "color", "value": "#112233"},
                "caption": {"style": "default"},
                "aspect_ratio": "auto",
                "resolution": "720p",
                "fit": "contain",
                "expressiveness": "low",
                "motion_prompt": "nods",
                "output_format": "mp4",
                "remove_background": False,
                "title": "Photo",
                "callback_id": "cb-2",
                "callback_url": "https://hooks.example/heygen",
            },
            {"image": {"type": "url", "url": "https://cdn.example/photo.png"}},
            id="image",
        ),
        pytest.param(
            "cinematic_avatar",
            {
                "prompt": "A chef in a busy kitchen",
                "avatar_id": ["look_1", "look_2"],
                "references": [
                    "https://cdn.example/kitchen.jpg",
                    "ast_ref",
                    {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
                ],
                "duration": 8,
                "enhance_prompt": True,
                "aspect_ratio": "1:1",
                "resolution": "1080p",
                "title": "Chef",
            },
            {
                "references": [
                    {"type": "url", "url": "https://cdn.example/kitchen.jpg"},
                    {"type": "asset_id", "asset_id": "ast_ref"},
                    {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
                ]
            },
            id="cinematic_avatar",
        ),
        pytest.param(
            "studio",
            {
                "scenes": [
                    {
                        "type": "avatar_video",
                        "input": {
                            "type": "avatar",
                            "avatar_id": "look_1",
                            "script": "Scene one.",
                            "voice_id": "v1",
                            "engine": {"type": "avatar_iii"},
                            "background": {"type": "color", "color": "#1a2b3c"},
                        },
                    },
                    {
                        "type": "avatar_video",
                        "input": {"type": "image", "image": "ast_img", "audio_asset_id": "ast_a"},
                    },
                    {"type": "image", "source": "https://cdn.example/slide.png", "duration": 4},
                    {
                        "type": "video",
                        "source": {"type": "asset_id", "asset_id": "ast_clip"},
                        "playback": {"volume": 0.5, "mute": False},
                    },
                ],
                "caption": {"file_format": "srt"},
                "aspect_ratio": "16:9",
                "resolution": "4k",
                "title": "Studio",
                "callback_id": "cb-3",
                "callback_url": "https://hooks.example/heygen",
            },
            {},
            id="studio",
        ),
    ],
)
async def test_every_type_sends_its_whole_set_of_fields_in_heygens_form(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    kind: str,
    fields: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    route = router.post("/v3/videos").mock(return_value=created())
    await client.videos.create(kind, **fields)  # type: ignore[arg-type]
    body = sent_body(route.calls.last.request, *CREATE)
    assert body["type"] == kind
    assert set(body) == {"type", *fields}  # nothing dropped, nothing added
    for name, value in expected.items():
        assert body[name] == value


async def test_a_studio_body_spells_each_scene_as_heygen_does(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/videos").mock(return_value=created())
    scenes = [
        {
            "type": "avatar_video",
            "input": {"type": "image", "image": "ast_img", "script": "Hi", "voice_id": "v1"},
        },
        {"type": "image", "source": "ast_slide", "duration": 2.5},
    ]
    await client.videos.create("studio", scenes=scenes)
    assert sent_body(route.calls.last.request, *CREATE)["scenes"] == [
        {
            "type": "avatar_video",
            "input": {
                "type": "image",
                "image": {"type": "asset_id", "asset_id": "ast_img"},
                "script": "Hi",
                "voice_id": "v1",
            },
        },
        {"type": "image", "source": {"type": "asset_id", "asset_id": "ast_slide"}, "duration": 2.5},
    ]


async def test_one_look_id_is_enough_for_a_cinematic_video(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/videos").mock(return_value=created())
    await client.videos.create("cinematic_avatar", prompt="A walk", avatar_id="look_1")
    body = sent_body(route.calls.last.request, *CREATE)
    assert body == {"type": "cinematic_avatar", "prompt": "A walk", "avatar_id": ["look_1"]}


async def test_an_image_given_as_bytes_is_uploaded_then_sent_by_its_asset_id(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    upload = router.post("/v3/assets").mock(
        return_value=httpx.Response(
            200,
            json={"data": {"asset_id": "ast_up", "mime_type": "image/png", "url": "https://x"}},
        )
    )
    route = router.post("/v3/videos").mock(return_value=created())
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    await client.videos.create("image", image=png, script="Hello", voice_id="v1")
    assert upload.call_count == 1
    body = sent_body(route.calls.last.request, *CREATE)
    assert body["image"] == {"type": "asset_id", "asset_id": "ast_up"}


async def test_a_retried_create_carries_the_same_key_and_a_given_key_is_used(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/videos").mock(
        side_effect=[httpx.Response(502), created("vid_a"), created("vid_b")]
    )
    job = await client.videos.create("avatar", avatar_id="look_1", script="Hi")
    first, second = (call.request for call in route.calls)
    assert job.video_id == "vid_a"
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    await client.videos.create("avatar", avatar_id="look_1", script="Hi", idempotency_key="k-1")
    assert route.calls.last.request.headers["idempotency-key"] == "k-1"


@pytest.mark.parametrize(
    ("kind", "fields", "field", "words"),
    [
        ("avatar", {"avatar_id": "a", "prompt": "p"}, "prompt", "'cinematic_avatar'"),
        ("image", {"image": "ast", "engine": "avatar_v"}, "engine", "'avatar'"),
        ("studio", {"scenes": [], "output_format": "mp4"}, "output_format", "'avatar' or 'image'"),
        ("cinematic_avatar", {"prompt": "p", "avatar_id": "a", "caption": {}}, "caption", "type"),
        ("avatar", {"script": "Hi"}, "avatar_id", "required"),
        ("image", {"script": "Hi", "voice_id": "v"}, "image", "required"),
        ("cinematic_avatar", {"avatar_id": "a"}, "prompt", "required"),
        ("studio", {}, "scenes", "required"),
        ("avatar", {"avatar_id": "a", "resolution": "8k"}, "resolution", "1080p"),
        (
            "avatar",
            {"avatar_id": "a", "voice_settings": {"speed": 2}},
            "voice_settings.speed",
            "0.5 to 1.5",
        ),
        (
            "avatar",
            {"avatar_id": "a", "voice_settings": {"pitch": 60}},
            "voice_settings.pitch",
            "-50 to 50",
        ),
        (
            "avatar",
            {"avatar_id": "a", "script": "s", "audio_url": "https://a"},
            "audio_url",
            "script",
        ),
        ("avatar", {"avatar_id": "a", "engine": "avatar_x"}, "engine", "avatar_v"),
        (
            "avatar",
            {"avatar_id": "a", "background": {"type": "color"}},
            "background.value",
            "required",
        ),
        (
            "avatar",
            {
                "avatar_id": "a",
                "output_format": "webm",
                "background": {"type": "color", "value": "#000000"},
            },
            "background",
            "webm",
        ),
        ("image", {"image": "ast", "script": "Hi"}, "voice_id", "required with a script"),
        ("cinematic_avatar", {"prompt": "p", "avatar_id": ["a", "b", "c", "d"]}, "avatar_id", "3"),
        (
            "cinematic_avatar",
            {"prompt": "p", "avatar_id": "a", "aspect_ratio": "4:5"},
            "aspect_ratio",
            "16:9",
        ),
        (
            "cinematic_avatar",
            {"prompt": "p", "avatar_id": "a", "duration": 20},
            "duration",
            "4 to 15",
        ),
        (
            "cinematic_avatar",
            {"prompt": "p", "avatar_id": "a", "duration": 5, "auto_duration": True},
            "duration",
            "auto_duration",
        ),
        ("studio", {"scenes": []}, "scenes", "1"),
        (
            "studio",
            {"scenes": [{"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "a"}}]},
            "scenes[0].input.script",
            "audio",
        ),
        (
            "studio",
            {"scenes": [{"type": "image", "source": "ast"}]},
            "scenes[0].duration",
            "duration",
        ),
        (
            "studio",
            {"scenes": [{"type": "video", "source": "ast", "playback": {"volume": 3}}]},
            "scenes[0].playback.volume",
            "0 to 1",
        ),
        (
            "studio",
            {
                "scenes": [
                    {
                        "type": "avatar_video",
                        "input": {
                            "type": "avatar",
                            "avatar_id": "a",
                            "script": "s",
                            "background": {"type": "color", "color": "red"},
                        },
                    }
                ]
            },
            "scenes[0].input.background.color",
            "pattern",
        ),
        ("hologram", {"avatar_id": "a"}, "type", "cinematic_avatar"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_before_anything_is_sent(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    kind: str,
    fields: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=created())
    with pytest.raises(InvalidRequestError) as caught:
        await client.videos.create(kind, **fields)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert words in str(caught.value)
    assert not route.called


# -- get, list, delete ------------------------------------------------------------------


async def test_get_reads_the_video_into_video_status_keeping_new_fields(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    body = {"data": {**VIDEO, "brand_new": {"x": 1}}}
    route = router.get("/v3/videos/vid_1").mock(
        return_value=answer("GET", "/v3/videos/{video_id}", body)
    )
    video = await client.videos.get("vid_1")
    assert route.called
    assert isinstance(video, VideoStatus)
    assert (video.video_id, video.video_url, video.folder_id) == (
        "vid_1",
        "https://cdn.example/v.mp4",
        "fold_1",
    )
    assert video.video_page_url == VIDEO["video_page_url"]
    assert video.is_completed and video.is_terminal and not video.is_failed
    assert video.model_dump()["brand_new"] == {"x": 1}


async def test_a_failed_video_reads_as_failed_with_its_reason(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    failed = {**VIDEO, "status": "failed", "failure_code": "rendering_failed", "video_url": None}
    failed["failure_message"] = "Avatar rendering timed out"
    router.get("/v3/videos/vid_1").mock(
        return_value=answer("GET", "/v3/videos/{video_id}", {"data": failed})
    )
    video = await client.videos.get("vid_1")
    assert video.is_failed and video.is_terminal and not video.is_completed
    assert video.error is not None and video.error.code == "rendering_failed"


def page(items: list[dict[str, Any]], token: str | None) -> dict[str, Any]:
    return {"data": items, "has_more": token is not None, "next_token": token}


async def test_list_follows_the_cursor_with_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    pages = {
        None: page([{**VIDEO, "id": "v1"}, {**VIDEO, "id": "v2"}], "t2"),
        "t2": page([{**VIDEO, "id": "v3", "status": "processing"}], None),
    }
    route = router.get("/v3/videos").mock(
        side_effect=lambda request: answer(
            "GET", "/v3/videos", pages[request.url.params.get("token")]
        )
    )
    ids = [video.video_id async for video in client.videos.list(limit=2, title="Wel")]
    assert ids == ["v1", "v2", "v3"]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": "2", "title": "Wel"},
        {"limit": "2", "title": "Wel", "token": "t2"},
    ]
    first = await client.videos.list(folder_id="fold_1")
    assert first.has_more and first.next_token == "t2"
    assert route.calls.last.request.url.params["folder_id"] == "fold_1"
    with pytest.raises(InvalidRequestError, match="limit"):
        client.videos.list(limit=101)
    assert route.call_count == 3


async def test_delete_sends_a_delete_and_reads_the_answer(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.delete("/v3/videos/vid_1").mock(
        return_value=answer(
            "DELETE", "/v3/videos/{video_id}", {"data": {"id": "vid_1", "deleted": True}}
        )
    )
    gone = await client.videos.delete("vid_1")
    assert route.called
    assert isinstance(gone, VideoDeleted) and (gone.id, gone.deleted) == ("vid_1", True)
    with pytest.raises(InvalidRequestError, match="video_id"):
        await client.videos.delete("")
    assert route.call_count == 1


# -- statuses --------------------------------------------------------------------------


async def test_statuses_reads_many_videos_and_batches_in_one_request(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    body = {
        "data": [
            {"video_id": "v1", "status": "completed", "error": None},
            {"video_id": "v2", "status": "failed", "error": {"code": "x", "message": "no"}},
            {"video_id": "v9", "status": "not_found"},
            {"video_id": None, "status": "queued", "batch_id": "b1", "item_index": 0, "later": 1},
        ],
        "has_more": False,
        "next_token": None,
    }
    route = router.get("/v3/videos/statuses").mock(
        return_value=answer("GET", "/v3/videos/statuses", body)
    )
    entries = await client.videos.statuses(video_ids=["v1", "v2", "v9"], batch_ids=["b1"])
    assert dict(route.calls.last.request.url.params) == {"video_ids": "v1,v2,v9", "batch_ids": "b1"}
    assert all(isinstance(entry, VideoStatusEntry) for entry in entries)
    done, failed, missing, queued = entries
    assert done.is_completed and done.is_terminal
    assert failed.is_failed and failed.error == {"code": "x", "message": "no"}
    assert missing.is_terminal and not missing.is_completed and not missing.is_failed
    assert not queued.is_terminal and (queued.batch_id, queued.item_index) == ("b1", 0)
    assert queued.model_dump()["later"] == 1


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({}, "video_ids"),
        ({"video_ids": [f"v{n}" for n in range(101)]}, "video_ids"),
        ({"batch_ids": [f"b{n}" for n in range(101)]}, "batch_ids"),
        ({"video_ids": ["a,b"]}, "video_ids[0]"),
        ({"video_ids": [""]}, "video_ids[0]"),
    ],
)
async def test_statuses_refuses_no_ids_too_many_ids_and_bad_ids(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(200, json={"data": []}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.videos.statuses(**arguments)
    assert caught.value.field == field
    assert not route.called


# -- batches ---------------------------------------------------------------------------


async def test_a_batch_sends_checked_video_bodies_and_an_idempotency_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/videos/batches").mock(
        side_effect=[
            httpx.Response(503),
            httpx.Response(
                202,
                json={"data": {"batch_id": "batch_1", "status": "processing", "total_items": 3}},
            ),
        ]
    )
    made = await client.videos.batches.create(
        [
            {"type": "avatar", "avatar_id": "look_1", "script": "One", "engine": "avatar_iv"},
            AvatarVideo(avatar_id="look_2", audio_asset_id="ast_a"),
            {"type": "cinematic_avatar", "prompt": "Two", "avatar_id": "look_3"},
        ],
        title="Onboarding",
        callback_url="https://hooks.example/batch",
    )
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert sent_body(second, *BATCH_CREATE) == {
        "videos": [
            {
                "type": "avatar",
                "avatar_id": "look_1",
                "script": "One",
                "engine": {"type": "avatar_iv"},
            },
            {"type": "avatar", "avatar_id": "look_2", "audio_asset_id": "ast_a"},
            {"type": "cinematic_avatar", "prompt": "Two", "avatar_id": ["look_3"]},
        ],
        "title": "Onboarding",
        "callback_url": "https://hooks.example/batch",
    }
    assert isinstance(made, VideoBatchCreated)
    assert (made.batch_id, made.status, made.total_items) == ("batch_1", "processing", 3)


@pytest.mark.parametrize(
    ("videos", "field"),
    [
        ([], "videos"),
        ([{"type": "avatar", "avatar_id": "a"}] * 101, "videos"),
        (
            [{"type": "avatar", "avatar_id": "a"}, {"type": "avatar", "prompt": "p"}],
            "videos[1].prompt",
        ),
        ([{"type": "avatar"}], "videos[0].avatar_id"),
        ([{"type": "image", "image": "ast", "resolution": "2k"}], "videos[0].resolution"),
        ([{"avatar_id": "a"}], "videos[0].type"),
        ([{"type": ["avatar"], "avatar_id": "a"}], "videos[0].type"),
        (["not a video"], "videos[0]"),
    ],
)
async def test_a_bad_batch_is_refused_naming_the_item_and_field(
    client: AsyncHeyGenClient, router: respx.MockRouter, videos: list[Any], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(202, json={"data": {}}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.videos.batches.create(videos)
    assert caught.value.field == field
    assert not route.called


async def test_a_batch_is_read_with_its_page_of_items(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    body = {
        "data": {
            "batch_id": "batch_1",
            "title": "Onboarding",
            "status": "processing",
            "total_items": 3,
            "counts_by_status": {"completed": 1, "failed": 1, "queued": 1},
            "created_at": 1_700_000_000,
            "items": [
                {"item_index": 0, "status": "completed", "video_id": "v1", "error": None},
                {"item_index": 1, "status": "failed", "video_id": None, "error": {"code": "bad"}},
            ],
            "has_more": True,
            "next_token": "items-2",
        }
    }
    route = router.get("/v3/videos/batches/batch_1").mock(
        return_value=answer("GET", "/v3/videos/batches/{batch_id}", body)
    )
    batch = await client.videos.batches.get("batch_1", limit=2, token="items-0")
    assert dict(route.calls.last.request.url.params) == {"limit": "2", "token": "items-0"}
    assert isinstance(batch, VideoBatch)
    assert not batch.is_terminal and not batch.is_completed and not batch.is_failed
    assert batch.items is not None and [item.video_id for item in batch.items] == ["v1", None]
    assert batch.items[1].error == {"code": "bad"}
    assert (batch.has_more, batch.next_token) == (True, "items-2")
    assert batch.counts_by_status == {"completed": 1, "failed": 1, "queued": 1}
    with pytest.raises(InvalidRequestError, match="limit"):
        await client.videos.batches.get("batch_1", limit=0)
    assert route.call_count == 1


# -- versions, sync and raw ------------------------------------------------------------


async def test_a_v2_client_is_told_videos_create_is_v3(router: respx.MockRouter) -> None:
    route = router.route().mock(return_value=created())
    async with AsyncHeyGenClient(api_key="sk-videos", api_version="v2") as v2:
        with pytest.raises(InvalidRequestError, match=r"POST /v3/videos"):
            await v2.videos.create("avatar", avatar_id="look_1", script="Hi")
    assert not route.called


async def test_raw_forms_give_the_answer_and_the_parsed_model(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.post("/v3/videos").mock(return_value=created("vid_raw"))
    raw = await client.videos.with_raw_response.create("avatar", avatar_id="look_1", script="x")
    assert raw.status_code == 200 and raw.parse().video_id == "vid_raw"
    assert raw.json()["data"]["status"] == "waiting"
    with pytest.raises(InvalidRequestError, match="prompt"):
        await client.videos.with_raw_response.create("avatar", avatar_id="a", prompt="p")


def test_the_sync_client_creates_reads_and_batches(router: respx.MockRouter) -> None:
    create = router.post("/v3/videos").mock(return_value=created("vid_sync"))
    router.get("/v3/videos/vid_sync").mock(
        return_value=answer("GET", "/v3/videos/{video_id}", {"data": {**VIDEO, "id": "vid_sync"}})
    )
    router.get("/v3/videos/batches/b1").mock(
        return_value=answer(
            "GET",
            "/v3/videos/batches/{batch_id}",
            {
                "data": {
                    "batch_id": "b1",
                    "status": "completed",
                    "total_items": 0,
                    "counts_by_status": {},
                    "created_at": 1,
                    "items": [],
                    "has_more": False,
                }
            },
        )
    )
    with HeyGenClient(api_key="sk-videos") as client:
        job = client.videos.create("image", image="https://x/p.png", audio_url="https://x/a.mp3")
        video = client.videos.get(job.video_id)
        raw = client.videos.with_raw_response.get(job.video_id)
        batch = client.videos.batches.get("b1")
        with pytest.raises(InvalidRequestError, match="scenes"):
            client.videos.create("image", image="https://x/p.png", scenes=[])
    assert sent_body(create.calls.last.request, *CREATE)["image"] == {
        "type": "url",
        "url": "https://x/p.png",
    }
    assert video.video_id == "vid_sync" and raw.parse().video_url == VIDEO["video_url"]
    assert batch.is_completed and batch.is_terminal
    assert create.call_count == 1


async def test_the_fake_accepts_what_create_and_batches_send() -> None:
    fake = FakeHeyGen()
    async with fake.client() as client:
        job = await client.videos.create(
            "avatar", avatar_id=SAMPLE_AVATAR_ID, script="Hi", voice_id=SAMPLE_VOICE_ID
        )
        video = await client.videos.get(job.video_id)
        entries = await client.videos.statuses(video_ids=[job.video_id, "no-such-video"])
        batch = await client.videos.batches.create(
            [
                {
                    "type": "image",
                    "image": SAMPLE_IMAGE_ASSET_ID,
                    "script": "A photo speaks.",
                    "voice_id": SAMPLE_VOICE_ID,
                }
            ],
            title="One",
        )
        read = await client.videos.batches.get(batch.batch_id)
    assert video.video_id == job.video_id and not video.is_terminal
    assert [entry.status for entry in entries][1] == "not_found"
    assert read.title == "One" and read.total_items == 1
    assert read.items is not None and read.items[0].video_id is not None
    assert fake.counters.videos_created == 2


@pytest.mark.parametrize(
    "background",
    [
        {"type": "image", "url": "https://cdn.example/bg.png"},
        {"type": "video", "asset_id": "ast_clip"},
    ],
)
async def test_a_studio_avatar_scene_takes_the_release_notes_media_backgrounds(
    client: AsyncHeyGenClient, router: respx.MockRouter, background: dict[str, str]
) -> None:
    # HeyGen's CLI 0.10.0 release note: studio scenes take image and video backgrounds
    # by URL or asset id (no schema was published; see docs/migration.md).
    route = router.post("/v3/videos").mock(return_value=created())
    scene = {
        "type": "avatar_video",
        "input": {
            "type": "avatar",
            "avatar_id": "look_1",
            "script": "Hi",
            "background": background,
        },
    }
    await client.videos.create("studio", scenes=[scene])
    sent = json.loads(route.calls.last.request.content)
    assert sent["scenes"][0]["input"]["background"] == background


@pytest.mark.parametrize(
    ("background", "field"),
    [
        ({"type": "image"}, "url"),
        ({"type": "video", "url": "https://a/b.mp4", "asset_id": "ast_1"}, "url"),
        ({"type": "color", "color": "#112233", "url": "https://a/b.png"}, "color"),
        ({"type": "blur"}, "type"),
    ],
)
async def test_a_studio_background_that_fits_no_shape_is_refused(
    client: AsyncHeyGenClient, router: respx.MockRouter, background: dict[str, str], field: str
) -> None:
    route = router.post("/v3/videos").mock(return_value=created())
    scene = {
        "type": "avatar_video",
        "input": {
            "type": "avatar",
            "avatar_id": "look_1",
            "script": "Hi",
            "background": background,
        },
    }
    with pytest.raises(InvalidRequestError) as caught:
        await client.videos.create("studio", scenes=[scene])
    assert field in str(caught.value) and "background" in (caught.value.field or "")
    assert not route.called
