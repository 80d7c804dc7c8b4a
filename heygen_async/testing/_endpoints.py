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
WEBHOOK_ENDPOINTS = "webhook_endpoints"
WEBHOOK_EVENTS = "webhook_events"
ALL_API = "*"
#: What ``Counters.requests`` calls a request no route matched.
OTHER = "other"

#: Every API endpoint name and what it covers, per API version.
API_ENDPOINTS: dict[str, str] = {
    GENERATE: "POST /v2/video/generate; POST /v3/videos (every type)",
    AV4: "POST /v2/video/av4/generate",
    STATUS: "GET /v1/video_status.get; GET /v3/videos/{video_id}",
    STATUSES: "GET /v3/videos/statuses (bulk status)",
    LIST_VIDEOS: "GET /v1/video.list; GET /v3/videos",
    AVATARS: "GET /v2/avatars; GET /v3/avatars/looks",
    VOICES: "GET /v2/voices; GET /v3/voices",
    USER: "GET /v3/users/me",
    ASSETS: "GET /v1/asset/list; GET /v3/assets",
    UPLOAD: "POST upload.heygen.com/v1/asset (raw body)",
    CREATE_ASSET: "POST /v3/assets (multipart)",
    DIRECT_UPLOAD: "POST /v3/assets/direct-uploads",
    COMPLETE_UPLOAD: "POST /v3/assets/{asset_id}/complete",
    WEBHOOK_ENDPOINTS: "POST, GET /v3/webhooks/endpoints; DELETE /v3/webhooks/endpoints/{id}",
    WEBHOOK_EVENTS: "GET /v3/webhooks/events (the event log)",
}

#: The hosts that are not HeyGen's API (left out of ``*``).
OTHER_HOSTS: dict[str, str] = {
    DOWNLOAD: "GET/HEAD of the signed media URLs (video, thumbnail, captions)",
    STORAGE_PUT: "PUT of a direct upload's presigned upload_url",
}

#: Every name a fault plan takes.
ENDPOINTS: tuple[str, ...] = (*API_ENDPOINTS, *OTHER_HOSTS, ALL_API)
