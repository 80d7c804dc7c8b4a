"""``client.webhooks``: endpoint registration and the event log (v3).

Interim: the minimal operations webhooks need (create, list, delete endpoints; read
the event log). The v3 coverage work will generate every webhook operation
(update, rotate-secret, event-types) in the same shape.

::

    endpoint = await client.webhooks.endpoints.create(url="https://example.com/heygen")
    receiver = client.webhook_receiver(secret=endpoint.secret)
    events, token = await client.webhooks.events.list_page(limit=100)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._errors import APIResponseError, InvalidRequestError
from .._transport import APIRequest
from .._validation import require_text
from ..models._base import ResponseModel
from ._events import WebhookEvent, parse

if TYPE_CHECKING:
    from .._session import Session

ENDPOINTS = "/v3/webhooks/endpoints"
EVENTS = "/v3/webhooks/events"
PAGE_LIMIT = 100


class WebhookEndpoint(ResponseModel):
    """A registered webhook endpoint (``POST/GET /v3/webhooks/endpoints``)."""

    endpoint_id: str
    """HeyGen's id of the endpoint."""
    url: str | None = None
    """Where HeyGen POSTs the events."""
    events: list[str] | None = None
    """The event types it receives; None means all."""
    status: str | None = None
    """``enabled`` or ``disabled``."""
    created_at: str | None = None
    """ISO 8601 time of registration."""
    secret: str | None = None
    """The signing secret: only in the answer to create (and rotate-secret); keep it."""

    def __repr_args__(self) -> Any:  # the secret never shows in a repr
        for name, value in super().__repr_args__():
            yield name, ("***" if name == "secret" and value else value)


def _data(body: Any, what: str) -> Any:
    if not isinstance(body, dict) or "data" not in body:
        raise APIResponseError(f"HeyGen's {what} answer has no data")
    return body["data"]


def _limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= PAGE_LIMIT:
        raise InvalidRequestError(
            f"limit: must be an integer from 1 to {PAGE_LIMIT} (got {limit!r})",
            field="limit",
            allowed=f"1 to {PAGE_LIMIT}",
        )
    return limit


class WebhookEndpoints:
    """``client.webhooks.endpoints``: register, list and remove endpoints."""

    def __init__(self, session: Session) -> None:
        self._session = session

    async def create(
        self,
        url: str,
        *,
        events: list[str] | None = None,
        entity_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> WebhookEndpoint:
        """Register ``url`` (passed through as given: HeyGen requires https; the fake
        also takes a loopback http URL) for ``events`` (None: all). The answer's
        ``secret`` is shown only now."""
        body: dict[str, Any] = {"url": require_text(url, "url")}
        if events is not None:
            if isinstance(events, str) or not all(isinstance(e, str) and e for e in events):
                raise InvalidRequestError(
                    "events: must be a list of event types such as 'avatar_video.success'",
                    field="events",
                    allowed="list of event type names",
                )
            body["events"] = list(events)
        if entity_id is not None:
            body["entity_id"] = require_text(entity_id, "entity_id")
        answer = await self._session.transport.request(
            APIRequest(
                "POST",
                ENDPOINTS,
                json=body,
                idempotency_key=self._session.idempotency_key_for(idempotency_key),
            )
        )
        return WebhookEndpoint.model_validate(_data(answer, "create webhook endpoint"))

    async def list(self) -> list[WebhookEndpoint]:
        """Every registered endpoint (secrets are not shown here)."""
        found: list[WebhookEndpoint] = []
        token: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": PAGE_LIMIT}
            if token:
                params["token"] = token
            answer = await self._session.transport.request(
                APIRequest("GET", ENDPOINTS, params=params)
            )
            items = _data(answer, "webhook endpoints")
            found += [WebhookEndpoint.model_validate(item) for item in items or []]
            token = answer.get("next_token") if answer.get("has_more") else None
            if not token or not items:
                return found

    async def delete(self, endpoint_id: str) -> None:
        """Remove an endpoint: no more deliveries to its URL."""
        endpoint_id = require_text(endpoint_id, "endpoint_id")
        await self._session.transport.request(
            APIRequest("DELETE", f"{ENDPOINTS}/{quote(endpoint_id, safe='')}")
        )


class WebhookEvents:
    """``client.webhooks.events``: the event log (``GET /v3/webhooks/events``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    async def list_page(
        self,
        *,
        limit: int = PAGE_LIMIT,
        token: str | None = None,
        event_type: str | None = None,
        entity_id: str | None = None,
    ) -> tuple[list[WebhookEvent], str | None]:
        """One page of the log, newest first, and the token of the next (None at the end)."""
        params: dict[str, str | int] = {"limit": _limit(limit)}
        if token:
            params["token"] = token
        if event_type is not None:
            params["event_type"] = require_text(event_type, "event_type")
        if entity_id is not None:
            params["entity_id"] = require_text(entity_id, "entity_id")
        answer = await self._session.transport.request(APIRequest("GET", EVENTS, params=params))
        items = _data(answer, "webhook events")
        if not isinstance(items, list):
            raise APIResponseError("HeyGen's webhook events answer has no list")
        events = [parse(item) for item in items if isinstance(item, dict)]
        next_token = answer.get("next_token") if answer.get("has_more") else None
        return events, (str(next_token) if next_token else None)

    async def recent(self, *, pages: int = 3) -> list[WebhookEvent]:
        """The newest ``pages`` pages of the log (what a receiver reads to catch up)."""
        events: list[WebhookEvent] = []
        token: str | None = None
        for _ in range(pages):
            page, token = await self.list_page(token=token)
            events += page
            if token is None or not page:
                break
        return events


class Webhooks:
    """``client.webhooks``: ``endpoints`` and ``events`` (interim, v3 paths)."""

    def __init__(self, session: Session) -> None:
        self.endpoints = WebhookEndpoints(session)
        """Register, list and remove endpoints."""
        self.events = WebhookEvents(session)
        """The event log."""
