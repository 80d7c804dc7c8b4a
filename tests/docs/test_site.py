"""The docs site's hook (docs/_hooks/site.py): included pages, links, the reference.

``mkdocs build --strict`` (in .ci/run) checks every link of the built site;
these tests pin what the hook does to get there, without mkdocs installed.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

import heygen_async
import heygen_async.testing

ROOT = Path(__file__).resolve().parents[2]
REPO = "https://github.com/heygen-async/heygen-async"


@pytest.fixture(scope="module")
def site() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_site_hook", ROOT / "docs/_hooks/site.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page(path: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=path))


def test_readme_links_become_site_links(site: ModuleType) -> None:
    text = "[a](docs/errors.md#retries) [b](benchmarks/RESULTS.md) [c](CHANGELOG.md) [d](https://x.org/)"
    assert site.rewrite_links(text, "README.md", "index.md", REPO) == (
        "[a](errors.md#retries) [b](benchmarks.md) [c](changelog.md) [d](https://x.org/)"
    )


def test_links_from_docs_pages_and_to_source_files(site: ModuleType) -> None:
    text = "[r](../benchmarks/RESULTS.md) [m](migration.md) [s](../heygen_async/_constants.py) [t](#top)"
    assert site.rewrite_links(text, "docs/waiting.md", "waiting.md", REPO) == (
        "[r](benchmarks.md) [m](migration.md) "
        f"[s]({REPO}/blob/main/heygen_async/_constants.py) [t](#top)"
    )
    assert site.rewrite_links("[x](errors.md)", "docs/errors.md", "reference/index.md", REPO) == (
        "[x](../errors.md)"
    )


def test_code_blocks_are_left_alone(site: ModuleType) -> None:
    text = "```python\nx = [a](docs/errors.md)\n```\n"
    assert site.rewrite_links(text, "README.md", "index.md", REPO) == text


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("index.md", "README.md"),
        ("benchmarks.md", "benchmarks/RESULTS.md"),
        ("changelog.md", "CHANGELOG.md"),
    ],
)
def test_included_pages_are_the_repository_files(site: ModuleType, page: str, source: str) -> None:
    config = {"repo_url": REPO}
    built = site.on_page_markdown("placeholder", _page(page), config, None)
    first_heading = next(
        line for line in (ROOT / source).read_text().splitlines() if line.startswith("#")
    )
    assert first_heading in built
    assert "placeholder" not in built


def test_the_reference_documents_every_public_name(site: ModuleType) -> None:
    page = site.on_page_markdown("", _page("reference/index.md"), {"repo_url": REPO}, None)
    documented = set(re.findall(r"^::: (\S+)$", page, re.M))
    public = {f"heygen_async.{name}" for name in heygen_async.__all__ if not name.startswith("_")}
    public |= {f"heygen_async.testing.{name}" for name in heygen_async.testing.__all__}
    assert documented == public
    assert (
        "[`AsyncHeyGenClient.generate_video`][heygen_async.AsyncHeyGenClient.generate_video]"
        in page
    )


def test_a_security_page_joins_the_guides_when_it_exists(site: ModuleType, tmp_path: Path) -> None:
    def config() -> dict[str, object]:
        return {"docs_dir": str(tmp_path), "nav": [{"Guides": [{"Errors": "errors.md"}]}]}

    assert site.on_config(config())["nav"] == [{"Guides": [{"Errors": "errors.md"}]}]
    (tmp_path / "security.md").write_text("# Security\n")
    assert site.on_config(config())["nav"][0]["Guides"][-1] == {"Security": "security.md"}


def test_every_docs_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s+(\S+\.md)\s*$", nav, re.M)) | {"security.md"}
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert pages <= listed


def test_docstring_literal_blocks_become_python_code() -> None:
    pytest.importorskip("griffe")  # with the docs extra
    spec = importlib.util.spec_from_file_location(
        "rst_literals", ROOT / "docs/_hooks/rst_literals.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docstring = "Poll politely.\n\n::\n\n    client = make()\n    client.go()\n\nThen this::\n\n    x = 1\n\nEnd."
    assert module.rst_literals(docstring) == (
        "Poll politely.\n\n```python\nclient = make()\nclient.go()\n```\n\n"
        "Then this:\n\n```python\nx = 1\n```\n\nEnd."
    )
