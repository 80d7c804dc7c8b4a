"""The complete programs in README.md and the docs run, as a user would run them.

Each ``python`` block that is a whole program (it imports the SDK and runs
something) is executed in a fresh interpreter against a loopback fake HeyGen
server, with the environment a user would have (``HEYGEN_API_KEY``,
``HEYGEN_BASE_URL``, ``HEYGEN_UPLOAD_URL``) and the sample files the examples
open. ``https://example.com/`` in an example is served from a local folder.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from heygen_async.testing import FakeHeyGen, serve_loopback

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md"] + [
    ROOT / "docs" / f"{name}.md"
    for name in ("configuration", "errors", "uploads", "waiting", "sync", "migration")
]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)

JPEG = b"\xff\xd8\xff\xe0" + bytes(200)
MP3 = b"ID3\x03" + bytes(200)
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(200)


def _compiles(code: str) -> bool:
    """Side-by-side comparisons (async | sync columns) are pictures, not programs."""
    try:
        compile(code, "<doc>", "exec")
    except SyntaxError:
        return False
    return True


def programs() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for number, code in enumerate(BLOCK.findall(doc.read_text())):
            runs = ("asyncio.run(", "anyio.run(", "with HeyGenClient(", "= HeyGenClient(")
            if "heygen_async" in code and any(call in code for call in runs) and _compiles(code):
                found.append((f"{doc.name}#{number}", code))
    return found


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


def test_the_docs_have_programs_to_run() -> None:
    names = [name for name, _ in programs()]
    assert {name.split("#")[0] for name in names} == {doc.name for doc in DOCS}
    assert len(names) >= 8


@pytest.mark.loopback
@pytest.mark.parametrize(("name", "code"), programs(), ids=[name for name, _ in programs()])
def test_doc_program_runs(
    name: str, code: str, tmp_path: Path, heygen_url: str, media_server: str
) -> None:
    (tmp_path / "portrait.jpg").write_bytes(JPEG)
    (tmp_path / "face.jpg").write_bytes(JPEG)
    (tmp_path / "voice.mp3").write_bytes(MP3)
    program = code.replace("https://example.com/", media_server)
    env = {
        **os.environ,
        "HEYGEN_API_KEY": "doc-example-key",
        "HEYGEN_BASE_URL": heygen_url,
        "HEYGEN_UPLOAD_URL": heygen_url,
    }
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
