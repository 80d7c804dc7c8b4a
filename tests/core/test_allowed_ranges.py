"""A refused field's ``allowed`` is its own model's range, both bounds said: read from
the model (or parameter annotation) that refused it, never from another model's field
of the same name, and nothing is sent."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Annotated, Any, Literal, Union

import pytest
import respx
from pydantic import BaseModel, Discriminator, Field, Tag, ValidationError

from heygen_async import AsyncHeyGenClient, InvalidRequestError
from heygen_async._ranges import RangeWords, allowed_range
from heygen_async._validation import invalid_request_from, validate
from heygen_async.resources.videos import video_request

API = "https://api.heygen.com"
URL = "https://x.example/a.png"


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        mock.route().respond(500)
        yield mock


@pytest.fixture
async def v3() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-ranges", api_version="v3") as client:
        yield client


# The client as Any: some calls give a wrong type on purpose.
Call = Callable[[Any], Awaitable[object]]

# (call, field, allowed): each names both bounds of the field that refused the value.
REFUSED: list[tuple[str, Call, str, str]] = [
    (
        "cinematic duration (v2's silence is 1.0 to 100.0)",
        lambda c: c.videos.create("cinematic_avatar", prompt="p", avatar_id="a", duration=20),
        "duration",
        "4 to 15 seconds",
    ),
    (
        "cinematic duration of the wrong type",
        lambda c: c.videos.create("cinematic_avatar", prompt="p", avatar_id="a", duration="long"),
        "duration",
        "4 to 15 seconds",
    ),
    (
        "studio image scene held too long",
        lambda c: c.videos.create(
            "studio", scenes=[{"type": "image", "source": URL, "duration": 400}]
        ),
        "scenes[0].duration",
        "more than 0, at most 300 seconds",
    ),
    (
        "studio image scene of no length",
        lambda c: c.videos.create(
            "studio", scenes=[{"type": "image", "source": URL, "duration": 0}]
        ),
        "scenes[0].duration",
        "more than 0, at most 300 seconds",
    ),
    (
        "studio without scenes",
        lambda c: c.videos.create("studio", scenes=[]),
        "scenes",
        "1 to 50 scenes",
    ),
    (
        "four cinematic looks",
        lambda c: c.videos.create("cinematic_avatar", prompt="p", avatar_id=["a", "b", "c", "d"]),
        "avatar_id",
        "1 to 3 items",
    ),
    (
        "a clip's volume",
        lambda c: c.videos.create(
            "studio", scenes=[{"type": "video", "source": URL, "playback": {"volume": 2}}]
        ),
        "scenes[0].playback.volume",
        "0 to 1",
    ),
    (
        "watermark scale (v2's character scale is 0 to 5.0)",
        lambda c: c.videos.create(
            "avatar", avatar_id="a", script="hi", watermark={"image": URL, "scale": 0}
        ),
        "watermark.scale",
        "more than 0",
    ),
    (
        "speech speed of the wrong type (v2's speed is 0.5 to 1.5)",
        lambda c: c.voices.speech("hi", "v", speed="fast"),
        "speed",
        "0.5 to 2.0",
    ),
    (
        "speech speed too fast",
        lambda c: c.voices.speech("hi", "v", speed=3),
        "speed",
        "0.5 to 2.0",
    ),
    (
        "four reference images",
        lambda c: c.avatars.create(
            "prompt", "n", prompt="p", reference_images=[URL, URL, URL, URL]
        ),
        "reference_images",
        "1 to 3 items",
    ),
    (
        "an empty lipsync batch",
        lambda c: c.lipsyncs.batches.create([]),
        "lipsyncs",
        "1 to 100 items",
    ),
    (
        "an empty translation batch",
        lambda c: c.video_translations.batches.create([]),
        "video_translations",
        "1 to 100 items",
    ),
    (
        "v2 speed is still v2's",
        lambda c: c.generate_video("hi", "a", "v", speed=2),
        "speed",
        "0.5 to 1.5",
    ),
    (
        "v2 silence is still v2's",
        lambda c: c.generate_video(video_inputs=[{"voice": {"type": "silence", "duration": 0}}]),
        "video_inputs[0].voice.duration",
        "1.0 to 100.0 seconds",
    ),
]


@pytest.mark.parametrize(("name", "call", "field", "allowed"), REFUSED, ids=[r[0] for r in REFUSED])
async def test_the_refused_fields_own_range_is_stated(
    v3: AsyncHeyGenClient,
    router: respx.MockRouter,
    name: str,
    call: Call,
    field: str,
    allowed: str,
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await call(v3)
    assert (caught.value.field, caught.value.allowed) == (field, allowed), str(caught.value)
    assert f"allowed: {allowed}" in str(caught.value) or f"must be {allowed}" in str(caught.value)
    assert router.calls.call_count == 0


def test_a_batch_item_states_its_types_range() -> None:
    item = {"type": "cinematic_avatar", "prompt": "p", "avatar_id": "a", "duration": 3}
    with pytest.raises(InvalidRequestError) as caught:
        video_request(item, prefix="videos[2]")
    assert caught.value.field == "videos[2].duration"
    assert caught.value.allowed == "4 to 15 seconds"


# -- the walk itself, on models of its own --------------------------------------------


class Quiet(BaseModel):
    kind: Literal["quiet"] = "quiet"
    level: Annotated[float, Field(gt=0, lt=1)] | None = None


class Loud(BaseModel):
    kind: Literal["loud"] = "loud"
    level: Annotated[int, Field(ge=10, le=20)] | None = None


class Cat(BaseModel):
    lives: Annotated[int, Field(ge=1, le=9)]


class Dog(BaseModel):
    lives: Annotated[int, Field(ge=1, le=1)]


class Sound(BaseModel):
    """Two models with a field of one name and two ranges, reached through every
    kind of step a path can take."""

    sounds: list[Annotated[Union[Quiet, Loud], Field(discriminator="kind")]] = []  # noqa: UP007
    by_name: dict[str, Annotated[float, Field(ge=-1, le=1)]] = {}
    pair: tuple[int, Annotated[int, Field(lt=5)]] | None = None
    renamed: int | None = Field(default=None, ge=0, alias="Renamed")
    pet: (
        Annotated[
            Union[Annotated[Cat, Tag("cat")], Annotated[Dog, Tag("dog")]],  # noqa: UP007
            Discriminator(lambda value: value.get("species") if isinstance(value, dict) else None),
        ]
        | None
    ) = None
    words: Annotated[list[int], Field(max_length=2), RangeWords(unit="words")] | None = None
    width: Annotated[int, Field(ge=2, le=8, multiple_of=2)] | None = None
    name: Annotated[str, Field(min_length=2, max_length=4, pattern="^[a-z]+$")] | None = None


SOUND_CASES = [
    ({"sounds": [{"kind": "loud"}, {"kind": "quiet", "level": 1}]}, "more than 0, less than 1"),
    ({"sounds": [{"kind": "loud", "level": 30}]}, "10 to 20"),
    ({"by_name": {"a": 2}}, "-1 to 1"),
    ({"pair": (1, 9)}, "less than 5"),
    ({"Renamed": -1}, "at least 0"),
    ({"pet": {"species": "cat", "lives": 10}}, "1 to 9"),
    ({"pet": {"species": "dog", "lives": 2}}, "1 to 1"),
    ({"words": [1, 2, 3]}, "at most 2 words"),
    ({"width": 3}, "even, 2 to 8"),
    ({"name": "abcdef"}, "2 to 4 characters"),
    ({"name": "AB"}, None),  # a bad pattern is not cured by a length
]


@pytest.mark.parametrize(("value", "allowed"), SOUND_CASES)
def test_the_range_is_read_along_the_errors_path(
    value: dict[str, Any], allowed: str | None
) -> None:
    with pytest.raises(ValidationError) as caught:
        Sound.model_validate(value)
    first = caught.value.errors()[0]
    assert allowed_range(Sound, first["loc"], first["type"]) == allowed
    error = invalid_request_from(caught.value, schema=Sound)
    if allowed is not None and "characters" not in allowed:  # strings: plain words
        assert error.allowed == allowed


def test_a_path_the_model_does_not_have_states_nothing() -> None:
    assert allowed_range(Sound, ("nowhere", 0), "less_than") is None
    assert allowed_range(Sound, ("sounds", 0, "quiet", "volume"), "less_than") is None


def test_valid_input_never_walks_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk is the error path's: a valid body pays nothing for it."""
    import heygen_async._validation as validation

    def refuse(*args: object) -> None:
        raise AssertionError("walked a valid value")

    monkeypatch.setattr(validation, "allowed_range", refuse)
    assert validate(Loud, {"level": 12}).level == 12
    video_request({"type": "cinematic_avatar", "prompt": "p", "avatar_id": "a", "duration": 5})


# -- the field's path, as users write it (the model tells which parts are tags) -------

PATHS: list[tuple[str, Call, str]] = [
    (
        "a reference image's tag",
        lambda c: c.avatars.create(
            "prompt", "n", prompt="p", reference_images=[{"type": "url", "url": 5}]
        ),
        "reference_images[0].url",
    ),
    (
        "a studio scene's tags",
        lambda c: c.videos.create(
            "studio",
            scenes=[{"type": "image", "source": {"type": "url", "url": ""}, "duration": 1}],
        ),
        "scenes[0].source.url",
    ),
    (
        "an engine's tag",
        lambda c: c.videos.create(
            "avatar",
            avatar_id="a",
            script="hi",
            engine={"type": "avatar_v", "reference_look_id": 5},
        ),
        "engine.reference_look_id",
    ),
    (
        "a v2 voice's tag",
        lambda c: c.generate_video(video_inputs=[{"voice": {"type": "silence", "duration": 0}}]),
        "video_inputs[0].voice.duration",
    ),
]


@pytest.mark.parametrize(("name", "call", "field"), PATHS, ids=[p[0] for p in PATHS])
async def test_the_path_leaves_out_the_tags_pydantic_adds(
    v3: AsyncHeyGenClient, router: respx.MockRouter, name: str, call: Call, field: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await call(v3)
    assert caught.value.field == field, str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")
    assert router.calls.call_count == 0
