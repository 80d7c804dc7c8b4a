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


class SharedMethods(Extension):
    """Methods a resource class gets from a base at import time (``AsyncJobs`` gives
    each job noun its ``wait`` and ``wait_many``, with the noun's own signature and
    docstring) are invisible to the source the reference is read from: they are
    read from the running class instead, so the noun's page shows its own."""

    def on_class_members(self, *, cls: Any, **kwargs: Any) -> None:
        import importlib

        try:
            runtime = getattr(importlib.import_module(cls.module.path), cls.name)
        except (ImportError, AttributeError):
            return
        shared = [
            name
            for name, member in vars(runtime).items()
            if callable(member)
            and not name.startswith("_")
            and getattr(member, "__shared_from__", None) is not None
            and name not in cls.members
        ]
        if not shared:
            return
        for name in shared:
            cls.set_member(name, _function(name, getattr(runtime, name), cls))


def _function(name: str, method: Any, parent: Any) -> Any:
    """A griffe function for a running method: its signature and docstring."""
    import inspect

    import griffe

    signature = inspect.signature(method)
    # Its parameters as declared (``**options: Unpack[RequestOptions]``), as the page
    # shows the methods it reads from the source, where the declaration keeps them.
    declared = inspect.signature(inspect.unwrap(method)).parameters.values()

    def shown(annotation: Any) -> str | None:
        if annotation is inspect.Parameter.empty:
            return None
        return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)

    parameters = griffe.Parameters(
        *(
            griffe.Parameter(
                parameter.name,
                annotation=shown(parameter.annotation),
                kind=griffe.ParameterKind(parameter.kind.description),
                default=None
                if parameter.default is inspect.Parameter.empty
                else repr(parameter.default),
            )
            for parameter in declared
        )
    )
    function = griffe.Function(
        name,
        parameters=parameters,
        returns=shown(signature.return_annotation),
        docstring=griffe.Docstring(rst_literals(inspect.getdoc(method) or "")),
        parent=parent,
    )
    return function
