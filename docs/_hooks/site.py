"""mkdocs hooks: pages that come from files outside docs/, and links that work on both.

The Markdown files are written for GitHub: the README links ``docs/errors.md``,
a docs page links ``../benchmarks/RESULTS.md``. On the site those files are
pages of their own (``index.md`` is the README, ``benchmarks.md`` is
``benchmarks/RESULTS.md``, ``changelog.md`` is ``CHANGELOG.md``), read afresh at
every build so they never drift. This hook fills those pages and rewrites each
link to a repository file into a link to its page, or, for a file that has no
page (source code), into a link to it on GitHub.

The API reference is generated: a page per resource of the client
(``client.voices`` -> ``reference/voices.md``, with the resources inside it and
its models; its request models on ``reference/voices-requests.md`` when it has
any) and a page per kind of public name of ``heygen_async.__all__`` and
``heygen_async.testing.__all__``. ``on_config`` lists them in the navigation, so
a new public name, resource or operation appears without an edit.

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
# A resource's module (its docstrings, on GitHub) is its reference page on the site.
RESOURCE_MODULE = re.compile(r"heygen_async/resources/(?P<noun>[a-z]\w*)\.py")


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
    elif module := RESOURCE_MODULE.fullmatch(in_repo):
        site_page = f"reference/{module['noun']}.md"
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

# The API reference: generated, one page per resource (``client.voices`` ->
# reference/voices.md) and a few for the other public names, so no page grows
# into the 600 kB single page it once was. Each lists what the code declares
# when the site is built: a new public name, resource or operation appears
# without an edit here or in mkdocs.yml (on_config puts the pages in the nav).
REFERENCE = "reference"
# Pages of the public names: file stem -> (title, what is on it).
NAME_PAGES = {
    "client": ("AsyncHeyGenClient", "the async client and every method of it"),
    "sync-client": ("HeyGenClient", "the sync facade: the same methods, blocking"),
    "options": ("Options and waiting", "per-call options, raw answers, polling, bulk events"),
    "requests": ("Request models", "what the client's methods take: scenes, voices, backgrounds"),
    "models": ("Answer models", "what the client's methods return"),
    "errors": ("Errors", "the exception tree"),
    "testing": ("Testing", "heygen_async.testing: the fake HeyGen server and its clock"),
}
# The types every resource's signatures use, documented once (on the options page).
RESOURCE_PARTS = [
    "heygen_async.resources._pages.AsyncPager",
    "heygen_async.resources._pages.Page",
    "heygen_async._sync._resources.SyncPage",
    "heygen_async.resources._assets.AssetInput",
]
# A pydantic field is not usefully a "class-attribute instance-attribute": the
# labels were a seventh of a models page.
# Models and resources share fields and methods through base classes
# (``resources/_jobs.py``): a page shows what a class inherits too, but not what
# every model has (pydantic's ``model_*``, the ``request_id`` stamp).
MODEL_OPTIONS = (
    "    options:\n      show_labels: false\n      inherited_members: true\n"
    '      filters: ["!^_", "!^model_", "!^request_id$"]'
)
RESOURCE_OPTIONS = "    options:\n      inherited_members: true"


def _is_request_model(value: object) -> bool:
    from heygen_async.models._base import RequestModel

    return isinstance(value, type) and issubclass(value, RequestModel)


def _is_model(value: object) -> bool:
    from pydantic import BaseModel

    return isinstance(value, type) and issubclass(value, BaseModel)


def _page_of(value: object) -> str:
    """The reference page (a NAME_PAGES stem) of one name of ``heygen_async.__all__``."""
    import heygen_async

    if isinstance(value, type) and issubclass(value, BaseException):
        return "errors"
    if value is heygen_async.AsyncHeyGenClient:
        return "client"
    if value is heygen_async.HeyGenClient:
        return "sync-client"
    if _is_request_model(value):
        return "requests"
    if (getattr(value, "__module__", "") or "").startswith("heygen_async.models"):
        return "models"
    return "options"


def public_names() -> dict[str, list[str]]:
    """Each NAME_PAGES stem -> the dotted public names documented on it."""
    import heygen_async
    import heygen_async.testing

    pages: dict[str, list[str]] = {stem: [] for stem in NAME_PAGES}
    for name in sorted(n for n in heygen_async.__all__ if not n.startswith("_")):
        pages[_page_of(getattr(heygen_async, name))].append(f"heygen_async.{name}")
    pages["options"] += RESOURCE_PARTS
    pages["testing"] = [f"heygen_async.testing.{n}" for n in sorted(heygen_async.testing.__all__)]
    return pages


def resources() -> dict[str, list[tuple[str, type]]]:
    """Each resource of ``AsyncHeyGenClient`` (``avatars``) -> it and the resources
    inside it, as (``client.avatars.looks``, its async class), walked from a client."""
    import inspect

    from heygen_async import AsyncHeyGenClient
    from heygen_async.resources._resource import AsyncResource

    def inside(owner: object) -> list[str]:
        return [
            name
            for name in sorted(dir(type(owner)))
            if not name.startswith("_")
            and isinstance(inspect.getattr_static(type(owner), name), property)
            and isinstance(getattr(owner, name), AsyncResource)
        ]

    client = AsyncHeyGenClient(api_key="docs-build")  # sends nothing until asked
    found: dict[str, list[tuple[str, type]]] = {}
    for noun in inside(client):
        todo = [(f"client.{noun}", getattr(client, noun))]
        while todo:
            path, resource = todo.pop(0)
            found.setdefault(noun, []).append((path, type(resource)))
            todo += [(f"{path}.{name}", getattr(resource, name)) for name in inside(resource)]
    return found


def _is_resource_class(value: object) -> bool:
    from heygen_async._sync._resources import SyncRawResource, SyncResource
    from heygen_async.resources._resource import AsyncRawResource, AsyncResource

    kinds = (AsyncResource, AsyncRawResource, SyncResource, SyncRawResource)
    return isinstance(value, type) and issubclass(value, kinds)


def _operations(resource: type, path: str) -> list[str]:
    """One table row per public method of ``resource``: the HeyGen operation it sends."""
    rows = []
    for name in dir(resource):
        method = getattr(resource, name)
        if name.startswith("_") or not callable(method) or isinstance(method, type):
            continue
        declared = getattr(method, "__endpoint__", None)
        sent = f"`{declared.method} {declared.path}`" if declared else "built on the others"
        target = f"{resource.__module__}.{resource.__qualname__}.{name}"
        rows.append(f"| [`{path}.{name}`][{target}] | {sent} |")
    return rows


def _noun_models(module: Any) -> tuple[list[str], list[str]]:
    """The names of ``module.__all__`` that are not resources: (answers, requests)."""
    names = [n for n in module.__all__ if not _is_resource_class(getattr(module, n))]
    requests = [n for n in names if _is_request_model(getattr(module, n))]
    return [n for n in names if n not in requests], requests


def _entries(names: list[str]) -> list[str]:
    """One mkdocstrings entry per dotted name (a model without its labels)."""
    import importlib

    lines = []
    for name in names:
        module, _, attribute = name.rpartition(".")
        model = _is_model(getattr(importlib.import_module(module), attribute))
        lines += [f"::: {name}", *([MODEL_OPTIONS] if model else []), ""]
    return lines


def resource_pages(noun: str, declared: list[tuple[str, type]]) -> dict[str, str]:
    """``client.<noun>``'s pages: its resources and answers; its request models, if any."""
    import importlib

    module_name = declared[0][1].__module__
    module = importlib.import_module(module_name)
    answers, requests = _noun_models(module)
    rows = [row for path, resource in declared for row in _operations(resource, path)]
    lines = [
        f"# client.{noun}",
        "",
        f"`AsyncHeyGenClient().{noun}` and its blocking twin `HeyGenClient().{noun}`,"
        f" declared in `{module_name}`.",
        "",
        f"::: {module_name}",
        "    options:",
        "      show_root_heading: false",
        "      members: false",
        "",
    ]
    lines += (
        ["| method | HeyGen |", "|---|---|", *rows, ""]
        if rows
        else [
            "No operation is declared here yet.",
            "",
        ]
    )
    if requests:
        lines += [f"What the methods take: [client.{noun}: requests]({noun}-requests.md).", ""]
    for path, resource in declared:
        twin = getattr(module, resource.__name__.removeprefix("Async"), None)
        lines += [f"## {path}", "", f"::: {module_name}.{resource.__name__}", RESOURCE_OPTIONS, ""]
        if twin is not None:
            lines += [
                f"`HeyGenClient().{path.removeprefix('client.')}` is `{twin.__name__}`, the"
                " blocking twin: the same methods, parameters and docstrings (a listing"
                " returns a `SyncPage`, iterated page after page). `.with_raw_response`"
                " on either gives each operation's `RawResponse`.",
                "",
            ]
    if answers:
        lines += ["## Models", "", *_entries([f"{module_name}.{n}" for n in answers])]
    pages = {f"{REFERENCE}/{noun}.md": "\n".join(lines)}
    if requests:
        pages[f"{REFERENCE}/{noun}-requests.md"] = "\n".join(
            [
                f"# client.{noun}: requests",
                "",
                f"The request models of [client.{noun}]({noun}.md): pass one, or a dict"
                " in HeyGen's form, which is checked the same way before it is sent.",
                "",
                *_entries([f"{module_name}.{n}" for n in requests]),
            ]
        )
    return pages


def _names_page(stem: str, names: list[str]) -> str:
    title, about = NAME_PAGES[stem]
    lines = [f"# {title}", "", f"Generated from the docstrings: {about}.", ""]
    for entry in _entries(names):
        lines.append(entry)
        name = entry.removeprefix("::: ").rpartition(".")[2]
        if entry.startswith("::: ") and name in INSPECTED:
            lines += ["", *INSPECTED[name]()]
    return "\n".join(lines)


def reference_index(nouns: list[str]) -> str:
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings of every public name (`heygen_async.__all__`,",
        "`heygen_async.testing.__all__`) and of every resource of the client.",
        "",
        *(f"- [{title}]({stem}.md): {about}." for stem, (title, about) in NAME_PAGES.items()),
        "",
        "HeyGen's v3 API by noun, on both clients (`client.<noun>`):",
        "",
        *(f"- [`client.{noun}`]({noun}.md)" for noun in nouns),
        "",
    ]
    return "\n".join(lines)


def reference_pages() -> dict[str, str]:
    """Every generated reference page: its path under docs/ -> its Markdown."""
    declared = resources()
    pages = {f"{REFERENCE}/index.md": reference_index(list(declared))}
    for stem, names in public_names().items():
        pages[f"{REFERENCE}/{stem}.md"] = _names_page(stem, names)
    for noun, found in declared.items():
        pages.update(resource_pages(noun, found))
    return pages


def reference_nav() -> list[dict[str, Any]]:
    """The API reference's navigation: the overview, the names' pages, the resources."""
    nav: list[dict[str, Any]] = [{"Overview": f"{REFERENCE}/index.md"}]
    nav += [{title: f"{REFERENCE}/{stem}.md"} for stem, (title, _) in NAME_PAGES.items()]
    nouns = []
    for page in reference_pages():
        noun = page.removeprefix(f"{REFERENCE}/").removesuffix(".md")
        if noun not in NAME_PAGES and noun != "index":
            nouns.append({f"client.{noun.replace('-requests', ': requests')}": page})
    return [*nav, {"Resources": nouns}]


def on_files(files: Any, config: Any) -> Any:
    """Add the generated reference pages (reference/index.md exists: its text is replaced)."""
    from mkdocs.structure.files import File

    for path, markdown in reference_pages().items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page_path = page.file.src_uri
    repo_url = config.get("repo_url") or "https://github.com/heygen-async/heygen-async"
    if page_path == f"{REFERENCE}/index.md":
        markdown = reference_pages()[page_path]
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
        if isinstance(nav_entry, dict) and nav_entry.get("API reference") == "reference/index.md":
            nav_entry["API reference"] = reference_nav()
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
