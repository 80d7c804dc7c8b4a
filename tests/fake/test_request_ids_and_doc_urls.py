"""What every answer of HeyGen's carries, the fake's too: an ``X-Request-Id`` header
(unique per request, on v1, v2 and v3), and on v3 errors a ``doc_url`` per code
(heygen-v3.md 2.1). The SDK's ``request_id`` is exercised against it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heygen_async import NotFoundError
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, Fault

UPLOAD = "https://upload.heygen.com"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOCS = "https://developers.heygen.com/docs/error-codes#"


async def test_every_api_answer_has_a_request_id_of_its_own(
    http: httpx.AsyncClient, v3: Any, api: Any
) -> None:
    answers = [
        await v3.post(),  # a v3 create
        await http.get("/v3/videos/no-such-video"),  # a v3 error
        await http.get("/v3/no-such-route"),  # an unrouted v3 path
        await http.post("/v2/video/generate", json=api.body()),
        await http.get("/v1/video_status.get", params={"video_id": "no-such-video"}),
        await http.post(f"{UPLOAD}/v1/asset", content=PNG, headers={"Content-Type": "image/png"}),
    ]

    ids = [answer.headers.get("x-request-id") for answer in answers]
    assert all(ids), ids
    assert len(set(ids)) == len(ids)


async def test_a_replayed_idempotent_answer_is_a_new_request_with_a_new_id(v3: Any) -> None:
    first = await v3.post(key="same-key")
    again = await v3.post(key="same-key")

    assert first.json() == again.json()
    assert first.headers["x-request-id"] != again.headers["x-request-id"]


async def test_a_proxy_page_and_the_storage_host_carry_no_request_id(
    http: httpx.AsyncClient, v3: Any, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.html_error(502), times=1)
    proxy = await v3.post()
    storage = await http.put("/_fake/storage/no-such-asset", content=PNG)

    assert proxy.status_code == 502 and proxy.headers["content-type"].startswith("text/html")
    assert storage.status_code == 403 and "<Error>" in storage.text
    assert "x-request-id" not in proxy.headers
    assert "x-request-id" not in storage.headers


async def test_v3_errors_carry_the_doc_url_of_their_code(
    http: httpx.AsyncClient, v3: Any, fake: FakeHeyGen
) -> None:
    invalid = await v3.post(v3.body(aspect_ratio="3:1"))
    missing = await http.get("/v3/videos/no-such-video")
    unauthorized = await http.get("/v3/videos", headers={"X-Api-Key": ""})
    fake.faults.force("generate", Fault.rate_limit(), times=1)
    limited = await v3.post()

    assert v3.error(invalid, 400, "invalid_parameter")["doc_url"] == DOCS + "invalid-parameter"
    assert v3.error(missing, 404, "not_found")["doc_url"] == DOCS + "not-found"
    assert v3.error(unauthorized, 401, "unauthorized")["doc_url"] == DOCS + "unauthorized"
    assert v3.error(limited, 429, "rate_limit_exceeded")["doc_url"] == (
        DOCS + "rate-limit-exceeded"
    )


@pytest.mark.parametrize("api_version", ["v3", "v2"])
async def test_the_sdk_reports_the_request_id_of_each_answer(
    fake: FakeHeyGen, api_version: str
) -> None:
    async with fake.client(api_version=api_version) as client:
        video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        status = await client.get_video_status(video.video_id)
        raw = await client.with_raw_response.get_video_status(video.video_id)
        with pytest.raises(NotFoundError) as refused:
            await client.get_video_status("no-such-video")

    ids = [video.request_id, status.request_id, raw.request_id, refused.value.request_id]
    assert all(ids), ids
    assert len(set(ids)) == len(ids)
    assert raw.request_id == raw.headers["x-request-id"]
    assert f"(request id {refused.value.request_id})" in str(refused.value)
