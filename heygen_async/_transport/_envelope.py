"""HeyGen's three answer shapes, reduced to one: the ``data`` payload or a typed error.

- v1: ``{"code": 100, "message": "Success", "data": {...}}``; any other code is an error.
- v2: ``{"error": null, "data": {...}}``; a non-null ``error`` ``{code, message}`` is one.
- v3: ``{"data": ...}`` / ``{"error": {"code": "snake_case", "message": ...}}``.
- Anything else (HTML pages, empty or truncated bodies) on an error status still
  maps by HTTP status; on a success status it is an ``APIResponseError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

from .._constants import ERROR_BODY_EXCERPT
from .._errors import APIResponseError, APIStatusError, RateLimitError
from .._logging import redact
from ._errors_map import error_class_for

V1_SUCCESS_CODE = 100
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ErrorInfo:
    """What an error answer said, whatever its shape."""

    code: int | str | None
    message: str


def _excerpt(text: str, secret: str | None) -> str:
    return redact(text[:ERROR_BODY_EXCERPT], secret)


def _request_id(response: httpx.Response) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = response.headers.get(name)
        if value:
            return str(value)
    return None


def _parse_json(response: httpx.Response) -> tuple[bool, Any]:
    if not response.content:
        return False, None
    try:
        return True, json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return False, None


def _error_in_body(body: Any) -> ErrorInfo | None:
    """The error a JSON body reports, or None when it reports success."""
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if error:
        if isinstance(error, dict):
            message = error.get("message") or error.get("msg") or error.get("detail") or ""
            return ErrorInfo(error.get("code"), str(message))
        return ErrorInfo(None, str(error))
    code = body.get("code")
    if code is not None and code != V1_SUCCESS_CODE and str(code) != str(V1_SUCCESS_CODE):
        message = body.get("message") or body.get("msg") or ""
        return ErrorInfo(code, str(message))
    return None


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
    *,
    secret: str | None,
    may_have_been_processed: bool = False,
    retry_after: float | None = None,
) -> APIStatusError:
    cls = error_class_for(response.status_code, info.code)
    kwargs: dict[str, Any] = {
        "status_code": response.status_code,
        "code": info.code,
        "request_id": _request_id(response),
        "body": _excerpt(response.text if response.content else "", secret),
        "may_have_been_processed": may_have_been_processed,
    }
    message = redact(info.message or response.reason_phrase or "error", secret)
    if issubclass(cls, RateLimitError):
        return cls(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def error_from_response(
    response: httpx.Response,
    *,
    secret: str | None,
    may_have_been_processed: bool = False,
    retry_after: float | None = None,
) -> APIStatusError:
    """The typed error for a non-2xx answer, whatever its body looks like."""
    parsed, body = _parse_json(response)
    info = _error_in_body(body) if parsed else None
    if info is None:
        message = ""
        if parsed and isinstance(body, dict):
            message = str(body.get("message") or body.get("msg") or "")
        info = ErrorInfo(None, message or _message_without_json(response))
    return build_status_error(
        response,
        info,
        secret=secret,
        may_have_been_processed=may_have_been_processed,
        retry_after=retry_after,
    )


def unwrap_success(response: httpx.Response, *, secret: str | None) -> Any:
    """The ``data`` of a 2xx answer; raises if the body is unreadable or reports an error."""
    parsed, body = _parse_json(response)
    if not parsed:
        raise APIResponseError(
            f"HeyGen answered HTTP {response.status_code} with a body that is not JSON",
            status_code=response.status_code,
            body=_excerpt(response.text if response.content else "", secret),
        )
    info = _error_in_body(body)
    if info is not None:
        raise build_status_error(response, info, secret=secret)
    if isinstance(body, dict) and ("data" in body or "code" in body or "error" in body):
        return body.get("data")
    return body
