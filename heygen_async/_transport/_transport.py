"""The only place that sends HTTP to HeyGen.

Every call goes through ``Transport.request``: it adds the key and User-Agent,
waits out a global pause, takes a request slot, sends, retries by the rules of
``_retry``, and turns the answer into the ``data`` payload or a typed error.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import AsyncIterable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from .._clock import Clock
from .._constants import RETRY_AFTER_CAP, RETRY_AFTER_JITTER
from .._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    QuotaExceededError,
)
from .._logging import logger, redact
from .._version import __version__
from ._envelope import error_from_response, unwrap_success
from ._rate import RateController
from ._retry import (
    IDEMPOTENT_METHODS,
    backoff_cap,
    parse_retry_after,
    status_is_retryable,
    was_sent,
)

Host = Literal["api", "upload"]
ContentFactory = Callable[[], AsyncIterable[bytes]]

USER_AGENT = (
    f"heygen-async/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)


@dataclass(frozen=True)
class APIRequest:
    """One HeyGen call, described independently of how it is sent."""

    method: str
    path: str
    host: Host = "api"
    params: Mapping[str, str | int] | None = None
    json: Any = None
    content: bytes | None = None
    # A body streamed from a file: a factory so a retry can open it again.
    stream: ContentFactory | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: httpx.Timeout | None = None
    # Generation requests cost money: the error of a failure after sending says so.
    billed: bool = False

    @property
    def idempotent(self) -> bool:
        return self.method.upper() in IDEMPOTENT_METHODS


class Transport:
    """Sends ``APIRequest``s with auth, retries, the shared rate controller and logging."""

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        api_key: str,
        base_url: str,
        upload_url: str,
        max_retries: int,
        default_timeout: httpx.Timeout | None,
        rate: RateController,
    ) -> None:
        self.http = http
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.upload_url = upload_url.rstrip("/")
        self.max_retries = max_retries
        self.default_timeout = default_timeout
        self.rate = rate

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r}, upload_url={self.upload_url!r})"

    @property
    def clock(self) -> Clock:
        return self.rate.clock

    def with_settings(
        self, *, max_retries: int, default_timeout: httpx.Timeout | None
    ) -> Transport:
        """A transport with other retry/timeout settings, sharing the pool and rate state."""
        return Transport(
            http=self.http,
            api_key=self._api_key,
            base_url=self.base_url,
            upload_url=self.upload_url,
            max_retries=max_retries,
            default_timeout=default_timeout,
            rate=self.rate,
        )

    def redact(self, text: str) -> str:
        return redact(text, self._api_key)

    def _url(self, request: APIRequest) -> str:
        root = self.upload_url if request.host == "upload" else self.base_url
        return root + request.path

    def _build(self, request: APIRequest) -> httpx.Request:
        headers = {
            "X-Api-Key": self._api_key,
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **request.headers,
        }
        content: bytes | AsyncIterable[bytes] | None = request.content
        if request.stream is not None:
            content = request.stream()
        timeout = request.timeout if self.default_timeout is None else self.default_timeout
        extensions = {} if timeout is None else {"timeout": timeout.as_dict()}
        return self.http.build_request(
            request.method,
            self._url(request),
            params=request.params,
            json=request.json,
            content=content,
            headers=headers,
            extensions=extensions,
        )

    async def request(self, request: APIRequest) -> Any:
        """Send ``request`` (with retries) and return HeyGen's ``data`` payload."""
        attempt = 0
        while True:
            await self.rate.wait_while_paused()
            started = self.clock.now()
            try:
                async with self.rate.request_slot():
                    response = await self.http.send(self._build(request))
            except httpx.TransportError as exc:
                sent = was_sent(exc)
                retryable = not sent or request.idempotent
                self._log(request, attempt, f"{type(exc).__name__}", started)
                if retryable and attempt < self.max_retries:
                    delay = self._backoff(attempt)
                    self._log_retry(request, attempt, type(exc).__name__, delay)
                    await self.clock.sleep(delay)
                    attempt += 1
                    continue
                raise self._connection_error(request, exc, sent=sent) from None

            self._log(request, attempt, str(response.status_code), started)
            if response.is_success:
                return unwrap_success(response, secret=self._api_key)

            retry_after = parse_retry_after(response.headers)
            error = error_from_response(
                response,
                secret=self._api_key,
                may_have_been_processed=self._maybe_processed(request, response.status_code),
                retry_after=retry_after,
            )
            delay = self._delay(attempt, retry_after)
            shared = self._shares_pause(response.status_code, error, retry_after)
            if shared:
                # Everyone waits, not just this task: the account is what is limited,
                # and that holds whether or not this request itself is retried.
                self.rate.pause_all(delay)
            if not self._should_retry(request, response.status_code, error, retry_after, attempt):
                raise error
            self._log_retry(request, attempt, str(response.status_code), delay)
            if not shared:
                await self.clock.sleep(delay)
            attempt += 1

    @staticmethod
    def _shares_pause(status_code: int, error: APIStatusError, retry_after: float | None) -> bool:
        """A 429, or a 503 with Retry-After, pauses every task of the client."""
        if isinstance(error, QuotaExceededError):
            return False  # an empty quota is not a rate limit: pausing will not refill it
        if retry_after is not None and retry_after > RETRY_AFTER_CAP:
            return False  # the caller gets RateLimitError(.retry_after) and decides
        return status_code == 429 or (status_code == 503 and retry_after is not None)

    def _should_retry(
        self,
        request: APIRequest,
        status_code: int,
        error: APIStatusError,
        retry_after: float | None,
        attempt: int,
    ) -> bool:
        if isinstance(error, QuotaExceededError):
            return False  # an empty quota is not a rate limit: waiting will not refill it
        if retry_after is not None and retry_after > RETRY_AFTER_CAP:
            return False  # RateLimitError carries .retry_after for the caller to decide
        return attempt < self.max_retries and status_is_retryable(
            status_code, idempotent=request.idempotent
        )

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        """Full-jitter backoff, with Retry-After (plus jitter) as its floor."""
        delay = self._backoff(attempt)
        if retry_after is not None:
            delay = max(delay, retry_after + self.clock.uniform(0.0, RETRY_AFTER_JITTER))
        return delay

    def _backoff(self, attempt: int) -> float:
        return self.clock.uniform(0.0, backoff_cap(attempt))

    @staticmethod
    def _maybe_processed(request: APIRequest, status_code: int) -> bool:
        """A non-idempotent request answered by 5xx or 408 may still have been done."""
        return not request.idempotent and (status_code >= 500 or status_code == 408)

    def _connection_error(
        self, request: APIRequest, exc: httpx.TransportError, *, sent: bool
    ) -> APIConnectionError:
        what = f"{request.method} {request.path}"
        timed_out = isinstance(exc, httpx.TimeoutException)
        reason = "timed out" if timed_out else f"failed ({type(exc).__name__})"
        message = f"{what} {reason}"
        processed = sent and not request.idempotent
        if processed:
            noun = "a video may exist" if request.billed else "it may have taken effect"
            message += (
                f"; the request reached HeyGen and may have been processed, so {noun}: "
                "it was not retried automatically, check before sending it again"
            )
        message = self.redact(message)
        cls = APITimeoutError if timed_out else APIConnectionError
        return cls(
            message,
            request=exc.request if _has_request(exc) else None,
            may_have_been_processed=processed,
        )

    def _log_retry(self, request: APIRequest, attempt: int, outcome: str, delay: float) -> None:
        logger.info(
            "retrying %s %s after %s in %.2f s (retry %d of %d)",
            request.method,
            request.path,
            outcome,
            delay,
            attempt + 1,
            self.max_retries,
        )

    def _log(self, request: APIRequest, attempt: int, outcome: str, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):  # metadata only, never headers or bodies
            logger.debug(
                "%s %s -> %s (attempt %d, %.0f ms)",
                request.method,
                request.path,
                outcome,
                attempt + 1,
                (self.clock.now() - started) * 1000,
            )


def _has_request(exc: httpx.TransportError) -> bool:
    try:
        exc.request  # noqa: B018 - httpx raises RuntimeError when no request is attached
    except RuntimeError:
        return False
    return True


__all__ = ["USER_AGENT", "APIRequest", "Transport"]
