"""``client.assets``: Assets (v3): the files your videos use (uploads, listings, statuses).

::

    asset = await client.assets.upload("portrait.jpg")        # path, bytes or URL
    details = await client.assets.get(asset.id)
    async for item in client.assets.list():                     # your uploads, newest first
        print(item.id, item.name, item.type)

``upload`` is ``client.upload_asset``: a file up to 32 MB goes as one multipart
``POST /v3/assets`` (``assets.create``), a larger one through a presigned direct
upload (``assets.direct_upload``, a PUT to storage, ``assets.complete``).
``assets.batches`` presigns up to 100 direct uploads at once.

Uploads are not billed, but HeyGen deduplicates them by ``Idempotency-Key``: each
upload call sends one (the caller's ``idempotency_key``, or a fresh one), reused by
every retry, so a retry after a lost answer never leaves a second copy behind.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from pydantic import Field

from .._constants import DIRECT_UPLOAD_THRESHOLD
from .._errors import InvalidRequestError
from .._params import RequestOptions, Unpack
from .._progress import ProgressCallback
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._resource_kind import NOT_FOUND, ResourceKind
from ..models import UploadedAsset
from ..models._base import Deleted, RequestModel, ResponseModel
from ._batches import AsyncBatches
from ._endpoint import Endpoint, endpoint
from ._files import FilePart, FileSource
from ._jobs import AsyncJobs, Batch, BatchItem, BulkStatus, Settles, SyncJobs
from ._pages import AsyncPager
from ._resource import AsyncRawResource, RawView, raw_method

ASSETS = "/v3/assets"
ASSET_STATUSES = "/v3/assets/statuses"
MAX_STATUS_IDS = 100
"""HeyGen's bulk status read answers for at most 100 assets a request."""
MAX_BATCH_FILES = 100
"""HeyGen presigns at most 100 files a batch."""

NonEmptyText = Annotated[str, Field(min_length=1)]
StatusIds = Annotated[list[NonEmptyText], Field(max_length=MAX_STATUS_IDS)]
"""Up to 100 ids (named here: inside ``AsyncAssets``, ``list`` is the listing)."""


# -- models -------------------------------------------------------------------------


class AssetDetails(ResponseModel):
    """One uploaded asset, as ``assets.get`` and ``assets.list`` describe it."""

    id: str
    """The asset id (pass it wherever a file is asked for, e.g. ``{"type": "asset_id"}``)."""
    name: str | None = None
    """Display name, usually the uploaded file's name."""
    type: Literal["image", "video", "audio", "font"] | str | None = None
    """What kind of file it is: ``image``, ``video``, ``audio``, ``font`` or another kind."""
    owner: str | None = None
    """Username of the workspace member who uploaded it."""
    space_id: str | None = None
    """The workspace (space) the asset belongs to."""
    uploaded_at: int | None = None
    """Upload time, Unix seconds."""
    url: str | None = None
    """A public URL of the file; None when HeyGen cannot make one."""
    folder_id: str | None = None
    """The folder holding the asset; None at the workspace's root."""


class DeletedAsset(Deleted):
    """The answer to ``assets.delete``: the deleted asset's ``id``."""


class SearchedAsset(ResponseModel):
    """One result of ``assets.search``: a public image or icon matching the description."""

    id: str
    """HeyGen's id of this search result."""
    url: str | None = None
    """A stable public URL of the image (use it as a ``{"type": "url"}`` input)."""
    type: Literal["image", "icon"] | str | None = None
    """``image`` (a photograph) or ``icon`` (usually a transparent cut-out)."""
    score: float | None = None
    """How closely it matches the query; higher is closer (when HeyGen gives it)."""
    width: int | None = None
    """Width in pixels, when known."""
    height: int | None = None
    """Height in pixels, when known."""
    orientation: Literal["landscape", "portrait", "square"] | str | None = None
    """``landscape``, ``portrait`` or ``square``, when known."""
    is_transparent: bool | None = None
    """True when the image has transparent parts, when known."""


class CreatedAsset(ResponseModel):
    """The answer to ``assets.create`` (a file sent in one multipart request)."""

    asset_id: str
    """The new asset's id."""
    url: str | None = None
    """A public URL of the uploaded file."""
    mime_type: str | None = None
    """The file type HeyGen detected from the bytes, e.g. ``image/png``."""
    size_bytes: int | None = None
    """The file's size in bytes."""


class UploadSlot(ResponseModel):
    """Where to PUT one file of a direct upload (``assets.direct_upload``, batches)."""

    asset_id: str
    """The asset id the file will have; usable once the upload is completed."""
    upload_url: str | None = None
    """The presigned storage URL: PUT the raw bytes there, without the API key."""
    upload_headers: dict[str, Any] | None = None
    """Headers to send, exactly as given, with that PUT."""
    expires_in_seconds: int | None = None
    """Seconds until ``upload_url`` stops accepting the file."""
    max_bytes: int | None = None
    """The most bytes the URL accepts (the ``size_bytes`` that was declared)."""
    status: str | None = None
    """The upload's state; ``pending_upload`` until the file is completed."""


class CompletedUpload(Settles, ResponseModel):
    """The answer to ``assets.complete``: the direct upload became an asset."""

    asset_id: str
    """The asset's id."""
    url: str | None = None
    """A public URL of the file."""
    mime_type: str | None = None
    """The file type HeyGen detected from the stored bytes."""
    size_bytes: int | None = None
    """The stored file's size in bytes."""
    status: Literal["queued", "processing", "completed", "failed"] | str | None = None
    """The asset's state, often ``processing`` at first (``assets.statuses`` follows it)."""


class AssetStatus(BulkStatus):
    """One entry of ``assets.statuses``: where one asset's processing stands
    (``video_id`` is the asset's id: HeyGen's field is named after videos, whose read
    model it shares; ``asset_id`` is the same value)."""

    @property
    def asset_id(self) -> str | None:
        """The asset's id (HeyGen sends it as ``video_id``)."""
        return self.video_id

    @property
    def is_missing(self) -> bool:
        """True when HeyGen does not know the id (``not_found``): unknown, not this
        account's, or not visible yet just after an upload."""
        return self.is_not_found


class DirectUploadFile(RequestModel):
    """One file of ``assets.batches.create``: what ``assets.direct_upload`` takes."""

    filename: NonEmptyText
    """The file's name, kept for reference (the stored extension follows ``content_type``)."""
    content_type: NonEmptyText
    """Its MIME type, e.g. ``video/mp4``; HeyGen checks it against the bytes at completion."""
    size_bytes: Annotated[int, Field(ge=1)]
    """Its exact size in bytes (the upload URL accepts no more)."""
    checksum_sha256: str | None = None
    """Optional SHA-256 of the file, which storage then enforces on the upload."""


class UploadBatch(ResponseModel):
    """The answer to ``assets.batches.create``: one upload slot per file, in order."""

    batch_id: str
    """The batch's id: complete it with ``assets.batches.complete`` once every PUT is done."""
    items: list[UploadSlot] = Field(default_factory=list)
    """One presigned slot per requested file, in the order they were given."""


class BatchCompletion(ResponseModel):
    """The answer to ``assets.batches.complete``: the files are being processed."""

    batch_id: str | None = None
    """The batch now being finalised (follow it with ``assets.batches.get``)."""


class AssetBatchItem(BatchItem):
    """One file of an asset batch, as ``assets.batches.get`` describes it
    (``video_id`` is the asset's id: HeyGen's field is named after videos)."""

    @property
    def asset_id(self) -> str | None:
        """The asset's id (HeyGen sends it as ``video_id``)."""
        return self.video_id


class AssetBatch(Batch[AssetBatchItem]):
    """An upload batch and one page of its files (``assets.batches.get``)."""


AssetStatuses = list[AssetStatus]
"""The answer of ``assets.statuses``."""


# -- the resource --------------------------------------------------------------------


class AssetKind(ResourceKind):
    """Assets still processing: ``assets.statuses`` reads up to 100 at once, and a
    single asset too (``assets.get`` has no status). Its entry is all a finished
    asset needs (the id is what a video takes), so it is final; an id the read does
    not know is confirmed by ``assets.get`` (``NotFoundError`` when unknown)."""

    name = "asset"
    id_field = "video_id"
    bulk_ids = "asset_ids"
    bulk_is_final = True

    async def read_one(self, job_id: str) -> Any:
        (entry,) = await self.read_many([job_id])
        if entry.status == NOT_FOUND:
            await self.resource.get(job_id)  # an unknown id: NotFoundError
        return entry


class AsyncAssets(AsyncJobs[AssetStatus]):
    """``client.assets`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = AssetKind
    _job = "an asset's processing"
    _jobs = "assets' processing"
    _result = "its ``AssetStatus``"

    async def upload(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        content_type: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> UploadedAsset:
        """Upload a file and return HeyGen's record of it: ``client.upload_asset``.

        ``source`` is a path, the file's ``bytes``, or an ``http(s)://`` URL (fetched
        first, size-capped). Up to 32 MB it is one multipart request, above that a
        direct upload. The type comes from ``content_type``, else the name, else the
        first bytes; ``on_progress`` gets a ``TransferProgress`` as bytes go out::

            asset = await client.assets.upload("intro.mp4")
            print(asset.id, asset.url)
        """
        return await self._client.upload_asset(
            source, content_type=content_type, on_progress=on_progress, **options
        )

    @endpoint("POST", ASSETS, keyed=True)
    async def create(
        self,
        file: Annotated[FileSource, FilePart(max_bytes=DIRECT_UPLOAD_THRESHOLD)],
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreatedAsset:
        """Upload one file of at most 32 MB in a single multipart request (``upload``
        chooses this or a direct upload for you). ``file`` is a path or the bytes;
        its type (PNG, JPEG, MP4, WEBM, MP3, WAV, PDF or SRT) is read from the name or
        the first bytes, and anything else is refused before sending::

            created = await client.assets.create("logo.png")
            print(created.asset_id, created.mime_type)
        """
        ...

    @endpoint("POST", "/v3/assets/direct-uploads", keyed=True)
    async def direct_upload(
        self,
        filename: NonEmptyText,
        content_type: NonEmptyText,
        size_bytes: Annotated[int, Field(ge=1)],
        *,
        checksum_sha256: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UploadSlot:
        """Start a direct upload (for files over 32 MB): HeyGen answers with a presigned
        ``upload_url``. PUT exactly ``size_bytes`` bytes there with ``upload_headers``
        (storage, not HeyGen: no API key), then call ``complete(slot.asset_id)``.
        ``checksum_sha256`` makes storage check the bytes::

            slot = await client.assets.direct_upload("talk.mp4", "video/mp4", 73400320)
        """
        ...

    @endpoint("POST", "/v3/assets/{asset_id}/complete")
    async def complete(
        self,
        asset_id: str,
        *,
        checksum_sha256: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CompletedUpload:
        """Finish a direct upload once its PUT succeeded: the asset becomes usable
        (often ``processing`` first; ``statuses`` follows it). Repeating it is harmless::

            done = await client.assets.complete(slot.asset_id)
        """
        ...

    @endpoint("GET", ASSETS, paged=True)
    def list(
        self,
        *,
        username: NonEmptyText | None = None,
        folder_id: str | None = None,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AssetDetails]:
        """Uploaded assets, newest first, a page at a time (``limit`` 1-100 a page,
        HeyGen's default 20). HeyGen lists one workspace member's assets: yours unless
        ``username`` names another (it is read once per client from ``users.me``).
        ``folder_id`` narrows it to one folder (``""``: the root only). HeyGen marks
        this listing beta::

            page = await client.assets.list(limit=50)
            async for asset in client.assets.list():
                print(asset.id, asset.type, asset.name)
        """
        ...

    @endpoint("GET", "/v3/assets/search", paged=True)
    def search(
        self,
        query: NonEmptyText,
        *,
        type: Literal["image", "icon"] | None = None,
        scope: Literal["public", "personal"] | None = None,
        limit: Annotated[int, Field(ge=1, le=50)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[SearchedAsset]:
        """Search images and icons by description, best match first (``limit`` 1-50 a
        page, HeyGen's default 20): HeyGen's public library by default, or your own
        space's assets with ``scope="personal"``; ``type`` keeps only images or icons::

            page = await client.assets.search("pepperoni pizza on a wooden table")
            print(page.data[0].url)
        """
        ...

    @endpoint("GET", ASSET_STATUSES)
    async def statuses(
        self,
        asset_ids: StatusIds | None = None,
        *,
        batch_ids: StatusIds | None = None,
        **options: Unpack[RequestOptions],
    ) -> AssetStatuses:
        """Where up to 100 assets stand, in one request: by id, or every asset of the
        given ``batch_ids`` (at least one id of either kind). An id HeyGen does not
        know comes back with ``status`` ``not_found``::

            for entry in await client.assets.statuses([first_id, second_id]):
                print(entry.asset_id, entry.status, entry.is_terminal)
        """
        ...

    @endpoint("GET", "/v3/assets/{asset_id}")
    async def get(self, asset_id: str, **options: Unpack[RequestOptions]) -> AssetDetails:
        """One asset by its id (an unknown id raises ``NotFoundError``)::

        asset = await client.assets.get(asset_id)
        print(asset.name, asset.url)
        """
        ...

    @endpoint("DELETE", "/v3/assets/{asset_id}")
    async def delete(self, asset_id: str, **options: Unpack[RequestOptions]) -> DeletedAsset:
        """Delete an asset for good (it must be your workspace's and not deleted yet)::

        await client.assets.delete(asset_id)
        """
        ...

    @property
    def batches(self) -> AsyncAssetBatches:
        """Batches of direct uploads: presign up to 100 files, complete them together,
        follow their processing."""
        return AsyncAssetBatches(self._client)

    with_raw_response: RawView[AsyncAssetsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""

    async def _send(self, declaration: Endpoint, values: dict[str, Any]) -> Any:
        """What HeyGen requires that the SDK knows is filled in, and what it would
        refuse is refused, before sending: the listing's ``username`` (yours, read
        once per client), a statuses read naming no id."""
        if self._core.api_version in declaration.versions:
            if declaration.label == f"GET {ASSETS}" and values.get("username") is None:
                values = {**values, "username": await self._my_username()}
            if declaration.label == f"GET {ASSET_STATUSES}":
                _check_status_ids(values.get("asset_ids"), values.get("batch_ids"))
        return await super()._send(declaration, values)

    async def _my_username(self) -> str:
        from .._backends.v3._backend import V3Backend

        backend = self._core.backend
        assert isinstance(backend, V3Backend)  # the listing is v3-only (checked before)
        return await backend._my_username()


def _check_status_ids(asset_ids: Any, batch_ids: Any) -> None:
    """At least one id of either kind (HeyGen would refuse an empty read)."""
    if not asset_ids and not batch_ids:
        raise InvalidRequestError(
            "asset_ids: give at least one asset id (or batch_ids)",
            field="asset_ids",
            allowed=f"1 to {MAX_STATUS_IDS} asset ids, or batch ids",
        )


class AsyncAssetBatches(AsyncBatches[AssetBatch]):
    """``client.assets.batches`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _path = "/v3/assets/batches"
    _items = "files"

    @endpoint("POST", "/v3/assets/direct-uploads/batches", keyed=True)
    async def create(
        self,
        files: Annotated[list[DirectUploadFile], Field(min_length=1, max_length=MAX_BATCH_FILES)],
        *,
        title: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UploadBatch:
        """Presign direct uploads for 1-100 files at once (each a ``DirectUploadFile``
        or a dict of its fields). PUT each file to its slot's ``upload_url``, then
        ``complete`` the batch. ``title`` names it in HeyGen's app; ``callback_url`` is
        accepted but HeyGen sends no webhook for asset batches::

            batch = await client.assets.batches.create(
                [{"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 52428800}]
            )
        """
        ...

    @endpoint("POST", "/v3/assets/complete/batches")
    async def complete(
        self, batch_id: NonEmptyText, **options: Unpack[RequestOptions]
    ) -> BatchCompletion:
        """Finish every upload of a batch once all its PUTs succeeded; each file is then
        processed on its own (follow them with ``get``). Repeating it is harmless::

            await client.assets.batches.complete(batch.batch_id)
        """
        ...

    with_raw_response: RawView[AsyncAssetBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


# -- raw and sync forms --------------------------------------------------------------


class AsyncAssetsWithRawResponse(AsyncRawResource[AsyncAssets]):
    """``client.assets.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncAssets.create)
    direct_upload = raw_method(AsyncAssets.direct_upload)
    complete = raw_method(AsyncAssets.complete)
    statuses = raw_method(AsyncAssets.statuses)
    get = raw_method(AsyncAssets.get)
    delete = raw_method(AsyncAssets.delete)


class AsyncAssetBatchesWithRawResponse(AsyncRawResource[AsyncAssetBatches]):
    """``client.assets.batches.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncAssetBatches.create)
    complete = raw_method(AsyncAssetBatches.complete)
    get = raw_method(AsyncAssetBatches.get)


class AssetBatches(SyncResource[AsyncAssetBatches]):
    """``client.assets.batches`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncAssetBatches.create)
    complete = blocking(AsyncAssetBatches.complete)
    get = blocking(AsyncAssetBatches.get)

    with_raw_response: RawView[AssetBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AssetBatchesWithRawResponse(SyncRawResource[AsyncAssetBatches]):
    """``client.assets.batches.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncAssetBatchesWithRawResponse.create)
    complete = blocking_raw(AsyncAssetBatchesWithRawResponse.complete)
    get = blocking_raw(AsyncAssetBatchesWithRawResponse.get)


class Assets(SyncJobs[AsyncAssets]):
    """``client.assets`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    upload = blocking(AsyncAssets.upload)
    create = blocking(AsyncAssets.create)
    direct_upload = blocking(AsyncAssets.direct_upload)
    complete = blocking(AsyncAssets.complete)
    list = paging(AsyncAssets.list)
    search = paging(AsyncAssets.search)
    statuses = blocking(AsyncAssets.statuses)
    get = blocking(AsyncAssets.get)
    delete = blocking(AsyncAssets.delete)

    @property
    def batches(self) -> AssetBatches:
        """Batches of direct uploads: presign up to 100 files, complete them together,
        follow their processing."""
        return AssetBatches(*self._inner("batches"))

    with_raw_response: RawView[AssetsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AssetsWithRawResponse(SyncRawResource[AsyncAssets]):
    """``client.assets.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncAssetsWithRawResponse.create)
    direct_upload = blocking_raw(AsyncAssetsWithRawResponse.direct_upload)
    complete = blocking_raw(AsyncAssetsWithRawResponse.complete)
    statuses = blocking_raw(AsyncAssetsWithRawResponse.statuses)
    get = blocking_raw(AsyncAssetsWithRawResponse.get)
    delete = blocking_raw(AsyncAssetsWithRawResponse.delete)


__all__ = [
    "AssetBatch",
    "AssetBatchItem",
    "AssetBatches",
    "AssetBatchesWithRawResponse",
    "AssetDetails",
    "AssetKind",
    "AssetStatus",
    "Assets",
    "AssetsWithRawResponse",
    "AsyncAssetBatches",
    "AsyncAssetBatchesWithRawResponse",
    "AsyncAssets",
    "AsyncAssetsWithRawResponse",
    "BatchCompletion",
    "CompletedUpload",
    "CreatedAsset",
    "DeletedAsset",
    "DirectUploadFile",
    "SearchedAsset",
    "UploadBatch",
    "UploadSlot",
]
