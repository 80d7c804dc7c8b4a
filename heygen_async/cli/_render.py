"""What the CLI prints: rich tables for people, JSON for scripts, one-line errors.

Results go to stdout; progress, notes and errors go to stderr, so
``heygen-async voices --json | jq`` always reads clean JSON.

::

    out = Output(as_json=False)
    out.table([{"voice_id": "v1", "name": "Sara"}], [("voice_id", "Voice id"), ("name", "Name")])
    out.record({"video_id": "abc", "status": "completed"})
    out.value("abc", {"video_id": "abc"})   # piped: "abc" alone; a terminal: the table
    out.error("no API key")          # stderr: "error: no API key"
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from .. import redact

Columns = Sequence[tuple[str, str]]
# Wide enough that ids and URLs are not wrapped when output is piped to a file.
_PIPE_WIDTH = 200


def to_jsonable(value: Any) -> Any:
    """Models, paths and enums as plain JSON values."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class Output:
    """The CLI's printer. ``as_json`` switches every result to JSON on stdout."""

    def __init__(
        self, *, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None
    ) -> None:
        self.as_json = as_json
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr
        self.console = _console(self._stdout)
        self.err_console = _console(self._stderr)
        self.secret: str | None = None
        """The API key: no piece of it is ever printed (servers may echo it)."""

    def clean(self, text: str) -> str:
        return redact(text, self.secret)

    @property
    def interactive(self) -> bool:
        """True when stderr is a terminal (live progress is worth drawing)."""
        return self.err_console.is_terminal

    def json(self, value: Any) -> None:
        text = json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)
        self._stdout.write(self.clean(text) + "\n")
        self._stdout.flush()

    def table(
        self,
        rows: Sequence[Mapping[str, Any]],
        columns: Columns,
        *,
        title: str | None = None,
        count: bool = True,
    ) -> None:
        """Rows as a table (or a JSON list of the full rows)."""
        if self.as_json:
            self.json(list(rows))
            return
        table = Table(title=title, show_lines=False)
        for key, header in columns:
            if key == "id" or key.endswith("_id"):
                # An id is copied and pasted: it stays on one line, whole; the
                # other columns fold around it.
                widest = max((len(_cell(row.get(key))) for row in rows), default=0)
                table.add_column(header, no_wrap=True, min_width=max(widest, len(header)))
            else:
                table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*(self.clean(_cell(row.get(key))) for key, _ in columns))
        self.console.print(table)
        if count:
            self.note(f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}")

    def record(self, values: Mapping[str, Any], *, title: str | None = None) -> None:
        """One object: a two-column table (or a JSON object)."""
        if self.as_json:
            self.json(values)
            return
        table = Table(title=title, show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in values.items():
            if value is not None:
                table.add_row(key, self.clean(_cell(to_jsonable(value))))
        self.console.print(table)

    @property
    def for_people(self) -> bool:
        """True when stdout is a terminal: results are drawn as tables there; a
        pipe or a file gets a bare value where a command has one (``VID=$(...)``)."""
        return self.console.is_terminal

    def value(self, value: str, record: Mapping[str, Any]) -> None:
        """A command's one result, such as a new video's id: ``record`` as a table
        on a terminal (or as JSON with ``--json``), ``value`` alone on a line when
        stdout is a pipe or a file, so that ``VID=$(heygen-async generate ...)``
        captures just the id."""
        if self.as_json or self.for_people:
            self.record(record)
            return
        self._stdout.write(self.clean(value) + "\n")
        self._stdout.flush()

    def note(self, text: str) -> None:
        """A remark for people, on stderr (never mixed into JSON)."""
        self.err_console.print(self.clean(text), style="dim", highlight=False, markup=False)

    def problem(self, text: str) -> None:
        """One of several problems, listed before the error line that sums them up."""
        line = " ".join(self.clean(text).split())
        self._stderr.write(f"  {line}\n")
        self._stderr.flush()

    def error(self, text: str) -> None:
        """The one line that explains why a command failed."""
        line = " ".join(self.clean(text).split())  # one line, whatever the message contained
        self._stderr.write(f"error: {line}\n")
        self._stderr.flush()


def _console(stream: TextIO) -> Console:
    console = Console(file=stream, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(file=stream, highlight=False, width=_PIPE_WIDTH, no_color=True)
    return console


__all__ = ["Columns", "Output", "to_jsonable"]
