"""Every v3 answer the fake gives is valid against HeyGen's response schema for its
operation (heygen_async.testing.wire_shapes), with no file outside the repository."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema
import pytest

from heygen_async.testing import FakeHeyGen, ManualClock, wire_shapes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
RENDER = 100.0


def matches_the_spec(response: httpx.Response, method: str, path: str) -> None:
    assert 200 <= response.status_code < 300, response.text
    schema = wire_shapes.operation(method, path).response_schema
    assert schema is not None, f"HeyGen's spec has no response schema for {method} {path}"
    jsonschema.validate(response.json(), schema)


@pytest.fixture
async def storage(fake: FakeHeyGen) -> Any:
    async with httpx.AsyncClient(transport=fake.transport()) as http:
        yield http


async def test_video_answers_match_the_spec(
    v3: Any, http: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    created = await v3.post()
    matches_the_spec(created, "POST", "/v3/videos")
    video_id = created.json()["data"]["video_id"]
    failed = await v3.create(v3.body("[fail]"))
    pending = await http.get(f"/v3/videos/{video_id}")
    clock.advance(RENDER + 1)
    assert (await v3.video(failed))["status"] == "failed"

    matches_the_spec(pending, "GET", "/v3/videos/{video_id}")
    for done in (video_id, failed):
        matches_the_spec(await http.get(f"/v3/videos/{done}"), "GET", "/v3/videos/{video_id}")
    matches_the_spec(await http.get("/v3/videos"), "GET", "/v3/videos")
    statuses = await http.get(
        "/v3/videos/statuses", params={"video_ids": f"{video_id},{failed},unknown"}
    )
    matches_the_spec(statuses, "GET", "/v3/videos/statuses")


async def test_catalogue_answers_match_the_spec(http: httpx.AsyncClient) -> None:
    matches_the_spec(await http.get("/v3/avatars/looks"), "GET", "/v3/avatars/looks")
    matches_the_spec(await http.get("/v3/voices"), "GET", "/v3/voices")
    me = await http.get("/v3/users/me")
    matches_the_spec(me, "GET", "/v3/users/me")
    assets = await http.get("/v3/assets", params={"username": me.json()["data"]["username"]})
    matches_the_spec(assets, "GET", "/v3/assets")


async def test_upload_answers_match_the_spec(
    http: httpx.AsyncClient, storage: httpx.AsyncClient
) -> None:
    uploaded = await http.post("/v3/assets", files={"file": ("a.png", PNG, "image/png")})
    matches_the_spec(uploaded, "POST", "/v3/assets")
    slot = await http.post(
        "/v3/assets/direct-uploads",
        json={"filename": "a.png", "content_type": "image/png", "size_bytes": len(PNG)},
    )
    matches_the_spec(slot, "POST", "/v3/assets/direct-uploads")
    data = slot.json()["data"]
    await storage.put(data["upload_url"], content=PNG, headers=data["upload_headers"])
    done = await http.post(f"/v3/assets/{data['asset_id']}/complete")
    matches_the_spec(done, "POST", "/v3/assets/{asset_id}/complete")
