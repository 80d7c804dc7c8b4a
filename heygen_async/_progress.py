"""Byte progress of downloads and uploads: a callback told how far a transfer got.

Pass ``on_progress=`` to ``download_video`` or to any ``upload_asset*`` method::

    def show(progress: TransferProgress) -> None:
        print(progress.name, progress.bytes_done, "of", progress.bytes_total)

    path = await client.download_video(video_id, "videos/", on_progress=show)

How the callback is called:

- **Synchronously, in the event loop**, after each chunk (a few KiB to 256 KiB):
  it must be quick and must not block (update a counter or a progress bar, no
  I/O that waits). With the sync ``HeyGenClient`` it runs on the facade's loop
  thread, not on the thread that made the call.
- **At least twice**: once before the first byte moves (``bytes_done`` is 0, or
  the bytes a resumed download already has on disk) and once at the end, with
  ``finished=True`` and ``bytes_done == bytes_total``, after the file was
  renamed into place (download) or HeyGen accepted it (upload). A transfer that
  fails gets no ``finished`` call.
- **Only when the numbers change**: the same ``(bytes_done, bytes_total)`` is not
  reported twice in a row (except for the final ``finished`` call).
- ``bytes_done`` **can go back**: a download whose server ignored the range (or
  whose file changed) restarts from 0, and so does a retried upload that reads
  its source again. ``bytes_total`` is None until the size is known (a download
  learns it from the response headers).
- **An exception from the callback is not caught**: it aborts the transfer and
  propagates to the caller (a download keeps its ``.part`` for a later resume).
  Raising is thus also a way to stop a transfer.

What an upload counts is the bytes read from the source as the request consumes
them. A v3 upload of at most 32 MB is one multipart request, whose body is read
whole before it is sent: its count reaches the total before the POST answers,
and the ``finished`` call comes when it has. ``upload_asset_from_url`` reports
the upload of the fetched file, not the fetch.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from typing import Literal

from ._errors import InvalidRequestError

TransferKind = Literal["download", "upload"]


@dataclass(frozen=True, slots=True)
class TransferProgress:
    """How far one download or upload got (what an ``on_progress`` callback receives)."""

    kind: TransferKind
    """``"download"`` or ``"upload"``."""
    name: str
    """The video id (download) or the file name sent (upload)."""
    bytes_done: int
    """Bytes transferred so far (a resumed download counts what was already on disk)."""
    bytes_total: int | None
    """The whole size, or None while it is not known."""
    finished: bool = False
    """True on the last call only, once the transfer succeeded."""

    @property
    def fraction(self) -> float | None:
        """``bytes_done / bytes_total`` (0.0 to 1.0), or None without a total."""
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)


ProgressCallback = Callable[[TransferProgress], None]
"""What ``on_progress=`` takes: called with each ``TransferProgress``, in the loop."""

ContentFactory = Callable[[], AsyncIterable[bytes]]


class ProgressReporter:
    """Calls one transfer's callback, skipping repeats of the same numbers."""

    def __init__(self, callback: ProgressCallback, kind: TransferKind, name: str) -> None:
        self._callback = callback
        self._kind: TransferKind = kind
        self._name = name
        self._last: tuple[int, int | None] | None = None

    def report(self, done: int, total: int | None, *, finished: bool = False) -> None:
        numbers = (done, total)
        if numbers == self._last and not finished:
            return
        self._last = numbers
        self._callback(TransferProgress(self._kind, self._name, done, total, finished))

    def counting(self, factory: ContentFactory, total: int | None) -> ContentFactory:
        """``factory`` whose streams report the bytes read from them; each new
        stream (a retry reads the source again) counts from 0."""

        def opened() -> AsyncIterator[bytes]:
            return self._count(factory(), total)

        return opened

    async def _count(self, stream: AsyncIterable[bytes], total: int | None) -> AsyncIterator[bytes]:
        done = 0
        self.report(done, total)
        async for chunk in stream:
            done += len(chunk)
            self.report(done, total)  # handed to the HTTP layer
            yield chunk


def reporter(
    callback: ProgressCallback | None, kind: TransferKind, name: str
) -> ProgressReporter | None:
    """A reporter for ``callback``, or None when there is none (nothing to count)."""
    if callback is None:
        return None
    if not callable(callback):
        raise InvalidRequestError(
            f"on_progress: must be callable (got {type(callback).__name__})",
            field="on_progress",
            allowed="a function taking a TransferProgress",
        )
    return ProgressReporter(callback, kind, name)


__all__ = ["ProgressCallback", "ProgressReporter", "TransferProgress", "reporter"]
