"""Catalogue endpoints, uploads, asset listing and the counters behind them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    canonical_json,
)

UPLOAD = "https://upload.heygen.com"


async def test_avatars_use_the_v2_envelope_and_list_talking_photos(
    http: httpx.AsyncClient,
) -> None:
    payload = (await http.get("/v2/avatars")).json()

    assert payload["error"] is None
    avatars = payload["data"]["avatars"]
    assert SAMPLE_AVATAR_ID in [a["avatar_id"] for a in avatars]
    assert all({"avatar_id", "avatar_name", "gender", "premium"} <= a.keys() for a in avatars)
    photos = payload["data"]["talking_photos"]
    assert SAMPLE_TALKING_PHOTO_ID in [p["talking_photo_id"] for p in photos]


async def test_voices_carry_the_fields_heygen_always_sends(http: httpx.AsyncClient) -> None:
    payload = (await http.get("/v2/voices")).json()

    voices = payload["data"]["voices"]
    assert payload["error"] is None
    assert SAMPLE_VOICE_ID in [v["voice_id"] for v in voices]
    required = {"voice_id", "language", "gender", "name", "support_pause", "emotion_support"}
    assert all(required <= v.keys() for v in voices)
    assert any(v["emotion_support"] for v in voices)


async def test_a_catalogue_can_be_extended_per_fake(
    http: httpx.AsyncClient, fake: FakeHeyGen
) -> None:
    fake.catalogue.avatars.append({"avatar_id": "Mine", "avatar_name": "My avatar"})
    body = {
        "video_inputs": [
            {
                "character": {"type": "avatar", "avatar_id": "Mine"},
                "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "Hi"},
            }
        ]
    }

    response = await http.post("/v2/video/generate", json=body)

    assert response.status_code == 200
    assert not FakeHeyGen().catalogue.has_avatar("Mine")  # other fakes are untouched


@pytest.mark.parametrize(
    ("content_type", "file_type", "has_image_key"),
    [
        ("image/jpeg", "image", True),
        ("image/png; charset=binary", "image", True),
        ("video/mp4", "video", False),
        ("video/webm", "video", False),
        ("audio/mpeg", "audio", False),
    ],
)
async def test_upload_takes_raw_bytes_and_answers_the_upload_envelope(
    http: httpx.AsyncClient,
    fake: FakeHeyGen,
    content_type: str,
    file_type: str,
    has_image_key: bool,
) -> None:
    response = await http.post(
        f"{UPLOAD}/v1/asset", content=b"some bytes", headers={"Content-Type": content_type}
    )

    payload = response.json()
    assert response.status_code == 200
    assert payload["code"] == 100
    data = payload["data"]
    assert len(data["id"]) == 32 and data["file_type"] == file_type
    assert (data["image_key"] is not None) == has_image_key
    assert fake.counters.uploads == 1 and fake.counters.upload_bytes == len(b"some bytes")
    # The asset URL serves the bytes back.
    assert (await http.get(data["url"])).content == b"some bytes"


async def test_uploaded_assets_show_up_in_the_asset_list(api: Any, http: httpx.AsyncClient) -> None:
    uploaded = await api.upload(b"ID3audio", "audio/mpeg")

    everything = (await http.get("/v1/asset/list")).json()
    audio = (await http.get("/v1/asset/list", params={"file_type": "audio"})).json()

    ids = [a["id"] for a in everything["data"]["assets"]]
    assert ids[0] == uploaded["id"]  # newest first
    assert SAMPLE_IMAGE_ASSET_ID in ids
    assert {a["file_type"] for a in audio["data"]["assets"]} == {"audio"}
    assert everything["data"]["token"] is None


async def test_asset_list_pages_with_a_token(api: Any, http: httpx.AsyncClient) -> None:
    for _ in range(4):
        await api.upload()
    total = len((await http.get("/v1/asset/list")).json()["data"]["assets"])

    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        data = (await http.get("/v1/asset/list", params=params)).json()["data"]
        assert len(data["assets"]) <= 2
        seen += [a["id"] for a in data["assets"]]
        if not data["token"]:
            break
        params["token"] = data["token"]

    assert len(seen) == len(set(seen)) == total == 7


@pytest.mark.parametrize("params", [{"file_type": "pdf"}, {"limit": 500}, {"token": "@@"}])
async def test_asset_list_rejects_bad_queries(http: httpx.AsyncClient, params: Any) -> None:
    response = await http.get("/v1/asset/list", params=params)

    assert response.status_code == 400
    assert response.json()["code"] == 40012


async def test_generation_counters_by_callback_id_and_body(api: Any, fake: FakeHeyGen) -> None:
    await api.submit(callback_id="a")
    await api.submit(callback_id="a")
    await api.submit(callback_id="b")
    await api.submit()
    rejected = await api.http.post("/v2/video/generate", json={"video_inputs": []})

    counters = fake.counters
    assert rejected.status_code == 400
    assert counters.generation_requests == 5
    assert counters.videos_created == 4
    assert counters.generations_by_callback_id == {"a": 2, "b": 1, None: 1}
    assert counters.generations_for_body(api.body(callback_id="a")) == 2
    assert counters.generations_by_body[canonical_json(api.body())] == 1
    assert counters.requests["generate"] == 5


async def test_status_calls_are_counted_per_video(api: Any, fake: FakeHeyGen) -> None:
    first, second = await api.submit(), await api.submit()
    for _ in range(3):
        await api.status(first)
    await api.status(second)

    assert fake.counters.status_calls == {first: 3, second: 1}
    fake.reset_counters()
    assert fake.counters.status_calls == {}
    assert fake.status_of(first) == "pending"  # videos outlive a counter reset


async def test_generate_can_answer_in_the_v1_envelope(connect: Any) -> None:
    fake = FakeHeyGen(generate_envelope="v1")
    async with connect(fake) as api:
        payload = (await api.http.post("/v2/video/generate", json=api.body())).json()

    assert payload["code"] == 100 and len(payload["data"]["video_id"]) == 32
