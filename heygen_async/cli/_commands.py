"""The single-shot commands: lists, upload, generate, status, wait, download.

A wait (``wait``, ``generate --wait``) shows a live status with the elapsed time
on a terminal (one line per status change otherwise); a download or an upload
shows a bar with its bytes and speed on a terminal (nothing on the way otherwise).

Each is ``async def cmd(client, args, out) -> int``: it calls the SDK, prints
with ``Output`` and returns an exit code; errors propagate to ``_app``, which
turns them into one line and a code.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio

from .. import (
    APIResponseError,
    AsyncHeyGenClient,
    HeyGenError,
    InvalidRequestError,
    VideoError,
    VideoStatus,
)
from ..params import Param, avatar_iv_params, video_params
from ..workflows import JobEvent, JobStatusChanged
from ._exit import OK, UsageError
from ._options import flag_for, options_from_args
from ._progress import TransferBar
from ._render import Columns, Output

if TYPE_CHECKING:
    from pydantic import BaseModel

# The columns of each listing command (``--json`` prints every field instead).
_TALKING_PHOTO_COLUMNS = [("talking_photo_id", "Talking photo id"), ("talking_photo_name", "Name")]
_AVATAR_COLUMNS = [
    ("avatar_id", "Avatar id"),
    ("avatar_name", "Name"),
    ("gender", "Gender"),
    ("premium", "Premium"),
]
_VOICE_COLUMNS = [
    ("voice_id", "Voice id"),
    ("name", "Name"),
    ("language", "Language"),
    ("gender", "Gender"),
    ("emotion_support", "Emotions"),
]
_ASSET_COLUMNS = [("id", "Asset id"), ("name", "Name"), ("file_type", "Type"), ("url", "URL")]


def _listing(out: Output, found: Sequence[BaseModel], columns: Columns) -> int:
    """Print a listing command's models as a table (their full fields with ``--json``)."""
    out.table([model.model_dump() for model in found], columns)
    return OK


async def avatars(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    if args.talking_photos:
        return _listing(out, await client.list_talking_photos(), _TALKING_PHOTO_COLUMNS)
    return _listing(out, await client.list_avatars(), _AVATAR_COLUMNS)


async def voices(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.list_voices()
    if args.language:
        wanted = args.language.lower()
        found = [voice for voice in found if (voice.language or "").lower().startswith(wanted)]
    return _listing(out, found, _VOICE_COLUMNS)


async def assets(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.list_assets(args.type, limit=args.limit)
    return _listing(out, found, _ASSET_COLUMNS)


async def upload(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    source: str = args.source
    is_url = source.lower().startswith(("http://", "https://"))
    if not is_url and not await anyio.Path(source).is_file():
        raise UsageError(f"upload: {source} is not a file (or an http(s) URL)")
    with transfer_bar(out, f"upload {source}") as bar:
        asset = await client.upload_asset(source, content_type=args.content_type, on_progress=bar)
    record = asset.model_dump(include={"id", "file_type", "url", "name"})
    record["image_key"] = client.image_key_of(asset)  # what avatar-iv --image-key takes
    # Piped, the one value a script goes on with: the image key of a photo (what
    # avatar-iv --image-key takes), else the asset id.
    out.value(record["image_key"] or asset.id, record)
    return OK


def transfer_bar(out: Output, label: str) -> TransferBar:
    """The byte progress of one transfer: drawn on a terminal, unless ``--json``."""
    return TransferBar(out.err_console, label, interactive=out.interactive and not out.as_json)


def error_line(error: VideoError | None) -> str | None:
    """HeyGen's reason for a failed video as ``code: message`` (and its detail)."""
    if error is None:
        return None
    parts = [str(part) for part in (error.code, error.message) if part not in (None, "")]
    text = ": ".join(parts) or "no reason given"
    return f"{text} ({error.detail})" if error.detail else text


# What a wait shows before its first status check has answered.
CHECKING = "checking its status"


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(max(0.0, seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class WaitDisplay:
    """The live status of one wait: a spinner line on a terminal, redrawn every
    second with the elapsed time; otherwise one line per status change."""

    def __init__(
        self, out: Output, video_id: str, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.out = out
        self.video_id = video_id
        # No state is known before the first status check answers: the line says
        # so (it once said "pending", of a video that might long be finished).
        self.state = CHECKING
        self._clock = clock
        self._started = clock()
        self._status: Any = None

    def text(self) -> str:
        elapsed = _clock_text(self._clock() - self._started)
        return f"video {self.video_id}: {self.state} ({elapsed} elapsed)"

    def on_event(self, event: JobEvent) -> None:
        if isinstance(event, JobStatusChanged):
            self.state = event.status.status.value
            if self._status is not None:
                self._status.update(self.text())
            else:
                self.out.note(self.text())

    async def run(self, wait: Callable[[], Any]) -> VideoStatus:
        if self.out.as_json or not self.out.interactive:
            self.out.note(self.text())
            result: VideoStatus = await wait()
            return result
        with self.out.err_console.status(self.text()) as status:
            self._status = status
            async with anyio.create_task_group() as group:

                async def tick() -> None:
                    while True:
                        await anyio.sleep(1.0)
                        status.update(self.text())

                group.start_soon(tick)
                try:
                    result = await wait()
                finally:
                    group.cancel_scope.cancel()
            self._status = None
        return result


async def wait_live(client: AsyncHeyGenClient, out: Output, video_id: str) -> VideoStatus:
    """``wait_for_video`` with a live status (through ``generate_many``, whose events
    carry each status change); raises what the wait would."""
    display = WaitDisplay(out, video_id)

    async def wait() -> VideoStatus:
        found = None
        jobs = [{"video_id": video_id}]
        results = client.generate_many(jobs, on_event=display.on_event)
        async with contextlib.aclosing(results):
            async for result in results:
                found = result
                break
        if found is None:
            raise HeyGenError(f"video {video_id}: the wait ended without a result")
        if found.error is not None:
            raise found.error
        if found.status is None:  # pragma: no cover - a completed job has one
            raise HeyGenError(f"video {video_id}: no status")
        return found.status

    return await display.run(wait)


def status_row(status: VideoStatus, path: Path | None = None) -> dict[str, Any]:
    """A status as the CLI prints it, the same on every API version (v2's
    ``video_url_caption``/``caption_url`` and v3's ``captioned_video_url``/
    ``subtitle_url`` both land in ``captioned_video_url`` and ``caption_file_url``)."""
    error = status.error
    row: dict[str, Any] = {
        "video_id": status.video_id,
        "status": status.status.value,
        "duration": status.duration,
        "video_url": status.video_url,
        "captioned_video_url": status.captioned_url,
        "caption_file_url": status.subtitle_url or status.caption_url,
        "error": error_line(error),
    }
    if path is not None:
        row["path"] = str(path)
    return row


async def status(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.get_video_status(args.video_id)
    out.record(status_row(found))
    return OK


async def wait(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    done = await wait_live(client, out, args.video_id)
    out.record(status_row(done))
    return OK


async def download(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    try:
        with transfer_bar(out, f"download {args.video_id}") as bar:
            path = await client.download_video(
                args.video_id, args.path, caption=args.caption, on_progress=bar
            )
    except APIResponseError as exc:
        if args.caption and "captioned version" in str(exc):
            raise APIResponseError(
                f"video {args.video_id} has no captioned version (make one with generate --caption)"
            ) from None
        raise
    out.value(str(path), {"video_id": args.video_id, "path": str(path)})
    return OK


def _when(created_at: float | None) -> str | None:
    if created_at is None:
        return None
    moment = datetime.datetime.fromtimestamp(created_at, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


async def videos(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.list_videos(limit=args.limit)
    rows = [
        {**video.model_dump(mode="json"), "created": _when(video.created_at)} for video in found
    ]
    columns = [
        ("video_id", "Video id"),
        ("status", "Status"),
        ("video_title", "Title"),
        ("created", "Created"),
        ("callback_id", "Callback id"),
    ]
    out.table(rows, columns)
    return OK


def _request_file(path: str | None, params: tuple[Param, ...], method: str) -> dict[str, Any]:
    """The keyword arguments in a ``--request`` JSON file."""
    if path is None:
        return {}
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"--request: cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"--request: {path} is not valid JSON ({exc.msg})") from None
    if not isinstance(value, dict):
        raise UsageError(f"--request: {path} must hold a JSON object")
    names = [param.name for param in params]
    unknown = sorted(set(value) - set(names))
    if unknown:
        raise UsageError(
            f"--request: {path}: unknown field {', '.join(map(repr, unknown))}; "
            f"fields are {method}'s parameters ({', '.join(names)})"
        )
    return value


def _arguments(
    args: argparse.Namespace, params: tuple[Param, ...], method: str
) -> tuple[dict[str, Any], set[str]]:
    """The ``--request`` file, then the flags over it; and the names flags gave."""
    kwargs = _request_file(getattr(args, "request", None), params, method)
    flags = options_from_args(args, params)
    kwargs.update(flags)
    return kwargs, set(flags)


def generate_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """generate_video's keyword arguments: the ``--request`` file, then the flags."""
    return _arguments(args, video_params(), "generate_video")[0]


_SDK_VERSION_HINT = re.compile(r'api_version="(v\d+)"')


# The command that lists what an unknown id was looked up in (APIStatusError.catalogue).
CLI_LISTINGS = {
    "avatar": "heygen-async avatars",
    "talking_photo": "heygen-async avatars --talking-photos",
    "voice": "heygen-async voices",
}


def error_in_cli_words(error: BaseException) -> str:
    """An error's text, and for an id HeyGen could not find, the command that lists
    the ones the key can use (the SDK's own hint names the client method)."""
    text = str(error) or type(error).__name__
    listing = CLI_LISTINGS.get(str(getattr(error, "catalogue", None)))
    return f"{text} (or `{listing}`)" if listing else text


def for_the_command_line(exc: InvalidRequestError, flag: str | None = None) -> str:
    """An SDK validation message in the CLI's words: under the flag's name, and with
    ``--api-version v2`` where the SDK says ``api_version="v2"``."""
    message = _SDK_VERSION_HINT.sub(r"--api-version \1", str(exc))
    if flag is None:
        return message
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2 :]
    return f"{flag}: {message}"


@contextlib.contextmanager
def _naming_flags(from_flags: set[str]) -> Iterator[None]:
    """An invalid argument is reported in the CLI's words (under the flag's name
    when a flag gave it)."""
    try:
        yield
    except InvalidRequestError as exc:
        flag = flag_for(exc.field) if exc.field in from_flags else None
        raise InvalidRequestError(
            for_the_command_line(exc, flag), field=exc.field, allowed=exc.allowed
        ) from None


async def _finish(
    client: AsyncHeyGenClient, args: argparse.Namespace, out: Output, video_id: str
) -> int:
    """After a submission: print the id, or wait (and download) as asked."""
    if not (args.wait or args.download):
        out.value(video_id, {"video_id": video_id})
        return OK
    out.note(f"submitted video {video_id}; waiting for it to render ...")
    done = await wait_live(client, out, video_id)
    path = None
    if args.download:
        with transfer_bar(out, f"download {video_id}") as bar:
            path = await client.download_video(video_id, args.download, on_progress=bar)
    out.record(status_row(done, path))
    return OK


async def generate(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    kwargs, from_flags = _arguments(args, video_params(), "generate_video")
    with _naming_flags(from_flags):
        video = await client.generate_video(**kwargs)
    return await _finish(client, args, out, video.video_id)


async def avatar_iv(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    kwargs, from_flags = _arguments(args, avatar_iv_params(), "generate_avatar_iv_video")
    if args.image is not None:
        if kwargs.get("image_key") is not None:
            raise UsageError("avatar-iv: give --image or --image-key, not both")
        out.note(f"uploading {args.image} ...")
        with transfer_bar(out, f"upload {args.image}") as bar:
            asset = await client.upload_asset(args.image, on_progress=bar)
        image_key = client.image_key_of(asset)
        if not image_key:
            raise UsageError(f"avatar-iv: --image: {args.image} was not accepted as an image")
        kwargs["image_key"] = image_key
    with _naming_flags(from_flags):
        video = await client.generate_avatar_iv_video(**kwargs)
    return await _finish(client, args, out, video.video_id)


__all__ = [
    "assets",
    "avatar_iv",
    "avatars",
    "download",
    "generate",
    "generate_kwargs",
    "status",
    "upload",
    "videos",
    "voices",
    "wait",
]
