"""``download_video``: a finished video's MP4, streamed to disk safely.

What it guarantees, and why:

- **Atomic.** Bytes go to ``<final>.part`` next to the target, are fsync'd, then
  ``os.replace``-d into place: a reader never sees half a video under the final
  name, even if the process dies mid-transfer.
- **Resumable.** A ``.part`` left by an interrupted transfer (this call's or an
  earlier process's) is continued with ``Range: bytes=<size>-`` when the server
  answers 206; a 200 means it ignored the range, so the file restarts from zero.
- **Fresh URLs.** HeyGen's links are presigned and expire (7 days). A 403, 404 or
  410 from the media host means the link went stale: one more status call signs
  a new one (bounded by ``DOWNLOAD_MAX_URL_REFRESHES``).
- **Verified.** The size the server announced (``Content-Length`` or the total
  of ``Content-Range``) must be what lands on disk; a short body is resumed, a
  persistent mismatch raises ``APIResponseError``.
- **Contained.** The file is written only inside the target directory: a video
  id with a path separator, ``..`` or a control character is refused (an
  ``InvalidRequestError`` for that video alone).
- **No links followed.** The ``.part`` file is opened with ``O_NOFOLLOW`` (and
  checked to be a regular file): a symbolic link planted under its name is
  removed, never written through, and never renamed into the final name.
- **No splicing.** Beside the ``.part`` a small ``.part.meta`` records which
  video (and which ETag and size) it holds; a ``.part`` without it, or of
  another video, or whose ETag or size no longer match, starts again from zero.
  A resume sends ``If-Range`` with the recorded ETag, so a server whose file
  changed answers with the whole new file instead of a range of it.
- **No key leak.** Presigned URLs live on a third-party host (S3/CDN): they are
  fetched without the ``X-Api-Key`` header.
- **Progress.** ``on_progress`` (see ``heygen_async._progress``) is told the bytes
  on disk before each attempt (a resume starts at the ``.part``'s size), after
  each chunk, and once more with ``finished=True`` after the rename; a restart
  from zero shows as ``bytes_done`` going back to 0.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import httpx

from .._constants import (
    DOWNLOAD_MAX_ATTEMPTS,
    DOWNLOAD_MAX_URL_REFRESHES,
    RETRYABLE_STATUS_CODES,
    TRANSFER_TIMEOUT,
)
from .._errors import (
    APIConnectionError,
    APIResponseError,
    InvalidRequestError,
    VideoFailedError,
)
from .._progress import ProgressCallback, ProgressReporter, reporter
from .._transport._envelope import class_for_status
from .._transport._media import MediaFailure, retry_media
from .._transport._retry import parse_retry_after
from .._validation import require_text

if TYPE_CHECKING:
    from .._core import ClientCore
    from ..models import VideoStatus

VIDEO_SUFFIX = ".mp4"
PART_SUFFIX = ".part"
META_SUFFIX = ".part.meta"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_META_MAX = 4096
# Statuses with which S3-style hosts reject a stale presigned URL.
_STALE_URL_STATUSES = frozenset({403, 404, 410})
# Allowed in a video id used as a file name: HeyGen's ids are hex strings.
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Short enough for any file system's name limit with the suffixes added.
_MAX_ID = 200
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


# A job key that can name a file as it is (the bulk runners' <key>.mp4).
SAFE_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def file_name_for(key: str, video_id: str) -> str:
    """``<key>.mp4`` when the key is a safe file name, else ``<video_id>.mp4``
    (a bulk run's file of one job, local or on Temporal)."""
    if SAFE_KEY.match(key) and ".." not in key:
        return f"{key}.mp4"
    return f"{safe_video_id(video_id)}.mp4"


def safe_video_id(video_id: object) -> str:
    """``video_id`` if it can name a file inside the target directory, else InvalidRequestError."""
    text = require_text(video_id, "video_id")
    if len(text) > _MAX_ID or not _SAFE_ID.fullmatch(text) or ".." in text:
        raise InvalidRequestError(
            f"video_id: {text[:_MAX_ID]!r} cannot be used as a file name "
            f"(letters, digits, '_', '-' and '.' only, no '..', at most {_MAX_ID})",
            field="video_id",
            allowed="letters, digits, '_', '-', '.'",
        )
    return text


def target_path(path: str | os.PathLike[str], video_id: str, *, caption: bool = False) -> Path:
    """Where the video goes: ``path`` itself if it names an ``.mp4`` file, otherwise
    ``<path>/<video_id>.mp4`` (``<video_id>_caption.mp4`` for the captioned version)."""
    given = Path(os.fspath(path))
    if given.suffix.lower() == VIDEO_SUFFIX and not given.is_dir():
        if not given.name[: -len(VIDEO_SUFFIX)].strip():
            raise InvalidRequestError(
                f"path: {given} has no file name", field="path", allowed="a directory or NAME.mp4"
            )
        return given
    if given.exists() and not given.is_dir():
        # Else mkdir fails later with a bare FileExistsError that names no reason.
        raise InvalidRequestError(
            f"path: {given} is a file, not a folder (give a folder, or a file name ending in .mp4)",
            field="path",
            allowed="a directory or NAME.mp4",
        )
    name = f"{video_id}_caption{VIDEO_SUFFIX}" if caption else f"{video_id}{VIDEO_SUFFIX}"
    return given / name


class _Stale(Exception):
    """The presigned URL was refused: fetch a new one."""


@dataclass(eq=False)
class _Retry(MediaFailure):
    """A transient failure: try again after a pause, resuming unless ``restart``."""

    restart: bool = False


class _Download:
    """One download's state: the URL, the ``.part`` file and the expected size."""

    def __init__(
        self,
        core: ClientCore,
        video_id: str,
        target: Path,
        *,
        caption: bool,
        progress: ProgressReporter | None = None,
    ) -> None:
        self.core = core
        self.progress = progress
        self.video_id = video_id
        self.target = target
        self.part = target.with_name(target.name + PART_SUFFIX)
        self.meta = target.with_name(target.name + META_SUFFIX)
        self.caption = caption
        self.url = ""
        self.expected: int | None = None
        self.etag: str | None = None
        # (st_dev, st_ino) of the part file this download wrote, checked before the rename.
        self.identity: tuple[int, int] | None = None
        # Bytes in the part file after the last attempt (what the final report says).
        self.size = 0
        # Times the host refused the URL, each answered by a freshly signed one.
        self.refreshes = 0

    def _report(self, done: int, *, finished: bool = False) -> None:
        if self.progress is not None:
            total = done if finished else self.expected
            self.progress.report(done, total, finished=finished)

    async def fresh_url(self) -> None:
        """Read the status once for a freshly signed link (or the reason there is none)."""
        status = await self.core.get_video_status(self.video_id)
        if status.is_failed:
            raise VideoFailedError.from_status(status)
        if not status.is_completed:
            raise InvalidRequestError(
                f"video {self.video_id} is not finished (status: {status.status.value}); "
                "wait for it first (wait_for_video)",
                field="video_id",
                allowed="a completed video",
            )
        self.url = self._pick_url(status)

    def _pick_url(self, status: VideoStatus) -> str:
        url = status.captioned_url if self.caption else status.video_url
        if not url:
            what = "captioned version (generate it with caption=True)" if self.caption else "URL"
            raise APIResponseError(f"video {self.video_id} is completed but has no {what}")
        return url

    async def run(self) -> Path:
        await anyio.Path(self.target.parent).mkdir(parents=True, exist_ok=True)
        await self.fresh_url()
        # The SDK's one media retry loop; a short or interrupted body counts as a
        # failed attempt of a safe-to-repeat GET.
        await retry_media(
            self._try,
            clock=self.core.clock,
            max_retries=DOWNLOAD_MAX_ATTEMPTS - 1,
            give_up=lambda failure: self._gave_up(failure.reason),
        )
        return self.target

    async def _try(self) -> None:
        """One try: attempts, with a freshly signed URL each time the host refuses
        the one it has (a stale link is not a failed attempt)."""
        while True:
            try:
                await self._attempt()
                await self._commit()
                self._report(self.size, finished=True)
                return
            except _Stale:
                self.refreshes += 1
                if self.refreshes > DOWNLOAD_MAX_URL_REFRESHES:
                    raise APIResponseError(
                        f"video {self.video_id}: the download URL was refused "
                        f"{self.refreshes} times, even freshly signed"
                    ) from None
                await self.fresh_url()
            except _Retry as retry:
                if retry.restart:
                    await anyio.to_thread.run_sync(self._discard)
                raise

    def _gave_up(self, reason: str) -> Exception:
        text = f"video {self.video_id}: download failed after {DOWNLOAD_MAX_ATTEMPTS} attempts"
        if reason.startswith("size"):
            return APIResponseError(f"{text}: {reason}")
        return APIConnectionError(f"{text}: {reason}")

    def _discard(self) -> None:
        """Remove the part file and its record (links themselves, never their targets)."""
        _unlink(self.part)
        _unlink(self.meta)
        self.expected, self.etag, self.identity = None, None, None

    def _resumable(self) -> int:
        """The size of a ``.part`` this very video left (0 when there is none).

        A link, a non-file, a part without its record or with another video's is
        removed: it starts again from zero.
        """
        try:
            info = os.lstat(self.part)
        except FileNotFoundError:
            return 0
        meta = _read_meta(self.meta)
        if (
            not stat.S_ISREG(info.st_mode)
            or meta is None
            or meta.get("video_id") != self.video_id
            or meta.get("caption") != self.caption
        ):
            self._discard()
            return 0
        size, etag = meta.get("size"), meta.get("etag")
        recorded = size if isinstance(size, int) and not isinstance(size, bool) else None
        if recorded is not None and self.expected is not None and recorded != self.expected:
            self._discard()
            return 0
        if recorded is not None and info.st_size > recorded:
            self._discard()
            return 0
        self.expected = recorded if recorded is not None else self.expected
        self.etag = etag if isinstance(etag, str) else None
        return info.st_size

    def _record(self, response: httpx.Response) -> None:
        """Write the ``.part.meta`` of a transfer starting from zero."""
        etag = response.headers.get("etag")
        self.etag = etag if etag and not etag.startswith("W/") else None
        record = {
            "video_id": self.video_id,
            "caption": self.caption,
            "size": self.expected,
            "etag": self.etag,
        }
        _write_private(self.meta, json.dumps(record).encode())

    async def _attempt(self) -> None:
        """One GET, resuming from the ``.part`` file's size; raises _Stale or _Retry."""
        offset = await anyio.to_thread.run_sync(self._resumable)
        self.size = offset
        self._report(offset)
        if self.expected is not None and offset == self.expected:
            return  # everything arrived on an earlier attempt
        # identity: the announced length is then the file's size, and ranges are
        # byte offsets into the file itself.
        headers = {"Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            if self.etag:
                # A file that changed since is sent whole (200), not as a range of it.
                headers["If-Range"] = self.etag
        try:
            # No X-Api-Key goes to the media host; the client's timeout applies.
            async with self.core.transport.open_media(
                self.url, headers=headers, timeout=TRANSFER_TIMEOUT
            ) as response:
                start = self._check_response(response, offset)
                self._report(start)
                await self._write_body(response, start)
        except httpx.TransportError as exc:
            raise MediaFailure(
                f"transfer interrupted ({type(exc).__name__})", transport_error=exc
            ) from None
        size = self.size = await anyio.to_thread.run_sync(self._resumable)
        if self.expected is None or size == self.expected:
            return
        if size < self.expected:
            raise _Retry(f"size mismatch: got {size} of {self.expected} bytes")
        raise _Retry(f"size mismatch: got {size} bytes, expected {self.expected}", restart=True)

    def _check_response(self, response: httpx.Response, offset: int) -> int:
        """The byte offset the body starts at; records the expected total size."""
        status = response.status_code
        if status in _STALE_URL_STATUSES:
            raise _Stale
        if status == 416 and offset:
            # The range starts at or past the end: complete if it is exactly the end.
            total = response.headers.get("content-range", "").rpartition("/")[2].strip()
            if total.isdigit() and int(total) == offset:
                self.expected = offset
                return offset
            self.expected = None
            raise _Retry("size mismatch: the partial file is longer than the video", restart=True)
        if status in RETRYABLE_STATUS_CODES:
            raise _Retry(
                f"HTTP {status} from the media host",
                status_code=status,
                retry_after=parse_retry_after(response.headers),
            )
        if status == 206:
            match = _CONTENT_RANGE.match(response.headers.get("content-range", "").strip())
            if match is None or int(match.group(1)) != offset:
                raise APIResponseError(
                    f"video {self.video_id}: unexpected Content-Range "
                    f"{response.headers.get('content-range')!r} for a resume at byte {offset}",
                    status_code=status,
                )
            etag = response.headers.get("etag")
            if self.etag and etag and etag != self.etag:
                raise _Retry(
                    "size mismatch: the video changed since the partial file", restart=True
                )
            total = match.group(3)
            self._expect(int(total) if total != "*" else None)
            return offset
        if status == 200:
            length = response.headers.get("content-length", "")
            encoded = response.headers.get("content-encoding", "identity") != "identity"
            # An encoded body's length is not the file's size: nothing to verify then.
            self._expect(int(length) if length.isdigit() and not encoded else None)
            return 0
        cls = class_for_status(status)
        raise cls(
            f"the media host refused the download of video {self.video_id}", status_code=status
        )

    def _expect(self, total: int | None) -> None:
        if total is not None and self.expected is not None and total != self.expected:
            # The file behind the URL changed size: what we have may not match it.
            self.expected = None
            raise _Retry("size mismatch: the video's size changed between attempts", restart=True)
        self.expected = total if total is not None else self.expected

    async def _write_body(self, response: httpx.Response, start: int) -> None:
        if response.status_code == 416:
            return  # nothing more to fetch
        if not start:
            await anyio.to_thread.run_sync(self._discard_part_only)
            await anyio.to_thread.run_sync(self._record, response)
        fd = await anyio.to_thread.run_sync(self._open_part, bool(start))
        async with anyio.wrap_file(os.fdopen(fd, "ab")) as file:
            try:
                # Chunks as they arrive: a size-buffered iterator would lose the
                # bytes it holds when the connection dies.
                done = start
                async for chunk in response.aiter_bytes():
                    await file.write(chunk)
                    done += len(chunk)
                    self._report(done)
            finally:
                # Keep what did arrive (on disk, not just in a buffer) for the resume.
                await file.flush()
                await anyio.to_thread.run_sync(os.fsync, file.wrapped.fileno())

    def _discard_part_only(self) -> None:
        _unlink(self.part)

    def _open_part(self, append: bool) -> int:
        """The part file opened for writing, never through a symbolic link."""
        flags = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | (os.O_APPEND if append else os.O_TRUNC)
        if not _NOFOLLOW and self.part.is_symlink():
            self._discard()
            raise _Retry("size mismatch: the partial file was a symbolic link", restart=True)
        try:
            fd = os.open(self.part, flags, 0o666)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.EMLINK):
                raise
            self._discard()
            raise _Retry(
                "size mismatch: the partial file was a symbolic link", restart=True
            ) from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            self._discard()
            raise _Retry("size mismatch: the partial file is not a regular file", restart=True)
        self.identity = (info.st_dev, info.st_ino)
        return fd

    async def _commit(self) -> None:
        await anyio.to_thread.run_sync(self._replace)

    def _replace(self) -> None:
        """Rename the part file into place if it is still the regular file we wrote."""
        try:
            info = os.lstat(self.part)
        except FileNotFoundError:
            raise _Retry("size mismatch: the partial file disappeared", restart=True) from None
        if not stat.S_ISREG(info.st_mode) or (
            self.identity is not None and (info.st_dev, info.st_ino) != self.identity
        ):
            self._discard()
            raise _Retry("size mismatch: the partial file was replaced", restart=True)
        _replace_durably(self.part, self.target)
        _unlink(self.meta)


def _unlink(path: Path) -> None:
    """Remove a directory entry (a link itself, never what it points to)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _read_meta(path: Path) -> dict[str, object] | None:
    """The record beside a part file, or None (missing, a link, unreadable)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, _META_MAX + 1)
    finally:
        os.close(fd)
    if len(data) > _META_MAX:
        return None
    try:
        record = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _write_private(path: Path, data: bytes) -> None:
    """Write ``path`` afresh, never through a symbolic link planted under its name."""
    _unlink(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _replace_durably(part: Path, target: Path) -> None:
    os.replace(part, target)
    # Persist the rename itself (POSIX: fsync the directory entry).
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


async def download_video(
    core: ClientCore,
    video_id: str,
    path: str | os.PathLike[str],
    *,
    caption: bool = False,
    on_progress: ProgressCallback | None = None,
) -> Path:
    """Download ``video_id``'s MP4 to ``path`` (a directory or an ``.mp4`` file name);
    ``on_progress`` is told the bytes on disk as they arrive."""
    safe_id = safe_video_id(video_id)
    target = target_path(path, safe_id, caption=caption)
    progress = reporter(on_progress, "download", safe_id)
    return await _Download(core, safe_id, target, caption=caption, progress=progress).run()


__all__ = ["download_video", "safe_video_id", "target_path"]
