"""The retry rules (design.md section 4), as pure functions of one failed attempt."""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import httpx

from .._constants import (
    RETRY_AFTER_CAP,
    RETRY_BASE_DELAY,
    RETRY_MAX_DELAY,
    RETRYABLE_STATUS_CODES,
)

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


Pause = Literal["all", "creates"] | None


@dataclass(frozen=True)
class Verdict:
    """What to do after one failed attempt: retry or not, after how long, and whom
    to pause (``"all"`` tasks, only new ``"creates"``, or nobody)."""

    retry: bool
    delay: float = 0.0
    pause: Pause = None


def decide(
    *,
    attempt: int,
    max_retries: int,
    retry_safe: bool,
    backoff: float,
    status_code: int | None = None,
    error: Exception | None = None,
    retry_after: float | None = None,
    is_create: bool = False,
    creates_refused_at_job_limit: bool = False,
    transport_error: httpx.TransportError | None = None,
) -> Verdict:
    """The one retry decision of the SDK, for API calls, downloads and fetches alike.

    ``retry_safe`` is True for idempotent methods and for requests carrying an
    idempotency key: those are retried after any transient failure. Anything else
    is retried only where it provably was not processed (never sent, or 429).
    ``backoff`` is a full-jitter draw for this attempt; a ``Retry-After`` (plus
    jitter, added by the caller) is a floor on it.
    """
    from .._errors import QuotaExceededError  # the errors module imports nothing of ours

    if transport_error is not None:
        retryable = retry_safe or not was_sent(transport_error)
        return Verdict(retryable and attempt < max_retries, backoff)
    assert status_code is not None
    if isinstance(error, QuotaExceededError):
        return Verdict(False)  # an empty quota is not a rate limit: waiting will not refill it
    if retry_after is not None and retry_after > RETRY_AFTER_CAP:
        return Verdict(False)  # RateLimitError carries .retry_after for the caller to decide
    delay = backoff if retry_after is None else max(backoff, retry_after)
    pause: Pause = None
    if status_code == 429 or (status_code == 503 and retry_after is not None):
        # The account is what is limited: everyone waits, not just this task, whether
        # or not this request itself is retried. v3 refuses creates beyond the job
        # limit with a 429: that holds creates, while polls go on seeing jobs finish.
        pause = "creates" if is_create and creates_refused_at_job_limit else "all"
    retryable = status_code == 429 or (retry_safe and status_code in RETRYABLE_STATUS_CODES)
    return Verdict(retryable and attempt < max_retries, delay, pause)
