"""``/v3/webhooks/...``: endpoints (create, list, update, delete, rotate-secret) and
the event log (heygen-v3.md §6.1); ``event-types`` is served from the spec
(``_generic``). The answers follow the spec's response schemas.

An endpoint's URL must be https, except a loopback http URL (``http://127.0.0.1``,
``localhost``, ``[::1]``), which the fake takes for local development.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ...account import Account
from ...account._webhooks import FakeEndpoint
from ...server import Request, Response
from ._listing import newest_first, next_token, page_limit, token_position
from ._wire import NOT_FOUND, invalid, listing, not_found, parse_json, success

LIMITS = (1, 100, 10)
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
# The event types of the spec's enum (heygen-v3-spec.json), abridged to the ones
# the fake may send plus the rest by prefix.
_KNOWN_PREFIXES = (
    "avatar_video",
    "avatar_video_gif",
    "avatar_video_caption",
    "video_translate",
    "personalized_video",
    "instant_avatar",
    "photo_avatar_generation",
    "photo_avatar_train",
    "photo_avatar_add_motion",
    "proofread_creation",
    "live_avatar",
    "video_agent",
    "hyperframes_video",
    "ai_clipping",
    "batch",
)


def _checked_url(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise invalid("url", "url is required (a public HTTPS URL)")
    parts = urlsplit(value)
    loopback_http = parts.scheme == "http" and parts.hostname in _LOOPBACK
    if not (parts.scheme == "https" or loopback_http) or not parts.hostname:
        raise invalid("url", "url must be an HTTPS URL (the fake also takes http://127.0.0.1)")
    return value


def _checked_events(value: object) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid("events", "events must be a list of event types, or null for all")
    for item in value:
        if item.split(".", 1)[0] not in _KNOWN_PREFIXES:
            raise invalid("events", f"unknown event type {item!r}")
    return list(value)


class WebhookRoutes:
    """The handlers of ``/v3/webhooks/...``."""

    def __init__(self, account: Account) -> None:
        self._account = account

    async def create_endpoint(self, request: Request) -> Response:
        body = parse_json(request)
        url = _checked_url(body.get("url"))
        events = _checked_events(body.get("events"))
        endpoint = self._account.webhooks.add_endpoint(url, events, request.origin)
        return success(endpoint.public(with_secret=True))

    async def list_endpoints(self, request: Request) -> Response:
        limit = page_limit(request, LIMITS)
        before = token_position(request, "v3-webhook-endpoints")
        endpoints = list(self._account.webhooks.endpoints.values())
        page, position = newest_first(endpoints, lambda _: True, before, limit)
        items = [endpoint.public(with_secret=False) for endpoint in page]
        return listing(items, next_token("v3-webhook-endpoints", position))

    async def update_endpoint(self, request: Request) -> Response:
        endpoint = self._endpoint(request)
        body = parse_json(request)
        if body.get("url") is not None:
            endpoint.url = _checked_url(body["url"])
        if "events" in body:  # replaces the list (null: every type)
            endpoint.events = _checked_events(body["events"])
        return success(endpoint.public(with_secret=False))

    async def delete_endpoint(self, request: Request) -> Response:
        endpoint = self._endpoint(request)
        self._account.webhooks.remove_endpoint(endpoint.endpoint_id)
        return success({})

    async def rotate_secret(self, request: Request) -> Response:
        """A new secret; the old one signs nothing from now on."""
        endpoint = self._endpoint(request)
        secret = self._account.webhooks.rotate_secret(endpoint.endpoint_id)
        return success({"endpoint_id": endpoint.endpoint_id, "secret": secret})

    def _endpoint(self, request: Request) -> FakeEndpoint:
        endpoint_id = request.path_params["endpoint_id"]
        endpoint = self._account.webhooks.endpoints.get(endpoint_id)
        if endpoint is None:
            raise not_found(NOT_FOUND, f"Webhook endpoint {endpoint_id} not found", "endpoint_id")
        return endpoint

    async def events(self, request: Request) -> Response:
        limit = page_limit(request, LIMITS)
        before = token_position(request, "v3-webhook-events")
        book = self._account.webhooks
        book.announce_due(self._account.time.now())
        event_type = request.query.get("event_type")

        def keep(event: Any) -> bool:
            return event_type is None or event.event_type == event_type

        page, position = newest_first(book.events, keep, before, limit)
        items = [event.body() for event in page]
        return listing(items, next_token("v3-webhook-events", position))
