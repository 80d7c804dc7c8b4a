"""Signed media URLs: a small valid MP4, Range, expiry and renewal, S3-style errors."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from heygen_async.testing import FakeHeyGen, Fault, ManualClock

RENDER = 100.0
WEEK = 7 * 24 * 3600.0


async def finished_video(api: Any, clock: ManualClock, **fields: Any) -> tuple[str, str]:
    video_id = await api.submit(**fields)
    clock.advance(RENDER)
    return video_id, (await api.status(video_id))["video_url"]


async def test_the_video_url_serves_a_small_valid_mp4(
    api: Any, http: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video_id, url = await finished_video(api, clock)

    response = await http.get(url, headers={"X-Api-Key": ""})  # the URL is the credential

    body = response.content
    assert response.status_code == 200
    assert response.headers["content-type"] == "video/mp4"
    assert int(response.headers["content-length"]) == len(body) == fake.video_file_size
    assert body[4:8] == b"ftyp"  # ISO-BMFF: the ftyp box comes first
    assert b"moov" in body and b"mdat" in body
    assert video_id.encode() in body  # each video's file is its own
    assert fake.counters.downloads == {video_id: 1}


async def test_the_mp4_is_deterministic(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, url = await finished_video(api, clock)

    assert (await http.get(url)).content == (await http.get(url)).content


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=1000-", 1000, 8191), ("bytes=10-19", 10, 19), ("bytes=-100", 8092, 8191)],
)
async def test_range_requests_resume(
    api: Any, http: httpx.AsyncClient, clock: ManualClock, header: str, first: int, last: int
) -> None:
    _, url = await finished_video(api, clock)
    whole = (await http.get(url)).content

    part = await http.get(url, headers={"Range": header})

    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes {first}-{last}/{len(whole)}"
    assert part.content == whole[first : last + 1]


async def test_a_range_past_the_end_is_416(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, url = await finished_video(api, clock)

    response = await http.get(url, headers={"Range": "bytes=999999-"})

    assert response.status_code == 416
    assert response.headers["content-range"] == "bytes */8192"


async def test_head_gives_the_size_without_the_body(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, url = await finished_video(api, clock)

    response = await http.head(url)

    assert response.status_code == 200
    assert response.headers["content-length"] == "8192"
    assert response.content == b""


async def test_urls_expire_and_a_fresh_status_call_renews_them(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    video_id, url = await finished_video(api, clock)
    clock.advance(WEEK - 1)
    assert (await http.get(url)).status_code == 200  # still inside the 7 days

    clock.advance(2)
    expired = await http.get(url)

    assert expired.status_code == 403
    assert expired.headers["content-type"] == "application/xml"
    assert b"<Code>AccessDenied</Code>" in expired.content
    assert b"Request has expired" in expired.content

    renewed = (await api.status(video_id))["video_url"]
    assert renewed != url
    old_expires = int(parse_qs(urlsplit(url).query)["Expires"][0])
    new_expires = int(parse_qs(urlsplit(renewed).query)["Expires"][0])
    assert new_expires > old_expires
    assert (await http.get(renewed)).status_code == 200


async def test_url_ttl_is_configurable(connect: Any) -> None:
    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, render_seconds=RENDER, url_ttl=60)
    async with connect(fake) as api:
        _, url = await finished_video(api, clock)
        assert (await api.http.get(url)).status_code == 200
        clock.advance(61)
        assert (await api.http.get(url)).status_code == 403


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (lambda u: u.replace("Signature=", "Signature=0"), b"SignatureDoesNotMatch"),
        (lambda u: u.replace("Expires=", "Expires=9"), b"SignatureDoesNotMatch"),
        (lambda u: u.split("?")[0], b"AccessDenied"),
    ],
    ids=["bad signature", "extended expiry", "unsigned"],
)
async def test_tampered_urls_are_403(
    api: Any, http: httpx.AsyncClient, clock: ManualClock, tamper: Any, code: bytes
) -> None:
    _, url = await finished_video(api, clock)

    response = await http.get(tamper(url))

    assert response.status_code == 403
    assert code in response.content


async def test_a_signed_url_of_an_unfinished_video_is_404(
    api: Any, http: httpx.AsyncClient, fake: FakeHeyGen
) -> None:
    video_id = await api.submit()  # still pending
    path = f"/_fake/videos/{video_id}.mp4"
    url = fake.media.sign("https://api.heygen.com", path, int(fake.unix_now()) + 60)

    response = await http.get(url)

    assert response.status_code == 404
    assert b"<Code>NoSuchKey</Code>" in response.content


async def test_thumbnail_and_gif_are_images(
    api: Any, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    video_id = await api.submit()
    clock.advance(RENDER)
    data = await api.status(video_id)

    thumbnail = await http.get(data["thumbnail_url"])
    gif = await http.get(data["gif_url"])

    assert thumbnail.content[:3] == b"\xff\xd8\xff"
    assert gif.content[:6] == b"GIF89a"


async def test_a_truncated_download_fails_while_reading_the_body(
    api: Any, http: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    _, url = await finished_video(api, clock)
    fake.faults.force("download", Fault.truncated_body())

    received = bytearray()

    async def drain(response: httpx.Response) -> None:
        async for chunk in response.aiter_bytes():
            received.extend(chunk)

    async with http.stream("GET", url) as response:
        assert response.status_code == 200
        assert response.headers["content-length"] == "8192"
        with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
            await drain(response)

    assert 0 < len(received) < 8192
    # A resume with Range gets the rest, and the pieces make the whole file.
    rest = await http.get(url, headers={"Range": f"bytes={len(received)}-"})
    assert bytes(received) + rest.content == (await http.get(url)).content
    assert fake.counters.faults == {("download", "truncated_body"): 1}


async def test_wrong_length_delivers_fewer_bytes_than_announced(
    api: Any, http: httpx.AsyncClient, fake: FakeHeyGen, clock: ManualClock
) -> None:
    _, url = await finished_video(api, clock)
    fake.faults.force("download", Fault.wrong_length(), times=2)

    for _ in range(2):
        response = await http.get(url)
        assert int(response.headers["content-length"]) > len(response.content) > 0

    assert (await http.get(url)).content.__len__() == 8192  # the third is whole again
