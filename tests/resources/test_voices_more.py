"""``client.voices`` design, clone, speech and delete, against respx: what is sent
(checked against HeyGen's wire shapes), what is refused before sending, and how
the answers read."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError, NotFoundError
from heygen_async.resources.voices import DesignedVoices, Speech, VoiceClone, VoiceDeleted
from heygen_async.testing import InstantClock, use_clock

from ._wire_schema import sent_body, valid_answer

API = "https://api.heygen.com"
DESIGN = ("POST", "/v3/voices")
CLONE = ("POST", "/v3/voices/clone")
SPEECH = ("POST", "/v3/voices/speech")
DELETE = ("DELETE", "/v3/voices/{voice_id}")


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-voices", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield client


def reply(answer: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.Response(200, json=answer, headers=headers)


LISTED = {
    "voice_id": "v-1",
    "name": "Ava",
    "language": "English",
    "gender": "female",
    "support_pause": True,
    "support_locale": False,
    "type": "public",
    "preview_audio_url": None,
}
SPOKEN = {
    "audio_url": "https://files.example/speech.mp3",
    "duration": 1.25,
    "request_id": "gen-7",
    "word_timestamps": [{"word": "Hello", "start": 0.0, "end": 0.4}],
}


# -- design ----------------------------------------------------------------------


async def test_design_sends_the_prompt_and_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    answer = valid_answer(*DESIGN, {"voices": [{**LISTED, "accent": "US"}], "seed": 1})
    route = router.post("/v3/voices").mock(return_value=reply(answer))
    found = await client.voices.design("warm narrator")
    assert sent_body(route.calls.last.request, *DESIGN) == {"prompt": "warm narrator"}
    found = await client.voices.design(
        "warm narrator", gender="female", locale="en-US", seed=1, idempotency_key="d-1"
    )
    sent = route.calls.last.request
    assert sent_body(sent, *DESIGN) == {
        "prompt": "warm narrator",
        "gender": "female",
        "locale": "en-US",
        "seed": 1,
    }
    assert sent.headers["idempotency-key"] == "d-1"
    assert isinstance(found, DesignedVoices) and found.seed == 1
    assert found.voices[0].voice_id == "v-1"
    assert found.voices[0].model_dump()["accent"] == "US"  # an unknown field is kept


# -- clone -----------------------------------------------------------------------


async def test_clone_sends_the_audio_in_heygens_form_with_one_key_for_every_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    answer = valid_answer(*CLONE, {"voice_clone_id": "clone-1"})
    route = router.post("/v3/voices/clone").mock(
        side_effect=[httpx.Response(503), reply(answer), reply(answer)]
    )
    clone = await client.voices.clone("https://cdn.example/me.mp3", "My voice")
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert sent_body(second, *CLONE) == {
        "audio": {"type": "url", "url": "https://cdn.example/me.mp3"},
        "voice_name": "My voice",
    }
    assert isinstance(clone, VoiceClone) and clone.voice_clone_id == "clone-1"
    await client.voices.clone("asset-9", "My voice", language="en", remove_background_noise=False)
    assert sent_body(route.calls.last.request, *CLONE) == {
        "audio": {"type": "asset_id", "asset_id": "asset-9"},
        "voice_name": "My voice",
        "language": "en",
        "remove_background_noise": False,
    }


async def test_clone_uploads_a_recording_given_as_bytes(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    upload = router.post("/v3/assets").mock(
        return_value=reply({"data": {"asset_id": "up-1", "mime_type": "audio/mpeg"}})
    )
    route = router.post("/v3/voices/clone").mock(
        return_value=reply({"data": {"voice_clone_id": "clone-2"}})
    )
    await client.voices.clone(b"ID3" + b"\x00" * 64, "Mine")
    assert upload.call_count == 1
    assert sent_body(route.calls.last.request, *CLONE)["audio"] == {
        "type": "asset_id",
        "asset_id": "up-1",
    }


# -- speech ----------------------------------------------------------------------


async def test_speech_sends_text_voice_and_options_and_reads_the_audio(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/voices/speech").mock(
        return_value=reply(valid_answer(*SPEECH, SPOKEN), **{"x-request-id": "hdr-1"})
    )
    speech = await client.voices.speech("Hello", "v-1")
    sent = route.calls.last.request
    assert sent_body(sent, *SPEECH) == {"text": "Hello", "voice_id": "v-1"}
    assert sent.headers["idempotency-key"]
    await client.voices.speech(
        "<speak>Hello</speak>",
        "v-1",
        input_type="ssml",
        language="en",
        locale="en-US",
        speed=1.5,
    )
    assert sent_body(route.calls.last.request, *SPEECH) == {
        "text": "<speak>Hello</speak>",
        "voice_id": "v-1",
        "input_type": "ssml",
        "language": "en",
        "locale": "en-US",
        "speed": 1.5,
    }
    keys = {call.request.headers["idempotency-key"] for call in route.calls}
    assert len(keys) == 2  # a fresh key per call: two calls are two generations
    assert isinstance(speech, Speech)
    assert (speech.audio_url, speech.duration) == (SPOKEN["audio_url"], 1.25)
    assert (speech.generation_id, speech.request_id) == ("gen-7", "hdr-1")
    assert speech.word_timestamps and speech.word_timestamps[0].end == 0.4


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"language": "en-US"}, "language", "locale"),
        ({"language": "English"}, "language", "bare language code"),
        ({"speed": 2.5}, "speed", "0.5 to 2.0"),
        ({"speed": 0.4}, "speed", "0.5 to 2.0"),
        ({"input_type": "xml"}, "input_type", "ssml"),
        ({"text": ""}, "text", "empty"),
        ({"text": "x" * 5001}, "text", "5000"),
        ({"voice_id": ""}, "voice_id", "empty"),
    ],
)
async def test_bad_speech_arguments_are_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=reply({"data": SPOKEN}))
    call = {"text": "Hello", "voice_id": "v-1", **arguments}
    with pytest.raises(InvalidRequestError) as caught:
        await client.voices.speech(**call)
    assert caught.value.field == field and words in str(caught.value)
    assert not route.called


async def test_bad_design_and_clone_arguments_are_refused_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=reply({"data": {}}))
    with pytest.raises(InvalidRequestError, match="gender") as caught:
        await client.voices.design("narrator", gender="robot")  # type: ignore[arg-type]
    assert "female" in str(caught.value)
    with pytest.raises(InvalidRequestError, match="seed"):
        await client.voices.design("narrator", seed=-1)
    with pytest.raises(InvalidRequestError, match="prompt"):
        await client.voices.design("")
    with pytest.raises(InvalidRequestError, match="voice_name"):
        await client.voices.clone("https://cdn.example/me.mp3", "")
    with pytest.raises(InvalidRequestError, match="audio"):
        await client.voices.clone("ftp://host/me.mp3", "Mine")
    with pytest.raises(InvalidRequestError, match="language"):
        await client.voices.clone("https://cdn.example/me.mp3", "Mine", language="es-MX")
    with pytest.raises(TypeError, match="voice_name"):
        await client.voices.clone("https://cdn.example/me.mp3")  # type: ignore[call-arg]
    assert not route.called


# -- delete ----------------------------------------------------------------------


async def test_delete_removes_a_voice_and_an_unknown_one_is_not_found(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    gone = router.delete("/v3/voices/v-1").mock(
        return_value=reply(valid_answer(*DELETE, {"voice_id": "v-1"}))
    )
    router.delete("/v3/voices/v-2").mock(
        return_value=httpx.Response(
            404, json={"error": {"code": "voice_not_found", "message": "no such voice"}}
        )
    )
    deleted = await client.voices.delete("v-1")
    assert isinstance(deleted, VoiceDeleted) and deleted.voice_id == "v-1"
    assert gone.calls.last.request.content == b""
    with pytest.raises(NotFoundError) as caught:
        await client.voices.delete("v-2")
    assert caught.value.code == "voice_not_found"


# -- sync and raw ------------------------------------------------------------------


def test_the_sync_client_speaks_and_its_raw_form_deletes(router: respx.MockRouter) -> None:
    speech = router.post("/v3/voices/speech").mock(return_value=reply({"data": SPOKEN}))
    router.delete("/v3/voices/v-1").mock(
        return_value=reply({"data": {"voice_id": "v-1"}}, **{"x-request-id": "r-9"})
    )
    with HeyGenClient(api_key="sk-voices", api_version="v3") as client:
        spoken = client.voices.speech("Hello", "v-1", speed=0.5)
        raw = client.voices.with_raw_response.delete("v-1")
    assert spoken.audio_url == SPOKEN["audio_url"]
    assert json.loads(speech.calls.last.request.content)["speed"] == 0.5
    assert raw.status_code == 200 and raw.request_id == "r-9"
    assert raw.parse().voice_id == "v-1"


async def test_the_async_raw_form_gives_the_answer_of_a_design(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.post("/v3/voices").mock(return_value=reply({"data": {"voices": [], "seed": 0}}))
    raw = await client.voices.with_raw_response.design("calm")
    assert raw.json()["data"]["seed"] == 0 and raw.parse().voices == []
