"""Issue 12.10: paging stops when a server repeats a cursor."""

from __future__ import annotations

import anyio
import pytest
import respx

from .conftest import API, make_client

V2_PAGE = {
    "code": 100,
    "data": {"videos": [{"video_id": "a", "status": "completed"}], "token": "SAME"},
}
V3_PAGE = {"data": [{"id": "a", "status": "completed"}], "has_more": True, "next_token": "SAME"}


@pytest.mark.parametrize(
    ("version", "path", "page"),
    [
        ("v2", "/v1/video.list", V2_PAGE),
        ("v3", "/v3/videos", V3_PAGE),
    ],
)
async def test_iter_videos_stops_on_a_repeated_cursor(version: str, path: str, page: dict) -> None:  # type: ignore[type-arg]
    with respx.mock(assert_all_called=False) as router:
        route = router.get(f"{API}{path}").respond(200, json=page)
        async with make_client(version) as client:
            seen = []
            with anyio.fail_after(10):
                async for video in client.iter_videos():
                    seen.append(video)
                    if len(seen) > 50:
                        break
            listed = await client.list_videos(limit=100)
    assert len(seen) == 2  # the first page, and the one that repeated its token
    assert len(listed) == 2
    assert route.call_count == 4


async def test_a_cycle_of_cursors_stops_too() -> None:
    from heygen_async._backends._paging import paged

    calls = []

    async def fetch(size: int, token: str | None) -> tuple[list[int], str | None]:
        calls.append(token)
        assert len(calls) < 20, "paging went round the cycle of cursors"
        nxt = {None: "A", "A": "B", "B": "A"}[token]
        return [len(calls)], nxt

    items = [item async for item in paged(fetch, limit=None)]
    assert items == [1, 2, 3] and calls == [None, "A", "B"]
