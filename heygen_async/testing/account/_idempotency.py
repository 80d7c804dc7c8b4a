"""Idempotency-Key bookkeeping: which keys are in flight, which answers to replay.

HeyGen's v3 rule (heygen-v3.md section 3.2): within 24 hours a request that
repeats a key gets the original response replayed, even if its body differs;
a repeat while the first request is still being processed gets 409
``request_in_progress``. Keys are scoped per route (method and path).

Only successful (2xx) answers are kept: a request that failed validation, hit
the job limit or was answered by a fault releases its key, so a corrected or
later retry with the same key runs afresh. (Whether HeyGen keeps 4xx answers
is not documented.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-:.]{1,255}$")

Scope = tuple[str, str]


@dataclass(frozen=True)
class RecordedResponse:
    """An answer kept for replay, as the server sent it."""

    status: int
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class _Entry:
    created_at: float
    response: RecordedResponse | None = None


@dataclass(frozen=True)
class Claim:
    """What a request's key means: run it (``new``), replay, or 409 (``busy``)."""

    kind: Literal["new", "replay", "busy"]
    response: RecordedResponse | None = None


@dataclass
class IdempotencyStore:
    """Keys per scope, in fake time; ``retention`` fake seconds (24 h by default)."""

    retention: float
    _entries: dict[tuple[Scope, str], _Entry] = field(default_factory=dict)

    @staticmethod
    def valid_key(key: str) -> bool:
        return KEY_PATTERN.match(key) is not None

    def claim(self, scope: Scope, key: str, now: float) -> Claim:
        """Look the key up; an unknown or expired key is now in flight (``new``)."""
        entry = self._entries.get((scope, key))
        if entry is not None and now - entry.created_at >= self.retention:
            entry = None
        if entry is None:
            self._entries[(scope, key)] = _Entry(created_at=now)
            return Claim("new")
        if entry.response is None:
            return Claim("busy")
        return Claim("replay", entry.response)

    def complete(self, scope: Scope, key: str, response: RecordedResponse) -> None:
        """Keep the answer of the request that claimed the key."""
        entry = self._entries.get((scope, key))
        if entry is not None and entry.response is None:
            entry.response = response

    def release(self, scope: Scope, key: str) -> None:
        """Forget an in-flight claim whose request produced nothing to replay."""
        entry = self._entries.get((scope, key))
        if entry is not None and entry.response is None:
            del self._entries[(scope, key)]

    def __len__(self) -> int:
        return len(self._entries)
