"""The fake rejects what HeyGen rejects, with HeyGen's status, envelope and code."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heygen_async.testing import (
    SAMPLE_AUDIO_ASSET_ID,
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_KEY,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
)

MISSING, INVALID = 40001, 400175
KEY = "test-key"
UPLOAD = "https://upload.heygen.com"


def scene(**voice: Any) -> dict[str, Any]:
    return {
        "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
        "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "Hi.", **voice},
    }


def generate_body(**fields: Any) -> dict[str, Any]:
    return {"video_inputs": [scene()], **fields}


def with_voice(**voice: Any) -> dict[str, Any]:
    return {"video_inputs": [{"voice": voice}]}


def with_character(**character: Any) -> dict[str, Any]:
    return {"video_inputs": [{**scene(), "character": character}]}


def with_background(**background: Any) -> dict[str, Any]:
    return {"video_inputs": [{**scene(), "background": background}]}


text_voice = {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "hi"}

REJECTED: list[tuple[str, Any, int]] = [
    ("no video_inputs", {}, MISSING),
    ("empty video_inputs", {"video_inputs": []}, INVALID),
    ("51 scenes", {"video_inputs": [scene()] * 51}, INVALID),
    ("video_inputs not a list", {"video_inputs": scene()}, INVALID),
    ("body not an object", [scene()], INVALID),
    ("odd width", generate_body(dimension={"width": 1281, "height": 720}), INVALID),
    ("width below 128", generate_body(dimension={"width": 126, "height": 720}), INVALID),
    ("height above 4096", generate_body(dimension={"width": 1280, "height": 4098}), INVALID),
    ("float width", generate_body(dimension={"width": 1280.0, "height": 720}), INVALID),
    ("scene without voice", {"video_inputs": [{"character": scene()["character"]}]}, MISSING),
    ("text voice without voice_id", with_voice(type="text", input_text="hi"), MISSING),
    ("text voice without input_text", with_voice(type="text", voice_id=SAMPLE_VOICE_ID), MISSING),
    ("empty input_text", with_voice(**{**text_voice, "input_text": "  "}), 40039),
    ("input_text too long", with_voice(**{**text_voice, "input_text": "a" * 5001}), 40039),
    ("unknown voice", with_voice(**{**text_voice, "voice_id": "nope"}), 400116),
    ("speed 0.4", with_voice(**text_voice, speed=0.4), INVALID),
    ("speed 1.6", with_voice(**text_voice, speed=1.6), INVALID),
    ("pitch -51", with_voice(**text_voice, pitch=-51), INVALID),
    ("pitch 51", with_voice(**text_voice, pitch=51), INVALID),
    ("lower-case emotion", with_voice(**text_voice, emotion="excited"), INVALID),
    ("audio voice with neither source", with_voice(type="audio"), INVALID),
    (
        "audio voice with both sources",
        with_voice(type="audio", audio_url="https://x/a.mp3", audio_asset_id=SAMPLE_AUDIO_ASSET_ID),
        INVALID,
    ),
    ("silence 0.5 s", with_voice(type="silence", duration=0.5), INVALID),
    ("silence 101 s", with_voice(type="silence", duration=101), INVALID),
    ("unknown voice type", with_voice(type="sing"), INVALID),
    ("voice without type", with_voice(voice_id=SAMPLE_VOICE_ID), MISSING),
    ("unknown avatar", with_character(type="avatar", avatar_id="nobody"), 400144),
    ("avatar without id", with_character(type="avatar"), MISSING),
    (
        "bad avatar_style",
        with_character(type="avatar", avatar_id=SAMPLE_AVATAR_ID, avatar_style="x"),
        INVALID,
    ),
    ("scale 5.5", with_character(type="avatar", avatar_id=SAMPLE_AVATAR_ID, scale=5.5), INVALID),
    (
        "unknown talking photo",
        with_character(type="talking_photo", talking_photo_id="nope"),
        400174,
    ),
    ("unknown character type", with_character(type="robot"), INVALID),
    ("image background without source", with_background(type="image"), INVALID),
    (
        "bad background fit",
        with_background(type="image", url="https://x/i.jpg", fit="zoom"),
        INVALID,
    ),
    (
        "bad play_style",
        with_background(type="video", url="https://x/v.mp4", play_style="x"),
        INVALID,
    ),
    # heygen-api.md 1.3 documents fit_to_scene, freeze, loop and once only; the SDK agrees.
    (
        "play_style full_video",
        with_background(type="video", url="https://x/v.mp4", play_style="full_video"),
        INVALID,
    ),
    ("unknown background type", with_background(type="gradient"), INVALID),
    ("bad caption_mode", generate_body(caption_mode="subtitles"), INVALID),
    ("caption not a bool", generate_body(caption="yes"), INVALID),
    ("title not a string", generate_body(title=5), INVALID),
]


@pytest.mark.parametrize(("body", "code"), [pytest.param(b, c, id=name) for name, b, c in REJECTED])
async def test_generate_rejects_like_heygen(
    http: httpx.AsyncClient, fake: FakeHeyGen, body: Any, code: int
) -> None:
    response = await http.post("/v2/video/generate", json=body)

    assert response.status_code == 400
    payload = response.json()
    assert payload["data"] is None
    assert payload["error"]["code"] == code
    assert payload["error"]["message"]
    assert fake.counters.videos_created == 0
    assert fake.counters.generation_requests == 1


ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("one scene", generate_body()),
    ("50 scenes", {"video_inputs": [scene()] * 50}),
    ("edge dimension", generate_body(dimension={"width": 128, "height": 4096})),
    ("edge speed and pitch", {"video_inputs": [scene(speed=0.5, pitch=-50)]}),
    ("other edges", {"video_inputs": [scene(speed=1.5, pitch=50, emotion="Broadcaster")]}),
    ("audio url", with_voice(type="audio", audio_url="https://x/a.mp3")),
    ("audio asset", with_voice(type="audio", audio_asset_id=SAMPLE_AUDIO_ASSET_ID)),
    ("silence bounds", {"video_inputs": [{"voice": {"type": "silence", "duration": 1}}] * 2}),
    ("silence default", with_voice(type="silence")),
    (
        "talking photo + image background",
        {
            "video_inputs": [
                {
                    "character": {
                        "type": "talking_photo",
                        "talking_photo_id": SAMPLE_TALKING_PHOTO_ID,
                        "talking_style": "expressive",
                    },
                    "voice": text_voice,
                    "background": {"type": "image", "url": "https://x/i.jpg", "fit": "contain"},
                }
            ]
        },
    ),
    ("color background", with_background(type="color", value="#FAFAFA")),
    ("unknown extra fields", generate_body(aspect_ratio="16:9", something_new=1)),
]


@pytest.mark.parametrize("body", [pytest.param(b, id=name) for name, b in ACCEPTED])
async def test_generate_accepts_valid_requests(http: httpx.AsyncClient, body: Any) -> None:
    response = await http.post("/v2/video/generate", json=body)

    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["video_id"]) == 32


async def test_generate_rejects_a_body_that_is_not_json(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/v2/video/generate", content=b"{nope", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == INVALID


AV4_OK = {"image_key": SAMPLE_IMAGE_KEY, "script": "Hi there", "voice_id": SAMPLE_VOICE_ID}

AV4_REJECTED: list[tuple[str, dict[str, Any], int]] = [
    ("no image_key", {k: v for k, v in AV4_OK.items() if k != "image_key"}, MISSING),
    ("no script", {k: v for k, v in AV4_OK.items() if k != "script"}, MISSING),
    ("no voice_id", {k: v for k, v in AV4_OK.items() if k != "voice_id"}, MISSING),
    ("unknown image_key", {**AV4_OK, "image_key": "image/nope/original.jpg"}, INVALID),
    ("unknown voice", {**AV4_OK, "voice_id": "nope"}, 400116),
    ("bad orientation", {**AV4_OK, "video_orientation": "diagonal"}, INVALID),
    ("bad fit", {**AV4_OK, "fit": "crop"}, INVALID),
    ("both audio sources", {**AV4_OK, "audio_url": "https://x", "audio_asset_id": "y"}, INVALID),
]


@pytest.mark.parametrize(
    ("body", "code"), [pytest.param(b, c, id=name) for name, b, c in AV4_REJECTED]
)
async def test_av4_rejects_like_heygen(http: httpx.AsyncClient, body: Any, code: int) -> None:
    response = await http.post("/v2/video/av4/generate", json=body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


async def test_av4_accepts_an_uploaded_image_key(http: httpx.AsyncClient) -> None:
    upload = await http.post(
        f"{UPLOAD}/v1/asset",
        content=b"\x89PNG\r\n\x1a\n....",
        headers={"Content-Type": "image/png"},
    )
    image_key = upload.json()["data"]["image_key"]

    response = await http.post(
        "/v2/video/av4/generate",
        json={**AV4_OK, "image_key": image_key, "video_orientation": "portrait", "fit": "cover"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["error"] is None


@pytest.mark.parametrize(
    "audio",
    [{"audio_asset_id": SAMPLE_AUDIO_ASSET_ID}, {"audio_url": "https://x/a.mp3"}],
    ids=["audio asset", "audio url"],
)
async def test_av4_takes_your_own_audio_without_script_or_voice(
    http: httpx.AsyncClient, fake: FakeHeyGen, audio: dict[str, str]
) -> None:
    body = {"image_key": SAMPLE_IMAGE_KEY, "video_title": "Mine", **audio}

    response = await http.post("/v2/video/av4/generate", json=body)

    assert response.status_code == 200, response.text
    video = fake.video(response.json()["data"]["video_id"])
    assert (video.kind, video.title) == ("avatar_iv", "Mine")


async def test_av4_with_audio_still_checks_a_voice_given(http: httpx.AsyncClient) -> None:
    body = {"image_key": SAMPLE_IMAGE_KEY, "voice_id": "nope", "audio_url": "https://x/a.mp3"}

    response = await http.post("/v2/video/av4/generate", json=body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == 400116


@pytest.mark.parametrize(
    ("content_type", "body", "status", "code"),
    [
        pytest.param("image/gif", b"GIF89a", 400, 400111, id="gif not allowed"),
        pytest.param("application/octet-stream", b"x", 400, 400111, id="octet-stream"),
        pytest.param(None, b"x", 400, 400111, id="no content type"),
        pytest.param("image/png", b"", 400, MISSING, id="empty body"),
    ],
)
async def test_upload_rejects_like_heygen(
    http: httpx.AsyncClient,
    fake: FakeHeyGen,
    content_type: str | None,
    body: bytes,
    status: int,
    code: int,
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}

    response = await http.post(f"{UPLOAD}/v1/asset", content=body, headers=headers)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert fake.counters.uploads == 0


@pytest.mark.parametrize(
    ("path", "method", "envelope"),
    [
        ("/v2/video/generate", "POST", "v2"),
        ("/v2/video/av4/generate", "POST", "v2"),
        ("/v2/avatars", "GET", "v2"),
        ("/v2/voices", "GET", "v2"),
        ("/v1/video_status.get?video_id=x", "GET", "v1"),
        ("/v1/video.list", "GET", "v1"),
        ("/v1/asset/list", "GET", "v1"),
        ("/v1/asset", "POST", "v1"),
    ],
)
@pytest.mark.parametrize("key", [None, "wrong-key"])
async def test_401_without_an_accepted_key(
    path: str, method: str, envelope: str, key: str | None
) -> None:
    fake = FakeHeyGen(api_keys={KEY})
    headers = {"X-Api-Key": key} if key else {}
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="https://api.heygen.com"
    ) as c:
        response = await c.request(method, path, json=generate_body(), headers=headers)

    assert response.status_code == 401
    if envelope == "v1":
        assert response.json() == {"code": 400112, "message": "Unauthorized"}
    else:
        assert response.json() == {
            "error": {"code": "internal_error", "message": "Unauthorized"},
            "data": None,
        }
    assert fake.counters.videos_created == 0


async def test_api_key_header_is_case_insensitive_and_restricted_keys_work() -> None:
    fake = FakeHeyGen(api_keys={"k1"})
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="https://api.heygen.com"
    ) as c:
        ok = await c.get("/v2/voices", headers={"x-api-key": "k1"})
        also_ok = await c.get("/v2/voices", headers={"X-API-KEY": "k1"})

    assert ok.status_code == also_ok.status_code == 200
    assert fake.api_key == "k1"


async def test_unknown_path_is_an_html_404(http: httpx.AsyncClient) -> None:
    response = await http.get("/v2/talking_photo")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert b"<html>" in response.content
