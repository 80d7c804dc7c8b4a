"""Every Python example in README.md and the docs runs, as a user would run it.

Each ``python`` block of every page of the site (README.md, every file under
docs/, CHANGELOG.md, benchmarks/RESULTS.md) is one of:

- a **complete program** (the default): run as written, in a fresh interpreter;
- a **test module**, when its first line is ``# test_<name>.py``: run with pytest;
- a **fragment**, when the line before its fence is
  ``<!-- fragment: NAME -->``: run inside the complete program
  ``tests/docs/harnesses/NAME.py`` (``-`` for ``_``), in place of its
  ``# fragment`` line. The harness's docstring says what the fragment may use;
- an **illustration**, when the line before its fence is
  ``<!-- illustration: why -->``: not Python (it must not compile), so not run.

A block that calls HeyGen v3 operations the fake may not serve yet names them in
a marker among the comment lines before its fence:
``<!-- needs: POST /v3/lipsyncs, GET /v3/lipsyncs/{lipsync_id} -->`` (HeyGen's
method and path, as its spec writes them). It runs as soon as the SDK declares
each of them (``client.<noun>``) and the fake serves each of them; until then it
is reported as skipped, naming the first one missing ("the fake does not serve
POST /v3/lipsyncs yet").

Programs run against a loopback fake HeyGen server, with the environment a user
would have (``HEYGEN_API_KEY``, ``HEYGEN_BASE_URL``, ``HEYGEN_UPLOAD_URL``) and
the sample files the examples open. ``https://example.com/`` in an example is
served from a local folder.
"""

from __future__ import annotations

import functools
import http.server
import inspect
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async.resources._resource import AsyncResource
from heygen_async.testing import FakeHeyGen, serve_loopback, wire_shapes

ROOT = Path(__file__).resolve().parents[2]
HARNESSES = Path(__file__).resolve().parent / "harnesses"
PAGES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    ROOT / "CHANGELOG.md",
    ROOT / "benchmarks" / "RESULTS.md",
]
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
MARKER = re.compile(r"^\s*<!--\s*(?P<kind>fragment|illustration|needs):\s*(?P<value>.*?)\s*-->\s*$")
TEST_MODULE = re.compile(r"^# (?P<name>test_\w+\.py)\s*$")

# Fragments on pages edited by other work that have no marker yet: the block's
# first line -> the harness it runs in. A marker on the page takes precedence.
UNMARKED_FRAGMENTS = {
    (
        "testing.md",
        'fake.faults.force("generate", Fault.server_error(502, after_processing=True))',
    ): ("fake-http"),
}
# Blocks on pages edited by other work that cannot run as written and fit no
# harness yet (page, first line) -> what they lack. They run, and are expected
# to fail until the page makes them whole or marks them.
NOT_YET_RUNNABLE = {
    ("testing.md", "clock = ManualClock()"): (
        "a fragment (imports, `client`, `await` outside a function) with no marker; "
        "docs/testing.md is edited by other work"
    ),
}

JPEG = b"\xff\xd8\xff\xe0" + bytes(200)
MP3 = b"ID3\x03" + bytes(200)
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(200)


@dataclass(frozen=True)
class Block:
    page: Path
    number: int  # among the page's python blocks
    line: int
    code: str
    kind: str  # program | test-module | fragment | illustration
    harness: str = ""
    needs: tuple[str, ...] = ()  # HeyGen operations ("POST /v3/lipsyncs") it calls

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}#{self.number}"

    @property
    def first_line(self) -> str:
        return next((line for line in self.code.splitlines() if line.strip()), "")


def _blocks(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        end = index + 1
        while end < len(lines) and not lines[end].lstrip().startswith(fence):
            end += 1
        language = info.split()[0].lower() if info else ""
        if language in ("python", "py", "python3"):
            code = textwrap.dedent("\n".join(lines[index + 1 : end])) + "\n"
            found.append(_classify(page, len(found), index + 1, code, _markers(lines, index)))
        index = end + 1
    return found


def _markers(lines: list[str], fence: int) -> dict[str, str]:
    """The markers in the comment lines just before line ``fence``: kind -> value."""
    found: dict[str, str] = {}
    for index in range(fence - 1, -1, -1):
        marker = MARKER.match(lines[index])
        if marker:
            found.setdefault(marker["kind"], marker["value"])
        elif lines[index].strip():
            break
    return found


def _classify(page: Path, number: int, line: int, code: str, markers: dict[str, str]) -> Block:
    needs = tuple(op.strip() for op in markers.get("needs", "").split(",") if op.strip())
    block = Block(page, number, line, code, "program", needs=needs)
    if "fragment" in markers:
        return Block(page, number, line, code, "fragment", markers["fragment"], needs)
    if "illustration" in markers:
        return Block(page, number, line, code, "illustration")
    if TEST_MODULE.match(block.first_line):
        return Block(page, number, line, code, "test-module")
    harness = UNMARKED_FRAGMENTS.get((page.name, block.first_line))
    if harness:
        return Block(page, number, line, code, "fragment", harness, needs)
    return block


def all_blocks() -> list[Block]:
    return [block for page in PAGES if page.exists() for block in _blocks(page)]


def runnable() -> list[Block]:
    return [block for block in all_blocks() if block.kind != "illustration"]


def _harness_path(name: str) -> Path:
    return HARNESSES / f"{name.replace('-', '_')}.py"


def compose(block: Block) -> str:
    """The complete program ``block`` is (a fragment: its harness, with the fragment in)."""
    if block.kind != "fragment":
        return block.code
    harness = _harness_path(block.harness).read_text(encoding="utf-8").splitlines()
    slots = [i for i, line in enumerate(harness) if line.strip() == "# fragment"]
    assert len(slots) == 1, f"{block.harness}: one '# fragment' line"
    indent = harness[slots[0]][: len(harness[slots[0]]) - len(harness[slots[0]].lstrip())]
    inserted = textwrap.indent(block.code, indent, lambda line: True).rstrip("\n")
    return "\n".join([*harness[: slots[0]], inserted, *harness[slots[0] + 1 :]]) + "\n"


@pytest.fixture(scope="module")
def media_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("media")
    (folder / "clip.mp4").write_bytes(MP4)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def heygen_url() -> Iterator[str]:
    fake = FakeHeyGen(seed=5, time_scale=1000.0, render_seconds=(30.0, 90.0))
    with serve_loopback(fake) as server:
        yield server.base_url


def _run(
    code: str, folder: Path, heygen_url: str, media_server: str
) -> subprocess.CompletedProcess[str]:
    (folder / "portrait.jpg").write_bytes(JPEG)
    (folder / "face.jpg").write_bytes(JPEG)
    (folder / "voice.mp3").write_bytes(MP3)
    program = code.replace("https://example.com/", media_server)
    env = {
        **os.environ,
        "HEYGEN_API_KEY": "doc-example-key",
        "HEYGEN_BASE_URL": heygen_url,
        "HEYGEN_UPLOAD_URL": heygen_url,
    }
    test_module = TEST_MODULE.match(program.splitlines()[0])
    if test_module:
        (folder / test_module["name"]).write_text(program, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["-o", "asyncio_mode=auto", "--rootdir", str(folder), test_module["name"]]
    else:
        (folder / "example.py").write_text(program, encoding="utf-8")
        command = [sys.executable, "example.py"]
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=90, check=False
    )


def test_every_page_of_the_site_is_checked() -> None:
    pages = {block.page.name for block in all_blocks()}
    assert {"README.md", "configuration.md", "errors.md", "uploads.md", "waiting.md"} <= pages
    assert {"sync.md", "testing.md", "migration.md"} <= pages
    assert len(runnable()) >= 20


def test_fragments_name_a_harness_that_runs_them() -> None:
    for block in all_blocks():
        if block.kind == "fragment":
            assert _harness_path(block.harness).exists(), f"{block.name}: no {block.harness}"
            compile(compose(block), block.name, "exec")


def test_illustrations_are_not_python() -> None:
    """Only what cannot be a program may skip running: a block that compiles runs."""
    for block in all_blocks():
        if block.kind == "illustration":
            with pytest.raises(SyntaxError):
                compile(block.code, block.name, "exec")


def test_needs_markers_name_heygen_operations() -> None:
    """A misspelt operation would skip its example for ever: each must be HeyGen's."""
    needs = [(block.name, need) for block in all_blocks() for need in block.needs]
    for name, need in needs:
        method, _, path = need.partition(" ")
        assert wire_shapes.operation(method, path), f"{name}: {need}"


def test_a_needs_marker_skips_only_until_the_operation_is_declared_and_served() -> None:
    block = _classify(
        Path("x.md"), 0, 1, "print()\n", {"needs": "GET /v3/voices, POST /v3/lipsyncs"}
    )
    assert block.kind == "program" and block.needs == ("GET /v3/voices", "POST /v3/lipsyncs")
    voices, lipsyncs = "GET /v3/voices", "POST /v3/lipsyncs"
    assert missing_operation(block.needs, {voices}, {voices}) == (
        "the SDK does not declare POST /v3/lipsyncs yet"
    )
    assert missing_operation(block.needs, {voices, lipsyncs}, {voices}) == (
        "the fake does not serve POST /v3/lipsyncs yet"
    )
    assert missing_operation(block.needs, {voices, lipsyncs}, {voices, lipsyncs}) is None
    # Read from the SDK and the fake themselves: what both have today.
    assert {"GET /v3/voices/{}", "GET /v3/avatars/looks"} <= declared_operations()
    assert {"GET /v3/voices/{}", "GET /v3/avatars/looks"} <= served_operations()


def test_the_harnesses_run_without_a_fragment(
    tmp_path: Path, heygen_url: str, media_server: str
) -> None:
    for harness in sorted(HARNESSES.glob("*.py")):
        done = _run(harness.read_text(encoding="utf-8"), tmp_path, heygen_url, media_server)
        if harness.stem == "celery_task":  # it insists on a task to call
            assert "the fragment registers a task" in done.stderr
            continue
        assert done.returncode == 0, f"{harness.name}:\n{done.stdout}\n{done.stderr}"


_PATH_PARAMETER = re.compile(r"\{\w+\}")


def _operation(method: str, path: str) -> str:
    """``METHOD /path`` with its path parameters unnamed (the fake may name them otherwise)."""
    return f"{method.upper()} {_PATH_PARAMETER.sub('{}', path)}"


def served_operations() -> set[str]:
    """The operations the docs' fake HeyGen answers, from its routes."""
    return {_operation(r.method, r.pattern) for r in FakeHeyGen().app.router.routes()}


def declared_operations() -> set[str]:
    """The operations the SDK declares, walked from a client's resources (``client.voices``,
    ``client.avatars.looks``, ...)."""
    found: set[str] = set()
    todo: list[object] = [AsyncHeyGenClient(api_key="doc-example-key")]
    while todo:
        owner = todo.pop()
        for name in dir(type(owner)):
            member = inspect.getattr_static(type(owner), name)
            if name.startswith("_"):
                continue
            declared = getattr(member, "__endpoint__", None)
            if declared is not None:
                found.add(_operation(declared.method, declared.path))
            elif isinstance(member, property) and name != "with_raw_response":
                value = getattr(owner, name)
                if isinstance(value, AsyncResource):
                    todo.append(value)
    return found


def missing_operation(needs: tuple[str, ...], declared: set[str], served: set[str]) -> str | None:
    """Why a block that calls ``needs`` cannot run yet, or ``None`` when it can."""
    for need in needs:
        method, _, path = need.partition(" ")
        if _operation(method, path) not in declared:
            return f"the SDK does not declare {need} yet"
        if _operation(method, path) not in served:
            return f"the fake does not serve {need} yet"
    return None


def _params() -> list[object]:
    params = []
    declared, served = declared_operations(), served_operations()
    for block in runnable():
        reason = NOT_YET_RUNNABLE.get((block.page.name, block.first_line))
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        missing = missing_operation(block.needs, declared, served)
        marks += [pytest.mark.skip(reason=missing)] if missing else []
        params.append(pytest.param(block, id=block.name, marks=marks))
    return params


@pytest.mark.loopback
@pytest.mark.parametrize("block", _params())
def test_doc_example_runs(block: Block, tmp_path: Path, heygen_url: str, media_server: str) -> None:
    done = _run(compose(block), tmp_path, heygen_url, media_server)
    where = f"{block.name} ({block.kind}, line {block.line})"
    assert done.returncode == 0, f"{where} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, f"{where}:\n{done.stderr}"
