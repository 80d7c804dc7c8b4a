"""Issue 12.2: no redirect carries the key.

API calls never follow a redirect, even through a user's
``httpx.AsyncClient(follow_redirects=True)``: every public method, on both API
versions, with 301/302/307/308 on every API request (the billed POSTs included),
raises a clear ``APIStatusError`` and the redirect target is never asked. Media
and upload-source fetches (no key) follow a bounded number of redirects, http(s)
only and never from https down to http.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx

from heygen_async import APIConnectionError, APIStatusError
from heygen_async.workflows import JobResult

from .conftest import API, API_KEY, CALLS, MEDIA, PNG, UPLOAD, VERSIONS, make_client

EVIL = "https://evil.example"
VIDEO_BYTES = b"\x00\x00\x00\x18ftypisom" + b"v" * 200


# What a user may hand in (one pool for every case: building one costs ~30 ms).
FOLLOWING_HTTP = httpx.AsyncClient(follow_redirects=True)


def errors_of(outcome: Any) -> list[BaseException]:
    if isinstance(outcome, list):
        return [r.error for r in outcome if isinstance(r, JobResult) and r.error is not None]
    return []


# find_videos_by_callback_id sends nothing on v3 (it refuses there, before sending).
CASES = [
    (m, v, s)
    for m in sorted(CALLS)
    for v in VERSIONS
    for s in (307, 308)
    if (m, v) != ("find_videos_by_callback_id", "v3")
]
# 301 and 302 too, on a read and on the billed create.
CASES += [
    (m, v, s) for m in ("get_video_status", "generate_video") for v in VERSIONS for s in (301, 302)
]


@pytest.mark.parametrize(("method", "version", "status"), CASES)
async def test_api_calls_never_follow_redirects(
    method: str, version: str, status: int, tmp_path: Path
) -> None:
    with respx.mock(assert_all_called=False) as router:
        evil = router.route(host="evil.example").respond(200, json={"data": {}})
        router.route(url__startswith=MEDIA).respond(200, content=PNG)
        router.route(url__startswith=API).respond(status, headers={"Location": f"{EVIL}/x"})
        router.route(url__startswith=UPLOAD).respond(status, headers={"Location": f"{EVIL}/u"})
        async with make_client(version, http_client=FOLLOWING_HTTP) as client:
            with anyio.fail_after(10):
                try:
                    outcome = await CALLS[method](client, tmp_path)
                except APIStatusError as exc:
                    failures: list[BaseException] = [exc]
                else:
                    failures = errors_of(outcome)
    assert not evil.called, "a redirect of an API call was followed"
    assert failures, f"{method} returned {outcome!r} from a redirect"
    for failure in failures:
        assert isinstance(failure, APIStatusError) and failure.status_code == status
        assert "redirect" in str(failure) and API_KEY not in str(failure)


# -- media and upload sources ------------------------------------------------------

STATUS_PATH = f"{API}/v1/video_status.get"


def completed(url: str) -> dict[str, Any]:
    return {"code": 100, "data": {"id": "vid_1", "status": "completed", "video_url": url}}


async def download(router: respx.MockRouter, url: str, tmp: Path, **kwargs: Any) -> Path:
    router.get(STATUS_PATH).respond(200, json=completed(url))
    async with make_client("v2", **kwargs) as client:
        with anyio.fail_after(10):
            return await client.download_video("vid_1", tmp)


async def test_media_follows_a_few_redirects_without_the_key(tmp_path: Path) -> None:
    with respx.mock(assert_all_called=False) as router:
        hops = [
            router.get(f"https://cdn{n}.example/v.mp4").respond(
                302, headers={"Location": f"https://cdn{n + 1}.example/v.mp4"}
            )
            for n in range(3)
        ]
        final = router.get("https://cdn3.example/v.mp4").respond(200, content=VIDEO_BYTES)
        # A user's client whose default headers carry the key must not leak it either.
        user_http = httpx.AsyncClient(headers={"X-Api-Key": API_KEY}, follow_redirects=False)
        path = await download(router, "https://cdn0.example/v.mp4", tmp_path, http_client=user_http)
        await user_http.aclose()
    assert path.read_bytes() == VIDEO_BYTES
    media = [call.request for hop in [*hops, final] for call in hop.calls]
    assert len(media) == 4
    assert all("x-api-key" not in request.headers for request in media)


@pytest.mark.parametrize(
    "location", ["http://cdn1.example/v.mp4", "file:///etc/passwd", "ftp://cdn1.example/v"]
)
async def test_media_refuses_unsafe_redirects(tmp_path: Path, location: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        router.get("https://cdn0.example/v.mp4").respond(302, headers={"Location": location})
        target = router.route(host="cdn1.example").respond(200, content=VIDEO_BYTES)
        with pytest.raises(APIConnectionError, match="refused a redirect"):
            await download(router, "https://cdn0.example/v.mp4", tmp_path)
    assert not target.called
    assert not list(tmp_path.glob("*.mp4"))


async def test_media_redirect_loops_are_bounded(tmp_path: Path) -> None:
    with respx.mock(assert_all_called=False) as router:
        loop = router.get("https://cdn0.example/v.mp4").respond(
            302, headers={"Location": "https://cdn0.example/v.mp4"}
        )
        with pytest.raises(APIConnectionError, match="redirects"):
            await download(router, "https://cdn0.example/v.mp4", tmp_path)
    assert loop.call_count <= 6


async def test_upload_source_redirects_are_followed_without_the_key() -> None:
    with respx.mock(assert_all_called=False) as router:
        first = router.get(MEDIA).respond(302, headers={"Location": "https://files.example/a.png"})
        second = router.get("https://files.example/a.png").respond(200, content=PNG)
        upload = router.post(f"{UPLOAD}/v1/asset").respond(
            200, json={"code": 100, "data": {"id": "asset_1"}}
        )
        async with make_client("v2") as client:
            with anyio.fail_after(10):
                assert await client.upload_asset_from_url(MEDIA) == "asset_1"
    assert first.called and second.called and upload.called
    assert "x-api-key" not in second.calls.last.request.headers
    assert upload.calls.last.request.headers["x-api-key"] == API_KEY
