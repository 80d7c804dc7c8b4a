"""Why a connection failed, said in plain words, with nothing secret attached.

httpx reports a refused port, a DNS miss, a bad certificate and a dropped
connection as a few broad exception types whose text comes from several layers
(httpx, httpcore, the operating system). The caller needs to know which one it
was, whether HeyGen may have acted on the request anyway, and must never see
the API key in the message, the attached request or the chained cause. This
module turns a ``httpx.TransportError`` into that error; the send loop decides
whether to raise it.
"""

from __future__ import annotations

import errno
import socket
import ssl
from typing import TYPE_CHECKING

import httpx

from .._errors import APIConnectionError, APITimeoutError
from .._logging import REDACTED, redact

if TYPE_CHECKING:
    from ._request import APIRequest


class DeadlineExceeded(httpx.ReadTimeout):
    """One attempt ran past the client's timeout (connect + send + the whole body)."""


def resend_hint(idempotency_key: str) -> str:
    """What to do about a billed create whose retries were used up after it may have
    been processed: its key makes sending it again harmless."""
    return (
        f"retries were used up; sending it again with idempotency_key={idempotency_key!r} "
        "within 24 h returns that video, not a new one"
    )


def connection_error(
    request: APIRequest, exc: httpx.TransportError, *, sent: bool, host: str, secret: str
) -> APIConnectionError:
    """The typed error for a request whose connection failed: what broke, and whether
    HeyGen may have processed it (``sent`` and not idempotent), with what to do then."""
    what = f"{request.method} {request.path}"
    timed_out = isinstance(exc, httpx.TimeoutException)
    if timed_out:
        message = f"{what} to {host} timed out"
    else:
        message = f"{what} to {host} failed: {_cause(exc)} ({type(exc).__name__})"
    processed = sent and not request.idempotent
    if processed:
        noun = "a video may exist" if request.billed else "it may have taken effect"
        message += f"; the request reached HeyGen and may have been processed, so {noun}"
        if request.idempotency_key is not None:
            message += f": {resend_hint(request.idempotency_key)}"
        else:
            message += ": it was not retried automatically, check before sending it again"
    if isinstance(exc, DeadlineExceeded):
        message += f" ({exc})"
    message = redact(message, secret)
    cls = APITimeoutError if timed_out else APIConnectionError
    return cls(
        message,
        request=masked(exc.request) if _has_request(exc) else None,
        may_have_been_processed=processed,
    )


def masked_cause(exc: httpx.TransportError, secret: str) -> httpx.TransportError:
    """A copy of ``exc`` to chain as the cause: its message redacted, its request's
    key masked, and below it only the operating system's own error (refused, DNS,
    TLS), whose text no server wrote."""
    message = redact(str(exc), secret)
    try:
        clean = type(exc)(message)
    except TypeError:  # a subclass with another constructor
        clean = httpx.TransportError(message)
    if _has_request(exc):
        clean.request = masked(exc.request)
    clean.__cause__ = next((error for error in _chain(exc)[1:] if isinstance(error, OSError)), None)
    clean.__suppress_context__ = True
    return clean


def masked(request: httpx.Request) -> httpx.Request:
    """A copy of ``request`` to attach to an exception: no key, no body."""
    headers = request.headers.copy()
    if "x-api-key" in headers:
        headers["x-api-key"] = REDACTED
    return httpx.Request(request.method, request.url, headers=headers)


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and its causes, outermost first (httpx -> httpcore -> the OS's error)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
    "name resolution",
)


def _cause(exc: httpx.TransportError) -> str:
    """The reason a connection failed, in plain words: refused, DNS, TLS, reset..."""
    chain = _chain(exc)
    texts = " ".join(str(error).lower() for error in chain)
    if any(isinstance(error, ssl.SSLError) for error in chain) or any(
        word in texts for word in ("ssl", "certificate", "tls")
    ):
        return "the TLS handshake failed (certificate or protocol)"
    if any(isinstance(error, socket.gaierror) for error in chain) or any(
        word in texts for word in _DNS_WORDS
    ):
        return "its name could not be resolved (DNS)"
    if any(isinstance(error, ConnectionRefusedError) for error in chain) or (
        "connection refused" in texts
        or "connect call failed" in texts
        or f"errno {errno.ECONNREFUSED}]" in texts
    ):
        return "the connection was refused (nothing listens there?)"
    if isinstance(exc, httpx.RemoteProtocolError) or any(
        isinstance(error, (ConnectionResetError, BrokenPipeError)) for error in chain
    ):
        return "the connection was closed before the answer came"
    if isinstance(exc, httpx.ConnectError):
        return "could not connect"
    return "the transfer broke off"


def _has_request(exc: httpx.TransportError) -> bool:
    try:
        exc.request  # noqa: B018 - httpx raises RuntimeError when no request is attached
    except RuntimeError:
        return False
    return True


__all__ = ["DeadlineExceeded", "connection_error", "masked", "masked_cause", "resend_hint"]
