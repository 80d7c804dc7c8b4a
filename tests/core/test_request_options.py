"""Per-request options (``extra_headers``, ``extra_query``, the HTTP timeout) on every
method, ``default_headers``, and ``with_options``/``copy`` with every constructor
argument; on both API versions, against the fake behind a recording transport."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError, PollPolicy
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, VirtualClock

WAITING = {"wait_for_video", "wait_for_videos", "generate_video_and_wait"}
WAITING |= {"generate_avatar_iv_video_and_wait", "generate_many"}
NO_REQUEST = {"aclose"}


class Recorder(httpx.AsyncBaseTransport):
    """The fake's in-process transport, keeping every request it carried."""

    def __init__(self, inner: httpx.AsyncBaseTransport, request_id: str | None = None) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.request_id = request_id

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        response = await self.inner.handle_async_request(request)
        if self.request_id is not None:
            response.headers["X-Request-Id"] = f"{self.request_id}-{len(self.requests)}"
        return response

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if not is_media(r)]


def is_media(request: httpx.Request) -> bool:
    """The fake serves rendered files under /_fake/ (and storage on other hosts)."""
    return request.url.host != "api.heygen.com" or request.url.path.startswith("/_fake/")


@pytest.fixture(params=["v3", "v2"])
def api_version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=3)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(seed=5, clock=clock.now, time_scale=1.0, render_seconds=(40.0, 90.0))


@pytest.fixture
def recorder(fake: FakeHeyGen) -> Recorder:
    return Recorder(fake.transport(), request_id="req")


@pytest.fixture
async def client(
    fake: FakeHeyGen, recorder: Recorder, clock: VirtualClock, api_version: str
) -> AsyncIterator[AsyncHeyGenClient]:
    http = httpx.AsyncClient(transport=recorder)
    async with fake.client(http_client=http, api_version=api_version, clock=clock) as c:
        yield c
    await http.aclose()


def public_calls(cls: type) -> list[str]:
    return [
        name
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_")
        and (inspect.iscoroutinefunction(member) or inspect.isasyncgenfunction(member))
        and name not in NO_REQUEST
    ]


# -- every method takes them -----------------------------------------------------------


@pytest.mark.parametrize("name", public_calls(AsyncHeyGenClient))
@pytest.mark.parametrize("cls", [AsyncHeyGenClient, HeyGenClient])
def test_every_method_takes_the_request_options(cls: type, name: str) -> None:
    parameters = inspect.signature(getattr(cls, name)).parameters
    timeout = "request_timeout" if name in WAITING else "timeout"
    for option in ("extra_headers", "extra_query", timeout):
        assert option in parameters, f"{cls.__name__}.{name} lacks {option}"
        assert parameters[option].kind is inspect.Parameter.KEYWORD_ONLY
        assert parameters[option].default is None
    doc = inspect.getdoc(getattr(cls, name)) or ""
    assert "extra_headers: Extra HTTP headers" in doc


def test_with_options_takes_every_constructor_argument() -> None:
    constructor = set(inspect.signature(AsyncHeyGenClient.__init__).parameters) - {"self"}
    for method in (AsyncHeyGenClient.with_options, AsyncHeyGenClient.copy, HeyGenClient.copy):
        assert set(inspect.signature(method).parameters) - {"self"} == constructor
    assert AsyncHeyGenClient.copy.__name__ == "copy"


# -- they reach the requests, and only this call's -------------------------------------


async def test_extra_headers_query_and_timeout_reach_the_request(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    recorder.requests.clear()
    await client.get_video_status(
        video.video_id, extra_headers={"X-Trace": "t1"}, extra_query={"debug": True}, timeout=7
    )
    sent = recorder.api_requests()
    assert sent and all(r.headers["X-Trace"] == "t1" for r in sent)
    assert all(r.url.params["debug"] == "true" for r in sent)
    assert all(r.extensions["timeout"]["read"] == 7.0 for r in sent)
    recorder.requests.clear()
    await client.get_video_status(video.video_id)  # the next call has none of them
    assert all(
        "X-Trace" not in r.headers and "debug" not in r.url.params for r in recorder.requests
    )
    assert all(r.extensions["timeout"]["read"] != 7.0 for r in recorder.requests)


async def test_generate_takes_request_options_beside_the_video_options(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    await client.generate_video(
        "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, title="t", extra_headers={"X-Job": "7"}
    )
    (create,) = [r for r in recorder.api_requests() if r.method == "POST"]
    assert create.headers["X-Job"] == "7"
    assert b"X-Job" not in create.content  # a header, not a body field


async def test_iterating_keeps_the_options_to_its_own_pages(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    for _ in range(3):
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    recorder.requests.clear()
    async for _video in client.iter_videos(extra_headers={"X-Pages": "1"}):
        await client.list_voices()  # between items: not this iteration's request
    voices = [r for r in recorder.api_requests() if "voices" in r.url.path]
    pages = [r for r in recorder.api_requests() if r.url.path.endswith(("/videos", "/video.list"))]
    assert pages and all(r.headers.get("X-Pages") == "1" for r in pages)
    assert voices and all("X-Pages" not in r.headers for r in voices)


async def test_a_wait_sends_its_request_timeout_and_headers(
    client: AsyncHeyGenClient, recorder: Recorder, clock: VirtualClock
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    recorder.requests.clear()
    async with clock.running():
        status = await client.wait_for_video(
            video.video_id, timeout=3600, request_timeout=9, extra_headers={"X-Wait": "w"}
        )
    assert status.is_completed
    sent = recorder.api_requests()
    assert sent and all(r.headers["X-Wait"] == "w" for r in sent)
    assert all(r.extensions["timeout"]["read"] == 9.0 for r in sent)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"extra_headers": {"X-Api-Key": "other"}}, "extra_headers"),
        ({"extra_headers": {"idempotency-key": "k"}}, "extra_headers"),
        ({"extra_headers": {"X-A": 3}}, "extra_headers"),
        ({"extra_headers": {"X-A": "two\nlines"}}, "extra_headers"),
        ({"extra_headers": ["X-A"]}, "extra_headers"),
        ({"extra_query": {"a": [1]}}, "extra_query"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": "5"}, "timeout"),
    ],
)
async def test_bad_request_options_are_refused_before_sending(
    client: AsyncHeyGenClient, recorder: Recorder, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.list_voices(**options)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert recorder.requests == []


async def test_a_header_error_never_shows_the_value(client: AsyncHeyGenClient) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.list_voices(extra_headers={"Authorization": b"Bearer s3cret"})  # type: ignore[dict-item]
    assert "s3cret" not in str(caught.value)


async def test_request_timeout_is_checked_on_waits(client: AsyncHeyGenClient) -> None:
    with pytest.raises(InvalidRequestError, match=r"^request_timeout: must be a positive"):
        await client.wait_for_video("v", request_timeout=-1)


# -- default_headers and with_options ---------------------------------------------------


async def test_default_headers_reach_api_requests_but_not_media_hosts(
    fake: FakeHeyGen, recorder: Recorder, clock: VirtualClock, api_version: str, tmp_path: Any
) -> None:
    http = httpx.AsyncClient(transport=recorder)
    async with (
        fake.client(
            http_client=http,
            api_version=api_version,
            default_headers={"X-Team": "growth"},
            clock=clock,
        ) as client,
        clock.running(),
    ):
        status = await client.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        await client.download_video(status.video_id, tmp_path)
    api = recorder.api_requests()
    media = [r for r in recorder.requests if is_media(r)]
    assert api and all(r.headers["X-Team"] == "growth" for r in api)
    assert media and all("X-Team" not in r.headers for r in media)
    await http.aclose()


async def test_with_options_merges_headers_and_leaves_the_parent_alone(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    tagged = client.with_options(default_headers={"X-Tag": "a"})
    retagged = tagged.copy(default_headers={"X-More": "b"})
    await retagged.list_voices()
    await client.list_voices()
    first, second = recorder.api_requests()[0], recorder.api_requests()[-1]
    assert (first.headers["X-Tag"], first.headers["X-More"]) == ("a", "b")
    assert "X-Tag" not in second.headers
    assert retagged._transport.http is client._transport.http  # one pool
    assert retagged._transport.rate is client._transport.rate  # one account's limits


async def test_with_options_another_key_is_another_account(
    fake: FakeHeyGen, client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    other = client.with_options(api_key="fk-other-account-key")
    assert other._transport.http is client._transport.http
    assert other._transport.rate is not client._transport.rate
    assert other._core.poller is not client._core.poller
    await other.list_voices()
    await client.list_voices()
    keys = [r.headers["X-Api-Key"] for r in recorder.api_requests()]
    assert keys[0] == "fk-other-account-key" and keys[-1] == fake.api_key
    assert "fk-other-account-key" not in repr(other)


async def test_with_options_switches_api_version_and_hosts(
    client: AsyncHeyGenClient, recorder: Recorder, api_version: str
) -> None:
    other_version = "v2" if api_version == "v3" else "v3"
    switched = client.with_options(api_version=other_version, max_concurrent_requests=3)
    assert switched.api_version == other_version and client.api_version == api_version
    assert switched._transport.rate.max_concurrent_requests == 3
    await switched.list_voices()
    assert ("/v3/" in recorder.requests[-1].url.path) is (other_version == "v3")
    moved = client.with_options(base_url="https://api.example.test", upload_url=None)
    assert moved.base_url == "https://api.example.test"
    assert moved._transport.base_url == "https://api.example.test"


async def test_with_options_checks_its_arguments(client: AsyncHeyGenClient) -> None:
    from heygen_async import ConfigurationError

    with pytest.raises(ConfigurationError, match="max_concurrent_requests"):
        client.with_options(max_concurrent_requests=0)
    with pytest.raises(ConfigurationError, match="base_url"):
        client.with_options(base_url="http://api.example.test")
    with pytest.raises(InvalidRequestError, match="poll"):
        client.with_options(poll="fast")  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="default_headers: X-Api-Key"):
        client.with_options(default_headers={"X-Api-Key": "x"})
    with pytest.raises(ValueError, match="api_version"):
        client.with_options(api_version="v9")


def test_sync_copy_shares_the_pool(fake: FakeHeyGen) -> None:
    with fake.sync_client(poll=PollPolicy.fast()) as client:
        tagged = client.copy(default_headers={"X-Tag": "s"}, max_retries=1)
        assert type(tagged) is HeyGenClient and tagged.max_retries == 1
        assert tagged.list_voices()
        assert tagged._async is not None and client._async is not None
        assert tagged._async._transport.http is client._async._transport.http


# -- the owned pool carries the fixed headers itself --------------------------------------


async def test_an_owned_pool_sends_key_and_agent_without_merging_them_per_request() -> None:
    async with AsyncHeyGenClient("k-owned-0123", default_headers={"X-Team": "t"}) as client:
        http = client._transport.http
        assert http.headers["X-Api-Key"] == "k-owned-0123"
        assert http.headers["X-Team"] == "t"
        assert http.headers["User-Agent"].startswith("heygen-async/")
        assert client._transport._headers == {}  # nothing left to add per request
        other = client.with_options(api_key="k-other-4567")
        assert other._transport._headers == {"X-Api-Key": "k-other-4567"}
        assert "k-owned-0123" not in repr(client) and "k-owned" not in repr(http)


async def test_a_third_party_url_never_gets_the_key_from_an_owned_pool() -> None:
    from heygen_async._transport import APIRequest

    async with AsyncHeyGenClient("k-owned-0123") as client:
        built = client._transport._build(
            APIRequest("PUT", "", url="https://storage.example.test/put", expect_json=False),
            None,
            {},
        )
        assert "x-api-key" not in built.headers


# -- the request id on models -------------------------------------------------------------


async def test_models_carry_the_request_id_of_their_answer(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    assert video.request_id == f"req-{len(recorder.requests)}"
    status = await client.get_video_status(video.video_id)
    assert status.request_id == f"req-{len(recorder.requests)}"
    assert "request_id" not in status.model_dump()
    assert "req-" not in repr(status)


async def test_waits_share_a_status_read_only_with_equal_options(
    client: AsyncHeyGenClient, recorder: Recorder, clock: VirtualClock, api_version: str
) -> None:
    import anyio

    if api_version == "v2":
        pytest.skip("v2 reads one status per request: nothing is shared")
    ids = [
        (await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)).video_id
        for _ in range(4)
    ]
    recorder.requests.clear()
    tags = ["a", "a", "b", None]

    async def wait(video_id: str, tag: str | None) -> None:
        headers = None if tag is None else {"X-Tag": tag}
        await client.wait_for_video(video_id, extra_headers=headers)

    async with clock.running(), anyio.create_task_group() as group:
        for video_id, tag in zip(ids, tags, strict=True):
            group.start_soon(wait, video_id, tag)
    batches = [r for r in recorder.api_requests() if r.url.path.endswith("/statuses")]
    assert batches
    for request in batches:
        asked = set(request.url.params["video_ids"].split(","))
        tag = request.headers.get("X-Tag")
        expected = {v for v, t in zip(ids, tags, strict=True) if t == tag}
        assert asked <= expected, (tag, asked)
    assert any(len(set(r.url.params["video_ids"].split(","))) == 2 for r in batches)


async def test_a_sleeping_wait_keeps_no_answer(
    fake: FakeHeyGen, clock: VirtualClock, api_version: str
) -> None:
    """Thousands of waits may sleep at once: none may hold a response or its body."""
    from heygen_async._transport._call import CURRENT_CALL, CallRecord

    seen: list[CallRecord | None] = []

    class Spy(Recorder):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "GET":
                seen.append(CURRENT_CALL.get())
            return await super().handle_async_request(request)

    http = httpx.AsyncClient(transport=Spy(fake.transport(), request_id="r"))
    async with fake.client(http_client=http, api_version=api_version, clock=clock) as c:
        video = await c.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        async with clock.running():
            await c.wait_for_video(video.video_id)
        status = await c.get_video_status(video.video_id)
    waits, read = seen[:-1], seen[-1]
    # A wait's reads run with no call record (nothing to carry), or one keeping nothing.
    assert waits and all(r is None or (r.response is None and r.body == b"") for r in waits)
    assert read is not None and read.response is None
    assert status.request_id == read.request_id is not None
    await http.aclose()


async def test_a_download_honours_the_call_timeout_on_the_media_host_too(
    client: AsyncHeyGenClient, recorder: Recorder, clock: VirtualClock, tmp_path: Any
) -> None:
    async with clock.running():
        status = await client.generate_video_and_wait("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    recorder.requests.clear()
    await client.download_video(
        status.video_id, tmp_path, timeout=42, extra_headers={"X-Only": "api"}
    )
    media = [r for r in recorder.requests if is_media(r)]
    api = recorder.api_requests()
    assert media and all(r.extensions["timeout"]["read"] == 42.0 for r in media)
    assert all("X-Only" not in r.headers for r in media)
    assert api and all(r.headers["X-Only"] == "api" for r in api)


def test_a_call_with_nothing_to_carry_sets_no_call_record() -> None:
    """A sleeping wait holds no call record nor a context of its own (issue 24):
    with no per-request options and nothing to keep, there is nothing to carry."""
    from heygen_async._transport._call import CURRENT_CALL, KEEP_NOTHING, enter_call

    record, token = enter_call(None, KEEP_NOTHING)
    assert token is None and CURRENT_CALL.get() is None
    assert record.options is None and record.keep == KEEP_NOTHING
    with_options, token = enter_call(None, KEEP_NOTHING + 1)
    assert token is not None and CURRENT_CALL.get() is with_options
    CURRENT_CALL.reset(token)
