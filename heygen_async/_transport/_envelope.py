"""Reading answers, whatever the API version: JSON or not, request ids, error objects.

What an envelope means is the dialect's (``_dialect.Dialect``, one per backend);
this module holds what every dialect shares: decoding, excerpts (redacted),
request ids, the hints shared by every version (an unknown avatar or voice names
the call that lists them), and turning an ``ErrorInfo`` into the typed exception. Anything that
is not JSON (HTML pages, empty or truncated bodies) on an error status still maps
by HTTP status; on a success status it is an ``APIResponseError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import httpx

from .._constants import ERROR_BODY_EXCERPT, ERROR_MESSAGE_MAX
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
    QuotaExceededError,
    RateLimitError,
)
from .._logging import redact_cut
from ._call import read_request_id as request_id

if TYPE_CHECKING:
    from ._dialect import Dialect

_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ErrorInfo:
    """What an error answer said, whatever its shape, and what to do about it
    (``hint``: appended to the exception's text, kept in ``exc.hint``)."""

    code: int | str | None
    message: str
    param: str | None = None
    hint: str | None = None
    catalogue: Catalogue | None = None


# --- hints ------------------------------------------------------------------------

Catalogue = Literal["avatar", "talking_photo", "voice"]

CATALOGUE_HINTS: dict[Catalogue, str] = {
    "avatar": "list the avatars your key can use with client.list_avatars()",
    "talking_photo": ("list the talking photos your key can use with client.list_talking_photos()"),
    "voice": "list the voices your key can use with client.list_voices()",
}

# The id an error blames, when no code says it (lenient: HeyGen's wording is not
# documented): "Avatar abc not found", "voice_id xyz does not exist", "avatar_id is
# invalid", "Invalid voice id", "Unknown talking photo: abc". "invalid" counts only
# next to an id ("voice speed is invalid" is not about the catalogue).
_SUBJECT = r"\b(avatar|talking[ _]?photo|photar|voice)"
_VALUE = r"(?:\s*[:=]?\s*\S+)?"
_NOT_FOUND = re.compile(
    _SUBJECT + r"(?:[ _]?id\b|[ _]look\b)?" + _VALUE + r"\s+(?:was\s+|is\s+|could\s+)?"
    r"(?:not\s+(?:be\s+)?found|does\s*n[o']?t\s+exist|not\s+exist|no\s+longer\s+available)",
    re.IGNORECASE,
)
_INVALID_ID = re.compile(
    _SUBJECT + r"[ _]?id\b" + _VALUE + r"\s+(?:is\s+)?(?:invalid|unknown|not\s+recogni[sz]ed)",
    re.IGNORECASE,
)
_INVALID_BEFORE = re.compile(
    r"\b(?:invalid|unknown|no\s+such)\s+" + _SUBJECT + r"(?:[ _]?id\b|\s*(?:$|[.:,;(\"'`]))",
    re.IGNORECASE,
)
# A v3 ``param`` naming an id field: "avatar_id", "scenes[0].input.voice_id".
_ID_PARAM = re.compile(r"(?:^|\.)(avatar|talking_photo|voice)_id$")


def _catalogue_of(subject: str) -> Catalogue:
    subject = subject.lower()
    if subject == "voice":
        return "voice"
    return "avatar" if subject == "avatar" else "talking_photo"


def unknown_id_in(message: str) -> Catalogue | None:
    """Which catalogue an error message says an id is missing from: the lenient
    match, for codes HeyGen did not document."""
    head = message[:ERROR_MESSAGE_MAX]
    for pattern in (_NOT_FOUND, _INVALID_ID, _INVALID_BEFORE):
        found = pattern.search(head)
        if found:
            return _catalogue_of(found.group(1))
    return None


def with_catalogue_hint(
    info: ErrorInfo, by_code: Catalogue | None, *, param_counts: bool = False
) -> ErrorInfo:
    """``info`` with the hint naming the listing call, when the id HeyGen could not
    find is an avatar, a talking photo or a voice: by the dialect's code
    (``by_code``), else by the message, else (``param_counts``, for a not-found code)
    by the field HeyGen blamed."""
    catalogue = by_code or unknown_id_in(info.message)
    if catalogue is None and param_counts and info.param:
        field = _ID_PARAM.search(info.param[:200])
        if field:
            catalogue = _catalogue_of(field.group(1))
    if catalogue is None:
        return info
    return replace(info, hint=CATALOGUE_HINTS[catalogue], catalogue=catalogue)


# Errors no listing can help with, whatever their message says.
_NO_CATALOGUE_HINT = (AuthenticationError, RateLimitError, QuotaExceededError, InternalServerError)


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


def _text(value: Any) -> str:
    """A server's value as text, whatever its JSON type (bounded before use)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value)[: ERROR_MESSAGE_MAX * 4]
    except (TypeError, ValueError, RecursionError):
        return type(value).__name__


def _code(value: Any) -> int | str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _text(value)[:ERROR_MESSAGE_MAX]


def error_object(error: Any) -> ErrorInfo:
    """An ``error`` member (an object or a bare message) as ``ErrorInfo``."""
    if isinstance(error, dict):
        message = error.get("message") or error.get("msg") or error.get("detail") or ""
        param = error.get("param")
        return ErrorInfo(
            _code(error.get("code")), _text(message), None if param is None else _text(param)
        )
    return ErrorInfo(None, _text(error))


def body_text(response: httpx.Response, body: bytes) -> str:
    """``body`` as text in the answer's charset, never raising (bad or lying charsets
    fall back to UTF-8 with replacement characters)."""
    if not body:
        return ""
    try:
        return body.decode(response.charset_encoding or "utf-8", errors="replace")
    except (LookupError, UnicodeError, ValueError):
        return body.decode("utf-8", errors="replace")


def _excerpt(text: str, secret: str | None) -> str:
    return redact_cut(text, secret, ERROR_BODY_EXCERPT)


def parse_json(body: bytes) -> tuple[bool, Any]:
    """(True, the decoded body) or (False, None) for a body that is not JSON."""
    if not body:
        return False, None
    try:
        return True, json.loads(body)
    except (ValueError, UnicodeError, RecursionError):
        return False, None


def _message_without_json(response: httpx.Response, text: str, secret: str | None) -> str:
    # Bounded before the regex and the split: the body may be up to the size cap.
    head = redact_cut(text, secret, 8 * ERROR_BODY_EXCERPT)
    title = _HTML_TITLE.search(head)
    if title:
        return " ".join(title.group(1).split())[:200]
    if not head.strip():
        return response.reason_phrase or "empty response body"
    return " ".join(head.split())[:200]


def _redirect_message(response: httpx.Response, secret: str | None) -> str:
    location = redact_cut(response.headers.get("location", ""), secret, 300)
    where = f" to {location!r}" if location else ""
    return (
        f"HeyGen answered HTTP {response.status_code} (a redirect{where}); API calls never "
        "follow redirects, so the API key stays on the API host"
    )


def build_status_error(
    response: httpx.Response,
    body: bytes,
    info: ErrorInfo,
    dialect: Dialect,
    *,
    secret: str | None,
    may_have_been_processed: bool = False,
    retry_after: float | None = None,
) -> APIStatusError:
    """The typed error; every field that came from the server is redacted, then cut."""
    try:
        cls = dialect.error_class(response.status_code, info.code)
    except (TypeError, ValueError, AttributeError):
        cls = class_for_status(response.status_code)
    code = info.code
    if isinstance(code, str):
        code = redact_cut(code, secret, ERROR_MESSAGE_MAX)
    kwargs: dict[str, Any] = {
        "status_code": response.status_code,
        "code": code,
        "request_id": request_id(response, secret),
        "body": _excerpt(body_text(response, body), secret),
        "may_have_been_processed": may_have_been_processed,
        "param": None if info.param is None else redact_cut(info.param, secret, 200),
        "hint": None if issubclass(cls, _NO_CATALOGUE_HINT) else info.hint,
        "catalogue": None if issubclass(cls, _NO_CATALOGUE_HINT) else info.catalogue,
    }
    message = redact_cut(
        info.message or response.reason_phrase or "error", secret, ERROR_MESSAGE_MAX
    )
    if issubclass(cls, RateLimitError):
        return cls(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def error_info(
    response: httpx.Response, body: bytes, dialect: Dialect, *, secret: str | None
) -> ErrorInfo:
    """What a non-2xx answer says, whatever its body looks like (the dialect's error
    object, a bare message, a redirect, an HTML page or nothing)."""
    parsed, data = parse_json(body)
    info = _error_in_body(dialect, data) if parsed else None
    if info is not None:
        return info
    message = ""
    if parsed and isinstance(data, dict):
        message = _text(data.get("message") or data.get("msg") or "")
    if not message and 300 <= response.status_code < 400:
        message = _redirect_message(response, secret)
    if message:
        return with_catalogue_hint(ErrorInfo(None, message), None)
    return ErrorInfo(None, _message_without_json(response, body_text(response, body), secret))


def _error_in_body(dialect: Dialect, data: Any) -> ErrorInfo | None:
    try:
        return dialect.error_in_body(data)
    except (TypeError, ValueError, AttributeError, RecursionError):
        return ErrorInfo(None, "HeyGen's error answer could not be read")


def unwrap_success(
    response: httpx.Response, body: bytes, dialect: Dialect, *, secret: str | None
) -> Any:
    """What a 2xx answer carries; raises if the body is unreadable or reports an error."""
    parsed, data = parse_json(body)
    if not parsed:
        raise APIResponseError(
            f"HeyGen answered HTTP {response.status_code} with a body that is not JSON",
            status_code=response.status_code,
            body=_excerpt(body_text(response, body), secret),
        )
    info = _error_in_body(dialect, data)
    if info is not None:
        raise build_status_error(response, body, info, dialect, secret=secret)
    return dialect.unwrap(data)
