"""No import cycles in the package, except imports made for type checking only.

A cycle makes the import order matter (a module sees its partner half-built) and
keeps modules from loading lazily. The graph is read from the source: an import at
module level, outside ``if TYPE_CHECKING:``, is an edge; importing a module imports
its parent packages too, so those are edges as well (but a module's own ancestors,
always loaded before it, are not).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_names(root: Path, package: str) -> dict[str, Path]:
    names = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def runtime_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports a module runs when it is loaded (not those in functions)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                yield from runtime_imports(node.body)
            yield from runtime_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for part in (node.body, node.orelse, node.finalbody):
                yield from runtime_imports(part)
            for handler in node.handlers:
                yield from runtime_imports(handler.body)


def imported(module: str, node: ast.Import | ast.ImportFrom, known: dict[str, Path]) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    base = module if known[module].name == "__init__.py" else module.rpartition(".")[0]
    if node.level:
        parts = base.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1])
        target = f"{base}.{node.module}" if node.module else base
    else:
        target = node.module or ""
    found = {target} if target in known else set()
    found |= {f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known}
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    known = module_names(root, package)
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        edges: set[str] = set()
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            for target in imported(module, node, known):
                parts = target.split(".")
                for end in range(1, len(parts) + 1):
                    loaded = ".".join(parts[:end])
                    if loaded in known and loaded != module and not module.startswith(loaded + "."):
                        edges.add(loaded)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_package_has_no_import_cycle() -> None:
    found = cycles(import_graph(ROOT, "heygen_async"))
    assert found == [], "import cycles (make one side import lazily or for typing only):\n" + (
        "\n".join(" <-> ".join(group) for group in found)
    )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_check_finds_a_cycle_and_spares_typing_only_and_lazy_imports(tmp_path: Path) -> None:
    write(tmp_path / "pkg/__init__.py", "from .a import A\n")
    write(tmp_path / "pkg/a.py", "from .sub.b import B\nA = 1\n")
    write(tmp_path / "pkg/sub/__init__.py", "")
    write(tmp_path / "pkg/sub/b.py", "from ..a import A\nB = 2\n")
    write(
        tmp_path / "pkg/c.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .d import D\n",
    )
    write(tmp_path / "pkg/d.py", "from .c import TYPE_CHECKING\ndef f():\n    from . import c\n")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.sub.b"]]
