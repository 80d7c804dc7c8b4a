"""``heygen-async bulk JOBS --out DIR``: read the jobs, run them, report.

The glue between the command line and ``BulkRunner``: it takes the run's locks
(one run at a time per journal and per output folder), opens the journal, runs
the event loop, turns Ctrl-C into a clean stop, writes ``results.csv`` whatever
happened, prints a summary and picks the exit code.

Ctrl-C (or SIGTERM) once: no new create goes out, creates already on the wire
get their answer journaled (at most ``STOP_GRACE`` seconds, a create's own
timeout), then the run stops with exit 130; every job is then either settled,
known as never sent, or submitted, and the same command resumes it. Ctrl-C
twice: stop now (a create cut off on the wire is settled by the next run, by its
idempotency key on v3 or its callback_id on v2).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import signal
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import anyio
from anyio import CancelScope
from rich.console import Console

from .. import AsyncHeyGenClient
from ._bulk_runner import BulkOptions, BulkRunner, JobOutcome, write_results
from ._context import make_client, poll_policy
from ._exit import API_ERROR, INTERRUPTED, OK, TIMEOUT, UsageError
from ._jobs_file import JobRow, read_jobs
from ._journal import Journal, JournalLock
from ._progress import FINAL_STATES, BulkProgress, make_progress
from ._render import Output

RESULTS_FILE = "results.csv"
JOURNAL_FILE = "journal.sqlite"
# The lock file in --out (the journal has its own, JOURNAL.lock, beside it).
FOLDER_LOCK = ".heygen-async-bulk.lock"
# After the first Ctrl-C, how long creates already on the wire may take to be
# answered: a create's read timeout (120 s) and a little more.
STOP_GRACE = 130.0


def bulk(args: argparse.Namespace, out: Output) -> int:
    """The ``bulk`` command."""
    jobs = read_jobs(Path(args.jobs))  # every row is checked before anything is sent
    if args.concurrency is not None and args.concurrency < 1:
        raise UsageError("--concurrency: must be at least 1")
    out_dir = Path(args.out)
    options = BulkOptions(
        out_dir=out_dir,
        concurrency=args.concurrency,
        poll=poll_policy(args),
        download=not args.no_download,
        resubmit_unsettled=args.resubmit_unsettled,
        retry_failed=args.retry_failed,
    )
    journal_path = Path(args.journal) if args.journal else out_dir / JOURNAL_FILE
    # A dry run sends nothing, so needs no key to plan (a stand-in is never used).
    stand_in = {"api_key": "dry-run-sends-nothing"} if args.dry_run and not args.api_key else {}
    command = BulkCommand(jobs, options, journal_path, out, lambda: make_client(args, **stand_in))
    return command.dry_run() if args.dry_run else command.run()


@dataclass(frozen=True)
class BulkCommand:
    """One ``bulk`` command as invoked: its jobs and options, the journal's path, where
    to report, and how to make the client (called inside the run's event loop). It
    holds the folder's lock and the journal; a ``BulkRunner`` runs the jobs."""

    jobs: list[JobRow]
    options: BulkOptions
    journal_path: Path
    out: Output
    client_factory: Callable[[], AsyncHeyGenClient]

    def dry_run(self) -> int:
        """``bulk --dry-run``: validate everything and print the plan; send nothing, and
        create nothing (no folder, no journal)."""
        journal = Journal.open(self.journal_path) if self.journal_path.exists() else None
        planning = journal or Journal.in_memory(self.journal_path)

        async def plan() -> list[tuple[JobRow, str, str | None]]:
            async with self.client_factory() as client:
                quiet = BulkProgress(Console(file=io.StringIO()), total=len(self.jobs))
                return BulkRunner(client, self.jobs, planning, self.options, quiet).dry_run()

        try:
            planned = anyio.run(plan)
        finally:
            planning.close()
        counts = Counter(action for _, action, _ in planned)
        rows = [
            {"key": job.key, "line": job.line, "action": action, "detail": detail}
            for job, action, detail in planned
        ]
        if self.out.as_json:
            self.out.json(
                {"dry_run": True, "journal": str(self.journal_path), "counts": counts, "jobs": rows}
            )
        else:
            self.out.table(
                rows,
                [("key", "Key"), ("line", "Line"), ("action", "Action"), ("detail", "Detail")],
                title="bulk --dry-run",
                count=False,
            )
            summary = ", ".join(f"{n} {action}" for action, n in counts.items())
            self.out.note(f"dry run: {summary}; every row is valid; nothing was sent")
        return OK

    def run(self) -> int:
        """Run ``jobs`` to completion (or Ctrl-C), write the results and return the exit code."""
        try:
            self.options.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"--out: cannot create {self.options.out_dir}: {exc.strerror}"
            ) from None
        with contextlib.ExitStack() as locks:
            for path, what in (
                (self.options.out_dir / FOLDER_LOCK, f"the output folder {self.options.out_dir}"),
                (
                    self.journal_path.with_name(self.journal_path.name + ".lock"),
                    f"the journal {self.journal_path}",
                ),
            ):
                path.parent.mkdir(parents=True, exist_ok=True)
                locks.callback(JournalLock(path, what).acquire().release)
            return self._run_locked()

    def _run_locked(self) -> int:
        journal = Journal.open(self.journal_path)
        progress = make_progress(
            self.out.err_console, total=len(self.jobs), interactive=self.out.interactive
        )
        holder: list[BulkRunner] = []
        stop = _Stop(progress)

        async def main() -> None:
            async with self.client_factory() as client:
                runner = BulkRunner(client, self.jobs, journal, self.options, progress)
                holder.append(runner)
                with progress:
                    async with anyio.create_task_group() as group:
                        group.start_soon(stop.watch, runner, group.cancel_scope)
                        await runner.run()
                        group.cancel_scope.cancel()

        interrupted = False
        try:
            anyio.run(main)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            outcomes = holder[0].outcomes() if holder else []
            if holder:
                write_results(self.options.out_dir / RESULTS_FILE, outcomes)
            journal.close()
        interrupted = interrupted or stop.requested
        results_path = self.options.out_dir / RESULTS_FILE
        skipped = holder[0].settled if holder else 0
        _report(
            self.out,
            outcomes,
            results_path,
            self.journal_path,
            interrupted=interrupted,
            skipped=skipped,
        )
        if interrupted:
            return INTERRUPTED
        if all(outcome.status == "completed" for outcome in outcomes):
            return OK
        return TIMEOUT if holder[0].only_timeouts_left(outcomes) else API_ERROR


class _Stop:
    """Ctrl-C handling of one run: the first stops gracefully, the second at once."""

    def __init__(self, progress: BulkProgress) -> None:
        self.progress = progress
        self.requested = False

    async def watch(self, runner: BulkRunner, scope: CancelScope) -> None:
        try:
            with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                await self._serve(signals, runner, scope)
        except NotImplementedError:  # Windows: Ctrl-C stops at once (KeyboardInterrupt)
            return

    async def _serve(
        self, signals: AsyncIterator[int], runner: BulkRunner, scope: CancelScope
    ) -> None:
        await signals.__anext__()  # the first Ctrl-C
        self.requested = True
        runner.request_stop()
        on_wire = runner.creates_on_the_wire
        if not on_wire:
            # Nothing to wait for: the run ends now, a second Ctrl-C has nothing to cut.
            self.progress.note(
                "stopping: no new videos are submitted and none is being sent; the run ends now"
            )
        else:
            self.progress.note(
                f"stopping: no new videos are submitted; waiting for {on_wire} create(s) "
                "already sent; press Ctrl-C again to stop at once (the next run settles "
                "what is cut off)"
            )
        async with anyio.create_task_group() as group:
            group.start_soon(self._drain, runner, scope)
            await signals.__anext__()  # the second
            self.progress.note("stopping now")
            scope.cancel()

    async def _drain(self, runner: BulkRunner, scope: CancelScope) -> None:
        with anyio.move_on_after(STOP_GRACE):
            await runner.stopped_sending()
        scope.cancel()


def _report(
    out: Output,
    outcomes: list[JobOutcome],
    results_path: Path,
    journal_path: Path,
    *,
    interrupted: bool,
    skipped: int = 0,
) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    if out.as_json:
        out.json(
            {
                "interrupted": interrupted,
                "skipped_as_settled": skipped,
                "results_file": str(results_path),
                "journal": str(journal_path),
                "counts": {state: counts[state] for state in FINAL_STATES if counts[state]},
                "jobs": [outcome.as_json() for outcome in outcomes],
            }
        )
    else:
        rows = [{"status": state, "jobs": counts[state]} for state in FINAL_STATES if counts[state]]
        out.table(rows, [("status", "Status"), ("jobs", "Jobs")], title="bulk run", count=False)
        # One line each: side by side, two paths wrap at 80 columns.
        out.note(f"results: {results_path}")
        out.note(f"journal: {journal_path}")
        if skipped:
            out.note(f"{skipped} job(s) skipped: already settled by an earlier run")
    if interrupted:
        out.error(
            "interrupted; the journal is intact: run the same command again to resume "
            "(jobs never sent are sent then, nothing already submitted is submitted again)"
        )
    elif counts["unsettled"]:
        out.note(
            f"{counts['unsettled']} job(s) unsettled: sent before a crash and not settled "
            "automatically; the error column of the results says why and what to do "
            "(docs/bulk-runs.md)"
        )


__all__ = [
    "FOLDER_LOCK",
    "JOURNAL_FILE",
    "RESULTS_FILE",
    "STOP_GRACE",
    "BulkCommand",
    "bulk",
]
