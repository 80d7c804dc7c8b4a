"""The presigned storage host direct uploads PUT to (S3-like; not HeyGen's API).

``PUT <origin>/_fake/storage/<asset_id>?Expires=<unix>&Signature=<hmac>``
with exactly the announced ``size_bytes`` and the ``Content-Type`` of
``upload_headers``. No API key: the URL is the credential, and a request that
carries ``X-Api-Key`` anyway is counted (``Counters.storage_puts_with_api_key``)
because a client must never leak its key to a third-party host. Errors are
S3-style XML: 403 ``AccessDenied`` (expired) / ``SignatureDoesNotMatch`` (bad
signature, other Content-Type), 404 ``NoSuchUpload``, 400 ``IncompleteBody`` /
``EntityTooLarge`` (wrong size), 409 ``InvalidRequest`` (already completed).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from ... import _defaults as defaults
from ...account import Account, DirectUpload
from ...server import (
    HTML,
    ApiError,
    CoreError,
    Fault,
    MediaUrls,
    Request,
    Response,
    html_page,
    media_fault,
    s3_error,
)
from ._uploads import normalise_type

STORAGE_PREFIX = "/_fake/storage/"
XML = "application/xml"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _xml(status: int, code: str, message: str) -> Response:
    request_id = hashlib.sha256(f"{code}{message}".encode()).hexdigest()[:16].upper()
    return Response(status, s3_error(code, message, request_id), XML)


class StorageWire:
    """The storage host's ``Wire``: S3-style XML, never HeyGen's envelope."""

    def error(self, error: ApiError) -> Response:
        return _xml(error.http_status, str(error.code), error.message)

    def core_error(self, kind: CoreError, message: str) -> Response:
        if kind == "payload_too_large":
            return _xml(400, "EntityTooLarge", message)
        return _xml(400, "InvalidRequest", message)

    def fault(self, fault: Fault, headers: list[tuple[str, str]]) -> Response:
        if fault.kind == "html_error":
            return Response(fault.status, html_page(fault.status), HTML, headers)
        return media_fault(fault)

    def malformed(self) -> Response:
        return Response(200, b"", XML)


class Storage:
    """Builds presigned upload URLs and takes the PUTs."""

    def __init__(self, account: Account, media: MediaUrls, origin: str | None) -> None:
        self._account = account
        self._media = media
        self._origin = origin

    def upload_url(self, request: Request, upload: DirectUpload) -> str:
        """Where to PUT: another host than the API (over loopback, the same server)."""
        origin = self._origin
        if origin is None:
            loopback = urlsplit(request.origin).hostname in _LOOPBACK
            origin = request.origin if loopback else defaults.STORAGE_ORIGIN
        return self._media.sign(
            origin, f"{STORAGE_PREFIX}{upload.asset_id}", int(upload.expires_at)
        )

    def observe(self, request: Request) -> None:
        """Every storage request that arrives, answered by a fault or not."""
        if "x-api-key" in request.headers:
            self._account.counters.storage_puts_with_api_key += 1

    async def put(self, request: Request) -> Response:
        account = self._account
        asset_id = request.path_params["asset_id"]
        try:
            expires = int(request.query.get("Expires", ""))
        except ValueError:
            return _xml(403, "AccessDenied", "Query-string authentication requires Expires")
        signature = request.query.get("Signature", "")
        if not self._media.valid(request.path, expires, signature):
            return _xml(403, "SignatureDoesNotMatch", "The request signature does not match")
        if account.time.unix_now() > expires:
            return _xml(403, "AccessDenied", "Request has expired")
        upload = account.direct_upload(asset_id)
        if upload is None:
            return _xml(404, "NoSuchUpload", "The specified upload does not exist.")
        if upload.status == "completed":
            return _xml(409, "InvalidRequest", "The upload was already completed.")
        given_type = normalise_type(request.headers.get("content-type", ""))
        if given_type != upload.content_type:
            return _xml(
                403,
                "SignatureDoesNotMatch",
                f"Content-Type {given_type or '(none)'} does not match the signed "
                f"{upload.content_type}; send upload_headers verbatim",
            )
        size = len(request.body)
        if size < upload.size_bytes:
            return _xml(400, "IncompleteBody", f"Got {size} of {upload.size_bytes} bytes.")
        if size > upload.size_bytes:
            return _xml(400, "EntityTooLarge", f"Got {size} bytes, {upload.size_bytes} signed.")
        upload.data = request.body
        upload.status = "uploaded"
        account.counters.storage_puts += 1
        etag = hashlib.md5(request.body, usedforsecurity=False).hexdigest()
        return Response(200, b"", XML, [("etag", f'"{etag}"')])
