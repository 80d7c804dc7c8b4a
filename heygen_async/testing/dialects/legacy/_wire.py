"""HeyGen's v1/v2 envelopes, error codes and the legacy routes' ``Wire`` (heygen-api.md 8.2).

- v2 endpoints: ``{"error": null, "data": {...}}``; errors
  ``{"error": {"code": ..., "message": ...}, "data": null}``.
- v1 endpoints: ``{"code": 100, "message": "Success", "data": {...}}``; errors
  ``{"code": <int>, "message": "..."}`` with a non-2xx status.
"""

from __future__ import annotations

from typing import Any, Literal

from ...server import HTML, ApiError, CoreError, Fault, Response, dumps, html_page, json_response

Envelope = Literal["v1", "v2"]

# HeyGen's numeric codes (heygen-api.md section 8.3).
MISSING_PARAMS = 40001
INVALID_PARAMETER = 400175
INVALID_QUERY_PARAM = 40012
INVALID_TEXT_INPUT = 40039
INVALID_VIDEO_ID = 40031
AVATAR_NOT_FOUND = 400144
PHOTAR_NOT_FOUND = 400174
VOICE_NOT_FOUND = 400116
INVALID_FILE_TYPE = 400111
UNAUTHORIZED = 400112
RATE_LIMITED = 400140
# A v2 401 was seen answering with this string code (heygen-api.md section 8.2).
V2_INTERNAL_ERROR = "internal_error"


def success(envelope: Envelope, data: Any) -> bytes:
    if envelope == "v2":
        return dumps({"error": None, "data": data})
    return dumps({"code": 100, "message": "Success", "data": data})


def failure(envelope: Envelope, code: int | str, message: str) -> bytes:
    if envelope == "v2":
        return dumps({"error": {"code": code, "message": message}, "data": None})
    return dumps({"code": code, "message": message})


# What a truncated response looks like: valid start, no end.
MALFORMED_JSON = {
    "v1": b'{"code":100,"message":"Success","data":{"id":"',
    "v2": b'{"error":null,"data":{"video_id":"',
}


class LegacyWire:
    """The ``Wire`` of v1 or v2 routes: errors, faults and 401s in that envelope."""

    def __init__(self, envelope: Envelope) -> None:
        self.envelope: Envelope = envelope

    def error(self, error: ApiError) -> Response:
        return json_response(error.http_status, failure(self.envelope, error.code, error.message))

    def core_error(self, kind: CoreError, message: str) -> Response:
        if kind == "unauthorized":
            # v1 paths answer {"code": 400112, ...}; the v2 envelope carries the
            # string code "internal_error", as seen from HeyGen (heygen-api.md 8.2).
            code: int | str = V2_INTERNAL_ERROR if self.envelope == "v2" else UNAUTHORIZED
            return json_response(401, failure(self.envelope, code, message))
        if kind == "payload_too_large":
            # A proxy in front of HeyGen answers oversized bodies in HTML.
            return Response(413, html_page(413), HTML)
        # Idempotency-Key is a v3 feature; legacy routes never honour it.
        return json_response(400, failure(self.envelope, INVALID_PARAMETER, message))

    def fault(self, fault: Fault, headers: list[tuple[str, str]]) -> Response:
        if fault.kind == "html_error":
            return Response(fault.status, html_page(fault.status), HTML, headers)
        if fault.kind == "rate_limit":
            body = failure(self.envelope, RATE_LIMITED, "Too many requests, please retry later")
        else:
            code: int | str = V2_INTERNAL_ERROR if self.envelope == "v2" else fault.status
            body = failure(self.envelope, code, "Internal server error, please try again later")
        return json_response(fault.status, body, headers)

    def malformed(self) -> Response:
        return json_response(200, MALFORMED_JSON[self.envelope])
