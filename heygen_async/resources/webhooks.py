"""``client.webhooks``: webhook endpoints, event types and the event log (v3).

Register a URL once; HeyGen then POSTs each event to it, signed with the
endpoint's secret (``heygen_async.webhooks`` verifies and reads deliveries)::

    endpoint = await client.webhooks.endpoints.create(
        "https://example.com/heygen", events=["avatar_video.success", "avatar_video.fail"]
    )
    store_secret(endpoint.secret)            # shown now and on rotate_secret only

    async for event in client.webhooks.events(event_type="avatar_video.success"):
        print(event.event_id, event.event_data)   # deliveries, also the missed ones

Secrets never appear in a model's ``repr``; read them from ``.secret``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw, paging
from ..models._base import ResponseModel
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method

WebhookEventName = Literal[
    "avatar_video.success",
    "avatar_video.fail",
    "avatar_video_gif.success",
    "avatar_video_gif.fail",
    "avatar_video_caption.success",
    "avatar_video_caption.fail",
    "video_translate.success",
    "video_translate.fail",
    "video_translate.preflight.validation_failed",
    "video_translate.preflight.download_failed",
    "video_agent.success",
    "video_agent.fail",
    "personalized_video",
    "instant_avatar.success",
    "instant_avatar.fail",
    "photo_avatar_generation.success",
    "photo_avatar_generation.fail",
    "photo_avatar_train.success",
    "photo_avatar_train.fail",
    "photo_avatar_add_motion.success",
    "photo_avatar_add_motion.fail",
    "proofread_creation.success",
    "proofread_creation.fail",
    "live_avatar.success",
    "live_avatar.fail",
    "hyperframes_video.success",
    "hyperframes_video.fail",
    "ai_clipping.success",
    "ai_clipping.fail",
    "batch.finished",
]
"""The event types an endpoint can subscribe to, as HeyGen's v3 spec lists them
(``client.webhooks.event_types()`` reads HeyGen's current list, with descriptions)."""


class _HidesSecrets(ResponseModel):
    """A model whose ``repr`` leaves out every field naming a secret, declared or not
    (a field HeyGen adds later, such as ``signing_secret``, stays hidden too)."""

    def __repr_args__(self) -> Any:
        for name, value in super().__repr_args__():
            if name is None or "secret" not in name.lower():
                yield name, value


class WebhookEndpoint(_HidesSecrets):
    """A registered webhook endpoint."""

    endpoint_id: str
    """HeyGen's id of the endpoint (for ``update``, ``delete``, ``rotate_secret``)."""
    url: str | None = None
    """Where HeyGen POSTs the events."""
    events: list[str] | None = None
    """The event types it receives; ``None`` means every type."""
    status: Literal["enabled", "disabled"] | str | None = None
    """``enabled`` or ``disabled``."""
    created_at: str | None = None
    """When it was registered, an ISO 8601 time (text, as HeyGen sends it)."""
    secret: str | None = Field(default=None, repr=False)
    """The signing secret (``whsec_...``) that verifies deliveries: only in the
    answer of ``create``, ``None`` in listings. Store it now; it is never shown
    again (``rotate_secret`` makes a new one). Never in the ``repr``."""


class WebhookSecret(_HidesSecrets):
    """The answer of ``rotate_secret``: an endpoint's new signing secret."""

    endpoint_id: str
    """The endpoint whose secret changed."""
    secret: str | None = Field(default=None, repr=False)
    """The new signing secret; the old one stopped working at once. Never in
    the ``repr``."""


class WebhookEventType(ResponseModel):
    """One event type HeyGen can deliver."""

    event_type: str
    """Its name, e.g. ``avatar_video.success`` (what ``events=[...]`` takes)."""
    description: str | None = None
    """When HeyGen sends it, in words."""


class WebhookLogEvent(ResponseModel):
    """One event of HeyGen's event log (``client.webhooks.events()``)."""

    event_id: str
    """The event's id; a delivery of the same event carries it too (use it to
    drop duplicates)."""
    event_type: str | None = None
    """Its type, e.g. ``avatar_video.success``."""
    event_data: dict[str, Any] | None = None
    """What the event says (the job's id, its URL or failure message, the
    ``callback_id``...), as HeyGen sent it."""
    created_at: str | None = None
    """When it happened, an ISO 8601 time (text, as HeyGen sends it)."""


def _web_url(value: str) -> str:
    # http is allowed on purpose: HeyGen itself wants https, but a local receiver
    # (the fake server, a tunnel under test) is plain http, and HeyGen says so.
    if not value.strip().lower().startswith(("https://", "http://")):
        raise ValueError("must be an http(s) URL, e.g. 'https://example.com/heygen'")
    return value


WebURL = Annotated[str, AfterValidator(_web_url)]
"""An http(s) URL, sent exactly as given."""

EventNames = Annotated[list[WebhookEventName], Field(min_length=1)]
"""One or more event types (leave the parameter out for every type)."""


class AsyncWebhookEndpoints(AsyncResource):
    """``client.webhooks.endpoints`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/webhooks/endpoints", paged=True)
    def list(
        self,
        *,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[WebhookEndpoint]:
        """Your registered endpoints, a page at a time (``limit`` 1-100 a page,
        HeyGen's default 10; their secrets are not shown here). Await it for one
        page, or iterate it for every endpoint::

            async for hook in client.webhooks.endpoints.list():
                print(hook.endpoint_id, hook.url, hook.events)
        """
        ...

    @endpoint("POST", "/v3/webhooks/endpoints", keyed=True)
    async def create(
        self,
        url: WebURL,
        *,
        events: EventNames | None = None,
        entity_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Register ``url`` to receive ``events`` (every type when omitted), or only
        those of one resource, ``entity_id`` (e.g. a personalized video project).
        The URL is sent as given: HeyGen requires a public https URL; the fake
        server also takes a loopback http one. The answer's ``secret`` signs the
        deliveries and is shown only now: store it::

            hook = await client.webhooks.endpoints.create("https://example.com/heygen")
            receiver = client.webhook_receiver(secret=hook.secret)

        HeyGen honours an ``Idempotency-Key`` here: one is sent (``idempotency_key``,
        or a fresh one) and every retry reuses it, so a retry never registers twice.
        """
        ...

    @endpoint("PATCH", "/v3/webhooks/endpoints/{endpoint_id}")
    async def update(
        self,
        endpoint_id: str,
        *,
        url: WebURL | None = None,
        events: EventNames | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Change an endpoint's ``url`` and/or its ``events``; ``events`` *replaces*
        the list, so give every type to keep. The answer is the endpoint as it
        now is (without its secret)::

            await client.webhooks.endpoints.update(hook_id, events=["batch.finished"])
        """
        ...

    @endpoint("DELETE", "/v3/webhooks/endpoints/{endpoint_id}")
    async def delete(self, endpoint_id: str, **options: Unpack[RequestOptions]) -> None:
        """Remove an endpoint for good: nothing more is delivered to its URL."""
        ...

    @endpoint("POST", "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret", keyed=True)
    async def rotate_secret(
        self,
        endpoint_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookSecret:
        """A new signing secret for an endpoint. The old one stops working at once,
        so give the new one to your receiver straight away; it is shown only in
        this answer. An ``Idempotency-Key`` is sent and reused by every retry, so a
        retry replays the same answer (the same new secret) rather than rotating twice::

            rotated = await client.webhooks.endpoints.rotate_secret(hook_id)
            store_secret(rotated.secret)
        """
        ...

    with_raw_response: RawView[AsyncWebhookEndpointsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncWebhooks(AsyncResource):
    """``client.webhooks`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/webhooks/event-types")
    async def event_types(self, **options: Unpack[RequestOptions]) -> list[WebhookEventType]:
        """Every event type HeyGen can deliver, with a description of each::

        for kind in await client.webhooks.event_types():
            print(kind.event_type, "-", kind.description)
        """
        ...

    @endpoint("GET", "/v3/webhooks/events", paged=True)
    def events(
        self,
        *,
        event_type: WebhookEventName | None = None,
        entity_id: str | None = None,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[WebhookLogEvent]:
        """HeyGen's log of the events it delivered, newest first, a page at a time
        (``limit`` 1-100 a page, HeyGen's default 10), optionally of one
        ``event_type`` or one resource (``entity_id``). Reading it settles the jobs
        whose deliveries your receiver missed::

            async for event in client.webhooks.events(event_type="avatar_video.fail"):
                print(event.event_id, event.event_data)
        """
        ...

    @property
    def endpoints(self) -> AsyncWebhookEndpoints:
        """Webhook endpoints: register a URL (``create``), ``list``, ``update``,
        ``delete``, and ``rotate_secret``."""
        return AsyncWebhookEndpoints(self._client)

    with_raw_response: RawView[AsyncWebhooksWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncWebhookEndpointsWithRawResponse(AsyncRawResource[AsyncWebhookEndpoints]):
    """``client.webhooks.endpoints.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncWebhookEndpoints.create)
    delete = raw_method(AsyncWebhookEndpoints.delete)
    rotate_secret = raw_method(AsyncWebhookEndpoints.rotate_secret)
    update = raw_method(AsyncWebhookEndpoints.update)


class AsyncWebhooksWithRawResponse(AsyncRawResource[AsyncWebhooks]):
    """``client.webhooks.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    event_types = raw_method(AsyncWebhooks.event_types)


class WebhookEndpoints(SyncResource[AsyncWebhookEndpoints]):
    """``client.webhooks.endpoints`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncWebhookEndpoints.create)
    delete = blocking(AsyncWebhookEndpoints.delete)
    list = paging(AsyncWebhookEndpoints.list)
    rotate_secret = blocking(AsyncWebhookEndpoints.rotate_secret)
    update = blocking(AsyncWebhookEndpoints.update)

    with_raw_response: RawView[WebhookEndpointsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class Webhooks(SyncResource[AsyncWebhooks]):
    """``client.webhooks`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    event_types = blocking(AsyncWebhooks.event_types)
    events = paging(AsyncWebhooks.events)

    @property
    def endpoints(self) -> WebhookEndpoints:
        """Webhook endpoints: register a URL (``create``), ``list``, ``update``,
        ``delete``, and ``rotate_secret``."""
        return WebhookEndpoints(*self._inner("endpoints"))

    with_raw_response: RawView[WebhooksWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class WebhookEndpointsWithRawResponse(SyncRawResource[AsyncWebhookEndpoints]):
    """``client.webhooks.endpoints.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncWebhookEndpointsWithRawResponse.create)
    delete = blocking_raw(AsyncWebhookEndpointsWithRawResponse.delete)
    rotate_secret = blocking_raw(AsyncWebhookEndpointsWithRawResponse.rotate_secret)
    update = blocking_raw(AsyncWebhookEndpointsWithRawResponse.update)


class WebhooksWithRawResponse(SyncRawResource[AsyncWebhooks]):
    """``client.webhooks.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    event_types = blocking_raw(AsyncWebhooksWithRawResponse.event_types)


__all__ = [
    "AsyncWebhookEndpoints",
    "AsyncWebhookEndpointsWithRawResponse",
    "AsyncWebhooks",
    "AsyncWebhooksWithRawResponse",
    "WebhookEndpoint",
    "WebhookEndpoints",
    "WebhookEndpointsWithRawResponse",
    "WebhookEventName",
    "WebhookEventType",
    "WebhookLogEvent",
    "WebhookSecret",
    "Webhooks",
    "WebhooksWithRawResponse",
]
