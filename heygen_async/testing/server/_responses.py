"""Plain HTTP answers any host gives: JSON serialisation, content types, HTML error pages."""

from __future__ import annotations

import json
from typing import Any

from ._asgi import Response

JSON = "application/json"
HTML = "text/html"

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
    504: "Gateway Time-out",
}


def dumps(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def json_response(
    status: int, body: bytes, headers: list[tuple[str, str]] | None = None
) -> Response:
    return Response(status, body, JSON, headers or [])


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
