"""HeyGen's v1/v2 ("legacy") endpoints: each one declaration (``_declared.operation``).

Selected with ``api_version="v2"``. HeyGen retired most of these endpoints on
2026-11-01; the backend stays, unchanged, for accounts that still have them.
Container keys that HeyGen has not documented firmly are read leniently (the
``items`` of a declaration: the first key present). A path is written here once,
in its declaration; the interface's other methods are thin calls of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ..._constants import SETTLEMENT_SCAN_LIMIT
from ..._errors import InvalidRequestError
from ...models import Avatar, GeneratedVideo, TalkingPhoto
from .._base import Backend
from .._declared import operation
from ._dialect import LegacyDialect

if TYPE_CHECKING:
    from ...models import AvatarIVVideoRequest, GenerateVideoRequest, VideoSummary
    from .._paging import TokenPage

# The upload host takes the raw bytes of these types.
UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "video/mp4", "video/webm", "audio/mpeg")


class AvatarCatalogue(NamedTuple):
    """The answer of ``GET /v2/avatars``: both lists, each under its own key."""

    avatars: list[Avatar]
    """The account's avatars."""
    talking_photos: list[TalkingPhoto]
    """The account's talking photos (photo avatars)."""


def _with_extra(body: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    return {**body, **extra} if extra else body


class LegacyBackend(Backend):
    """The v1/v2 endpoints, each declared once: method, path, parameters, answer."""

    api_version = "v2"
    dialect = LegacyDialect()
    settles_by_callback_id = True
    upload_content_types = UPLOAD_CONTENT_TYPES

    # -- the interface's operations: their parameters and answers are ``Backend``'s,
    # the declaration says how v1/v2 sends them and where its answer holds them.

    get_video_status = operation(
        "GET", "/v1/video_status.get", echo="video_id", what="video status"
    )(Backend.get_video_status)

    list_videos_page = operation(
        "GET", "/v1/video.list", paged=True, items=("videos", "list"), what="video list"
    )(Backend.list_videos_page)

    list_voices = operation("GET", "/v2/voices", items=("voices",), what="voice list")(
        Backend.list_voices
    )

    list_assets_page = operation(
        "GET",
        "/v1/asset/list",
        query=("limit", "file_type", "token"),  # the order v1 has always been sent in
        paged=True,
        items=("assets", "list", "files"),
        what="asset list",
    )(Backend.list_assets_page)

    upload_asset = operation(
        "POST",
        "/v1/asset",
        host="upload",
        raw=True,
        headers={"Content-Type": "content_type", "Content-Length": "length"},
        unsent=("filename",),  # the upload host names nothing: it takes the bytes
        what="upload",
    )(Backend.upload_asset)

    # -- v1/v2's own operations, behind the interface's methods below.

    @operation("POST", "/v2/video/generate", billed=True, body="body", what="generate")
    async def generate(self, body: dict[str, Any]) -> GeneratedVideo:
        """Start a video from its wire body (``video_body``)."""
        ...

    @operation(
        "POST", "/v2/video/av4/generate", billed=True, body="body", what="Avatar IV generate"
    )
    async def generate_avatar_iv(self, body: dict[str, Any]) -> GeneratedVideo:
        """Start an Avatar IV video from its wire body (``avatar_iv_body``)."""
        ...

    @operation("GET", "/v2/avatars", what="avatar list")
    async def avatar_catalogue(self) -> AvatarCatalogue:
        """The account's avatars and talking photos, in one answer."""
        ...

    # -- the interface, over the declarations above.

    def video_body(self, request: GenerateVideoRequest) -> dict[str, Any]:
        return _with_extra(request.to_wire(), request.extra_body)

    def avatar_iv_body(self, request: AvatarIVVideoRequest) -> dict[str, Any]:
        return _with_extra(request.to_wire(), request.extra_body)

    async def create_video(
        self, body: dict[str, Any], *, avatar_iv: bool, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        if idempotency_key is not None:
            raise InvalidRequestError(
                "idempotency_key: HeyGen's v1/v2 API has no idempotency keys; use "
                'api_version="v3" for safe retries of creates',
                field="idempotency_key",
                allowed='None on api_version="v2"',
            )
        if avatar_iv:
            return await self.generate_avatar_iv(body)
        return await self.generate(body)

    async def list_avatars(self) -> list[Avatar]:
        return (await self.avatar_catalogue()).avatars

    async def list_talking_photos(self) -> list[TalkingPhoto]:
        return (await self.avatar_catalogue()).talking_photos

    async def find_videos_by_callback_id(self, callback_ids: set[str]) -> dict[str, str]:
        """Search the account's newest videos (at most ``SETTLEMENT_SCAN_LIMIT``) until
        every id is found: a lost create is recent, and an old account is large."""
        from .._paging import paged

        found: dict[str, str] = {}
        if not callback_ids:
            return found

        async def fetch(size: int, token: str | None) -> TokenPage[VideoSummary]:
            return await self.list_videos_page(limit=size, token=token)

        async for video in paged(fetch, limit=SETTLEMENT_SCAN_LIMIT):
            if video.callback_id in callback_ids:
                found.setdefault(video.callback_id, video.video_id)
                if len(found) == len(callback_ids):
                    break
        return found
