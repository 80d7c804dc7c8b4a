"""HeyGen's v3 envelopes and error bodies (heygen-v3.md sections 1.0 and 2).

- success: ``{"data": ...}``; lists ``{"data": [...], "has_more": bool,
  "next_token": str | null}`` (the cursor beside ``data``, not in it);
- errors: ``{"error": {"code": "<snake_case>", "message": "...", "param"?: "field",
  "doc_url": "https://developers.heygen.com/docs/error-codes#<code-with-hyphens>"}}``
  (``param`` on validation errors only; ``doc_url`` per code, as HeyGen's own example
  ``#insufficient-credit``) with the HTTP status of section 2.2 (400 ``invalid_parameter``, 401
  ``unauthorized``, 402 ``insufficient_credit``, 404 ``not_found``, 409
  ``request_in_progress``, 413 ``payload_too_large``, 429 ``rate_limit_exceeded``).
"""

from __future__ import annotations

import json
from typing import Any

from ...server import (
    HTML,
    ApiError,
    CoreError,
    Fault,
    Request,
    Response,
    dumps,
    html_page,
    json_response,
)

INVALID_PARAMETER = "invalid_parameter"
INSUFFICIENT_CREDIT = "insufficient_credit"
UNAUTHORIZED = "unauthorized"
NOT_FOUND = "not_found"
AVATAR_NOT_FOUND = "avatar_not_found"
VOICE_NOT_FOUND = "voice_not_found"
ASSET_NOT_AVAILABLE = "asset_not_available"
REQUEST_IN_PROGRESS = "request_in_progress"
PAYLOAD_TOO_LARGE = "payload_too_large"
RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
INTERNAL_ERROR = "internal_error"
GATEWAY_TIMEOUT = "gateway_timeout"

MALFORMED_JSON = b'{"data":{"video_id":"'


def success(data: Any) -> Response:
    return json_response(200, dumps({"data": data}))


def listing(items: list[Any], next_token: str | None) -> Response:
    body = {"data": items, "has_more": next_token is not None, "next_token": next_token}
    return json_response(200, dumps(body))


ERROR_DOCS = "https://developers.heygen.com/docs/error-codes"


def doc_url(code: str) -> str:
    """The page HeyGen's error body points at for ``code``."""
    return f"{ERROR_DOCS}#{code.replace('_', '-')}"


def error_body(code: str, message: str, param: str | None = None) -> bytes:
    error: dict[str, str] = {"code": code, "message": message}
    if param is not None:
        error["param"] = param
    error["doc_url"] = doc_url(code)
    return dumps({"error": error})


def invalid(param: str, message: str) -> ApiError:
    """400 ``invalid_parameter`` naming the field."""
    return ApiError(400, INVALID_PARAMETER, message, param=param)


def not_found(code: str, message: str, param: str | None = None) -> ApiError:
    return ApiError(404, code, message, param=param)


def parse_json(request: Request, *, optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object (an empty body is ``{}`` when ``optional``)."""
    if optional and not request.body.strip():
        return {}
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise invalid("body", "Request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise invalid("body", "Request body must be a JSON object")
    return body


class V3Wire:
    """The ``Wire`` of every ``/v3`` route."""

    def error(self, error: ApiError) -> Response:
        body = error_body(str(error.code), error.message, error.param)
        return json_response(error.http_status, body, list(error.headers))

    def core_error(self, kind: CoreError, message: str) -> Response:
        if kind == "unauthorized":
            return json_response(401, error_body(UNAUTHORIZED, message))
        if kind == "payload_too_large":
            return json_response(413, error_body(PAYLOAD_TOO_LARGE, message))
        if kind == "request_in_progress":
            return json_response(409, error_body(REQUEST_IN_PROGRESS, message))
        return json_response(400, error_body(INVALID_PARAMETER, message, "Idempotency-Key"))

    def fault(self, fault: Fault, headers: list[tuple[str, str]]) -> Response:
        if fault.kind == "html_error":
            return Response(fault.status, html_page(fault.status), HTML, headers)
        if fault.kind == "rate_limit":
            body = error_body(RATE_LIMIT_EXCEEDED, "Too many requests, please retry later")
        else:
            code = GATEWAY_TIMEOUT if fault.status == 504 else INTERNAL_ERROR
            body = error_body(code, "Internal server error, please try again later")
        return json_response(fault.status, body, headers)

    def malformed(self) -> Response:
        return json_response(200, MALFORMED_JSON)


WIRE = V3Wire()
