"""The declaration machinery of resources (``resources._endpoint``), on a resource
declared here: what goes into the path, the query and the body, how answers are
read, billed operations' keys, version refusals, and declarations that cannot work."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from heygen_async import (
    APIResponseError,
    AsyncHeyGenClient,
    InvalidRequestError,
    NotFoundError,
    RequestOptions,
)
from heygen_async._params import Unpack
from heygen_async.models._base import ResponseModel
from heygen_async.resources._assets import AssetInput
from heygen_async.resources._endpoint import endpoint
from heygen_async.resources._files import FileInput
from heygen_async.resources._resource import AsyncResource, raw_method
from heygen_async.testing import InstantClock, use_clock

API = "https://api.heygen.com"


class Widget(ResponseModel):
    """A made-up job, for these tests only."""

    widget_id: str
    status: str | None = None


class AsyncWidgets(AsyncResource):
    __slots__ = ()

    @endpoint("GET", "/v3/widgets/{widget_id}")
    async def get(self, widget_id: str, **options: Unpack[RequestOptions]) -> Widget:
        """One widget."""
        ...

    @endpoint("GET", "/v3/widgets")
    async def list(
        self,
        *,
        kinds: list[str] | None = None,
        limit: int | None = None,
        private: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[Widget]:
        """Some widgets."""
        ...

    @endpoint("POST", "/v3/widgets", billed=True, query=("dry",))
    async def create(
        self,
        name: str,
        *,
        colour: str | None = None,
        dry: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Make one (billed)."""
        ...

    @endpoint("DELETE", "/v3/widgets/{widget_id}", versions=("v2", "v3"))
    async def delete(self, widget_id: str, **options: Unpack[RequestOptions]) -> None:
        """Remove one."""
        ...


class AsyncWidgetsRaw:
    def __init__(self, resource: AsyncWidgets) -> None:
        self._resource = resource

    get = raw_method(AsyncWidgets.get)


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def widgets() -> AsyncIterator[AsyncWidgets]:
    async with AsyncHeyGenClient(api_key="sk-widgets", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield AsyncWidgets(client)


def answer(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"data": data}, headers=headers)


async def test_path_ids_are_filled_and_quoted(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.get(url__regex=r"/v3/widgets/.+").mock(
        return_value=answer({"widget_id": "a/b c", "status": "done"}, **{"x-request-id": "r-1"})
    )
    widget = await widgets.get("a/b c")
    assert route.calls.last.request.url.raw_path == b"/v3/widgets/a%2Fb%20c"
    assert isinstance(widget, Widget)
    assert (widget.widget_id, widget.status, widget.request_id) == ("a/b c", "done", "r-1")


async def test_query_values_are_spelled_as_heygen_reads_them(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.get("/v3/widgets").mock(return_value=answer([{"widget_id": "w1"}]))
    listed = await widgets.list(kinds=["a", "b"], limit=5, private=False)
    assert [w.widget_id for w in listed] == ["w1"]
    assert dict(route.calls.last.request.url.params) == {
        "kinds": "a,b",
        "limit": "5",
        "private": "false",
    }
    await widgets.list()
    assert route.calls.last.request.url.query == b""  # None means "not sent"


async def test_a_billed_create_sends_its_body_and_one_key_for_every_retry(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.post("/v3/widgets").mock(
        side_effect=[httpx.Response(502), answer({"widget_id": "w9"}), answer({"widget_id": "w10"})]
    )
    made = await widgets.create("first", dry=True)
    assert made.widget_id == "w9"
    first, second = (call.request for call in route.calls)
    assert json.loads(second.content) == {"name": "first"}  # colour None: not sent
    assert second.url.params["dry"] == "true"
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    await widgets.create("again", idempotency_key="mine-1")
    assert route.calls.last.request.headers["idempotency-key"] == "mine-1"


async def test_bad_arguments_raise_before_sending(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=answer({"widget_id": "w"}))
    with pytest.raises(InvalidRequestError, match="widget_id"):
        await widgets.get("")
    with pytest.raises(InvalidRequestError, match="idempotency_key"):
        await widgets.create("x", idempotency_key="not a key!")
    with pytest.raises(TypeError, match="missing required arguments: name"):
        await widgets.create()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour_name'"):
        await widgets.create("x", colour_name="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes 1 positional"):
        await widgets.get("a", "b")  # type: ignore[call-arg]
    with pytest.raises(InvalidRequestError, match="kinds"):
        await widgets.list(kinds=[object()])  # type: ignore[list-item]
    assert not route.called


async def test_an_operation_the_version_lacks_is_refused_naming_it(
    router: respx.MockRouter,
) -> None:
    route = router.route().mock(return_value=httpx.Response(200, json={"code": 100}))
    async with AsyncHeyGenClient(api_key="sk-widgets", api_version="v2") as client:
        widgets = AsyncWidgets(client)
        with pytest.raises(InvalidRequestError) as caught:
            await widgets.get("w1")
        assert caught.value.field == "api_version"
        assert "GET /v3/widgets/{widget_id}" in str(caught.value)
        assert "v2" in str(caught.value) and "'v3'" in str(caught.value)
        assert not route.called
        await widgets.delete("w1")  # declared for both versions: sent
        assert route.called


async def test_answers_are_read_leniently_and_errors_typed(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    router.get("/v3/widgets/extra").mock(
        return_value=answer({"widget_id": "extra", "new_field": [1]})
    )
    router.get("/v3/widgets/empty").mock(return_value=httpx.Response(200, json={"ok": 1}))
    router.get("/v3/widgets/gone").mock(
        return_value=httpx.Response(
            404, json={"error": {"code": "not_found", "message": "no such widget"}}
        )
    )
    router.delete("/v3/widgets/extra").mock(return_value=answer(None))
    assert (await widgets.get("extra")).model_dump()["new_field"] == [1]
    with pytest.raises(APIResponseError, match=r"Widgets\.get"):
        await widgets.get("empty")
    with pytest.raises(NotFoundError):
        await widgets.get("gone")
    assert await widgets.delete("extra") is None


async def test_request_options_and_raw_responses_apply(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.get("/v3/widgets/w1").mock(
        return_value=answer({"widget_id": "w1"}, **{"x-request-id": "req-7"})
    )
    await widgets.get("w1", extra_headers={"X-Trace": "t1"}, extra_query={"debug": 1})
    sent = route.calls.last.request
    assert sent.headers["x-trace"] == "t1" and sent.url.params["debug"] == "1"
    raw = await AsyncWidgetsRaw(widgets).get("w1")
    assert raw.status_code == 200 and raw.request_id == "req-7"
    assert raw.parse().widget_id == "w1"


def test_inconsistent_declarations_fail_at_import() -> None:
    with pytest.raises(TypeError, match="no parameter for the path"):

        @endpoint("GET", "/v3/things/{thing_id}")
        async def get(self: Any, other: str) -> Widget: ...

    with pytest.raises(TypeError, match="takes idempotency_key"):

        @endpoint("POST", "/v3/things", billed=True)
        async def create(self: Any, name: str) -> Widget: ...

    with pytest.raises(TypeError, match="query names"):

        @endpoint("POST", "/v3/things", query=("nope",))
        async def make(self: Any, name: str) -> Widget: ...


class AsyncDubs(AsyncResource):
    __slots__ = ()

    @endpoint("POST", "/v3/dubs", billed=True)
    async def create(
        self,
        video: AssetInput,
        *,
        audio: AssetInput | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Make a dub of a video."""
        ...


@pytest.fixture
async def dubs() -> AsyncIterator[AsyncDubs]:
    async with AsyncHeyGenClient(api_key="sk-widgets", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield AsyncDubs(client)


def uploads(router: respx.MockRouter) -> respx.Route:
    answers = iter(range(1, 100))
    return router.post("/v3/assets").mock(
        side_effect=lambda request: answer(
            {"asset_id": f"up-{next(answers)}", "mime_type": "video/mp4", "url": "https://x"}
        )
    )


async def test_asset_inputs_take_ids_urls_files_bytes_and_heygens_own_form(
    dubs: AsyncDubs, router: respx.MockRouter, tmp_path: Path
) -> None:
    created = router.post("/v3/dubs").mock(return_value=answer({"widget_id": "d1"}))
    upload = uploads(router)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)

    async def sent(video: Any, **more: Any) -> dict[str, Any]:
        await dubs.create(video, **more)
        return dict(json.loads(created.calls.last.request.content))

    assert await sent("asset-123") == {"video": {"type": "asset_id", "asset_id": "asset-123"}}
    assert await sent("https://cdn.example/v.mp4") == {
        "video": {"type": "url", "url": "https://cdn.example/v.mp4"}
    }
    assert upload.call_count == 0
    assert await sent(clip) == {"video": {"type": "asset_id", "asset_id": "up-1"}}
    assert await sent(str(clip)) == {"video": {"type": "asset_id", "asset_id": "up-2"}}
    body = await sent({"type": "url", "url": "https://a/b.mp4"}, audio=clip.read_bytes())
    assert body == {
        "video": {"type": "url", "url": "https://a/b.mp4"},
        "audio": {"type": "asset_id", "asset_id": "up-3"},
    }
    assert upload.call_count == 3


@pytest.mark.parametrize(
    ("video", "words"),
    [
        ("", "must not be empty"),
        ("ftp://host/v.mp4", "only http(s) URLs"),
        ({"type": "file", "path": "x"}, "HeyGen's form is"),
        (b"", "must not be empty"),
        (42, "must be an asset id"),
    ],
)
async def test_bad_asset_inputs_are_refused_before_anything_is_sent(
    dubs: AsyncDubs, router: respx.MockRouter, video: Any, words: str
) -> None:
    route = router.route().mock(return_value=answer({"widget_id": "d1"}))
    with pytest.raises(InvalidRequestError) as caught:
        await dubs.create(video)
    assert caught.value.field == "video" and words in str(caught.value)
    assert not route.called


class AsyncScans(AsyncResource):
    __slots__ = ()

    @endpoint("POST", "/v3/scans", keyed=True)
    async def create(
        self,
        file: FileInput,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Send one file (not billed, deduplicated by key)."""
        ...

    @endpoint("POST", "/v3/scans/labelled")
    async def labelled(
        self, file: FileInput, *, label: str | None = None, **options: Unpack[RequestOptions]
    ) -> Widget:
        """A file and a form field: no HeyGen operation has one yet."""
        ...


async def test_a_keyed_operation_sends_a_key_without_being_billed(
    router: respx.MockRouter,
) -> None:
    route = router.post("/v3/scans").mock(
        side_effect=[httpx.Response(503), answer({"widget_id": "s1"})]
    )
    async with AsyncHeyGenClient(api_key="sk-widgets", api_version="v3") as client:
        use_clock(client, InstantClock())
        await AsyncScans(client).create(b"%PDF-1.7 scan")
    declared = AsyncScans.create.__endpoint__  # type: ignore[attr-defined]
    assert (declared.keyed, declared.billed, declared.body_names) == (True, False, ("file",))
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert second.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="upload.pdf"' in second.content
    assert b"%PDF-1.7 scan" in second.content


async def test_files_beside_form_fields_are_refused_as_a_declaration_error(
    router: respx.MockRouter,
) -> None:
    route = router.route().mock(return_value=answer({"widget_id": "s1"}))
    async with AsyncHeyGenClient(api_key="sk-widgets", api_version="v3") as client:
        scans = AsyncScans(client)
        assert (await scans.labelled(b"%PDF-1.7")).widget_id == "s1"  # files only: sent
        with pytest.raises(TypeError, match="holds files only"):
            await scans.labelled(b"%PDF-1.7", label="x")
    assert route.call_count == 1


def test_a_keyed_declaration_must_take_idempotency_key() -> None:
    with pytest.raises(TypeError, match="takes idempotency_key"):

        @endpoint("POST", "/v3/things", keyed=True)
        async def create(self: Any, name: str) -> Widget: ...


def _one_colour_source(values: Any) -> None:
    if values.get("colour") is not None and values.get("palette") is not None:
        raise InvalidRequestError(
            "palette: cannot be combined with colour", field="palette", allowed="one of them"
        )


class AsyncPaints(AsyncResource):
    __slots__ = ()

    @endpoint("POST", "/v3/paints", check=_one_colour_source)
    async def create(
        self,
        name: str,
        *,
        colour: str | None = None,
        palette: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Mix one."""
        ...


async def test_a_rule_across_parameters_refuses_before_sending(
    widgets: AsyncWidgets, router: respx.MockRouter
) -> None:
    route = router.post("/v3/paints").mock(return_value=answer({"widget_id": "p1"}))
    paints = AsyncPaints(widgets._client)
    with pytest.raises(InvalidRequestError) as caught:
        await paints.create("x", colour="red", palette="warm")
    assert caught.value.field == "palette" and not route.called
    await paints.create("x", palette="warm")
    assert json.loads(route.calls.last.request.content) == {"name": "x", "palette": "warm"}


def test_a_declared_call_is_one_coroutine_deep_like_a_seed_methods() -> None:
    # The per-request options are taken by the declared call itself, not by a
    # wrapper coroutine around it (issue 24: a resource method costs no more CPU
    # than a seed method). Both coroutines would be named after the method.
    import asyncio

    import heygen_async

    package = Path(heygen_async.__file__).parent
    transport = package / "_transport"

    async def main() -> list[str]:
        entered, release = asyncio.Event(), asyncio.Event()

        class Held(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                entered.set()
                await release.wait()
                return httpx.Response(200, json={"data": {"id": "v-1", "status": "processing"}})

        http = httpx.AsyncClient(transport=Held())
        async with AsyncHeyGenClient(api_key="k", api_version="v3", http_client=http) as client:
            task = asyncio.ensure_future(client.videos.get("v-1"))
            await entered.wait()
            names = []
            coroutine: Any = task.get_coro()
            while coroutine is not None:
                code = getattr(coroutine, "cr_code", None)
                if code is not None:
                    file = Path(code.co_filename)
                    if file.is_relative_to(package) and not file.is_relative_to(transport):
                        names.append(coroutine.__qualname__)
                coroutine = getattr(coroutine, "cr_await", None)
            release.set()
            assert (await task).video_id == "v-1"
        return names

    assert asyncio.run(main()) == ["AsyncVideos.get", "AsyncResource._send"]
