"""GETs of media on third-party hosts (presigned storage, CDNs, upload sources).

They differ from API calls in three ways, which is why they have their own path:
they carry no API key (the host is not HeyGen's, and a redirect may lead
anywhere), they follow redirects themselves within a small budget and never
from https down to http, and their bodies are long transfers that must keep
moving rather than fit one deadline (a stall guard). Downloads and fetches of
upload sources retry through the one loop here, on the SDK's one retry decision
(``_retry.decide``), so both wait and give up alike.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import anyio
import httpx

from .._clock import Clock
from .._constants import MEDIA_MAX_REDIRECTS, MEDIA_MIN_BYTES_PER_WINDOW
from .._errors import APIConnectionError, APIResponseError
from ._diagnose import DeadlineExceeded, masked
from ._retry import backoff_cap, decide

T = TypeVar("T")


@asynccontextmanager
async def open_media(
    http: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    timeout: httpx.Timeout,  # noqa: ASYNC109 - httpx's, applied per phase; deadline: all
    deadline: float | None,
) -> AsyncIterator[httpx.Response]:
    """Stream a GET of ``url``: no API key, at most ``MEDIA_MAX_REDIRECTS`` redirects,
    the answer's headers within ``deadline`` seconds, then a body that keeps coming
    (see ``_StallGuard``). ``Transport.open_media`` documents it for callers."""
    request = http.build_request(
        "GET", url, headers=headers, extensions={"timeout": timeout.as_dict()}
    )
    request.headers.pop("x-api-key", None)  # not even from an http_client's defaults
    try:
        response = await _follow_redirects(http, request, deadline)
    except httpx.DecodingError:
        raise _undecodable(request) from None
    window = timeout.read if timeout.read is not None else deadline
    if window is not None and isinstance(response.stream, httpx.AsyncByteStream):
        response.stream = _StallGuard(response.stream, window)
    try:
        yield response
    except httpx.DecodingError:
        raise _undecodable(request) from None
    finally:
        await response.aclose()


async def _follow_redirects(
    http: httpx.AsyncClient, request: httpx.Request, deadline: float | None
) -> httpx.Response:
    """The first answer that is not a redirect, whatever the http client's own
    redirect settings: each hop is checked, and none carries the key."""
    with anyio.move_on_after(deadline) as scope:
        for _ in range(MEDIA_MAX_REDIRECTS + 1):
            response = await http.send(request, stream=True, follow_redirects=False)
            following = response.next_request if response.has_redirect_location else None
            if following is None:
                return response
            await response.aclose()
            _check_redirect(request, following)
            following.headers.pop("x-api-key", None)
            request = following
        raise APIConnectionError(
            f"fetching {_origin(request)} failed: more than {MEDIA_MAX_REDIRECTS} redirects",
            request=masked(request),
        )
    assert scope.cancelled_caught
    raise DeadlineExceeded(f"the media host did not answer within {deadline:g} s", request=request)


def _check_redirect(previous: httpx.Request, following: httpx.Request) -> None:
    scheme = following.url.scheme
    if scheme not in ("http", "https") or (previous.url.scheme == "https" and scheme == "http"):
        raise APIConnectionError(
            f"fetching {_origin(previous)} failed: refused a redirect to a {scheme}:// URL",
            request=masked(previous),
        )


def _origin(request: httpx.Request) -> str:
    return f"{request.url.scheme}://{request.url.host}"


def _undecodable(request: httpx.Request) -> APIResponseError:
    return APIResponseError(f"the media host {_origin(request)} sent a body that cannot be decoded")


class _StallGuard(httpx.AsyncByteStream):
    """A media body that must keep coming: each chunk within ``window`` seconds, and
    at least ``MEDIA_MIN_BYTES_PER_WINDOW`` bytes in every ``window`` seconds.

    One deadline for a whole video would be either too short for a large file or
    too long to notice a host that trickles a few bytes a minute."""

    def __init__(self, inner: httpx.AsyncByteStream, window: float) -> None:
        self._inner = inner
        self._window = window

    async def __aiter__(self) -> AsyncIterator[bytes]:
        window = self._window
        chunks = self._inner.__aiter__()
        since, got = anyio.current_time(), 0
        while True:
            with anyio.move_on_after(window) as scope:
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    return
            if scope.cancelled_caught:
                raise httpx.ReadTimeout(f"the media host sent nothing for {window:g} s")
            got += len(chunk)
            now = anyio.current_time()
            if now - since >= window:
                if got < MEDIA_MIN_BYTES_PER_WINDOW:
                    raise httpx.ReadTimeout(
                        f"the media host sent {got} bytes in {now - since:.1f} s (stalled)"
                    )
                since, got = now, 0
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


@dataclass(eq=False)
class MediaFailure(Exception):
    """A failed media GET that another attempt may fix.

    ``status_code`` is the host's retryable status; a body that came short or
    broke off counts as a 503 (a transient failure of a GET, safe to repeat).
    ``transport_error`` is set when the connection itself failed.
    """

    reason: str
    status_code: int = 503
    retry_after: float | None = None
    transport_error: httpx.TransportError | None = None

    def __post_init__(self) -> None:
        super().__init__(self.reason)


async def retry_media(
    attempt: Callable[[], Awaitable[T]],
    *,
    clock: Clock,
    max_retries: int,
    give_up: Callable[[MediaFailure], Exception],
) -> T:
    """``attempt()`` again after each ``MediaFailure`` it raises, as the SDK's one
    retry decision says (a GET is always safe to repeat); once it says no, the
    error ``give_up`` makes of the last failure is raised instead."""
    failures = 0
    while True:
        try:
            return await attempt()
        except MediaFailure as failure:
            verdict = decide(
                attempt=failures,
                max_retries=max_retries,
                retry_safe=True,
                backoff=clock.uniform(0.0, backoff_cap(failures)),
                status_code=failure.status_code,
                retry_after=failure.retry_after,
                transport_error=failure.transport_error,
            )
            if not verdict.retry:
                raise give_up(failure) from None
            await clock.sleep(verdict.delay)
            failures += 1


__all__ = ["MediaFailure", "open_media", "retry_media"]
