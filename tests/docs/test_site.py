"""The docs site's hook (docs/_hooks/site.py): included pages, links, the reference.

``mkdocs build --strict`` (in .ci/run) checks every link of the built site;
most of these tests pin what the hook does to get there, without mkdocs
installed. The last ones build the site (with the docs extra) and read the
reference page as a browser would get it.
"""

from __future__ import annotations

import html
import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import heygen_async
import heygen_async.testing
from heygen_async.resources._resource import AsyncResource

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

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


def test_a_resource_module_link_is_its_reference_page_on_the_site(site: ModuleType) -> None:
    text = "[r](../heygen_async/resources/voices.py) [f](../heygen_async/resources/_pages.py)"
    assert site.rewrite_links(text, "docs/voices.md", "voices.md", REPO) == (
        f"[r](reference/voices.md) [f]({REPO}/blob/main/heygen_async/resources/_pages.py)"
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


def _reference(site: ModuleType) -> str:
    """Every generated reference page's Markdown, one after the other."""
    return "\n".join(site.reference_pages().values())


def test_the_reference_documents_every_public_name(site: ModuleType) -> None:
    pages = _reference(site)
    documented = set(re.findall(r"^::: (\S+)$", pages, re.M))
    public = {f"heygen_async.{name}" for name in heygen_async.__all__ if not name.startswith("_")}
    public |= {f"heygen_async.testing.{name}" for name in heygen_async.testing.__all__}
    assert public <= documented
    assert all(name.startswith("heygen_async.") for name in documented)
    assert (
        "[`AsyncHeyGenClient.generate_video`][heygen_async.AsyncHeyGenClient.generate_video]"
        in site.reference_pages()["reference/sync-client.md"]
    )


def _resources_of(owner: Any) -> list[str]:
    """As tests/sync/test_resource_parity.py finds them: properties whose value is a resource."""
    return [
        name
        for name in sorted(dir(type(owner)))
        if not name.startswith("_")
        and isinstance(inspect.getattr_static(type(owner), name), property)
        and isinstance(getattr(owner, name), AsyncResource)
    ]


def client_resources() -> dict[str, Any]:
    """``client.voices``, ``client.avatars.looks``, ... -> the resource, from a fresh client."""
    found: dict[str, Any] = {}
    todo = [(f"client.{name}", getattr(CLIENT, name)) for name in _resources_of(CLIENT)]
    while todo:
        path, resource = todo.pop(0)
        found[path] = resource
        todo += [(f"{path}.{name}", getattr(resource, name)) for name in _resources_of(resource)]
    return found


CLIENT = heygen_async.AsyncHeyGenClient(api_key="docs-key")


def test_every_resource_of_the_client_has_its_reference_page(site: ModuleType) -> None:
    pages = site.reference_pages()
    resources = client_resources()
    assert {"client.voices", "client.avatars.looks", "client.webhooks.endpoints"} <= set(resources)
    for path, resource in resources.items():
        noun = path.split(".")[1]
        page = pages[f"reference/{noun}.md"]
        cls = type(resource)
        assert f"## {path}\n\n::: {cls.__module__}.{cls.__name__}\n" in page, path
        for method in dir(cls):
            if hasattr(getattr(cls, method), "__endpoint__"):  # each operation in the table
                target = f"{cls.__module__}.{cls.__name__}.{method}"
                assert f"| [`{path}.{method}`][{target}] |" in page, target
    # And nothing else: a page per noun (and its request models), no stale page.
    nouns = {path.split(".")[1] for path in resources}
    stems = {page.removeprefix("reference/").removesuffix(".md") for page in pages}
    assert {stem.removesuffix("-requests") for stem in stems} == nouns | set(site.NAME_PAGES) | {
        "index"
    }


def test_each_resource_page_names_its_blocking_twin(site: ModuleType) -> None:
    sync_client = heygen_async.HeyGenClient(api_key="docs-key")
    try:
        for path in client_resources():
            sync = sync_client
            for part in path.split(".")[1:]:
                sync = getattr(sync, part)
            page = site.reference_pages()[f"reference/{path.split('.')[1]}.md"]
            shown = f"`HeyGenClient().{path.removeprefix('client.')}` is `{type(sync).__name__}`"
            assert shown in page, path
    finally:
        sync_client.close()


def test_the_reference_pages_are_in_the_navigation(site: ModuleType, tmp_path: Path) -> None:
    nav = [{"Guides": []}, {"API reference": "reference/index.md"}]
    config = site.on_config({"docs_dir": str(tmp_path), "nav": nav})
    listed = json.dumps(config["nav"][1]["API reference"])
    for page in site.reference_pages():
        assert f'"{page}"' in listed, page
    assert '"client.avatars": "reference/avatars.md"' in listed


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


def test_code_block_lines_carry_their_hanging_indent(site: ModuleType) -> None:
    block = (
        '<div class="highlight"><pre><span></span><code>'
        '<span class="k">try</span>:\n'
        "\n"
        '        <span class="nb">print</span>(x)  <span class="c1"># a long comment</span>\n'
        "</code></pre></div>"
    )
    source = f"<p>x</p>{block}<code>inline</code>"
    out = site.hang_code_lines(source)
    lines = re.findall(r'<span class="code-line" style="--hang: (\d+)ch">', out)
    assert lines == ["4", "12"]  # own indentation + 4; the blank line has no span
    # Only markup is added: the text (what the copy button copies) is the same.
    assert _text(out) == _text(source)
    assert out.endswith("<code>inline</code>")


# mkdocstrings-python formats a long signature with whichever of these it can import.
SIGNATURE_FORMATTERS = ("black", "ruff")
# The code column of a page at 1280 px holds about 80 characters (headless
# Chromium screenshot); mkdocs.yml asks for signatures of at most 60.
SIGNATURE_LINE_LENGTH = 60
CODE_COLUMN = 80
BUILD = """
import runpy, sys
site_dir, *absent = sys.argv[1:]
for module in absent:
    sys.modules[module] = None  # its import fails, as if it were not installed
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", site_dir]
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""


def _docs_extra() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = pyproject["project"]["optional-dependencies"]["docs"]
    return {re.split(r"[^A-Za-z0-9._-]", r, maxsplit=1)[0].lower() for r in requirements}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``mkdocs build --strict`` makes it where only the docs extra is
    installed: a signature formatter this venv has (ruff comes with dev) but the
    docs extra does not bring is hidden from the build."""
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        pytest.importorskip(module)  # with the docs extra
    site_dir = tmp_path_factory.mktemp("site")
    absent = [name for name in SIGNATURE_FORMATTERS if name not in _docs_extra()]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(site_dir), *absent],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return site_dir


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _signatures(page: str) -> dict[str, str]:
    """Each documented object's id -> its signature as the page shows it."""
    found = re.findall(
        r'<h\d id="([^"]+)" class="doc doc-heading">.*?'
        r'<div class="doc-signature highlight"><pre>(.*?)</pre>',
        page,
        re.S,
    )
    return {anchor: _text(signature).strip("\n") for anchor, signature in found}


def _reference_pages(built_site: Path) -> dict[str, str]:
    """Each built page of the API reference (``reference/voices/index.html``) -> its HTML."""
    return {
        page.relative_to(built_site).as_posix(): page.read_text(encoding="utf-8")
        for page in sorted((built_site / "reference").rglob("*.html"))
    }


def test_the_docs_extra_alone_lays_long_signatures_out_over_lines(built_site: Path) -> None:
    signatures = {
        anchor: signature
        for page in _reference_pages(built_site).values()
        for anchor, signature in _signatures(page).items()
    }
    generate_video = signatures["heygen_async.AsyncHeyGenClient.generate_video"].splitlines()
    assert generate_video[0] == "generate_video("
    assert "    avatar_id: str | None = None," in generate_video
    assert generate_video[-1] == ") -> GeneratedVideo"
    assert max(len(line) for line in generate_video) <= SIGNATURE_LINE_LENGTH
    too_wide = {
        anchor: line
        for anchor, signature in signatures.items()
        for line in signature.splitlines()
        if len(line) > CODE_COLUMN
    }
    assert len(signatures) > 100
    assert too_wide == {}


def test_long_code_block_lines_wrap_under_their_own_indentation(built_site: Path) -> None:
    page = (built_site / "errors/index.html").read_text(encoding="utf-8")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    ours = [href for href in stylesheets if not href.startswith(("http", "../assets/"))]
    css = "".join((built_site / "errors" / href).read_text(encoding="utf-8") for href in ours)
    code_block_rule = re.search(r"\.md-typeset pre > code \{([^}]*)\}", css)
    assert code_block_rule and "white-space: pre-wrap" in code_block_rule[1]
    hanging = re.search(r"\.md-typeset pre > code > \.code-line \{([^}]*)\}", css)
    assert hanging and "padding-left: var(--hang)" in hanging[1]
    assert "text-indent: calc(-1 * var(--hang))" in hanging[1]
    # A line longer than the column: its continuation starts 4 past its 12 spaces.
    line = re.search(
        r'<span class="code-line" style="--hang: (\d+)ch">((?:(?!</span>\n).)*'
        r"# list the avatars your key can use with client.list_avatars\(\) \.\.\.)",
        page,
    )
    assert line and line[1] == "16"
    assert len(_text(line[2])) > CODE_COLUMN


# The API reference was one page of 633 kB (345 headings) before it was split.
# A page per resource stays well under this (the largest, with every noun's
# operations declared, was 183 kB: client.video_translations, its three
# resources and their models); about 30 kB of each is the site's navigation.
REFERENCE_PAGE_MAX_BYTES = 200_000


def test_every_reference_page_is_built_and_none_is_a_monster(
    built_site: Path, site: ModuleType
) -> None:
    built = _reference_pages(built_site)
    expected = {
        page.removesuffix("index.md").removesuffix(".md").rstrip("/")
        for page in site.reference_pages()
    }
    assert {page.removesuffix("/index.html") for page in built} == expected
    sizes = {page: len(html.encode()) for page, html in built.items()}
    assert {page: size for page, size in sizes.items() if size > REFERENCE_PAGE_MAX_BYTES} == {}
    for path, resource in client_resources().items():
        cls = type(resource)
        page = built[f"reference/{path.split('.')[1]}/index.html"]
        assert f'id="{cls.__module__}.{cls.__name__}"' in page, path


def _declared_operations(resource: Any) -> int:
    """How many HeyGen operations ``resource`` and the resources inside it declare."""
    cls = type(resource)
    own = sum(hasattr(getattr(cls, name), "__endpoint__") for name in dir(cls))
    return own + sum(_declared_operations(getattr(resource, n)) for n in _resources_of(resource))


def test_the_readmes_v3_feature_list_claims_only_what_is_declared() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    item = re.search(r"^- \*\*HeyGen's v3 API by noun\*\*.*?(?=^- )", readme, re.M | re.S)
    assert item, "README.md: the v3 feature item"
    claimed = set(re.findall(r"`client\.(\w+)`", item[0]))
    resources = client_resources()
    declared = {
        path.split(".")[1]
        for path, resource in resources.items()
        if _declared_operations(resource) > 0
    }
    assert claimed and claimed <= declared, f"not declared: {claimed - declared}"
    total = sum(_declared_operations(getattr(CLIENT, noun)) for noun in _resources_of(CLIENT))
    stated = re.search(r"(\d+)\s+operations", item[0])
    assert stated and int(stated[1]) == total, f"README says {stated and stated[1]}; {total}"
