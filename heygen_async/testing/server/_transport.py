"""The in-process transport: hands httpx requests straight to the fake's ASGI app.

Like ``httpx.ASGITransport``, with three differences that matter for testing an
HTTP client: a connection drop raised by the app becomes the httpx error a real
socket would produce; a body cut off midway fails while the client reads it
(after the status and headers arrived), not before; and the request's read
timeout applies, as on a socket: an answer that takes longer (a ``latency``
fault) raises ``httpx.ReadTimeout``, and the app's work is cancelled where it
stands (after processing, for an ``after_processing`` latency).

- drop before the server saw the request -> ``httpx.ConnectError``
- drop after the server processed it      -> ``httpx.RemoteProtocolError``
  ("Server disconnected without sending a response.")
- drop in the middle of a body            -> the response arrives; reading it raises
  ``httpx.RemoteProtocolError`` ("peer closed connection without sending
  complete message body")
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx

from ._asgi import ASGIApp, ConnectionDropped, Message

_CLIENT_ADDRESS = ("127.0.0.1", 50000)


class _BufferedStream(httpx.AsyncByteStream):
    """The body the app sent, optionally ending in a dropped connection."""

    def __init__(self, chunks: list[bytes], *, broken: bool) -> None:
        self._chunks = chunks
        self._broken = broken

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            if chunk:
                yield chunk
        if self._broken:
            received = sum(len(chunk) for chunk in self._chunks)
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body "
                f"(received {received} bytes)"
            )


class InProcessTransport(httpx.AsyncBaseTransport):
    """An ``httpx.AsyncBaseTransport`` that runs requests through an ASGI app, no sockets.

    Get one from ``FakeHeyGen.transport()``::

        http = httpx.AsyncClient(transport=fake.transport(), base_url="https://api.heygen.com")
    """

    def __init__(self, app: ASGIApp, *, honour_timeouts: bool = True) -> None:
        self._app = app
        self._honour_timeouts = honour_timeouts

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        url = request.url
        default_port = 443 if url.scheme == "https" else 80
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": url.scheme,
            "path": url.path,
            "raw_path": url.raw_path.split(b"?")[0],
            "query_string": url.query,
            "root_path": "",
            "headers": [(key.lower(), value) for key, value in request.headers.raw],
            "client": _CLIENT_ADDRESS,
            "server": (url.host, url.port or default_port),
            "extensions": {},
        }
        body_sent = False
        status: int | None = None
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        complete = False

        async def receive() -> Message:
            nonlocal body_sent
            if not body_sent:
                body_sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status, headers, complete
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                complete = not message.get("more_body", False)

        read_timeout = request.extensions.get("timeout", {}).get("read")
        deadline = (
            anyio.fail_after(read_timeout)
            if self._honour_timeouts and read_timeout is not None
            else contextlib.nullcontext()
        )
        try:
            with deadline:
                await self._app(scope, receive, send)
        except TimeoutError:
            raise httpx.ReadTimeout(
                f"the fake HeyGen server did not answer within {read_timeout} s", request=request
            ) from None
        except ConnectionDropped as drop:
            if status is None:
                if not drop.processed:
                    raise httpx.ConnectError(
                        "connection refused by the fake HeyGen server (fault: drop_before)",
                        request=request,
                    ) from None
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                ) from None
            complete = False
        if status is None:
            raise RuntimeError("the ASGI app returned without sending a response")
        return httpx.Response(
            status,
            headers=headers,
            stream=_BufferedStream(chunks, broken=not complete),
            request=request,
        )
