"""``client.assets`` against respx: every asset operation's method, path, query and
body (each JSON body checked strictly against HeyGen's request schema), the
multipart upload's part, bad input refused before sending, answers read into the
models, the listing's username read once per client, and the sync and raw forms."""

from __future__ import annotations

import email
import json
from collections.abc import AsyncIterator, Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError, NotFoundError
from heygen_async._constants import DIRECT_UPLOAD_THRESHOLD
from heygen_async.models import UploadedAsset
from heygen_async.resources.assets import (
    AssetBatch,
    AssetDetails,
    AssetStatus,
    BatchCompletion,
    CompletedUpload,
    CreatedAsset,
    DeletedAsset,
    DirectUploadFile,
    SearchedAsset,
    UploadBatch,
    UploadSlot,
)
from heygen_async.testing import InstantClock, use_clock, wire_shapes

API = "https://api.heygen.com"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 56
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 52
ME = {"data": {"username": "ada", "email": "ada@example.com"}}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-assets", api_version="v3") as made:
        use_clock(made, InstantClock())
        yield made


def strict(schema: Any) -> Any:
    """``schema`` with unknown keys forbidden in every object that lists its
    properties (HeyGen's spec never says ``additionalProperties``)."""
    if isinstance(schema, dict):
        tightened = {key: strict(value) for key, value in schema.items()}
        if tightened.get("properties"):
            tightened.setdefault("additionalProperties", False)
        return tightened
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def sent_body(request: httpx.Request, method: str, path: str) -> Any:
    """The JSON body of ``request``, checked strictly against HeyGen's request schema."""
    assert request.headers["content-type"] == "application/json"
    body = json.loads(request.content)
    jsonschema.validate(body, strict(wire_shapes.operation(method, path).request_schema))
    return body


def answer(method: str, path: str, body: Any, status: int = 200) -> httpx.Response:
    """An answer that HeyGen's response schema admits (checked here)."""
    schema = wire_shapes.operation(method, path).response_schema
    if schema is not None:
        jsonschema.validate(body, schema)
    return httpx.Response(status, json=body, headers={"x-request-id": "req-1"})


def parts_of(request: httpx.Request) -> dict[str, Message]:
    """The multipart/form-data parts of ``request``, by name."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.content)
    assert message.get_content_type() == "multipart/form-data"
    parts = message.get_payload()
    assert isinstance(parts, list)
    return {str(part.get_param("name", header="content-disposition")): part for part in parts}


def asset(n: int, **more: Any) -> dict[str, Any]:
    return {
        "id": f"ast_{n}",
        "name": f"file{n}.png",
        "type": "image",
        "owner": "ada",
        "space_id": "sp_1",
        "uploaded_at": 1_760_000_000 + n,
        "url": f"https://files.example/{n}.png",
        "folder_id": None,
        **more,
    }


CREATED = {
    "data": {
        "asset_id": "ast_new",
        "url": "https://files.example/new.png",
        "mime_type": "image/png",
        "size_bytes": len(PNG),
        "thumbnail": "later-field",
    }
}


# -- POST /v3/assets (multipart) ------------------------------------------------------


async def test_create_sends_bytes_as_one_file_part_with_a_key_reused_on_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/assets").mock(
        side_effect=[httpx.Response(502), answer("POST", "/v3/assets", CREATED)]
    )
    created = await client.assets.create(PNG)
    first, second = (call.request for call in route.calls)
    parts = parts_of(second)
    assert list(parts) == ["file"]
    assert parts["file"].get_filename() == "upload.png"
    assert parts["file"].get_content_type() == "image/png"
    assert parts["file"].get_payload(decode=True) == PNG
    # The form's fields are what HeyGen's request schema describes, and nothing more.
    form = {name: part.get_filename() for name, part in parts.items()}
    jsonschema.validate(form, strict(wire_shapes.operation("POST", "/v3/assets").request_schema))
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert parts_of(first)["file"].get_payload(decode=True) == PNG  # the retry resends it all
    assert isinstance(created, CreatedAsset)
    assert (created.asset_id, created.mime_type, created.size_bytes) == (
        "ast_new",
        "image/png",
        len(PNG),
    )
    assert created.model_extra == {"thumbnail": "later-field"}
    assert created.request_id == "req-1"


async def test_create_sends_a_file_by_its_name_and_the_callers_key(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.post("/v3/assets").mock(return_value=answer("POST", "/v3/assets", CREATED))
    clip = tmp_path / "talk.mp4"
    clip.write_bytes(MP4)
    await client.assets.create(clip, idempotency_key="upload-1")
    await client.assets.create(str(clip))
    for call in route.calls:
        part = parts_of(call.request)["file"]
        assert (part.get_filename(), part.get_content_type()) == ("talk.mp4", "video/mp4")
        assert part.get_payload(decode=True) == MP4
    assert route.calls[0].request.headers["idempotency-key"] == "upload-1"
    assert route.calls[1].request.headers["idempotency-key"] != "upload-1"


@pytest.mark.parametrize(
    ("file", "words"),
    [
        (b"", "empty"),
        (b"plain words, no known type", "could not tell the file type"),
        ("missing.png", "no such file"),
        ("https://cdn.example/a.png", "client.assets.upload fetches URLs"),
        (42, "must be a path or bytes"),
    ],
)
async def test_create_refuses_bad_files_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, file: Any, words: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.create(file)
    assert caught.value.field == "file" and words in str(caught.value)
    assert not route.called


async def test_create_refuses_a_file_over_32_mb_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    big = tmp_path / "big.mp4"
    with big.open("wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(DIRECT_UPLOAD_THRESHOLD + 1)
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.create(big)
    assert caught.value.field == "file"
    assert caught.value.allowed == f"at most {DIRECT_UPLOAD_THRESHOLD} bytes"
    assert not route.called


# -- direct uploads ------------------------------------------------------------------

SLOT = {
    "asset_id": "ast_big",
    "upload_url": "https://storage.example/put?sig=1",
    "upload_headers": {"Content-Type": "video/mp4"},
    "expires_in_seconds": 900,
    "max_bytes": 73_400_320,
    "status": "pending_upload",
}


async def test_direct_upload_sends_its_fields_and_a_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/assets/direct-uploads"
    route = router.post(path).mock(
        side_effect=[httpx.Response(503), answer("POST", path, {"data": SLOT})]
    )
    slot = await client.assets.direct_upload("talk.mp4", "video/mp4", 73_400_320)
    first, second = (call.request for call in route.calls)
    assert sent_body(second, "POST", path) == {
        "filename": "talk.mp4",
        "content_type": "video/mp4",
        "size_bytes": 73_400_320,
    }
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert isinstance(slot, UploadSlot)
    assert (slot.asset_id, slot.upload_url, slot.upload_headers) == (
        "ast_big",
        SLOT["upload_url"],
        {"Content-Type": "video/mp4"},
    )
    route.side_effect = None
    route.return_value = answer("POST", path, {"data": SLOT})
    await client.assets.direct_upload(
        "a.png", "image/png", 10, checksum_sha256="ab" * 32, idempotency_key="slot-1"
    )
    last = route.calls.last.request
    assert sent_body(last, "POST", path)["checksum_sha256"] == "ab" * 32
    assert last.headers["idempotency-key"] == "slot-1"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (("talk.mp4", "video/mp4", 0), "size_bytes"),
        (("", "video/mp4", 10), "filename"),
        (("talk.mp4", "", 10), "content_type"),
        (("talk.mp4", "video/mp4", "ten"), "size_bytes"),
    ],
)
async def test_direct_upload_refuses_bad_fields_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: tuple[Any, ...], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.direct_upload(*arguments)
    assert caught.value.field == field
    assert not route.called


async def test_complete_finishes_a_direct_upload_without_a_key(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/assets/{asset_id}/complete"
    done = {
        "asset_id": "ast_big",
        "url": "https://files.example/big.mp4",
        "mime_type": "video/mp4",
        "size_bytes": 73_400_320,
        "status": "processing",
    }
    route = router.post("/v3/assets/ast_big/complete").mock(
        return_value=answer("POST", path, {"data": done})
    )
    completed = await client.assets.complete("ast_big")
    assert sent_body(route.calls.last.request, "POST", path) == {}
    assert "idempotency-key" not in route.calls.last.request.headers  # idempotent by nature
    await client.assets.complete("ast_big", checksum_sha256="cd" * 32)
    assert sent_body(route.calls.last.request, "POST", path) == {"checksum_sha256": "cd" * 32}
    assert isinstance(completed, CompletedUpload)
    assert completed.status == "processing"
    assert not completed.is_terminal and not completed.is_completed
    with pytest.raises(InvalidRequestError, match="asset_id"):
        await client.assets.complete("")
    assert route.call_count == 2


# -- listing, search, statuses, get, delete ---------------------------------------------


def asset_pages(count: int, size: int) -> Any:
    def serve(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("token") or 0)
        items = [asset(n) for n in range(start, min(start + size, count))]
        more = start + size < count
        body = {"data": items, "has_more": more, "next_token": str(start + size) if more else None}
        return answer("GET", "/v3/assets", body)

    return serve


async def test_list_fills_in_your_username_read_once_per_client(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    me = router.get("/v3/users/me").mock(return_value=httpx.Response(200, json=ME))
    route = router.get("/v3/assets").mock(side_effect=asset_pages(5, 2))
    ids = [item.id async for item in client.assets.list(limit=2)]
    page = await client.assets.list(folder_id="")
    assert ids == [f"ast_{n}" for n in range(5)]
    assert me.call_count == 1  # three pages and a second listing: one users/me read
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"username": "ada", "limit": "2"},
        {"username": "ada", "limit": "2", "token": "2"},
        {"username": "ada", "limit": "2", "token": "4"},
        {"username": "ada", "folder_id": ""},  # empty: the root folder only
    ]
    assert all(isinstance(item, AssetDetails) for item in page.data)
    first = page.data[0]
    assert (first.id, first.type, first.owner, first.uploaded_at, first.folder_id) == (
        "ast_0",
        "image",
        "ada",
        1_760_000_000,
        None,
    )


async def test_list_sends_a_given_username_without_asking_whose_key_it_is(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    me = router.get("/v3/users/me").mock(return_value=httpx.Response(200, json=ME))
    route = router.get("/v3/assets").mock(side_effect=asset_pages(1, 5))
    page = await client.assets.list(username="grace", folder_id="fld_1", limit=100)
    assert [item.id for item in page.data] == ["ast_0"]
    assert dict(route.calls.last.request.url.params) == {
        "username": "grace",
        "folder_id": "fld_1",
        "limit": "100",
    }
    assert not me.called


async def test_list_refuses_bad_arguments_and_other_versions_before_sending(
    router: respx.MockRouter,
) -> None:
    route = router.route().mock(return_value=httpx.Response(200, json=ME))
    async with AsyncHeyGenClient(api_key="sk-assets", api_version="v3") as client:
        with pytest.raises(InvalidRequestError) as caught:
            client.assets.list(limit=101)
        assert caught.value.field == "limit" and caught.value.allowed == "1 to 100"
        with pytest.raises(InvalidRequestError, match="username"):
            client.assets.list(username="")
    async with AsyncHeyGenClient(api_key="sk-assets", api_version="v2") as client:
        with pytest.raises(InvalidRequestError, match=r"GET /v3/assets"):
            await client.assets.list()
    assert not route.called  # not even users/me


SEARCH = {
    "data": [
        {
            "id": "img_1",
            "url": "https://lib.example/pizza.jpg",
            "type": "image",
            "width": 1920,
            "height": 1080,
            "orientation": "landscape",
            "is_transparent": False,
            "score": 0.83,
        },
        {"id": "ico_1", "url": "https://lib.example/rocket.svg", "type": "icon", "tags": ["x"]},
    ],
    "has_more": True,
    "next_token": "t2",
}


async def test_search_sends_its_query_and_follows_pages(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    last_page = {
        "data": [{"id": "img_2", "url": "https://lib.example/2.jpg", "type": "image"}],
        "has_more": False,
    }
    route = router.get("/v3/assets/search").mock(
        side_effect=[
            answer("GET", "/v3/assets/search", SEARCH),
            answer("GET", "/v3/assets/search", last_page),
        ]
    )
    found = [
        item
        async for item in client.assets.search(
            "pizza on a table", type="image", scope="personal", limit=50
        )
    ]
    assert [item.id for item in found] == ["img_1", "ico_1", "img_2"]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"query": "pizza on a table", "type": "image", "scope": "personal", "limit": "50"},
        {
            "query": "pizza on a table",
            "type": "image",
            "scope": "personal",
            "limit": "50",
            "token": "t2",
        },
    ]
    image, icon = found[:2]
    assert isinstance(image, SearchedAsset)
    assert (image.width, image.orientation, image.is_transparent, image.score) == (
        1920,
        "landscape",
        False,
        0.83,
    )
    assert (icon.type, icon.model_extra) == ("icon", {"tags": ["x"]})


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"query": "x", "type": "photo"}, "type"),
        ({"query": "x", "scope": "everyone"}, "scope"),
        ({"query": "x", "limit": 51}, "limit"),
        ({"query": ""}, "query"),
    ],
)
async def test_search_refuses_bad_arguments_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        client.assets.search(**arguments)
    assert caught.value.field == field
    assert not route.called


STATUSES = {
    "data": [
        {"video_id": "ast_1", "status": "completed", "error": None},
        {"video_id": "ast_2", "status": "failed", "error": {"code": "bad_media", "message": "?"}},
        {"video_id": "ast_3", "status": "processing"},
        {"video_id": "nope", "status": "not_found"},
        {"video_id": None, "status": "queued", "batch_id": "b_1", "item_index": 0},
    ],
    "has_more": False,
}


async def test_statuses_reads_many_assets_at_once(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.get("/v3/assets/statuses").mock(
        return_value=answer("GET", "/v3/assets/statuses", STATUSES)
    )
    entries = await client.assets.statuses(["ast_1", "ast_2", "ast_3", "nope"], batch_ids=["b_1"])
    assert dict(route.calls.last.request.url.params) == {
        "asset_ids": "ast_1,ast_2,ast_3,nope",
        "batch_ids": "b_1",
    }
    assert all(isinstance(entry, AssetStatus) for entry in entries)
    done, failed, running, missing, queued = entries
    assert (done.asset_id, done.is_completed, done.is_failed, done.is_terminal) == (
        "ast_1",
        True,
        False,
        True,
    )
    assert (failed.is_failed, failed.is_terminal, failed.error) == (
        True,
        True,
        {"code": "bad_media", "message": "?"},
    )
    assert not running.is_terminal and not queued.is_terminal
    assert missing.is_missing and not missing.is_terminal
    assert (queued.asset_id, queued.batch_id, queued.item_index) == (None, "b_1", 0)
    await client.assets.statuses(batch_ids=["b_1", "b_2"])
    assert dict(route.calls.last.request.url.params) == {"batch_ids": "b_1,b_2"}


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({}, "asset_ids"),
        ({"asset_ids": []}, "asset_ids"),
        ({"asset_ids": [f"a{n}" for n in range(101)]}, "asset_ids"),
        ({"asset_ids": ["a", ""]}, "asset_ids"),
        ({"batch_ids": [f"b{n}" for n in range(101)]}, "batch_ids"),
    ],
)
async def test_statuses_refuses_no_ids_or_too_many_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.statuses(**arguments)
    assert caught.value.field is not None and caught.value.field.startswith(field)
    assert not route.called


async def test_get_and_delete_address_one_asset(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    one = "/v3/assets/{asset_id}"
    got = router.get("/v3/assets/ast_7").mock(
        return_value=answer("GET", one, {"data": asset(7, duration=3.5)})
    )
    gone = router.delete("/v3/assets/ast_7").mock(
        return_value=answer("DELETE", one, {"data": {"id": "ast_7"}})
    )
    router.get("/v3/assets/missing").mock(
        return_value=httpx.Response(
            404, json={"error": {"code": "asset_not_found", "message": "no such asset"}}
        )
    )
    details = await client.assets.get("ast_7")
    deleted = await client.assets.delete("ast_7")
    assert isinstance(details, AssetDetails) and isinstance(deleted, DeletedAsset)
    assert (details.id, details.name, details.url) == ("ast_7", "file7.png", asset(7)["url"])
    assert details.model_extra == {"duration": 3.5}
    assert deleted.id == "ast_7"
    assert got.calls.last.request.url.query == b"" and gone.call_count == 1
    with pytest.raises(NotFoundError):
        await client.assets.get("missing")
    with pytest.raises(InvalidRequestError, match="asset_id"):
        await client.assets.delete("  ")


# -- batches ---------------------------------------------------------------------------


async def test_batches_create_presigns_files_with_a_key_reused_on_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    path = "/v3/assets/direct-uploads/batches"
    made = {"data": {"batch_id": "bat_1", "items": [SLOT, {**SLOT, "asset_id": "ast_b"}]}}
    route = router.post(path).mock(side_effect=[httpx.Response(502), answer("POST", path, made)])
    batch = await client.assets.batches.create(
        [
            {"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 50},
            DirectUploadFile(
                filename="b.png", content_type="image/png", size_bytes=7, checksum_sha256="ef"
            ),
        ],
        title="Launch",
        callback_url="https://hooks.example/a",
    )
    first, second = (call.request for call in route.calls)
    assert sent_body(second, "POST", path) == {
        "files": [
            {"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 50},
            {
                "filename": "b.png",
                "content_type": "image/png",
                "size_bytes": 7,
                "checksum_sha256": "ef",
            },
        ],
        "title": "Launch",
        "callback_url": "https://hooks.example/a",
    }
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert isinstance(batch, UploadBatch)
    assert batch.batch_id == "bat_1"
    assert [slot.asset_id for slot in batch.items] == ["ast_big", "ast_b"]
    assert all(isinstance(slot, UploadSlot) for slot in batch.items)


@pytest.mark.parametrize(
    "files",
    [
        [],
        [{"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 1}] * 101,
        [{"filename": "a.mp4", "content_type": "video/mp4"}],
        [{"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 0}],
    ],
)
async def test_batches_create_refuses_bad_files_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, files: list[Any]
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.batches.create(files)
    assert caught.value.field is not None and caught.value.field.startswith("files")
    assert not route.called


BATCH = {
    "data": {
        "batch_id": "bat_1",
        "title": "Launch",
        "status": "processing",
        "total_items": 3,
        "counts_by_status": {"completed": 1, "processing": 1, "failed": 1},
        "created_at": 1_760_000_000,
        "items": [
            {"item_index": 0, "status": "completed", "video_id": "ast_a", "error": None},
            {"item_index": 1, "status": "processing", "video_id": "ast_b"},
        ],
        "has_more": True,
        "next_token": "page-2",
    }
}


async def test_batches_complete_and_get_follow_a_batch(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    completing = router.post("/v3/assets/complete/batches").mock(
        return_value=httpx.Response(202, json={"data": {"batch_id": "bat_1"}})
    )
    reading = router.get("/v3/assets/batches/bat_1").mock(
        return_value=answer("GET", "/v3/assets/batches/{batch_id}", BATCH)
    )
    completion = await client.assets.batches.complete("bat_1")
    request = completing.calls.last.request
    assert sent_body(request, "POST", "/v3/assets/complete/batches") == {"batch_id": "bat_1"}
    assert "idempotency-key" not in request.headers
    assert isinstance(completion, BatchCompletion) and completion.batch_id == "bat_1"
    batch = await client.assets.batches.get("bat_1", limit=2, token="page-1")
    assert dict(reading.calls.last.request.url.params) == {"limit": "2", "token": "page-1"}
    assert isinstance(batch, AssetBatch)
    assert (batch.status, batch.is_terminal, batch.total_items, batch.next_token) == (
        "processing",
        False,
        3,
        "page-2",
    )
    assert batch.counts_by_status == {"completed": 1, "processing": 1, "failed": 1}
    assert [(item.asset_id, item.is_completed) for item in batch.items] == [
        ("ast_a", True),
        ("ast_b", False),
    ]
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.batches.get("bat_1", limit=0)
    assert caught.value.field == "limit"
    with pytest.raises(InvalidRequestError, match="batch_id"):
        await client.assets.batches.complete("")
    assert reading.call_count == 1 and completing.call_count == 1


# -- upload: client.upload_asset ---------------------------------------------------------


async def test_upload_is_client_upload_asset_multipart_then_direct_above_32_mb(
    client: AsyncHeyGenClient, router: respx.MockRouter, tmp_path: Path
) -> None:
    multipart = router.post("/v3/assets").mock(return_value=answer("POST", "/v3/assets", CREATED))
    uploaded = await client.assets.upload(PNG)
    assert isinstance(uploaded, UploadedAsset)
    assert uploaded == await client.upload_asset(PNG)
    assert (uploaded.id, uploaded.file_type) == ("ast_new", "image")
    assert parts_of(multipart.calls.last.request)["file"].get_payload(decode=True) == PNG

    slots = router.post("/v3/assets/direct-uploads").mock(
        return_value=answer("POST", "/v3/assets/direct-uploads", {"data": SLOT})
    )
    put = router.route(method="PUT", host="storage.example").mock(return_value=httpx.Response(200))
    done = {**CREATED["data"], "asset_id": "ast_big", "mime_type": "video/mp4", "status": "ok"}
    complete = router.post("/v3/assets/ast_big/complete").mock(
        return_value=httpx.Response(200, json={"data": done})
    )
    big = tmp_path / "big.mp4"
    with big.open("wb") as handle:
        handle.write(MP4)
        handle.truncate(DIRECT_UPLOAD_THRESHOLD + 1)
    seen: list[int] = []
    large = await client.assets.upload(big, on_progress=lambda p: seen.append(p.bytes_done))
    assert large.id == "ast_big"
    assert sent_body(slots.calls.last.request, "POST", "/v3/assets/direct-uploads") == {
        "filename": "big.mp4",
        "content_type": "video/mp4",
        "size_bytes": DIRECT_UPLOAD_THRESHOLD + 1,
    }
    assert "x-api-key" not in put.calls.last.request.headers  # storage, not HeyGen
    assert complete.called and multipart.call_count == 2  # the big file never went there
    assert seen and seen[-1] == DIRECT_UPLOAD_THRESHOLD + 1


async def test_upload_refuses_what_upload_asset_refuses(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=httpx.Response(500))
    with pytest.raises(InvalidRequestError) as caught:
        await client.assets.upload("ftp://host/a.png")
    assert caught.value.field == "source"
    assert not route.called


# -- sync and raw forms ------------------------------------------------------------------


def test_the_sync_client_blocks_for_the_same_answers(router: respx.MockRouter) -> None:
    router.get("/v3/users/me").mock(return_value=httpx.Response(200, json=ME))
    router.get("/v3/assets").mock(side_effect=asset_pages(3, 2))
    router.get("/v3/assets/ast_1").mock(
        return_value=answer("GET", "/v3/assets/{asset_id}", {"data": asset(1)})
    )
    router.post("/v3/assets").mock(return_value=answer("POST", "/v3/assets", CREATED))
    router.get("/v3/assets/batches/bat_1").mock(
        return_value=answer("GET", "/v3/assets/batches/{batch_id}", BATCH)
    )
    with HeyGenClient(api_key="sk-assets") as client:
        assert client.assets.get("ast_1").name == "file1.png"
        page = client.assets.list(limit=2)
        assert [item.id for item in page] == ["ast_0", "ast_1", "ast_2"]
        assert client.assets.upload(PNG).id == "ast_new"
        assert client.assets.batches.get("bat_1").batch_id == "bat_1"
        raw = client.assets.with_raw_response.get("ast_1")
        assert raw.status_code == 200 and raw.parse().id == "ast_1"
        raw_batch = client.assets.batches.with_raw_response.get("bat_1")
        assert raw_batch.json()["data"]["total_items"] == 3


async def test_the_raw_form_gives_the_answer_and_its_model(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.post("/v3/assets").mock(return_value=answer("POST", "/v3/assets", CREATED))
    raw = await client.assets.with_raw_response.create(PNG)
    assert raw.status_code == 200 and raw.request_id == "req-1"
    assert raw.json()["data"]["asset_id"] == "ast_new"
    assert raw.parse().asset_id == "ast_new"
    assert not hasattr(client.assets.with_raw_response, "upload")


async def test_the_fake_stores_what_create_sends_and_list_shows_it() -> None:
    from heygen_async.testing import FakeHeyGen

    fake = FakeHeyGen()
    async with fake.client() as client:
        created = await client.assets.create(PNG)
        listed = [item async for item in client.assets.list()]
    stored = fake.account.file(created.asset_id)
    assert stored is not None and (stored.data, stored.mime_type) == (PNG, "image/png")
    assert created.mime_type == "image/png" and created.size_bytes == len(PNG)
    mine = [item for item in listed if item.id == created.asset_id]
    assert len(mine) == 1 and mine[0].type == "image"
