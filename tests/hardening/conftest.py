"""Shared pieces of the hardening tests (issue 12): a key to leak, clients on both
API versions, an instant clock, and one call of every public client method."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, PollPolicy
from heygen_async.testing import InstantClock, use_clock

API_KEY = "sk-HARDEN-0123456789abcdefXYZ"
API = "https://api.heygen.com"
UPLOAD = "https://upload.heygen.com"
MEDIA = "https://media.example.com/source.png"
VERSIONS = ("v3", "v2")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_client(version: str, **kwargs: Any) -> AsyncHeyGenClient:
    kwargs.setdefault("max_retries", 1)
    kwargs.setdefault("poll", PollPolicy(timeout=60, max_poll_failures=3))
    client = AsyncHeyGenClient(api_key=API_KEY, api_version=version, **kwargs)
    use_clock(client, InstantClock(1000.0, jitter="low"))
    return client


async def _drain(iterator: AsyncIterator[Any], most: int = 300) -> list[Any]:
    items: list[Any] = []
    async for item in iterator:
        items.append(item)
        if len(items) >= most:
            break
    return items


Call = Callable[[AsyncHeyGenClient, Path], Awaitable[Any]]

# One call of every public method of AsyncHeyGenClient, with valid arguments.
CALLS: dict[str, Call] = {
    "generate_video": lambda c, _: c.generate_video("Hello", "avatar_1", "voice_1"),
    "generate_avatar_iv_video": lambda c, _: c.generate_avatar_iv_video(
        "Hello", "asset_1", "voice_1"
    ),
    "get_video_status": lambda c, _: c.get_video_status("vid_1"),
    "get_video_statuses": lambda c, _: c.get_video_statuses(["vid_1", "vid_2"]),
    "get_video_url": lambda c, _: c.get_video_url("vid_1"),
    "list_videos": lambda c, _: c.list_videos(limit=250),
    "iter_videos": lambda c, _: _drain(c.iter_videos()),
    "list_avatars": lambda c, _: c.list_avatars(),
    "list_talking_photos": lambda c, _: c.list_talking_photos(),
    "list_voices": lambda c, _: c.list_voices(),
    "list_assets": lambda c, _: c.list_assets(limit=250),
    "iter_assets": lambda c, _: _drain(c.iter_assets()),
    "upload_asset": lambda c, _: c.upload_asset(PNG),
    "upload_asset_from_file": lambda c, tmp: c.upload_asset_from_file(_png_file(tmp)),
    "upload_asset_from_bytes": lambda c, _: c.upload_asset_from_bytes(PNG),
    "upload_asset_from_url": lambda c, _: c.upload_asset_from_url(MEDIA),
    "download_video": lambda c, tmp: c.download_video("vid_1", tmp / "out"),
    "find_videos_by_callback_id": lambda c, _: c.find_videos_by_callback_id({"cb_1"}),
    "wait_for_video": lambda c, _: c.wait_for_video("vid_1", timeout=60),
    "wait_for_videos": lambda c, _: _drain(c.wait_for_videos(["vid_1", "vid_2"], timeout=60)),
    "generate_video_and_wait": lambda c, _: c.generate_video_and_wait(
        "Hello", "avatar_1", "voice_1", timeout=60
    ),
    "generate_avatar_iv_video_and_wait": lambda c, _: c.generate_avatar_iv_video_and_wait(
        "Hello", "asset_1", "voice_1", timeout=60
    ),
    "generate_many": lambda c, _: _drain(
        c.generate_many(
            [{"script": "Hello", "avatar_id": "avatar_1", "voice_id": "voice_1"}],
            poll=PollPolicy(timeout=60, max_poll_failures=3),
        )
    ),
}


def _png_file(tmp: Path) -> Path:
    path = tmp / "face.png"
    path.write_bytes(PNG)
    return path


def public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(AsyncHeyGenClient)
        if not name.startswith("_")
        and (inspect.iscoroutinefunction(member) or inspect.isasyncgenfunction(member))
        and name not in ("aclose",)
    }


@pytest.fixture(autouse=True)
def _no_version_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_API_VERSION", raising=False)
