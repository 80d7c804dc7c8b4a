"""v3 uploads over httpx: multipart POST /v3/assets, and the direct (presigned) upload
whose storage PUT must never carry the API key."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from heygen_async.testing import FakeHeyGen, ManualClock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FILES = {
    "image/png": PNG,
    "image/jpeg": b"\xff\xd8\xff\xe0" + b"j" * 32,
    "video/mp4": b"\x00\x00\x00\x18ftypisom" + b"m" * 32,
    "video/webm": b"\x1a\x45\xdf\xa3" + b"w" * 32,
    "audio/mpeg": b"ID3\x04" + b"a" * 32,
    "audio/wav": b"RIFF\x24\x00\x00\x00WAVEfmt " + b"v" * 32,
    "application/pdf": b"%PDF-1.7\n" + b"d" * 32,
    # HeyGen lists srt among v3's upload types (heygen-v3.md 5.1).
    "application/x-subrip": b"1\r\n00:00:00,000 --> 00:00:01,500\r\nHello.\r\n\r\n",
}


@pytest.fixture
async def storage(fake: FakeHeyGen) -> Any:
    """A plain client for the storage host: no API key, no base URL."""
    async with httpx.AsyncClient(transport=fake.transport()) as http:
        yield http


async def announce(v3: Any, data: bytes, content_type: str = "image/png", **extra: Any) -> Any:
    response = await v3.http.post(
        "/v3/assets/direct-uploads",
        json={
            "filename": "big.bin",
            "content_type": content_type,
            "size_bytes": len(data),
            **extra,
        },
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]


@pytest.mark.parametrize("mime_type", list(FILES))
async def test_multipart_upload_sniffs_the_type_from_the_bytes(
    v3: Any, fake: FakeHeyGen, mime_type: str
) -> None:
    data = FILES[mime_type]
    # The part claims to be text: the fake believes the bytes, as HeyGen does.
    response = await v3.http.post("/v3/assets", files={"file": ("x.bin", data, "text/plain")})

    assert response.status_code == 200, response.text
    answer = response.json()["data"]
    assert set(answer) == {"asset_id", "url", "mime_type", "size_bytes"}
    assert answer["mime_type"] == mime_type
    assert answer["size_bytes"] == len(data)
    assert (await v3.http.get(answer["url"])).content == data
    assert fake.counters.uploads == 1 and fake.counters.upload_bytes == len(data)


@pytest.mark.parametrize(
    ("files", "data"),
    [
        ({"file": ("a.txt", b"just some text")}, None),
        ({"file": ("empty.png", b"")}, None),
        ({"other": ("a.png", PNG)}, None),
        (None, {"file": "not a file"}),
    ],
    ids=["unsupported type", "empty", "no file part", "not multipart"],
)
async def test_multipart_upload_rejections_name_the_file(
    v3: Any, fake: FakeHeyGen, files: Any, data: Any
) -> None:
    response = await v3.http.post("/v3/assets", files=files, json=data)

    assert v3.error(response, 400, "invalid_parameter")["param"] == "file"
    assert fake.counters.uploads == 0


async def test_multipart_upload_over_32_mb_is_a_413(v3: Any, fake: FakeHeyGen) -> None:
    big = PNG + b"\x00" * (32 * 1024 * 1024)

    response = await v3.http.post("/v3/assets", files={"file": ("big.png", big)})

    v3.error(response, 413, "payload_too_large")
    assert fake.counters.uploads == 0


async def test_direct_upload_end_to_end(
    v3: Any, fake: FakeHeyGen, storage: httpx.AsyncClient, clock: ManualClock
) -> None:
    slot = await announce(v3, PNG)
    assert slot["status"] == "pending_upload"
    assert slot["max_bytes"] == len(PNG)
    assert slot["expires_in_seconds"] > 0
    assert urlsplit(slot["upload_url"]).hostname == "storage.fake-heygen.test"
    assert fake.counters.direct_uploads == 1

    put = await storage.put(slot["upload_url"], content=PNG, headers=slot["upload_headers"])
    assert put.status_code == 200, put.text
    done = await v3.http.post(f"/v3/assets/{slot['asset_id']}/complete", json={})

    assert done.status_code == 200, done.text
    asset = done.json()["data"]
    assert asset["asset_id"] == slot["asset_id"]
    assert (asset["mime_type"], asset["size_bytes"]) == ("image/png", len(PNG))
    assert asset["status"] in ("processing", "completed")
    assert (await v3.http.get(asset["url"])).content == PNG
    assert fake.counters.storage_puts == 1
    assert fake.counters.storage_puts_with_api_key == 0
    # Now usable in a video, and idempotent to complete again.
    await v3.create(
        {**v3.body(), "type": "image", "image": {"type": "asset_id", "asset_id": asset["asset_id"]}}
    )
    again = await v3.http.post(f"/v3/assets/{slot['asset_id']}/complete")
    assert again.json() == done.json()
    assert fake.counters.uploads == 1


async def test_a_storage_put_with_the_api_key_is_counted(v3: Any, fake: FakeHeyGen) -> None:
    slot = await announce(v3, PNG)

    # v3.http sends X-Api-Key on every request: exactly what a client must not do here.
    leaked = await v3.http.put(slot["upload_url"], content=PNG, headers=slot["upload_headers"])

    assert leaked.status_code == 200
    assert fake.counters.storage_puts_with_api_key == 1


async def test_an_asset_is_unusable_until_completed(v3: Any, storage: httpx.AsyncClient) -> None:
    slot = await announce(v3, PNG)
    body = {
        **v3.body(),
        "type": "image",
        "image": {"type": "asset_id", "asset_id": slot["asset_id"]},
    }

    before_put = await v3.post(body)
    await storage.put(slot["upload_url"], content=PNG, headers=slot["upload_headers"])
    after_put = await v3.post(body)
    early = await v3.http.post("/v3/assets/unknown/complete")

    for response in (before_put, after_put):
        assert v3.error(response, 400, "asset_not_available")["param"] == "image.asset_id"
    v3.error(early, 404, "not_found")


async def test_complete_before_the_put_is_a_400(v3: Any) -> None:
    slot = await announce(v3, PNG)

    response = await v3.http.post(f"/v3/assets/{slot['asset_id']}/complete")

    assert v3.error(response, 400, "invalid_parameter")["param"] == "asset_id"


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (PNG[:-1], {"Content-Type": "image/png"}, 400, "IncompleteBody"),
        (PNG + b"!", {"Content-Type": "image/png"}, 400, "EntityTooLarge"),
        (PNG, {"Content-Type": "image/jpeg"}, 403, "SignatureDoesNotMatch"),
    ],
    ids=["short", "long", "other content type"],
)
async def test_the_storage_put_takes_exactly_the_signed_upload(
    v3: Any,
    fake: FakeHeyGen,
    storage: httpx.AsyncClient,
    content: bytes,
    headers: dict[str, str],
    status: int,
    code: str,
) -> None:
    slot = await announce(v3, PNG)

    response = await storage.put(slot["upload_url"], content=content, headers=headers)

    assert response.status_code == status
    assert f"<Code>{code}</Code>" in response.text
    assert fake.counters.storage_puts == 0


async def test_a_tampered_or_expired_upload_url_is_refused(
    v3: Any, storage: httpx.AsyncClient, clock: ManualClock
) -> None:
    slot = await announce(v3, PNG)
    tampered = slot["upload_url"].replace("Signature=", "Signature=0")

    bad = await storage.put(tampered, content=PNG, headers=slot["upload_headers"])
    clock.advance(slot["expires_in_seconds"] + 1)
    late = await storage.put(slot["upload_url"], content=PNG, headers=slot["upload_headers"])

    assert bad.status_code == 403 and "SignatureDoesNotMatch" in bad.text
    assert late.status_code == 403 and "Request has expired" in late.text


async def test_complete_checks_the_declared_type_and_the_checksum(
    v3: Any, storage: httpx.AsyncClient
) -> None:
    mp4 = FILES["video/mp4"]
    wrong_type = await announce(v3, mp4, "image/png")
    await storage.put(wrong_type["upload_url"], content=mp4, headers=wrong_type["upload_headers"])
    checked = await announce(v3, PNG, checksum_sha256=hashlib.sha256(b"other").hexdigest())
    await storage.put(checked["upload_url"], content=PNG, headers=checked["upload_headers"])

    type_error = await v3.http.post(f"/v3/assets/{wrong_type['asset_id']}/complete")
    sum_error = await v3.http.post(f"/v3/assets/{checked['asset_id']}/complete")
    good_sum = base64.b64encode(hashlib.sha256(PNG).digest()).decode()
    fixed = await v3.http.post(
        f"/v3/assets/{checked['asset_id']}/complete", json={"checksum_sha256": good_sum}
    )

    assert v3.error(type_error, 400, "invalid_parameter")["param"] == "content_type"
    assert v3.error(sum_error, 400, "invalid_parameter")["param"] == "checksum_sha256"
    assert fixed.status_code == 200


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"content_type": "image/png", "size_bytes": 5}, "filename"),
        ({"filename": "a", "size_bytes": 5}, "content_type"),
        ({"filename": "a", "content_type": "text/html", "size_bytes": 5}, "content_type"),
        ({"filename": "a", "content_type": "image/png"}, "size_bytes"),
        ({"filename": "a", "content_type": "image/png", "size_bytes": 0}, "size_bytes"),
    ],
)
async def test_direct_upload_announcements_are_validated(
    v3: Any, body: dict[str, Any], param: str
) -> None:
    response = await v3.http.post("/v3/assets/direct-uploads", json=body)

    assert v3.error(response, 400, "invalid_parameter")["param"] == param


async def test_over_loopback_the_upload_url_points_at_the_server(fake: FakeHeyGen) -> None:
    pytest.importorskip("uvicorn")
    from heygen_async.testing import serve_loopback

    with serve_loopback(fake) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            slot = (
                await http.post(
                    "/v3/assets/direct-uploads",
                    json={"filename": "a.png", "content_type": "image/png", "size_bytes": len(PNG)},
                    headers={"X-Api-Key": "k"},
                )
            ).json()["data"]
            assert slot["upload_url"].startswith(server.base_url)
            put = await http.put(slot["upload_url"], content=PNG, headers=slot["upload_headers"])
            done = await http.post(
                f"/v3/assets/{slot['asset_id']}/complete", headers={"X-Api-Key": "k"}
            )

    assert put.status_code == 200
    assert done.status_code == 200
    assert fake.counters.storage_puts_with_api_key == 0


async def test_a_direct_upload_of_srt_subtitles_completes(
    v3: Any, storage: httpx.AsyncClient
) -> None:
    srt = FILES["application/x-subrip"]
    slot = await announce(v3, srt, "application/x-subrip")
    put = await storage.put(slot["upload_url"], content=srt, headers=slot["upload_headers"])
    done = await v3.http.post(f"/v3/assets/{slot['asset_id']}/complete")

    assert put.status_code == 200, put.text
    assert done.status_code == 200, done.text
    assert done.json()["data"]["mime_type"] == "application/x-subrip"
