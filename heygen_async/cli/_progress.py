"""Progress of a bulk run: a live bar on a terminal, plain lines otherwise; and the
byte progress of one download or upload.

Both bulk displays show the same numbers: jobs per state, elapsed time, the rate
(videos per minute, this run) and an ETA. The live display redraws a few times a
second on stderr: the bar, the counts per state under it (wrapped onto more lines
when they do not fit, never cut), and one more row per video downloading (bytes,
elapsed time, speed), every line narrower than the terminal (80 columns and up).
The plain one prints one line per finished job (CI logs, ``nohup``, pipes), with
the size of a downloaded video, never a control character, and its
``[N/total]`` counter never goes down (a job counts once it has ended, in this
run or an earlier one).

::

    progress = make_progress(console, total=50, interactive=True)
    with progress:
        progress.set_state("intro", "submitting")
        progress.transfer("intro", transfer_progress)   # an SDK on_progress call
        progress.finished("intro", "completed", "out/intro.mp4")

A single transfer (``download``, ``upload``, ``generate --download``) draws a bar
with bytes, speed and time left on a terminal, and prints nothing on the way
otherwise::

    with TransferBar(console, "download intro", interactive=True) as bar:
        await client.download_video(video_id, "out/", on_progress=bar)
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.constrain import Constrain
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Column
from rich.text import Text

from .. import TransferProgress

# Live states, in the order they are shown.
QUEUED = "queued"
SUBMITTING = "submitting"
# Submitted (or resumed from the journal), no status read yet: HeyGen's own
# "waiting" is shown only once a status check has said so.
JUST_SUBMITTED = "submitted"
DOWNLOADING = "downloading"
RENDERED = "rendered"  # HeyGen finished it, the download has not begun
_ACTIVE_ORDER = (
    QUEUED,
    SUBMITTING,
    JUST_SUBMITTED,
    "waiting",
    "pending",
    "processing",
    RENDERED,
    DOWNLOADING,
)
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
        # Bytes of each job's download: (done, total), from the SDK's on_progress.
        self.transfers: dict[str, tuple[int, int | None]] = {}

    def __enter__(self) -> BulkProgress:
        self.started = self._clock()
        self._start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._refresh()
        self._stop()

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
        return ", ".join([f"elapsed {_clock(self.elapsed)}", *self.pace_parts()])

    def pace_parts(self) -> list[str]:
        """``["12.5/min", "eta 03:04"]``: the rate and the time left, as far as known."""
        parts = []
        rate = self.rate()
        if rate is not None:
            parts.append(f"{rate:.1f}/min")
        eta = self.eta()
        if eta is not None and self.done < self.total:
            parts.append(f"eta {_clock(eta)}")
        return parts

    def summary_parts(self) -> list[str]:
        """``["processing 5", "completed 3"]``: jobs per state, live states first."""
        counts = self.counts()
        parts = [f"{state} {counts[state]}" for state in _ACTIVE_ORDER if counts[state]]
        parts += [f"{state} {counts[state]}" for state in FINAL_STATES if counts[state]]
        return parts or ["starting"]

    def summary_text(self) -> str:
        return ", ".join(self.summary_parts())

    def skipped(self, key: str, state: str) -> None:
        """A job's state before this run does anything with it (an earlier run's)."""
        self.states[key] = state
        if state in FINAL_STATES:
            self._ended.add(key)

    def set_state(self, key: str, state: str) -> None:
        self.states[key] = state
        self._refresh()

    def transfer(self, key: str, progress: TransferProgress) -> None:
        """A job's download moved (an SDK ``on_progress`` call)."""
        self.transfers[key] = (progress.bytes_done, progress.bytes_total)
        self._transfer(key, progress)

    def _transfer(self, key: str, progress: TransferProgress) -> None:
        """The bytes of a job's download changed (the live display redraws its row)."""

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

    def _start(self) -> None:
        """The run begins (the live display starts drawing)."""

    def _stop(self) -> None:
        """The run is over, its last numbers shown (the live display stops drawing)."""


class PlainProgress(BulkProgress):
    """One line per finished job, for logs and pipes."""

    def _announce(self, key: str, state: str, detail: str | None) -> None:
        line = f"[{self.done}/{self.total}] {key}: {state}"
        if detail:
            line += f" {detail}"
        moved = self.transfers.get(key)
        if state == "completed" and moved is not None:
            line += f", {decimal(moved[0])}"
        self.note(f"{line} ({self.timing_text()})")


# Columns left free at the right of every live line: room for the "^C" a terminal
# echoes after the cursor. Without it the echo wraps onto a new line, the next
# redraw erases that line instead of the bar, and the bar is left on the screen
# twice.
RIGHT_MARGIN = 2
# The state counts line up under the bar, after the "bulk " label.
_COUNTS_INDENT = 5


def wrap_parts(parts: list[str], width: int) -> list[str]:
    """``parts`` joined with ", " into lines of at most ``width`` cells, never
    breaking a part ("processing 12" stays whole)."""
    lines: list[str] = []
    line = ""
    for part in parts:
        candidate = f"{line}, {part}" if line else part
        if line and cell_len(candidate) + 1 > width:  # + 1: the "," ending the line
            lines.append(line + ",")
            line = part
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


class _Display(Progress):
    """rich's Progress, each line ``RIGHT_MARGIN`` columns short of the terminal's
    edge; on a bulk run, the state counts on lines of their own under
    the bulk row (whole, wrapped, never cut) and the downloads' rows below them."""

    def __init__(self, *columns: ProgressColumn, console: Console) -> None:
        self.counts: list[str] = []
        self._console = console  # rich renders once while building itself
        super().__init__(*columns, console=console, expand=True, refresh_per_second=8)

    @property
    def line_width(self) -> int:
        return max(1, self._console.width - RIGHT_MARGIN)

    def get_renderables(self) -> Iterable[RenderableType]:
        width = self.line_width
        main = [task for task in self.tasks if not task.fields.get("transfer")]
        rows = [task for task in self.tasks if task.fields.get("transfer")]
        if main:
            yield Constrain(self.make_tasks_table(main), width)
        indent = " " * _COUNTS_INDENT
        for line in wrap_parts(self.counts, max(1, width - _COUNTS_INDENT)):
            yield Text(indent + line, no_wrap=True, overflow="ellipsis")
        if rows:
            yield Constrain(self.make_tasks_table(rows), width)


class LiveProgress(BulkProgress):
    """A redrawn bar with elapsed time, rate and ETA, the counts per state on the
    line(s) below it, and one row per download; every line narrower than the
    terminal (80 columns and up)."""

    def __init__(
        self, console: Console, total: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(console, total, clock=clock)
        self._bar = _Display(
            TextColumn(
                "[bold]{task.fields[label]}", table_column=Column(no_wrap=True, min_width=4)
            ),
            BarColumn(bar_width=16, table_column=Column(no_wrap=True, min_width=16)),
            # As wide as a download's bytes ("4.1/8.2 kB"), so that the bulk row
            # and the download rows under it line up.
            _CountColumn(table_column=Column(no_wrap=True, min_width=10)),
            TimeElapsedColumn(table_column=Column(no_wrap=True, min_width=7)),
            # Our own rate and ETA: rich's would count jobs skipped as done as
            # instant progress.
            _DescriptionColumn(
                table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1),
            ),
            console=console,
        )
        self._task: TaskID | None = None
        # One row per download in flight, below the bulk row.
        self._rows: dict[str, TaskID] = {}

    def _start(self) -> None:
        self._bar.start()
        self._task = self._bar.add_task("", total=self.total, label="bulk")
        self._refresh()

    def _stop(self) -> None:
        self._bar.stop()

    def _transfer(self, key: str, progress: TransferProgress) -> None:
        if self._task is None:
            return
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = self._bar.add_task(
                key, total=progress.bytes_total, label="", transfer=True
            )
        self._bar.update(row, completed=progress.bytes_done, total=progress.bytes_total)

    def _announce(self, key: str, state: str, detail: str | None) -> None:
        row = self._rows.pop(key, None)
        if row is not None:
            self._bar.remove_task(row)
        if state != "completed":  # failures stay visible above the bar
            self._bar.console.print(
                f"{key}: {state} {detail or ''}".rstrip(), highlight=False, markup=False
            )

    def _refresh(self) -> None:
        if self._task is None:
            return
        self._bar.counts = self.summary_parts()
        self._bar.update(self._task, completed=self.done, description="  ".join(self.pace_parts()))


class _CountColumn(ProgressColumn):
    """Jobs done of all on the bulk row; bytes (``1.2/8.0 MB``) on a download's row."""

    def __init__(self, table_column: Column | None = None) -> None:
        super().__init__(table_column=table_column)
        self._jobs = MofNCompleteColumn()
        self._bytes = DownloadColumn()

    def render(self, task: Task) -> Text:
        return (self._bytes if task.fields.get("transfer") else self._jobs).render(task)


class _DescriptionColumn(ProgressColumn):
    """The bulk row's rate and ETA; a download's job key and speed."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("transfer"):
            return Text(task.description)
        speed = task.finished_speed or task.speed
        text = task.description if speed is None else f"{task.description}  {decimal(int(speed))}/s"
        return Text(text)


class TransferBar:
    """The byte progress of one download or upload, called as its ``on_progress``.

    On a terminal: one line (what, a bar, bytes, speed, time left) that fits 80
    columns, left showing the final numbers. Otherwise (a pipe, a log, ``--json``):
    nothing on the way; ``last`` keeps the final numbers.
    """

    def __init__(self, console: Console, label: str, *, interactive: bool) -> None:
        self.label = label
        self.last: TransferProgress | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if interactive:
            self._bar = _Display(
                TextColumn(
                    "{task.description}",
                    table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1),
                ),
                BarColumn(bar_width=16, table_column=Column(no_wrap=True, min_width=16)),
                DownloadColumn(table_column=Column(no_wrap=True, min_width=14)),
                TransferSpeedColumn(table_column=Column(no_wrap=True, min_width=10)),
                TimeRemainingColumn(table_column=Column(no_wrap=True, min_width=7)),
                console=console,  # the label takes the width left, and is cut to fit it
            )

    def __enter__(self) -> TransferBar:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=None)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, progress: TransferProgress) -> None:
        self.last = progress
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=progress.bytes_done, total=progress.bytes_total)


def make_progress(console: Console, *, total: int, interactive: bool) -> BulkProgress:
    """The live display on a terminal, plain lines otherwise."""
    return LiveProgress(console, total) if interactive else PlainProgress(console, total)


__all__ = [
    "DOWNLOADING",
    "FINAL_STATES",
    "JUST_SUBMITTED",
    "QUEUED",
    "RENDERED",
    "SUBMITTING",
    "BulkProgress",
    "LiveProgress",
    "PlainProgress",
    "TransferBar",
    "make_progress",
]
