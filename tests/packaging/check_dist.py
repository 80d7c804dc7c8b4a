"""Check the wheel and the sdist that ``python -m build`` made (run by .ci/run).

``python tests/packaging/check_dist.py DIST_DIR``: exits non-zero, naming each
problem, if the distributions lack a file a release needs or carry one they
should not, or if their metadata disagrees with ``heygen_async/_version.py``.
"""

from __future__ import annotations

import re
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def source_version() -> str:
    text = (ROOT / "heygen_async" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    assert match, "heygen_async/_version.py: no __version__"
    return match[1]


def check_wheel(wheel: Path, version: str) -> list[str]:
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode())
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    for needed in (
        "heygen_async/__init__.py",
        "heygen_async/py.typed",
        "heygen_async/cli/__init__.py",
        "heygen_async/testing/wire_shapes/v3.json",  # package data the fake and tests read
    ):
        if needed not in names:
            problems.append(f"wheel: no {needed}")
    if not any(re.search(r"\.dist-info/(licenses/)?LICENSE$", n) for n in names):
        problems.append("wheel: no LICENSE in .dist-info")
    for foreign in ("tests/", "benchmarks/", "docs/"):
        if any(n.startswith(foreign) for n in names):
            problems.append(f"wheel: carries {foreign}")
    if metadata["Version"] != version:
        problems.append(f"wheel: Version {metadata['Version']} != _version.py {version}")
    if "MIT" not in (metadata.get("License-Expression") or metadata.get("License") or ""):
        problems.append("wheel: license is not MIT")
    if metadata["Requires-Python"] != ">=3.10":
        problems.append(f"wheel: Requires-Python {metadata['Requires-Python']}")
    urls = {value.split(",")[0].strip() for value in metadata.get_all("Project-URL") or []}
    for label in ("Homepage", "Documentation", "Source", "Issues", "Changelog"):
        if label not in urls:
            problems.append(f"wheel: no Project-URL {label}")
    extras = set(metadata.get_all("Provides-Extra") or [])
    if not {"cli", "server", "dev", "docs"} <= extras:
        problems.append(f"wheel: extras {sorted(extras)}")
    if "heygen-async = heygen_async.cli:main" not in entry_points:
        problems.append("wheel: no heygen-async console script")
    if "heygen_async = heygen_async.testing.pytest_plugin" not in entry_points:
        problems.append("wheel: no pytest11 entry point")
    return problems


def check_sdist(sdist: Path, version: str) -> list[str]:
    problems = []
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        top = archive.getnames()[0].split("/")[0]
        pkg_info = archive.extractfile(f"{top}/PKG-INFO")
        assert pkg_info is not None
        metadata = Parser().parsestr(pkg_info.read().decode())
    for needed in (
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "heygen_async/_version.py",
        "heygen_async/py.typed",
        "docs/index.md",
    ):
        if needed not in names:
            problems.append(f"sdist: no {needed}")
    if metadata["Version"] != version:
        problems.append(f"sdist: Version {metadata['Version']} != _version.py {version}")
    return problems


def main(dist: Path) -> int:
    version = source_version()
    wheels = sorted(dist.glob("heygen_async-*.whl"))
    sdists = sorted(dist.glob("heygen_async-*.tar.gz"))
    problems = []
    if [w.name for w in wheels] != [f"heygen_async-{version}-py3-none-any.whl"]:
        problems.append(f"wheels: {[w.name for w in wheels]} (want one, version {version})")
    if [s.name for s in sdists] != [f"heygen_async-{version}.tar.gz"]:
        problems.append(f"sdists: {[s.name for s in sdists]} (want one, version {version})")
    for wheel in wheels:
        problems += check_wheel(wheel, version)
    for sdist in sdists:
        problems += check_sdist(sdist, version)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {', '.join(p.name for p in wheels + sdists)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
