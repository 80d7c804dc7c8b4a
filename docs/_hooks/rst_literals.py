"""Griffe extension for the API reference: reStructuredText literal blocks as code.

The docstrings show examples the way ``help()`` reads them best, as
reStructuredText literal blocks (a paragraph ending in ``::``, then an indented
block). The reference renders Markdown, where that would print a stray ``::``;
this turns each such block into a fenced Python block first.
"""

from __future__ import annotations

import textwrap
from typing import Any

from griffe import Extension, Object


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def rst_literals(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.rstrip()
        start = index + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        base = _indent(line)
        end = start
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > base):
            end += 1
        if not stripped.endswith("::") or start == index + 1 or end == start:
            out.append(line)
            index += 1
            continue
        head = stripped[:-2]
        if head.strip():
            out.append(head.rstrip() if head.endswith(" ") else head + ":")
            out.append("")
        pad = " " * base
        block = textwrap.dedent("\n".join(lines[start:end])).strip("\n")
        out += [f"{pad}```python", *(f"{pad}{code}".rstrip() for code in block.split("\n"))]
        out += [f"{pad}```", ""]
        index = end
    return "\n".join(out).rstrip("\n")


class RstLiterals(Extension):
    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring and "::" in obj.docstring.value:
            obj.docstring.value = rst_literals(obj.docstring.value)
