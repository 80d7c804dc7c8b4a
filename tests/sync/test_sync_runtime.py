"""HeyGenClient at run time: scripts, threads, running loops, close, errors, iterators."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import respx

from heygen_async import (
    AsyncHeyGenClient,
    AuthenticationError,
    ConfigurationError,
    HeyGenClient,
    InvalidRequestError,
    NotFoundError,
    PollPolicy,
)
from heygen_async._sync._loop import LOOP

from .conftest import API_KEY, API_VERSION, ASSETS_URL, STATUS_URL, status_body, status_handler

request_tag: contextvars.ContextVar[str] = contextvars.ContextVar("request_tag", default="-")


def test_plain_script_call(make_client: Any) -> None:
    client = make_client()
    status = client.get_video_status("v1")
    assert status.video_id == "v1"
    assert status.is_completed
    assert client.get_video_url("v1") == "https://cdn/v1.mp4"


def test_called_where_an_asyncio_loop_is_running(make_client: Any) -> None:
    """Jupyter, or a sync function called from async code: no 'loop already running'."""
    client = make_client()

    async def notebook_cell() -> str:
        asyncio.get_running_loop()  # a loop runs in this very thread
        return client.get_video_status("v2").video_id  # blocking call, as in a notebook

    assert asyncio.run(notebook_cell()) == "v2"


def test_called_from_trio_code(make_client: Any) -> None:
    trio = pytest.importorskip("trio")
    client = make_client()

    async def main() -> str:
        return client.get_video_status("v3").video_id

    assert trio.run(main) == "v3"


def test_thread_pool_shares_one_client_and_one_loop_thread(make_client: Any) -> None:
    served_on: set[str] = set()

    def handler(request: httpx.Request) -> httpx.Response:
        served_on.add(threading.current_thread().name)
        return status_handler(request)

    client = make_client(handler)
    ids = [f"video-{i}" for i in range(200)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda video_id: client.get_video_status(video_id), ids))
    assert [status.video_id for status in results] == ids
    assert served_on == {"heygen-async-loop"}


def test_many_clients_share_the_loop_thread(make_client: Any) -> None:
    first, second = make_client(), make_client()
    assert first.get_video_status("a").video_id == "a"
    assert second.get_video_status("b").video_id == "b"
    threads = [t for t in threading.enumerate() if t.name == "heygen-async-loop"]
    assert len(threads) == 1
    assert threads[0].daemon


def test_pools_are_built_on_the_loop_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    built_on: list[str] = []
    original = AsyncHeyGenClient.__init__

    def spy(self: AsyncHeyGenClient, *args: Any, **kwargs: Any) -> None:
        built_on.append(threading.current_thread().name)
        original(self, *args, **kwargs)

    monkeypatch.setattr(AsyncHeyGenClient, "__init__", spy)
    with HeyGenClient(API_KEY, api_version=API_VERSION) as client:
        client.with_options(max_retries=0)
    assert built_on == ["heygen-async-loop"]  # with_options shares that pool: no second one


def test_close_then_use_raises_a_clear_error(make_client: Any) -> None:
    client = make_client()
    client.get_video_status("v1")
    client.close()
    client.close()  # idempotent
    assert client.is_closed
    with pytest.raises(RuntimeError, match=r"closed.*new HeyGenClient"):
        client.get_video_status("v1")
    with pytest.raises(RuntimeError, match="closed"):
        client.iter_assets()
    assert client.max_retries == 2  # settings stay readable
    # Other clients, and new ones, keep working on the shared thread.
    assert make_client().get_video_status("v2").video_id == "v2"


def test_context_manager_closes(make_client: Any) -> None:
    with make_client() as client:
        assert client.get_video_status("v1").video_id == "v1"
    assert client.is_closed


def test_an_injected_http_client_is_not_closed() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(status_handler))
    with HeyGenClient(API_KEY, api_version=API_VERSION, http_client=http) as client:
        client.get_video_status("v1")
    assert not http.is_closed


def test_constructor_errors_raise_in_the_callers_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="API key"):
        HeyGenClient()
    with pytest.raises(ConfigurationError):
        HeyGenClient(API_KEY, base_url="http://api.example.com")
    with pytest.raises(ConfigurationError, match="max_retries"):
        HeyGenClient(API_KEY, max_retries=-1)


def test_http_errors_keep_their_async_types_and_hide_the_key(make_client: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["video_id"] == "missing":
            return httpx.Response(404, json={"code": 40014, "message": "video not found"})
        return httpx.Response(401, json={"code": 400112, "message": "Unauthorized"})

    client = make_client(handler, max_retries=0)
    with pytest.raises(NotFoundError) as missing:
        client.get_video_status("missing")
    with pytest.raises(AuthenticationError) as refused:
        client.get_video_status("other")
    for error in (missing.value, refused.value):
        shown = "".join(traceback.format_exception(error)) + repr(error)
        assert API_KEY not in shown
    assert API_KEY not in repr(client)


def test_bad_input_raises_before_any_request(make_client: Any) -> None:
    calls: list[httpx.Request] = []
    client = make_client(lambda request: calls.append(request) or status_handler(request))
    with pytest.raises(InvalidRequestError):
        client.get_video_status("")
    with pytest.raises(TypeError):
        client.get_video_status("v1", "unexpected")
    with pytest.raises(InvalidRequestError):
        client.list_assets(limit=0)
    assert calls == []


def test_calling_from_the_loop_thread_explains_instead_of_deadlocking(make_client: Any) -> None:
    client = make_client()
    with pytest.raises(RuntimeError, match="AsyncHeyGenClient"):
        LOOP.call(client.get_video_status, "v1")


def test_contextvars_reach_the_coroutine(make_client: Any) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request_tag.get())
        return status_handler(request)

    client = make_client(handler)
    token = request_tag.set("job-42")
    try:
        client.get_video_status("v1")
    finally:
        request_tag.reset(token)
    client.get_video_status("v1")
    assert seen == ["job-42", "-"]


# -- iterators ------------------------------------------------------------------------


def _asset_pages(pages: int) -> tuple[Any, list[int]]:
    fetched: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("token")
        page = int(token) if token else 0
        fetched.append(page)
        following = str(page + 1) if page + 1 < pages else None
        assets = [{"id": f"a{page}-{i}", "file_type": "image"} for i in range(2)]
        return httpx.Response(
            200, json={"code": 100, "data": {"assets": assets, "token": following}}
        )

    return handler, fetched


def test_async_pager_becomes_a_lazy_plain_iterator(make_client: Any) -> None:
    handler, fetched = _asset_pages(3)
    client = make_client(handler)
    assets = client.iter_assets()
    assert fetched == []  # nothing runs before the first next(), as with async for
    assert [asset.id for asset in assets] == ["a0-0", "a0-1", "a1-0", "a1-1", "a2-0", "a2-1"]
    assert fetched == [0, 1, 2]


def test_breaking_out_closes_the_async_generator_on_the_loop(make_client: Any) -> None:
    handler, fetched = _asset_pages(5)
    client = make_client(handler)
    for asset in client.iter_assets():
        if asset.id == "a1-0":
            break
    assert fetched == [0, 1]  # no page is fetched ahead of the caller
    # Closed, not merely abandoned: the client still serves other calls at once.
    assert client.get_video_status("v1").video_id == "v1"


def test_errors_inside_an_iterator_keep_their_type(make_client: Any) -> None:
    client = make_client(lambda request: httpx.Response(404, json={"code": 404, "message": "no"}))
    with pytest.raises(NotFoundError):
        next(client.iter_assets())
    with pytest.raises(InvalidRequestError):
        next(client.iter_assets(file_type="pdf"))


def test_workflows_through_the_fake_server() -> None:
    """generate_many (a task group inside an async generator) and wait_for_video."""
    testing = pytest.importorskip("heygen_async.testing")
    fake = testing.FakeHeyGen(time_scale=2000.0, failure_rate=0.0)
    quick = PollPolicy(first_delay=0.0, initial_interval=0.01, max_interval=0.02, timeout=30)
    with HeyGenClient(fake.api_key, http_client=fake.http_client(), poll=quick) as client:
        jobs = [
            {
                "key": f"job-{i}",
                "script": f"Hello {i}",
                "avatar_id": testing.SAMPLE_AVATAR_ID,
                "voice_id": testing.SAMPLE_VOICE_ID,
            }
            for i in range(4)
        ]
        results = list(client.generate_many(jobs))
        assert sorted(result.key for result in results) == [f"job-{i}" for i in range(4)]
        assert all(result.ok for result in results)
        video = client.generate_video("Hi", testing.SAMPLE_AVATAR_ID, testing.SAMPLE_VOICE_ID)
        assert client.wait_for_video(video.video_id).is_completed


@respx.mock(assert_all_called=False)
def test_respx_routes_reach_the_loop_thread(respx_mock: respx.MockRouter) -> None:
    """respx patches httpx globally, so a router entered here also serves the loop thread."""
    route = respx_mock.get(STATUS_URL).mock(
        return_value=httpx.Response(200, json=status_body("r1"))
    )
    respx_mock.get(ASSETS_URL).mock(
        return_value=httpx.Response(200, json={"code": 100, "data": {"assets": []}})
    )
    with HeyGenClient(
        API_KEY, api_version=API_VERSION
    ) as client:  # its own pool, built on the loop thread
        assert client.get_video_status("r1").video_id == "r1"
        assert list(client.iter_assets()) == []
    assert route.call_count == 1


@pytest.mark.parametrize("how", ["close", "garbage-collection"])
def test_leaving_a_generator_closes_the_async_one_on_the_loop(
    monkeypatch: pytest.MonkeyPatch, make_client: Any, how: str
) -> None:
    import gc

    from heygen_async._sync import _facade

    cleaned_up_on: list[str] = []

    async def count(self: AsyncHeyGenClient, n: int) -> Any:
        try:
            for i in range(n):
                yield i
        finally:
            cleaned_up_on.append(threading.current_thread().name)

    monkeypatch.setattr(AsyncHeyGenClient, "count", count, raising=False)
    probe_async: Any = AsyncHeyGenClient

    class Probe(HeyGenClient):
        count = _facade._iterating(probe_async.count)

    probe: Any = Probe(API_KEY, http_client=make_client()._async._transport.http)
    try:
        numbers = probe.count(10)
        assert [next(numbers), next(numbers)] == [0, 1]
        assert cleaned_up_on == []
        if how == "close":
            numbers.close()
        else:
            del numbers
            gc.collect()
        assert cleaned_up_on == ["heygen-async-loop"]  # at once, and on the loop
    finally:
        probe.close()
