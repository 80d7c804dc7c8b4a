"""HeyGen's envelopes, error bodies and canned pages (heygen-api.md section 8.2).

- v2 endpoints: ``{"error": null, "data": {...}}``; errors
  ``{"error": {"code": ..., "message": ...}, "data": null}``.
- v1 endpoints: ``{"code": 100, "message": "Success", "data": {...}}``; errors
  ``{"code": <int>, "message": "..."}`` with a non-2xx status.
"""

from __future__ import annotations

import json
from typing import Any, Literal

Envelope = Literal["v1", "v2"]

JSON = "application/json"
HTML = "text/html"

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


class ApiError(Exception):
    """Raised by handlers; the app turns it into HeyGen's error body for the endpoint."""

    def __init__(self, http_status: int, code: int | str, message: str) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.code = code
        self.message = message


def dumps(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


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

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
    504: "Gateway Time-out",
}


def reason(status: int) -> str:
    return _REASONS.get(status, "Error")


def html_page(status: int) -> bytes:
    """The HTML error page a proxy in front of HeyGen (nginx-style) would send."""
    title = f"{status} {reason(status)}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode()
