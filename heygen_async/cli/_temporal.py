"""``heygen-async temporal worker`` and ``heygen-async bulk --temporal``.

The worker runs the bulk workflow and the HeyGen activities (``heygen_async.temporal``)
until SIGINT/SIGTERM, over a client made from the same flags and variables as every
command. ``bulk --temporal`` submits a JOBS file as that workflow (its id derived
from the jobs and the output folder, so the same command again attaches to it),
shows progress from the workflow's queries and writes the same ``results.csv``,
with the same exit codes, as a local run.
"""

from __future__ import annotations

import argparse
import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
from pydantic_core import to_jsonable_python

from ..resources.video_translations import VideoTranslationKind
from ._bulk_command import RESULTS_FILE
from ._bulk_runner import JobOutcome, write_results
from ._context import make_client, poll_policy
from ._exit import API_ERROR, INTERRUPTED, OK, TIMEOUT, USER_ERROR, UsageError
from ._jobs_file import JobRow, read_jobs
from ._progress import FINAL_STATES, make_progress
from ._render import Output

# The account's concurrent-job limit when --concurrency is not given: HeyGen's
# smallest paid plans render 3 at a time; a higher limit only costs 429 retries.
DEFAULT_JOB_LIMIT = 3
# How often bulk --temporal asks the workflow for progress (seconds).
PROGRESS_EVERY = 0.5


def _import_temporal() -> Any:
    try:
        import temporalio  # noqa: F401

        from .. import temporal
    except ImportError:
        raise UsageError(
            "Temporal needs the temporal extra: pip install 'heygen-async[temporal]'"
        ) from None
    return temporal


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """``--address``, ``--namespace``, ``--task-queue``: where a worker or run goes."""
    parser.add_argument(
        "--namespace", default="default", help="the Temporal namespace (default: default)"
    )
    parser.add_argument(
        "--task-queue",
        default="heygen-async",
        metavar="NAME",
        help="the task queue workers poll (default: heygen-async)",
    )


def temporal_command(args: argparse.Namespace, out: Output) -> int:
    """``heygen-async temporal worker``: run a worker until SIGINT/SIGTERM."""
    temporal = _import_temporal()
    from temporalio.client import Client

    if args.max_activities < 1 or args.sticky_timeout <= 0:
        raise UsageError("--max-activities must be at least 1 and --sticky-timeout above 0")

    async def main() -> None:
        connection = await Client.connect(args.address, namespace=args.namespace)
        async with make_client(args) as heygen:
            worker = temporal.make_worker(
                connection,
                heygen,
                task_queue=args.task_queue,
                max_concurrent_activities=args.max_activities,
                sticky_queue_schedule_to_start_timeout=timedelta(seconds=args.sticky_timeout),
            )
            async with anyio.create_task_group() as group:
                group.start_soon(_stop_on_signal, worker)
                out.note(
                    f"worker ready: task queue {args.task_queue!r} on {args.address}; "
                    "Ctrl-C stops it (its jobs go on in another worker)"
                )
                await worker.run()
                group.cancel_scope.cancel()

    anyio.run(main)
    out.note("worker stopped")
    return OK


async def _stop_on_signal(worker: Any) -> None:
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async for _ in signals:
            await worker.shutdown()
            return


def job_spec(job: JobRow) -> Any:
    """A JOBS file row as the workflow's ``JobSpec`` (its fields as JSON values)."""
    from ..temporal import JobSpec

    if job.is_template:
        kind = "template"
    elif job.is_translation:
        kind = "translation"  # one output language: the row's <key>.<language> job
    else:
        kind = "avatar_iv_video" if job.is_avatar_iv else "avatar_video"
    return JobSpec(key=job.key, kind=kind, fields=to_jsonable_python(job.kwargs))


def bulk_on_temporal(args: argparse.Namespace, out: Output) -> int:
    """``heygen-async bulk JOBS --out DIR --temporal HOST:PORT``."""
    temporal = _import_temporal()
    jobs = read_jobs(Path(args.jobs))  # every row is checked before anything is sent
    if args.concurrency is not None and args.concurrency < 1:
        raise UsageError("--concurrency: must be at least 1")
    if args.dry_run or args.journal or args.resubmit_unsettled or args.retry_failed:
        raise UsageError(
            "--temporal: --dry-run, --journal, --resubmit-unsettled and --retry-failed "
            "are for local runs (the workflow's history is the journal)"
        )
    out_dir = Path(args.out).resolve()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out: cannot create {out_dir}: {exc.strerror}") from None
    specs = [job_spec(job) for job in jobs]
    request = temporal.BulkInput(
        specs,
        max_concurrent_jobs=args.concurrency or DEFAULT_JOB_LIMIT,
        out_dir=None if args.no_download else str(out_dir),
        wait_timeout=poll_policy(args).timeout,  # as a local run: --timeout, else 30 min
        full_results=False,  # results.csv needs none, and a big run's result stays small
    )
    workflow_id = temporal.workflow_id_for(specs, salt=str(out_dir))
    progress = make_progress(out.err_console, total=len(jobs), interactive=out.interactive)
    results: list[Any] = []

    async def main() -> None:
        from temporalio.client import Client

        connection = await Client.connect(args.temporal, namespace=args.namespace)
        handle = await temporal.start_bulk(
            connection, request, workflow_id=workflow_id, task_queue=args.task_queue
        )
        progress.note(f"workflow {handle.id} on {args.temporal} (task queue {args.task_queue!r})")
        with progress:
            done = anyio.Event()
            async with anyio.create_task_group() as group:
                group.start_soon(_follow, handle, progress, done)
                results.extend(await handle.result())
                done.set()  # _follow ends after its current query: none is cut off
        for result in results:
            _announce(progress, result)

    try:
        anyio.run(main)
    except KeyboardInterrupt:
        out.error(
            f"interrupted; workflow {workflow_id} goes on on the workers: run the same "
            "command again to follow it and write the results"
        )
        return INTERRUPTED
    outcomes = [outcome_of(result) for result in results]
    results_path = out_dir / RESULTS_FILE
    write_results(results_path, outcomes)
    _report(out, outcomes, results_path, workflow_id)
    return exit_code(outcomes)


async def _follow(handle: Any, progress: Any, done: anyio.Event) -> None:
    """Show the results as they come, until ``done``. A query is never cancelled
    mid-flight: temporalio's native threads may complete it later, possibly while
    the interpreter shuts down (a native crash at exit, temporalio issue #300)."""
    from ..temporal import BulkWorkflow

    while not done.is_set():
        for result in await handle.query(BulkWorkflow.results):
            _announce(progress, result)
        with anyio.move_on_after(PROGRESS_EVERY):
            await done.wait()


def _announce(progress: Any, result: Any) -> None:
    outcome = outcome_of(result)
    if progress.states.get(outcome.key) != outcome.status:
        progress.finished(outcome.key, outcome.status, outcome.path or outcome.error)


def outcome_of(result: Any) -> JobOutcome:
    """A workflow ``JobResult`` as a line of ``results.csv``: the local run's words
    (a wait that hit its deadline is ``unfinished``, as it is there)."""
    status = "unfinished" if result.status == "timeout" else result.status
    if result.kind == "translation":  # the job id and URL, as a local run writes them
        return JobOutcome(
            result.key,
            None,
            status,
            result.path,
            result.error,
            kind=VideoTranslationKind.name,
            job_id=result.job_id,
            url=result.video_url,
        )
    return JobOutcome(result.key, result.job_id, status, result.path, result.error)


def exit_code(outcomes: list[JobOutcome]) -> int:
    """As a local run: 0 when every job completed, 4 when only waits that hit their
    deadline are left, else 3."""
    left = [outcome for outcome in outcomes if outcome.status != "completed"]
    if not left:
        return OK
    return TIMEOUT if all(outcome.status == "unfinished" for outcome in left) else API_ERROR


def _report(out: Output, outcomes: list[JobOutcome], results: Path, workflow_id: str) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    if out.as_json:
        out.json(
            {
                "workflow_id": workflow_id,
                "results_file": str(results),
                "counts": {state: counts[state] for state in FINAL_STATES if counts[state]},
                "jobs": [outcome.as_json() for outcome in outcomes],
            }
        )
        return
    rows = [{"status": state, "jobs": counts[state]} for state in FINAL_STATES if counts[state]]
    out.table(rows, [("status", "Status"), ("jobs", "Jobs")], title="bulk run", count=False)
    out.note(f"results: {results}")
    out.note(f"workflow: {workflow_id}")


__all__ = [
    "DEFAULT_JOB_LIMIT",
    "USER_ERROR",
    "add_worker_options",
    "bulk_on_temporal",
    "exit_code",
    "job_spec",
    "outcome_of",
    "temporal_command",
]
