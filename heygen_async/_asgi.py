"""The ASGI plumbing both of the SDK's ASGI apps use: the webhook receiver and the
fake HeyGen server (``heygen_async.testing``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None once it grows past ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def serves_http(scope: Scope, receive: Receive, send: Send) -> bool:
    """True for an HTTP request (the app's to answer); a lifespan is answered here
    and any other scope (websocket) ignored, both returning False."""
    kind: str = scope["type"]
    if kind == "lifespan":
        await _serve_lifespan(receive, send)
        return False
    return kind == "http"


async def _serve_lifespan(receive: Receive, send: Send) -> None:
    """Answer the server's lifespan startup and shutdown (neither app has anything
    to set up), returning at shutdown."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
