"""``heygen-async bulk JOBS --out DIR``: read the jobs, run them, report.

The glue between the command line and ``BulkRunner``: it opens the journal,
runs the event loop, turns Ctrl-C into a clean stop (the journal is written
transaction by transaction, so it is always intact), writes ``results.csv``
whatever happened, prints a summary and picks the exit code.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import anyio

from .._client import AsyncHeyGenClient
from ._bulk import BulkOptions, BulkRunner, JobOutcome, write_results
from ._context import make_client, poll_policy
from ._exit import API_ERROR, INTERRUPTED, OK, TIMEOUT, UsageError
from ._jobs_file import Job, read_jobs
from ._journal import Journal
from ._progress import FINAL_STATES, make_progress
from ._render import Output

RESULTS_FILE = "results.csv"
JOURNAL_FILE = "journal.sqlite"


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
    return run_bulk(jobs, options, journal_path, out, lambda: make_client(args))


def run_bulk(
    jobs: list[Job],
    options: BulkOptions,
    journal_path: Path,
    out: Output,
    client_factory: Callable[[], AsyncHeyGenClient],
) -> int:
    """Run ``jobs`` to completion (or Ctrl-C), write the results and return the exit code."""
    try:
        options.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out: cannot create {options.out_dir}: {exc.strerror}") from None
    journal = Journal.open(journal_path)
    progress = make_progress(out.err_console, total=len(jobs), interactive=out.interactive)
    holder: list[BulkRunner] = []

    async def main() -> None:
        async with client_factory() as client:
            runner = BulkRunner(client, jobs, journal, options, progress)
            holder.append(runner)
            with progress:
                await runner.run()

    interrupted = False
    try:
        anyio.run(main)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        outcomes = holder[0].outcomes() if holder else []
        if holder:
            write_results(options.out_dir / RESULTS_FILE, outcomes)
        journal.close()
    results_path = options.out_dir / RESULTS_FILE
    _report(out, outcomes, results_path, journal_path, interrupted=interrupted)
    if interrupted:
        return INTERRUPTED
    if all(outcome.status == "completed" for outcome in outcomes):
        return OK
    return TIMEOUT if holder[0].only_timeouts_left(outcomes) else API_ERROR


def _report(
    out: Output,
    outcomes: list[JobOutcome],
    results_path: Path,
    journal_path: Path,
    *,
    interrupted: bool,
) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    if out.as_json:
        out.json(
            {
                "interrupted": interrupted,
                "results_file": str(results_path),
                "journal": str(journal_path),
                "counts": {state: counts[state] for state in FINAL_STATES if counts[state]},
                "jobs": [outcome.as_row() for outcome in outcomes],
            }
        )
    else:
        rows = [{"status": state, "jobs": counts[state]} for state in FINAL_STATES if counts[state]]
        out.table(rows, [("status", "Status"), ("jobs", "Jobs")], title="bulk run", count=False)
        out.note(f"results: {results_path}   journal: {journal_path}")
    if interrupted:
        out.error(
            "interrupted; the journal is intact: run the same command again to resume "
            "(nothing already submitted will be submitted again)"
        )
    elif counts["unsettled"]:
        out.note(
            f"{counts['unsettled']} job(s) unsettled: sent before a crash and not settled "
            "automatically; the error column of the results says why and what to do "
            "(docs/bulk-runs.md)"
        )


__all__ = ["JOURNAL_FILE", "RESULTS_FILE", "bulk", "run_bulk"]
