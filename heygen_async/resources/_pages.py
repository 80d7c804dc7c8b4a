"""Listings: a page as HeyGen answers it, and a pager that follows ``next_token``.

A listing method returns an ``AsyncPager`` at once (nothing is sent yet)::

    page = await client.voices.list(limit=20)        # one page: .data, .has_more, .next_token
    async for voice in client.voices.list():         # every item, page after page
        ...

A token HeyGen already gave ends the listing (a server repeating itself would
otherwise loop forever). The sync client's listing returns the first page already
fetched, and iterating it goes on through the next pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar

from pydantic import Field

T = TypeVar("T")

PageSize = Annotated[int, Field(ge=1, le=100)]
"""A page's ``limit``: 1 to 100 items, as HeyGen's job listings and batch reads take."""


@dataclass
class Page(Generic[T]):
    """One page of a listing."""

    data: list[T]
    """The items of this page, in HeyGen's order."""
    has_more: bool = False
    """True when another page follows (fetch it with ``next_token``)."""
    next_token: str | None = None
    """The cursor of the next page, or ``None`` on the last one."""
    request_id: str | None = field(default=None, repr=False)
    """HeyGen's ``X-Request-Id`` of the answer this page came from."""


PageFetcher = Callable[[str | None], Awaitable[Page[T]]]


class AsyncPager(Generic[T]):
    """A listing not yet fetched: ``await`` it for its first page, or ``async for`` over
    every item; ``pages()`` gives the pages themselves."""

    __slots__ = ("_fetch", "_token")

    def __init__(self, fetch: PageFetcher[T], token: str | None = None) -> None:
        self._fetch = fetch
        self._token = token

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch(self._token).__await__()

    def starting_at(self, token: str) -> AsyncPager[T]:
        """The same listing from the page ``token`` points to."""
        return AsyncPager(self._fetch, token)

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page from this one on."""
        token = self._token
        seen: set[str] = set()
        while True:
            page = await self._fetch(token)
            yield page
            token = page.next_token if page.has_more else None
            if not token or token in seen or not page.data:
                return
            seen.add(token)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.data:
                yield item


__all__ = ["AsyncPager", "Page", "PageFetcher", "PageSize"]
