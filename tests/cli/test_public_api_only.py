"""Issue 20 item 4: the CLI uses the SDK's public API only.

No module of ``heygen_async/cli`` imports a private SDK module (``.._client``,
``heygen_async._transport``...) or a private name (``from .. import _x``), nor reads
a ``._x`` attribute (or ``getattr(x, "_x")``) that the CLI does not define itself:
such a read reaches into the SDK's internals. Each offence is named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import heygen_async.cli

CLI = Path(heygen_async.cli.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _own_private_names(trees: dict[Path, ast.Module]) -> set[str]:
    """The private names the CLI defines: its functions, classes, attributes."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {name for name in names if _private(name)}


def _sdk_module(node: ast.ImportFrom) -> str | None:
    """The SDK module (outside the CLI) an import names, dotted from heygen_async."""
    if node.level == 0:
        module = node.module or ""
        if module.startswith("heygen_async.cli") or not module.startswith("heygen_async"):
            return None
        return module
    if node.level == 1:
        return None  # the CLI's own modules
    parts = ["heygen_async", "cli"][: 3 - node.level]
    return ".".join([*parts, *([node.module] if node.module else [])])


def offences(root: Path = CLI) -> list[str]:
    trees = {path: ast.parse(path.read_text(), str(path)) for path in sorted(root.glob("*.py"))}
    own = _own_private_names(trees)
    found = []
    for path, tree in trees.items():
        where = path.name
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (module := _sdk_module(node)):
                if any(_private(part) for part in module.split(".")):
                    found.append(f"{where}:{node.lineno}: imports private module {module}")
                for alias in node.names:
                    if _private(alias.name):
                        found.append(f"{where}:{node.lineno}: imports {module}.{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("heygen_async") and any(
                        _private(part) for part in alias.name.split(".")
                    ):
                        found.append(f"{where}:{node.lineno}: imports {alias.name}")
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                if node.attr not in own:
                    found.append(f"{where}:{node.lineno}: reads SDK internal .{node.attr}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _private(node.args[1].value)
                and node.args[1].value not in own
            ):
                found.append(
                    f"{where}:{node.lineno}: {node.func.id} of SDK internal {node.args[1].value!r}"
                )
    return sorted(found)


def test_the_cli_reaches_no_sdk_internals() -> None:
    assert offences() == []


def test_the_check_names_each_offence(tmp_path: Path) -> None:
    """The check catches what the CLI did before issue 20 (and names it)."""
    (tmp_path / "_runner.py").write_text(
        "from .._backends import Backend\n"
        "from heygen_async._logging import redact\n"
        "from .. import _session\n"
        "from .. import AsyncHeyGenClient\n"
        "from ._own import helper\n"
        "def run(client):\n"
        "    http = client._session.transport.http\n"
        "    secret = getattr(client._transport, '_api_key', None)\n"
        "    return http, secret\n"
    )
    assert offences(tmp_path) == [
        "_runner.py:1: imports private module heygen_async._backends",
        "_runner.py:2: imports private module heygen_async._logging",
        "_runner.py:3: imports heygen_async._session",
        "_runner.py:7: reads SDK internal ._session",
        "_runner.py:8: getattr of SDK internal '_api_key'",
        "_runner.py:8: reads SDK internal ._transport",
    ]


def test_no_api_version_knowledge_in_the_cli() -> None:
    """The CLI asks ``client.capabilities``; it compares no version strings."""
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    if isinstance(side, ast.Constant) and side.value in ("v2", "v3", "v1"):
                        found.append(f"{path.name}:{node.lineno}")
    assert found == []


# --- architecture item 7: CLI wording lives in the CLI, keyed by error attributes --


def test_configuration_errors_carry_their_setting_and_the_cli_names_its_flag() -> None:
    import pytest

    from heygen_async import AsyncHeyGenClient, ConfigurationError
    from heygen_async.cli._context import for_the_cli

    with pytest.raises(ConfigurationError) as caught:
        AsyncHeyGenClient(api_key="k", timeout=-1)
    error = caught.value
    assert (error.field, error.problem) == (
        "timeout",
        "must be a positive number of seconds (got -1)",
    )
    assert str(for_the_cli(error)) == "--timeout: must be a positive number of seconds (got -1)"
    with pytest.raises(ConfigurationError) as caught:
        AsyncHeyGenClient(api_key="k", base_url="ftp://x")
    assert str(for_the_cli(caught.value)).startswith("HEYGEN_BASE_URL: must be an http(s) URL")
    missing = ConfigurationError("anything at all", field="api_key")
    assert "--api-key-file FILE" in str(for_the_cli(missing))


async def test_an_unknown_avatar_names_the_cli_listing_command_in_the_cli_only() -> None:
    from heygen_async import NotFoundError
    from heygen_async.cli._commands import error_in_cli_words
    from heygen_async.testing import SAMPLE_VOICE_ID, FakeHeyGen

    fake = FakeHeyGen()
    async with fake.client(api_version="v3", max_retries=0) as client:
        try:
            await client.generate_video("Hi", "no_such_avatar", SAMPLE_VOICE_ID)
        except NotFoundError as exc:
            error = exc
    assert error.catalogue == "avatar"
    assert "heygen-async" not in str(error)  # the SDK's text names the client call
    assert str(error).endswith("client.list_avatars()")
    assert error_in_cli_words(error) == f"{error} (or `heygen-async avatars`)"
