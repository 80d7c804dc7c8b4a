"""Reading answers, whatever the API version: JSON or not, request ids, error objects.

What an envelope means is the dialect's (``_dialect.Dialect``, one per backend);
this module holds what every dialect shares: decoding, excerpts (redacted),
request ids, and turning an ``ErrorInfo`` into the typed exception. Anything that
is not JSON (HTML pages, empty or truncated bodies) on an error status still maps
by HTTP status; on a success status it is an ``APIResponseError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .._constants import ERROR_BODY_EXCERPT
from .._errors import (
    APIResponseError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InsufficientCreditError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from .._logging import redact

if TYPE_CHECKING:
    from ._dialect import Dialect

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ErrorInfo:
    """What an error answer said, whatever its shape."""

    code: int | str | None
    message: str
    param: str | None = None


_CLASS_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: BadRequestError,
    429: RateLimitError,
}


def class_for_status(status_code: int) -> type[APIStatusError]:
    """The exception class of an HTTP error status, when no code says more."""
    if status_code >= 500:
        return InternalServerError
    return _CLASS_BY_STATUS.get(status_code, APIStatusError)


def error_object(error: Any) -> ErrorInfo:
    """An ``error`` member (an object or a bare message) as ``ErrorInfo``."""
    if isinstance(error, dict):
        message = error.get("message") or error.get("msg") or error.get("detail") or ""
        code = error.get("code")
        if code is not None and not isinstance(code, (int, str)):
            code = str(code)
        param = error.get("param")
        return ErrorInfo(code, str(message), None if param is None else str(param))
    return ErrorInfo(None, str(error))


def _excerpt(text: str, secret: str | None) -> str:
    return redact(text[:ERROR_BODY_EXCERPT], secret)


def _request_id(response: httpx.Response) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = response.headers.get(name)
        if value:
            return str(value)
    return None


def parse_json(response: httpx.Response) -> tuple[bool, Any]:
    """(True, the decoded body) or (False, None) for a body that is not JSON."""
    if not response.content:
        return False, None
    try:
        return True, json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return False, None


def _message_without_json(response: httpx.Response) -> str:
    text = response.text if response.content else ""
    title = _HTML_TITLE.search(text)
    if title:
        return " ".join(title.group(1).split())
    if not text.strip():
        return response.reason_phrase or "empty response body"
    return " ".join(text.split())[:200]


def build_status_error(
    response: httpx.Response,
    info: ErrorInfo,
    dialect: Dialect,
    *,
    secret: str | None,
    may_have_been_processed: bool = False,
    retry_after: float | None = None,
) -> APIStatusError:
    cls = dialect.error_class(response.status_code, info.code)
    kwargs: dict[str, Any] = {
        "status_code": response.status_code,
        "code": info.code,
        "request_id": _request_id(response),
        "body": _excerpt(response.text if response.content else "", secret),
        "may_have_been_processed": may_have_been_processed,
        "param": info.param,
    }
    message = redact(info.message or response.reason_phrase or "error", secret)
    if issubclass(cls, RateLimitError):
        return cls(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def error_from_response(
    response: httpx.Response,
    dialect: Dialect,
    *,
    secret: str | None,
    may_have_been_processed: bool = False,
    retry_after: float | None = None,
) -> APIStatusError:
    """The typed error for a non-2xx answer, whatever its body looks like."""
    parsed, body = parse_json(response)
    info = dialect.error_in_body(body) if parsed else None
    if info is None:
        message = ""
        if parsed and isinstance(body, dict):
            message = str(body.get("message") or body.get("msg") or "")
        info = ErrorInfo(None, message or _message_without_json(response))
    return build_status_error(
        response,
        info,
        dialect,
        secret=secret,
        may_have_been_processed=may_have_been_processed,
        retry_after=retry_after,
    )


def unwrap_success(response: httpx.Response, dialect: Dialect, *, secret: str | None) -> Any:
    """What a 2xx answer carries; raises if the body is unreadable or reports an error."""
    parsed, body = parse_json(response)
    if not parsed:
        raise APIResponseError(
            f"HeyGen answered HTTP {response.status_code} with a body that is not JSON",
            status_code=response.status_code,
            body=_excerpt(response.text if response.content else "", secret),
        )
    info = dialect.error_in_body(body)
    if info is not None:
        raise build_status_error(response, info, dialect, secret=secret)
    return dialect.unwrap(body)
