"""Construction (env fallbacks, refusals, pool ownership) and the key never leaking."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest
import respx

from heygen_async import (
    APIConnectionError,
    AsyncHeyGenClient,
    AuthenticationError,
    ConfigurationError,
    PollPolicy,
)
from heygen_async._constants import POOL_MAX_CONNECTIONS

from .conftest import API, API_KEY


def test_missing_key_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="HEYGEN_API_KEY") as caught:
        AsyncHeyGenClient()
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ConfigurationError):
        AsyncHeyGenClient(api_key="   ")


async def test_env_is_read_at_construction_not_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", "env-key")
    monkeypatch.setenv("HEYGEN_BASE_URL", "https://eu.api.example.com/")
    monkeypatch.setenv("HEYGEN_UPLOAD_URL", "https://eu.upload.example.com")
    async with AsyncHeyGenClient() as client, respx.mock() as router:
        route = router.get("https://eu.api.example.com/v2/voices").respond(
            200, json={"error": None, "data": {"voices": []}}
        )
        await client.list_voices()
        assert route.calls.last.request.headers["x-api-key"] == "env-key"
        assert client.upload_url == "https://eu.upload.example.com"


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("base_url", "http://api.heygen.com"),
        ("base_url", "http://10.0.0.5:8080"),
        ("upload_url", "http://upload.example.com"),
        ("base_url", "ftp://api.heygen.com"),
        ("base_url", "not a url"),
    ],
)
def test_plain_http_is_refused_for_remote_hosts(field: str, url: str) -> None:
    with pytest.raises(ConfigurationError, match=field):
        AsyncHeyGenClient(api_key=API_KEY, **{field: url})
    injected = httpx.AsyncClient()
    with pytest.raises(ConfigurationError):
        AsyncHeyGenClient(api_key=API_KEY, http_client=injected, **{field: url})


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765", "http://localhost:9000", "http://[::1]:8000", "http://127.5.5.5"],
)
async def test_plain_http_is_allowed_on_loopback(url: str) -> None:
    async with AsyncHeyGenClient(api_key=API_KEY, base_url=url, upload_url=url) as client:
        assert client.base_url == url


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"max_concurrent_requests": 0}, "max_concurrent_requests"),
        ({"max_concurrent_jobs": 0}, "max_concurrent_jobs"),
        ({"timeout": -5}, "timeout"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigurationError, match=field):
        AsyncHeyGenClient(api_key=API_KEY, **kwargs)  # type: ignore[arg-type]


async def test_injected_http_client_is_used_and_not_closed() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"error": None, "data": {"voices": []}})

    own = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncHeyGenClient(api_key=API_KEY, http_client=own) as client:
        await client.list_voices()
    assert len(seen) == 1 and not own.is_closed
    await own.aclose()


async def test_owned_pool_is_sized_for_fan_out_and_closed() -> None:
    client = AsyncHeyGenClient(api_key=API_KEY)
    http = client._transport.http
    pool = http._transport._pool  # type: ignore[attr-defined]
    assert pool._max_connections >= POOL_MAX_CONNECTIONS
    await client.aclose()
    assert http.is_closed and client.is_closed
    await client.aclose()  # idempotent


async def test_owned_pool_keeps_no_cookies(router: respx.MockRouter) -> None:
    """HeyGen authenticates by key: a ``Set-Cookie`` is ignored, never sent back."""
    answer = {"error": None, "data": {"voices": []}}
    route = router.get(f"{API}/v2/voices").respond(
        200, json=answer, headers={"Set-Cookie": "session=abc123; Path=/"}
    )
    async with AsyncHeyGenClient(api_key=API_KEY) as client:
        await client.list_voices()
        await client.list_voices()
        client._transport.http.cookies = {"set": "by hand"}
        await client.list_voices()
        assert not client._transport.http.cookies
    assert route.call_count == 3
    assert all("cookie" not in call.request.headers for call in route.calls)


async def test_a_given_http_client_keeps_its_own_cookies(router: respx.MockRouter) -> None:
    answer = {"error": None, "data": {"voices": []}}
    route = router.get(f"{API}/v2/voices").respond(
        200, json=answer, headers={"Set-Cookie": "session=abc123; Path=/"}
    )
    async with (
        httpx.AsyncClient() as own,
        AsyncHeyGenClient(api_key=API_KEY, http_client=own) as client,
    ):
        await client.list_voices()
        await client.list_voices()
    assert route.calls.last.request.headers["cookie"] == "session=abc123"


async def test_with_options_shares_pool_and_rate_state(router: respx.MockRouter) -> None:
    router.get(f"{API}/v1/video_status.get").respond(503)
    async with AsyncHeyGenClient(api_key=API_KEY, max_retries=0) as client:
        patient = client.with_options(max_retries=3, poll=PollPolicy.economy(), timeout=5)
        assert patient._transport.http is client._transport.http
        assert patient._transport.rate is client._transport.rate
        assert (patient.max_retries, client.max_retries) == (3, 0)
        assert patient.poll == PollPolicy.economy() and client.poll == PollPolicy()
        await patient.aclose()  # a derived client never closes the shared pool
        assert not client._transport.http.is_closed


async def test_timeout_reaches_the_request(router: respx.MockRouter) -> None:
    route = router.get(f"{API}/v2/voices").respond(200, json={"error": None, "data": {}})
    async with AsyncHeyGenClient(api_key=API_KEY, timeout=7.5) as client:
        await client.list_voices()
    assert route.calls.last.request.extensions["timeout"]["read"] == 7.5


async def test_key_never_appears_in_logs_reprs_or_errors(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYGEN_LOG", "debug")
    caplog.set_level(logging.DEBUG)
    # A hostile server that echoes the key back in every error body and message.
    echo = {"code": 400112, "message": f"bad key {API_KEY}"}
    router.get(f"{API}/v1/video_status.get").respond(401, json=echo)
    router.post(f"{API}/v2/video/generate").mock(side_effect=httpx.ReadTimeout(f"t {API_KEY}"))
    router.get(f"{API}/v2/voices").mock(side_effect=httpx.ConnectError("refused"))
    texts: list[str] = []
    async with AsyncHeyGenClient(api_key=API_KEY, max_retries=1) as client:
        texts += [repr(client), str(client), repr(client._transport), repr(client.with_options())]
        for call, error_type in [
            (client.get_video_status("v"), AuthenticationError),
            (client.generate_video("hi", "a", "v"), APIConnectionError),
            (client.list_voices(), APIConnectionError),
        ]:
            with pytest.raises(error_type) as caught:
                await call
            error = caught.value
            texts += [str(error), repr(error), "".join(traceback.format_exception(error))]
            texts += [str(v) for v in vars(error).values()]
    texts += [record.getMessage() for record in caplog.records]
    assert any("video_status.get" in record.getMessage() for record in caplog.records)
    assert all(API_KEY not in text for text in texts)
    assert logging.getLogger("heygen_async").handlers == []
