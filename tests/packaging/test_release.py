"""Release metadata in one place and in agreement: version, changelog, licence, URLs.

The distributions themselves are built, inspected and installed in a clean
virtualenv by .ci/run (``check_dist.py``, ``clean_install.sh``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import heygen_async

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
VERSION = re.compile(r"^\d+\.\d+\.\d+([ab]|rc)?\d*$")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_lives_in_one_place(pyproject: dict[str, Any]) -> None:
    assert VERSION.match(heygen_async.__version__)
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "heygen_async/_version.py"
    assignments = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "heygen_async").rglob("*.py")
        if re.search(r"^__version__\s*=", path.read_text(encoding="utf-8"), re.M)
    ]
    assert assignments == ["heygen_async/_version.py"]


def test_the_changelog_has_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = re.escape(heygen_async.__version__)
    assert "## [Unreleased]" in text
    assert re.search(rf"^## \[{version}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
    assert re.search(rf"^\[{version}\]: https://", text, re.M)
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert headings[:2] == ["Unreleased", heygen_async.__version__]


def test_the_licence_is_mit_as_the_metadata_says(pyproject: dict[str, Any]) -> None:
    assert pyproject["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_project_urls_and_extras(pyproject: dict[str, Any]) -> None:
    urls = pyproject["project"]["urls"]
    assert {"Homepage", "Documentation", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())
    extras = pyproject["project"]["optional-dependencies"]
    names = {
        extra: {re.split(r"[<>=\[ ]", dep)[0] for dep in deps} for extra, deps in extras.items()
    }
    assert {"pytest-timeout", "build"} <= names["dev"]
    assert {"mkdocs", "mkdocs-material", "mkdocstrings"} <= names["docs"]


def test_a_test_that_blocks_fails_instead_of_stalling(pyproject: dict[str, Any]) -> None:
    options = pyproject["tool"]["pytest"]["ini_options"]
    assert 0 < int(options["timeout"]) <= 300
    assert options["timeout_method"] == "thread"


def _relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [
        target.split("#")[0]
        for target in LINK.findall(text)
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^#", target)
    ]


@pytest.mark.parametrize(
    "page",
    [
        page
        for page in (
            ROOT / "README.md",
            ROOT / "CHANGELOG.md",
            ROOT / "benchmarks" / "RESULTS.md",
            *sorted((ROOT / "docs").rglob("*.md")),
        )
        if page.exists()  # an sdist has no benchmarks/
    ],
    ids=lambda page: page.relative_to(ROOT).as_posix(),
)
def test_relative_links_work_on_github(page: Path) -> None:
    """The site checks its own links (mkdocs --strict); this checks them in the repository."""
    broken = [link for link in _relative_links(page) if not (page.parent / link).exists()]
    assert broken == []


def test_the_command_line_names_its_extra_when_it_is_missing() -> None:
    code = (
        "import sys; sys.modules['rich'] = None\n"
        "from heygen_async.cli import main\n"
        "sys.exit(main(['--version']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "pip install 'heygen-async[cli]'" in done.stderr
    assert "Traceback" not in done.stderr
