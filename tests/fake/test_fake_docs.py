"""The example test in docs/testing.md runs as a user would run it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "testing.md"


def test_the_documented_example_test_passes(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    example = next(block for block in blocks if block.startswith("# test_welcome.py"))
    (tmp_path / "test_welcome.py").write_text(example, encoding="utf-8")

    # A fresh pytest in an empty project: only the installed plugin provides the fixture.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "asyncio_mode=auto",
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_welcome.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_the_documented_endpoint_names_are_the_fakes() -> None:
    from heygen_async.testing._endpoints import ALL_API, ENDPOINTS

    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("| name | v1/v2 | v3 |") :].split("\n\n", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))

    assert documented == {name for name in ENDPOINTS if name != ALL_API}
