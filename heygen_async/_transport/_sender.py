"""The send loop of API calls (``_media`` sends the GETs of media hosts).

Every API call goes through ``Transport.request``: it adds the key, User-Agent and
any idempotency key, waits out a pause, takes a request slot, sends (never
following redirects, so the key never travels elsewhere), retries by the one
decision of ``_retry.decide``, and hands back what the dialect of the backend's
API version unwraps, or a typed error. Nothing here knows a path or an envelope.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx

from .._clock import Clock
from .._constants import (
    HELD_CREATE_MAX_RETRIES,
    IN_PROGRESS_MAX_RETRIES,
    JOB_LIMIT_MIN_DELAY,
    RETRY_AFTER_JITTER,
)
from .._errors import APIResponseError, APIStatusError, AuthenticationError, RateLimitError
from .._logging import logger, redact
from ._announce import CREATE_ANNOUNCER
from ._body import read_capped
from ._call import CURRENT_CALL, CallOptions
from ._diagnose import DeadlineExceeded, connection_error, masked_cause, resend_hint
from ._dialect import Dialect
from ._envelope import build_status_error, error_info, unwrap_success
from ._hold import CREATE_HOLD, JobLimitHold
from ._media import open_media
from ._rate import RateController
from ._request import API_KEY_HEADER, IDEMPOTENCY_HEADER, USER_AGENT, APIRequest, client_headers
from ._retry import Verdict, backoff_cap, decide, parse_retry_after, was_sent

REQUEST_IN_PROGRESS = "request_in_progress"


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
        raise DeadlineExceeded(f"the call took longer than {deadline:g} s", request=built)

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
                        failure = connection_error(
                            request,
                            exc,
                            sent=was_sent(exc),
                            host=self._host(request),
                            secret=self._api_key,
                        )
                        raise failure from masked_cause(exc, self._api_key)
                    self._log_retry(
                        request, attempt, type(exc).__name__, verdict.delay, max_retries
                    )
                    await self.clock.sleep(verdict.delay)
                    attempt += 1
                    continue

                self._log(request, attempt, str(response.status_code), started)
                if record is not None:
                    record.answered(response, body, self._api_key)
                if response.is_success:
                    if lane:
                        self.rate.mark_job_lane(full=False)
                    if not request.expect_json:
                        return None
                    return unwrap_success(response, body, self.dialect, secret=self._api_key)

                retry_after = parse_retry_after(response.headers)
                error = self._status_error(request, response, body, retry_after)
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

    def _status_error(
        self,
        request: APIRequest,
        response: httpx.Response,
        body: bytes,
        retry_after: float | None,
    ) -> APIStatusError:
        """The typed error of a non-2xx answer; a refused key says where it came from."""
        error = build_status_error(
            response,
            body,
            error_info(response, body, self.dialect, secret=self._api_key),
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
        elif error.may_have_been_processed and request.billed and request.idempotency_key:
            _add_hint(error, resend_hint(request.idempotency_key))
        return error

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

    def open_media(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """Stream a GET of a third-party URL (a media host, an upload source).

        It carries no API key (those hosts are not HeyGen's API), shares the pool
        with the API calls, and follows at most ``MEDIA_MAX_REDIRECTS`` redirects
        itself (http(s) only, never from https down to http), whatever the http
        client's own settings. The answer's headers must arrive within the
        client's timeout; the body must keep coming (each chunk within the read
        timeout, at least ``MEDIA_MIN_BYTES_PER_WINDOW`` bytes per such window),
        else an ``httpx.ReadTimeout`` is raised from it. Retrying is the caller's,
        through ``_media.retry_media``.
        """
        call = CURRENT_CALL.get()  # its timeout applies here too, never its headers
        chosen = self._chosen_timeout(timeout, None if call is None else call.options)
        return open_media(
            self.http,
            url,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            timeout=chosen,
            deadline=_longest(chosen),
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


def _longest(timeout: httpx.Timeout) -> float | None:
    values = [
        value
        for value in (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if value is not None
    ]
    return max(values) if values else None


__all__ = ["Transport"]
