"""Workflows built on the endpoints: waiting, generate-and-wait, bulk runs, downloads.

Each name loads its module on first use (PEP 562): a program that only waits does
not import the bulk runner, and the client's import loads none of them.
"""

# Not ``typing.TYPE_CHECKING``: see ``heygen_async/__init__.py``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .._ids import (
        attempt_callback_id,
        attempt_idempotency_key,
        derive_callback_id,
        derive_idempotency_key,
    )
    from ..jobs._policy import PollPolicy
    from ._download import file_name_for
    from ._events import (
        JobCompleted,
        JobEvent,
        JobFailed,
        JobResult,
        JobSending,
        JobStatusChanged,
        JobSubmitted,
        JobSubmitting,
    )
    from ._generate_many import DEFAULT_MAX_IN_FLIGHT, Job, Jobs

del TYPE_CHECKING  # not a public name

_EXPORTS: dict[str, str] = {
    "attempt_callback_id": ".._ids",
    "attempt_idempotency_key": ".._ids",
    "derive_callback_id": ".._ids",
    "derive_idempotency_key": ".._ids",
    "PollPolicy": "..jobs._policy",
    "file_name_for": "._download",
    "JobCompleted": "._events",
    "JobEvent": "._events",
    "JobFailed": "._events",
    "JobResult": "._events",
    "JobSending": "._events",
    "JobStatusChanged": "._events",
    "JobSubmitted": "._events",
    "JobSubmitting": "._events",
    "DEFAULT_MAX_IN_FLIGHT": "._generate_many",
    "Job": "._generate_many",
    "Jobs": "._generate_many",
}


def __getattr__(name: str) -> "Any":
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "DEFAULT_MAX_IN_FLIGHT",
    "Job",
    "JobCompleted",
    "JobEvent",
    "JobFailed",
    "JobResult",
    "JobSending",
    "JobStatusChanged",
    "JobSubmitted",
    "JobSubmitting",
    "Jobs",
    "PollPolicy",
    "attempt_callback_id",
    "attempt_idempotency_key",
    "derive_callback_id",
    "derive_idempotency_key",
    "file_name_for",
]
