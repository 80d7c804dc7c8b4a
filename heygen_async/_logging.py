"""The ``heygen_async`` logger: metadata only, never bodies or the API key.

Set ``HEYGEN_LOG=debug`` (or ``info``) to turn it up; the SDK adds no handlers,
so route it with the standard ``logging`` configuration of your application.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from ._constants import ENV_LOG, REDACT_MIN_PIECE

logger = logging.getLogger("heygen_async")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


def apply_env_log_level() -> None:
    """Honour ``HEYGEN_LOG`` (read when a client is built, not at import)."""
    level = _LEVELS.get(os.environ.get(ENV_LOG, "").strip().lower())
    if level is not None:
        logger.setLevel(level)


REDACTED = "[redacted]"


@lru_cache(maxsize=8)
def _pieces(secret: str) -> frozenset[str]:
    return frozenset(
        secret[i : i + REDACT_MIN_PIECE] for i in range(len(secret) - REDACT_MIN_PIECE + 1)
    )


def redact(text: str, secret: str | None) -> str:
    """Remove ``secret`` from ``text``: every whole occurrence, and every run of
    ``REDACT_MIN_PIECE`` or more of its characters in a row (a key cut in half, or
    echoed in part, is still a key). Redact before cutting text to a length."""
    if not secret or not text:
        return text
    if secret in text:
        text = text.replace(secret, REDACTED)
    size = REDACT_MIN_PIECE
    if len(secret) < size or len(text) < size:
        return text
    pieces = _pieces(secret)
    spans: list[list[int]] = []
    for start in range(len(text) - size + 1):
        if text[start : start + size] in pieces:
            if spans and start <= spans[-1][1]:
                spans[-1][1] = start + size
            else:
                spans.append([start, start + size])
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], REDACTED]
        last = end
    out.append(text[last:])
    return "".join(out)


def redact_cut(text: str, secret: str | None, limit: int) -> str:
    """``text`` redacted, then cut to ``limit`` characters (in that order, so that no
    piece of the secret survives at the cut)."""
    # A secret overlapping the first ``limit`` characters lies within this window.
    window = text[: limit + (len(secret) if secret else 0)]
    return redact(window, secret)[:limit]


def mask_key(api_key: str | None) -> str:
    """What a repr shows of a key: whether there is one, never its characters."""
    return "None" if not api_key else "'***'"
