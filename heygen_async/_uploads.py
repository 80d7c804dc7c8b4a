"""What an upload is made of: its content type and a body that is streamed, not loaded.

HeyGen takes an upload with the file's MIME type; each API version accepts its own
list of types (v3 also takes PDF and SRT subtitles). The type comes from the caller,
else the file name, else the first bytes of the content.

``send_upload`` hands a body to the backend, counting its bytes for an
``on_progress`` callback when there is one (see ``heygen_async._progress``): bytes
are then sent as a stream of chunks, and each stream a retry opens counts from 0.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import anyio
import httpx

from ._constants import (
    RETRYABLE_STATUS_CODES,
    TRANSFER_TIMEOUT,
    UPLOAD_CHUNK_SIZE,
    UPLOAD_FROM_URL_MAX_BYTES,
)
from ._errors import APIConnectionError, APITimeoutError, InvalidRequestError
from ._progress import ProgressCallback, reporter
from ._transport._media import MediaFailure, retry_media

if TYPE_CHECKING:
    from ._backends._base import Backend
    from ._transport import Transport
    from .models import UploadedAsset

ContentFactory = Callable[[], AsyncIterable[bytes]]

# HeyGen names no MIME type for the SRT subtitles v3 accepts: the usual one.
SRT = "application/x-subrip"
# Every type some API version accepts; each backend narrows it (check_upload_type).
SUPPORTED_CONTENT_TYPES = (
    "image/jpeg",
    "image/png",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "audio/wav",
    "application/pdf",
    SRT,
)
# How many first bytes the type is sniffed from (an SRT cue needs a line or two).
SNIFF_BYTES = 64

_BY_EXTENSION = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".mpeg": "audio/mpeg",
    ".wav": "audio/wav",
    ".pdf": "application/pdf",
    ".srt": SRT,
}
_ALIASES = {
    "image/jpg": "image/jpeg",
    "audio/mp3": "audio/mpeg",
    "image/pjpeg": "image/jpeg",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "text/srt": SRT,
    "application/srt": SRT,
}
# An SRT file opens with a cue number, then its timing line ("00:00:01,000 -->").
_SRT_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*\d+[ \t]*\r?\n"  # optional BOM, blank lines, the cue number
    rb"\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->"  # the cue's start time
)


def sniff_content_type(head: bytes) -> str | None:
    """The supported type the first bytes of a file show, if any."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if _SRT_START.match(head):
        return SRT
    return None


def _unsupported(field: str, what: str) -> InvalidRequestError:
    allowed = ", ".join(SUPPORTED_CONTENT_TYPES)
    return InvalidRequestError(
        f"{field}: {what}; HeyGen accepts {allowed}", field=field, allowed=allowed
    )


def check_content_type(content_type: str) -> str:
    """A caller-given type, normalised, or an error naming the types HeyGen accepts."""
    normalised = content_type.split(";", 1)[0].strip().lower()
    normalised = _ALIASES.get(normalised, normalised)
    if normalised not in SUPPORTED_CONTENT_TYPES:
        raise _unsupported("content_type", f"{content_type!r} is not supported")
    return normalised


def resolve_content_type(
    content_type: str | None, *, name: str | None = None, head: bytes = b""
) -> str:
    """Given type, else by file name, else by magic bytes; else a clear error."""
    if content_type:
        return check_content_type(content_type)
    if name:
        by_name = _BY_EXTENSION.get(Path(name).suffix.lower())
        if by_name:
            return by_name
    sniffed = sniff_content_type(head)
    if sniffed:
        return sniffed
    raise _unsupported("content_type", "could not tell the file type; pass content_type")


@dataclass(frozen=True)
class FileBody:
    """A file on disk sent in chunks; ``open_stream`` can be called again for a retry."""

    path: Path
    size: int
    content_type: str

    def open_stream(self) -> AsyncIterator[bytes]:
        return _read_chunks(self.path)


async def _read_chunks(path: Path) -> AsyncIterator[bytes]:
    async with await anyio.open_file(path, "rb") as handle:
        while chunk := await handle.read(UPLOAD_CHUNK_SIZE):
            yield chunk


async def file_body(path: str | os.PathLike[str], content_type: str | None) -> FileBody:
    resolved = Path(os.fspath(path))
    if not await anyio.Path(resolved).is_file():
        raise InvalidRequestError(
            f"path: no such file: {os.fspath(path)!r}", field="path", allowed="an existing file"
        )
    size = (await anyio.Path(resolved).stat()).st_size
    if size == 0:
        raise InvalidRequestError("path: the file is empty", field="path", allowed="non-empty file")
    async with await anyio.open_file(resolved, "rb") as handle:
        head = await handle.read(SNIFF_BYTES)
    kind = resolve_content_type(content_type, name=resolved.name, head=head)
    return FileBody(resolved, size, kind)


def check_url(url: object) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme.lower() not in ("http", "https"):
        raise InvalidRequestError(
            f"url: only http:// and https:// URLs can be fetched (got {url!r})",
            field="url",
            allowed="http(s) URL",
        )
    if not urlsplit(url).hostname:
        raise InvalidRequestError(f"url: no host in {url!r}", field="url", allowed="http(s) URL")
    return url


def _too_large(max_bytes: int) -> InvalidRequestError:
    return InvalidRequestError(
        f"url: the file is larger than the upload cap of {max_bytes} bytes",
        field="url",
        allowed=f"at most {max_bytes} bytes",
    )


@asynccontextmanager
async def spooled_download(
    transport: Transport,
    url: str,
    *,
    content_type: str | None,
    max_bytes: int | None = None,
) -> AsyncIterator[FileBody]:
    """Stream ``url`` into a temporary file (never whole into memory), capped at ``max_bytes``.

    The fetch carries no HeyGen credentials: it goes to a third-party host.
    """
    if max_bytes is None:
        max_bytes = UPLOAD_FROM_URL_MAX_BYTES
    fd, name = tempfile.mkstemp(prefix="heygen-upload-")
    os.close(fd)
    spool = Path(name)
    try:
        size, head, header_type = await retry_media(
            lambda: _fetch_into(transport, url, spool, max_bytes),
            clock=transport.clock,
            max_retries=transport.max_retries,
            give_up=_fetch_failed,
        )
        if size == 0:
            raise InvalidRequestError("url: the file is empty", field="url", allowed="non-empty")
        kind = _type_from_fetch(content_type, header_type, url, head)
        yield FileBody(spool, size, kind)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(spool)


def _fetch_failed(failure: MediaFailure) -> Exception:
    """What the caller gets once the fetch's retries are over."""
    exc = failure.transport_error
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"fetching the upload URL timed out ({exc!r})")
    if exc is not None:
        return APIConnectionError(f"fetching the upload URL failed ({exc!r})")
    return _unreachable(failure.status_code)


def _unreachable(status_code: int) -> InvalidRequestError:
    return InvalidRequestError(
        f"url: fetching it answered HTTP {status_code}", field="url", allowed="a reachable file URL"
    )


async def _fetch_into(
    transport: Transport, url: str, spool: Path, max_bytes: int
) -> tuple[int, bytes, str | None]:
    """One GET of ``url`` into ``spool``: (size, first bytes, Content-Type)."""
    size, head = 0, b""
    try:
        async with transport.open_media(url, timeout=TRANSFER_TIMEOUT) as response:
            if response.status_code in RETRYABLE_STATUS_CODES:
                status = response.status_code
                raise MediaFailure(f"HTTP {status} from the upload source", status_code=status)
            if not response.is_success:
                raise _unreachable(response.status_code)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(max_bytes)
            async with await anyio.open_file(spool, "wb") as out:
                async for chunk in response.aiter_bytes(UPLOAD_CHUNK_SIZE):
                    size += len(chunk)
                    if size > max_bytes:
                        raise _too_large(max_bytes)
                    if len(head) < SNIFF_BYTES:
                        head += chunk[: SNIFF_BYTES - len(head)]
                    await out.write(chunk)
            return size, head, response.headers.get("content-type")
    except httpx.TransportError as exc:
        raise MediaFailure("the transfer broke off", transport_error=exc) from None


def default_filename(content_type: str) -> str:
    """A file name for bytes that came without one (multipart parts need a name)."""
    extension = next((ext for ext, kind in _BY_EXTENSION.items() if kind == content_type), "")
    return f"upload{extension}"


def url_filename(url: str, content_type: str) -> str:
    """The last path segment of ``url``, or a default name for its type."""
    name = Path(urlsplit(url).path).name
    return name if name and "." in name else default_filename(content_type)


def _type_from_fetch(given: str | None, header: str | None, url: str, head: bytes) -> str:
    if given:
        return check_content_type(given)
    if header:
        normalised = _ALIASES.get(header.split(";")[0].strip().lower(), header.split(";")[0])
        if normalised in SUPPORTED_CONTENT_TYPES:
            return normalised
    return resolve_content_type(None, name=urlsplit(url).path, head=head)


def bytes_stream(data: bytes) -> ContentFactory:
    """In-memory bytes as a stream of ``UPLOAD_CHUNK_SIZE`` chunks (opened again per retry)."""

    async def chunks() -> AsyncIterator[bytes]:
        view = memoryview(data)
        for start in range(0, len(data), UPLOAD_CHUNK_SIZE):
            yield bytes(view[start : start + UPLOAD_CHUNK_SIZE])

    return chunks


async def send_upload(
    backend: Backend,
    *,
    content_type: str,
    filename: str,
    content: bytes | None = None,
    stream: ContentFactory | None = None,
    length: int | None = None,
    on_progress: ProgressCallback | None = None,
) -> UploadedAsset:
    """``backend.upload_asset``, telling ``on_progress`` the bytes sent (if given).

    Without a callback the arguments go through unchanged. With one, ``content``
    is sent as a stream of chunks with its ``length``, so that the bytes can be
    counted as the request reads them; ``finished=True`` follows HeyGen's answer.
    """
    progress = reporter(on_progress, "upload", filename)
    if progress is None:
        return await backend.upload_asset(
            content_type=content_type,
            filename=filename,
            content=content,
            stream=stream,
            length=length,
        )
    if stream is None:
        assert content is not None
        stream, length = bytes_stream(content), len(content)
    progress.report(0, length)
    asset = await backend.upload_asset(
        content_type=content_type,
        filename=filename,
        stream=progress.counting(stream, length),
        length=length,
    )
    done = length if length is not None else 0
    progress.report(done, done, finished=True)
    return asset
