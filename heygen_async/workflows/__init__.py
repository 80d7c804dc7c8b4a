"""Workflows built on the endpoints: waiting, generate-and-wait, bulk runs, downloads."""

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
