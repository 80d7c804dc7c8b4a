"""Issue 12.1: whatever a server answers, every public method returns a model (or
None, a list, a path) or raises a HeyGenError, and returns promptly.

Hypothesis draws the status, the headers and the body (JSON of any shape in the
envelopes of both API versions, error objects whose ``code`` is an object or a
list, JSON nested thousands deep, charsets that lie, ``Content-Encoding: gzip``
on a plain body, HTML, bytes); respx serves it to every request of the call.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heygen_async import HeyGenError

from .conftest import API_KEY, CALLS, VERSIONS, make_client

STATUSES = [200, 201, 204, 301, 302, 307, 308, 400, 401, 402, 403, 404, 409, 413, 422, 429]
STATUSES += [500, 502, 503, 504, 520]

json_leaf = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_any = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
WORDS = [
    "data",
    "code",
    "message",
    "error",
    "video_id",
    "id",
    "status",
    "video_url",
    "list",
    "has_more",
    "next_token",
    "token",
    "avatars",
    "voices",
    "assets",
    "videos",
    "url",
]
keyed = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=16,
)


def deep(depth: int) -> bytes:
    return b'{"data":' + b"[" * depth + b"]" * depth + b"}"


envelopes = st.one_of(
    st.builds(lambda d: {"data": d}, keyed),
    st.builds(lambda c, m, d: {"code": c, "message": m, "data": d}, json_any, json_any, keyed),
    st.builds(lambda e: {"error": e}, json_any),
    st.builds(lambda c, m: {"error": {"code": c, "message": m, "param": c}}, json_any, json_any),
    st.builds(lambda d, t: {"data": d, "has_more": True, "next_token": t}, keyed, json_any),
    keyed,
)
bodies = st.one_of(
    envelopes.map(lambda value: json.dumps(value).encode()),
    st.sampled_from([deep(3000), deep(100_000), b"", b"<html><title>Oops</title></html>"]),
    st.binary(max_size=64),
    st.text(max_size=40).map(str.encode),
)
header_sets = st.fixed_dictionaries(
    {},
    optional={
        "content-type": st.sampled_from(
            [
                "application/json",
                "application/json; charset=utf-16",
                "text/html; charset=utf-32",
                "application/json; charset=nonsense",
                "text/plain; charset=latin-1",
            ]
        ),
        "content-encoding": st.sampled_from(["gzip", "br", "deflate", "identity", "bogus"]),
        "retry-after": st.sampled_from(
            ["0", "1", "soon", "100000", "-5", "nan", "Wed, 21 Oct 2015 07:28:00 GMT"]
        ),
        "x-request-id": st.sampled_from(["req-1", API_KEY, f"x{API_KEY}y", API_KEY[:12]]),
        "location": st.sampled_from(["https://evil.example/steal", "/v3/other", "::bad"]),
        "content-range": st.sampled_from(["bytes 0-9/10", "bytes */5", "junk"]),
        "content-length": st.sampled_from(["0", "5", "junk"]),
    },
)
gzip_body = st.booleans()


@st.composite
def answers(draw: st.DrawFn) -> tuple[int, dict[str, str], bytes]:
    headers = dict(draw(header_sets))
    body = draw(bodies)
    headers.pop("content-length", None) if draw(st.booleans()) else None
    if headers.get("content-encoding") == "gzip" and draw(gzip_body):
        body = gzip.compress(body)
    return draw(st.sampled_from(STATUSES)), headers, body


# One pool for every example (building a client loads the CA bundle: ~30 ms), and the
# user's setting the issue names: follow_redirects=True must not make the SDK follow.
SHARED_HTTP = httpx.AsyncClient(follow_redirects=True)


def serve(status: int, headers: dict[str, str], body: bytes) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    return answer


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("method", sorted(CALLS))
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answer=answers())
def test_any_answer_is_a_model_or_a_heygen_error(
    method: str, version: str, answer: tuple[int, dict[str, str], bytes]
) -> None:
    status, headers, body = answer

    async def main(tmp: Path) -> None:
        with respx.mock(assert_all_called=False) as router:
            router.route().mock(side_effect=serve(status, headers, body))
            async with make_client(version, http_client=SHARED_HTTP) as client:
                with anyio.fail_after(10):
                    try:
                        await CALLS[method](client, tmp)
                    except HeyGenError as exc:
                        text = str(exc) + repr(getattr(exc, "request_id", None))
                        assert API_KEY[:10] not in text

    with tempfile.TemporaryDirectory() as tmp:
        anyio.run(main, Path(tmp))
