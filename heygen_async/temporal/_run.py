"""Running the workflow: workers, starting (or attaching to) a bulk run, and
turning a webhook delivery into a signal."""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from .._client import AsyncHeyGenClient
from .._errors import InvalidRequestError
from .._validation import require_int_range
from .._video_requests import build_avatar_iv_request, build_video_request
from ..webhooks._events import WebhookEvent, parse
from ..workflows._kinds import CREATE_KINDS, CreateKind, resource_create
from ._activities import CREATORS, HeyGenActivities, workflow_id_of
from ._types import DEFAULT_TASK_QUEUE, BulkInput, JobEventSignal, JobResult
from ._workflow import BulkWorkflow

# Waits are long and cheap (they share the client's poller): a worker holds many.
DEFAULT_MAX_ACTIVITIES = 1000


def _free_temporal_objects_before_shutdown() -> None:
    """Collect the cyclic garbage while the interpreter is still whole.

    A finished worker leaves itself, its bridge worker and its client in reference
    cycles (temporalio's own: a ``PollShutdownError``'s traceback holds their
    frames). Left to the interpreter's final collection, their native halves are
    dropped while Python finalizes, and temporalio's native threads then take the
    GIL in a dying interpreter: ``Fatal Python error: PyGILState_Release``, SIGABRT
    after the program's last line (about one run in 12 of docs/temporal.md's
    example; temporalio issue #300). Collected at exit, before finalization, they
    go quietly (atexit handlers run before it)."""
    gc.collect()


atexit.register(_free_temporal_objects_before_shutdown)


def make_worker(
    temporal: Client,
    heygen: AsyncHeyGenClient,
    *,
    task_queue: str = DEFAULT_TASK_QUEUE,
    max_concurrent_activities: int = DEFAULT_MAX_ACTIVITIES,
    **worker_options: Any,
) -> Worker:
    """A worker that runs the bulk workflow and the HeyGen activities over ``heygen``.

    Run it with ``await worker.run()`` (or ``async with worker:``); ``worker_options``
    go to ``temporalio.worker.Worker`` unchanged."""
    secret: str | None = getattr(heygen._transport, "_api_key", None)  # to redact it
    # Eager activities would run every job on the worker that holds the workflow:
    # off, so a run spreads over every worker of the queue.
    worker_options.setdefault("disable_eager_activity_execution", True)
    activities = HeyGenActivities(heygen, secret=secret)
    return Worker(
        temporal,
        task_queue=task_queue,
        workflows=[BulkWorkflow],
        activities=activities.activities,
        max_concurrent_activities=max_concurrent_activities,
        workflow_runner=workflow_runner(),
        **worker_options,
    )


def workflow_runner() -> SandboxedWorkflowRunner:
    """Temporal's sandbox, with this package passed through: the workflow's module
    sits in a package that imports httpx, which the sandbox would refuse to re-import
    (the workflow itself does no I/O)."""
    restrictions = SandboxRestrictions.default.with_passthrough_modules("heygen_async")
    return SandboxedWorkflowRunner(restrictions=restrictions)


def workflow_id_for(jobs: Sequence[Any], *, salt: str = "") -> str:
    """A bulk run's workflow id, derived from its jobs (and ``salt``, e.g. the output
    folder): the same run gets the same id, so submitting it again attaches to it."""
    text = json.dumps([jobs, salt], sort_keys=True, separators=(",", ":"), default=_plain)
    return "heygen-bulk-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _plain(value: Any) -> Any:
    return value.__dict__ if hasattr(value, "__dict__") else str(value)


async def start_bulk(
    temporal: Client,
    request: BulkInput,
    *,
    workflow_id: str | None = None,
    task_queue: str = DEFAULT_TASK_QUEUE,
    task_timeout: timedelta | None = None,
) -> WorkflowHandle[BulkWorkflow, list[JobResult]]:
    """Start the bulk workflow, or attach to it when a workflow of that id is running
    or has finished (its result is then the first run's: nothing is sent again).

    ``task_timeout`` is Temporal's workflow task timeout (default 10 s): how long a
    workflow task held by a worker that died waits before another worker gets it."""
    check_bulk_input(request)
    workflow_id = workflow_id or workflow_id_for(request.jobs)
    try:
        return await temporal.start_workflow(
            BulkWorkflow.run,
            request,
            id=workflow_id,
            task_queue=task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            task_timeout=task_timeout,
        )
    except WorkflowAlreadyStartedError:  # it finished: attach to its result
        return temporal.get_workflow_handle_for(BulkWorkflow.run, workflow_id)


def check_bulk_input(request: BulkInput) -> None:
    """Refuse a run that could not go well, before the workflow starts: a job limit
    under 1 (it would never start a job), a duplicate key (keys name the jobs and
    their idempotency keys), an unknown kind, fields the kind's create refuses."""
    require_int_range(request.max_concurrent_jobs, "max_concurrent_jobs", 1)
    require_int_range(request.max_history_events, "max_history_events", 1)
    seen: set[str] = set()
    for number, job in enumerate(request.jobs):
        where = f"jobs[{number}]"
        if not job.key or job.key in seen:
            raise InvalidRequestError(
                f"{where}.key: must be a unique, non-empty text (got {job.key!r})",
                field=f"{where}.key",
                allowed="unique non-empty text",
            )
        seen.add(job.key)
        check = _FIELD_CHECKS.get(job.kind)
        if check is None:
            kinds = ", ".join(sorted(CREATORS))
            raise InvalidRequestError(
                f"{where}.kind: unknown kind {job.kind!r}; kinds are {kinds}",
                field=f"{where}.kind",
                allowed=kinds,
            )
        try:
            check(job.fields)
        except InvalidRequestError as exc:
            raise InvalidRequestError(
                f"{where} (key {job.key!r}): {exc}", field=exc.field, allowed=exc.allowed
            ) from None


def _resource_check(kind: CreateKind) -> Callable[[Mapping[str, Any]], object]:
    return lambda fields: resource_create(kind, "", dict(fields))


_FIELD_CHECKS: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "avatar_video": build_video_request,
    "avatar_iv_video": build_avatar_iv_request,
    **{kind.name: _resource_check(kind) for kind in CREATE_KINDS},
}


def event_signal(event: Any) -> JobEventSignal | None:
    """A webhook event (a ``WebhookEvent``, its ``raw`` dict, or HeyGen's JSON body)
    as the workflow's ``job_finished`` signal; None for an event that does not end
    a job."""
    parsed = event if isinstance(event, WebhookEvent) else parse(_as_dict(event))
    kind = parsed.event_type or ""
    if "_gif." in kind or "_caption." in kind:
        return None  # a by-product of a finished job, not the job's end
    if not parsed.job_id:
        return None
    if parsed.is_success or kind.endswith(".completed"):
        return JobEventSignal(parsed.job_id, "completed", None, parsed.url)
    if parsed.is_failure or kind.endswith(".failed"):
        return JobEventSignal(parsed.job_id, "failed", parsed.failure_message or "failed")
    return None


def _as_dict(event: Any) -> dict[str, Any]:
    return dict(event) if isinstance(event, Mapping) else dict(vars(event))


async def signal_from_event(temporal: Client, event: Any, *, workflow_id: str) -> bool:
    """Pass a webhook delivery to the bulk workflow ``workflow_id``: a job it waits
    for ends at once, with no more status reads. Call it from a webhook receiver
    after verifying the delivery. Returns False for an event that ends no job."""
    signal = event_signal(event)
    if signal is None:
        return False
    await temporal.get_workflow_handle(workflow_id).signal(BulkWorkflow.job_finished, signal)
    return True


Route = Callable[[WebhookEvent], "str | None"]


def signal_workflows(
    temporal: Client, *, route: Route | None = None
) -> Callable[[WebhookEvent], Awaitable[None]]:
    """The ``forward`` of a ``WebhookReceiver`` that signals the bulk workflow waiting
    on each delivered job, so its wait ends with no status read::

        receiver = client.webhook_receiver(secret=secret)
        receiver.forward = signal_workflows(temporal_client)

    The workflow is found from the delivery alone: a job created by the bulk
    workflow carries a ``callback_id`` naming it (``callback_id_for``), which HeyGen
    echoes in its events. ``route`` finds it for the others (a job created with
    its own ``callback_id``, or an Avatar IV video, whose create takes none): the
    workflow id, or None to skip the event. An event for a workflow that is gone
    is skipped; any other failure to signal is raised, so the receiver answers
    500 and HeyGen delivers the event again."""

    async def on_event(event: WebhookEvent) -> None:
        workflow_id = workflow_id_of(event.callback_id)
        if workflow_id is None and route is not None:
            workflow_id = route(event)
        if workflow_id is None:
            return
        try:
            await signal_from_event(temporal, event, workflow_id=workflow_id)
        except RPCError as exc:
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            # The workflow finished (or never was): nothing waits for this job.

    return on_event


__all__ = [
    "DEFAULT_MAX_ACTIVITIES",
    "check_bulk_input",
    "event_signal",
    "make_worker",
    "signal_from_event",
    "signal_workflows",
    "start_bulk",
    "workflow_id_for",
    "workflow_runner",
]
