"""Workflows built on the endpoints: waiting, generate-and-wait, bulk runs, downloads."""

from ..jobs._policy import PollPolicy
from ._events import (
    JobCompleted,
    JobEvent,
    JobFailed,
    JobResult,
    JobStatusChanged,
    JobSubmitted,
    JobSubmitting,
)
from ._generate_many import DEFAULT_MAX_IN_FLIGHT, Job, Jobs
from ._jobs import derive_callback_id

__all__ = [
    "DEFAULT_MAX_IN_FLIGHT",
    "Job",
    "JobCompleted",
    "JobEvent",
    "JobFailed",
    "JobResult",
    "JobStatusChanged",
    "JobSubmitted",
    "JobSubmitting",
    "Jobs",
    "PollPolicy",
    "derive_callback_id",
]
