"""What the fake serves at its signed media URLs: bytes, signatures, S3-style errors.

The MP4 is a structurally valid ISO-BMFF file (``ftyp`` first, then ``moov``
with a movie header, a ``free`` box naming the video, and ``mdat``), a few KB of
deterministic bytes: enough for code that sniffs, sizes, resumes and checksums
downloads, not a playable clip (there are no tracks).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from ..account import Account

MEDIA_PREFIX = "/_fake/videos/"

# The media a finished video has, by URL suffix, and their content types.
MEDIA_TYPES: dict[str, str] = {
    ".mp4": "video/mp4",
    "_caption.mp4": "video/mp4",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".ass": "text/plain; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
}

# A 1x1 transparent GIF, the smallest valid image of its kind.
_GIF_1X1 = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)
# A minimal baseline JPEG (1x1, grey).
_JPEG_1X1 = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b"
    "0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e3334"
    "32ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708"
    "090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114"
    "328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748"
    "494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999a"
    "a2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7"
    "e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


@lru_cache(maxsize=256)
def mp4_bytes(video_id: str, size: int) -> bytes:
    """A deterministic MP4 of exactly ``size`` bytes (at least ~200) for ``video_id``."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    # mvhd version 0: times, timescale 1000, duration 1 s, rate 1.0, volume 1.0,
    # identity matrix, next track id 1.
    matrix = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
    mvhd = _box(
        b"mvhd",
        b"\x00\x00\x00\x00"
        + struct.pack(">IIII", 0, 0, 1000, 1000)
        + struct.pack(">IH", 0x00010000, 0x0100)
        + b"\x00" * 10
        + matrix
        + b"\x00" * 24
        + struct.pack(">I", 1),
    )
    moov = _box(b"moov", mvhd)
    label = _box(b"free", f"heygen-async fake video {video_id}".encode())
    head = ftyp + moov + label
    payload_size = max(0, size - len(head) - 8)
    # Deterministic filler unique to the video, so a test can tell files apart.
    seed = hashlib.sha256(video_id.encode()).digest()
    filler = (seed * (payload_size // len(seed) + 1))[:payload_size]
    return head + _box(b"mdat", filler)


def media_bytes(video_id: str, suffix: str, video_size: int) -> bytes:
    """The bytes served for ``<video_id><suffix>``."""
    if suffix in (".mp4", "_caption.mp4"):
        return mp4_bytes(video_id + suffix, video_size)
    if suffix == ".jpg":
        return _JPEG_1X1
    if suffix == ".gif":
        return _GIF_1X1
    if suffix == ".srt":
        return f"1\n00:00:00,000 --> 00:00:01,000\n{video_id}\n".encode()
    # An .ass subtitle file with one line.
    return (
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        f"Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,{video_id}\n"
    ).encode()


class UrlSigner:
    """Signs and checks the fake's media URLs (``?Expires=<unix>&Signature=<hmac>``)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def signature(self, path: str, expires: int) -> str:
        message = f"{path}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def sign(self, origin: str, path: str, expires: int) -> str:
        query = urlencode({"Expires": expires, "Signature": self.signature(path, expires)})
        return f"{origin}{path}?{query}"

    def valid(self, path: str, expires: int, signature: str) -> bool:
        return hmac.compare_digest(self.signature(path, expires), signature)


class MediaUrls:
    """Signed URLs of a video's media, for the dialects' status answers."""

    def __init__(self, signer: UrlSigner, account: Account) -> None:
        self.signer = signer
        self._account = account

    def sign(self, origin: str, path: str, expires: int) -> str:
        """``origin + path`` signed to expire at Unix time ``expires``."""
        return self.signer.sign(origin, path, expires)

    def valid(self, path: str, expires: int, signature: str) -> bool:
        """Whether ``signature`` is this fake's for ``path`` and ``expires``."""
        return self.signer.valid(path, expires, signature)

    def video_url(self, origin: str, video_id: str, suffix: str) -> str:
        """A freshly signed URL (``url_ttl`` from now) of one of the video's files."""
        account = self._account
        expires = int(account.time.unix_now() + account.url_ttl)
        return self.signer.sign(origin, f"{MEDIA_PREFIX}{video_id}{suffix}", expires)

    def rendered_files(self, origin: str, video: Any, names: dict[str, str]) -> dict[str, Any]:
        """A completed video's duration and freshly signed file URLs, under each API
        version's own field names: ``names`` maps a field to a file suffix, and the
        caption files are included only when the video has them."""
        fields: dict[str, Any] = {"duration": video.duration}
        for field, suffix in names.items():
            if suffix.startswith("_caption") and not video.caption_burned:
                continue
            if suffix in (".ass", ".srt") and not video.caption:
                continue
            fields[field] = self.video_url(origin, video.video_id, suffix)
        return fields


def s3_error(code: str, message: str, request_id: str, **extra: str) -> bytes:
    """An S3-style XML error document, as a presigned-URL host answers."""
    fields = "".join(f"<{key}>{value}</{key}>" for key, value in extra.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message>{fields}"
        f"<RequestId>{request_id}</RequestId></Error>"
    ).encode()
