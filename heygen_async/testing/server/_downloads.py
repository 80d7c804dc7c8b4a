"""The fake's media host: signed, expiring, range-capable downloads (like S3).

``GET /_fake/videos/<video_id><suffix>?Expires=<unix>&Signature=<hmac>`` where
the suffix is ``.mp4``, ``_caption.mp4``, ``.jpg``, ``.gif``, ``.ass`` or ``.srt``.
No API key is needed (the URL is the credential). Answers:
- 200 with the bytes and ``Content-Length``; ``HEAD`` gives the headers only;
- 206 + ``Content-Range`` for ``Range: bytes=N-``, ``bytes=N-M`` or ``bytes=-N``;
  416 when the range starts past the end;
- 403 with an S3-style XML ``AccessDenied`` once ``Expires`` has passed (fake
  time) or ``SignatureDoesNotMatch`` when the signature is wrong;
- 404 ``NoSuchKey`` for an unknown or unfinished video.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..account import Account
from ._asgi import Request, Response
from ._media import MEDIA_PREFIX, MEDIA_TYPES, UrlSigner, media_bytes, s3_error

XML = "application/xml"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class Download:
    """A media response and the video it belongs to (for counters and faults)."""

    response: Response
    video_id: str | None
    full_size: int = 0


def _split_name(path: str) -> tuple[str, str] | None:
    name = path[len(MEDIA_PREFIX) :]
    # Longest suffix first, so "_caption.mp4" is not read as ".mp4".
    for suffix in sorted(MEDIA_TYPES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return None


def _error(status: int, code: str, message: str, video_id: str | None, **extra: str) -> Download:
    request_id = hashlib.sha256(f"{code}{video_id}".encode()).hexdigest()[:16].upper()
    return Download(Response(status, s3_error(code, message, request_id, **extra), XML), video_id)


def serve_media(
    request: Request,
    *,
    account: Account,
    signer: UrlSigner,
) -> Download:
    """Answer one media request (see the module docstring)."""
    now = account.time.now()
    unix_now = account.time.unix_now()
    parts = _split_name(request.path)
    if parts is None:
        return _error(404, "NoSuchKey", "The specified key does not exist.", None)
    video_id, suffix = parts
    expires_text = request.query.get("Expires")
    signature = request.query.get("Signature")
    if not expires_text or not signature:
        return _error(
            403,
            "AccessDenied",
            "Query-string authentication requires the Signature and Expires parameters",
            video_id,
        )
    try:
        expires = int(expires_text)
    except ValueError:
        return _error(403, "AccessDenied", "Invalid date (should be seconds since epoch)", video_id)
    if not signer.valid(request.path, expires, signature):
        return _error(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
            video_id,
        )
    if unix_now > expires:
        return _error(
            403,
            "AccessDenied",
            "Request has expired",
            video_id,
            Expires=str(expires),
            ServerTime=str(int(unix_now)),
        )
    # A job's outputs (translations, lipsyncs, ...) are served like a video's files.
    video = account.video(video_id) or account.job(video_id)
    if video is None or video.status_at(now) != "completed":
        return _error(404, "NoSuchKey", "The specified key does not exist.", video_id)
    body = media_bytes(video_id, suffix, account.video_file_size)
    size = len(body)
    headers = [
        ("accept-ranges", "bytes"),
        ("etag", f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'),
    ]
    status = 200
    range_header = request.headers.get("range")
    if range_header:
        match = _RANGE.match(range_header.strip().replace(" ", ""))
        # Anything but one simple byte range (e.g. several ranges) gets the whole file,
        # which RFC 9110 allows a server to do.
        if match and (match.group(1) or match.group(2)):
            first_text, last_text = match.groups()
            if first_text:
                first = int(first_text)
                last = min(int(last_text), size - 1) if last_text else size - 1
            else:
                first, last = max(0, size - int(last_text)), size - 1
            if first >= size or last < first:
                return Download(
                    Response(416, b"", XML, [("content-range", f"bytes */{size}")]), video_id
                )
            body = body[first : last + 1]
            headers.append(("content-range", f"bytes {first}-{last}/{size}"))
            status = 206
    if request.method == "HEAD":
        headers.append(("content-length", str(len(body))))
        return Download(Response(status, b"", MEDIA_TYPES[suffix], headers), video_id, size)
    return Download(Response(status, body, MEDIA_TYPES[suffix], headers), video_id, size)
