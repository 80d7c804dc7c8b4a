"""Run a ``FakeHeyGen`` on a real socket: uvicorn in a background thread, loopback only.

Needs the optional extra ``heygen-async[server]`` (uvicorn); imported lazily so
``heygen_async.testing`` works without it.

What a connection drop looks like here: the server aborts the TCP connection
(no response, not even a 500), so httpx raises ``httpx.RemoteProtocolError``
("Server disconnected without sending a response") for both ``drop_before``
and ``drop_after``; a real refused connection cannot be staged on a listening
socket. The difference stays on the server side: a ``drop_before`` request is
not processed (no video), a ``drop_after`` one is.
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._asgi import Receive, Scope, Send

if TYPE_CHECKING:
    import uvicorn

    from heygen_async import AsyncHeyGenClient

    from .._fake import FakeHeyGen

logger = logging.getLogger("heygen_async.testing")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
# Real seconds between two looks at the webhook deliveries due.
_DELIVERY_TICK = 0.05
_STARTUP_TIMEOUT = 10.0


class LoopbackServer:
    """A ``FakeHeyGen`` served by uvicorn on 127.0.0.1, as a context manager::

        with LoopbackServer(fake) as server:          # or serve_loopback(fake)
            async with server.client() as client:     # AsyncHeyGenClient over HTTP
                ...
            httpx.get(f"{server.base_url}/v2/voices", headers={"X-Api-Key": "k"})

    ``port=0`` picks a free port; ``base_url`` tells which. The same URL serves
    the API and the upload host (``upload_url`` is an alias). Only loopback
    addresses are accepted: the fake is never reachable from the network.

    ``server.fake`` may be replaced while it runs (the next request goes to the
    new fake), so one server can outlive many tests, each with a fresh fake.
    """

    def __init__(self, fake: FakeHeyGen, host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(
                f"the fake HeyGen server binds to loopback only ({', '.join(LOOPBACK_HOSTS)}); "
                f"got {host!r}"
            )
        self.fake = fake
        self.host = host
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: give it to the SDK as base_url and upload_url."""
        if self._server is None:
            raise RuntimeError("the server is not running; use it as a context manager")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def upload_url(self) -> str:
        return self.base_url

    def start(self) -> LoopbackServer:
        """Start serving (returns once the socket listens)."""
        if self._server is not None:
            raise RuntimeError("the server is already running")
        try:
            import uvicorn
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "the loopback fake server needs uvicorn: pip install 'heygen-async[server]'"
            ) from exc
        config = uvicorn.Config(
            self._serve,
            host="127.0.0.1" if self.host == "localhost" else self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",  # runs the fake's webhook deliveries (see _lifespan)
            interface="asgi3",
            # Do not wait long for idle keep-alive connections at shutdown.
            timeout_graceful_shutdown=1,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="heygen-fake-server", daemon=True)
        thread.start()
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                raise RuntimeError(f"the fake HeyGen server did not start on {self.host}")
            time.sleep(0.005)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving and wait for the server thread to end."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout=5)
        if thread.is_alive():  # a client holds a connection open: cut it
            server.force_exit = True
            thread.join(timeout=5)
        self._server = self._thread = None

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        # Looked up per request, so that assigning ``self.fake`` takes effect at once.
        await self.fake.app(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """While the server runs, deliver the fake's webhook events as they fall due
        (from this server's thread, over real HTTP)."""
        import asyncio

        message = await receive()
        task = asyncio.ensure_future(self._deliver_forever())
        await send({"type": "lifespan.startup.complete"})
        while message["type"] != "lifespan.shutdown":
            message = await receive()
        task.cancel()
        await send({"type": "lifespan.shutdown.complete"})

    async def _deliver_forever(self) -> None:
        import asyncio

        while True:
            try:
                await self.fake.deliveries.deliver_due()  # the current fake's
            except Exception:  # pragma: no cover - keep serving whatever one round did
                logger.exception("the fake's webhook deliveries failed")
            await asyncio.sleep(_DELIVERY_TICK)

    def client(self, **kwargs: Any) -> AsyncHeyGenClient:
        """An ``AsyncHeyGenClient`` talking to this server over HTTP (defaults as
        ``FakeHeyGen.client``: an accepted key, polling on the fake's time scale)."""
        from heygen_async import AsyncHeyGenClient

        kwargs.setdefault("api_key", self.fake.api_key)
        kwargs.setdefault("base_url", self.base_url)
        kwargs.setdefault("upload_url", self.upload_url)
        if "poll" not in kwargs and self.fake.time_scale != 1.0:
            kwargs["poll"] = self.fake.scaled_poll_policy()
        return AsyncHeyGenClient(**kwargs)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = self.base_url if self._server is not None else "stopped"
        return f"LoopbackServer({state})"


def serve_loopback(fake: FakeHeyGen, host: str = "127.0.0.1", port: int = 0) -> LoopbackServer:
    """Serve ``fake`` on a loopback port; use as ``with serve_loopback(fake) as server:``."""
    return LoopbackServer(fake, host, port)
