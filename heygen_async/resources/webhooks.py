"""``client.webhooks``: Webhook endpoints, event types and the event log (v3).

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncWebhooks(AsyncResource):
    """``client.webhooks`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncWebhooksWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncWebhooksWithRawResponse(self)


class AsyncWebhooksWithRawResponse(AsyncRawResource[AsyncWebhooks]):
    """``client.webhooks.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Webhooks(SyncResource[AsyncWebhooks]):
    """``client.webhooks`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> WebhooksWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return WebhooksWithRawResponse(self)


class WebhooksWithRawResponse(SyncRawResource[AsyncWebhooks]):
    """``client.webhooks.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncWebhooks", "AsyncWebhooksWithRawResponse", "Webhooks", "WebhooksWithRawResponse"]
