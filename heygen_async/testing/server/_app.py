"""The fake's ASGI app: the version-neutral request pipeline every route goes through.

One app serves every host (api.heygen.com, upload.heygen.com, the media URLs,
the presigned storage URLs); it routes on method and path and ignores the Host
(except to build absolute URLs that point back at itself). The routes come from
the dialects (one per API version); the media downloads and asset files are
served here.

Per API request, in order:

1. draw the endpoint's fault (``FaultPlan.decide``); ``drop_before`` ends here;
2. count the request; claim its ``Idempotency-Key`` if the route honours one
   (so a repeat arriving during step 3 or 6 gets 409 ``request_in_progress``);
3. wait the fault plan's latency; a ``rate_limit``/``server_error``/``html_error``
   fault (not ``after_processing``) answers instead, and nothing is processed;
4. read the body (over the route's limit: ``payload_too_large``);
5. check ``X-Api-Key``; replay a kept answer, or answer 409, or run the handler
   (an ``ApiError`` becomes the route's error body); keep a 2xx answer for the key;
6. let a post-processing fault spoil the answer (``malformed_json``,
   ``drop_after``, an ``after_processing`` error), wait any ``after_processing``
   latency, and send.

Every JSON answer of an API route (v1, v2 and v3, errors and the 404 of an unrouted
API path included) carries an ``X-Request-Id`` header unique to that request, as
HeyGen's do (heygen-v3.md 2.1), so an SDK's request ids can be exercised; a replayed
Idempotency-Key answer gets a new one, being a new request. An HTML page (a proxy's
answer, not HeyGen's app) and the media/storage hosts' answers carry none.
"""

from __future__ import annotations

import email.utils
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

import anyio

from ..._asgi import serves_http
from .. import _defaults as defaults
from .._endpoints import DOWNLOAD, OTHER
from ..account import Account
from ._asgi import (
    Receive,
    Request,
    Response,
    Scope,
    Send,
    can_abort,
    discard_body,
    drop_connection,
    read_body,
    send_body,
    send_start,
)
from ._downloads import XML, serve_media
from ._faults import Fault, FaultDecision, FaultPlan
from ._idempotent import KeyedRequest
from ._media import MEDIA_PREFIX, UrlSigner, s3_error
from ._responses import HTML, JSON, html_page
from ._routing import ApiError, Route, Router

ASSET_FILES_PREFIX = "/_fake/assets/"

# Faults that replace the real answer.
_ANSWERING = ("rate_limit", "server_error", "html_error")


class FakeDialect(Protocol):
    """One API version of the fake: its routes, and its answer for unknown paths it owns
    (not the SDK's ``_transport.Dialect``, which reads HeyGen's answers)."""

    def routes(self) -> Sequence[Route]: ...

    def not_found(self, request: Request) -> Response | None:
        """The 404 for an unrouted path in this dialect's space (None: not ours)."""


def retry_after_headers(fault: Fault) -> list[tuple[str, str]]:
    """The ``Retry-After`` header a fault asks for (seconds, or an HTTP date)."""
    if fault.retry_after is None:
        return []
    if fault.http_date:
        # Real wall time: the client compares the date with its own clock.
        # Rounded up, so the date is never earlier than asked.
        when = time.time() + fault.retry_after + 1
        return [("retry-after", email.utils.formatdate(when, usegmt=True))]
    return [("retry-after", f"{fault.retry_after:g}")]


class FakeApp:
    """The ASGI callable behind ``FakeHeyGen.app``. Build it through ``FakeHeyGen``."""

    def __init__(
        self,
        account: Account,
        faults: Callable[[], FaultPlan],
        signer: UrlSigner,
        dialects: Sequence[FakeDialect],
    ) -> None:
        self.account = account
        self._faults = faults
        self._signer = signer
        self._dialects = list(dialects)
        self.router = Router(route for dialect in self._dialects for route in dialect.routes())

    # --- ASGI entry point ------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not await serves_http(scope, receive, send):
            return
        request = Request.from_scope(scope)
        if request.path.startswith(MEDIA_PREFIX) and request.method in ("GET", "HEAD"):
            await self._download(request, receive, send)
            return
        found = self.router.match(request.method, request.path)
        if found is None:
            await self._other(request, send)
            return
        route, request.path_params = found
        await self._serve(route, request, receive, send)

    # --- the pipeline ------------------------------------------------------------

    async def _serve(self, route: Route, request: Request, receive: Receive, send: Send) -> None:
        decision = await self._arrive(route.endpoint, receive, send)
        if decision is None:
            return
        if route.observe is not None:
            route.observe(request)
        fault = decision.fault
        keyed = KeyedRequest.arrive(route, request, self.account)
        try:
            if decision.delay:
                await anyio.sleep(decision.delay)
            if fault is not None and fault.kind in _ANSWERING and not fault.after_processing:
                self._count_fault(route.endpoint, fault)
                await self._send_api(send, route.wire.fault(fault, retry_after_headers(fault)))
                return
            body = await read_body(receive, route.max_body)
            if body is None:
                message = "The request body is too large"
                await self._send_api(send, route.wire.core_error("payload_too_large", message))
                return
            request.body = body
            response = await self._answer(route, request, keyed)
        finally:
            keyed.close()
        if fault is not None and fault.kind == "malformed_json":
            self._count_fault(route.endpoint, fault)
            response = route.wire.malformed()
        elif fault is not None and fault.kind == "drop_after":
            self._count_fault(route.endpoint, fault)
            await drop_connection(send, processed=True)
            return
        elif fault is not None and fault.kind in _ANSWERING:  # after_processing
            self._count_fault(route.endpoint, fault)
            response = route.wire.fault(fault, retry_after_headers(fault))
        if decision.delay_after:
            await anyio.sleep(decision.delay_after)
        await self._send_api(send, response)

    async def _answer(self, route: Route, request: Request, keyed: KeyedRequest) -> Response:
        """Authenticate, then replay / refuse by key, or run the handler."""
        key = request.headers.get("x-api-key", "")
        if route.authenticated and not self.account.accepts_key(key):
            return route.wire.core_error("unauthorized", "Unauthorized")
        early = keyed.answer(route, self.account)
        if early is not None:
            return early
        try:
            response = await route.handler(request)
        except ApiError as exc:
            response = route.wire.error(exc)
        keyed.keep(response)
        return response

    async def _arrive(self, endpoint: str, receive: Receive, send: Send) -> FaultDecision | None:
        """Draw this request's fault and count the request; None if it was dropped
        before it arrived (``drop_before``)."""
        decision = self._faults().decide(endpoint)
        fault = decision.fault
        if fault is not None and fault.kind == "drop_before":
            self._count_fault(endpoint, fault)
            await discard_body(receive)
            await drop_connection(send, processed=False)
            return None
        self.account.counters.requests[endpoint] += 1
        return decision

    def _count_fault(self, endpoint: str, fault: Fault) -> None:
        self.account.counters.faults[(endpoint, fault.kind)] += 1

    async def _send_api(self, send: Send, response: Response) -> None:
        """Send an answer with a request id if HeyGen's app made it (JSON): a proxy's
        HTML page and the storage host's XML carry none."""
        if response.content_type == JSON:
            request_id = ("x-request-id", str(uuid.uuid4()))
            response = replace(response, headers=[*response.headers, request_id])
        await self._send(send, response)

    async def _send(self, send: Send, response: Response) -> None:
        headers = [("content-type", response.content_type), *response.headers]
        if not any(name == "content-length" for name, _ in response.headers):
            headers.append(("content-length", str(len(response.body))))
        await send_start(send, response.status, headers)
        await send_body(send, response.body)

    # --- media downloads ---------------------------------------------------------

    async def _download(self, request: Request, receive: Receive, send: Send) -> None:
        decision = await self._arrive(DOWNLOAD, receive, send)
        if decision is None:
            return
        fault = decision.fault
        if decision.delay:
            await anyio.sleep(decision.delay)
        if fault is not None and fault.kind in _ANSWERING:
            self._count_fault(DOWNLOAD, fault)
            await self._send(send, media_fault(fault))
            return
        served = serve_media(request, account=self.account, signer=self._signer)
        response = served.response
        ok = response.status in (200, 206)
        if ok and request.method == "GET" and served.video_id is not None:
            self.account.counters.downloads[served.video_id] += 1
        if fault is None or not ok:
            await self._send(send, response)
            return
        self._count_fault(DOWNLOAD, fault)
        if fault.kind == "drop_after":
            await drop_connection(send, processed=True)
            return
        if fault.kind in ("truncated_body", "wrong_length") and response.body:
            # Headers promise the whole body; only part of it follows.
            cut = max(1, int(len(response.body) * defaults.TRUNCATE_AT))
            headers = [
                ("content-type", response.content_type),
                *response.headers,
                ("content-length", str(len(response.body))),
            ]
            await send_start(send, response.status, headers)
            # Over a real socket a short body can only end by closing the connection,
            # so both faults look the same there.
            dies = fault.kind == "truncated_body" or can_abort(send)
            await send_body(send, response.body[:cut], more=dies)
            if dies:
                await drop_connection(send, processed=True)
            return
        await self._send(send, response)

    # --- asset files and everything else -----------------------------------------

    async def _other(self, request: Request, send: Send) -> None:
        if request.path.startswith(ASSET_FILES_PREFIX) and request.method == "GET":
            asset_id = request.path[len(ASSET_FILES_PREFIX) :].rsplit(".", 1)[0]
            stored = self.account.file(asset_id)
            if stored is not None:
                await self._send(send, Response(200, stored.data, stored.mime_type))
                return
        self.account.counters.requests[OTHER] += 1
        for dialect in self._dialects:
            response = dialect.not_found(request)
            if response is not None:
                await self._send_api(send, response)
                return
        # Unknown paths get an HTML 404, as HeyGen answers them (heygen-api.md 8.2).
        await self._send(send, Response(404, html_page(404), HTML))


def media_fault(fault: Fault) -> Response:
    """How a media or storage host (S3-like) answers an error fault."""
    headers = retry_after_headers(fault)
    if fault.kind == "rate_limit":
        body = s3_error("SlowDown", "Please reduce your request rate.", "FAKE")
        return Response(fault.status, body, XML, headers)
    # S3 answers errors in XML; a gateway in front of it in HTML.
    return Response(fault.status, html_page(fault.status), HTML, headers)
