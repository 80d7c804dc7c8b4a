"""The fake's logical endpoint names: the one list fault plans and counters use.

A name stands for what a request does, not for its path, so one name covers
the same operation on every API version (``status`` is ``GET
/v1/video_status.get`` and ``GET /v3/videos/{id}``). Each dialect's routes
name their endpoint with these constants; ``FaultPlan`` accepts exactly these
names (plus ``*``); ``Counters.requests`` is keyed by them.

``API_ENDPOINTS`` are HeyGen's API hosts and make up ``*``; ``download`` (the
signed media URLs) and ``storage_put`` (the presigned upload URLs) are other
hosts at HeyGen, so ``*`` leaves them out.
"""

from __future__ import annotations

GENERATE = "generate"
AV4 = "av4"
STATUS = "status"
STATUSES = "statuses"
CREATE_BATCH = "create_batch"
BATCH = "batch"
LIST_VIDEOS = "list_videos"
AVATARS = "avatars"
VOICES = "voices"
USER = "user"
ASSETS = "assets"
UPLOAD = "upload"
CREATE_ASSET = "create_asset"
DIRECT_UPLOAD = "direct_upload"
COMPLETE_UPLOAD = "complete_upload"
DOWNLOAD = "download"
STORAGE_PUT = "storage_put"
DELETE_VIDEO = "delete_video"
TEMPLATES = "templates"
VIDEO_TRANSLATIONS = "video_translations"
LIPSYNCS = "lipsyncs"
VIDEO_AGENTS = "video_agents"
AI_CLIPPING = "ai_clipping"
BACKGROUND_REMOVALS = "background_removals"
AUDIO = "audio"
BRAND = "brand"
WEBHOOKS = "webhooks"
ALL_API = "*"
#: What ``Counters.requests`` calls a request no route matched.
OTHER = "other"

#: Every API endpoint name and what it covers, per API version.
API_ENDPOINTS: dict[str, str] = {
    GENERATE: "POST /v2/video/generate; POST /v3/videos (every type)",
    AV4: "POST /v2/video/av4/generate",
    STATUS: "GET /v1/video_status.get; GET /v3/videos/{video_id}",
    STATUSES: "GET /v3/videos/statuses (bulk status)",
    CREATE_BATCH: "POST /v3/videos/batches",
    BATCH: "GET /v3/videos/batches/{batch_id}",
    LIST_VIDEOS: "GET /v1/video.list; GET /v3/videos",
    AVATARS: "GET /v2/avatars; every /v3/avatars operation",
    VOICES: "GET /v2/voices; GET /v3/voices and every other /v3/voices operation",
    USER: "GET /v3/users/me",
    DELETE_VIDEO: "DELETE /v3/videos/{video_id}",
    TEMPLATES: "GET /v3/templates...; POST /v3/templates/{template_id} (generate)",
    VIDEO_TRANSLATIONS: "every /v3/video-translations operation (proofreads included)",
    LIPSYNCS: "every /v3/lipsyncs operation",
    VIDEO_AGENTS: "every /v3/video-agents operation",
    AI_CLIPPING: "every /v3/ai-clipping operation",
    BACKGROUND_REMOVALS: "every /v3/background-removals operation",
    AUDIO: "GET /v3/audio/sounds",
    BRAND: "GET /v3/brand-kits; GET /v3/brand-glossaries",
    WEBHOOKS: "every /v3/webhooks operation",
    ASSETS: "GET /v1/asset/list; every other /v3/assets operation",
    UPLOAD: "POST upload.heygen.com/v1/asset (raw body)",
    CREATE_ASSET: "POST /v3/assets (multipart)",
    DIRECT_UPLOAD: "POST /v3/assets/direct-uploads",
    COMPLETE_UPLOAD: "POST /v3/assets/{asset_id}/complete",
}

#: The hosts that are not HeyGen's API (left out of ``*``).
OTHER_HOSTS: dict[str, str] = {
    DOWNLOAD: "GET/HEAD of the signed media URLs (video, thumbnail, captions)",
    STORAGE_PUT: "PUT of a direct upload's presigned upload_url",
}

#: Every name a fault plan takes.
ENDPOINTS: tuple[str, ...] = (*API_ENDPOINTS, *OTHER_HOSTS, ALL_API)
