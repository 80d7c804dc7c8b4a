"""The ``heygen_async`` logger: metadata only, never bodies or the API key.

``HEYGEN_LOG=debug|info|warning`` (read when a client is built) sets its level.
When the application configured no logging (no handler on this logger nor on the
root logger) it also prints to stderr, through one handler that redacts the API
key; otherwise the SDK adds no handler and the application's configuration routes
the records. Any other value is reported once (a warning record) and ignored.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from functools import lru_cache
from typing import TextIO

from ._constants import ENV_API_KEY, ENV_LOG, REDACT_MIN_PIECE

logger = logging.getLogger("heygen_async")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
LOG_FORMAT = "[%(asctime)s %(levelname)s %(name)s] %(message)s"

REDACTED = "[redacted]"

_lock = threading.Lock()
_warned: set[str] = set()
_secrets: dict[str, None] = {}  # insertion-ordered, bounded: the keys of recent clients
_MAX_SECRETS = 8


def apply_env_log_level(api_key: str | None = None) -> None:
    """Honour ``HEYGEN_LOG`` (read when a client is built, not at import).

    ``api_key`` (the client's) is redacted from what the stderr handler prints, as
    is ``HEYGEN_API_KEY``; the SDK's records hold no key anyway.
    """
    raw = os.environ.get(ENV_LOG, "").strip()
    if not raw:
        return
    level = _LEVELS.get(raw.lower())
    if level is None:
        _warn_invalid(raw)
        return
    logger.setLevel(level)
    with _lock:
        if api_key:
            _secrets.pop(api_key, None)
            _secrets[api_key] = None
            while len(_secrets) > _MAX_SECRETS:
                del _secrets[next(iter(_secrets))]
        if not _application_logs() and not any(
            isinstance(h, StderrHandler) for h in logger.handlers
        ):
            logger.addHandler(StderrHandler())


def _application_logs() -> bool:
    """True when the application has configured logging for these records."""
    return bool(logger.handlers) or bool(logging.getLogger().handlers)


def _warn_invalid(raw: str) -> None:
    shown = raw[:40]
    with _lock:
        if shown in _warned:
            return
        _warned.add(shown)
    logger.warning("%s=%r is not one of %s; ignored", ENV_LOG, shown, ", ".join(_LEVELS))


class _RedactingFormatter(logging.Formatter):
    """The readable format, with every known API key cut out of the finished line
    (message, arguments and any traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        env_key = os.environ.get(ENV_API_KEY)
        with _lock:
            secrets = [*_secrets, *([env_key] if env_key else [])]
        for secret in secrets:
            text = redact(text, secret)
        return text


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """What ``HEYGEN_LOG`` adds when nothing else would print: ``sys.stderr`` as it
    is at each record (so redirections and captures see it), redacted, and silent
    once the application configures the root logger (whose handlers then print
    the records; no line twice)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(_RedactingFormatter(LOG_FORMAT))

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        if logging.getLogger().handlers and logger.propagate:
            return
        super().emit(record)


@lru_cache(maxsize=8)
def _pieces(secret: str) -> tuple[frozenset[str], re.Pattern[str]]:
    """The runs of ``REDACT_MIN_PIECE`` characters of ``secret``, and a pattern that
    finds any of them (a quick no for the many texts holding none: request ids)."""
    pieces = frozenset(
        secret[i : i + REDACT_MIN_PIECE] for i in range(len(secret) - REDACT_MIN_PIECE + 1)
    )
    return pieces, re.compile("|".join(re.escape(piece) for piece in sorted(pieces)))


def redact(text: str, secret: str | None) -> str:
    """Remove ``secret`` from ``text``: every whole occurrence, and every run of
    ``REDACT_MIN_PIECE`` or more of its characters in a row (a key cut in half, or
    echoed in part, is still a key). Redact before cutting text to a length.

    Public as ``heygen_async.redact(text, api_key)`` (``client.redact(text)`` uses
    the client's own key)."""
    if not secret or not text:
        return text
    if secret in text:
        text = text.replace(secret, REDACTED)
    size = REDACT_MIN_PIECE
    if len(secret) < size or len(text) < size:
        return text
    pieces, any_piece = _pieces(secret)
    if any_piece.search(text) is None:
        return text
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
