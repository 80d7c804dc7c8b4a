"""Issue 12.8: API answers are capped in size (decoded bytes), so a huge body, a gzip
bomb or an endless chunked list raises ``APIResponseError`` instead of filling
memory. The streams below count what the client pulled from them and refuse to
give more than ``GUARD`` bytes, so an uncapped client fails fast here instead of
eating the machine."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from heygen_async import APIResponseError, AsyncHeyGenClient
from heygen_async._constants import MAX_RESPONSE_BYTES

from .conftest import API_KEY

GUARD = 4 * MAX_RESPONSE_BYTES
CHUNK = 1024 * 1024


class Counted(httpx.AsyncByteStream):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.pulled += len(chunk)
            assert self.pulled <= GUARD, "the client kept reading past any sane cap"
            yield chunk


def huge_body() -> Iterator[bytes]:
    yield b'{"code": 100, "data": {"id": "vid_1", "status": "'
    while True:
        yield b"x" * CHUNK


def endless_list() -> Iterator[bytes]:
    yield b'{"error": null, "data": {"list": ['
    item = b'{"id": "vid_1", "status": "completed"},' * 1000
    while True:
        yield item


def gzip_bomb() -> Iterator[bytes]:
    """~1 GiB of zeros, gzip-compressed on the fly (about 1 MB on the wire)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = b"\0" * CHUNK
    for _ in range(1024):
        if out := deflate.compress(zeros):
            yield out
    yield deflate.flush()


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (huge_body, {}),
        (endless_list, {"Transfer-Encoding": "chunked"}),
        (gzip_bomb, {"Content-Encoding": "gzip"}),
    ],
    ids=["huge-status-body", "endless-chunked-list", "gzip-bomb"],
)
@pytest.mark.parametrize("version", ["v3", "v2"])
async def test_answers_are_capped(body, headers, version) -> None:  # type: ignore[no-untyped-def]
    streams: list[Counted] = []

    def handler(request: httpx.Request) -> httpx.Response:
        stream = Counted(body())
        streams.append(stream)
        return httpx.Response(200, headers=headers, stream=stream)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncHeyGenClient(
        api_key=API_KEY, api_version=version, http_client=http, max_retries=0
    ) as client:
        with pytest.raises(APIResponseError, match="larger than"):
            await client.list_videos(
                limit=5
            ) if "list" in body.__name__ else await client.get_video_status("vid_1")
    await http.aclose()
    assert streams and all(s.pulled <= MAX_RESPONSE_BYTES + 2 * CHUNK for s in streams)


async def test_an_error_answer_is_capped_too() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, stream=Counted(huge_body()))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncHeyGenClient(
        api_key=API_KEY, api_version="v2", http_client=http, max_retries=0
    ) as client:
        with pytest.raises(APIResponseError, match="larger than"):
            await client.get_video_status("vid_1")
    await http.aclose()
