"""The one interface every HeyGen API version's backend implements.

A backend takes the SDK's version-neutral models in and gives models out: the
client, the workflows, the sync facade and the CLI never see a path, an envelope
or a wire dict. Everything version-specific lives below ``_backends/<version>/``:
paths, wire bodies, the dialect (envelope, error codes), paging cursors, upload
rules, and how a bulk run settles a job whose answer was lost.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Sequence
from typing import Any, ClassVar

from .._errors import InvalidRequestError
from .._transport import Dialect, Transport
from ..models import (
    Asset,
    Avatar,
    AvatarIVVideoRequest,
    GeneratedVideo,
    GenerateVideoRequest,
    TalkingPhoto,
    UploadedAsset,
    VideoStatus,
    VideoSummary,
    Voice,
)
from ._paging import TokenPage

ContentFactory = Callable[[], AsyncIterable[bytes]]


class Backend:
    """One HeyGen API version, over the shared transport.

    Every operation has a default that raises ``InvalidRequestError`` naming the
    version (``lacks``), before anything is sent: a version implements what it has,
    and an operation new to one version costs the others nothing.
    """

    api_version: ClassVar[str]
    """The ``api_version`` value that selects this backend."""
    dialect: ClassVar[Dialect]
    """How this version's answers and errors look (used by the transport)."""
    status_batch_size: ClassVar[int] = 1
    """Most video ids one status request reads (1: one request per video)."""
    statuses_carry_urls: ClassVar[bool] = True
    """False when a batch status read has no download URLs (fetch each completed one)."""
    idempotency_keys: ClassVar[bool] = False
    """True when creates take an ``Idempotency-Key`` (and are then safe to retry)."""
    settles_by_callback_id: ClassVar[bool] = False
    """True when a lost create can be found again by its ``callback_id``."""
    avatar_iv_image_is_asset_id: ClassVar[bool] = False
    """True when an Avatar IV create names an uploaded photo by its asset id (else by
    its ``image_key``)."""
    upload_content_types: ClassVar[tuple[str, ...]] = ()
    """The MIME types this version's upload accepts."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def lacks(self, operation: str, shown: str | None = None) -> InvalidRequestError:
        """The error of an ``operation`` this API version does not have (``shown``: the
        client method users called, when its name differs): it names the version and
        the versions that have it."""
        from . import BACKENDS  # the registry imports this module

        default = getattr(Backend, operation)
        others = [
            repr(name)
            for name, backend in BACKENDS.items()
            if name != self.api_version and getattr(backend, operation, default) is not default
        ]
        version = self.api_version
        where = f"use api_version={' or '.join(others)}" if others else "no API version has it"
        return InvalidRequestError(
            f"api_version: {shown or operation} is not available on api_version={version!r} "
            f"(HeyGen's {version} API has no such operation); {where}",
            field="api_version",
            allowed=", ".join(others) or "none",
        )

    # -- creates -----------------------------------------------------------------

    def video_body(self, request: GenerateVideoRequest) -> dict[str, Any]:
        """The wire body of a video, or ``InvalidRequestError`` for what this version
        cannot express (raised before anything is sent)."""
        raise self.lacks("video_body", "generate_video")

    def avatar_iv_body(self, request: AvatarIVVideoRequest) -> dict[str, Any]:
        """The wire body of an Avatar IV video, or ``InvalidRequestError``."""
        raise self.lacks("avatar_iv_body", "generate_avatar_iv_video")

    async def create_video(
        self, body: dict[str, Any], *, avatar_iv: bool, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        """Send one billed create whose wire body is built already (``video_body`` or
        ``avatar_iv_body``): every attempt sends this same body."""
        raise self.lacks("create_video", "generate_video")

    async def generate_video(
        self, request: GenerateVideoRequest, *, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        body = self.video_body(request)
        return await self.create_video(body, avatar_iv=False, idempotency_key=idempotency_key)

    async def generate_avatar_iv_video(
        self, request: AvatarIVVideoRequest, *, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        body = self.avatar_iv_body(request)
        return await self.create_video(body, avatar_iv=True, idempotency_key=idempotency_key)

    # -- reads ---------------------------------------------------------------------

    async def get_video_status(self, video_id: str) -> VideoStatus:
        """One video's status, with fresh download URLs when it is completed."""
        raise self.lacks("get_video_status")

    async def get_video_statuses(self, video_ids: Sequence[str]) -> list[VideoStatus]:
        """The statuses of at most ``status_batch_size`` videos, in the order asked.

        Backends with a batch read override this; the default reads one by one.
        """
        return [await self.get_video_status(video_id) for video_id in video_ids]

    async def list_videos_page(self, *, limit: int, token: str | None) -> TokenPage[VideoSummary]:
        """One page of the account's videos, newest first, and the next page's token."""
        raise self.lacks("list_videos_page", "list_videos")

    async def list_avatars(self) -> list[Avatar]:
        """Every avatar the account can use."""
        raise self.lacks("list_avatars")

    async def list_talking_photos(self) -> list[TalkingPhoto]:
        """Every talking photo (photo avatar) of the account."""
        raise self.lacks("list_talking_photos")

    async def list_voices(self) -> list[Voice]:
        """Every voice the account can use."""
        raise self.lacks("list_voices")

    async def list_assets_page(
        self, *, file_type: str | None, limit: int, token: str | None
    ) -> TokenPage[Asset]:
        """One page of the account's uploads (of ``file_type`` if given), and the next
        page's token."""
        raise self.lacks("list_assets_page", "list_assets")

    # -- uploads -------------------------------------------------------------------

    def check_upload_type(self, content_type: str) -> str:
        """``content_type`` if this version accepts it, else ``InvalidRequestError``
        (naming the version when it has no uploads at all)."""
        if type(self).upload_asset is Backend.upload_asset:
            raise self.lacks("upload_asset")
        if content_type not in self.upload_content_types:
            allowed = ", ".join(self.upload_content_types)
            raise InvalidRequestError(
                f"content_type: {content_type!r} is not accepted; HeyGen accepts {allowed}",
                field="content_type",
                allowed=allowed,
            )
        return content_type

    async def upload_asset(
        self,
        *,
        content_type: str,
        filename: str,
        content: bytes | None = None,
        stream: ContentFactory | None = None,
        length: int | None = None,
    ) -> UploadedAsset:
        """Upload ``content`` (or the ``stream`` of ``length`` bytes): HeyGen's record."""
        raise self.lacks("upload_asset")

    # -- bulk settlement -------------------------------------------------------------

    async def find_videos_by_callback_id(self, callback_ids: set[str]) -> dict[str, str]:
        """``callback_id -> video_id`` for the given ids found among the account's
        videos (only where ``settles_by_callback_id``)."""
        return {}
