"""Following HeyGen's page tokens, for every listing endpoint."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TypeVar

from .._constants import PAGE_SIZE

T = TypeVar("T")

TokenPage = tuple[list[T], str | None]
"""One page of a token-paged listing: its items, and the next page's token (None on
the last page)."""

# (page size, token of the page or None for the first) -> that page
PageFetcher = Callable[[int, str | None], Awaitable[TokenPage[T]]]


async def paged(
    fetch_page: PageFetcher[T], *, limit: int | None, page_size: int = PAGE_SIZE
) -> AsyncGenerator[T, None]:
    """Items page after page until the token runs out or ``limit`` items were given.

    A server that hands back a token it gave before would loop forever: a repeated
    token ends the listing. A page is cut only to honour ``limit``: without one,
    every item a page holds is given, even past ``page_size``.
    """
    token: str | None = None
    seen: set[str] = set()
    remaining = limit
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        page, token = await fetch_page(size, token)
        if remaining is not None:
            page = page[:size]
            remaining -= len(page)
        for item in page:
            yield item
        if not token or not page or token in seen:
            return
        seen.add(token)
