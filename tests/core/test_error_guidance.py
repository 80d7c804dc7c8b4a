"""Errors that say what to do: a rejected key names where it came from (never the
key), and a connection failure names the host and its cause, chained."""

from __future__ import annotations

import socket
import ssl
import traceback

import httpx
import pytest
import respx

from heygen_async import (
    APIConnectionError,
    AsyncHeyGenClient,
    AuthenticationError,
    ConfigurationError,
)

from .conftest import API, API_KEY


async def test_a_rejected_argument_key_says_it_came_from_the_argument(
    router: respx.MockRouter,
) -> None:
    router.get(f"{API}/v2/voices").respond(401, json={"code": 400112, "message": "bad key"})
    async with AsyncHeyGenClient(api_key=API_KEY) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.list_voices()
    message = str(caught.value)
    assert message.endswith(
        "HeyGen rejected the API key from the api_key argument: check that it is your "
        "account's current key (HeyGen > Settings > API)"
    )
    assert API_KEY not in message and API_KEY[-6:] not in message


async def test_a_rejected_environment_key_names_the_variable(
    router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", API_KEY)
    router.get(f"{API}/v2/voices").respond(401, json={"code": 400112, "message": "bad key"})
    async with AsyncHeyGenClient() as client:
        with pytest.raises(AuthenticationError, match="from the HEYGEN_API_KEY environment"):
            await client.list_voices()


async def test_a_refused_connection_names_host_and_cause() -> None:
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AsyncHeyGenClient(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.list_voices()
    message = str(caught.value)
    assert "to 127.0.0.1 failed: the connection was refused" in message
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def failing_with(error: OSError) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"boom {API_KEY}", request=request) from error

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (socket.gaierror(-2, "Name or service not known"), "its name could not be resolved (DNS)"),
        (
            ssl.SSLCertVerificationError(1, "certificate verify failed"),
            "the TLS handshake failed",
        ),
        (ConnectionRefusedError(111, "Connection refused"), "the connection was refused"),
    ],
)
async def test_dns_and_tls_failures_say_so_and_keep_the_cause(error: OSError, words: str) -> None:
    http = httpx.AsyncClient(transport=failing_with(error))
    async with AsyncHeyGenClient(api_key=API_KEY, http_client=http, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.list_voices()
    raised = caught.value
    assert f"GET /v2/voices to api.heygen.com failed: {words}" in str(raised)
    cause = raised.__cause__
    assert isinstance(cause, httpx.ConnectError)
    assert cause.__cause__ is error  # the operating system's own error, kept
    shown = "".join(traceback.format_exception(raised))
    assert API_KEY not in shown  # the cause's text is redacted too
    assert cause.request.headers.get("x-api-key") != API_KEY
    await http.aclose()


def test_a_bad_api_version_variable_is_named_as_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HEYGEN_API_VERSION", "v9")
    with pytest.raises(ConfigurationError) as caught:
        AsyncHeyGenClient(api_key=API_KEY)
    assert str(caught.value).startswith("HEYGEN_API_VERSION: must be one of 'v3', 'v2'")
    assert "(got 'v9')" in str(caught.value)
    # Given as the argument, the argument is named (the variable is not read then).
    with pytest.raises(ConfigurationError, match=r"^api_version: must be one of"):
        AsyncHeyGenClient(api_key=API_KEY, api_version="v9")
