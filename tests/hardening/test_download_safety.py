"""Issue 12.3: downloads are safe in a hostile folder.

A video id from a server that would escape the target is refused for that video
alone; a planted ``.part`` symlink is never followed and never becomes the final
file; a leftover ``.part`` of another video (or of an older version of this one)
is never spliced into this one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx

from heygen_async import APIConnectionError, InvalidRequestError
from heygen_async.workflows import _download

from .conftest import API, make_client

STATUS_PATH = f"{API}/v1/video_status.get"
CDN = "https://cdn.example"


def video(name: str, size: int = 5000) -> bytes:
    return (b"\x00\x00\x00\x18ftypisom" + name.encode() * size)[:size]


class Media:
    """A media host that honours Range and If-Range (strong ETags)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.requests: list[httpx.Request] = []
        self.cut: int | None = None  # drop the connection after this many bytes, once

    def serve(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body, etag = self.files[request.url.path.strip("/").removesuffix(".mp4")]
        headers = {"ETag": etag}
        wanted = request.headers.get("range")
        if_range = request.headers.get("if-range")
        if wanted and (if_range is None or if_range == etag):
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            return httpx.Response(206, headers=headers, content=body[start:])
        if self.cut is not None:
            cut, self.cut = self.cut, None
            headers["Content-Length"] = str(len(body))
            return httpx.Response(200, headers=headers, stream=_Broken(body[:cut]))
        return httpx.Response(200, headers=headers, content=body)


class _Broken(httpx.AsyncByteStream):
    def __init__(self, head: bytes) -> None:
        self.head = head

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        yield self.head
        raise httpx.ReadError("connection reset")


def routes(router: respx.MockRouter, media: Media) -> None:
    def status(request: httpx.Request) -> httpx.Response:
        video_id = request.url.params["video_id"]
        url = f"{CDN}/{video_id}.mp4"
        return httpx.Response(
            200,
            json={"code": 100, "data": {"id": video_id, "status": "completed", "video_url": url}},
        )

    router.get(STATUS_PATH).mock(side_effect=status)
    router.route(host="cdn.example").mock(side_effect=media.serve)


async def fetch(video_id: str, path: Path | str, **kwargs: Any) -> Path:
    async with make_client("v2", **kwargs) as client:
        with anyio.fail_after(10):
            return await client.download_video(video_id, path)


@pytest.mark.parametrize(
    "video_id",
    ["../../x", "../x", "a/../../b", "..", "/etc/passwd", "a\nb", "a\x00b", "a" * 300, ".hidden"],
)
async def test_a_server_id_that_escapes_is_refused_for_that_video(
    tmp_path: Path, video_id: str
) -> None:
    target = tmp_path / "videos"
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        routes(router, media)
        with pytest.raises(InvalidRequestError) as caught:
            await fetch(video_id, target)
        assert caught.value.field == "video_id"
        media.files["good"] = (video("good"), '"1"')
        # The same client goes on with the next video: nothing was aborted.
        assert (await fetch("good", target)).read_bytes() == video("good")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["good.mp4", "videos"]


async def test_a_planted_part_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "vid_1.mp4.part").symlink_to(victim)
    (folder / "vid_1.mp4.part.meta").write_text(json.dumps({"video_id": "vid_1", "caption": False}))
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_1"] = (video("one"), '"1"')
        routes(router, media)
        path = await fetch("vid_1", folder)
    assert victim.read_bytes() == b"precious"
    assert not path.is_symlink() and path.read_bytes() == video("one")
    assert "range" not in media.requests[-1].headers


async def test_a_part_turned_into_a_symlink_mid_download_never_becomes_the_file(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    folder = tmp_path / "out"
    media = Media()
    media.files["vid_1"] = (video("one"), '"1"')

    class Swapping(Media):
        def serve(self, request: httpx.Request) -> httpx.Response:
            part = folder / "vid_1.mp4.part"
            if part.exists() and not part.is_symlink():  # the attacker strikes mid-transfer
                part.unlink()
                part.symlink_to(victim)
            return media.serve(request)

    swapping = Swapping()
    media.cut = 1000
    with respx.mock(assert_all_called=False) as router:
        routes(router, swapping)
        path = await fetch("vid_1", folder)
    assert victim.read_bytes() == b"precious"
    assert not path.is_symlink() and path.read_bytes() == video("one")


class _ThenSwap(httpx.AsyncByteStream):
    """The whole body, then (as the client asks for more) ``swap()``: the part file
    changes after its last byte was written and before the download renames it."""

    def __init__(self, body: bytes, swap: Callable[[], None]) -> None:
        self.body, self.swap = body, swap

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        yield self.body
        self.swap()


async def test_a_part_replaced_by_another_file_after_the_transfer_is_not_renamed(
    tmp_path: Path,
) -> None:
    """The rename checks that the part is still the file this attempt wrote (same
    device and inode): a same-size file put in its place, with its record intact,
    passes every size check and would otherwise become the video (issue 19.10)."""
    part = tmp_path / "vid_1.mp4.part"
    planted = b"E" * 5000  # the video's size, other bytes

    def plant() -> None:
        part.unlink()
        part.write_bytes(planted)

    class SwapOnce(Media):
        def serve(self, request: httpx.Request) -> httpx.Response:
            answer = super().serve(request)
            if len(self.requests) > 1:
                return answer
            return httpx.Response(
                200, headers=answer.headers, stream=_ThenSwap(video("one"), plant)
            )

    with respx.mock(assert_all_called=False) as router:
        media = SwapOnce()
        media.files["vid_1"] = (video("one"), '"1"')
        routes(router, media)
        path = await fetch("vid_1", tmp_path)
    assert path.read_bytes() == video("one")
    assert len(media.requests) == 2  # the swapped part was dropped, the video fetched again
    assert "range" not in media.requests[-1].headers


async def test_a_complete_part_turned_into_a_symlink_before_the_rename_is_not_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part an earlier run finished (its record gives the full size) is renamed
    without this run opening or fetching it: the rename itself must see that the
    name is now a symbolic link, and must not move the link into place (19.10)."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    part = tmp_path / "vid_1.mp4.part"
    part.write_bytes(video("one"))
    (tmp_path / "vid_1.mp4.part.meta").write_text(
        json.dumps({"video_id": "vid_1", "caption": False, "size": 5000, "etag": '"1"'})
    )
    swaps: list[Path] = []
    rename = _download._Download._replace

    def swap_then_rename(self: Any) -> None:
        if not swaps:  # the attacker strikes once, between the last check and the rename
            part.unlink()
            part.symlink_to(victim)
            swaps.append(part)
        rename(self)

    monkeypatch.setattr(_download._Download, "_replace", swap_then_rename)

    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_1"] = (video("one"), '"1"')
        routes(router, media)
        path = await fetch("vid_1", tmp_path)
    assert swaps, "the rename was never reached"
    assert victim.read_bytes() == b"precious"
    assert not path.is_symlink() and path.read_bytes() == video("one")
    # Refused at the rename, the link was dropped and the video fetched whole.
    assert [r.headers.get("range") for r in media.requests] == [None]


async def test_the_final_name_as_a_symlink_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (tmp_path / "vid_1.mp4").symlink_to(victim)
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_1"] = (video("one"), '"1"')
        routes(router, media)
        path = await fetch("vid_1", tmp_path)
    assert victim.read_bytes() == b"precious"
    assert not path.is_symlink() and path.read_bytes() == video("one")


async def test_a_leftover_part_of_another_video_is_not_spliced(tmp_path: Path) -> None:
    target = tmp_path / "latest.mp4"

    class Failing(Media):
        def serve(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/vid_a.mp4" and self.requests:
                self.requests.append(request)
                return httpx.Response(503)  # vid_a's host goes down after a broken start
            return super().serve(request)

    with respx.mock(assert_all_called=False) as router:
        media = Failing()
        media.files["vid_a"] = (video("A"), '"a"')
        media.files["vid_b"] = (video("B"), '"b"')
        routes(router, media)
        media.cut = 2500
        with pytest.raises(APIConnectionError):
            await fetch("vid_a", target)  # leaves the .part of vid_a behind
        assert (tmp_path / "latest.mp4.part").stat().st_size == 2500
        path = await fetch("vid_b", target)  # the same file name, another video
    assert path.read_bytes() == video("B")
    assert "range" not in media.requests[-1].headers


async def test_a_part_without_its_record_starts_again(tmp_path: Path) -> None:
    (tmp_path / "vid_b.mp4.part").write_bytes(video("A")[:2500])  # of unknown origin
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_b"] = (video("B"), '"b"')
        routes(router, media)
        path = await fetch("vid_b", tmp_path)
    assert path.read_bytes() == video("B")
    assert "range" not in media.requests[-1].headers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vid_b.mp4"]


async def test_an_interrupted_download_resumes_with_if_range(tmp_path: Path) -> None:
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_1"] = (video("one"), '"v1"')
        media.cut = 1200
        routes(router, media)
        path = await fetch("vid_1", tmp_path)
    assert path.read_bytes() == video("one")
    resumed = media.requests[-1].headers
    assert resumed["range"] == "bytes=1200-" and resumed["if-range"] == '"v1"'


async def test_a_changed_video_is_fetched_whole_not_spliced(tmp_path: Path) -> None:
    (tmp_path / "vid_1.mp4.part").write_bytes(video("old")[:2500])
    (tmp_path / "vid_1.mp4.part.meta").write_text(
        json.dumps({"video_id": "vid_1", "caption": False, "size": 5000, "etag": '"old"'})
    )
    with respx.mock(assert_all_called=False) as router:
        media = Media()
        media.files["vid_1"] = (video("new"), '"new"')
        routes(router, media)
        path = await fetch("vid_1", tmp_path)
    assert path.read_bytes() == video("new")
    assert media.requests[0].headers["if-range"] == '"old"'
