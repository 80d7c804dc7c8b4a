"""mkdocs hooks: pages that come from files outside docs/, and links that work on both.

The Markdown files are written for GitHub: the README links ``docs/errors.md``,
a docs page links ``../benchmarks/RESULTS.md``. On the site those files are
pages of their own (``index.md`` is the README, ``benchmarks.md`` is
``benchmarks/RESULTS.md``, ``changelog.md`` is ``CHANGELOG.md``), read afresh at
every build so they never drift. This hook fills those pages and rewrites each
link to a repository file into a link to its page, or, for a file that has no
page (source code), into a link to it on GitHub.

The API reference page is generated from ``heygen_async.__all__`` and
``heygen_async.testing.__all__``, so a new public name appears without an edit.

Each line of a code block is marked with its indentation, so that a line too
long for the page wraps under its own text (``docs/stylesheets/extra.css``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# Site page (in docs/) -> the repository file its text comes from.
INCLUDED = {
    "index.md": "README.md",
    "benchmarks.md": "benchmarks/RESULTS.md",
    "changelog.md": "CHANGELOG.md",
}
PAGE_OF = {source: page for page, source in INCLUDED.items()}

LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")


def _site_target(target: str, source: str, page: str, repo_url: str) -> str:
    """``target``, written in repository file ``source``, as a link from site ``page``."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
        return target
    path, _, anchor = target.partition("#")
    anchor = f"#{anchor}" if anchor else ""
    in_repo = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if in_repo in PAGE_OF:
        site_page = PAGE_OF[in_repo]
    elif in_repo.startswith("docs/"):
        site_page = in_repo.removeprefix("docs/")
    elif in_repo.startswith(".."):
        return target
    else:
        return f"{repo_url.rstrip('/')}/blob/main/{in_repo}{anchor}"
    return posixpath.relpath(site_page, posixpath.dirname(page) or ".") + anchor


def rewrite_links(markdown: str, source: str, page: str, repo_url: str) -> str:
    """Every relative link of ``markdown`` (the text of ``source``) made a site link."""

    def one(match: re.Match[str]) -> str:
        target = _site_target(match["target"], source, page, repo_url)
        return f"[{match['text']}]({target})"

    out, fenced = [], False
    for line in markdown.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        out.append(line if fenced else LINK.sub(one, line))
    return "".join(out)


def _sync_members() -> list[str]:
    """HeyGenClient's methods: one adapter line each, made when the class is created
    (static analysis sees attributes), so they are listed from the live class and
    linked to the async method whose docstring and signature they copy."""
    import inspect

    import heygen_async

    lines = [
        "",
        "Each of these is the `AsyncHeyGenClient` method of the same name, blocking"
        " (async iterators become plain iterators), with its parameters and docstring:",
        "",
    ]
    for name, _ in inspect.getmembers(heygen_async.HeyGenClient):
        if name.startswith("_") or not hasattr(heygen_async.AsyncHeyGenClient, name):
            continue
        member = inspect.getattr_static(heygen_async.AsyncHeyGenClient, name)
        # An alias (``copy`` is ``with_options``) links to the method it is.
        documented = getattr(member, "__alias_of__", name)
        target = f"heygen_async.AsyncHeyGenClient.{documented}"
        if member.__doc__:
            lines.append(f"- `{name}`: [`AsyncHeyGenClient.{documented}`][{target}]")
        else:  # undocumented (a plain property): not on the page to link to
            lines.append(f"- `{name}`: `AsyncHeyGenClient.{name}`")
    return [*lines, ""]


INSPECTED = {"HeyGenClient": _sync_members}


def reference_page() -> str:
    import heygen_async
    import heygen_async.testing

    lines = [
        "# API reference",
        "",
        "Generated from the docstrings of every public name: `heygen_async.__all__`",
        "and `heygen_async.testing.__all__`.",
        "",
        "## heygen_async",
        "",
    ]
    for name in sorted(n for n in heygen_async.__all__ if not n.startswith("_")):
        lines += [f"::: heygen_async.{name}", ""]
        if name in INSPECTED:
            lines += INSPECTED[name]()
    lines += ["## heygen_async.testing", ""]
    for name in sorted(heygen_async.testing.__all__):
        lines += [f"::: heygen_async.testing.{name}", ""]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page_path = page.file.src_uri
    repo_url = config.get("repo_url") or "https://github.com/heygen-async/heygen-async"
    if page_path == "reference/index.md":
        return reference_page()
    if page_path in INCLUDED:
        source = INCLUDED[page_path]
        markdown = (ROOT / source).read_text(encoding="utf-8")
    else:
        source = f"docs/{page_path}"
    return rewrite_links(markdown, source, page_path, repo_url)


# Guide pages listed in the navigation once they exist (written by other work).
OPTIONAL_GUIDES = {"security.md": "Security"}


def on_config(config: Any) -> Any:
    docs = Path(config["docs_dir"])
    for nav_entry in config["nav"] or []:
        if isinstance(nav_entry, dict) and "Guides" in nav_entry:
            guides = nav_entry["Guides"]
            listed = {next(iter(entry.values())) for entry in guides if isinstance(entry, dict)}
            for page, title in OPTIONAL_GUIDES.items():
                if (docs / page).exists() and page not in listed:
                    guides.append({title: page})
    return config


# A code block as Pygments writes it: <pre><span></span><code>line\nline\n</code></pre>.
CODE_BLOCK = re.compile(r"(<pre[^>]*>(?:<span></span>)?<code[^>]*>)(.*?)(</code></pre>)", re.S)
TAG = re.compile(r"<[^>]+>")
# How much deeper than its line a wrapped line's continuation starts.
HANGING_INDENT = 4


def _indented_line(line: str) -> str:
    text = TAG.sub("", line)
    indent = len(text) - len(text.lstrip(" ")) + HANGING_INDENT
    return f'<span class="code-line" style="--hang: {indent}ch">{line}</span>'


def hang_code_lines(html: str) -> str:
    """Each line of every code block in ``html`` wrapped in a span that knows its indentation.

    docs/stylesheets/extra.css wraps a line too long for the page; the span lets the
    continuation start under the line's own text, a few columns in, instead of at
    the left edge where it would read as a dedented Python line. The newlines stay
    between the spans, so the copy button copies the block's text unchanged.
    """

    def one_block(block: re.Match[str]) -> str:
        lines = block[2].split("\n")
        wrapped = [_indented_line(line) if line else line for line in lines]
        return block[1] + "\n".join(wrapped) + block[3]

    return CODE_BLOCK.sub(one_block, html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return hang_code_lines(html)
