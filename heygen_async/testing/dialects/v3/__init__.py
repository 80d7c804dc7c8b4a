"""The v3 dialect (heygen-v3.md): ``/v3`` routes, envelopes, validation, uploads.

Served beside v1/v2 by the same app, on the same account. Idempotency-Key is
honoured on the creates (``POST /v3/videos``, ``POST /v3/assets``, ``POST
/v3/assets/direct-uploads``, and the job creates); creates beyond the account's
concurrent jobs are refused with 429 (v3 does not queue). Video batches:
``_batches``; translations, lipsyncs and the other job kinds: ``_jobs``; video
agent sessions and templates: ``_agents``; every other operation of HeyGen's
spec: ``_generic``, from the schemas alone (``_schema``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import _defaults as defaults
from ... import _endpoints as endpoints
from ..._renamed import renamed
from ...account import Account, JobKind
from ...server import Handler, MediaUrls, Request, Response, Route, Wire, json_response
from ._agents import AgentRoutes
from ._assets import AssetRoutes
from ._batches import Batches, BatchRoutes
from ._catalogue import CatalogueRoutes
from ._generic import generic_routes
from ._jobs import JobRoutes
from ._routes import RouteMaker
from ._storage import STORAGE_PREFIX, Storage, StorageWire
from ._videos import VideoRoutes, refuse_over_job_limit
from ._webhooks import WebhookRoutes
from ._wire import NOT_FOUND, WIRE, V3Wire, error_body

# Room for the multipart framing around a file of the largest accepted size.
_MULTIPART_OVERHEAD = 64 * 1024


class FakeV3Dialect:
    """HeyGen's v3 API over an ``Account``.

    ``storage_origin``: where direct-upload URLs point; None picks the loopback
    server itself when reached over loopback, else ``defaults.STORAGE_ORIGIN``.
    """

    def __init__(self, account: Account, media: MediaUrls, *, storage_origin: str | None) -> None:
        batches = Batches()
        self.videos = VideoRoutes(account, media, batches)
        self.batches = BatchRoutes(account, batches)
        self.catalogue = CatalogueRoutes(account)
        self.storage = Storage(account, media, storage_origin)
        self.assets = AssetRoutes(account, self.storage.upload_url)
        self._account = account

        def refuse_over_limit() -> None:
            refuse_over_job_limit(account)

        self.jobs = JobRoutes(account, media, refuse_over_limit)
        self.agents = AgentRoutes(account, self.jobs, self.videos.video_object, refuse_over_limit)
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
            api("POST", "/v3/videos/batches", endpoints.CREATE_BATCH, self.batches.create),
            api("GET", "/v3/videos/batches/{batch_id}", endpoints.BATCH, self.batches.get),
            api("GET", "/v3/videos/{video_id}", endpoints.STATUS, self.videos.get),
            api("DELETE", "/v3/videos/{video_id}", endpoints.DELETE_VIDEO, self.videos.delete),
            *self._job_routes(api),
            *self._agent_routes(api),
            *self.catalogue.routes(api),
            api("GET", "/v3/assets", endpoints.ASSETS, self.assets.list),
            api("GET", "/v3/assets/statuses", endpoints.ASSETS, self.assets.statuses),
            api("GET", "/v3/assets/{asset_id}", endpoints.ASSETS, self.assets.get),
            api("DELETE", "/v3/assets/{asset_id}", endpoints.ASSETS, self.assets.delete),
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
            # Last, and only where nothing above (or another module) serves the path.
            *generic_routes(self._account.time.unix_now, json_max),
        ]

    def _job_routes(self, api: RouteMaker) -> list[Route]:
        jobs = self.jobs
        vt, tr = "/v3/video-translations", endpoints.VIDEO_TRANSLATIONS
        one_vt = vt + "/{video_translation_id}"
        proof = vt + "/proofreads/{proofread_id}"
        ls, lp = "/v3/lipsyncs", endpoints.LIPSYNCS
        one_ls = ls + "/{lipsync_id}"
        clip, cl = "/v3/ai-clipping", endpoints.AI_CLIPPING
        bg, br = "/v3/background-removals", endpoints.BACKGROUND_REMOVALS
        kind_vt: JobKind = "video_translation"
        kind_ls: JobKind = "lipsync"

        def batch(body: dict[str, Any]) -> list[str]:
            return jobs.translate(body, limited=False)

        def batches(
            kind: JobKind,
            base: str,
            endpoint: str,
            items_field: str,
            make: Callable[[dict[str, Any]], list[str]],
        ) -> list[Route]:
            """Create a batch of ``kind`` jobs under ``base``, and read one back."""
            created, one = base + "/batches", base + "/batches/{batch_id}"
            return [
                api(
                    "POST",
                    created,
                    endpoint,
                    jobs.batch_creator(kind, created, items_field, make),
                    idempotent=True,
                ),
                api("GET", one, endpoint, jobs.batch_getter(kind, one)),
            ]

        def by_id(
            kind: JobKind, one: str, endpoint: str, id_name: str, *, patch: bool = True
        ) -> list[Route]:
            """Read, update (where ``patch``) and delete one ``kind`` job at ``one``."""
            return [
                api("GET", one, endpoint, jobs.getter(kind, "GET", one, id_name)),
                *([api("PATCH", one, endpoint, jobs.updater(kind, one, id_name))] if patch else []),
                api("DELETE", one, endpoint, jobs.deleter(kind, one, id_name)),
            ]

        return [
            api("POST", vt, tr, jobs.create_translation, idempotent=True),
            api("GET", vt, tr, jobs.lister(kind_vt, vt)),
            api("GET", vt + "/languages", tr, jobs.languages),
            api("GET", vt + "/statuses", tr, jobs.statuses(kind_vt, "video_translation_ids")),
            *batches(kind_vt, vt, tr, "video_translations", batch),
            *by_id(kind_vt, one_vt, tr, "video_translation_id"),
            api("POST", vt + "/proofreads", tr, jobs.create_proofread, idempotent=True),
            api("GET", proof, tr, jobs.getter("proofread", "GET", proof, "proofread_id")),
            api("GET", proof + "/srt", tr, jobs.proofread_srt),
            api("PUT", proof + "/srt", tr, jobs.replace_proofread_srt),
            api("POST", proof + "/generate", tr, jobs.generate_from_proofread, idempotent=True),
            api("POST", ls, lp, jobs.create_lipsync, idempotent=True),
            api("GET", ls, lp, jobs.lister(kind_ls, ls)),
            api("GET", ls + "/statuses", lp, jobs.statuses(kind_ls, "lipsync_ids")),
            *batches(kind_ls, ls, lp, "lipsyncs", jobs.lipsync),
            *by_id(kind_ls, one_ls, lp, "lipsync_id"),
            api("POST", clip, cl, jobs.create_clip, idempotent=True),
            api("GET", clip, cl, jobs.lister("ai_clip", clip)),
            *by_id("ai_clip", clip + "/{job_id}", cl, "job_id", patch=False),
            # Deduplicated by the body's request_id instead (heygen-v3.md 3.1).
            api("POST", bg, br, jobs.create_removal),
            api("GET", bg, br, jobs.lister("background_removal", bg)),
            *by_id("background_removal", bg + "/{job_id}", br, "job_id", patch=False),
            api(
                "POST",
                "/v3/voices/clone",
                endpoints.VOICES,
                jobs.create_voice_clone,
                idempotent=True,
            ),
        ]

    def _agent_routes(self, api: RouteMaker) -> list[Route]:
        agents = self.agents
        va, ep = "/v3/video-agents", endpoints.VIDEO_AGENTS
        one = va + "/{session_id}"
        return [
            api("POST", va, ep, agents.create_session, idempotent=True),
            api("GET", va, ep, agents.list_sessions),
            api("GET", one, ep, agents.get_session),
            api("POST", one, ep, agents.send_message, idempotent=True),
            api("POST", one + "/stop", ep, agents.stop),
            api("GET", one + "/videos", ep, agents.session_videos),
            api("GET", "/v3/templates", endpoints.TEMPLATES, agents.list_templates),
            api("GET", "/v3/templates/{template_id}", endpoints.TEMPLATES, agents.get_template),
            api(
                "POST",
                "/v3/templates/{template_id}",
                endpoints.TEMPLATES,
                agents.generate_template,
                idempotent=True,
            ),
        ]

    def _webhook_routes(self, api: RouteMaker) -> list[Route]:
        hooks, name = self.webhooks, endpoints.WEBHOOKS
        one = "/v3/webhooks/endpoints/{endpoint_id}"
        return [
            api("POST", "/v3/webhooks/endpoints", name, hooks.create_endpoint, idempotent=True),
            api("GET", "/v3/webhooks/endpoints", name, hooks.list_endpoints),
            api("PATCH", one, name, hooks.update_endpoint),
            api("DELETE", one, name, hooks.delete_endpoint),
            api("POST", one + "/rotate-secret", name, hooks.rotate_secret, idempotent=True),
            api("GET", "/v3/webhooks/events", name, hooks.events),
        ]

    def not_found(self, request: Request) -> Response | None:
        """A v3-shaped 404 for unknown ``/v3`` paths (and methods)."""
        if not request.path.startswith("/v3/"):
            return None
        message = f"No route for {request.method} {request.path}"
        return json_response(404, error_body(NOT_FOUND, message))


__all__ = ["FakeV3Dialect", "V3Wire"]

# Named like the SDK's own ``_backends.v3.V3Dialect`` until issue 20.
__getattr__ = renamed(__name__, {"V3Dialect": ("FakeV3Dialect", FakeV3Dialect)})
