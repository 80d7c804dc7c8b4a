"""Issue 12.9: no piece of the key is ever echoed, whatever a server reflects.

Every field that comes from the server (request id, message, body excerpt, code,
param, a redirect's Location) is redacted before it is cut or stored, and the
``request`` attached to a connection error shows no ``X-Api-Key``.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from heygen_async import APIConnectionError, APIResponseError, APIStatusError, HeyGenError

from .conftest import API, API_KEY, make_client

PIECE = 8


def pieces(key: str = API_KEY) -> list[str]:
    return [key[i : i + PIECE] for i in range(len(key) - PIECE + 1)]


def exposed(exc: BaseException) -> str:
    """Everything a user may print or log of an exception."""
    parts: list[Any] = [str(exc), repr(exc)]
    for name in ("message", "request_id", "body", "code", "param"):
        parts.append(getattr(exc, name, None))
    request = getattr(exc, "request", None)
    if request is not None:
        parts += [repr(request), dict(request.headers), str(request.url)]
    return " ".join(str(part) for part in parts)


def assert_no_key(exc: BaseException) -> None:
    text = exposed(exc)
    leaked = [piece for piece in pieces() if piece in text]
    assert not leaked, f"pieces of the key leaked: {leaked} in {text!r}"


LONG = "x" * 190  # puts the key across the 200-character cut of a plain-text message

ANSWERS = {
    "request-id header": (
        400,
        {"X-Request-Id": API_KEY},
        b'{"error": {"code": "bad", "message": "no"}}',
    ),
    "request-id with the key inside": (404, {"X-Request-Id": f"req-{API_KEY}-9"}, b"{}"),
    "error message": (
        401,
        {},
        json.dumps({"error": {"code": "unauthorized", "message": f"bad key {API_KEY}"}}).encode(),
    ),
    "v1 message": (
        200,
        {},
        json.dumps({"code": 40009, "message": f"key {API_KEY} invalid"}).encode(),
    ),
    "code as an object": (
        400,
        {},
        json.dumps({"error": {"code": {"key": API_KEY}, "message": "m"}}).encode(),
    ),
    "code as a list": (
        400,
        {},
        json.dumps({"error": {"code": [API_KEY], "message": "m"}}).encode(),
    ),
    "param": (
        400,
        {},
        json.dumps(
            {"error": {"code": "invalid_parameter", "message": "m", "param": API_KEY}}
        ).encode(),
    ),
    "plain text cut": (500, {}, f"{LONG}{API_KEY} trailing".encode()),
    "excerpt cut": (502, {}, ("y" * 495 + API_KEY).encode()),
    "html title": (503, {}, f"<html><title>{API_KEY}</title></html>".encode()),
    "redirect location": (307, {"Location": f"https://evil.example/?k={API_KEY}"}, b""),
    "half a key": (400, {}, json.dumps({"error": {"code": "x", "message": API_KEY[:12]}}).encode()),
    "success not json": (200, {"X-Request-Id": API_KEY}, f"<p>{API_KEY}</p>".encode()),
}


@pytest.mark.parametrize("version", ["v3", "v2"])
@pytest.mark.parametrize("case", sorted(ANSWERS))
async def test_server_fields_are_redacted(case: str, version: str) -> None:
    status, headers, body = ANSWERS[case]
    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=API).respond(status, headers=headers, content=body)
        async with make_client(version, max_retries=0) as client:
            with pytest.raises(HeyGenError) as caught:
                await client.get_video_status("vid_1")
    assert isinstance(caught.value, (APIStatusError, APIResponseError))
    assert_no_key(caught.value)


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), httpx.ReadError("reset")]
)
async def test_the_attached_request_does_not_show_the_key(failure: Exception) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.route(url__startswith=API).mock(side_effect=failure)
        async with make_client("v3", max_retries=0) as client:
            with pytest.raises(APIConnectionError) as caught:
                await client.get_video_status("vid_1")
    assert route.calls.last.request.headers["x-api-key"] == API_KEY  # it was sent...
    request = caught.value.request
    assert request is not None and request.headers["x-api-key"] == "[redacted]"  # ...not shown
    assert_no_key(caught.value)


def test_redact_removes_pieces_and_survives_cuts() -> None:
    from heygen_async import redact
    from heygen_async._logging import redact_cut

    assert API_KEY not in redact(f"a{API_KEY}b", API_KEY)
    assert API_KEY[:10] not in redact(f"prefix {API_KEY[:10]} suffix", API_KEY)
    cut = redact_cut("z" * 95 + API_KEY, API_KEY, 100)
    assert len(cut) <= 100 and API_KEY[:5] not in cut
    assert redact("nothing to hide", API_KEY) == "nothing to hide"
