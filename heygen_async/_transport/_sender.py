"""The only place that sends HTTP.

Every API call goes through ``Transport.request``: it adds the key, User-Agent and
any idempotency key, waits out a pause, takes a request slot, sends (never
following redirects, so the key never travels elsewhere), retries by the one
decision of ``_retry.decide``, and hands back what the dialect of the backend's
API version unwraps, or a typed error. Nothing here knows a path or an envelope.
"""

from __future__ import annotations

import errno
import logging
import platform
import socket
import ssl
import zlib
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

import anyio
import httpx

from .._clock import Clock
from .._constants import (
    HELD_CREATE_MAX_RETRIES,
    IN_PROGRESS_MAX_RETRIES,
    JOB_LIMIT_MIN_DELAY,
    MAX_RESPONSE_BYTES,
    MEDIA_MAX_REDIRECTS,
    MEDIA_MIN_BYTES_PER_WINDOW,
    RETRY_AFTER_JITTER,
)
from .._errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    RateLimitError,
)
from .._logging import REDACTED, logger, redact
from .._version import __version__
from ._announce import CREATE_ANNOUNCER
from ._call import CURRENT_CALL, CallOptions
from ._dialect import Dialect
from ._envelope import error_from_response, unwrap_success
from ._hold import CREATE_HOLD, JobLimitHold
from ._rate import RateController
from ._retry import IDEMPOTENT_METHODS, Verdict, backoff_cap, decide, parse_retry_after, was_sent

Host = Literal["api", "upload"]
ContentFactory = Callable[[], AsyncIterable[bytes]]
# Multipart parts as httpx takes them: name -> (filename, bytes or file, content type).
Files = Mapping[str, tuple[str, Any, str]]
IDEMPOTENCY_HEADER = "Idempotency-Key"
REQUEST_IN_PROGRESS = "request_in_progress"

USER_AGENT = (
    f"heygen-async/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)
API_KEY_HEADER = "X-Api-Key"


def client_headers(api_key: str, default_headers: Mapping[str, str]) -> dict[str, str]:
    """The headers of every API request: set once on a client the SDK owns."""
    return {
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
        **default_headers,
        API_KEY_HEADER: api_key,
    }


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
    files: Files | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: httpx.Timeout | None = None
    # Generation requests cost money: the error of a failure after sending says so.
    billed: bool = False
    # Sent as Idempotency-Key; it makes a retry of this request harmless.
    idempotency_key: str | None = None
    # An absolute URL on a third-party host (a presigned storage URL): sent without
    # the API key, whatever ``host`` and ``path`` say.
    url: str | None = None
    # False for hosts that answer with no JSON (storage): success returns None.
    expect_json: bool = True

    @property
    def idempotent(self) -> bool:
        return self.method.upper() in IDEMPOTENT_METHODS

    @property
    def retry_safe(self) -> bool:
        """Idempotent by method, or by the key the server deduplicates on."""
        return self.idempotent or self.idempotency_key is not None


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
        dialect: Dialect,
        default_headers: Mapping[str, str] | None = None,
        key_source: str = "api_key=",
    ) -> None:
        self.http = http
        self.dialect = dialect
        self._api_key = api_key
        self.key_source = key_source
        self.base_url = base_url.rstrip("/")
        self.upload_url = upload_url.rstrip("/")
        self.max_retries = max_retries
        self.default_timeout = default_timeout
        self.rate = rate
        self.default_headers = dict(default_headers or {})
        # Only what the http client does not already send: an owned client has them
        # all as its own headers, so most requests merge nothing per call.
        self._headers = {
            name: value
            for name, value in client_headers(api_key, self.default_headers).items()
            if http.headers.get(name) != value
        }
        self._timeouts: dict[int, tuple[httpx.Timeout, float | None, dict[str, Any]]] = {}

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r}, upload_url={self.upload_url!r})"

    @property
    def clock(self) -> Clock:
        return self.rate.clock

    def derive(self, **changes: Any) -> Transport:
        """A transport with some settings changed (``with_options``); the pool, the
        rate state and the rest are this one's unless ``changes`` names them."""
        settings: dict[str, Any] = {
            "http": self.http,
            "api_key": self._api_key,
            "base_url": self.base_url,
            "upload_url": self.upload_url,
            "max_retries": self.max_retries,
            "default_timeout": self.default_timeout,
            "rate": self.rate,
            "dialect": self.dialect,
            "default_headers": self.default_headers,
            "key_source": self.key_source,
        }
        unknown = set(changes) - set(settings)
        if unknown:
            raise TypeError(f"Transport.derive: unknown settings {sorted(unknown)}")
        return Transport(**{**settings, **changes})

    def same_account(self, api_key: str) -> bool:
        """Whether ``api_key`` is this transport's (rate limits are per account)."""
        return api_key == self._api_key

    def redact(self, text: str) -> str:
        return redact(text, self._api_key)

    def _url(self, request: APIRequest) -> str:
        if request.url is not None:
            return request.url
        root = self.upload_url if request.host == "upload" else self.base_url
        return root + request.path

    def _build(
        self, request: APIRequest, options: CallOptions | None, extensions: dict[str, Any]
    ) -> httpx.Request:
        headers = self._headers
        if request.headers or request.idempotency_key is not None or options is not None:
            headers = {**headers, **request.headers}
            if request.idempotency_key is not None:
                headers[IDEMPOTENCY_HEADER] = request.idempotency_key
            if options is not None:
                headers.update(options.headers)
        url = self._url(request)
        params = request.params
        if options is not None and options.query:
            params = {**(params or {}), **dict(options.query)}
        if params and request.url is None:
            # Encoded here as httpx would (same bytes), which costs httpx a third of
            # merging a params mapping into the URL.
            url, params = f"{url}?{urlencode(params)}", None
        content: bytes | AsyncIterable[bytes] | None = request.content
        if request.stream is not None:
            content = request.stream()
        built = self.http.build_request(
            request.method,
            url,
            params=params,
            json=request.json,
            content=content,
            files=request.files,
            headers=headers or None,
            extensions=extensions,
        )
        if request.url is not None:  # a third-party host never gets the key
            built.headers.pop(API_KEY_HEADER, None)
        return built

    def _timeout(
        self, request_timeout: httpx.Timeout | None, options: CallOptions | None = None
    ) -> tuple[float | None, dict[str, Any]]:
        """The deadline of one whole attempt (connect + send + the whole body), in
        seconds, and the request extensions that give httpx the same timeout.

        """
        chosen = self._chosen_timeout(request_timeout, options)
        cached = self._timeouts.get(id(chosen))
        if cached is not None and cached[0] is chosen:
            return cached[1], cached[2]
        deadline, extensions = _longest(chosen), {"timeout": chosen.as_dict()}
        if len(self._timeouts) < 16:  # the few per-kind defaults, kept alive beside it
            self._timeouts[id(chosen)] = (chosen, deadline, extensions)
        return deadline, extensions

    def _chosen_timeout(
        self, kind_default: httpx.Timeout | None, options: CallOptions | None
    ) -> httpx.Timeout:
        """A call's own ``timeout`` wins over the client's, which wins over the default
        of the request's kind, then the http client's."""
        if options is not None and options.timeout is not None:
            return options.timeout
        return self.default_timeout or kind_default or self.http.timeout

    async def _exchange(
        self, built: httpx.Request, deadline: float | None
    ) -> tuple[httpx.Response, bytes]:
        """One send and its whole (capped) body, within ``deadline`` seconds."""
        with anyio.move_on_after(deadline) as scope:
            try:
                response = await self.http.send(built, stream=True, follow_redirects=False)
            except httpx.DecodingError:
                # A transport (or a mock) that decodes while sending: same meaning.
                raise APIResponseError(
                    "HeyGen answered with a body that cannot be decoded (Content-Encoding)"
                ) from None
            try:
                return response, await read_capped(response, self._api_key)
            finally:
                if scope.cancel_called:  # our deadline: still close the connection cleanly
                    with anyio.CancelScope(shield=True):
                        await response.aclose()
                else:
                    await response.aclose()
        assert scope.cancelled_caught
        raise _DeadlineExceeded(f"the call took longer than {deadline:g} s", request=built)

    async def request(self, request: APIRequest) -> Any:
        """Send ``request`` (with retries) and return what the dialect unwraps."""
        attempt = 0
        in_progress = 0  # answers "the same key is still being processed" so far
        held = 0  # refusals at the job limit held through (never counted as retries)
        create = request.billed
        # v3 refuses creates beyond the account's job limit: they share one lane.
        lane = create and self.dialect.creates_refused_at_job_limit
        hold = CREATE_HOLD.get() if lane else None
        max_retries = self.max_retries
        if hold is not None and request.retry_safe:
            max_retries = max(max_retries, HELD_CREATE_MAX_RETRIES)
        record = CURRENT_CALL.get()
        options = None if record is None else record.options
        deadline, extensions = self._timeout(request.timeout, options)
        slots = self.rate.request_slots()
        announce = CREATE_ANNOUNCER.get() if create else None
        sends = 0  # every attempt that goes out: retries, held and in-progress resends
        while True:
            # While the lane is full, held creates take turns from the pause to the
            # answer. Others do not queue behind them: max_retries bounds their tries.
            turn = await self.rate.create_turn() if hold is not None else None
            try:
                await self.rate.wait_while_paused(create=create)
                # The clock is read only for the debug log's duration.
                started = self.clock.now() if logger.isEnabledFor(logging.DEBUG) else 0.0
                try:
                    await slots.acquire()
                    try:
                        sends += 1
                        if announce is not None:
                            announce(sends, request.idempotency_key)  # raises: not sent
                        built = self._build(request, options, extensions)
                        response, body = await self._exchange(built, deadline)
                    finally:
                        slots.release()
                except httpx.TransportError as exc:
                    _release(turn)
                    turn = None
                    self._log(request, attempt, type(exc).__name__, started)
                    verdict = decide(
                        attempt=attempt,
                        max_retries=max_retries,
                        retry_safe=request.retry_safe,
                        backoff=self._backoff(attempt),
                        transport_error=exc,
                    )
                    if not verdict.retry:
                        failure = self._connection_error(request, exc, sent=was_sent(exc))
                        raise failure from _masked_cause(exc, self._api_key)
                    self._log_retry(
                        request, attempt, type(exc).__name__, verdict.delay, max_retries
                    )
                    await self.clock.sleep(verdict.delay)
                    attempt += 1
                    continue

                self._log(request, attempt, str(response.status_code), started)
                if record is not None:
                    record.answered(response, body)
                if response.is_success:
                    if lane:
                        self.rate.mark_job_lane(full=False)
                    if not request.expect_json:
                        return None
                    return unwrap_success(response, body, self.dialect, secret=self._api_key)

                retry_after = parse_retry_after(response.headers)
                error = error_from_response(
                    response,
                    body,
                    self.dialect,
                    secret=self._api_key,
                    may_have_been_processed=self._maybe_processed(request, response.status_code),
                    retry_after=retry_after,
                )
                if isinstance(error, AuthenticationError) and error.hint is None:
                    _add_hint(
                        error,
                        f"HeyGen rejected the API key from {self.key_source}: check that it is "
                        "your account's current key (HeyGen > Settings > API)",
                    )
                if (
                    self._still_in_progress(request, error)
                    and in_progress < IN_PROGRESS_MAX_RETRIES
                ):
                    _release(turn)
                    turn = None
                    # The first attempt with this key is still running on HeyGen's side:
                    # wait and send the same key again, which then replays its answer.
                    delay = max(
                        retry_after or 0.0, self.clock.uniform(0.0, backoff_cap(in_progress))
                    )
                    self._log_retry(request, attempt, "409 in progress", delay)
                    await self.clock.sleep(delay)
                    in_progress += 1
                    continue
                if lane and isinstance(error, RateLimitError):
                    # v3 answers a create at the job limit like a request-rate 429: the
                    # two cannot be told apart, so both are treated as the job limit.
                    self.rate.mark_job_lane(full=True)
                    if hold is not None:
                        self._hold_at_job_limit(request, hold, error, retry_after, held)
                        held += 1
                        # HeyGen answered: the faults before this were not in a row
                        # with those to come, and max_retries counts faults in a row.
                        attempt = 0
                        continue  # the same key again, once the lane's pause is over
                verdict = decide(
                    attempt=attempt,
                    max_retries=max_retries,
                    retry_safe=request.retry_safe,
                    backoff=self._backoff(attempt),
                    status_code=response.status_code,
                    error=error,
                    retry_after=None
                    if retry_after is None
                    else retry_after + self.clock.uniform(0.0, RETRY_AFTER_JITTER),
                    is_create=create,
                    creates_refused_at_job_limit=self.dialect.creates_refused_at_job_limit,
                )
                self._apply_pause(verdict)
                if not verdict.retry:
                    raise error
                _release(turn)
                turn = None
                self._log_retry(
                    request, attempt, str(response.status_code), verdict.delay, max_retries
                )
                if verdict.pause is None:
                    await self.clock.sleep(verdict.delay)
                attempt += 1
            finally:
                _release(turn)

    def _hold_at_job_limit(
        self,
        request: APIRequest,
        hold: JobLimitHold,
        error: RateLimitError,
        retry_after: float | None,
        held: int,
    ) -> None:
        """Pause the job lane until the next try of a create refused at the job limit,
        or raise ``error`` once ``hold``'s deadline has passed. Never a retry: the
        refusal costs nothing and the same Idempotency-Key goes out again."""
        now = self.clock.now()
        remaining = hold.remaining(now, self.rate.last_create_accepted)
        if remaining is not None and remaining <= 0:
            _add_hint(
                error,
                f"HeyGen's concurrent-job limit stayed full, accepting no create of this "
                f"client for the whole {hold.budget:g} s timeout; this video was not "
                "created (nothing to pay)",
            )
            raise error
        floor = max(JOB_LIMIT_MIN_DELAY, retry_after if retry_after is not None else 0.0)
        if retry_after is None:  # no hint from HeyGen: back off as for any retry
            floor = max(floor, backoff_cap(held))
        delay = floor + self.clock.uniform(0.0, RETRY_AFTER_JITTER)
        if remaining is not None:
            delay = min(delay, remaining)  # one last try at the deadline
        self.rate.pause_creates(delay)
        logger.info(
            "%s %s held at the job limit (429); trying again in %.2f s",
            request.method,
            request.path,
            delay,
        )

    @asynccontextmanager
    async def open_media(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,  # noqa: ASYNC109 - the per-kind default
    ) -> AsyncIterator[httpx.Response]:
        """Stream a GET of a third-party URL (a media host, an upload source).

        It carries no API key (those hosts are not HeyGen's API), shares the pool
        with the API calls, and follows at most ``MEDIA_MAX_REDIRECTS`` redirects
        itself (http(s) only, never from https down to http), whatever the http
        client's own settings. The answer's headers must arrive within the
        client's timeout; the body must keep coming (each chunk within the read
        timeout, at least ``MEDIA_MIN_BYTES_PER_WINDOW`` bytes per such window),
        else an ``httpx.ReadTimeout`` is raised from it. Retrying is the caller's,
        by ``media_verdict``.
        """
        call = CURRENT_CALL.get()  # its timeout applies here too, never its headers
        chosen = self._chosen_timeout(timeout, None if call is None else call.options)
        request = self.http.build_request(
            "GET",
            url,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            extensions={"timeout": chosen.as_dict()},
        )
        request.headers.pop("x-api-key", None)  # not even from an http_client's defaults
        try:
            response = await self._media_response(request, _longest(chosen))
        except httpx.DecodingError:
            raise _undecodable(request) from None
        window = chosen.read if chosen.read is not None else _longest(chosen)
        if window is not None and isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _ProgressGuard(response.stream, window)
        try:
            yield response
        except httpx.DecodingError:
            raise _undecodable(request) from None
        finally:
            await response.aclose()

    async def _media_response(
        self, request: httpx.Request, deadline: float | None
    ) -> httpx.Response:
        with anyio.move_on_after(deadline) as scope:
            for _ in range(MEDIA_MAX_REDIRECTS + 1):
                response = await self.http.send(request, stream=True, follow_redirects=False)
                following = response.next_request if response.has_redirect_location else None
                if following is None:
                    return response
                await response.aclose()
                _check_redirect(request, following)
                following.headers.pop("x-api-key", None)
                request = following
            raise APIConnectionError(
                f"fetching {_origin(request)} failed: more than {MEDIA_MAX_REDIRECTS} redirects",
                request=_masked(request),
            )
        assert scope.cancelled_caught
        raise _DeadlineExceeded(
            f"the media host did not answer within {deadline:g} s", request=request
        )

    def media_verdict(
        self,
        attempt: int,
        max_retries: int,
        *,
        status_code: int | None = None,
        retry_after: float | None = None,
        transport_error: httpx.TransportError | None = None,
    ) -> Verdict:
        """The one retry decision, for a GET of media (always safe to repeat)."""
        return decide(
            attempt=attempt,
            max_retries=max_retries,
            retry_safe=True,
            backoff=self._backoff(attempt),
            status_code=status_code,
            retry_after=retry_after,
            transport_error=transport_error,
        )

    def _apply_pause(self, verdict: Verdict) -> None:
        if verdict.pause == "all":
            self.rate.pause_all(verdict.delay)
        elif verdict.pause == "creates":
            self.rate.pause_creates(verdict.delay)

    @staticmethod
    def _still_in_progress(request: APIRequest, error: APIStatusError) -> bool:
        code = error.code.lower() if isinstance(error.code, str) else error.code
        return (
            request.idempotency_key is not None
            and error.status_code == 409
            and code == REQUEST_IN_PROGRESS
        )

    def _backoff(self, attempt: int) -> float:
        return self.clock.uniform(0.0, backoff_cap(attempt))

    @staticmethod
    def _maybe_processed(request: APIRequest, status_code: int) -> bool:
        """A non-idempotent request answered by 5xx or 408 may still have been done; so
        may one whose key the server says is still being processed (409 in progress)."""
        if request.idempotent:
            return False
        in_progress = status_code == 409 and request.idempotency_key is not None
        return status_code >= 500 or status_code == 408 or in_progress

    def _connection_error(
        self, request: APIRequest, exc: httpx.TransportError, *, sent: bool
    ) -> APIConnectionError:
        what = f"{request.method} {request.path}"
        timed_out = isinstance(exc, httpx.TimeoutException)
        host = self._host(request)
        if timed_out:
            message = f"{what} to {host} timed out"
        else:
            message = f"{what} to {host} failed: {_cause(exc)} ({type(exc).__name__})"
        processed = sent and not request.idempotent
        if processed:
            noun = "a video may exist" if request.billed else "it may have taken effect"
            message += f"; the request reached HeyGen and may have been processed, so {noun}"
            if request.idempotency_key is not None:
                message += (
                    f": retries were used up; sending it again with idempotency_key="
                    f"{request.idempotency_key!r} within 24 h returns that video, not a new one"
                )
            else:
                message += ": it was not retried automatically, check before sending it again"
        if isinstance(exc, _DeadlineExceeded):
            message += f" ({exc})"
        message = self.redact(message)
        cls = APITimeoutError if timed_out else APIConnectionError
        return cls(
            message,
            request=_masked(exc.request) if _has_request(exc) else None,
            may_have_been_processed=processed,
        )

    def _host(self, request: APIRequest) -> str:
        try:
            return httpx.URL(self._url(request)).host or "the server"
        except (httpx.InvalidURL, TypeError):
            return "the server"

    def _log_retry(
        self,
        request: APIRequest,
        attempt: int,
        outcome: str,
        delay: float,
        max_retries: int | None = None,
    ) -> None:
        logger.info(
            "retrying %s %s after %s in %.2f s (retry %d of %d)",
            request.method,
            request.path,
            outcome,
            delay,
            attempt + 1,
            self.max_retries if max_retries is None else max_retries,
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


def _release(turn: anyio.Lock | None) -> None:
    """Give up a create's turn in the job lane, if it holds one; callers then forget
    it (``turn = None``), so it is released once."""
    if turn is not None:
        turn.release()


def _add_hint(error: APIStatusError, hint: str) -> None:
    """Append what to do to an error raised from an answer."""
    error.hint = hint
    error.args = (f"{error.args[0]}; {hint}" if error.args else hint, *error.args[1:])


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and its causes, outermost first (httpx -> httpcore -> the OS's error)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
    "name resolution",
)


def _cause(exc: httpx.TransportError) -> str:
    """The reason a connection failed, in plain words: refused, DNS, TLS, reset..."""
    chain = _chain(exc)
    texts = " ".join(str(error).lower() for error in chain)
    if any(isinstance(error, ssl.SSLError) for error in chain) or any(
        word in texts for word in ("ssl", "certificate", "tls")
    ):
        return "the TLS handshake failed (certificate or protocol)"
    if any(isinstance(error, socket.gaierror) for error in chain) or any(
        word in texts for word in _DNS_WORDS
    ):
        return "its name could not be resolved (DNS)"
    if any(isinstance(error, ConnectionRefusedError) for error in chain) or (
        "connection refused" in texts
        or "connect call failed" in texts
        or f"errno {errno.ECONNREFUSED}]" in texts
    ):
        return "the connection was refused (nothing listens there?)"
    if isinstance(exc, httpx.RemoteProtocolError) or any(
        isinstance(error, (ConnectionResetError, BrokenPipeError)) for error in chain
    ):
        return "the connection was closed before the answer came"
    if isinstance(exc, httpx.ConnectError):
        return "could not connect"
    return "the transfer broke off"


def _masked_cause(exc: httpx.TransportError, secret: str) -> httpx.TransportError:
    """A copy of ``exc`` to chain as the cause: its message redacted, its request's
    key masked, and below it only the operating system's own error (refused, DNS,
    TLS), whose text no server wrote."""
    message = redact(str(exc), secret)
    try:
        clean = type(exc)(message)
    except TypeError:  # a subclass with another constructor
        clean = httpx.TransportError(message)
    if _has_request(exc):
        clean.request = _masked(exc.request)
    clean.__cause__ = next((error for error in _chain(exc)[1:] if isinstance(error, OSError)), None)
    clean.__suppress_context__ = True
    return clean


class _DeadlineExceeded(httpx.ReadTimeout):
    """One attempt ran past the client's timeout (connect + send + the whole body)."""


class _ProgressGuard(httpx.AsyncByteStream):
    """A media body that must keep coming: each chunk within ``window`` seconds, and
    at least ``MEDIA_MIN_BYTES_PER_WINDOW`` bytes in every ``window`` seconds."""

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


async def read_capped(response: httpx.Response, secret: str | None = None) -> bytes:
    """The decoded body of a streamed answer, at most ``MAX_RESPONSE_BYTES``.

    Counted after decoding (a gzip bomb stops at the cap, not at the end of its
    expansion); an undecodable body or one over the cap is an ``APIResponseError``.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    chunks: list[bytes] = []
    total = 0
    try:
        if response.is_stream_consumed:  # already in memory (an http_client's mock transport)
            content = response.content
            if len(content) > MAX_RESPONSE_BYTES:
                raise _too_large(response)
            return content
        if encoding in ("", "identity"):
            async for chunk in response.aiter_raw():
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(chunk)
        elif encoding in ("gzip", "x-gzip"):
            inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
            async for raw in response.aiter_raw():
                data = inflate.decompress(raw, MAX_RESPONSE_BYTES + 1 - total)
                total += len(data)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(data)
            tail = inflate.flush()
            total += len(tail)
            if total > MAX_RESPONSE_BYTES:
                raise _too_large(response)
            chunks.append(tail)
        else:
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(chunk)
    except (zlib.error, httpx.DecodingError):
        raise APIResponseError(
            f"HeyGen answered HTTP {response.status_code} with a body that cannot be decoded "
            f"(Content-Encoding: {redact(encoding, secret)[:50]!r})",
            status_code=response.status_code,
        ) from None
    return b"".join(chunks)


def _too_large(response: httpx.Response) -> APIResponseError:
    return APIResponseError(
        f"HeyGen answered HTTP {response.status_code} with a body larger than "
        f"{MAX_RESPONSE_BYTES} bytes; it was not read further",
        status_code=response.status_code,
    )


def _undecodable(request: httpx.Request) -> APIResponseError:
    return APIResponseError(f"the media host {_origin(request)} sent a body that cannot be decoded")


def _longest(timeout: httpx.Timeout) -> float | None:
    values = [
        value
        for value in (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if value is not None
    ]
    return max(values) if values else None


def _origin(request: httpx.Request) -> str:
    return f"{request.url.scheme}://{request.url.host}"


def _check_redirect(previous: httpx.Request, following: httpx.Request) -> None:
    scheme = following.url.scheme
    if scheme not in ("http", "https") or (previous.url.scheme == "https" and scheme == "http"):
        raise APIConnectionError(
            f"fetching {_origin(previous)} failed: refused a redirect to a {scheme}:// URL",
            request=_masked(previous),
        )


def _masked(request: httpx.Request) -> httpx.Request:
    """A copy of ``request`` to attach to an exception: no key, no body."""
    headers = request.headers.copy()
    if "x-api-key" in headers:
        headers["x-api-key"] = REDACTED
    return httpx.Request(request.method, request.url, headers=headers)


def _has_request(exc: httpx.TransportError) -> bool:
    try:
        exc.request  # noqa: B018 - httpx raises RuntimeError when no request is attached
    except RuntimeError:
        return False
    return True


__all__ = [
    "IDEMPOTENCY_HEADER",
    "USER_AGENT",
    "APIRequest",
    "ContentFactory",
    "Files",
    "Transport",
    "read_capped",
]
