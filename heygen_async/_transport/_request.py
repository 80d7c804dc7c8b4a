"""One HeyGen call, as the backends describe it, and the headers every call carries.

A backend says what to send (method, path, body, whether it is billed, its
idempotency key) in an ``APIRequest``; how it is sent (key, retries, pauses,
timeouts) is the transport's. Keeping the description a plain value lets the
send loop build the same request again for each retry.
"""

from __future__ import annotations

import platform
from collections.abc import AsyncIterable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from .._version import __version__
from ._retry import IDEMPOTENT_METHODS

Host = Literal["api", "upload"]
ContentFactory = Callable[[], AsyncIterable[bytes]]
# Multipart parts as httpx takes them: name -> (filename, bytes or file, content type).
Files = Mapping[str, tuple[str, Any, str]]
IDEMPOTENCY_HEADER = "Idempotency-Key"

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


__all__ = [
    "API_KEY_HEADER",
    "IDEMPOTENCY_HEADER",
    "USER_AGENT",
    "APIRequest",
    "ContentFactory",
    "Files",
    "Host",
    "client_headers",
]
