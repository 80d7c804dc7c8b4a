"""``client.lipsyncs`` (and ``client.lipsyncs.batches``): what each of the 8
operations sends, checked strictly against HeyGen's wire shapes; billed creates'
keys; refusals before sending; answers read into models."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.lipsyncs import (
    DeletedLipsync,
    Lipsync,
    LipsyncBatch,
    LipsyncBatchCreated,
    LipsyncCreated,
    LipsyncRequest,
    LipsyncStatus,
)
from heygen_async.testing import InstantClock, use_clock

from ._wire_checks import answer, checked_body

API = "https://api.heygen.com"
CREATE = ("POST", "/v3/lipsyncs")
BATCHES = ("POST", "/v3/lipsyncs/batches")
ONE = "/v3/lipsyncs/{lipsync_id}"
VIDEO_URL = "https://cdn.example/talk.mp4"
AUDIO_URL = "https://cdn.example/voice.mp3"


def lipsync(n: int = 1, **fields: Any) -> dict[str, Any]:
    """A schema-valid lipsync as HeyGen describes one."""
    return {
        "id": f"ls{n}",
        "status": "completed",
        "title": "Keynote",
        "duration": 8.0,
        "video_url": f"https://files.example/ls{n}.mp4",
        "caption_url": None,
        "callback_id": None,
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
    async with AsyncHeyGenClient(api_key="sk-lipsync", api_version="v3") as made:
        use_clock(made, InstantClock())
        yield made


async def test_create_sends_both_files_with_a_key_reused_on_a_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/lipsyncs").mock(
        side_effect=[httpx.Response(502), answer(*CREATE, {"lipsync_id": "ls1", "queue": 2})]
    )
    created = await client.lipsyncs.create(VIDEO_URL, "asset-audio")
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert checked_body(second, *CREATE) == {
        "video": {"type": "url", "url": VIDEO_URL},
        "audio": {"type": "asset_id", "asset_id": "asset-audio"},
    }
    assert isinstance(created, LipsyncCreated) and created.lipsync_id == "ls1"
    assert created.model_dump()["queue"] == 2 and created.request_id == "req-test"


async def test_create_sends_every_optional_field_under_heygens_names(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/lipsyncs").mock(return_value=answer(*CREATE, {"lipsync_id": "ls1"}))
    await client.lipsyncs.create(
        {"type": "url", "url": VIDEO_URL},
        AUDIO_URL,
        title="Keynote",
        mode="precision",
        fps_mode="passthrough",
        start_time=0,
        end_time=12.5,
        enable_caption=True,
        enable_dynamic_duration=False,
        enable_speech_enhancement=True,
        enable_watermark=False,
        disable_music_track=True,
        keep_the_same_format=False,
        folder_id="f1",
        callback_id="cb1",
        callback_url="https://hooks.example/heygen",
        idempotency_key="lipsync-1",
    )
    sent = route.calls.last.request
    assert checked_body(sent, *CREATE) == {
        "video": {"type": "url", "url": VIDEO_URL},
        "audio": {"type": "url", "url": AUDIO_URL},
        "title": "Keynote",
        "mode": "precision",
        "fps_mode": "passthrough",
        "start_time": 0,
        "end_time": 12.5,
        "enable_caption": True,
        "enable_dynamic_duration": False,
        "enable_speech_enhancement": True,
        "enable_watermark": False,
        "disable_music_track": True,
        "keep_the_same_format": False,
        "folder_id": "f1",
        "callback_id": "cb1",
        "callback_url": "https://hooks.example/heygen",
    }
    assert sent.headers["idempotency-key"] == "lipsync-1"


async def test_create_uploads_a_local_video_and_audio_bytes(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.post("/v3/lipsyncs").mock(return_value=answer(*CREATE, {"lipsync_id": "ls1"}))
    numbers = iter(range(1, 10))
    upload = router.post("/v3/assets").mock(
        side_effect=lambda request: answer(
            "POST",
            "/v3/assets",
            {"asset_id": f"up-{next(numbers)}", "mime_type": "x", "url": "u", "size_bytes": 1},
        )
    )
    clip = tmp_path / "talk.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    await client.lipsyncs.create(clip, b"ID3 new voice")
    assert upload.call_count == 2
    body = checked_body(route.calls.last.request, *CREATE)
    assert {body["video"]["asset_id"], body["audio"]["asset_id"]} == {"up-1", "up-2"}


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"mode": "fast"}, "mode"),
        ({"fps_mode": "24"}, "fps_mode"),
        ({"start_time": -1}, "start_time"),
        ({"end_time": "soon"}, "end_time"),
        ({"video": ""}, "video"),
        ({"audio": "ftp://host/a.mp3"}, "audio"),
        ({"audio": 42}, "audio"),
        ({"idempotency_key": "not a key!"}, "idempotency_key"),
    ],
)
async def test_bad_create_input_is_refused_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=answer(*CREATE, {"lipsync_id": "ls1"}))
    call: dict[str, Any] = {"video": VIDEO_URL, "audio": AUDIO_URL, **arguments}
    with pytest.raises(InvalidRequestError) as caught:
        await client.lipsyncs.create(**call)
    assert caught.value.field == field
    assert not route.called


async def test_get_update_and_delete(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    router.get("/v3/lipsyncs/ls1").mock(
        return_value=answer("GET", ONE, lipsync(status="failed", failure_message="no face"))
    )
    patch = router.patch("/v3/lipsyncs/ls1").mock(
        return_value=answer("PATCH", ONE, lipsync(title="Renamed", status="running"))
    )
    router.delete("/v3/lipsyncs/ls1").mock(return_value=answer("DELETE", ONE, {"id": "ls1"}))
    got = await client.lipsyncs.get("ls1")
    assert isinstance(got, Lipsync)
    assert (got.is_failed, got.is_terminal, got.failure_message) == (True, True, "no face")
    renamed = await client.lipsyncs.update("ls1", "Renamed")
    assert checked_body(patch.calls.last.request, "PATCH", ONE) == {"title": "Renamed"}
    assert (renamed.title, renamed.is_terminal) == ("Renamed", False)
    deleted = await client.lipsyncs.delete("ls1")
    assert isinstance(deleted, DeletedLipsync) and deleted.id == "ls1"
    with pytest.raises(InvalidRequestError, match="lipsync_id"):
        await client.lipsyncs.get("")


@pytest.mark.parametrize(
    ("status", "completed", "failed", "terminal"),
    [
        ("pending", False, False, False),
        ("running", False, False, False),
        ("completed", True, False, True),
        ("failed", False, True, True),
        ("on_hold", False, False, False),  # a state HeyGen adds later: not an end
    ],
)
def test_a_lipsyncs_state_says_when_it_is_over(
    status: str, completed: bool, failed: bool, terminal: bool
) -> None:
    job = Lipsync.model_validate(lipsync(status=status))
    assert (job.is_completed, job.is_failed, job.is_terminal) == (completed, failed, terminal)
    item = LipsyncStatus.model_validate({"video_id": "ls1", "status": status})
    assert (item.is_completed, item.is_failed, item.is_terminal) == (completed, failed, terminal)


async def test_list_follows_the_cursor(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    answers = [
        answer("GET", "/v3/lipsyncs", [lipsync(1), lipsync(2)], has_more=True, next_token="p2"),
        answer("GET", "/v3/lipsyncs", [lipsync(3)], has_more=False, next_token=None),
    ]
    route = router.get("/v3/lipsyncs").mock(side_effect=answers)
    ids = [item.id async for item in client.lipsyncs.list(limit=2)]
    assert ids == ["ls1", "ls2", "ls3"]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": "2"},
        {"limit": "2", "token": "p2"},
    ]
    with pytest.raises(InvalidRequestError) as caught:
        client.lipsyncs.list(limit=0)
    assert caught.value.allowed == "1 to 100"


async def test_statuses_reads_up_to_100_ids_and_batches(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/lipsyncs/statuses"
    entries = [
        {"video_id": "ls1", "status": "processing"},
        {"video_id": "ls2", "status": "not_found", "error": None},
        {"video_id": "ls3", "status": "completed", "batch_id": "b1", "item_index": 2},
    ]
    route = router.get(path).mock(return_value=answer("GET", path, entries))
    read = await client.lipsyncs.statuses(["ls1", "ls2"], batch_ids=["b1"])
    assert dict(route.calls.last.request.url.params) == {
        "lipsync_ids": "ls1,ls2",
        "batch_ids": "b1",
    }
    assert all(isinstance(entry, LipsyncStatus) for entry in read)
    assert [entry.lipsync_id for entry in read] == ["ls1", "ls2", "ls3"]
    assert [(e.is_terminal, e.is_not_found) for e in read] == [
        (False, False),
        (False, True),
        (True, False),
    ]
    for bad, field in [
        ({}, "lipsync_ids"),
        ({"lipsync_ids": [f"l{n}" for n in range(101)]}, "lipsync_ids"),
        ({"lipsync_ids": ["l"] * 50, "batch_ids": ["b"] * 51}, "lipsync_ids"),
        ({"batch_ids": []}, "batch_ids"),
    ]:
        with pytest.raises(InvalidRequestError) as caught:
            await client.lipsyncs.statuses(**bad)
        assert caught.value.field == field
    assert route.call_count == 1


async def test_batches_create_and_get(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    created = router.post("/v3/lipsyncs/batches").mock(
        side_effect=[
            httpx.Response(500),
            answer(*BATCHES, {"batch_id": "b1", "status": "processing", "total_items": 2}, 202),
        ]
    )
    path = "/v3/lipsyncs/batches/{batch_id}"
    data = {
        "batch_id": "b1",
        "title": "Dubs",
        "status": "completed",
        "counts_by_status": {"completed": 2},
        "created_at": 1_760_000_000,
        "total_items": 2,
        "items": [
            {"item_index": 0, "status": "completed", "video_id": "ls1"},
            {"item_index": 1, "status": "completed", "video_id": "ls2", "error": None},
        ],
        "has_more": False,
        "next_token": None,
    }
    read = router.get("/v3/lipsyncs/batches/b1").mock(return_value=answer("GET", path, data))
    batch = await client.lipsyncs.batches.create(
        [
            {"video": VIDEO_URL, "audio": AUDIO_URL, "mode": "precision"},
            LipsyncRequest(video="asset-v", audio="asset-a", start_time=2.0, title="Second"),
        ],
        title="Dubs",
        callback_url="https://hooks.example/batch",
    )
    first, second = (call.request for call in created.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert checked_body(second, *BATCHES) == {
        "lipsyncs": [
            {
                "video": {"type": "url", "url": VIDEO_URL},
                "audio": {"type": "url", "url": AUDIO_URL},
                "mode": "precision",
            },
            {
                "video": {"type": "asset_id", "asset_id": "asset-v"},
                "audio": {"type": "asset_id", "asset_id": "asset-a"},
                "start_time": 2.0,
                "title": "Second",
            },
        ],
        "title": "Dubs",
        "callback_url": "https://hooks.example/batch",
    }
    assert isinstance(batch, LipsyncBatchCreated) and batch.batch_id == "b1"
    progress = await client.lipsyncs.batches.get("b1", limit=100)
    assert dict(read.calls.last.request.url.params) == {"limit": "100"}
    assert isinstance(progress, LipsyncBatch)
    assert (progress.is_completed, progress.is_terminal, progress.total_items) == (True, True, 2)
    assert [item.lipsync_id for item in progress.items] == ["ls1", "ls2"]
    renamed = LipsyncStatus.model_validate({"lipsync_id": "ls7", "status": "queued"})
    assert renamed.lipsync_id == "ls7"  # should HeyGen name the id properly


@pytest.mark.parametrize(
    ("payloads", "field"),
    [
        ([], "lipsyncs"),
        ([{"video": VIDEO_URL}], "lipsyncs[0].audio"),
        ([{"video": VIDEO_URL, "audio": b"raw"}], "lipsyncs[0].audio"),
        ([{"video": VIDEO_URL, "audio": AUDIO_URL, "mode": "x"}], "lipsyncs[0].mode"),
        ([{"video": VIDEO_URL, "audio": AUDIO_URL}] * 101, "lipsyncs"),
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
        await client.lipsyncs.batches.create(payloads)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert not route.called


async def test_a_raw_call_carries_the_answer_and_its_model(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get("/v3/lipsyncs/ls1").mock(return_value=answer("GET", ONE, lipsync()))
    raw = await client.lipsyncs.with_raw_response.get("ls1")
    assert raw.status_code == 200 and raw.request_id == "req-test"
    assert raw.parse().video_url == "https://files.example/ls1.mp4"


def test_the_sync_client_blocks_for_the_same_calls(router: respx.MockRouter) -> None:
    created = router.post("/v3/lipsyncs").mock(return_value=answer(*CREATE, {"lipsync_id": "ls1"}))
    router.get("/v3/lipsyncs/batches/b1").mock(
        return_value=answer(
            "GET",
            "/v3/lipsyncs/batches/{batch_id}",
            {
                "batch_id": "b1",
                "status": "processing",
                "counts_by_status": {},
                "created_at": 1,
                "total_items": 0,
                "items": [],
                "has_more": False,
            },
        )
    )
    with HeyGenClient(api_key="sk-lipsync") as client:
        job = client.lipsyncs.create(VIDEO_URL, AUDIO_URL)
        raw = client.lipsyncs.batches.with_raw_response.get("b1")
    assert job.lipsync_id == "ls1" and created.calls.last.request.headers["idempotency-key"]
    assert raw.parse().batch_id == "b1" and not raw.parse().is_terminal
