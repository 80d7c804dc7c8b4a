"""What a benchmark hands back, and how it is rendered as Markdown.

A benchmark returns one ``Section``: a short statement of what was measured and
why, one or more tables (the SDK next to its baseline) and the headline ratios.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._stats import Spread


class BenchmarkSkipped(Exception):
    """A piece the benchmark needs is not there (yet); the message says which."""


@dataclass
class Table:
    """A Markdown table: the first column names the contender, the rest are figures."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([str(cell) for cell in cells])

    def to_markdown(self) -> str:
        lines = [
            "| " + " | ".join(self.headers) + " |",
            "|" + "|".join("---" if i == 0 else "---:" for i in range(len(self.headers))) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


@dataclass
class Section:
    """The outcome of one benchmark."""

    name: str
    title: str
    method: str = ""
    tables: list[Table] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None
    seconds: float = 0.0

    def to_markdown(self) -> str:
        parts = [f"## {self.title}"]
        if self.skipped is not None:
            parts.append(f"Skipped: {self.skipped}")
            return "\n\n".join(parts)
        if self.error is not None:
            parts.append(f"**Failed:** `{self.error}`")
            return "\n\n".join(parts)
        if self.method:
            parts.append(self.method.strip())
        parts += [table.to_markdown() for table in self.tables]
        if self.headlines:
            parts.append("\n".join(f"- **{line}**" for line in self.headlines))
        parts.append(f"_Benchmark ran in {self.seconds:.1f} s._")
        return "\n\n".join(parts)


def ratio(value: float, baseline: float) -> str:
    """``value / baseline`` as ``"0.42x"`` (``"0.00697x"`` when tiny); ``"n/a"`` when the
    baseline is zero."""
    if baseline == 0:
        return "n/a"
    share = value / baseline
    return f"{share:.2f}x" if share == 0 or share >= 0.1 else f"{share:.3g}x"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} µs"


def secs(seconds: float) -> str:
    return f"{seconds:.1f} s"


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:.1f} MiB"


def kib(n_bytes: float) -> str:
    return f"{n_bytes / 1024:.1f} KiB"


def ratio_spread(spread: Spread) -> str:
    """Round ratios as ``"1.01x / 1.03x / 1.06x"`` (min / median / max)."""
    return " / ".join(ratio(value, 1.0) for value in (spread.low, spread.mid, spread.high))


def us_spread(spread: Spread) -> str:
    """Per-call figures as ``"70 / 74 / 81 µs"`` (min / median / max)."""
    return (
        " / ".join(f"{value * 1e6:.0f}" for value in (spread.low, spread.mid, spread.high)) + " µs"
    )


def ms_spread(spread: Spread) -> str:
    """``"61.2 / 63.0 / 70.4 ms"`` (min / median / max)."""
    return (
        " / ".join(f"{value * 1000:.1f}" for value in (spread.low, spread.mid, spread.high)) + " ms"
    )
