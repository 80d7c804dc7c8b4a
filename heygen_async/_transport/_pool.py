"""The HTTP client the SDK opens when the caller gives none: no cookies kept.

HeyGen's API authenticates every request by its key; nothing it answers needs a
cookie sent back, and neither do the media hosts' signed URLs. httpx reads every
answer's ``Set-Cookie`` headers into its jar (through urllib's cookie machinery,
about 20 µs per answer even when there is none, a fifth of the client's own CPU
per status call), so the owned pool keeps a jar that stays empty. A client the
caller passes as ``http_client=`` keeps its own cookie behaviour.

::

    pool = owned_pool(max_concurrent_requests=32, headers={"X-Api-Key": key})
    pool.cookies  # always empty; ``Set-Cookie`` answers are ignored
"""

from __future__ import annotations

from typing import Any

import httpx

from .._constants import DEFAULT_TIMEOUT, POOL_MAX_CONNECTIONS, POOL_MAX_KEEPALIVE


class NoCookies(httpx.Cookies):
    """A cookie jar that ignores ``Set-Cookie`` (and so never sends a cookie)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class OwnedPool(httpx.AsyncClient):
    """``httpx.AsyncClient`` whose ``cookies`` is a ``NoCookies`` jar, whatever is set."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._jar = NoCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._jar

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        self._jar = NoCookies()  # ``pool.cookies = ...`` brings no cookies back


def owned_pool(max_concurrent_requests: int, headers: dict[str, str]) -> OwnedPool:
    """The client's own connection pool: its limits, its headers, the default timeout."""
    return OwnedPool(
        timeout=DEFAULT_TIMEOUT,
        headers=headers,
        limits=httpx.Limits(
            max_connections=max(POOL_MAX_CONNECTIONS, max_concurrent_requests),
            max_keepalive_connections=POOL_MAX_KEEPALIVE,
        ),
    )


__all__ = ["NoCookies", "OwnedPool", "owned_pool"]
