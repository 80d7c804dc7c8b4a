"""``WebhookReceiver``: a plain ASGI app that takes HeyGen's deliveries.

No web framework is needed: serve it alone (``uvicorn module:app``) or mount it in
FastAPI/Starlette (``app.mount("/heygen", receiver)``). For each POST it:

1. refuses a body over ``max_body`` bytes (1 MiB) with 413, by ``Content-Length``
   before reading anything and while reading a body sent without one;
2. verifies the signature (401 when absent or wrong, naming no secret), then
   parses the body (400 when it is not a JSON object);
3. answers 200 at once, and for an ``event_id`` it has already taken (a retry, a
   replay) does nothing more: the ids are kept in a bounded LRU;
4. hands the event to its sink: for ``client.webhook_receiver`` the client's
   ``JobPoller.settle``, which ends every wait of the client for that job at once;
   and awaits ``forward`` with it when set (e.g. ``temporal.signal_workflows``: a
   durable wait elsewhere ends), answering 500 when that fails so HeyGen delivers
   the event again.

After answering the first delivery (or the first after a silence) it reads the
event log (``catch_up``), since deliveries may have been missed meanwhile.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from .._asgi import Receive, Scope, Send, read_body, serves_http
from .._errors import HeyGenError, InvalidRequestError, WebhookVerificationError
from .._logging import logger
from ._events import WebhookEvent, parse
from ._verify import DEFAULT_SCHEME, SignatureScheme, header_value, verify

Sink = Callable[[WebhookEvent], None]
CatchUp = Callable[[], Awaitable[Iterable[WebhookEvent]]]
Forward = Callable[[WebhookEvent], Awaitable[None]]

MAX_BODY = 1024 * 1024
REMEMBERED_EVENTS = 10_000


class _TooLarge(Exception):
    pass


class WebhookReceiver:
    """An ASGI app that verifies HeyGen's deliveries and hands each new event to
    ``sink`` (``client.webhook_receiver(secret=...)`` builds one whose sink ends
    the client's waits).

    Args:
        secret: the endpoint's signing secret, exactly as HeyGen returned it.
        sink: called with each authentic, new event (on the server's event loop).
        scheme: how deliveries are signed (``webhooks.DEFAULT_SCHEME``).
        max_body: the largest body taken, in bytes (413 above).
        remember: how many event ids are kept to drop repeats.
        catch_up: reads the events missed (the event log); called after the first
            authentic delivery, and after each one for which ``after_gap()`` is true.
        after_gap: called on each authentic delivery; True when it ends a silence.
        now: the clock of timestamp checks (Unix seconds; tests inject one).
        forward: awaited with each authentic, new event after the sink (a delivery
            answered 500 when it raises, and its id forgotten, so a retry of it is
            taken again); also an attribute, to set on a receiver built for you.
    """

    def __init__(
        self,
        secret: str,
        *,
        sink: Sink | None = None,
        scheme: SignatureScheme = DEFAULT_SCHEME,
        max_body: int = MAX_BODY,
        remember: int = REMEMBERED_EVENTS,
        catch_up: CatchUp | None = None,
        after_gap: Callable[[], bool] | None = None,
        now: Callable[[], float] = time.time,
        forward: Forward | None = None,
    ) -> None:
        self._secret = _checked_secret(secret)
        self._sink = sink
        self.scheme = scheme
        self.max_body = max_body
        self._remember = remember
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._catch_up = catch_up
        self._after_gap = after_gap or self._first_only
        self._started = False
        self._now = now
        self.forward = forward
        self.accepted = 0
        """Authentic, new deliveries taken so far."""
        self.duplicates = 0
        """Deliveries of an event already taken (answered 200, nothing done)."""
        self.refused = 0
        """Deliveries refused (4xx)."""

    def use_secret(self, secret: str) -> None:
        """Verify deliveries with ``secret`` from now on: the new one after
        ``client.webhooks.endpoints.rotate_secret``, which HeyGen uses at once (a
        delivery signed with the old secret is refused from this call on)::

            rotated = await client.webhooks.endpoints.rotate_secret(endpoint_id)
            receiver.use_secret(rotated.secret)
        """
        self._secret = _checked_secret(secret)

    def __repr__(self) -> str:  # never the secret
        return f"WebhookReceiver(scheme={self.scheme!r}, accepted={self.accepted})"

    # -- ASGI ---------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not await serves_http(scope, receive, send):
            return
        if scope.get("method") != "POST":
            await _answer(send, 405, {"error": "webhook deliveries are POST requests"})
            return
        headers = scope.get("headers") or []
        status, answer = await self._take(headers, receive)
        await _answer(send, status, answer)
        if status == 200 and self._after_gap():
            # Deliveries may have been missed before this one: read the event log,
            # after answering (HeyGen's delivery is not kept waiting).
            try:
                await self.catch_up()
            except HeyGenError as exc:
                logger.warning("webhook receiver: reading the event log failed: %s", exc)

    async def _take(
        self, headers: list[tuple[bytes, bytes]], receive: Receive
    ) -> tuple[int, dict[str, Any]]:
        declared = header_value(headers, "content-length")
        if declared is not None and (
            not declared.strip().isdigit() or int(declared) > self.max_body
        ):
            self.refused += 1
            return 413, {"error": f"the body is over {self.max_body} bytes"}
        try:
            body = await self._read_body(receive)
        except _TooLarge:
            self.refused += 1
            return 413, {"error": f"the body is over {self.max_body} bytes"}
        try:
            verify(body, headers, self._secret, scheme=self.scheme, now=self._now)
        except WebhookVerificationError as exc:
            self.refused += 1
            return 401, {"error": exc.reason}
        try:
            event = parse(body)
        except WebhookVerificationError as exc:
            self.refused += 1
            return 400, {"error": exc.reason}
        if not self.take(event):
            return 200, {"ok": True, "duplicate": True}
        if not await self._forward(event):
            return 500, {"error": "the event could not be passed on; deliver it again"}
        return 200, {"ok": True}

    async def _forward(self, event: WebhookEvent) -> bool:
        """Await ``forward`` with a new event; False (its id forgotten) when it raised."""
        if self.forward is None:
            return True
        try:
            await self.forward(event)
        except Exception as exc:
            self._seen.pop(event.dedupe_key, None)
            logger.warning(
                "webhook receiver: forwarding %s failed: %s: %s",
                event.event_type,
                type(exc).__name__,
                exc,
            )
            return False
        return True

    async def _read_body(self, receive: Receive) -> bytes:
        """The body, never more than ``max_body`` bytes of it held."""
        body = await read_body(receive, self.max_body)
        if body is None:
            raise _TooLarge
        return body

    # -- events ---------------------------------------------------------------------

    def take(self, event: WebhookEvent, *, delivered: bool = True) -> bool:
        """Hand ``event`` to the sink unless its id was taken before; True if new.
        ``delivered=False`` for an event read from the log (not counted as a repeat)."""
        key = event.dedupe_key
        if key in self._seen:
            self._seen.move_to_end(key)
            self.duplicates += delivered
            return False
        self._seen[key] = None
        while len(self._seen) > self._remember:
            self._seen.popitem(last=False)
        self.accepted += 1
        if self._sink is not None:
            self._sink(event)
        return True

    async def catch_up(self) -> int:
        """Read the event log and take the events not taken yet (call it when your
        server starts; the receiver also calls it after the first delivery and after
        each silence). Returns how many were new."""
        if self._catch_up is None:
            return 0
        new = 0
        for event in await self._catch_up():
            if self.take(event, delivered=False):
                new += 1
                await self._forward(event)
        return new

    def _first_only(self) -> bool:
        first, self._started = not self._started, True
        return first


def _checked_secret(secret: object) -> str:
    if not isinstance(secret, str) or not secret:
        raise InvalidRequestError(
            "secret: must be the endpoint's signing secret (a non-empty string)",
            field="secret",
            allowed="non-empty string",
        )
    return secret


async def _answer(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
