"""``client.video_translations`` (and its ``batches`` and ``proofreads``): what each
of the 14 operations sends, checked strictly against HeyGen's wire shapes; billed
creates' keys; refusals before sending; answers read into models."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.video_translations import (
    DeletedVideoTranslation,
    Proofread,
    ProofreadGeneration,
    ProofreadsCreated,
    ProofreadSrt,
    StockVoiceConfig,
    VideoTranslation,
    VideoTranslationBatch,
    VideoTranslationBatchCreated,
    VideoTranslationLanguages,
    VideoTranslationRequest,
    VideoTranslationsCreated,
    VideoTranslationStatus,
)
from heygen_async.testing import InstantClock, use_clock

from ._wire_checks import answer, checked_body

API = "https://api.heygen.com"
CREATE = ("POST", "/v3/video-translations")
BATCHES = ("POST", "/v3/video-translations/batches")
PROOFREADS = ("POST", "/v3/video-translations/proofreads")
GENERATE = ("POST", "/v3/video-translations/proofreads/{proofread_id}/generate")
SRT = "/v3/video-translations/proofreads/{proofread_id}/srt"
ONE = "/v3/video-translations/{video_translation_id}"
VIDEO_URL = "https://cdn.example/talk.mp4"


def translation(n: int = 1, **fields: Any) -> dict[str, Any]:
    """A schema-valid translation as HeyGen describes one."""
    return {
        "id": f"vt{n}",
        "status": "completed",
        "title": "Keynote",
        "input_language": "English",
        "output_language": "French",
        "duration": 12.5,
        "video_url": f"https://files.example/vt{n}.mp4",
        "audio_url": None,
        "srt_caption_url": None,
        "vtt_caption_url": None,
        "translate_audio_only": False,
        "callback_id": None,
        "failure_message": None,
        "created_at": 1_760_000_000,
        **fields,
    }


def proofread(**fields: Any) -> dict[str, Any]:
    return {
        "id": "pr1",
        "status": "completed",
        "title": "Keynote",
        "input_language": "English",
        "output_language": "French",
        "submitted_for_review": False,
        "failure_message": None,
        "created_at": 1_760_000_000,
        **fields,
    }


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-translate", api_version="v3") as made:
        use_clock(made, InstantClock())
        yield made


def uploads(router: respx.MockRouter) -> respx.Route:
    numbers = iter(range(1, 100))
    return router.post("/v3/assets").mock(
        side_effect=lambda request: answer(
            "POST",
            "/v3/assets",
            {
                "asset_id": f"up-{next(numbers)}",
                "mime_type": "video/mp4",
                "url": "https://x",
                "size_bytes": 64,
            },
        )
    )


# -- create ----------------------------------------------------------------------------


async def test_create_sends_the_video_and_languages_with_a_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations").mock(
        return_value=answer(*CREATE, {"video_translation_ids": ["vt1", "vt2"], "eta": 60})
    )
    created = await client.video_translations.create(VIDEO_URL, ["French", "German"])
    sent = route.calls.last.request
    assert checked_body(sent, *CREATE) == {
        "video": {"type": "url", "url": VIDEO_URL},
        "output_languages": ["French", "German"],
    }
    assert sent.headers["idempotency-key"]
    assert isinstance(created, VideoTranslationsCreated)
    assert created.video_translation_ids == ["vt1", "vt2"]
    assert created.request_id == "req-test"
    assert created.model_dump()["eta"] == 60  # an unknown field is kept


async def test_create_sends_every_optional_field_under_heygens_names(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations").mock(
        return_value=answer(*CREATE, {"video_translation_ids": ["vt1"]})
    )
    await client.video_translations.create(
        "asset-video",
        ["Spanish (Spain)"],
        audio="https://cdn.example/dub.mp3",
        srt={"type": "asset_id", "asset_id": "asset-srt"},
        srt_role="output",
        title="Keynote",
        input_language="English",
        mode="precision",
        speaker_num=2,
        translate_audio_only=True,
        fps_mode="cfr",
        start_time=1.5,
        end_time=30,
        enable_caption=True,
        enable_dynamic_duration=False,
        enable_speech_enhancement=True,
        enable_watermark=False,
        disable_music_track=True,
        keep_the_same_format=True,
        brand_glossary_id="bg1",
        brand_voice_id="bg1",
        stock_voice_config=StockVoiceConfig(
            use_stock_voice=True, preferred_stock_voice_ids=["sv1"]
        ),
        folder_id="f1",
        callback_id="cb1",
        callback_url="https://hooks.example/heygen",
        idempotency_key="translate-1",
    )
    sent = route.calls.last.request
    assert checked_body(sent, *CREATE) == {
        "video": {"type": "asset_id", "asset_id": "asset-video"},
        "output_languages": ["Spanish (Spain)"],
        "audio": {"type": "url", "url": "https://cdn.example/dub.mp3"},
        "srt": {"type": "asset_id", "asset_id": "asset-srt"},
        "srt_role": "output",
        "title": "Keynote",
        "input_language": "English",
        "mode": "precision",
        "speaker_num": 2,
        "translate_audio_only": True,
        "fps_mode": "cfr",
        "start_time": 1.5,
        "end_time": 30,
        "enable_caption": True,
        "enable_dynamic_duration": False,
        "enable_speech_enhancement": True,
        "enable_watermark": False,
        "disable_music_track": True,
        "keep_the_same_format": True,
        "brand_glossary_id": "bg1",
        "brand_voice_id": "bg1",
        "stock_voice_config": {"use_stock_voice": True, "preferred_stock_voice_ids": ["sv1"]},
        "folder_id": "f1",
        "callback_id": "cb1",
        "callback_url": "https://hooks.example/heygen",
    }
    assert sent.headers["idempotency-key"] == "translate-1"


async def test_a_retried_create_reuses_its_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations").mock(
        side_effect=[
            httpx.Response(503),
            answer(*CREATE, {"video_translation_ids": ["vt1"]}),
            answer(*CREATE, {"video_translation_ids": ["vt2"]}),
        ]
    )
    created = await client.video_translations.create(VIDEO_URL, ["French"])
    assert created.video_translation_ids == ["vt1"]
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    await client.video_translations.create(VIDEO_URL, ["French"])
    assert route.calls.last.request.headers["idempotency-key"] != first.headers["idempotency-key"]


async def test_create_uploads_local_files_and_bytes_first(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.post("/v3/video-translations").mock(
        return_value=answer(*CREATE, {"video_translation_ids": ["vt1"]})
    )
    upload = uploads(router)
    clip = tmp_path / "talk.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    subtitles = tmp_path / "talk.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n")
    await client.video_translations.create(clip, ["French"], audio=b"ID3 audio", srt=str(subtitles))
    body = checked_body(route.calls.last.request, *CREATE)
    assert upload.call_count == 3
    assert {body[name]["asset_id"] for name in ("video", "audio", "srt")} == {
        "up-1",
        "up-2",
        "up-3",
    }
    assert all(body[name]["type"] == "asset_id" for name in ("video", "audio", "srt"))


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"mode": "fast"}, "mode"),
        ({"fps_mode": "60fps"}, "fps_mode"),
        ({"srt_role": "both"}, "srt_role"),
        ({"speaker_num": 0}, "speaker_num"),
        ({"start_time": -1}, "start_time"),
        ({"end_time": -0.5}, "end_time"),
        ({"output_languages": []}, "output_languages"),
        ({"output_languages": [""]}, "output_languages[0]"),
        ({"output_languages": "French"}, "output_languages"),
        ({"video": ""}, "video"),
        ({"audio": "ftp://host/a.mp3"}, "audio"),
        ({"stock_voice_config": {"use_stock_voice": "maybe"}}, "stock_voice_config"),
    ],
)
async def test_bad_create_input_is_refused_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=answer(*CREATE, {"video_translation_ids": []}))
    call: dict[str, Any] = {"video": VIDEO_URL, "output_languages": ["French"], **arguments}
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_translations.create(**call)
    assert caught.value.field is not None and caught.value.field.startswith(field)
    assert not route.called


async def test_the_enum_refusal_names_the_allowed_values(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=answer(*CREATE, {"video_translation_ids": []}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_translations.create(VIDEO_URL, ["French"], mode="fast")  # type: ignore[arg-type]
    assert caught.value.allowed == "'speed' or 'precision'"
    with pytest.raises(TypeError, match="output_languages"):
        await client.video_translations.create(VIDEO_URL)  # type: ignore[call-arg]
    assert not route.called


# -- get, list, update, delete, languages ---------------------------------------------


async def test_get_reads_one_translation(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.get("/v3/video-translations/vt1").mock(
        return_value=answer("GET", ONE, translation(1, lip_sync_score=0.9))
    )
    got = await client.video_translations.get("vt1")
    assert route.called and route.calls.last.request.url.query == b""
    assert isinstance(got, VideoTranslation)
    assert (got.id, got.output_language, got.duration) == ("vt1", "French", 12.5)
    assert got.video_url == "https://files.example/vt1.mp4"
    assert got.model_dump()["lip_sync_score"] == 0.9
    assert (got.is_completed, got.is_failed, got.is_terminal) == (True, False, True)


@pytest.mark.parametrize(
    ("status", "completed", "failed", "terminal"),
    [
        ("pending", False, False, False),
        ("running", False, False, False),
        ("completed", True, False, True),
        ("failed", False, True, True),
        ("paused", False, False, False),  # a state HeyGen adds later: not an end
    ],
)
def test_a_translations_state_says_when_it_is_over(
    status: str, completed: bool, failed: bool, terminal: bool
) -> None:
    job = VideoTranslation.model_validate(translation(status=status))
    assert (job.is_completed, job.is_failed, job.is_terminal) == (completed, failed, terminal)
    item = VideoTranslationStatus.model_validate({"video_id": "vt1", "status": status})
    assert (item.is_completed, item.is_failed, item.is_terminal) == (completed, failed, terminal)


async def test_list_follows_the_cursor_page_by_page(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("token") or 1)
        items = [translation(n) for n in range(start, min(start + 2, 6))]
        more = start + 2 < 6
        token = str(start + 2) if more else None
        return answer("GET", "/v3/video-translations", items, has_more=more, next_token=token)

    route = router.get("/v3/video-translations").mock(side_effect=pages)
    page = await client.video_translations.list(limit=2)
    assert [t.id for t in page.data] == ["vt1", "vt2"] and page.has_more
    assert dict(route.calls.last.request.url.params) == {"limit": "2"}
    ids = [t.id async for t in client.video_translations.list(limit=2)]
    assert ids == ["vt1", "vt2", "vt3", "vt4", "vt5"]
    assert [call.request.url.params.get("token") for call in route.calls[1:]] == [None, "3", "5"]
    with pytest.raises(InvalidRequestError) as caught:
        client.video_translations.list(limit=101)
    assert (caught.value.field, caught.value.allowed) == ("limit", "1 to 100")
    assert route.call_count == 4


async def test_update_renames_and_delete_removes(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    patch = router.patch("/v3/video-translations/vt1").mock(
        return_value=answer("PATCH", ONE, translation(1, title="Renamed"))
    )
    delete = router.delete("/v3/video-translations/vt1").mock(
        return_value=answer("DELETE", ONE, {"id": "vt1"})
    )
    renamed = await client.video_translations.update("vt1", "Renamed")
    assert checked_body(patch.calls.last.request, "PATCH", ONE) == {"title": "Renamed"}
    assert isinstance(renamed, VideoTranslation) and renamed.title == "Renamed"
    deleted = await client.video_translations.delete("vt1")
    assert isinstance(deleted, DeletedVideoTranslation) and deleted.id == "vt1"
    assert delete.calls.last.request.content == b""
    with pytest.raises(InvalidRequestError, match="video_translation_id"):
        await client.video_translations.delete(" ")
    with pytest.raises(InvalidRequestError, match="title"):
        await client.video_translations.update("vt1", 42)  # type: ignore[arg-type]
    assert (patch.call_count, delete.call_count) == (1, 1)


async def test_languages_lists_the_output_languages(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/video-translations/languages"
    router.get(path).mock(return_value=answer("GET", path, {"languages": ["French", "German"]}))
    supported = await client.video_translations.languages()
    assert isinstance(supported, VideoTranslationLanguages)
    assert supported.languages == ["French", "German"]


# -- statuses ------------------------------------------------------------------------


async def test_statuses_reads_ids_and_batches_in_one_request(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/video-translations/statuses"
    entries = [
        {"video_id": "vt1", "status": "completed", "error": None},
        {"video_id": "vt2", "status": "failed", "error": {"code": "bad_audio", "message": "no"}},
        {"video_id": "nope", "status": "not_found"},
        {"video_id": None, "status": "queued", "batch_id": "b1", "item_index": 0},
    ]
    route = router.get(path).mock(return_value=answer("GET", path, entries, has_more=False))
    read = await client.video_translations.statuses(["vt1", "vt2", "nope"], batch_ids=["b1"])
    assert dict(route.calls.last.request.url.params) == {
        "video_translation_ids": "vt1,vt2,nope",
        "batch_ids": "b1",
    }
    assert all(isinstance(entry, VideoTranslationStatus) for entry in read)
    assert [entry.video_translation_id for entry in read] == ["vt1", "vt2", "nope", None]
    assert [entry.is_terminal for entry in read] == [True, True, False, False]
    assert read[1].is_failed and read[1].error == {"code": "bad_audio", "message": "no"}
    assert read[2].is_not_found and not read[0].is_not_found
    assert (read[3].batch_id, read[3].item_index) == ("b1", 0)
    renamed = VideoTranslationStatus.model_validate(
        {"video_translation_id": "vt7", "status": "queued"}
    )
    assert renamed.video_translation_id == "vt7"  # should HeyGen name the id properly
    await client.video_translations.statuses(batch_ids=["b1"])
    assert dict(route.calls.last.request.url.params) == {"batch_ids": "b1"}
    await client.video_translations.statuses([f"vt{n}" for n in range(100)])
    assert len(route.calls.last.request.url.params["video_translation_ids"].split(",")) == 100


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({}, "video_translation_ids"),
        ({"video_translation_ids": []}, "video_translation_ids"),
        ({"video_translation_ids": [f"v{n}" for n in range(101)]}, "video_translation_ids"),
        (
            {"video_translation_ids": [f"v{n}" for n in range(60)], "batch_ids": ["b"] * 41},
            "video_translation_ids",
        ),
        ({"batch_ids": [f"b{n}" for n in range(101)]}, "batch_ids"),
        ({"video_translation_ids": "vt1"}, "video_translation_ids"),
        ({"video_translation_ids": ["vt1", ""]}, "video_translation_ids[1]"),
    ],
)
async def test_statuses_refuses_none_or_more_than_100_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(200, json={"data": []}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_translations.statuses(**arguments)
    assert caught.value.field == field
    assert not route.called


# -- batches ------------------------------------------------------------------------


async def test_batches_create_sends_each_payload_in_heygens_form(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations/batches").mock(
        side_effect=[
            httpx.Response(500),
            answer(*BATCHES, {"batch_id": "b1", "status": "processing", "total_items": 3}, 202),
        ]
    )
    batch = await client.video_translations.batches.create(
        [
            {"video": VIDEO_URL, "output_languages": ["French", "German"], "mode": "precision"},
            VideoTranslationRequest(
                video="asset-2",
                output_languages=["Japanese"],
                srt="https://cdn.example/ja.srt",
                srt_role="input",
                stock_voice_config=StockVoiceConfig(use_stock_voice=True),
            ),
        ],
        title="Spring launch",
        callback_url="https://hooks.example/batch",
    )
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert checked_body(second, *BATCHES) == {
        "video_translations": [
            {
                "video": {"type": "url", "url": VIDEO_URL},
                "output_languages": ["French", "German"],
                "mode": "precision",
            },
            {
                "video": {"type": "asset_id", "asset_id": "asset-2"},
                "output_languages": ["Japanese"],
                "srt": {"type": "url", "url": "https://cdn.example/ja.srt"},
                "srt_role": "input",
                "stock_voice_config": {"use_stock_voice": True},
            },
        ],
        "title": "Spring launch",
        "callback_url": "https://hooks.example/batch",
    }
    assert isinstance(batch, VideoTranslationBatchCreated)
    assert (batch.batch_id, batch.status, batch.total_items) == ("b1", "processing", 3)


@pytest.mark.parametrize(
    ("payloads", "field"),
    [
        ([], "video_translations"),
        ([{"video": VIDEO_URL}], "video_translations[0].output_languages"),
        ([{"output_languages": ["French"]}], "video_translations[0].video"),
        ([{"video": VIDEO_URL, "output_languages": []}], "video_translations[0].output_languages"),
        ([{"video": b"bytes", "output_languages": ["French"]}], "video_translations[0].video"),
        ([{"video": "ftp://x/v.mp4", "output_languages": ["a"]}], "video_translations[0].video"),
        (
            [{"video": VIDEO_URL, "output_languages": ["a"], "mode": "fast"}],
            "video_translations[0].mode",
        ),
        ([{"video": VIDEO_URL, "output_languages": ["French"]}] * 101, "video_translations"),
        (
            [{"video": VIDEO_URL, "output_languages": [f"l{n}" for n in range(34)]}] * 3,
            "video_translations",
        ),
    ],
)
async def test_batches_create_refuses_bad_payloads_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    payloads: list[dict[str, Any]],
    field: str,
) -> None:
    route = router.route().mock(return_value=httpx.Response(202, json={"data": {}}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_translations.batches.create(payloads)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert not route.called


async def test_a_local_file_in_a_batch_is_refused_naming_upload_asset(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    clip = tmp_path / "talk.mp4"
    clip.write_bytes(b"\x00" * 32)
    route = router.route().mock(return_value=httpx.Response(202, json={"data": {}}))
    with pytest.raises(InvalidRequestError, match="upload_asset") as caught:
        await client.video_translations.batches.create(
            [{"video": str(clip), "output_languages": ["French"]}]
        )
    assert caught.value.field == "video_translations[0].video"
    assert not route.called


async def test_batches_get_reads_a_page_of_items(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/video-translations/batches/{batch_id}"
    data = {
        "batch_id": "b1",
        "title": "Spring launch",
        "status": "processing",
        "counts_by_status": {"completed": 1, "failed": 1},
        "created_at": 1_760_000_000,
        "total_items": 3,
        "items": [
            {"item_index": 0, "status": "completed", "video_id": "vt1", "error": None},
            {"item_index": 1, "status": "failed", "video_id": None, "error": {"code": "x"}},
        ],
        "has_more": True,
        "next_token": "t2",
    }
    route = router.get("/v3/video-translations/batches/b1").mock(
        return_value=answer("GET", path, data)
    )
    batch = await client.video_translations.batches.get("b1", limit=2, token="t1")
    assert dict(route.calls.last.request.url.params) == {"limit": "2", "token": "t1"}
    assert isinstance(batch, VideoTranslationBatch)
    assert (batch.status, batch.is_terminal, batch.has_more, batch.next_token) == (
        "processing",
        False,
        True,
        "t2",
    )
    assert batch.counts_by_status == {"completed": 1, "failed": 1}
    assert [item.video_translation_id for item in batch.items] == ["vt1", None]
    assert [(item.is_completed, item.is_failed) for item in batch.items] == [
        (True, False),
        (False, True),
    ]
    with pytest.raises(InvalidRequestError, match="limit"):
        await client.video_translations.batches.get("b1", limit=0)
    assert route.call_count == 1


# -- proofreads -----------------------------------------------------------------------


async def test_proofreads_create_sends_every_field_with_a_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations/proofreads").mock(
        side_effect=[
            httpx.Response(502),
            answer(*PROOFREADS, {"proofread_ids": ["pr1", "pr2"], "status": "processing"}),
        ]
    )
    started = await client.video_translations.proofreads.create(
        VIDEO_URL,
        ["French", "German"],
        "Keynote",
        srt="asset-srt",
        mode="speed",
        speaker_num=1,
        enable_video_stretching=True,
        enable_speech_enhancement=False,
        disable_music_track=True,
        keep_the_same_format=True,
        brand_glossary_id="bg1",
        brand_voice_id="bg1",
        folder_id="f1",
    )
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert checked_body(second, *PROOFREADS) == {
        "video": {"type": "url", "url": VIDEO_URL},
        "output_languages": ["French", "German"],
        "title": "Keynote",
        "srt": {"type": "asset_id", "asset_id": "asset-srt"},
        "mode": "speed",
        "speaker_num": 1,
        "enable_video_stretching": True,
        "enable_speech_enhancement": False,
        "disable_music_track": True,
        "keep_the_same_format": True,
        "brand_glossary_id": "bg1",
        "brand_voice_id": "bg1",
        "folder_id": "f1",
    }
    assert isinstance(started, ProofreadsCreated)
    assert (started.proofread_ids, started.status) == (["pr1", "pr2"], "processing")
    with pytest.raises(InvalidRequestError) as caught:
        await client.video_translations.proofreads.create(VIDEO_URL, ["French"], "t", mode="x")  # type: ignore[arg-type]
    assert caught.value.field == "mode"
    with pytest.raises(TypeError, match="title"):
        await client.video_translations.proofreads.create(VIDEO_URL, ["French"])  # type: ignore[call-arg]
    assert route.call_count == 2


async def test_proofreads_get_and_get_srt(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/video-translations/proofreads/{proofread_id}"
    router.get("/v3/video-translations/proofreads/pr1").mock(
        return_value=answer("GET", path, proofread(status="processing", reviewer="ann"))
    )
    router.get("/v3/video-translations/proofreads/pr1/srt").mock(
        return_value=answer(
            "GET", SRT, {"srt_url": "https://files.example/pr1.srt", "original_srt_url": None}
        )
    )
    got = await client.video_translations.proofreads.get("pr1")
    assert isinstance(got, Proofread)
    assert (got.id, got.status, got.is_terminal) == ("pr1", "processing", False)
    assert got.model_dump()["reviewer"] == "ann"
    links = await client.video_translations.proofreads.get_srt("pr1")
    assert isinstance(links, ProofreadSrt)
    assert (links.srt_url, links.original_srt_url) == ("https://files.example/pr1.srt", None)


async def test_proofreads_update_srt_uploads_a_local_file(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.put("/v3/video-translations/proofreads/pr1/srt").mock(
        return_value=answer("PUT", SRT, proofread())
    )
    upload = uploads(router)
    fixed = tmp_path / "fixed.srt"
    fixed.write_text("1\n00:00:00,000 --> 00:00:01,000\nBonjour\n")
    updated = await client.video_translations.proofreads.update_srt("pr1", fixed)
    assert upload.call_count == 1
    assert checked_body(route.calls.last.request, "PUT", SRT) == {
        "srt": {"type": "asset_id", "asset_id": "up-1"}
    }
    assert isinstance(updated, Proofread) and updated.is_completed
    await client.video_translations.proofreads.update_srt("pr1", "https://cdn.example/f.srt")
    assert checked_body(route.calls.last.request, "PUT", SRT) == {
        "srt": {"type": "url", "url": "https://cdn.example/f.srt"}
    }
    with pytest.raises(InvalidRequestError, match="srt"):
        await client.video_translations.proofreads.update_srt("pr1", "")
    assert (route.call_count, upload.call_count) == (2, 1)


async def test_proofreads_generate_is_billed_and_reuses_its_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/video-translations/proofreads/pr1/generate").mock(
        side_effect=[
            httpx.Response(502),
            answer(*GENERATE, {"video_translation_id": "vt9", "status": "processing"}),
            answer(*GENERATE, {"video_translation_id": "vt9", "status": "processing"}),
        ]
    )
    job = await client.video_translations.proofreads.generate(
        "pr1",
        captions=True,
        translate_audio_only=False,
        callback_id="cb",
        callback_url="https://hooks.example/x",
    )
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert checked_body(second, *GENERATE) == {
        "captions": True,
        "translate_audio_only": False,
        "callback_id": "cb",
        "callback_url": "https://hooks.example/x",
    }
    assert isinstance(job, ProofreadGeneration) and job.video_translation_id == "vt9"
    await client.video_translations.proofreads.generate("pr1", idempotency_key="gen-pr1")
    assert checked_body(route.calls.last.request, *GENERATE) == {}
    assert route.calls.last.request.headers["idempotency-key"] == "gen-pr1"


# -- raw, sync and version ----------------------------------------------------------


async def test_raw_responses_carry_the_answer_and_its_model(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get("/v3/video-translations/vt1").mock(return_value=answer("GET", ONE, translation()))
    router.get("/v3/video-translations/proofreads/pr1/srt").mock(
        return_value=answer("GET", SRT, {"srt_url": "https://files.example/pr1.srt"})
    )
    raw = await client.video_translations.with_raw_response.get("vt1")
    assert raw.status_code == 200 and raw.request_id == "req-test"
    assert raw.parse().id == "vt1" and raw.json()["data"]["output_language"] == "French"
    srt = await client.video_translations.proofreads.with_raw_response.get_srt("pr1")
    assert srt.parse().srt_url == "https://files.example/pr1.srt"


def test_the_sync_client_blocks_for_the_same_calls(router: respx.MockRouter) -> None:
    router.get("/v3/video-translations/vt1").mock(return_value=answer("GET", ONE, translation()))
    batches = router.post("/v3/video-translations/batches").mock(
        return_value=answer(*BATCHES, {"batch_id": "b1"}, 202)
    )
    with HeyGenClient(api_key="sk-translate") as client:
        got = client.video_translations.get("vt1")
        batch = client.video_translations.batches.create(
            [{"video": VIDEO_URL, "output_languages": ["French"]}]
        )
        raw = client.video_translations.with_raw_response.get("vt1")
        with pytest.raises(InvalidRequestError):
            client.video_translations.statuses()
    assert isinstance(got, VideoTranslation) and got.id == "vt1"
    assert batch.batch_id == "b1" and batches.calls.last.request.headers["idempotency-key"]
    assert raw.parse().id == "vt1"


async def test_a_v2_client_is_told_these_are_v3_operations(router: respx.MockRouter) -> None:
    route = router.route().mock(return_value=httpx.Response(200, json={"code": 100}))
    async with AsyncHeyGenClient(api_key="sk-translate", api_version="v2") as client:
        with pytest.raises(InvalidRequestError, match=r"POST /v3/video-translations"):
            await client.video_translations.create(VIDEO_URL, ["French"])
    assert not route.called
