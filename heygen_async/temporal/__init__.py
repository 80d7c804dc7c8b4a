"""HeyGen jobs on Temporal: durable bulk runs across any number of workers.

Needs the ``[temporal]`` extra (``pip install 'heygen-async[temporal]'``).

- Job kinds: ``generate_many``'s (``avatar_video``, ``avatar_iv_video``, ``template``,
  ``translation``, ``lipsync``, ``video_agent``), each job's result its finished model.
- Activities (``HeyGenActivities``): ``heygen.create`` (an idempotency key derived
  from the workflow id, the activity id and the job key, so a retry or a new worker
  after a crash replays instead of paying twice), ``heygen.wait`` (heartbeats the
  last status; a retried wait resumes with its deadline) and ``heygen.download``.
- ``BulkWorkflow``: fans a bulk run out under the account's job limit, reports
  ``progress`` as a query, takes webhook deliveries as the ``job_finished`` signal
  and returns one ``JobResult`` per job; a long run continues as new.
- ``signal_workflows``: a ``WebhookReceiver``'s ``forward`` that signals the workflow
  waiting on each delivered job (found from the job's ``callback_id``).
- ``make_worker``, ``start_bulk``, ``workflow_id_for``, ``signal_from_event``.

See docs/temporal.md.
"""

from __future__ import annotations

from ._activities import (
    CREATORS,
    KEY_RESEND_WINDOW,
    WAIT_KINDS,
    HeyGenActivities,
    callback_id_for,
    idempotency_key_for,
    workflow_id_of,
)
from ._run import (
    event_signal,
    make_worker,
    signal_from_event,
    signal_workflows,
    start_bulk,
    workflow_id_for,
)
from ._types import (
    DEFAULT_TASK_QUEUE,
    WORKFLOW_NAME,
    BulkInput,
    BulkProgress,
    Created,
    CreateInput,
    DownloadInput,
    JobEventSignal,
    JobResult,
    JobSpec,
    Waited,
    WaitInput,
)
from ._workflow import BulkWorkflow

__all__ = [
    "CREATORS",
    "DEFAULT_TASK_QUEUE",
    "KEY_RESEND_WINDOW",
    "WAIT_KINDS",
    "WORKFLOW_NAME",
    "BulkInput",
    "BulkProgress",
    "BulkWorkflow",
    "CreateInput",
    "Created",
    "DownloadInput",
    "HeyGenActivities",
    "JobEventSignal",
    "JobResult",
    "JobSpec",
    "WaitInput",
    "Waited",
    "callback_id_for",
    "event_signal",
    "idempotency_key_for",
    "make_worker",
    "signal_from_event",
    "signal_workflows",
    "start_bulk",
    "workflow_id_for",
    "workflow_id_of",
]
