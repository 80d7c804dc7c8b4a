"""A v3 path is written in one place: its operation's declaration in ``resources/``.

The seed methods (``generate_video``, ``list_voices``, ...) send v3 operations
through the same declarations (``_backends/v3`` names them, ``Endpoint.request``
builds the request), so no other module of the package spells a v3 path. Docstrings
may mention paths; code may not. The fake server (``testing/``) serves them and is
left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import heygen_async
from heygen_async._backends.v3 import _backend as v3

PACKAGE = Path(heygen_async.__file__).parent
V3_PATH = re.compile(r"^/?v3/")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the constant nodes that are docstrings (module, class, function,
    and the attribute docstrings under assignments)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for statement in body:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                found.add(id(statement.value))
    return found


def _v3_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string in ``path``'s code that starts like a v3 path."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and V3_PATH.match(node.value):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            if (
                isinstance(head, ast.Constant)
                and isinstance(head.value, str)
                and V3_PATH.match(head.value)
            ):
                found.append((node.lineno, ast.unparse(node)))
    return found


def _is_a_declaring_module(path: Path) -> bool:
    """``resources/<noun>.py``: the modules whose operations are declared there."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] == "resources" and not relative.name.startswith("_")


def test_no_module_but_the_resource_declarations_spells_a_v3_path() -> None:
    outside = {
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] != "testing" and not _is_a_declaring_module(path)
        for line, text in _v3_literals(path)
    }
    assert not outside, "v3 paths written outside resources/<noun>.py:\n" + "\n".join(
        sorted(outside)
    )


def test_the_scan_sees_code_and_skips_docstrings() -> None:
    """The scan would catch a path in code (resources/videos.py has them) and does not
    count the paths docstrings mention (``jobs/_videos.py`` has one)."""
    assert any(
        text == "/v3/videos/{video_id}"
        for _, text in _v3_literals(PACKAGE / "resources" / "videos.py")
    )
    assert "/v3/videos/statuses" in (PACKAGE / "jobs" / "_videos.py").read_text()
    assert _v3_literals(PACKAGE / "jobs" / "_videos.py") == []


@pytest.mark.parametrize(
    "operation",
    [
        name
        for name, value in vars(v3).items()
        if name.isupper()
        and isinstance(value, str)
        and value.count(".") == 2
        and value.split(".")[1].startswith("Async")
    ],
)
def test_every_operation_the_v3_seeds_send_is_a_declared_v3_one(operation: str) -> None:
    declaration = v3.declared(getattr(v3, operation))
    assert declaration.path.startswith("/v3/")
    assert declaration.versions == frozenset({"v3"})
