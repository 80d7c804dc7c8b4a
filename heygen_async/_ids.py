"""Every idempotency key and callback id the SDK (and its CLI) sends is made here.

Two kinds of each:

- fresh: ``new_idempotency_key()`` for one logical create or upload whose caller
  gave no key (every retry of that call reuses it);
- derived: the same job gives the same value again, so a rerun of a crashed run
  replays its create instead of paying twice (``derive_idempotency_key``,
  ``derive_callback_id``), and a deliberate new attempt of a job gets values of
  its own (``attempt_idempotency_key``, ``attempt_callback_id``).

HeyGen replays a key's first answer whatever the body, so a derived key covers
the body too: a changed job is a new create.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from ._errors import InvalidRequestError

# HeyGen's rule for Idempotency-Key values.
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{1,255}$")
# A job key short and plain enough to appear as it is in a callback id.
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def new_idempotency_key() -> str:
    """A fresh key for one logical create (reused by every retry of it)."""
    return f"hga-{uuid.uuid4().hex}"


def checked_idempotency_key(given: object) -> str:
    """``given`` when it is a key HeyGen accepts, else ``InvalidRequestError``."""
    if not isinstance(given, str) or not _IDEMPOTENCY_KEY.match(given):
        raise InvalidRequestError(
            f"idempotency_key: must be 1 to 255 letters, digits or _-:. (got {given!r})",
            field="idempotency_key",
            allowed="1 to 255 characters of A-Z a-z 0-9 _ - : .",
        )
    return given


def _digest(key: Any, body: Mapping[str, Any]) -> str:
    canonical = json.dumps([repr(key), body], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def derive_callback_id(key: Any, body: Mapping[str, Any]) -> str:
    """A stable id for a job: the same key and body always give the same one."""
    return "hga-" + _digest(key, body)[:24]


def derive_idempotency_key(key: Any, body: Mapping[str, Any]) -> str:
    """A stable idempotency key for a job: the same key and body give the same one,
    and a changed body a new one (HeyGen replays a key's first answer whatever the
    body, so the body must be part of it)."""
    return "hga-job-" + _digest(("idempotency", key), body)[:40]


def attempt_callback_id(run_id: str, key: str, attempt: int) -> str:
    """The correlation id of one submission of a journaled run: unique per run,
    job key and attempt (a plain key appears as it is, for people reading it)."""
    name = key if _PLAIN_KEY.match(key) else hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"hga-{run_id}-{name}-{attempt}"


def attempt_idempotency_key(run_id: str, key: str, attempt: int, fingerprint: str) -> str:
    """The key of a deliberate new attempt of a journaled job (a retry of a failed or
    refused job, or a resubmission): unique per run, job, attempt and request, so it
    never replays the answer of an earlier attempt."""
    digest = hashlib.sha256(f"{key}\0{attempt}\0{fingerprint}".encode()).hexdigest()[:32]
    return f"hga-{run_id}-{digest}-{attempt}"


def activity_idempotency_key(workflow_id: str, activity_id: str, job_key: str) -> str:
    """The key of one create made by a Temporal activity: the same for every attempt
    of the same activity of the same workflow, different for anything else. A
    digest, so any workflow id or job key fits HeyGen's rules."""
    text = "\0".join((workflow_id, activity_id, job_key))
    return "hgt-" + hashlib.sha256(text.encode()).hexdigest()[:48]


__all__ = [
    "activity_idempotency_key",
    "attempt_callback_id",
    "attempt_idempotency_key",
    "checked_idempotency_key",
    "derive_callback_id",
    "derive_idempotency_key",
    "new_idempotency_key",
]
