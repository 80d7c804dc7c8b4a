"""The single-shot commands: lists, upload, generate, status, wait, download.

Each is ``async def cmd(client, args, out) -> int``: it calls the SDK, prints
with ``Output`` and returns an exit code; errors propagate to ``_app``, which
turns them into one line and a code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import anyio

from .._client import AsyncHeyGenClient
from .._params import video_params
from ..models import VideoStatus
from ._exit import OK, UsageError
from ._render import Output

GENERATE_VIDEO_FIELDS = tuple(param.name for param in video_params())

_VIDEO_FIELDS = ("video_id", "status", "duration", "video_url", "caption_url", "error")


async def avatars(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    if args.talking_photos:
        photos = await client.list_talking_photos()
        rows = [photo.model_dump() for photo in photos]
        out.table(rows, [("talking_photo_id", "Talking photo id"), ("talking_photo_name", "Name")])
        return OK
    found = await client.list_avatars()
    rows = [avatar.model_dump() for avatar in found]
    columns = [
        ("avatar_id", "Avatar id"),
        ("avatar_name", "Name"),
        ("gender", "Gender"),
        ("premium", "Premium"),
    ]
    out.table(rows, columns)
    return OK


async def voices(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.list_voices()
    if args.language:
        wanted = args.language.lower()
        found = [voice for voice in found if (voice.language or "").lower().startswith(wanted)]
    rows = [voice.model_dump() for voice in found]
    columns = [
        ("voice_id", "Voice id"),
        ("name", "Name"),
        ("language", "Language"),
        ("gender", "Gender"),
        ("emotion_support", "Emotions"),
    ]
    out.table(rows, columns)
    return OK


async def assets(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.list_assets(args.type, limit=args.limit)
    rows = [asset.model_dump() for asset in found]
    out.table(rows, [("id", "Asset id"), ("name", "Name"), ("file_type", "Type"), ("url", "URL")])
    return OK


async def upload(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    source: str = args.source
    is_url = source.lower().startswith(("http://", "https://"))
    if not is_url and not await anyio.Path(source).is_file():
        raise UsageError(f"upload: {source} is not a file (or an http(s) URL)")
    asset = await client.upload_asset(source, content_type=args.content_type)
    out.record(asset.model_dump(include={"id", "file_type", "url", "image_key", "name"}))
    return OK


def _status_row(status: VideoStatus, path: Path | None = None) -> dict[str, Any]:
    row = status.model_dump(mode="json", include=set(_VIDEO_FIELDS))
    if path is not None:
        row["path"] = str(path)
    return row


async def status(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    found = await client.get_video_status(args.video_id)
    out.record(_status_row(found))
    return OK


async def wait(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    out.note(f"waiting for video {args.video_id} ...")
    done = await client.wait_for_video(args.video_id)
    out.record(_status_row(done))
    return OK


async def download(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    path = await client.download_video(args.video_id, args.path, caption=args.caption)
    out.record({"video_id": args.video_id, "path": str(path)})
    return OK


def _request_file(path: str | None) -> dict[str, Any]:
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
    unknown = sorted(set(value) - set(GENERATE_VIDEO_FIELDS))
    if unknown:
        raise UsageError(
            f"--request: {path}: unknown field {', '.join(map(repr, unknown))}; "
            f"fields are generate_video's parameters ({', '.join(GENERATE_VIDEO_FIELDS)})"
        )
    return value


def _dimension(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    width, sep, height = text.lower().partition("x")
    try:
        if not sep:
            raise ValueError
        return int(width), int(height)
    except ValueError:
        raise UsageError(
            f"--dimension: expected WIDTHxHEIGHT, e.g. 1280x720 (got {text!r})"
        ) from None


def generate_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """generate_video's keyword arguments: the ``--request`` file, then the flags."""
    kwargs = _request_file(args.request)
    flags = {
        "script": args.script,
        "avatar_id": args.avatar,
        "voice_id": args.voice,
        "title": args.title,
        "dimension": _dimension(args.dimension),
        "background": args.background,
        "avatar_style": args.avatar_style,
        "speed": args.speed,
        "pitch": args.pitch,
        "emotion": args.emotion,
        "locale": args.locale,
        "caption": args.caption or None,
        "callback_id": args.callback_id,
        "callback_url": args.callback_url,
        "folder_id": args.folder_id,
        "test": args.test or None,
    }
    kwargs.update({name: value for name, value in flags.items() if value is not None})
    return kwargs


async def _finish(
    client: AsyncHeyGenClient, args: argparse.Namespace, out: Output, video_id: str
) -> int:
    """After a submission: print the id, or wait (and download) as asked."""
    if not (args.wait or args.download):
        out.record({"video_id": video_id})
        return OK
    out.note(f"submitted video {video_id}; waiting for it to render ...")
    done = await client.wait_for_video(video_id)
    path = None
    if args.download:
        path = await client.download_video(video_id, args.download)
    out.record(_status_row(done, path))
    return OK


async def generate(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    video = await client.generate_video(**generate_kwargs(args))
    return await _finish(client, args, out, video.video_id)


async def avatar_iv(client: AsyncHeyGenClient, args: argparse.Namespace, out: Output) -> int:
    image_key = args.image_key
    if args.image is not None:
        if image_key is not None:
            raise UsageError("avatar-iv: give --image or --image-key, not both")
        out.note(f"uploading {args.image} ...")
        asset = await client.upload_asset(args.image)
        image_key = asset.image_key
        if not image_key:
            raise UsageError(f"avatar-iv: {args.image} was not accepted as an image")
    video = await client.generate_avatar_iv_video(
        args.script,
        image_key,
        args.voice,
        video_title=args.title,
        video_orientation=args.orientation,
        fit=args.fit,
        custom_motion_prompt=args.motion_prompt,
        audio_url=args.audio_url,
        audio_asset_id=args.audio_asset_id,
    )
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
    "voices",
    "wait",
]
