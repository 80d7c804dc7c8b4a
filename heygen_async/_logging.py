"""The ``heygen_async`` logger: metadata only, never bodies or the API key.

Set ``HEYGEN_LOG=debug`` (or ``info``) to turn it up; the SDK adds no handlers,
so route it with the standard ``logging`` configuration of your application.
"""

from __future__ import annotations

import logging
import os

from ._constants import ENV_LOG

logger = logging.getLogger("heygen_async")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


def apply_env_log_level() -> None:
    """Honour ``HEYGEN_LOG`` (read when a client is built, not at import)."""
    level = _LEVELS.get(os.environ.get(ENV_LOG, "").strip().lower())
    if level is not None:
        logger.setLevel(level)


def redact(text: str, secret: str | None) -> str:
    """Remove every occurrence of ``secret`` from ``text``."""
    if secret and secret in text:
        return text.replace(secret, "[redacted]")
    return text


def mask_key(api_key: str | None) -> str:
    """What a repr shows of a key: whether there is one, never its characters."""
    return "None" if not api_key else "'***'"
