"""One public call's scope: its per-request options and what its requests answered.

A public method of the client opens a ``call_scope`` around its work; the
transport reads the options of the scope it runs in (extra headers, extra query
parameters, an HTTP timeout) and leaves the last answer there, which gives the
result its request id and ``with_raw_response`` its status and headers. A context
variable carries the scope, so no backend or workflow signature has to pass it
along, and tasks started inside a call inherit it.

::

    with call_scope(CallOptions.of(extra_headers={"X-Trace": "1"})) as record:
        status = await backend.get_video_status(video_id)
    record.request_id  # of the last answer
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

import httpx

from .._errors import InvalidRequestError
from .._logging import redact_cut

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")

# Headers that carry a meaning the SDK owns: set by their own parameters.
_RESERVED_HEADERS = {
    "x-api-key": "api_key=",
    "idempotency-key": "idempotency_key=",
}


@dataclass(frozen=True, slots=True)
class CallOptions:
    """The per-request options of one call; equal options can share a request."""

    headers: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()
    timeout: httpx.Timeout | None = None

    @classmethod
    def of(
        cls,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None = None,
        timeout_name: str = "timeout",
    ) -> CallOptions | None:
        """Checked options, or None when none is given (the common, free case).

        Raises ``InvalidRequestError`` naming the option for a bad value.
        """
        if extra_headers is None and extra_query is None and timeout is None:
            return None
        return cls(
            headers=_headers(extra_headers, "extra_headers"),
            query=_query(extra_query),
            timeout=call_timeout(timeout, timeout_name),
        )


# What a call keeps of its last answer: nothing (waits: a sleeping wait holds no
# response), its request id (a model's ``request_id``), or all of it (raw).
KEEP_NOTHING, KEEP_REQUEST_ID, KEEP_ANSWER = 0, 1, 2


class CallRecord:
    """What one call's requests answered, as much of it as the call needs."""

    __slots__ = ("body", "keep", "options", "outer", "request_id", "response")

    def __init__(self, options: CallOptions | None, keep: int = KEEP_NOTHING) -> None:
        self.options = options
        self.keep = keep
        self.outer: CallRecord | None = None
        self.response: httpx.Response | None = None
        self.body: bytes = b""
        # The request id of the last answer (HeyGen's ``X-Request-Id``), if it sent one.
        self.request_id: str | None = None

    def answered(self, response: httpx.Response, body: bytes, secret: str | None = None) -> None:
        """Note the answer of one of the call's requests (the transport calls it); the
        calls this one runs inside see it too. Its request id is read as an error's
        is (``read_request_id``: the same headers, redacted of ``secret``)."""
        if self.keep == KEEP_NOTHING:
            return
        request_id = read_request_id(response, secret)
        record: CallRecord | None = self
        while record is not None:
            record.request_id = request_id
            if record.keep == KEEP_ANSWER:
                record.response, record.body = response, body
            record = record.outer


def read_request_id(response: httpx.Response, secret: str | None = None) -> str | None:
    """The answer's request id header, redacted (a server may reflect anything): the
    one reading of it, for errors, models and raw responses alike."""
    for name in _REQUEST_ID_HEADERS:
        value = response.headers.get(name)
        if value:
            return redact_cut(str(value), secret, 200)
    return None


CURRENT_CALL: ContextVar[CallRecord | None] = ContextVar("heygen_async_call", default=None)


# The record of a call with nothing to carry nor keep, outside any other call: it is
# not set as the current call (for which None means the same), so that a sleeping
# wait holds neither a record nor a context of its own (issue 24). Never written to:
# ``answered`` keeps nothing for KEEP_NOTHING.
_NOTHING_TO_RECORD = CallRecord(None, KEEP_NOTHING)


def enter_call(
    options: CallOptions | None, keep: int = KEEP_NOTHING
) -> tuple[CallRecord, Token[CallRecord | None] | None]:
    """Open a call's scope (see ``call_scope``); ``leave_call`` closes it."""
    outer = CURRENT_CALL.get()
    if outer is None:
        if options is None and keep == KEEP_NOTHING:
            return _NOTHING_TO_RECORD, None
        record = CallRecord(options, keep)
    else:  # a call inside a call keeps what the outer one needs too
        record = CallRecord(
            options if options is not None else outer.options, max(keep, outer.keep)
        )
        record.outer = outer
    return record, CURRENT_CALL.set(record)


def leave_call(record: CallRecord, token: Token[CallRecord | None] | None) -> None:
    if token is not None:
        CURRENT_CALL.reset(token)


@contextmanager
def call_scope(options: CallOptions | None, keep: int = KEEP_NOTHING) -> Iterator[CallRecord]:
    """Run the requests inside with ``options``; the record keeps their last answer.

    Inside another call's scope (one public method calling another, or
    ``with_raw_response``), a call without options of its own keeps the outer
    options, and the outer record sees the last answer too.
    """
    record, token = enter_call(options, keep)
    try:
        yield record
    finally:
        leave_call(record, token)


def call_timeout(
    value: float | httpx.Timeout | None, name: str = "timeout"
) -> httpx.Timeout | None:
    """A per-request HTTP timeout as ``httpx.Timeout`` (None: the client's)."""
    if value is None or isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidRequestError(
            f"{name}: must be a positive number of seconds or an httpx.Timeout (got {value!r})",
            field=name,
            allowed="a number of seconds > 0 or an httpx.Timeout",
        )
    return httpx.Timeout(float(value))


def checked_headers(value: Mapping[str, str] | None, name: str) -> dict[str, str]:
    """Headers given by the user (``default_headers``, ``extra_headers``), checked."""
    return dict(_headers(value, name))


def _headers(value: Mapping[str, str] | None, name: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise InvalidRequestError(
            f"{name}: must be a dict of header names to strings (got {type(value).__name__})",
            field=name,
            allowed="a dict of str to str",
        )
    pairs = []
    for key, text in value.items():
        if not isinstance(key, str) or not key.strip() or not isinstance(text, str):
            # The value is not shown: headers often carry credentials.
            raise InvalidRequestError(
                f"{name}: header names must be non-empty strings and values strings "
                f"(got {key!r}: a {type(text).__name__})",
                field=name,
                allowed="a dict of str to str",
            )
        owner = _RESERVED_HEADERS.get(key.lower())
        if owner is not None:
            raise InvalidRequestError(
                f"{name}: {key} is set by the SDK; pass {owner} instead",
                field=name,
                allowed=f"any header but {', '.join(sorted(_RESERVED_HEADERS))}",
            )
        if "\n" in text or "\r" in text:
            raise InvalidRequestError(
                f"{name}: the value of {key} must be one line",
                field=name,
                allowed="header values without line breaks",
            )
        pairs.append((key, text))
    return tuple(pairs)


def _query(value: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise InvalidRequestError(
            f"extra_query: must be a dict of parameter names to values (got "
            f"{type(value).__name__})",
            field="extra_query",
            allowed="a dict of str to str, int, float or bool",
        )
    pairs = []
    for key, item in value.items():
        if not isinstance(key, str) or not key or not isinstance(item, (str, int, float)):
            raise InvalidRequestError(
                f"extra_query: parameters must be names with a string or number value "
                f"(got {key!r}: {item!r})",
                field="extra_query",
                allowed="a dict of str to str, int, float or bool",
            )
        text = str(item).lower() if isinstance(item, bool) else str(item)
        pairs.append((key, text))
    return tuple(pairs)


__all__ = [
    "CURRENT_CALL",
    "KEEP_ANSWER",
    "KEEP_NOTHING",
    "KEEP_REQUEST_ID",
    "CallOptions",
    "CallRecord",
    "call_scope",
    "call_timeout",
    "checked_headers",
    "enter_call",
    "leave_call",
]
