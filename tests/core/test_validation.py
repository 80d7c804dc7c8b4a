"""Bad input raises InvalidRequestError naming the field and what is allowed, sending nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import respx

from heygen_async import AsyncHeyGenClient, InvalidRequestError
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

SCENE = {"voice": {"type": "text", "voice_id": "v", "input_text": "hi"}}


def scene(**parts: Any) -> dict[str, Any]:
    return {**SCENE, **parts}


Case = tuple[str, Callable[[AsyncHeyGenClient], Awaitable[object]], str, str | None]

CASES: list[Case] = [
    ("empty video_id", lambda c: c.get_video_status(""), "video_id", "non-empty"),
    ("blank video_id", lambda c: c.get_video_url("   "), "video_id", "non-empty"),
    ("list_assets limit=0", lambda c: c.list_assets(limit=0), "limit", ">= 1"),
    ("list_assets bad type", lambda c: c.list_assets(file_type="pdf"), "file_type", "image"),
    ("list_videos limit=-1", lambda c: c.list_videos(limit=-1), "limit", ">= 1"),
    ("missing avatar/voice", lambda c: c.generate_video("hi"), "avatar_id", None),
    ("blank script", lambda c: c.generate_video(" ", "a", "v"), "script", None),
    (
        "speed too high",
        lambda c: c.generate_video("hi", "a", "v", speed=1.6),
        "speed",
        "0.5 to 1.5",
    ),
    ("speed too low", lambda c: c.generate_video("hi", "a", "v", speed=0.4), "speed", "0.5 to 1.5"),
    ("pitch", lambda c: c.generate_video("hi", "a", "v", pitch=51), "pitch", "-50 to 50"),
    ("emotion", lambda c: c.generate_video("hi", "a", "v", emotion="Angry"), "emotion", "Excited"),
    (
        "avatar_style",
        lambda c: c.generate_video("hi", "a", "v", avatar_style="x"),
        "avatar_style",
        "closeUp",
    ),
    (
        "odd width",
        lambda c: c.generate_video("hi", "a", "v", dimension=(1281, 720)),
        "dimension.width",
        "even, 128 to 4096",
    ),
    (
        "tiny height",
        lambda c: c.generate_video("hi", "a", "v", dimension={"width": 128, "height": 64}),
        "dimension.height",
        "even, 128 to 4096",
    ),
    (
        "huge width",
        lambda c: c.generate_video("hi", "a", "v", dimension=(4098, 720)),
        "dimension.width",
        "even, 128 to 4096",
    ),
    (
        "bad colour",
        lambda c: c.generate_video("hi", "a", "v", background="#12"),
        "background.value",
        None,
    ),
    ("no scenes", lambda c: c.generate_video(video_inputs=[]), "video_inputs", "1 to 50 scenes"),
    (
        "51 scenes",
        lambda c: c.generate_video(video_inputs=[SCENE] * 51),
        "video_inputs",
        "1 to 50 scenes",
    ),
    ("both forms", lambda c: c.generate_video("hi", video_inputs=[SCENE]), "script", None),
    (
        "audio neither",
        lambda c: c.generate_video(video_inputs=[{"voice": {"type": "audio"}}]),
        "video_inputs[0].voice",
        None,
    ),
    (
        "audio both",
        lambda c: c.generate_video(
            video_inputs=[
                {"voice": {"type": "audio", "audio_url": "https://x/a.mp3", "audio_asset_id": "a"}}
            ]
        ),
        "video_inputs[0].voice",
        None,
    ),
    (
        "silence too long",
        lambda c: c.generate_video(video_inputs=[{"voice": {"type": "silence", "duration": 101}}]),
        "video_inputs[0].voice.duration",
        "1.0 to 100.0 seconds",
    ),
    (
        "unknown voice type",
        lambda c: c.generate_video(video_inputs=[{"voice": {"type": "sing"}}]),
        "video_inputs[0].voice",
        None,
    ),
    (
        "scale",
        lambda c: c.generate_video(
            video_inputs=[scene(character={"type": "avatar", "avatar_id": "a", "scale": 6})]
        ),
        "video_inputs[0].character.scale",
        "0 to 5.0",
    ),
    (
        "empty talking_photo_id",
        lambda c: c.generate_video(
            video_inputs=[scene(character={"type": "talking_photo", "talking_photo_id": ""})]
        ),
        "video_inputs[0].character.talking_photo_id",
        None,
    ),
    (
        "image background without source",
        lambda c: c.generate_video(video_inputs=[scene(background={"type": "image"})]),
        "video_inputs[0].background",
        None,
    ),
    (
        "play_style",
        lambda c: c.generate_video(
            video_inputs=[
                scene(
                    background={"type": "video", "url": "https://x/v.mp4", "play_style": "bounce"}
                )
            ]
        ),
        "video_inputs[0].background.play_style",
        "loop",
    ),
    (
        "caption with audio only",
        lambda c: c.generate_video(
            caption=True,
            video_inputs=[{"voice": {"type": "audio", "audio_url": "https://x/a.mp3"}}],
        ),
        "request",
        None,
    ),
    (
        "extra_body not dict",
        lambda c: c.generate_video("hi", "a", "v", extra_body=["x"]),  # type: ignore[arg-type]
        "extra_body",
        None,
    ),
    ("av4 no image_key", lambda c: c.generate_avatar_iv_video("hi", None, "v"), "image_key", None),
    (
        "av4 orientation",
        lambda c: c.generate_avatar_iv_video("hi", "k", "v", video_orientation="tall"),
        "video_orientation",
        "portrait",
    ),
    (
        "av4 two audios",
        lambda c: c.generate_avatar_iv_video("hi", "k", "v", audio_url="u", audio_asset_id="a"),
        "request",
        None,
    ),
    ("upload empty bytes", lambda c: c.upload_asset_from_bytes(b""), "data", None),
    (
        "upload unknown bytes",
        lambda c: c.upload_asset_from_bytes(b"%PDF-1.7 ...."),
        "content_type",
        "image/jpeg",
    ),
    (
        "upload bad content_type",
        lambda c: c.upload_asset_from_bytes(b"\x89PNG\r\n\x1a\n", "image/gif"),
        "content_type",
        "video/webm",
    ),
    ("upload ftp url", lambda c: c.upload_asset_from_url("ftp://host/x.png"), "url", None),
    ("upload file url", lambda c: c.upload_asset("file:///etc/passwd"), "source", None),
    ("upload wrong source", lambda c: c.upload_asset(12345), "source", None),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("name", "call", "field", "allowed"), CASES, ids=[c[0] for c in CASES])
async def test_invalid_input_is_rejected_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    name: str,
    call: Callable[[AsyncHeyGenClient], Awaitable[object]],
    field: str,
    allowed: str | None,
):
    with pytest.raises(InvalidRequestError) as caught:
        await call(client)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == field, str(error)
    assert field in str(error)
    if allowed is not None:
        assert error.allowed is not None and allowed in error.allowed, str(error)
        assert allowed in str(error)
    assert router.calls.call_count == 0


async def test_missing_file_is_named(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
):
    with pytest.raises(InvalidRequestError, match="no such file"):
        await client.upload_asset_from_file(tmp_path / "nope.png")
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(InvalidRequestError, match="empty"):
        await client.upload_asset(tmp_path / "empty.png")
    assert router.calls.call_count == 0


async def test_url_upload_over_the_cap_is_refused_while_streaming(
    client: AsyncHeyGenClient, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
):
    import heygen_async._uploads as uploads

    monkeypatch.setattr(uploads, "UPLOAD_FROM_URL_MAX_BYTES", 1000)
    big = router.get("https://cdn.example.com/big.mp4").respond(
        200, content=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 5000
    )
    declared = router.get("https://cdn.example.com/declared.mp4").respond(
        200, content=b"\x00" * 10, headers={"content-length": "999999999"}
    )
    upload = router.post("https://upload.heygen.com/v1/asset").respond(200, json={"code": 100})
    for url in ("https://cdn.example.com/big.mp4", "https://cdn.example.com/declared.mp4"):
        with pytest.raises(InvalidRequestError, match="larger than the upload cap"):
            await client.upload_asset_from_url(url)
    assert big.called and declared.called and not upload.called


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"script": ""}, "script", "script: must not be empty"),
        ({"background": "red"}, "background.value", "must be a #RRGGBB colour"),
        ({"dimension": "1280x720"}, "dimension", "a (width, height) pair, e.g. (1280, 720)"),
    ],
)
async def test_messages_say_what_to_do_in_plain_words(
    arguments: dict[str, object], field: str, words: str
) -> None:
    from heygen_async import AsyncHeyGenClient, InvalidRequestError

    call: dict[str, object] = {"script": "Hi", "avatar_id": "a", "voice_id": "v", **arguments}
    async with AsyncHeyGenClient(api_key="k") as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.generate_video(**call)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in str(caught.value)
    assert "pattern" not in str(caught.value)


# -- the dimension's lower bound, at the edge (issue 19.10) ---------------------------

BELOW_THE_MINIMUM = [
    ((127, 720), "dimension.width"),  # below 128, and odd
    ((126, 720), "dimension.width"),  # even: the 128 minimum alone refuses it
    ((720, 127), "dimension.height"),
    ((720, 126), "dimension.height"),
]


@pytest.mark.parametrize("api_version", ["v2", "v3"])
@pytest.mark.parametrize(("size", "field"), BELOW_THE_MINIMUM)
async def test_a_dimension_just_below_128_is_refused_before_sending(
    api_version: str, size: tuple[int, int], field: str
) -> None:
    fake = FakeHeyGen()
    async with fake.client(api_version=api_version) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.generate_video("hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, dimension=size)
    assert caught.value.field == field, str(caught.value)
    assert caught.value.allowed == "even, 128 to 4096"
    assert field in str(caught.value) and "even, 128 to 4096" in str(caught.value)
    # The reason is the minimum, also for 127 (which the even rule alone would refuse).
    assert "greater than or equal to 128" in str(caught.value)
    assert f"(got {min(size)})" in str(caught.value)
    assert sum(fake.counters.requests.values()) == 0


async def test_a_dimension_of_128_is_sent_on_v2() -> None:
    fake = FakeHeyGen()
    async with fake.client(api_version="v2") as client:
        await client.generate_video("hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, dimension=(128, 128))
    (video,) = fake.videos()
    assert video.body["dimension"] == {"width": 128, "height": 128}


async def test_a_dimension_of_128_passes_the_bound_on_v3_which_has_no_such_size() -> None:
    """v3 makes only its own sizes (720p and up): 128x128 passes the SDK's 128 bound
    and is then refused by the v3 mapping, naming the whole ``dimension``."""
    fake = FakeHeyGen()
    async with fake.client(api_version="v3") as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.generate_video(
                "hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, dimension=(128, 128)
            )
    assert caught.value.field == "dimension", str(caught.value)
    assert "128x128 has no exact aspect_ratio and resolution" in str(caught.value)
    assert sum(fake.counters.requests.values()) == 0
