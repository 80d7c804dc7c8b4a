"""v3 asset routes: list, multipart upload, and the three steps of a direct upload.

Direct upload (heygen-v3.md 5.2): ``POST /v3/assets/direct-uploads`` announces
a file and returns a presigned ``upload_url`` on the storage host; the client
``PUT``s exactly ``size_bytes`` there with ``upload_headers`` and without its API
key (see ``storage``); ``POST /v3/assets/{id}/complete`` checks the bytes
(type sniffed against ``content_type``, optional SHA-256) and turns them into a
listed, usable asset.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from typing import Any

from ... import _defaults as defaults
from ...account import Account, DirectUpload
from ...server import ASSET_FILES_PREFIX, ApiError, Request, Response
from ._listing import newest_first, next_token, page_limit, token_position
from ._uploads import (
    ACCEPTED_TYPES,
    EXTENSIONS,
    boundary_of,
    normalise_type,
    parse_multipart,
    sniff,
)
from ._wire import (
    NOT_FOUND,
    PAYLOAD_TOO_LARGE,
    invalid,
    listing,
    not_found,
    parse_json,
    success,
)

_ACCEPTED = ", ".join(ACCEPTED_TYPES)


def checksum_matches(data: bytes, checksum: str) -> bool:
    """A SHA-256 given as hex or as base64 (both forms are seen in HeyGen's docs)."""
    digest = hashlib.sha256(data).digest()
    if checksum.lower() == digest.hex():
        return True
    try:
        return base64.b64decode(checksum, validate=True) == digest
    except (binascii.Error, ValueError):
        return False


class AssetRoutes:
    """The handlers of ``/v3/assets...``; ``upload_url`` is built by ``storage_url``."""

    def __init__(
        self, account: Account, storage_url: Callable[[Request, DirectUpload], str]
    ) -> None:
        self._account = account
        self._storage_url = storage_url

    def _add(self, asset_id: str, data: bytes, mime_type: str, name: str, origin: str) -> str:
        """Store the bytes, list the asset; returns its URL."""
        account = self._account
        extension = EXTENSIONS[mime_type]
        file_type = ACCEPTED_TYPES[mime_type]
        account.store_file(asset_id, data, mime_type)
        url = f"{origin}{ASSET_FILES_PREFIX}{asset_id}.{extension}"
        item = {
            "id": asset_id,
            "name": name,
            "file_type": file_type,
            "folder_id": "",
            "meta": None,
            "created_ts": int(account.time.unix_now()),
            "url": url,
            "image_key": f"image/{asset_id}/original.{extension}" if file_type == "image" else None,
        }
        account.add_asset(item, len(data))
        return url

    # --- list -------------------------------------------------------------------

    async def list(self, request: Request) -> Response:
        account = self._account
        username = request.query.get("username")
        if not username:
            raise invalid("username", "username is required (GET /v3/users/me gives it)")
        limit = page_limit(request, defaults.V3_ASSETS_LIMITS)
        before = token_position(request, "v3-assets")
        folder_id = request.query.get("folder_id")

        def keep(asset: dict[str, Any]) -> bool:
            if username != account.username:
                return False  # only that member's assets are listed
            return folder_id is None or (asset.get("folder_id") or "") == folder_id

        page, position = newest_first(account.catalogue.assets, keep, before, limit)
        items = [self._v3_item(asset) for asset in page]
        return listing(items, next_token("v3-assets", position))

    def _v3_item(self, asset: dict[str, Any]) -> dict[str, Any]:
        """A catalogue asset as v3 shows it."""
        return {
            "id": asset.get("id"),
            "name": asset.get("name"),
            "type": asset.get("file_type"),
            "owner": self._account.username,
            "space_id": defaults.ACCOUNT_SPACE_ID,
            "uploaded_at": asset.get("created_ts"),
            "url": asset.get("url"),
            "folder_id": asset.get("folder_id") or None,
        }

    def _found(self, request: Request) -> dict[str, Any]:
        asset_id = request.path_params["asset_id"]
        asset = self._account.asset(asset_id)
        if asset is None:
            raise not_found(NOT_FOUND, f"Asset {asset_id} not found", "asset_id")
        return asset

    async def get(self, request: Request) -> Response:
        return success(self._v3_item(self._found(request)))

    async def statuses(self, request: Request) -> Response:
        """``GET /v3/assets/statuses?asset_ids=a,b``: one entry per id, in order, its id
        in ``video_id`` as HeyGen's bulk reads name it. A listed asset is ``completed``
        (``failed`` when its name holds ``[fail]``: processing failure on demand), a
        direct upload not completed yet ``queued``, anything else ``not_found``."""
        ids = [part.strip() for part in request.query.get("asset_ids", "").split(",")]
        ids = [asset_id for asset_id in ids if asset_id]
        if not ids and not request.query.get("batch_ids"):
            raise invalid("asset_ids", "asset_ids or batch_ids is required (comma-separated)")
        if len(ids) > defaults.V3_STATUSES_MAX_IDS:
            raise invalid("asset_ids", f"at most {defaults.V3_STATUSES_MAX_IDS} asset_ids")
        return listing([self._status(asset_id) for asset_id in ids], None)

    def _status(self, asset_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "video_id": asset_id,
            "status": "not_found",
            "error": None,
            "batch_id": None,
            "item_index": None,
        }
        asset = self._account.asset(asset_id)
        if asset is not None and "[fail]" in str(asset.get("name") or ""):
            message = "The asset could not be processed"
            entry.update(status="failed", error={"code": "asset_failed", "message": message})
        elif asset is not None:
            entry["status"] = "completed"
        elif self._account.direct_upload(asset_id) is not None:
            entry["status"] = "queued"
        return entry

    async def delete(self, request: Request) -> Response:
        """Unlist the asset: later reads answer 404 and new videos cannot use it."""
        asset = self._found(request)
        self._account.catalogue.assets.remove(asset)
        return success({"id": asset.get("id")})

    # --- multipart upload ---------------------------------------------------------

    async def create(self, request: Request) -> Response:
        boundary = boundary_of(request.headers.get("content-type", ""))
        if boundary is None:
            raise invalid("file", "send multipart/form-data with one part named file")
        parts = parse_multipart(request.body, boundary)
        if parts is None:
            raise invalid("file", "the multipart/form-data body is malformed")
        part = next((p for p in parts if p.name == "file"), None)
        if part is None:
            raise invalid("file", "the multipart body has no part named file")
        if len(part.data) > defaults.V3_UPLOAD_MAX_BYTES:
            raise ApiError(
                413,
                PAYLOAD_TOO_LARGE,
                f"the file is larger than {defaults.V3_UPLOAD_MAX_BYTES} bytes; "
                "use POST /v3/assets/direct-uploads",
                param="file",
            )
        if not part.data:
            raise invalid("file", "the file is empty")
        mime_type = sniff(part.data)
        if mime_type is None:
            raise invalid("file", f"unsupported file type; accepted: {_ACCEPTED}")
        asset_id = self._account.new_asset_id()
        url = self._add(asset_id, part.data, mime_type, part.filename or asset_id, request.origin)
        return success(
            {"asset_id": asset_id, "url": url, "mime_type": mime_type, "size_bytes": len(part.data)}
        )

    # --- direct upload --------------------------------------------------------------

    async def direct_upload(self, request: Request) -> Response:
        account = self._account
        body = parse_json(request)
        filename = body.get("filename")
        if not isinstance(filename, str) or not filename:
            raise invalid("filename", "filename is required")
        content_type = body.get("content_type")
        if not isinstance(content_type, str) or not content_type:
            raise invalid("content_type", "content_type is required")
        declared = normalise_type(content_type)
        if declared not in ACCEPTED_TYPES:
            raise invalid("content_type", f"content_type must be one of {_ACCEPTED}")
        size = body.get("size_bytes")
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise invalid("size_bytes", "size_bytes is required: the exact size, > 0")
        if size > defaults.DIRECT_UPLOAD_MAX_BYTES:
            raise invalid("size_bytes", f"size_bytes must be <= {defaults.DIRECT_UPLOAD_MAX_BYTES}")
        checksum = body.get("checksum_sha256")
        if checksum is not None and not isinstance(checksum, str):
            raise invalid("checksum_sha256", "checksum_sha256 must be a string")
        ttl = defaults.DIRECT_UPLOAD_URL_TTL_SECONDS
        upload = DirectUpload(
            asset_id=account.new_asset_id(),
            filename=filename,
            content_type=declared,
            size_bytes=size,
            checksum_sha256=checksum,
            expires_at=account.time.unix_now() + ttl,
        )
        account.open_direct_upload(upload)
        return success(
            {
                "asset_id": upload.asset_id,
                "upload_url": self._storage_url(request, upload),
                "upload_headers": {"Content-Type": content_type},
                "expires_in_seconds": int(ttl),
                "max_bytes": size,
                "status": "pending_upload",
            }
        )

    async def complete(self, request: Request) -> Response:
        account = self._account
        asset_id = request.path_params["asset_id"]
        body = parse_json(request, optional=True)
        upload = account.direct_upload(asset_id)
        if upload is None:
            raise not_found(NOT_FOUND, f"Direct upload {asset_id} not found", "asset_id")
        if upload.status == "completed":  # idempotent by nature
            return success(self._completed(upload, request.origin))
        if upload.data is None:
            raise invalid("asset_id", f"nothing was uploaded to the upload_url of {asset_id} yet")
        checksum = body.get("checksum_sha256", upload.checksum_sha256)
        if checksum is not None and (
            not isinstance(checksum, str) or not checksum_matches(upload.data, checksum)
        ):
            raise invalid("checksum_sha256", "checksum_sha256 does not match the uploaded bytes")
        found = sniff(upload.data)
        if found != upload.content_type:
            raise invalid(
                "content_type",
                f"content_type {upload.content_type} was declared, "
                f"but the uploaded bytes are {found or 'of an unsupported type'}",
            )
        self._add(asset_id, upload.data, found, upload.filename, request.origin)
        upload.status = "completed"
        return success(self._completed(upload, request.origin))

    def _completed(self, upload: DirectUpload, origin: str) -> dict[str, Any]:
        item = self._account.asset(upload.asset_id) or {}
        return {
            "asset_id": upload.asset_id,
            "mime_type": upload.content_type,
            "size_bytes": upload.size_bytes,
            "url": item.get("url"),
            "status": "completed",
        }
