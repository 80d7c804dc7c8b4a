"""v3 catalogue listings over httpx: avatar looks, voices, the user, assets; cursors and limits."""

from __future__ import annotations

from typing import Any

import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
)


async def all_pages(v3: Any, path: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Every item of a listing, following next_token; and the number of pages."""
    items: list[dict[str, Any]] = []
    pages = 0
    token: str | None = None
    while True:
        query = {**params, **({"token": token} if token else {})}
        response = await v3.http.get(path, params=query)
        assert response.status_code == 200, response.text
        payload = response.json()
        assert set(payload) == {"data", "has_more", "next_token"}
        items += payload["data"]
        pages += 1
        token = payload["next_token"]
        assert payload["has_more"] is (token is not None)
        if token is None:
            return items, pages


async def test_looks_list_avatars_and_talking_photos(v3: Any, fake: FakeHeyGen) -> None:
    looks, pages = await all_pages(v3, "/v3/avatars/looks", limit=3)

    catalogue = fake.catalogue
    assert len(looks) == len(catalogue.avatars) + len(catalogue.talking_photos)
    assert pages == -(-len(looks) // 3)
    by_id = {look["id"]: look for look in looks}
    avatar = by_id[SAMPLE_AVATAR_ID]
    assert avatar["avatar_type"] == "studio_avatar"
    assert avatar["name"] == "Abigail (Upper Body)"
    for key in ("gender", "preview_image_url", "preview_video_url", "default_voice_id"):
        assert key in avatar
    assert by_id[SAMPLE_TALKING_PHOTO_ID]["avatar_type"] == "photo_avatar"


async def test_looks_filter_by_type_and_ownership(v3: Any, fake: FakeHeyGen) -> None:
    photos, _ = await all_pages(v3, "/v3/avatars/looks", avatar_type="photo_avatar")
    public, _ = await all_pages(v3, "/v3/avatars/looks", ownership="public")
    twins, _ = await all_pages(v3, "/v3/avatars/looks", avatar_type="digital_twin")

    assert {look["id"] for look in photos} == {
        photo["talking_photo_id"] for photo in fake.catalogue.talking_photos
    }
    assert {look["avatar_type"] for look in public} == {"studio_avatar"}
    assert twins == []


async def test_looks_default_to_20_per_page(v3: Any, fake: FakeHeyGen) -> None:
    for i in range(25):
        fake.catalogue.avatars.append({"avatar_id": f"extra-{i}", "avatar_name": f"Extra {i}"})

    first = (await v3.http.get("/v3/avatars/looks")).json()

    assert len(first["data"]) == 20 and first["has_more"] is True


@pytest.mark.parametrize(
    ("path", "query", "param"),
    [
        ("/v3/avatars/looks", {"limit": 51}, "limit"),
        ("/v3/avatars/looks", {"limit": 0}, "limit"),
        ("/v3/avatars/looks", {"avatar_type": "robot"}, "avatar_type"),
        ("/v3/avatars/looks", {"ownership": "mine"}, "ownership"),
        ("/v3/voices", {"limit": 101}, "limit"),
        ("/v3/voices", {"type": "secret"}, "type"),
        ("/v3/assets", {"username": "fake-user", "limit": 101}, "limit"),
        ("/v3/assets", {}, "username"),
        ("/v3/voices", {"token": "bm90LW91cnM"}, "token"),
    ],
)
async def test_listings_reject_bad_queries(
    v3: Any, path: str, query: dict[str, Any], param: str
) -> None:
    response = await v3.http.get(path, params=query)

    assert v3.error(response, 400, "invalid_parameter")["param"] == param


async def test_voices_are_public_by_default_with_v3_fields(v3: Any, fake: FakeHeyGen) -> None:
    voices, pages = await all_pages(v3, "/v3/voices", limit=3)

    assert len(voices) == len(fake.catalogue.voices) and pages == 3
    sample = next(voice for voice in voices if voice["voice_id"] == SAMPLE_VOICE_ID)
    assert set(sample) == {
        "voice_id",
        "name",
        "language",
        "gender",
        "preview_audio_url",
        "support_pause",
        "support_locale",
        "type",
    }
    assert sample["type"] == "public"
    assert sample["preview_audio_url"].endswith("preview.mp3")
    private, _ = await all_pages(v3, "/v3/voices", type="private")
    assert private == []


async def test_voices_filter_by_language_and_a_private_voice(v3: Any, fake: FakeHeyGen) -> None:
    fake.catalogue.voices.append(
        {
            "voice_id": "mine",
            "name": "My clone",
            "language": "English",
            "gender": "male",
            "type": "private",
        }
    )

    german, _ = await all_pages(v3, "/v3/voices", language="german")
    private, _ = await all_pages(v3, "/v3/voices", type="private")

    assert [voice["name"] for voice in german] == ["Clara"]
    assert [voice["voice_id"] for voice in private] == ["mine"]


async def test_users_me(v3: Any) -> None:
    response = await v3.http.get("/v3/users/me")

    assert response.status_code == 200
    user = response.json()["data"]
    assert user["username"] == "fake-user"
    assert user["email"] == "fake-user@example.com"
    assert user["billing_type"] == "wallet"
    assert user["wallet"]["currency"] == "usd"
    assert user["wallet"]["remaining_balance"] > 0


async def test_assets_list_newest_first_for_the_user(v3: Any, fake: FakeHeyGen) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"i" * 16
    uploaded = (await v3.http.post("/v3/assets", files={"file": ("new.png", png)})).json()

    assets, _ = await all_pages(v3, "/v3/assets", username="fake-user", limit=2)
    someone_else, _ = await all_pages(v3, "/v3/assets", username="somebody")

    assert assets[0]["id"] == uploaded["data"]["asset_id"]
    assert assets[0]["name"] == "new.png"
    assert assets[0]["type"] == "image"
    assert assets[0]["owner"] == "fake-user"
    assert isinstance(assets[0]["uploaded_at"], int)
    assert assets[-1]["id"] == SAMPLE_IMAGE_ASSET_ID
    assert len(assets) == len(fake.catalogue.assets)
    assert someone_else == []
