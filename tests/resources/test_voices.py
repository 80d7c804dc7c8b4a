"""``client.voices`` against the fake: one voice by id, on both clients and raw."""

from __future__ import annotations

import pytest

from heygen_async import InvalidRequestError, NotFoundError
from heygen_async.resources.voices import VoiceDetails
from heygen_async.testing import SAMPLE_VOICE_ID, FakeHeyGen


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen()


async def test_get_reads_one_voice_of_the_catalogue(fake: FakeHeyGen) -> None:
    listed = {voice["voice_id"]: voice for voice in fake.catalogue.voices}
    async with fake.client() as client:
        voice = await client.voices.get(SAMPLE_VOICE_ID)
        raw = await client.voices.with_raw_response.get(SAMPLE_VOICE_ID)
    assert isinstance(voice, VoiceDetails)
    assert voice.voice_id == SAMPLE_VOICE_ID
    assert (voice.name, voice.language) == (
        listed[SAMPLE_VOICE_ID]["name"],
        listed[SAMPLE_VOICE_ID]["language"],
    )
    assert raw.status_code == 200 and raw.parse().voice_id == SAMPLE_VOICE_ID
    assert raw.json()["data"]["voice_id"] == SAMPLE_VOICE_ID


async def test_an_unknown_voice_is_not_found(fake: FakeHeyGen) -> None:
    async with fake.client() as client:
        with pytest.raises(NotFoundError) as caught:
            await client.voices.get("no-such-voice")
    assert caught.value.code == "voice_not_found"


async def test_v2_clients_are_told_it_is_a_v3_operation(fake: FakeHeyGen) -> None:
    fake.reset_counters()
    async with fake.client(api_version="v2") as client:
        with pytest.raises(InvalidRequestError, match=r"GET /v3/voices/\{voice_id\}"):
            await client.voices.get(SAMPLE_VOICE_ID)
    assert sum(fake.account.counters.requests.values()) == 0


def test_the_sync_client_blocks_for_the_same_voice(fake: FakeHeyGen) -> None:
    with fake.sync_client() as client:
        voice = client.voices.get(SAMPLE_VOICE_ID)
        raw = client.voices.with_raw_response.get(SAMPLE_VOICE_ID)
    assert voice.voice_id == SAMPLE_VOICE_ID
    assert raw.parse().voice_id == SAMPLE_VOICE_ID
