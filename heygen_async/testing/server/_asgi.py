"""Minimal ASGI plumbing: types, the request/response values handlers use, dropping."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import anyio.lowlevel

# Shared with the webhook receiver; re-exported for the server's modules.
from ..._asgi import Message as Message
from ..._asgi import Receive as Receive
from ..._asgi import Scope as Scope
from ..._asgi import Send as Send
from ..._asgi import read_body as read_body

ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ConnectionDropped(Exception):
    """Raised by the app, in-process, to make the transport fail like a dead socket.

    ``processed`` tells whether the server handled the request first (a video
    may exist), which decides the httpx exception the client sees.
    """

    def __init__(self, *, processed: bool) -> None:
        super().__init__("connection dropped by the fake HeyGen server")
        self.processed = processed


@dataclass
class Request:
    """One HTTP request as the handlers see it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    origin: str
    body: bytes = b""
    #: ``{name}`` segments of the route's path pattern (``/v3/videos/{video_id}``).
    path_params: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_scope(cls, scope: Scope) -> Request:
        headers = {
            key.decode("latin-1").lower(): value.decode("latin-1")
            for key, value in scope.get("headers", ())
        }
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        host = headers.get("host")
        if not host:
            server = scope.get("server") or ("127.0.0.1", 80)
            host = f"{server[0]}:{server[1]}"
        origin = f"{scope.get('scheme', 'http')}://{host}"
        return cls(scope["method"].upper(), scope["path"], query, headers, origin)


@dataclass
class Response:
    """What a handler answers; the app sends it (or a fault replaces it)."""

    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


async def discard_body(receive: Receive) -> None:
    """Read the request body to its end and forget it."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            return


async def send_start(send: Send, status: int, headers: list[tuple[str, str]]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
        }
    )


async def send_body(send: Send, body: bytes, *, more: bool = False) -> None:
    await send({"type": "http.response.body", "body": body, "more_body": more})


def can_abort(send: Send) -> bool:
    """True behind a real server whose socket we can reach (uvicorn)."""
    return _socket_transport(send) is not None


def _socket_transport(send: Send) -> Any:
    # uvicorn's ``send`` is a bound method of its request cycle, which holds the
    # asyncio transport of the connection; aborting it is the closest an ASGI app
    # can get to a dead socket (no response, not even a 500).
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    return transport if callable(getattr(transport, "abort", None)) else None


async def drop_connection(send: Send, *, processed: bool) -> None:
    """Kill the connection: abort the socket behind a real server, else raise.

    A caller that has not read the request body calls ``discard_body`` first:
    closing a socket with unread bytes makes the kernel send a reset, which the client sees as
    ``ReadError`` instead of "Server disconnected without sending a response",
    depending on how much of the body happened to be buffered.
    """
    transport = _socket_transport(send)
    if transport is None:
        raise ConnectionDropped(processed=processed)
    transport.abort()
    # Let the server see the connection close before we return, so it counts the
    # request as disconnected instead of logging "returned without a response".
    for _ in range(3):
        await anyio.lowlevel.checkpoint()
