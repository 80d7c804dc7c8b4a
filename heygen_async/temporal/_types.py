"""The values that cross Temporal's wire: plain dataclasses of JSON types.

They are shared by the workflow (which runs in Temporal's sandbox, so this module
imports nothing that does I/O) and the activities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_TASK_QUEUE = "heygen-async"
"""The task queue workers poll and bulk runs are sent to, unless told otherwise."""

WORKFLOW_NAME = "HeyGenBulk"
"""The bulk workflow's type name (what ``temporal workflow list`` shows)."""


@dataclass
class JobSpec:
    """One job of a bulk run: a kind (``avatar_video``, ``avatar_iv_video``, ...),
    the keyword arguments of that kind's create method, and the job's key (unique in
    the run; it names the job in results and in its idempotency key)."""

    key: str
    kind: str
    fields: dict[str, Any]


@dataclass
class CreateInput:
    """What the create activity needs: the job, and when the workflow first scheduled
    it (workflow time, epoch seconds): the age of its idempotency key is bounded by it."""

    job: JobSpec
    scheduled_at: float


@dataclass
class Created:
    """A create's answer: the job's id at HeyGen and the key it was sent with."""

    job_id: str
    idempotency_key: str


@dataclass
class WaitInput:
    """What the wait activity needs: the job's id and kind, and its deadline."""

    job_id: str
    kind: str
    timeout: float | None = None
    """Seconds from the first attempt of the wait (a retried wait keeps the deadline)."""


@dataclass
class Waited:
    """How a wait ended: ``completed``, ``failed`` (HeyGen's reason in ``error``) or
    ``timeout`` (the job may still finish on HeyGen's side)."""

    job_id: str
    status: str
    error: str | None = None
    video_url: str | None = None
    result: dict[str, Any] | None = None
    """The finished job as JSON (a ``VideoStatus``, ``VideoTranslation``, ``Lipsync``
    or ``VideoAgentSession``); None when a webhook ended the wait."""


@dataclass
class DownloadInput:
    """A finished job's video to save: the folder (as the worker sees it), the job's
    key (the file is ``<key>.mp4``, or ``<job id>.mp4`` when the key is no safe file
    name, e.g. ``talk.Spanish (Spain)``: as a local bulk run names it) and its kind."""

    video_id: str
    """The job's id (a video's, a translation's, ...)."""
    out_dir: str
    job_key: str
    kind: str = "avatar_video"


@dataclass
class JobEventSignal:
    """A webhook delivery as the workflow hears it (``job_finished`` signal)."""

    job_id: str
    status: str
    """``completed`` or ``failed``."""
    error: str | None = None
    video_url: str | None = None


@dataclass
class BulkInput:
    """A bulk run: the jobs, the account's job limit, and what to do with results."""

    jobs: list[JobSpec]
    max_concurrent_jobs: int = 3
    """Jobs between create and end of wait at once, over every worker: the account's
    concurrent-job limit (HeyGen refuses a create beyond it)."""
    out_dir: str | None = None
    """Where workers save finished videos (None: no download)."""
    wait_timeout: float | None = 3600.0
    webhook_grace: float = 0.0
    """Seconds to wait for a webhook signal before polling starts (0: poll at once).
    With deliveries flowing, a job then costs no status reads at all."""
    activity_timeout: float = 120.0
    """start-to-close timeout of a create or download attempt (seconds)."""
    heartbeat_timeout: float = 30.0
    """A wait whose worker stops heartbeating this long is retried on another."""
    full_results: bool = True
    """Each ``JobResult`` carries the finished job (``result``, 1-2 KB with its URLs).
    Temporal refuses a payload over 2 MB (a run's input and its result are one each):
    set False for runs of more than about a thousand jobs."""
    max_history_events: int = 10_000
    """Past this many history events (or when Temporal suggests it) the run stops
    starting jobs, lets those in flight end and continues as new (Temporal stops a
    workflow at 51,200 events; about ten are written per job)."""
    results: list[JobResult] = field(default_factory=list)
    """Set by a run continuing as new: the results of the runs before it."""
    order: list[str] | None = None
    """Set by a run continuing as new: every job's key, in the first input's order."""
    carried_progress: BulkProgress | None = None
    """Set by a run continuing as new: its counts (``progress`` goes on from them)."""


@dataclass
class JobResult:
    """One job's end, as a line of ``results.csv`` (``status``: ``completed``,
    ``failed``, ``rejected``, ``timeout``, ``download_failed``)."""

    key: str
    job_id: str | None
    status: str
    path: str | None = None
    error: str | None = None
    kind: str | None = None
    """The job's kind (``avatar_video``, ``template``, ``translation``, ...)."""
    video_url: str | None = None
    """The finished video's URL (a video's, a translation's, a lipsync's...)."""
    result: dict[str, Any] | None = None
    """The finished job as JSON (see ``Waited.result``)."""


@dataclass
class BulkProgress:
    """Where a running bulk workflow stands (the ``progress`` query)."""

    total: int
    in_flight: int = 0
    submitted: int = 0
    finished: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    max_in_flight_seen: int = 0


__all__ = [
    "DEFAULT_TASK_QUEUE",
    "WORKFLOW_NAME",
    "BulkInput",
    "BulkProgress",
    "CreateInput",
    "Created",
    "DownloadInput",
    "JobEventSignal",
    "JobResult",
    "JobSpec",
    "WaitInput",
    "Waited",
]
