"""Writes ``_surface.py``: how type checkers see ``HeyGenClient``'s generated members.

At run time ``HeyGenClient`` gets its methods from ``AsyncHeyGenClient`` by
introspection, which static checkers cannot follow. This script renders the
same member list (``_mirror.members``) as declarations, so ``mypy --strict`` and
IDEs know every parameter and return type. Regenerate after changing the async
client's public surface::

    python -m heygen_async._sync._surface_gen

tests/sync fails while the file is stale; the run-time facade never is.
"""

from __future__ import annotations

import ast
import builtins
import importlib.util
import inspect
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

from .. import _client
from . import _mirror

SURFACE_PATH = Path(__file__).with_name("_surface.py")
_SURFACE_CLASS = "GeneratedSurface"
# Names the sync transformation introduces, when the async module does not import them.
_SYNC_NAMES = {
    "Iterator": "collections.abc",
    "Iterable": "collections.abc",
    "Generator": "collections.abc",
    _mirror.SYNC_CLASS_NAME: "heygen_async._sync._facade",
}
_LITERAL_DEFAULTS = (type(None), bool, int, float, str)


def _annotation_text(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def _module_imports(module: types.ModuleType) -> dict[str, str]:
    """name -> the import statement that binds it in ``module`` (TYPE_CHECKING ones too)."""
    tree = ast.parse(inspect.getsource(module))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                found[bound] = (
                    f"import {alias.name} as {alias.asname}" if alias.asname else f"import {bound}"
                )
        elif isinstance(node, ast.ImportFrom):
            source = importlib.util.resolve_name(
                "." * node.level + (node.module or ""), module.__package__ or ""
            )
            for alias in node.names:
                bound = alias.asname or alias.name
                rename = f" as {alias.asname}" if alias.asname else ""
                found[bound] = f"from {source} import {alias.name}{rename}"
    return found


class _Renderer:
    def __init__(self, module: types.ModuleType) -> None:
        self._module = module
        self._imports_of_module = _module_imports(module)
        self._imports: set[str] = set()

    def _need(self, annotation_text: str) -> None:
        for node in ast.walk(ast.parse(annotation_text, mode="eval")):
            if isinstance(node, ast.Name):
                self._import(node.id)

    def _import(self, name: str) -> None:
        if name == _SURFACE_CLASS or hasattr(builtins, name):
            return
        if name in _SYNC_NAMES and (
            name == _mirror.SYNC_CLASS_NAME or name not in self._imports_of_module
        ):
            self._imports.add(f"from {_SYNC_NAMES[name]} import {name}")
        elif name in self._imports_of_module:
            self._imports.add(self._imports_of_module[name])
        elif name in vars(self._module):
            self._imports.add(f"from {self._module.__name__} import {name}")
        else:
            raise LookupError(f"cannot tell where {name!r} comes from in {self._module.__name__}")

    def _default(self, value: Any) -> str:
        if type(value) in _LITERAL_DEFAULTS:
            return repr(value)
        for name, bound in vars(self._module).items():
            if bound is value and not name.startswith("__"):
                self._import(name)
                return name
        raise LookupError(f"cannot spell the default value {value!r} in the surface")

    def _parameters(self, signature: inspect.Signature) -> list[str]:
        rendered: list[str] = []
        previous = None
        for parameter in signature.parameters.values():
            kind = parameter.kind
            if kind is parameter.KEYWORD_ONLY and previous not in (
                parameter.KEYWORD_ONLY,
                parameter.VAR_POSITIONAL,
            ):
                rendered.append("*")
            if previous is parameter.POSITIONAL_ONLY and kind is not parameter.POSITIONAL_ONLY:
                rendered.append("/")
            text = parameter.name
            if kind is parameter.VAR_POSITIONAL:
                text = "*" + text
            elif kind is parameter.VAR_KEYWORD:
                text = "**" + text
            if parameter.annotation is not parameter.empty:
                # Parameters stay as they are (identical parameters); only the
                # return type changes style.
                annotation = _annotation_text(parameter.annotation)
                self._need(annotation)
                text += f": {annotation}"
                if parameter.default is not parameter.empty:
                    text += f" = {self._default(parameter.default)}"
            elif parameter.default is not parameter.empty:
                text += f"={self._default(parameter.default)}"
            rendered.append(text)
            previous = kind
        if previous is inspect.Parameter.POSITIONAL_ONLY:
            rendered.append("/")
        return rendered

    def _returns(self, signature: inspect.Signature) -> str:
        if signature.return_annotation is signature.empty:
            return ""
        annotation = _mirror.sync_annotation(signature.return_annotation)
        self._need(annotation)
        return f" -> {annotation}"

    def function(self, name: str, signature: inspect.Signature, doc: str | None) -> str:
        lines = [f"def {name}(", *(f"    {p}," for p in self._parameters(signature))]
        lines.append(f"){self._returns(signature)}:{'' if doc else ' ...'}")
        if doc:
            body = inspect.cleandoc(doc)
            closing = "\n" if "\n" in body else ""
            lines.extend(textwrap.indent(f'"""{body}{closing}"""', "    ").splitlines())
        return "\n".join(lines)

    def render(self, async_class: type) -> str:
        blocks: list[str] = []
        init = inspect.signature(async_class.__init__)  # type: ignore[misc]
        blocks.append(self.function("__init__", init, None))
        for member in _mirror.members(async_class):
            text = self.function(member.name, member.signature, member.doc)
            if member.kind is _mirror.Kind.PROPERTY:
                text = "@property\n" + text
            blocks.append(text)
        body = textwrap.indent("\n\n".join(blocks), " " * 8)
        imports = textwrap.indent("\n".join(sorted(self._imports)), " " * 4)
        return _TEMPLATE.format(
            imports=imports, cls=_SURFACE_CLASS, source=async_class.__name__, body=body
        )


_TEMPLATE = '''\
# ruff: noqa: E501
"""GENERATED by ``python -m heygen_async._sync._surface_gen`` from {source}: do not edit.

Type checkers' view of the members HeyGenClient generates at run time. Never
imported at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
{imports}

    class {cls}:
{body}
'''


def _ruff(arguments: list[str], text: str) -> str:
    """``text`` put through ruff with the project's settings (imports sorted, formatted)."""
    if importlib.util.find_spec("ruff") is None:  # pragma: no cover - a dev dependency
        raise RuntimeError("regenerating the surface needs ruff: pip install -e '.[dev]'")
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *arguments, "--stdin-filename", str(SURFACE_PATH), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def render() -> str:
    """The text ``_surface.py`` must have for the current ``AsyncHeyGenClient``."""
    text = _Renderer(_client).render(_client.AsyncHeyGenClient)
    text = _ruff(["check", "--quiet", "--select", "I", "--fix", "--exit-zero"], text)
    return _ruff(["format", "--quiet"], text)


def main() -> int:
    SURFACE_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SURFACE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
