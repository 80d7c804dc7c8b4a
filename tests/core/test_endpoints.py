"""Every endpoint: method, host, path, headers, body and query sent; each answer shape parsed."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx

from heygen_async import (
    AsyncHeyGenClient,
    AvatarCharacter,
    GeneratedVideo,
    InvalidRequestError,
    TalkingPhotoCharacter,
    TextVoice,
    VideoFailedError,
    VideoInput,
    VideoState,
)
from heygen_async._transport import USER_AGENT

from .conftest import API, API_KEY, UPLOAD


def v1(data: object) -> dict[str, object]:
    return {"code": 100, "message": "Success", "data": data}


def v2(data: object) -> dict[str, object]:
    return {"error": None, "data": data}


def sent_json(route: respx.Route) -> object:
    return json.loads(route.calls.last.request.content)


def assert_auth_headers(request: httpx.Request) -> None:
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("heygen-async/")


async def test_generate_video_simple_form(client: AsyncHeyGenClient, router: respx.MockRouter):
    route = router.post(f"{API}/v2/video/generate").respond(200, json=v2({"video_id": "abc"}))
    video = await client.generate_video(
        "Hello there",
        "Abigail_expressive_2024112501",
        "voice-1",
        title="Welcome",
        dimension=(1280, 720),
        background="#FAFAFA",
        avatar_style="normal",
        speed=1.1,
        pitch=-5,
        emotion="Friendly",
        locale="en-US",
        caption=True,
        callback_id="order-123",
        callback_url="https://example.com/hook",
        folder_id="f1",
        test=True,
    )
    assert video == GeneratedVideo(video_id="abc")
    assert_auth_headers(route.calls.last.request)
    assert route.calls.last.request.headers["content-type"] == "application/json"
    assert sent_json(route) == {
        "video_inputs": [
            {
                "character": {
                    "type": "avatar",
                    "avatar_id": "Abigail_expressive_2024112501",
                    "avatar_style": "normal",
                },
                "voice": {
                    "type": "text",
                    "voice_id": "voice-1",
                    "input_text": "Hello there",
                    "speed": 1.1,
                    "pitch": -5,
                    "emotion": "Friendly",
                    "locale": "en-US",
                },
                "background": {"type": "color", "value": "#FAFAFA"},
            }
        ],
        "dimension": {"width": 1280, "height": 720},
        "title": "Welcome",
        "caption": True,
        "callback_id": "order-123",
        "callback_url": "https://example.com/hook",
        "folder_id": "f1",
        "test": True,
    }


async def test_generate_video_multi_scene_models_and_dicts(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    route = router.post(f"{API}/v2/video/generate").respond(
        200, json={"code": 100, "data": {"video_id": "v1env"}, "message": "Success"}
    )
    scenes = [
        VideoInput(
            character=AvatarCharacter(avatar_id="a1", scale=1.5, offset={"x": 0.1, "y": 0}),
            voice=TextVoice(voice_id="v1", input_text="One"),
            background={"type": "video", "video_asset_id": "vid", "play_style": "loop"},
        ),
        {
            "character": {"type": "talking_photo", "talking_photo_id": "tp1"},
            "voice": {"type": "audio", "audio_asset_id": "aud1"},
            "background": {"type": "image", "url": "https://x/bg.png", "fit": "contain"},
        },
        {
            "character": TalkingPhotoCharacter(talking_photo_id="tp2", talking_style="expressive"),
            "voice": {"type": "silence", "duration": 2.5},
        },
    ]
    video = await client.generate_video(
        video_inputs=scenes, extra_body={"fps": 30, "enable_watermark": False}
    )
    assert video.video_id == "v1env"  # the v1 envelope on a v2 endpoint is accepted
    body = sent_json(route)
    assert isinstance(body, dict)
    assert body["fps"] == 30 and body["enable_watermark"] is False
    assert body["video_inputs"] == [
        {
            "character": {
                "type": "avatar",
                "avatar_id": "a1",
                "scale": 1.5,
                "offset": {"x": 0.1, "y": 0.0},
            },
            "voice": {"type": "text", "voice_id": "v1", "input_text": "One"},
            "background": {"type": "video", "video_asset_id": "vid", "play_style": "loop"},
        },
        {
            "character": {"type": "talking_photo", "talking_photo_id": "tp1"},
            "voice": {"type": "audio", "audio_asset_id": "aud1"},
            "background": {"type": "image", "url": "https://x/bg.png", "fit": "contain"},
        },
        {
            "character": {
                "type": "talking_photo",
                "talking_photo_id": "tp2",
                "talking_style": "expressive",
            },
            "voice": {"type": "silence", "duration": 2.5},
        },
    ]


async def test_generate_avatar_iv_video(client: AsyncHeyGenClient, router: respx.MockRouter):
    route = router.post(f"{API}/v2/video/av4/generate").respond(200, json=v2({"video_id": "iv"}))
    video = await client.generate_avatar_iv_video(
        "Hi from a photo",
        "image/abc/original.jpg",
        "voice-1",
        video_orientation="portrait",
        fit="cover",
        custom_motion_prompt="nods",
        enhance_custom_motion_prompt=True,
    )
    assert video.video_id == "iv"
    assert_auth_headers(route.calls.last.request)
    assert sent_json(route) == {
        "image_key": "image/abc/original.jpg",
        "video_title": "Hi from a photo",
        "script": "Hi from a photo",
        "voice_id": "voice-1",
        "video_orientation": "portrait",
        "fit": "cover",
        "custom_motion_prompt": "nods",
        "enhance_custom_motion_prompt": True,
    }


# POST /v2/video/av4/generate's documented fields (heygen-api.md section 2).
AV4_FIELDS = {
    "image_key",
    "video_title",
    "script",
    "voice_id",
    "audio_url",
    "audio_asset_id",
    "custom_motion_prompt",
    "enhance_custom_motion_prompt",
    "video_orientation",
    "fit",
}


@pytest.mark.parametrize(
    ("audio", "title"),
    [
        ({"audio_asset_id": "ast_voice"}, "Avatar IV video (audio ast_voice)"),
        ({"audio_url": "https://example.com/a/hello.mp3?sig=1"}, "Avatar IV video (hello.mp3)"),
    ],
)
async def test_avatar_iv_from_your_own_audio_on_v2(
    client: AsyncHeyGenClient, router: respx.MockRouter, audio: dict[str, str], title: str
):
    route = router.post(f"{API}/v2/video/av4/generate").respond(200, json=v2({"video_id": "iv"}))
    video = await client.generate_avatar_iv_video(image_key="image/abc/original.jpg", **audio)
    assert video.video_id == "iv"
    body = sent_json(route)
    assert body == {"image_key": "image/abc/original.jpg", "video_title": title, **audio}
    assert isinstance(body, dict) and set(body) <= AV4_FIELDS


async def test_a_script_beside_your_own_audio_is_refused_on_v2(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    route = router.post(f"{API}/v2/video/av4/generate").respond(200, json=v2({"video_id": "iv"}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.generate_avatar_iv_video(
            "Hi", "image/abc/original.jpg", "voice-1", audio_url="https://example.com/a.mp3"
        )
    assert caught.value.field == "script"
    assert "script" in str(caught.value) and "audio_url" in str(caught.value)
    assert not route.called


async def test_get_video_status_parses_v1_envelope_and_keeps_unknown_fields(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    route = router.get(f"{API}/v1/video_status.get").respond(
        200,
        json=v1(
            {
                "id": "vid1",
                "status": "completed",
                "callback_id": "order-123",
                "created_at": 1722360649,
                "duration": 12.3,
                "video_url": "https://files/v.mp4?Expires=1",
                "thumbnail_url": "https://files/t.jpg",
                "gif_url": None,
                "caption_url": None,
                "error": None,
                "brand_new_field": {"nested": True},
            }
        ),
    )
    status = await client.get_video_status("vid1")
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.params["video_id"] == "vid1"
    assert_auth_headers(request)
    assert status.video_id == "vid1"
    assert status.status is VideoState.COMPLETED and status.is_completed and status.is_terminal
    assert status.duration == 12.3
    assert status.model_dump()["brand_new_field"] == {"nested": True}


async def test_status_tolerates_missing_fields_unknown_status_and_string_error_codes(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.get(f"{API}/v1/video_status.get").mock(
        side_effect=[
            httpx.Response(200, json=v1({"status": "rendering_in_cloud"})),
            httpx.Response(
                200,
                json=v1(
                    {
                        "id": "x",
                        "status": "failed",
                        "error": {
                            "code": "MOVIO_PAYMENT_INSUFFICIENT_CREDIT",
                            "message": "Insufficient credit",
                            "detail": "top up",
                        },
                    }
                ),
            ),
        ]
    )
    first = await client.get_video_status("x")
    assert first.video_id == "x"  # filled in from the request when HeyGen leaves it out
    assert str(first.status) == "rendering_in_cloud" and not first.is_terminal
    second = await client.get_video_status("x")
    assert second.is_failed and second.error is not None
    assert second.error.code == "MOVIO_PAYMENT_INSUFFICIENT_CREDIT"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"id": "v", "status": "processing"}, None),
        ({"id": "v", "status": "completed", "video_url": "https://f/v.mp4"}, "https://f/v.mp4"),
    ],
)
async def test_get_video_url(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    payload: dict[str, object],
    expected: str | None,
):
    router.get(f"{API}/v1/video_status.get").respond(200, json=v1(payload))
    assert await client.get_video_url("v") == expected


async def test_get_video_url_raises_for_failed_video(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.get(f"{API}/v1/video_status.get").respond(
        200,
        json=v1(
            {
                "id": "v",
                "status": "failed",
                "error": {"code": 40119, "message": "Video is too long", "detail": "> 3600s"},
            }
        ),
    )
    with pytest.raises(VideoFailedError) as caught:
        await client.get_video_url("v")
    assert (caught.value.video_id, caught.value.code) == ("v", 40119)
    assert caught.value.message == "Video is too long" and caught.value.detail == "> 3600s"


async def test_list_avatars_and_talking_photos(client: AsyncHeyGenClient, router: respx.MockRouter):
    route = router.get(f"{API}/v2/avatars").respond(
        200,
        json=v2(
            {
                "avatars": [
                    {
                        "avatar_id": "Abigail",
                        "avatar_name": "Abigail (Upper Body)",
                        "gender": "female",
                        "premium": False,
                        "type": None,
                        "tags": None,
                        "is_paid": True,
                    },
                    {"avatar_id": "Bare"},
                ],
                "talking_photos": [{"talking_photo_id": "tp1", "talking_photo_name": "Me"}],
            }
        ),
    )
    avatars = await client.list_avatars()
    photos = await client.list_talking_photos()
    assert [a.avatar_id for a in avatars] == ["Abigail", "Bare"]
    assert avatars[0].model_dump()["is_paid"] is True and avatars[1].gender is None
    assert [p.talking_photo_id for p in photos] == ["tp1"]
    assert route.call_count == 2
    assert_auth_headers(route.calls.last.request)


async def test_list_voices(client: AsyncHeyGenClient, router: respx.MockRouter):
    router.get(f"{API}/v2/voices").respond(
        200,
        json=v2(
            {
                "voices": [
                    {
                        "voice_id": "v1",
                        "language": "English",
                        "gender": "female",
                        "name": "Ava",
                        "preview_audio": "",
                        "support_pause": True,
                        "emotion_support": False,
                        "support_interactive_avatar": True,
                    }
                ]
            }
        ),
    )
    voices = await client.list_voices()
    assert voices[0].voice_id == "v1" and voices[0].support_pause is True
    assert voices[0].support_locale is None


async def test_list_assets_follows_page_tokens_up_to_limit(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    pages = {
        None: {
            "assets": [{"id": f"a{i}", "file_type": "image"} for i in range(100)],
            "token": "t2",
        },
        "t2": {
            "assets": [{"id": f"b{i}", "file_type": "image"} for i in range(100)],
            "token": "t3",
        },
        "t3": {"assets": [{"id": "c0"}], "token": None},
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=v1(pages[request.url.params.get("token")]))

    route = router.get(f"{API}/v1/asset/list").mock(side_effect=answer)
    assets = await client.list_assets(file_type="image", limit=150)
    assert len(assets) == 150 and assets[0].id == "a0" and assets[-1].id == "b49"
    assert [dict(c.request.url.params) for c in route.calls] == [
        {"limit": "100", "file_type": "image"},
        {"limit": "50", "file_type": "image", "token": "t2"},
    ]
    everything = [asset.id async for asset in client.iter_assets(file_type="image")]
    assert len(everything) == 201 and everything[-1] == "c0"


async def test_list_videos_pages(client: AsyncHeyGenClient, router: respx.MockRouter):
    def answer(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("token")
        if token is None:
            videos = [{"video_id": "v1", "status": "completed", "callback_id": "k1"}]
            return httpx.Response(200, json=v1({"videos": videos, "token": "next"}))
        videos = [{"video_id": "v2", "status": "draft", "video_title": "t"}]
        return httpx.Response(200, json=v1({"videos": videos, "token": None}))

    router.get(f"{API}/v1/video.list").mock(side_effect=answer)
    videos = await client.list_videos(limit=10)
    assert [(v.video_id, str(v.status), v.callback_id) for v in videos] == [
        ("v1", "completed", "k1"),
        ("v2", "draft", None),
    ]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64
MP3 = b"ID3\x03" + b"\x00" * 64

UPLOADED = {
    "id": "asset1",
    "name": "asset1",
    "file_type": "image",
    "folder_id": "",
    "meta": None,
    "created_ts": 1722360649,
    "url": "https://resource2.heygen.ai/image/asset1/original.png",
    "image_key": "image/asset1/original.png",
}


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (MP4, "video/mp4"),
        (WEBM, "video/webm"),
        (MP3, "audio/mpeg"),
    ],
)
async def test_upload_from_bytes_sniffs_content_type(
    client: AsyncHeyGenClient, router: respx.MockRouter, data: bytes, content_type: str
):
    route = router.post(f"{UPLOAD}/v1/asset").respond(
        200, json={"code": 100, "data": UPLOADED, "msg": None, "message": None}
    )
    assert await client.upload_asset_from_bytes(data) == "asset1"
    request = route.calls.last.request
    assert request.url.host == "upload.heygen.com"
    assert request.headers["content-type"] == content_type
    assert request.content == data
    assert_auth_headers(request)


async def test_upload_asset_from_file_streams_with_length(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
):
    big = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4000  # ~1 MB, several chunks
    photo = tmp_path / "portrait.JPG"
    photo.write_bytes(big)
    route = router.post(f"{UPLOAD}/v1/asset").respond(200, json=v1(UPLOADED))
    record = await client.upload_asset(photo)
    assert record.id == "asset1" and record.image_key == "image/asset1/original.png"
    request = route.calls.last.request
    assert request.headers["content-type"] == "image/jpeg"
    assert request.headers["content-length"] == str(len(big))
    assert request.content == big
    assert await client.upload_asset_from_file(str(photo)) == "asset1"


async def test_upload_asset_from_url_fetches_without_the_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    source = router.get("https://cdn.example.com/clip.mp4").respond(
        200, content=MP4, headers={"content-type": "video/mp4"}
    )
    upload = router.post(f"{UPLOAD}/v1/asset").respond(
        200, json=v1({**UPLOADED, "file_type": "video", "image_key": None})
    )
    assert await client.upload_asset_from_url("https://cdn.example.com/clip.mp4") == "asset1"
    assert "x-api-key" not in source.calls.last.request.headers
    assert upload.calls.last.request.content == MP4
    assert upload.calls.last.request.headers["content-type"] == "video/mp4"
    record = await client.upload_asset("https://cdn.example.com/clip.mp4")
    assert record.file_type == "video" and record.image_key is None
