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


async def test_a_listing_without_a_limit_keeps_every_item_a_page_holds() -> None:
    """Issue 20.5: v3's full listings (avatars, voices) go through the shared pager,
    which cuts a page only to honour a limit (a server sending more than the page
    size asked for loses nothing)."""
    from heygen_async._backends._paging import paged

    async def fetch(size: int, token: str | None) -> tuple[list[int], str | None]:
        start = 0 if token is None else 3
        return list(range(start, start + 3)), (None if token else "next")

    everything = [item async for item in paged(fetch, limit=None, page_size=2)]
    limited = [item async for item in paged(fetch, limit=5, page_size=2)]
    assert everything == [0, 1, 2, 3, 4, 5]
    assert limited == [0, 1, 3, 4]  # a limited listing is cut to each page it asked for


async def test_v3_lists_every_voice_of_pages_larger_than_it_asked_for() -> None:
    voices = [{"voice_id": f"v{i}", "name": f"Voice {i}"} for i in range(150)]
    with respx.mock(assert_all_called=False) as router:
        route = router.get(f"{API}/v3/voices").respond(
            200, json={"data": voices, "has_more": False}
        )
        async with make_client("v3") as client:
            listed = await client.list_voices()
    assert route.call_count == 2  # public, then private
    assert [voice.voice_id for voice in listed] == [voice["voice_id"] for voice in voices] * 2
