"""A script over HeyGen's 5,000 characters is refused before anything is sent, in
every place a script goes, and an error shows a bad value cut short.

HeyGen answers 400 to a longer one (heygen-v3.md, LIMITS3); the fake does too, so a
request that reached it would show in its counters.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, InvalidRequestError
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_IMAGE_KEY,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
)

LIMIT = 5000
TOO_LONG = "a" * (LIMIT + 1)

Create = Callable[[AsyncHeyGenClient, str], Awaitable[Any]]


def _image(client: AsyncHeyGenClient) -> str:
    return SAMPLE_IMAGE_ASSET_ID if client.api_version == "v3" else SAMPLE_IMAGE_KEY


SEEDS: dict[str, Create] = {
    "generate_video": lambda c, text: c.generate_video(text, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID),
    "generate_avatar_iv_video": lambda c, text: c.generate_avatar_iv_video(
        text, _image(c), SAMPLE_VOICE_ID
    ),
}


def _sent(fake: FakeHeyGen) -> int:
    return sum(fake.counters.requests.values())


@pytest.mark.parametrize("api_version", ["v3", "v2"])
@pytest.mark.parametrize("seed", sorted(SEEDS))
async def test_a_seed_refuses_a_script_over_5000_characters_and_takes_5000(
    api_version: str, seed: str
) -> None:
    fake = FakeHeyGen()
    async with fake.client(api_version=api_version) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await SEEDS[seed](client, TOO_LONG)
        assert _sent(fake) == 0
        assert caught.value.field == "script"
        assert caught.value.allowed == f"at most {LIMIT} characters"
        created = await SEEDS[seed](client, "a" * LIMIT)
    assert created.video_id and _sent(fake) == 1


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"avatar_id": SAMPLE_AVATAR_ID, "script": TOO_LONG}, "script"),
        (
            {
                "scenes": [
                    {
                        "type": "image",
                        "source": {"type": "url", "url": "https://x/a.png"},
                        "duration": 2,
                    },
                    {
                        "type": "avatar_video",
                        "input": {
                            "type": "avatar",
                            "avatar_id": SAMPLE_AVATAR_ID,
                            "script": TOO_LONG,
                            "voice_id": SAMPLE_VOICE_ID,
                        },
                    },
                ]
            },
            "scenes[1].input.script",
        ),
    ],
    ids=["avatar", "studio scene"],
)
async def test_videos_create_refuses_a_long_script_naming_where_it_is(
    arguments: dict[str, Any], field: str
) -> None:
    fake = FakeHeyGen()
    kind = "studio" if "scenes" in arguments else "avatar"
    async with fake.client() as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.videos.create(kind, **arguments)
    assert caught.value.field == field and str(LIMIT) in str(caught.value.allowed)
    assert _sent(fake) == 0


async def test_a_scene_voice_of_video_inputs_has_the_same_limit() -> None:
    fake = FakeHeyGen()
    scene = {
        "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
        "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": TOO_LONG},
    }
    async with fake.client() as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.generate_video(video_inputs=[scene])
    assert caught.value.field == "video_inputs[0].voice.input_text"
    assert _sent(fake) == 0


async def test_an_error_shows_a_huge_bad_value_cut_short_with_its_size() -> None:
    """The whole value used to be echoed: 100,000 bytes of id, or every number of a
    500-item list, in the message and every log line that quotes it."""
    fake = FakeHeyGen()
    async with fake.client() as client:
        with pytest.raises(InvalidRequestError) as by_id:
            await client.get_video_status(b"x" * 100_000)  # type: ignore[arg-type]
        with pytest.raises(InvalidRequestError) as by_list:
            await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, speed=[1.0] * 500)  # type: ignore[arg-type]
        with pytest.raises(InvalidRequestError) as by_script:
            await client.generate_video(TOO_LONG + "z" * 20_000, SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    for caught in (by_id, by_list, by_script):
        assert len(str(caught.value)) < 250, str(caught.value)
    assert "(100,000 bytes)" in str(by_id.value)
    assert "(25,001 characters)" in str(by_script.value)
    assert str(by_list.value).startswith("speed:") and "..." in str(by_list.value)
