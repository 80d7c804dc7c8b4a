"""The v1/v2 operations, each one declaration (``_backends._declared.operation``).

Every route the fake's v1/v2 dialect serves is declared once on ``LegacyBackend``,
and its path is spelled nowhere else in the SDK. The declaration machinery itself
is shown on a stand-in backend whose transport records what it is asked to send
and answers with a canned (already unwrapped) answer.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import heygen_async
from heygen_async import APIResponseError
from heygen_async._backends import Backend
from heygen_async._backends._declared import operation
from heygen_async._backends.legacy import LegacyBackend
from heygen_async._constants import GENERATE_TIMEOUT, TRANSFER_TIMEOUT
from heygen_async._transport import APIRequest
from heygen_async.models._base import ResponseModel
from heygen_async.testing import FakeHeyGen

SDK_DIR = Path(heygen_async.__file__).parent


def legacy_declarations() -> list[Any]:
    """The ``Endpoint`` of every operation declared on ``LegacyBackend``."""
    return [
        member.__endpoint__
        for member in vars(LegacyBackend).values()
        if hasattr(member, "__endpoint__")
    ]


def fake_v1_v2_routes() -> list[tuple[str, str]]:
    return [(route.method, route.pattern) for route in FakeHeyGen().legacy.routes()]


def test_every_route_of_the_v1_v2_api_is_one_declaration_of_the_legacy_backend() -> None:
    declared = Counter((d.method, d.path) for d in legacy_declarations())

    assert sorted(declared) == sorted(fake_v1_v2_routes())
    assert set(declared.values()) == {1}


def test_a_v1_v2_path_is_spelled_only_in_its_declaration() -> None:
    sources = {
        path: path.read_text(encoding="utf-8")
        for path in SDK_DIR.rglob("*.py")
        if "testing" not in path.relative_to(SDK_DIR).parts  # the fake serves them
    }
    declared_paths = {d.path for d in legacy_declarations()}
    for _, route in fake_v1_v2_routes():
        assert route in declared_paths, route
        spelled = [
            path.relative_to(SDK_DIR).as_posix()
            for path, text in sources.items()
            for _ in range(text.count(f'"{route}"'))
        ]
        assert spelled == ["_backends/legacy/_backend.py"], route


def test_the_legacy_backend_builds_no_request_and_parses_no_answer_by_hand() -> None:
    source = (SDK_DIR / "_backends" / "legacy" / "_backend.py").read_text(encoding="utf-8")

    for by_hand in ("APIRequest", "transport.request", "parse(", "parse_items(", "items_of("):
        assert by_hand not in source


def test_the_upload_is_declared_on_the_upload_host_and_the_creates_billed() -> None:
    by_path = {d.path: d for d in legacy_declarations()}

    assert by_path["/v1/asset"].host == "upload"
    assert {path for path, d in by_path.items() if d.billed} == {
        "/v2/video/generate",
        "/v2/video/av4/generate",
    }
    assert not any(d.keyed for d in by_path.values())  # v1/v2 has no idempotency keys


# --- the machinery, on a stand-in backend ----------------------------------------------


class Widget(ResponseModel):
    id: str
    name: str | None = None


class Gadget(ResponseModel):
    gadget_id: str


class Shelf(NamedTuple):
    widgets: list[Widget]
    gadgets: list[Gadget]


class Recording:
    """A transport that records each request and gives one canned answer."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.sent: list[APIRequest] = []

    async def request(self, request: APIRequest) -> Any:
        self.sent.append(request)
        return self.answer


class WidgetBackend(Backend):
    api_version = "v8"
    dialect = LegacyBackend.dialect

    @operation("GET", "/v1/widget.get", echo="widget_id", what="widget")
    async def widget(self, widget_id: str, *, verbose: bool | None = None) -> Widget: ...

    @operation("GET", "/v1/widgets/{shop}", items=("widgets", "list"), what="widget list")
    async def widgets(self, shop: str) -> list[Widget]: ...

    @operation(
        "GET",
        "/v1/widget.list",
        query=("limit", "token"),
        paged=True,
        items=("widgets",),
        what="widget page",
    )
    async def page(self, *, token: str | None, limit: int) -> tuple[list[Widget], str | None]: ...

    @operation("GET", "/v2/shelf", what="shelf")
    async def shelf(self) -> Shelf: ...

    @operation("POST", "/v2/widget/make", billed=True, body="body", what="make")
    async def make(self, body: dict[str, Any]) -> Widget: ...

    @operation("POST", "/v2/widget/rename", what="rename")
    async def rename(self, widget_id: str, *, name: str | None = None) -> None: ...

    @operation(
        "POST",
        "/v1/blob",
        host="upload",
        raw=True,
        headers={"Content-Type": "content_type", "Content-Length": "length"},
        unsent=("filename",),
        what="blob",
    )
    async def blob(
        self,
        *,
        content_type: str,
        filename: str,
        content: bytes | None = None,
        stream: Any = None,
        length: int | None = None,
    ) -> Widget: ...


def backend(answer: Any) -> tuple[WidgetBackend, Recording]:
    transport = Recording(answer)
    return WidgetBackend(transport), transport  # type: ignore[arg-type]


async def test_a_read_sends_its_query_and_gives_the_answer_the_id_it_asked_for() -> None:
    widgets, transport = backend({"name": "cog"})

    widget = await widgets.widget("w 1", verbose=True)

    (sent,) = transport.sent
    assert (sent.method, sent.host, sent.path) == ("GET", "api", "/v1/widget.get")
    assert sent.params == {"widget_id": "w 1", "verbose": "true"}
    assert (sent.json, sent.billed, sent.idempotency_key, sent.timeout) == (None, False, None, None)
    assert (widget.id, widget.name) == ("w 1", "cog")


async def test_an_answer_naming_its_own_id_keeps_it_and_none_is_not_sent() -> None:
    widgets, transport = backend({"id": "other", "widget_id": "w1"})

    widget = await widgets.widget(widget_id="w1")

    assert transport.sent[0].params == {"widget_id": "w1"}
    assert widget.id == "other"


async def test_a_path_id_is_filled_in_and_the_first_list_present_is_read() -> None:
    widgets, transport = backend({"widgets": "not a list", "list": [{"id": "a"}, "junk"]})

    found = await widgets.widgets("my shop")

    assert transport.sent[0].path == "/v1/widgets/my%20shop"
    assert transport.sent[0].params is None
    assert [widget.id for widget in found] == ["a"]


async def test_a_token_page_gives_its_items_and_the_next_token_in_declared_query_order() -> None:
    widgets, transport = backend({"widgets": [{"id": "a"}, {"id": "b"}], "next_token": "t2"})

    items, token = await widgets.page(token="t1", limit=2)

    assert list(transport.sent[0].params or {}) == ["limit", "token"]
    assert [widget.id for widget in items] == ["a", "b"]
    assert token == "t2"
    _, last = await backend({"widgets": []})[0].page(token=None, limit=2)
    assert last is None


async def test_one_answer_holding_several_lists_reads_each_under_its_field_name() -> None:
    widgets, _ = backend({"widgets": [{"id": "a"}], "gadgets": [{"gadget_id": "g"}]})

    shelf = await widgets.shelf()

    assert isinstance(shelf, Shelf)
    assert [w.id for w in shelf.widgets] == ["a"]
    assert [g.gadget_id for g in shelf.gadgets] == ["g"]


async def test_a_billed_create_sends_its_built_body_without_a_key_and_waits_longer() -> None:
    widgets, transport = backend({"id": "new"})
    body = {"title": "x", "nested": {"a": 1}}

    made = await widgets.make(body)

    (sent,) = transport.sent
    assert (sent.method, sent.path, sent.json) == ("POST", "/v2/widget/make", body)
    assert (sent.billed, sent.idempotency_key, sent.timeout) == (True, None, GENERATE_TIMEOUT)
    assert made.id == "new"


async def test_a_post_sends_its_other_parameters_as_json_fields() -> None:
    widgets, transport = backend(None)

    assert await widgets.rename("w1", name="cog") is None

    assert transport.sent[0].json == {"widget_id": "w1", "name": "cog"}
    assert transport.sent[0].params is None


async def test_a_raw_upload_sends_its_bytes_to_its_host_with_the_declared_headers() -> None:
    widgets, transport = backend({"id": "blob"})

    await widgets.blob(content_type="image/png", filename="a.png", content=b"\x89PNG")
    await widgets.blob(content_type="video/mp4", filename="b.mp4", stream=print, length=5)

    first, second = transport.sent
    assert (first.host, first.path, first.content, first.json) == (
        "upload",
        "/v1/blob",
        b"\x89PNG",
        None,
    )
    assert dict(first.headers) == {"Content-Type": "image/png"}
    assert first.timeout == TRANSFER_TIMEOUT
    assert (second.stream, second.content) == (print, None)
    assert dict(second.headers) == {"Content-Type": "video/mp4", "Content-Length": "5"}
    assert first.params is None  # the upload host is given no file name


async def test_an_unreadable_answer_names_the_operation() -> None:
    widgets, _ = backend({"name": "no id"})

    with pytest.raises(APIResponseError, match="HeyGen's make answer could not be read: id"):
        await widgets.make({})


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), (("a", "b"), {}), (("a",), {"colour": "red"})],
)
async def test_a_wrong_call_raises_type_error_before_sending(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    widgets, transport = backend({"id": "a"})

    with pytest.raises(TypeError, match=r"WidgetBackend\.widget"):
        await widgets.widget(*args, **kwargs)

    assert transport.sent == []


def test_an_inconsistent_declaration_fails_at_import() -> None:
    async def unsent(self: Any, widget_id: str, secret: str) -> Widget: ...

    async def untokened(self: Any, limit: int) -> tuple[list[Widget], str | None]: ...

    def blocking(self: Any, widget_id: str) -> Widget: ...

    with pytest.raises(TypeError, match=r"GET /v1/x/\{widget_id\}\): parameters \['secret'\]"):
        operation("GET", "/v1/x/{widget_id}", query=(), what="x")(unsent)
    with pytest.raises(TypeError, match=r"options name no parameter \['length'\]"):
        operation("POST", "/v1/x", headers={"Content-Length": "length"}, what="x")(unsent)
    with pytest.raises(TypeError, match="a token-paged listing takes token"):
        operation("GET", "/v1/x", paged=True, what="x")(untokened)
    with pytest.raises(TypeError, match="declare it async def"):
        operation("GET", "/v1/x", what="x")(blocking)
