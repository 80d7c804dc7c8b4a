"""Listings (``resources._pages``): a page awaited, every item iterated, the sync
client's pages, options on every page, and cursors that would loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.voices import ListedVoice
from heygen_async.testing import FakeHeyGen

API = "https://api.heygen.com"


def voice(n: int) -> dict[str, Any]:
    return {"voice_id": f"v{n}", "name": f"Voice {n}", "type": "public"}


def pages_of(count: int, size: int) -> Any:
    """A respx side effect serving ``count`` voices ``size`` a page, by token."""

    def answer(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("token") or 0)
        items = [voice(n) for n in range(start, min(start + size, count))]
        more = start + size < count
        body = {"data": items, "has_more": more, "next_token": str(start + size) if more else None}
        return httpx.Response(200, json=body, headers={"x-request-id": f"req-{start}"})

    return answer


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


async def test_awaiting_a_listing_reads_one_page(router: respx.MockRouter) -> None:
    route = router.get("/v3/voices").mock(side_effect=pages_of(5, 2))
    async with AsyncHeyGenClient(api_key="sk-pages") as client:
        page = await client.voices.list(limit=2, language="English")
    assert [v.voice_id for v in page.data] == ["v0", "v1"]
    assert all(isinstance(v, ListedVoice) for v in page.data)
    assert (page.has_more, page.next_token, page.request_id) == (True, "2", "req-0")
    assert route.call_count == 1
    assert dict(route.calls.last.request.url.params) == {"limit": "2", "language": "English"}


async def test_iterating_a_listing_follows_every_cursor_with_the_calls_options(
    router: respx.MockRouter,
) -> None:
    route = router.get("/v3/voices").mock(side_effect=pages_of(5, 2))
    async with AsyncHeyGenClient(api_key="sk-pages") as client:
        listing = client.voices.list(limit=2, extra_headers={"X-Trace": "t"})
        assert route.call_count == 0  # nothing is sent until it is awaited or iterated
        ids = [v.voice_id async for v in listing]
    assert ids == ["v0", "v1", "v2", "v3", "v4"]
    assert route.call_count == 3
    assert [call.request.url.params.get("token") for call in route.calls] == [None, "2", "4"]
    assert all(call.request.headers["x-trace"] == "t" for call in route.calls)


async def test_a_repeated_cursor_ends_the_listing(router: respx.MockRouter) -> None:
    body = {"data": [voice(1)], "has_more": True, "next_token": "same"}
    route = router.get("/v3/voices").mock(return_value=httpx.Response(200, json=body))
    async with AsyncHeyGenClient(api_key="sk-pages") as client:
        ids = [v.voice_id async for v in client.voices.list()]
    assert ids == ["v1", "v1"]  # the first page, then "same" once: never a third time
    assert route.call_count == 2


async def test_bad_arguments_raise_when_called_not_when_awaited(router: respx.MockRouter) -> None:
    route = router.get("/v3/voices").mock(side_effect=pages_of(5, 2))
    async with AsyncHeyGenClient(api_key="sk-pages") as client:
        with pytest.raises(InvalidRequestError) as caught:
            client.voices.list(limit=101)
        assert (caught.value.field, caught.value.allowed) == ("limit", "1 to 100")
        with pytest.raises(InvalidRequestError, match="'public' or 'private'"):
            client.voices.list(type="shared")  # type: ignore[arg-type]
    assert not route.called


def test_the_sync_listing_is_its_first_page_and_iterates_on(router: respx.MockRouter) -> None:
    route = router.get("/v3/voices").mock(side_effect=pages_of(5, 2))
    with HeyGenClient(api_key="sk-pages") as client:
        page = client.voices.list(limit=2)
        assert [v.voice_id for v in page.data] == ["v0", "v1"] and route.call_count == 1
        assert [v.voice_id for v in page] == ["v0", "v1", "v2", "v3", "v4"]
        assert [len(p.data) for p in page.pages()] == [2, 2, 1]


async def test_the_fakes_voices_list_in_full() -> None:
    fake = FakeHeyGen()
    async with fake.client() as client:
        listed = [v.voice_id async for v in client.voices.list(limit=3)]
    public = [v["voice_id"] for v in fake.catalogue.voices if v.get("type", "public") == "public"]
    assert listed == public
