"""The retry rules (design.md section 4), as pure functions of one failed attempt."""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable

import httpx

from .._constants import RETRY_BASE_DELAY, RETRY_MAX_DELAY, RETRYABLE_STATUS_CODES

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})

# Failures that prove the request never reached HeyGen.
_NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)


def was_sent(exc: httpx.TransportError) -> bool:
    """False only when the connection was never made, so nothing reached HeyGen."""
    return not isinstance(exc, _NOT_SENT_ERRORS)


def backoff_cap(attempt: int) -> float:
    """Upper bound of the full-jitter delay before retry number ``attempt + 1``."""
    return min(RETRY_MAX_DELAY, RETRY_BASE_DELAY * math.pow(2, attempt))


def status_is_retryable(status_code: int, *, idempotent: bool) -> bool:
    """429 is retried for every method (HeyGen did not process it); others only if idempotent."""
    if status_code == 429:
        return True
    return idempotent and status_code in RETRYABLE_STATUS_CODES


def parse_retry_after(
    headers: httpx.Headers, *, wall_clock: Callable[[], float] = time.time
) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or HTTP date)."""
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - wall_clock()
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)
