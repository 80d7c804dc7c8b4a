"""The v3 dialect (heygen-v3.md): ``/v3`` routes, envelopes, validation, uploads.

Served beside v1/v2 by the same app, on the same account. Idempotency-Key is
honoured on the creates (``POST /v3/videos``, ``POST /v3/assets``, ``POST
/v3/assets/direct-uploads``); creates beyond the account's concurrent renders
are refused with 429 (v3 does not queue).
"""

from __future__ import annotations

from collections.abc import Callable

from ... import _defaults as defaults
from ... import _endpoints as endpoints
from ...account import Account
from ...server import Handler, MediaUrls, Request, Response, Route, Wire, json_response
from ._assets import AssetRoutes
from ._catalogue import CatalogueRoutes
from ._storage import STORAGE_PREFIX, Storage, StorageWire
from ._videos import VideoRoutes
from ._webhooks import WebhookRoutes
from ._wire import NOT_FOUND, WIRE, V3Wire, error_body

# Room for the multipart framing around a file of the largest accepted size.
_MULTIPART_OVERHEAD = 64 * 1024


class V3Dialect:
    """HeyGen's v3 API over an ``Account``.

    ``storage_origin``: where direct-upload URLs point; None picks the loopback
    server itself when reached over loopback, else ``defaults.STORAGE_ORIGIN``.
    """

    def __init__(self, account: Account, media: MediaUrls, *, storage_origin: str | None) -> None:
        self.videos = VideoRoutes(account, media)
        self.catalogue = CatalogueRoutes(account)
        self.storage = Storage(account, media, storage_origin)
        self.assets = AssetRoutes(account, self.storage.upload_url)
        self.webhooks = WebhookRoutes(account)

    def routes(self) -> list[Route]:
        json_max = defaults.JSON_BODY_MAX_BYTES

        def api(
            method: str,
            path: str,
            endpoint: str,
            handler: Handler,
            *,
            idempotent: bool = False,
            max_body: int = json_max,
        ) -> Route:
            return Route(method, path, endpoint, handler, WIRE, max_body, idempotent=idempotent)

        storage_wire: Wire = StorageWire()
        return [
            api("POST", "/v3/videos", endpoints.GENERATE, self.videos.create, idempotent=True),
            api("GET", "/v3/videos", endpoints.LIST_VIDEOS, self.videos.list),
            api("GET", "/v3/videos/statuses", endpoints.STATUSES, self.videos.statuses),
            api("GET", "/v3/videos/{video_id}", endpoints.STATUS, self.videos.get),
            api("GET", "/v3/avatars/looks", endpoints.AVATARS, self.catalogue.looks),
            api("GET", "/v3/voices", endpoints.VOICES, self.catalogue.voices),
            api("GET", "/v3/users/me", endpoints.USER, self.catalogue.me),
            api("GET", "/v3/assets", endpoints.ASSETS, self.assets.list),
            api(
                "POST",
                "/v3/assets",
                endpoints.CREATE_ASSET,
                self.assets.create,
                idempotent=True,
                max_body=defaults.V3_UPLOAD_MAX_BYTES + _MULTIPART_OVERHEAD,
            ),
            api(
                "POST",
                "/v3/assets/direct-uploads",
                endpoints.DIRECT_UPLOAD,
                self.assets.direct_upload,
                idempotent=True,
            ),
            api(
                "POST",
                "/v3/assets/{asset_id}/complete",
                endpoints.COMPLETE_UPLOAD,
                self.assets.complete,
            ),
            *self._webhook_routes(api),
            Route(
                "PUT",
                STORAGE_PREFIX + "{asset_id}",
                endpoints.STORAGE_PUT,
                self.storage.put,
                storage_wire,
                defaults.DIRECT_UPLOAD_MAX_BYTES,
                authenticated=False,
                observe=self.storage.observe,
            ),
        ]

    def _webhook_routes(self, api: Callable[..., Route]) -> list[Route]:
        hooks = self.webhooks
        name = endpoints.WEBHOOK_ENDPOINTS
        return [
            api("POST", "/v3/webhooks/endpoints", name, hooks.create_endpoint, idempotent=True),
            api("GET", "/v3/webhooks/endpoints", name, hooks.list_endpoints),
            api("DELETE", "/v3/webhooks/endpoints/{endpoint_id}", name, hooks.delete_endpoint),
            api("GET", "/v3/webhooks/events", endpoints.WEBHOOK_EVENTS, hooks.events),
        ]

    def not_found(self, request: Request) -> Response | None:
        """A v3-shaped 404 for unknown ``/v3`` paths (and methods)."""
        if not request.path.startswith("/v3/"):
            return None
        message = f"No route for {request.method} {request.path}"
        return json_response(404, error_body(NOT_FOUND, message))


__all__ = ["V3Dialect", "V3Wire"]
