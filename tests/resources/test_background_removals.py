"""``client.background_removals``: what each operation sends (checked against HeyGen's
request schema), how its answers read, and the create's deduplication on ``request_id``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources import background_removals as module
from heygen_async.resources.background_removals import (
    BackgroundRemovalJob,
    DeletedBackgroundRemoval,
)

from .wire import API, answer_of, check_body, sent_body, undocumented_fields, v3_client

PATH = "/v3/background-removals"
JOB = "/v3/background-removals/{job_id}"

DONE = {
    "id": "br_1",
    "status": "completed",
    "layers": {"foreground": "https://cdn/fg.webm", "mask": "https://cdn/mask.mp4"},
    "duration": 12.5,
    "created_at": 1_700_000_000,
    "completed_at": 1_700_000_060,
    "error": None,
    "segmenter": "v2",  # a field HeyGen may add: kept
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with v3_client() as client:
        yield client


async def test_create_sends_the_video_and_its_key_as_request_id(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(
        return_value=answer_of("POST", PATH, {"id": "br_1", "status": "pending"})
    )
    job = await client.background_removals.create("https://cdn.example/talk.mp4")
    body = check_body("POST", PATH, sent_body(route))
    key = route.calls.last.request.headers["idempotency-key"]
    assert body == {
        "video": {"type": "url", "url": "https://cdn.example/talk.mp4"},
        "request_id": key,
    }
    assert isinstance(job, BackgroundRemovalJob)
    assert (job.id, job.status, job.is_terminal) == ("br_1", "pending", False)


async def test_create_sends_every_optional_field_and_the_callers_request_id(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(return_value=answer_of("POST", PATH, DONE))
    await client.background_removals.create(
        "asset_42",
        layers=["foreground", "mask", "background"],
        title="Interview",
        request_id="my-content-7",
        idempotency_key="key-7",
    )
    body = check_body("POST", PATH, sent_body(route))
    assert body == {
        "video": {"type": "asset_id", "asset_id": "asset_42"},
        "layers": ["foreground", "mask", "background"],
        "title": "Interview",
        "request_id": "my-content-7",  # the caller's own value wins over the key
    }
    assert route.calls.last.request.headers["idempotency-key"] == "key-7"
    await client.background_removals.create("asset_42", idempotency_key="key-8")
    assert sent_body(route)["request_id"] == "key-8"


async def test_a_retried_create_repeats_its_request_id(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post(PATH).mock(
        side_effect=[
            httpx.Response(503),
            answer_of("POST", PATH, {"id": "br_2", "status": "pending"}),
        ]
    )
    job = await client.background_removals.create("https://cdn.example/talk.mp4")
    assert job.id == "br_2" and route.call_count == 2
    first, second = sent_body(route, 0), sent_body(route, 1)
    assert first["request_id"] == second["request_id"]
    headers = [call.request.headers["idempotency-key"] for call in route.calls]
    assert headers[0] == headers[1] == first["request_id"]


async def test_a_local_file_is_uploaded_first(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    upload = router.post("/v3/assets").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": {
                    "asset_id": "up_1",
                    "mime_type": "video/mp4",
                    "size_bytes": 72,
                    "url": "https://x",
                }
            },
        )
    )
    route = router.post(PATH).mock(return_value=answer_of("POST", PATH, DONE))
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    await client.background_removals.create(clip)
    assert upload.call_count == 1
    assert check_body("POST", PATH, sent_body(route))["video"] == {
        "type": "asset_id",
        "asset_id": "up_1",
    }


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"video": "", "layers": None}, "video", "must not be empty"),
        ({"video": "a1", "layers": ["alpha"]}, "layers", "foreground"),
        ({"video": "a1", "layers": []}, "layers", "at least 1"),
        ({"video": "a1", "title": 7}, "title", "string"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=answer_of("POST", PATH, DONE))
    with pytest.raises(InvalidRequestError) as caught:
        await client.background_removals.create(**arguments)
    assert caught.value.field is not None and caught.value.field.startswith(field)
    assert words in str(caught.value)
    with pytest.raises(TypeError, match="missing required arguments: video"):
        await client.background_removals.create()  # type: ignore[call-arg]
    with pytest.raises(InvalidRequestError, match="job_id"):
        await client.background_removals.get("")
    assert not route.called


async def test_get_and_delete_read_their_answers(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    got = router.get("/v3/background-removals/br_1").mock(return_value=answer_of("GET", JOB, DONE))
    deleted = router.delete("/v3/background-removals/br_1").mock(
        return_value=answer_of("DELETE", JOB, {"id": "br_1", "deleted": True})
    )
    job = await client.background_removals.get("br_1")
    assert got.called and job.request_id == "req-1"
    assert job.layers == {"foreground": "https://cdn/fg.webm", "mask": "https://cdn/mask.mp4"}
    assert (job.duration, job.completed_at) == (12.5, 1_700_000_060)
    assert job.is_completed and job.is_terminal and not job.is_failed
    assert job.model_dump()["segmenter"] == "v2"
    gone = await client.background_removals.delete("br_1")
    assert isinstance(gone, DeletedBackgroundRemoval) and gone.deleted is True
    assert deleted.calls.last.request.content == b""


@pytest.mark.parametrize(
    ("status", "completed", "failed"),
    [
        ("pending", False, False),
        ("processing", False, False),
        ("completed", True, False),
        ("failed", False, True),
        ("deleted", False, True),
        ("something_new", False, False),
    ],
)
def test_job_states(status: str, completed: bool, failed: bool) -> None:
    job = BackgroundRemovalJob.model_validate({"id": "j", "status": status})
    assert (job.is_completed, job.is_failed, job.is_terminal) == (
        completed,
        failed,
        completed or failed,
    )


async def test_list_follows_the_cursor(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    pages = {
        None: answer_of("GET", PATH, [DONE], has_more=True, next_token="t2"),
        "t2": answer_of(
            "GET", PATH, [{"id": "br_0", "status": "failed", "error": "no subject"}], has_more=False
        ),
    }
    route = router.get(PATH).mock(
        side_effect=lambda request: pages[request.url.params.get("token")]
    )
    page = await client.background_removals.list(limit=1)
    assert [job.id for job in page.data] == ["br_1"] and page.next_token == "t2"
    assert dict(route.calls.last.request.url.params) == {"limit": "1"}
    jobs = [job async for job in client.background_removals.list(limit=1)]
    assert [(job.id, job.is_failed) for job in jobs] == [("br_1", False), ("br_0", True)]
    assert dict(route.calls.last.request.url.params) == {"limit": "1", "token": "t2"}
    with pytest.raises(InvalidRequestError, match="1 to 100"):
        client.background_removals.list(limit=101)


def test_the_sync_client_and_raw_forms(router: respx.MockRouter) -> None:
    router.get("/v3/background-removals/br_1").mock(return_value=answer_of("GET", JOB, DONE))
    router.get(PATH).mock(return_value=answer_of("GET", PATH, [DONE], has_more=False))
    with HeyGenClient(api_key="sk-resources", api_version="v3") as client:
        job = client.background_removals.get("br_1")
        raw = client.background_removals.with_raw_response.get("br_1")
        listed = [item.id for item in client.background_removals.list()]
    assert job.id == "br_1" and job.is_completed
    assert raw.status_code == 200 and raw.parse().layers == DONE["layers"]
    assert json.loads(raw.text)["data"]["id"] == "br_1"
    assert listed == ["br_1"]


async def test_the_async_raw_form(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    router.post(PATH).mock(
        return_value=answer_of("POST", PATH, {"id": "br_3", "status": "pending"})
    )
    raw = await client.background_removals.with_raw_response.create("asset_1")
    assert raw.request_id == "req-1" and raw.parse().id == "br_3"


def test_every_model_field_says_what_it_means() -> None:
    assert undocumented_fields(module) == []


def test_a_key_field_must_be_a_billed_body_field() -> None:
    from heygen_async.resources._endpoint import endpoint

    with pytest.raises(TypeError, match="key_field names a billed body field"):

        @endpoint("POST", "/v3/things", key_field="request_id")
        async def create(self: Any, request_id: str | None = None) -> BackgroundRemovalJob: ...

    with pytest.raises(TypeError, match="key_field names a billed body field"):

        @endpoint("POST", "/v3/things", billed=True, key_field="nonce")
        async def make(self: Any, idempotency_key: str | None = None) -> BackgroundRemovalJob: ...
