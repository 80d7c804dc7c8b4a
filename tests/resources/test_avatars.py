"""``client.avatars`` and ``client.avatars.looks`` against respx: what is sent
(checked against HeyGen's wire shapes), what is refused before sending, how the
answers and listings read, and the sync and raw forms."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.avatars import (
    AvatarConsent,
    AvatarCreated,
    AvatarDeleted,
    AvatarGroup,
    AvatarLook,
)
from heygen_async.testing import InstantClock, use_clock

from ._wire_schema import sent_body, valid_answer

API = "https://api.heygen.com"
CREATE = ("POST", "/v3/avatars")
CONSENT = ("POST", "/v3/avatars/{group_id}/consent")
UPDATE = ("PATCH", "/v3/avatars/looks/{look_id}")

GROUP = {
    "id": "g-1",
    "name": "Anna",
    "created_at": 1_760_000_000,
    "looks_count": 2,
    "gender": "female",
    "consent_status": None,
    "status": "processing",
}
LOOK = {
    "id": "look-1",
    "name": "Anna, office",
    "avatar_type": "photo_avatar",
    "group_id": "g-1",
    "supported_api_engines": ["avatar_iv"],
    "preferred_orientation": "portrait",
    "status": "completed",
    "tags": ["office"],
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-avatars", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield client


def reply(answer: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.Response(200, json=answer, headers=headers)


def paged(path: str, items: list[dict[str, Any]], size: int) -> Any:
    """A respx side effect serving ``items`` ``size`` a page, by token."""

    def answer(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("token") or 0)
        more = start + size < len(items)
        page = valid_answer(
            "GET",
            path,
            items[start : start + size],
            has_more=more,
            next_token=str(start + size) if more else None,
        )
        return reply(page)

    return answer


# -- groups ------------------------------------------------------------------------


async def test_list_pages_through_the_groups_with_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    groups = [{**GROUP, "id": f"g-{n}"} for n in range(5)]
    route = router.get("/v3/avatars").mock(side_effect=paged("/v3/avatars", groups, 2))
    page = await client.avatars.list(ownership="private", limit=2)
    assert dict(route.calls.last.request.url.params) == {"ownership": "private", "limit": "2"}
    assert [g.id for g in page.data] == ["g-0", "g-1"] and page.next_token == "2"
    ids = [group.id async for group in client.avatars.list(limit=2)]
    assert ids == [f"g-{n}" for n in range(5)]
    assert [c.request.url.params.get("token") for c in route.calls][1:] == [None, "2", "4"]


async def test_get_and_delete_a_group(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    answer = valid_answer("GET", "/v3/avatars/{group_id}", {**GROUP, "looks": "new"})
    router.get("/v3/avatars/g-1").mock(return_value=reply(answer))
    deleted = router.delete("/v3/avatars/g-1").mock(
        return_value=reply(valid_answer("DELETE", "/v3/avatars/{group_id}", {"id": "g-1"}))
    )
    group = await client.avatars.get("g-1")
    assert isinstance(group, AvatarGroup)
    assert (group.id, group.looks_count, group.status) == ("g-1", 2, "processing")
    assert not group.is_terminal and group.model_dump()["looks"] == "new"
    gone = await client.avatars.delete("g-1")
    assert isinstance(gone, AvatarDeleted) and gone.id == "g-1"
    assert deleted.calls.last.request.content == b""


async def test_training_state_reads_as_terminal_only_when_it_ends() -> None:
    failed = AvatarGroup.model_validate(
        {**GROUP, "status": "failed", "error": {"code": "bad_photo", "message": "No face"}}
    )
    assert failed.is_failed and failed.is_terminal and not failed.is_completed
    assert failed.error is not None and failed.error.code == "bad_photo"
    waiting = AvatarLook.model_validate({**LOOK, "status": "pending_consent"})
    assert not waiting.is_terminal
    novel = AvatarLook.model_validate({**LOOK, "status": "queued", "avatar_type": "hologram"})
    assert novel.status == "queued" and novel.avatar_type == "hologram"  # new values read


# -- create ------------------------------------------------------------------------


async def test_create_sends_each_kind_in_heygens_form_with_one_key_for_every_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    answer = valid_answer(*CREATE, {"avatar_group": GROUP, "avatar_item": LOOK})
    route = router.post("/v3/avatars").mock(
        side_effect=[httpx.Response(502), reply(answer), reply(answer), reply(answer)]
    )
    made = await client.avatars.create("photo", "Anna", file="https://cdn.example/anna.jpg")
    first, second = (call.request for call in route.calls)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert sent_body(second, *CREATE) == {
        "type": "photo",
        "name": "Anna",
        "file": {"type": "url", "url": "https://cdn.example/anna.jpg"},
    }
    assert isinstance(made, AvatarCreated)
    assert (made.look_id, made.group_id) == ("look-1", "g-1")
    await client.avatars.create(
        "digital_twin", "Anna", file="asset-7", avatar_group_id="g-1", idempotency_key="tw-1"
    )
    assert route.calls.last.request.headers["idempotency-key"] == "tw-1"
    assert sent_body(route.calls.last.request, *CREATE) == {
        "type": "digital_twin",
        "name": "Anna",
        "file": {"type": "asset_id", "asset_id": "asset-7"},
        "avatar_group_id": "g-1",
    }
    await client.avatars.create(
        "prompt",
        "Robo",
        prompt="a friendly robot presenter",
        reference_images=["https://cdn.example/r.png", "asset-8"],
        avatar_id="look-1",
        avatar_group_id="g-1",
    )
    assert sent_body(route.calls.last.request, *CREATE) == {
        "type": "prompt",
        "name": "Robo",
        "prompt": "a friendly robot presenter",
        "reference_images": [
            {"type": "url", "url": "https://cdn.example/r.png"},
            {"type": "asset_id", "asset_id": "asset-8"},
        ],
        "avatar_id": "look-1",
        "avatar_group_id": "g-1",
    }


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"type": "photo"}, "file", "required for type='photo'"),
        ({"type": "prompt"}, "prompt", "required for type='prompt'"),
        ({"type": "prompt", "prompt": "p", "file": "a-1"}, "file", "not taken"),
        ({"type": "photo", "file": "a-1", "prompt": "p"}, "prompt", "not taken"),
        ({"type": "digital_twin", "file": "a-1", "avatar_id": "l"}, "avatar_id", "not taken"),
        ({"type": "video", "file": "a-1"}, "type", "digital_twin"),
        ({"type": "photo", "file": "a-1", "name": ""}, "name", "empty"),
        ({"type": "photo", "file": "ftp://x/y.jpg"}, "file", "http(s)"),
        (
            {"type": "prompt", "prompt": "p", "reference_images": ["a"] * 4},
            "reference_images",
            "at most 3",
        ),
        (
            {"type": "prompt", "prompt": "p", "reference_images": ["ftp://x/y.png"]},
            "reference_images[0]",
            "http(s)",
        ),
        (
            {"type": "prompt", "prompt": "p", "reference_images": [{"type": "file"}]},
            "reference_images[0]",
            "asset_id",
        ),
    ],
)
async def test_bad_creates_are_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=reply({"data": {}}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.avatars.create(**{"name": "Anna", **arguments})
    assert caught.value.field == field and words in str(caught.value)
    assert not route.called


# -- consent -----------------------------------------------------------------------


async def test_consent_asks_for_the_page_or_submits_a_video(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    answer = valid_answer(
        *CONSENT, {"avatar_group": GROUP, "url": "https://app.heygen.com/consent/x"}
    )
    route = router.post("/v3/avatars/g-1/consent").mock(return_value=reply(answer))
    consent = await client.avatars.consent("g-1")
    sent = route.calls.last.request
    # HeyGen honours an Idempotency-Key here (its May 2026 list, heygen-v3.md §3.1).
    assert sent_body(sent, *CONSENT) == {} and sent.headers["idempotency-key"]
    assert isinstance(consent, AvatarConsent)
    assert consent.url == "https://app.heygen.com/consent/x"
    assert consent.avatar_group is not None and consent.avatar_group.id == "g-1"
    await client.avatars.consent(
        "g-1", reroute_url="https://example.com/done", consent_text="I, Anna, agree."
    )
    assert sent_body(route.calls.last.request, *CONSENT) == {
        "reroute_url": "https://example.com/done",
        "consent_text": "I, Anna, agree.",
    }
    await client.avatars.consent("g-1", consent_video="https://cdn.example/ok.mp4")
    assert sent_body(route.calls.last.request, *CONSENT) == {
        "consent_video": {"type": "url", "url": "https://cdn.example/ok.mp4"}
    }
    await client.avatars.consent("g-1", idempotency_key="consent-anna-1")
    assert route.calls.last.request.headers["idempotency-key"] == "consent-anna-1"


async def test_bad_consents_are_refused_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=reply({"data": {}}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.avatars.consent("g-1", consent_text="<b>I agree</b>")
    assert caught.value.field == "consent_text" and "< and >" in str(caught.value)
    with pytest.raises(InvalidRequestError) as caught:
        await client.avatars.consent(
            "g-1", consent_video="asset-1", reroute_url="https://example.com"
        )
    assert caught.value.field == "reroute_url" and "consent_video" in str(caught.value)
    with pytest.raises(InvalidRequestError, match="group_id"):
        await client.avatars.consent(" ")
    assert not route.called


# -- looks -------------------------------------------------------------------------


async def test_looks_list_follows_cursors_with_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    looks = [{**LOOK, "id": f"look-{n}"} for n in range(3)]
    route = router.get("/v3/avatars/looks").mock(side_effect=paged("/v3/avatars/looks", looks, 2))
    listing = client.avatars.looks.list(
        group_id="g-1", avatar_type="photo_avatar", ownership="private", limit=2
    )
    ids = [look.id async for look in listing]
    assert ids == ["look-0", "look-1", "look-2"]
    assert dict(route.calls[0].request.url.params) == {
        "group_id": "g-1",
        "avatar_type": "photo_avatar",
        "ownership": "private",
        "limit": "2",
    }
    assert route.calls.last.request.url.params["token"] == "2"


async def test_looks_listings_refuse_bad_filters_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=reply({"data": []}))
    with pytest.raises(InvalidRequestError) as caught:
        client.avatars.looks.list(avatar_type="talking_photo")  # type: ignore[arg-type]
    assert caught.value.field == "avatar_type" and "photo_avatar" in str(caught.value)
    with pytest.raises(InvalidRequestError) as caught:
        client.avatars.looks.list(limit=51)
    assert caught.value.field == "limit" and "1 to 50" in str(caught.value)
    with pytest.raises(InvalidRequestError, match="ownership"):
        client.avatars.list(ownership="mine")  # type: ignore[arg-type]
    assert not route.called


async def test_a_look_is_read_renamed_and_deleted(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get("/v3/avatars/looks/look-1").mock(
        return_value=reply(valid_answer("GET", "/v3/avatars/looks/{look_id}", LOOK))
    )
    renamed = {**LOOK, "name": "Anna, studio"}
    patch = router.patch("/v3/avatars/looks/look-1").mock(
        return_value=reply(valid_answer(*UPDATE, renamed))
    )
    router.delete("/v3/avatars/looks/look-1").mock(
        return_value=reply(valid_answer("DELETE", "/v3/avatars/looks/{look_id}", {"id": "look-1"}))
    )
    look = await client.avatars.looks.get("look-1")
    assert isinstance(look, AvatarLook) and look.is_completed
    assert (look.avatar_type, look.supported_api_engines) == ("photo_avatar", ["avatar_iv"])
    updated = await client.avatars.looks.update("look-1", name="Anna, studio")
    assert sent_body(patch.calls.last.request, *UPDATE) == {"name": "Anna, studio"}
    assert patch.calls.last.request.method == "PATCH" and updated.name == "Anna, studio"
    assert (await client.avatars.looks.delete("look-1")).id == "look-1"
    with pytest.raises(InvalidRequestError, match="name"):
        await client.avatars.looks.update("look-1", name="")
    assert patch.call_count == 1


# -- sync and raw ------------------------------------------------------------------


def test_the_sync_client_lists_looks_and_its_raw_form_reads_a_group(
    router: respx.MockRouter,
) -> None:
    looks = [{**LOOK, "id": f"look-{n}"} for n in range(3)]
    router.get("/v3/avatars/looks").mock(side_effect=paged("/v3/avatars/looks", looks, 2))
    router.get("/v3/avatars/g-1").mock(
        return_value=reply({"data": GROUP}, **{"x-request-id": "r-4"})
    )
    router.get("/v3/avatars/looks/look-0").mock(return_value=reply({"data": looks[0]}))
    with HeyGenClient(api_key="sk-avatars", api_version="v3") as client:
        page = client.avatars.looks.list(limit=2)
        every = [look.id for look in page]
        raw = client.avatars.with_raw_response.get("g-1")
        raw_look = client.avatars.looks.with_raw_response.get("look-0")
    assert [look.id for look in page.data] == ["look-0", "look-1"]
    assert every == ["look-0", "look-1", "look-2"]
    assert raw.request_id == "r-4" and raw.parse().name == "Anna"
    assert raw_look.status_code == 200 and raw_look.parse().id == "look-0"


async def test_the_async_raw_form_gives_a_creates_answer(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.post("/v3/avatars").mock(
        return_value=reply({"data": {"avatar_item": LOOK}}, **{"x-request-id": "r-5"})
    )
    raw = await client.avatars.with_raw_response.create("photo", "Anna", file="asset-1")
    assert raw.request_id == "r-5" and raw.parse().look_id == "look-1"
    assert json.loads(raw.text)["data"]["avatar_item"]["id"] == "look-1"
