"""The v3 backend over respx: wire bodies (checked against HeyGen's own schemas, as
kept in heygen_async.testing.wire_shapes), refusals before sending, idempotent creates,
the job lane, bulk statuses, the shared poller, v3 errors, cursors and uploads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import httpx
import jsonschema
import pytest
import respx

from heygen_async import (
    APIConnectionError,
    AsyncHeyGenClient,
    AuthenticationError,
    BadRequestError,
    InsufficientCreditError,
    InvalidRequestError,
    VideoFailedError,
    VideoInput,
)
from heygen_async.testing import InstantClock, VirtualClock, use_clock, wire_shapes

from .conftest import API, API_KEY

OK_CREATE = {"data": {"video_id": "vid_1", "status": "waiting", "output_format": "mp4"}}


@pytest.fixture(scope="module")
def create_schema() -> Any:
    """HeyGen's POST /v3/videos body schema, kept in the package (no file outside it)."""
    return wire_shapes.operation("POST", "/v3/videos").request_schema


def check_against_spec(schema: Any, body: dict[str, Any]) -> None:
    """The body matches exactly the oneOf variant its ``type`` names."""
    variant = next(v for v in schema["oneOf"] if v["properties"]["type"]["const"] == body["type"])
    # additionalProperties is not set by HeyGen: forbid unknown keys ourselves, so a
    # misspelt field fails here rather than being ignored by HeyGen.
    strict = {**variant, "additionalProperties": False}
    jsonschema.validate(body, strict)


@pytest.fixture
async def v3(clock: InstantClock) -> Any:
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3") as client:
        use_clock(client, clock)
        yield client


def sent_body(route: respx.Route, call: int = -1) -> dict[str, Any]:
    return json.loads(route.calls[call].request.content)


SIMPLE_CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "minimal": ({}, {}),
    "voice settings": (
        {"speed": 1.2, "pitch": 5, "locale": "en-US"},
        {"voice_settings": {"speed": 1.2, "pitch": 5, "locale": "en-US"}},
    ),
    "dimension": ({"dimension": (1080, 1920)}, {"aspect_ratio": "9:16", "resolution": "1080p"}),
    "colour background": (
        {"background": "#112233"},
        {"background": {"type": "color", "value": "#112233"}},
    ),
    "image background": (
        {"background": {"type": "image", "image_asset_id": "ast_1"}},
        {"background": {"type": "image", "asset_id": "ast_1"}},
    ),
    "caption": ({"caption": True}, {"caption": {"file_format": "srt", "style": "default"}}),
    "callbacks and title": (
        {"title": "T", "callback_id": "c1", "callback_url": "https://example.com/hook"},
        {"title": "T", "callback_id": "c1", "callback_url": "https://example.com/hook"},
    ),
    "extra body": ({"extra_body": {"remove_background": True}}, {"remove_background": True}),
}


@pytest.mark.parametrize("case", SIMPLE_CASES, ids=list(SIMPLE_CASES))
async def test_simple_form_is_an_avatar_video_matching_the_spec(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any, case: str
) -> None:
    options, expected = SIMPLE_CASES[case]
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    video = await v3.generate_video("Hello", "look_1", "voice_1", **options)
    assert video.video_id == "vid_1"
    body = sent_body(route)
    assert body["type"] == "avatar"
    assert body["avatar_id"] == "look_1"
    assert body["script"] == "Hello"
    assert body["voice_id"] == "voice_1"
    for key, value in expected.items():
        assert body[key] == value
    check_against_spec(create_schema, body)


async def test_multi_scene_video_is_a_studio_video_matching_the_spec(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    scenes = [
        {
            "character": {"type": "avatar", "avatar_id": "look_1"},
            "voice": {"type": "text", "voice_id": "v", "input_text": "One"},
            "background": {"type": "color", "value": "#000000"},
        },
        {
            "character": {"type": "talking_photo", "talking_photo_id": "photo_1"},
            "voice": {"type": "audio", "audio_url": "https://example.com/a.mp3"},
        },
        {
            "voice": {"type": "silence", "duration": 2.0},
            "background": {"type": "image", "url": "https://example.com/still.png"},
        },
        {
            "voice": {"type": "silence"},
            "background": {"type": "video", "video_asset_id": "clip_1"},
        },
    ]
    await v3.generate_video(video_inputs=scenes, dimension=(1280, 720), title="Studio")
    body = sent_body(route)
    assert body["type"] == "studio"
    assert [scene["type"] for scene in body["scenes"]] == [
        "avatar_video",
        "avatar_video",
        "image",
        "video",
    ]
    assert body["scenes"][0]["input"]["background"] == {"type": "color", "color": "#000000"}
    assert body["scenes"][1]["input"]["avatar_id"] == "photo_1"
    assert body["scenes"][2] == {
        "type": "image",
        "source": {"type": "url", "url": "https://example.com/still.png"},
        "duration": 2.0,
    }
    assert (body["aspect_ratio"], body["resolution"]) == ("16:9", "720p")
    check_against_spec(create_schema, body)


@pytest.mark.parametrize(
    ("image_key", "image"),
    [
        ("ast_photo", {"type": "asset_id", "asset_id": "ast_photo"}),
        ("https://example.com/face.jpg", {"type": "url", "url": "https://example.com/face.jpg"}),
    ],
)
async def test_avatar_iv_is_an_image_video_matching_the_spec(
    v3: AsyncHeyGenClient,
    router: respx.MockRouter,
    create_schema: Any,
    image_key: str,
    image: dict[str, str],
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    await v3.generate_avatar_iv_video(
        "Hi there",
        image_key,
        "voice_1",
        video_orientation="portrait",
        fit="cover",
        custom_motion_prompt="waves",
    )
    body = sent_body(route)
    assert body["type"] == "image"
    assert body["image"] == image
    assert body["aspect_ratio"] == "9:16"
    assert body["motion_prompt"] == "waves"
    assert body["title"] == "Hi there"
    check_against_spec(create_schema, body)


AUDIO_ONLY = {
    "asset id": ({"audio_asset_id": "ast_voice"}, {"audio_asset_id": "ast_voice"}),
    "url": (
        {"audio_url": "https://example.com/talk/greeting.mp3"},
        {"audio_url": "https://example.com/talk/greeting.mp3"},
    ),
}


@pytest.mark.parametrize("case", AUDIO_ONLY, ids=list(AUDIO_ONLY))
@pytest.mark.parametrize("image_key", ["ast_photo", "https://example.com/face.jpg"])
async def test_avatar_iv_from_your_own_audio_needs_no_script_voice_or_title(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any, case: str, image_key: str
) -> None:
    options, expected = AUDIO_ONLY[case]
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    video = await v3.generate_avatar_iv_video(image_key=image_key, **options)
    assert video.video_id == "vid_1"
    body = sent_body(route)
    assert {k: body[k] for k in expected} == expected
    assert "script" not in body and "voice_id" not in body
    assert body["title"].startswith("Avatar IV video (")  # a readable default
    check_against_spec(create_schema, body)


async def test_avatar_iv_with_your_own_audio_sends_a_voice_id_given_too(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any
) -> None:
    # v2's guide wants voice_id even with custom audio: nothing given is dropped on v3.
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    await v3.generate_avatar_iv_video(
        image_key="ast_photo", voice_id="voice_1", audio_asset_id="ast_voice", video_title="Mine"
    )
    body = sent_body(route)
    assert (body["voice_id"], body["audio_asset_id"], body["title"]) == (
        "voice_1",
        "ast_voice",
        "Mine",
    )
    check_against_spec(create_schema, body)


@pytest.mark.parametrize("audio", ["audio_url", "audio_asset_id"])
async def test_a_script_beside_your_own_audio_is_refused_naming_both(
    v3: AsyncHeyGenClient, router: respx.MockRouter, audio: str
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    with pytest.raises(InvalidRequestError) as caught:
        await v3.generate_avatar_iv_video("Hi", "ast_photo", "voice_1", **{audio: "x"})
    assert caught.value.field == "script"
    assert "script" in str(caught.value) and audio in str(caught.value)
    assert not route.called


def with_release_note_backgrounds(schema: Any) -> Any:
    """The spec's studio schema, its avatar scene's background widened to the shape
    HeyGen's CLI 0.10.0 release note implies (no schema was published with it)."""
    schema = json.loads(json.dumps(schema))
    studio = next(v for v in schema["oneOf"] if v["properties"]["type"].get("const") == "studio")
    scene = studio["properties"]["scenes"]["items"]["oneOf"][0]
    avatar = next(
        v
        for v in scene["properties"]["input"]["oneOf"]
        if v["properties"]["type"]["const"] == "avatar"
    )
    media = {
        "type": "object",
        "properties": {
            "type": {"enum": ["image", "video"]},
            "url": {"type": "string"},
            "asset_id": {"type": "string"},
        },
        "required": ["type"],
        "oneOf": [{"required": ["url"]}, {"required": ["asset_id"]}],
        "additionalProperties": False,
    }
    avatar["properties"]["background"] = {"anyOf": [avatar["properties"]["background"], media]}
    return schema


STUDIO_BACKGROUNDS = {
    "image url": (
        {"type": "image", "url": "https://example.com/bg.png"},
        {"type": "image", "url": "https://example.com/bg.png"},
    ),
    "image asset": (
        {"type": "image", "image_asset_id": "ast_bg"},
        {"type": "image", "asset_id": "ast_bg"},
    ),
    "video url": (
        {"type": "video", "url": "https://example.com/bg.mp4"},
        {"type": "video", "url": "https://example.com/bg.mp4"},
    ),
    "video asset": (
        {"type": "video", "video_asset_id": "ast_clip"},
        {"type": "video", "asset_id": "ast_clip"},
    ),
}


@pytest.mark.parametrize("case", STUDIO_BACKGROUNDS, ids=list(STUDIO_BACKGROUNDS))
async def test_a_studio_scene_takes_an_image_or_video_background(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any, case: str
) -> None:
    background, expected = STUDIO_BACKGROUNDS[case]
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    speaking = {
        "character": {"type": "avatar", "avatar_id": "look_1"},
        "voice": {"type": "text", "voice_id": "v", "input_text": "Hello"},
    }
    await v3.generate_video(video_inputs=[speaking, {**speaking, "background": background}])
    body = sent_body(route)
    assert body["type"] == "studio"
    assert "background" not in body["scenes"][0]["input"]
    assert body["scenes"][1]["input"]["background"] == expected
    check_against_spec(with_release_note_backgrounds(create_schema), body)
    with pytest.raises(jsonschema.ValidationError):  # the snapshot's schema: colour only
        check_against_spec(create_schema, body)


async def test_the_simple_form_in_front_of_a_clip_is_a_one_scene_studio_video(
    v3: AsyncHeyGenClient, router: respx.MockRouter, create_schema: Any
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    await v3.generate_video(
        "Hello", "look_1", "voice_1", background={"type": "video", "video_asset_id": "clip"}
    )
    body = sent_body(route)
    assert body["type"] == "studio"
    assert body["scenes"] == [
        {
            "type": "avatar_video",
            "input": {
                "type": "avatar",
                "avatar_id": "look_1",
                "script": "Hello",
                "voice_id": "voice_1",
                "background": {"type": "video", "asset_id": "clip"},
            },
        }
    ]
    check_against_spec(with_release_note_backgrounds(create_schema), body)


REFUSED: dict[str, tuple[dict[str, Any], str]] = {
    "test": ({"test": True}, "test"),
    "emotion": ({"emotion": "Friendly"}, "emotion"),
    "avatar_style": ({"avatar_style": "circle"}, "avatar_style"),
    "folder_id": ({"folder_id": "f1"}, "folder_id"),
    # A clip behind the avatar is a one-scene studio video now (CLI 0.10.0); how it
    # fills the frame still has no v3 field.
    "video background fit": (
        {"background": {"type": "video", "url": "https://x.test/a.mp4", "fit": "cover"}},
        "video_inputs[0].background.fit",
    ),
    "video background play_style": (
        {"background": {"type": "video", "url": "https://x.test/a.mp4", "play_style": "loop"}},
        "video_inputs[0].background.play_style",
    ),
    "dimension": ({"dimension": (1000, 1000)}, "dimension"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
async def test_what_v3_cannot_express_is_refused_before_sending(
    v3: AsyncHeyGenClient, router: respx.MockRouter, case: str
) -> None:
    options, field = REFUSED[case]
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    with pytest.raises(InvalidRequestError) as caught:
        await v3.generate_video("Hi", "look_1", "voice_1", **options)
    assert caught.value.field == field
    assert 'api_version="v2"' in str(caught.value)
    assert caught.value.allowed
    assert not route.called


async def test_a_scene_studio_cannot_render_names_it(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    scenes = [
        VideoInput.model_validate(
            {
                "character": {"type": "avatar", "avatar_id": "a"},
                "voice": {"type": "text", "voice_id": "v", "input_text": "x"},
            }
        ),
        VideoInput.model_validate(
            {
                "character": {"type": "avatar", "avatar_id": "a"},
                "voice": {"type": "text", "voice_id": "v", "input_text": "y"},
                # An image behind the avatar maps now (CLI 0.10.0); its fit does not.
                "background": {"type": "image", "url": "https://x.test/i.png", "fit": "crop"},
            }
        ),
    ]
    with pytest.raises(InvalidRequestError, match=r"video_inputs\[1\]\.background\.fit"):
        await v3.generate_video(video_inputs=scenes)
    assert not route.called


async def test_enhance_motion_prompt_is_refused_on_v3(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    with pytest.raises(InvalidRequestError, match="enhance_custom_motion_prompt"):
        await v3.generate_avatar_iv_video("Hi", "ast", "v", enhance_custom_motion_prompt=True)
    assert not route.called


# -- idempotent creates --------------------------------------------------------------


def _faults() -> dict[str, list[Any]]:
    return {
        "500": [httpx.Response(500, json={"error": {"code": "internal_error", "message": "x"}})],
        "502": [httpx.Response(502, text="<html><title>Bad gateway</title></html>")],
        "dropped": [httpx.RemoteProtocolError("server disconnected")],
        "read timeout": [httpx.ReadTimeout("stalled")],
        "409 in flight": [
            httpx.Response(409, json={"error": {"code": "request_in_progress", "message": "busy"}}),
            httpx.Response(409, json={"error": {"code": "request_in_progress", "message": "busy"}}),
        ],
    }


@pytest.mark.parametrize("fault", list(_faults()))
async def test_creates_retry_with_the_same_key_after_any_transient_fault(
    v3: AsyncHeyGenClient, router: respx.MockRouter, fault: str
) -> None:
    answers = [*_faults()[fault], httpx.Response(200, json=OK_CREATE)]
    route = router.post(f"{API}/v3/videos").mock(side_effect=answers)
    video = await v3.generate_video("Hi", "look_1", "voice_1")
    assert video.video_id == "vid_1"
    keys = {call.request.headers["Idempotency-Key"] for call in route.calls}
    assert route.call_count == len(answers)
    assert len(keys) == 1


async def test_each_call_gets_its_own_key_unless_given(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    await v3.generate_video("Hi", "look_1", "voice_1")
    await v3.generate_video("Hi", "look_1", "voice_1")
    await v3.generate_video("Hi", "look_1", "voice_1", idempotency_key="mine-1")
    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert keys[0] != keys[1]
    assert keys[2] == "mine-1"


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "é"])
async def test_a_malformed_key_is_refused_before_sending(
    v3: AsyncHeyGenClient, router: respx.MockRouter, key: str
) -> None:
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    with pytest.raises(InvalidRequestError, match="idempotency_key"):
        await v3.generate_video("Hi", "look_1", "voice_1", idempotency_key=key)
    assert not route.called


async def test_exhausted_retries_name_the_key_to_resend(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.post(f"{API}/v3/videos").mock(side_effect=httpx.ReadTimeout("stalled"))
    with pytest.raises(APIConnectionError) as caught:
        await v3.generate_video("Hi", "look_1", "voice_1", idempotency_key="key-7")
    assert caught.value.may_have_been_processed
    assert "idempotency_key='key-7'" in str(caught.value)


async def test_v2_refuses_an_idempotency_key_it_cannot_send(router: respx.MockRouter) -> None:
    route = router.post(f"{API}/v2/video/generate").respond(200, json={"data": {"video_id": "v"}})
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v2") as v2:
        with pytest.raises(InvalidRequestError, match='api_version="v3"'):
            await v2.generate_video("Hi", "a", "v", idempotency_key="k")
    assert not route.called


async def test_job_limit_429_holds_creates_but_not_polls(router: respx.MockRouter) -> None:
    """A create refused for the job limit waits out Retry-After; meanwhile status reads
    go on (a global pause would stop the polls that see jobs finish)."""
    clock = VirtualClock()
    limit = httpx.Response(
        429,
        headers={"Retry-After": "30"},
        json={"error": {"code": "rate_limit_exceeded", "message": "concurrent job limit"}},
    )
    creates = router.post(f"{API}/v3/videos").mock(
        side_effect=[limit, httpx.Response(200, json=OK_CREATE)]
    )
    status = {"data": {"id": "old", "status": "processing"}}
    polls = router.get(f"{API}/v3/videos/old").respond(200, json=status)
    poll_times: list[float] = []
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3", max_retries=3) as client:
        use_clock(client, clock)

        async def poll_meanwhile() -> None:
            for _ in range(5):
                await clock.sleep(5)
                await client.get_video_status("old")
                poll_times.append(clock.now())

        async with clock.running():
            start = clock.now()
            async with anyio.create_task_group() as group:
                group.start_soon(poll_meanwhile)
                video = await client.generate_video("Hi", "look_1", "voice_1")
                created_at = clock.now() - start
    assert video.video_id == "vid_1"
    assert creates.call_count == 2
    assert created_at >= 30
    assert polls.call_count == 5
    assert min(poll_times) - start < 30  # polls ran while creates were held


# -- statuses and the shared poller ----------------------------------------------------


def _statuses_answer(request: httpx.Request, known: dict[str, str]) -> httpx.Response:
    ids = request.url.params["video_ids"].split(",")
    data = [{"video_id": i, "status": known[i], "error": None} for i in ids if i in known]
    return httpx.Response(200, json={"data": data, "has_more": False, "next_token": None})


async def test_get_video_statuses_batches_100_ids_in_order(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    ids = [f"v{i}" for i in range(250)]
    known = {i: "processing" for i in ids[:-1]}
    route = router.get(f"{API}/v3/videos/statuses").mock(
        side_effect=lambda r: _statuses_answer(r, known)
    )
    statuses = await v3.get_video_statuses(ids)
    assert [s.video_id for s in statuses] == ids
    assert [len(c.request.url.params["video_ids"].split(",")) for c in route.calls] == [
        100,
        100,
        50,
    ]
    assert statuses[-1].status.value == "not_found"
    assert statuses[0].status.value == "processing"


async def test_one_poller_reads_many_waits_together(router: respx.MockRouter) -> None:
    """200 concurrent waits: a few bulk reads per round, one URL read per video."""
    clock = VirtualClock()
    started: dict[str, float] = {}
    render = 60.0

    def state(video_id: str) -> str:
        return "completed" if clock.now() - started[video_id] >= render else "processing"

    def statuses(request: httpx.Request) -> httpx.Response:
        ids = request.url.params["video_ids"].split(",")
        data = [{"video_id": i, "status": state(i)} for i in ids]
        return httpx.Response(200, json={"data": data, "has_more": False, "next_token": None})

    bulk = router.get(f"{API}/v3/videos/statuses").mock(side_effect=statuses)
    single = router.get(url__regex=rf"{API}/v3/videos/v\d+$").mock(
        side_effect=lambda r: httpx.Response(
            200,
            json={
                "data": {
                    "id": r.url.path.rsplit("/", 1)[1],
                    "status": "completed",
                    "video_url": "https://cdn.test/x.mp4",
                }
            },
        )
    )
    ids = [f"v{i}" for i in range(200)]
    results = {}
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3") as client:
        use_clock(client, clock)

        async def wait(video_id: str) -> None:
            started[video_id] = clock.now()
            results[video_id] = await client.wait_for_video(video_id)

        async with clock.running(), anyio.create_task_group() as group:
            for video_id in ids:
                group.start_soon(wait, video_id)
    assert all(status.video_url for status in results.values())
    assert single.call_count == len(ids)
    per_video = (bulk.call_count + single.call_count) / len(ids)
    print(f"requests per video: {per_video:.2f} ({bulk.call_count} bulk reads)")
    assert per_video < 1.5, per_video
    # Per-video polling would need about 6 status reads each for a 60 s render.
    assert bulk.call_count < len(ids)


async def test_failed_video_raises_with_v3_failure_fields(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get(f"{API}/v3/videos/statuses").respond(
        200, json={"data": [{"video_id": "vf", "status": "failed", "error": {"code": "x"}}]}
    )
    router.get(f"{API}/v3/videos/vf").respond(
        200,
        json={
            "data": {
                "id": "vf",
                "status": "failed",
                "failure_code": "rendering_failed",
                "failure_message": "Avatar rendering timed out",
            }
        },
    )
    with pytest.raises(VideoFailedError) as caught:
        await v3.wait_for_video("vf")
    assert caught.value.code == "rendering_failed"
    assert caught.value.message == "Avatar rendering timed out"


# -- errors, listings, uploads -----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "invalid_parameter", BadRequestError),
        (401, "unauthorized", AuthenticationError),
        (402, "insufficient_credit", InsufficientCreditError),
    ],
)
async def test_v3_errors_map_onto_the_tree(
    v3: AsyncHeyGenClient, router: respx.MockRouter, status: int, code: str, cls: type[Exception]
) -> None:
    router.get(f"{API}/v3/videos/v1").respond(
        status, json={"error": {"code": code, "message": "nope", "param": "video_id"}}
    )
    with pytest.raises(cls) as caught:
        await v3.get_video_status("v1")
    assert caught.value.code == code  # type: ignore[attr-defined]
    assert caught.value.param == "video_id"  # type: ignore[attr-defined]


async def test_listings_follow_the_cursor_beside_data(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get(f"{API}/v3/users/me").respond(200, json={"data": {"username": "me_1"}})

    def assets(request: httpx.Request) -> httpx.Response:
        assert request.url.params["username"] == "me_1"
        if request.url.params.get("token") == "p2":
            items = [{"id": "a3", "type": "image", "uploaded_at": 3}]
            return httpx.Response(200, json={"data": items, "has_more": False, "next_token": None})
        items = [{"id": "a1", "type": "image"}, {"id": "a2", "type": "audio"}]
        return httpx.Response(200, json={"data": items, "has_more": True, "next_token": "p2"})

    router.get(f"{API}/v3/assets").mock(side_effect=assets)
    everything = await v3.list_assets()
    images = await v3.list_assets(file_type="image")
    assert [a.id for a in everything] == ["a1", "a2", "a3"]
    assert [a.id for a in images] == ["a1", "a3"]
    assert images[1].created_ts == 3


async def test_voices_merge_public_and_private_and_looks_split(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    def voices(request: httpx.Request) -> httpx.Response:
        kind = request.url.params["type"]
        item = {"voice_id": f"{kind}_1", "name": kind, "preview_audio_url": "https://x.test/a.mp3"}
        return httpx.Response(200, json={"data": [item], "has_more": False})

    router.get(f"{API}/v3/voices").mock(side_effect=voices)
    looks = [
        {"id": "l1", "name": "Anna", "avatar_type": "studio_avatar"},
        {"id": "p1", "name": "Me", "avatar_type": "photo_avatar"},
    ]
    router.get(f"{API}/v3/avatars/looks").mock(
        side_effect=lambda r: httpx.Response(
            200,
            json={
                "data": [
                    x for x in looks if r.url.params.get("avatar_type") in (None, x["avatar_type"])
                ]
            },
        )
    )
    listed = await v3.list_voices()
    assert [v.voice_id for v in listed] == ["public_1", "private_1"]
    assert listed[0].preview_audio == "https://x.test/a.mp3"
    assert [a.avatar_id for a in await v3.list_avatars()] == ["l1"]
    assert [p.talking_photo_id for p in await v3.list_talking_photos()] == ["p1"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_small_uploads_are_multipart_on_the_api_host(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{API}/v3/assets").respond(
        200,
        json={
            "data": {"asset_id": "ast_1", "url": "https://x.test/p.png", "mime_type": "image/png"}
        },
    )
    asset = await v3.upload_asset(PNG)
    assert asset.id == "ast_1"
    assert asset.file_type == "image"
    request = route.calls[0].request
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="file"' in request.content
    assert PNG in request.content
    assert "Idempotency-Key" in request.headers


async def test_large_uploads_go_direct_and_the_storage_put_has_no_key(
    v3: AsyncHeyGenClient, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from heygen_async._backends.v3 import _backend

    monkeypatch.setattr(_backend, "DIRECT_UPLOAD_THRESHOLD", 32)
    slot = router.post(f"{API}/v3/assets/direct-uploads").respond(
        200,
        json={
            "data": {
                "asset_id": "ast_big",
                "upload_url": "https://storage.test/put?sig=1",
                "upload_headers": {"Content-Type": "image/png"},
                "status": "pending_upload",
            }
        },
    )
    put = router.put("https://storage.test/put").respond(200)
    done = router.post(f"{API}/v3/assets/ast_big/complete").respond(
        200,
        json={"data": {"asset_id": "ast_big", "mime_type": "image/png", "status": "processing"}},
    )
    path = tmp_path / "big.png"
    path.write_bytes(PNG)
    asset_id = await v3.upload_asset_from_file(path)
    assert asset_id == "ast_big"
    assert json.loads(slot.calls[0].request.content) == {
        "filename": "big.png",
        "content_type": "image/png",
        "size_bytes": len(PNG),
    }
    put_request = put.calls[0].request
    assert "x-api-key" not in put_request.headers
    assert put_request.content == PNG
    assert done.called


def test_v3_is_a_known_api_version_and_others_are_refused() -> None:
    from heygen_async import ConfigurationError

    assert AsyncHeyGenClient(api_key=API_KEY, api_version="v3").api_version == "v3"
    with pytest.raises(ConfigurationError, match="api_version"):
        AsyncHeyGenClient(api_key=API_KEY, api_version="v9")


async def test_generate_many_keys_jobs_by_key_and_body(router: respx.MockRouter) -> None:
    """A job's key is derived from its key and body (a rerun replays, a changed job
    is new) unless the job names its own."""
    route = router.post(f"{API}/v3/videos").respond(200, json=OK_CREATE)
    router.get(f"{API}/v3/videos/statuses").respond(
        200, json={"data": [{"video_id": "vid_1", "status": "completed"}]}
    )
    router.get(f"{API}/v3/videos/vid_1").respond(
        200, json={"data": {"id": "vid_1", "status": "completed", "video_url": "https://x.test/v"}}
    )
    clock = VirtualClock()
    job = {"key": "row-1", "script": "Hi", "avatar_id": "look_1", "voice_id": "voice_1"}
    jobs = [
        job,
        dict(job),  # the same job again: the same key
        {**job, "script": "Changed"},  # a changed body: a new key
        {**job, "key": "row-2", "idempotency_key": "caller-key"},
    ]
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3") as client:
        use_clock(client, clock)
        for one in jobs:
            async with clock.running():
                results = [r async for r in client.generate_many([one])]
            assert results[0].ok, results[0].error
    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert keys[0] == keys[1]
    assert keys[2] != keys[0]
    assert keys[3] == "caller-key"


async def test_direct_upload_body_matches_the_spec(
    v3: AsyncHeyGenClient, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    from heygen_async._backends.v3 import _backend

    schema = wire_shapes.operation("POST", "/v3/assets/direct-uploads").request_schema
    assert schema is not None
    monkeypatch.setattr(_backend, "DIRECT_UPLOAD_THRESHOLD", 8)
    slot = router.post(f"{API}/v3/assets/direct-uploads").respond(
        200, json={"data": {"asset_id": "a", "upload_url": "https://storage.test/p"}}
    )
    router.put("https://storage.test/p").respond(200)
    router.post(f"{API}/v3/assets/a/complete").respond(200, json={"data": {"asset_id": "a"}})
    await v3.upload_asset_from_bytes(PNG)
    jsonschema.validate(
        json.loads(slot.calls[0].request.content), {**schema, "additionalProperties": False}
    )


async def test_upload_from_url_retries_the_fetch_by_the_one_decision(
    v3: AsyncHeyGenClient, router: respx.MockRouter, clock: InstantClock
) -> None:
    source = router.get("https://media.test/p.png").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("refused"),
            httpx.Response(200, content=PNG, headers={"Content-Type": "image/png"}),
        ]
    )
    router.post(f"{API}/v3/assets").respond(200, json={"data": {"asset_id": "ast_u"}})
    v3_retries = v3.with_options(max_retries=3)
    assert await v3_retries.upload_asset_from_url("https://media.test/p.png") == "ast_u"
    assert source.call_count == 3
    assert len(clock.sleeps) == 2
    assert "x-api-key" not in source.calls[0].request.headers


async def test_upload_from_url_gives_up_after_max_retries(
    v3: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    source = router.get("https://media.test/gone.png").respond(502)
    upload = router.post(f"{API}/v3/assets").respond(200, json={"data": {"asset_id": "x"}})
    with pytest.raises(InvalidRequestError, match="HTTP 502"):
        await v3.upload_asset_from_url("https://media.test/gone.png")
    assert source.call_count == 3  # the first try and max_retries=2 more
    assert not upload.called
