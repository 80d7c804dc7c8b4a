"""Progress of a bulk run: a live bar on a terminal, plain lines otherwise.

Both show the same numbers: jobs per state, elapsed time, the rate (videos per
minute, this run) and an ETA. The live display redraws a few times a second on
stderr and fits 80 columns; the plain one prints one line per finished job (CI
logs, ``nohup``, pipes), never a control character, and its ``[N/total]``
counter never goes down (a job counts once it has ended, in this run or an
earlier one).

::

    progress = make_progress(console, total=50, interactive=True)
    with progress:
        progress.set_state("intro", "submitting")
        progress.finished("intro", "completed", "out/intro.mp4")
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column

# Live states, in the order they are shown.
QUEUED = "queued"
SUBMITTING = "submitting"
DOWNLOADING = "downloading"
RENDERED = "rendered"  # HeyGen finished it, the download has not begun
_ACTIVE_ORDER = (QUEUED, SUBMITTING, "waiting", "pending", "processing", RENDERED, DOWNLOADING)
# States a job ends in (see _bulk_runner.py results).
FINAL_STATES = (
    "completed",
    "failed",
    "rejected",
    "unsettled",
    "download_failed",
    "unfinished",
)


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class BulkProgress:
    """Tracks each job's state; subclasses decide how to show it."""

    def __init__(
        self, console: Console, total: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.console = console
        self.total = total
        self.states: dict[str, str] = {}
        self._clock = clock
        self.started = clock()
        # Jobs that have ended (in this run or an earlier one): only ever grows.
        self._ended: set[str] = set()
        # Finished in this run (not skipped as already done), for the ETA and rate.
        self._finished_here = 0

    def __enter__(self) -> BulkProgress:
        self.started = self._clock()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._refresh()

    def counts(self) -> Counter[str]:
        return Counter(self.states.values())

    @property
    def done(self) -> int:
        """Jobs that have ended: never goes down."""
        return len(self._ended)

    @property
    def elapsed(self) -> float:
        return max(0.0, self._clock() - self.started)

    def eta(self) -> float | None:
        """Seconds left at this run's pace so far, or None before anything finished."""
        if not self._finished_here:
            return None
        left = self.total - self.done
        return self.elapsed / self._finished_here * left

    def rate(self) -> float | None:
        """Videos finished per minute in this run, or None before anything finished."""
        elapsed = self.elapsed
        if not self._finished_here or elapsed <= 0:
            return None
        return self._finished_here / elapsed * 60.0

    def timing_text(self) -> str:
        """``elapsed 01:02, 12.5/min, eta 03:04`` (the parts known so far)."""
        parts = [f"elapsed {_clock(self.elapsed)}"]
        rate = self.rate()
        if rate is not None:
            parts.append(f"{rate:.1f}/min")
        eta = self.eta()
        if eta is not None and self.done < self.total:
            parts.append(f"eta {_clock(eta)}")
        return ", ".join(parts)

    def summary_text(self) -> str:
        counts = self.counts()
        parts = [f"{state} {counts[state]}" for state in _ACTIVE_ORDER if counts[state]]
        parts += [f"{state} {counts[state]}" for state in FINAL_STATES if counts[state]]
        return ", ".join(parts) or "starting"

    def skipped(self, key: str, state: str) -> None:
        """A job's state before this run does anything with it (an earlier run's)."""
        self.states[key] = state
        if state in FINAL_STATES:
            self._ended.add(key)

    def set_state(self, key: str, state: str) -> None:
        self.states[key] = state
        self._refresh()

    def finished(self, key: str, state: str, detail: str | None = None) -> None:
        self.states[key] = state
        if key not in self._ended:
            self._ended.add(key)
            self._finished_here += 1
        self._announce(key, state, detail)
        self._refresh()

    def note(self, text: str) -> None:
        self.console.print(text, highlight=False, markup=False)

    def _announce(self, key: str, state: str, detail: str | None) -> None:
        """One job finished (plain output prints a line)."""

    def _refresh(self) -> None:
        """The numbers changed (the live display redraws)."""


class PlainProgress(BulkProgress):
    """One line per finished job, for logs and pipes."""

    def _announce(self, key: str, state: str, detail: str | None) -> None:
        line = f"[{self.done}/{self.total}] {key}: {state}"
        if detail:
            line += f" {detail}"
        self.note(f"{line} ({self.timing_text()})")


class LiveProgress(BulkProgress):
    """A redrawn bar with counts per state, elapsed time, rate and ETA, one line
    that fits 80 columns (the counts are cut with an ellipsis when they do not)."""

    def __init__(
        self, console: Console, total: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(console, total, clock=clock)
        self._bar = Progress(
            TextColumn("[bold]bulk[/bold]", table_column=Column(no_wrap=True, min_width=4)),
            BarColumn(bar_width=16, table_column=Column(no_wrap=True, min_width=16)),
            MofNCompleteColumn(table_column=Column(no_wrap=True, min_width=5)),
            TimeElapsedColumn(table_column=Column(no_wrap=True, min_width=7)),
            # Our own rate and ETA: rich's would count jobs skipped as done as
            # instant progress.
            TextColumn(
                "{task.description}",
                table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1),
            ),
            console=console,
            expand=True,  # the counts take the width left, and are cut to fit it
            refresh_per_second=8,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> BulkProgress:
        super().__enter__()
        self._bar.start()
        self._task = self._bar.add_task(self.summary_text(), total=self.total)
        self._refresh()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._refresh()
        self._bar.stop()

    def _announce(self, key: str, state: str, detail: str | None) -> None:
        if state != "completed":  # failures stay visible above the bar
            self._bar.console.print(
                f"{key}: {state} {detail or ''}".rstrip(), highlight=False, markup=False
            )

    def _refresh(self) -> None:
        if self._task is None:
            return
        parts = []
        rate = self.rate()
        if rate is not None:
            parts.append(f"{rate:.1f}/min")
        eta = self.eta()
        if eta is not None and self.done < self.total:
            parts.append(f"eta {_clock(eta)}")
        parts.append(self.summary_text())
        self._bar.update(self._task, completed=self.done, description="  ".join(parts))


def make_progress(console: Console, *, total: int, interactive: bool) -> BulkProgress:
    """The live display on a terminal, plain lines otherwise."""
    return LiveProgress(console, total) if interactive else PlainProgress(console, total)


__all__ = [
    "DOWNLOADING",
    "FINAL_STATES",
    "QUEUED",
    "RENDERED",
    "SUBMITTING",
    "BulkProgress",
    "LiveProgress",
    "PlainProgress",
    "make_progress",
]
