"""Progress of a bulk run: a live bar on a terminal, plain lines otherwise.

Both show the same numbers: jobs per state, elapsed time and an ETA. The live
display redraws a few times a second on stderr; the plain one prints one line
per finished job (CI logs, ``nohup``, pipes), never a control character.

::

    progress = make_progress(console, total=50, interactive=True)
    with progress:
        progress.set_state("intro", "submitting")
        progress.finished("intro", "completed", "out/intro.mp4")
"""

from __future__ import annotations

import time
from collections import Counter
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

# Live states, in the order they are shown.
QUEUED = "queued"
SUBMITTING = "submitting"
DOWNLOADING = "downloading"
_ACTIVE_ORDER = (QUEUED, SUBMITTING, "waiting", "pending", "processing", DOWNLOADING)
# States a job ends in (see _bulk.py results).
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

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.total = total
        self.states: dict[str, str] = {}
        self.started = time.monotonic()
        # Finished in this run (not skipped as already done), for the ETA.
        self._finished_here = 0

    def __enter__(self) -> BulkProgress:
        self.started = time.monotonic()
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
        return sum(1 for state in self.states.values() if state in FINAL_STATES)

    def eta(self) -> float | None:
        """Seconds left at this run's pace so far, or None before anything finished."""
        if not self._finished_here:
            return None
        left = self.total - self.done
        return (time.monotonic() - self.started) / self._finished_here * left

    def summary_text(self) -> str:
        counts = self.counts()
        parts = [f"{state} {counts[state]}" for state in _ACTIVE_ORDER if counts[state]]
        parts += [f"{state} {counts[state]}" for state in FINAL_STATES if counts[state]]
        return ", ".join(parts) or "starting"

    def skipped(self, key: str, state: str) -> None:
        """A job already finished in an earlier run."""
        self.states[key] = state

    def set_state(self, key: str, state: str) -> None:
        self.states[key] = state
        self._refresh()

    def finished(self, key: str, state: str, detail: str | None = None) -> None:
        self.states[key] = state
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
        eta = self.eta()
        timing = f"elapsed {_clock(time.monotonic() - self.started)}"
        if eta is not None and self.done < self.total:
            timing += f", eta {_clock(eta)}"
        line = f"[{self.done}/{self.total}] {key}: {state}"
        if detail:
            line += f" {detail}"
        self.note(f"{line} ({timing})")


class LiveProgress(BulkProgress):
    """A redrawn bar with counts per state, elapsed time and ETA."""

    def __init__(self, console: Console, total: int) -> None:
        super().__init__(console, total)
        self._bar = Progress(
            TextColumn("[bold]bulk[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            # Our own ETA: rich's would count jobs skipped as done as instant progress.
            TextColumn("{task.description}"),
            console=console,
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
        eta = self.eta()
        text = self.summary_text()
        if eta is not None and self.done < self.total:
            text = f"eta {_clock(eta)}  {text}"
        self._bar.update(self._task, completed=self.done, description=text)


def make_progress(console: Console, *, total: int, interactive: bool) -> BulkProgress:
    """The live display on a terminal, plain lines otherwise."""
    return LiveProgress(console, total) if interactive else PlainProgress(console, total)


__all__ = [
    "DOWNLOADING",
    "FINAL_STATES",
    "QUEUED",
    "SUBMITTING",
    "BulkProgress",
    "LiveProgress",
    "PlainProgress",
    "make_progress",
]
