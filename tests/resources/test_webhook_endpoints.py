"""``client.webhooks`` (endpoints, event types, the event log) against respx: what
is sent (checked against HeyGen's wire shapes), what is refused before sending,
secrets kept out of reprs, listings, and the sync and raw forms."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.webhooks import (
    WebhookEndpoint,
    WebhookEventType,
    WebhookLogEvent,
    WebhookSecret,
)
from heygen_async.testing import InstantClock, use_clock

from ._wire_schema import sent_body, valid_answer

API = "https://api.heygen.com"
CREATE = ("POST", "/v3/webhooks/endpoints")
UPDATE = ("PATCH", "/v3/webhooks/endpoints/{endpoint_id}")
ROTATE = ("POST", "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret")
SECRET = "whsec_7f3a9c0d1e2b4a5f"

REGISTERED = {
    "endpoint_id": "ep-1",
    "url": "https://example.com/heygen",
    "events": ["avatar_video.success"],
    "status": "enabled",
    "created_at": "2026-12-06T05:00:00Z",
    "secret": SECRET,
}
LOGGED = {
    "event_id": "evt-1",
    "event_type": "avatar_video.success",
    "event_data": {"video_id": "vid-1", "url": "https://files.example/v.mp4"},
    "created_at": "2026-12-06T05:01:00Z",
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-hooks", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield client


def reply(answer: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.Response(200, json=answer, headers=headers)


def paged(path: str, items: list[dict[str, Any]], size: int) -> Any:
    """A respx side effect serving ``items`` ``size`` a page, by token."""

    def answer(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("token") or 0)
        more = start + size < len(items)
        return reply(
            valid_answer(
                "GET",
                path,
                items[start : start + size],
                has_more=more,
                next_token=str(start + size) if more else None,
            )
        )

    return answer


# -- endpoints ---------------------------------------------------------------------


async def test_create_registers_the_url_as_given_and_keeps_the_secret_out_of_reprs(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/webhooks/endpoints").mock(
        return_value=reply(valid_answer(*CREATE, {**REGISTERED, "signing_secret": "whsec_x"}))
    )
    hook = await client.webhooks.endpoints.create("https://example.com/heygen")
    assert sent_body(route.calls.last.request, *CREATE) == {"url": "https://example.com/heygen"}
    assert isinstance(hook, WebhookEndpoint)
    assert (hook.endpoint_id, hook.status, hook.secret) == ("ep-1", "enabled", SECRET)
    assert hook.model_dump()["signing_secret"] == "whsec_x"  # an unknown field is kept
    for shown in (repr(hook), str(hook)):
        assert "whsec_" not in shown and "ep-1" in shown
    local = "http://127.0.0.1:8000/hooks"  # a local receiver: plain http, passed through
    await client.webhooks.endpoints.create(
        local, events=["avatar_video.success", "batch.finished"], entity_id="proj-1"
    )
    assert sent_body(route.calls.last.request, *CREATE) == {
        "url": local,
        "events": ["avatar_video.success", "batch.finished"],
        "entity_id": "proj-1",
    }


@pytest.mark.parametrize(
    ("path", "call", "answer"),
    [
        (CREATE, lambda hooks: hooks.create("https://example.com/heygen"), REGISTERED),
        (
            ROTATE,
            lambda hooks: hooks.rotate_secret("ep-1"),
            {"endpoint_id": "ep-1", "secret": SECRET},
        ),
    ],
    ids=["create", "rotate_secret"],
)
async def test_create_and_rotate_retry_under_one_idempotency_key(
    client: AsyncHeyGenClient, router: respx.MockRouter, path: Any, call: Any, answer: Any
) -> None:
    """HeyGen honours an Idempotency-Key on both (heygen-v3.md 3.1): a lost answer is
    asked again under the same key, which replays it instead of acting twice."""
    url = path[1].replace("{endpoint_id}", "ep-1")
    route = router.post(url).mock(
        side_effect=[httpx.ReadTimeout("slow"), reply(valid_answer(*path, answer))]
    )
    made = await call(client.webhooks.endpoints)
    keys = [c.request.headers.get("Idempotency-Key") for c in route.calls]
    assert made.secret == SECRET
    assert len(keys) == 2 and keys[0] is not None and keys[0] == keys[1]


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"url": "example.com/heygen"}, "url", "http(s) URL"),
        ({"url": ""}, "url", "http(s) URL"),
        ({"events": ["avatar_video.done"]}, "events[0]", "avatar_video.success"),
        ({"events": []}, "events", "at least 1"),
        ({"events": "avatar_video.success"}, "events", "list"),
    ],
)
async def test_bad_registrations_are_refused_before_sending(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    arguments: dict[str, Any],
    field: str,
    words: str,
) -> None:
    route = router.route().mock(return_value=reply({"data": REGISTERED}))
    with pytest.raises(InvalidRequestError) as caught:
        await client.webhooks.endpoints.create(**{"url": "https://example.com/h", **arguments})
    assert caught.value.field == field and words in str(caught.value)
    assert not route.called


async def test_list_pages_through_the_endpoints(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    hooks = [{**REGISTERED, "endpoint_id": f"ep-{n}", "secret": None} for n in range(3)]
    route = router.get("/v3/webhooks/endpoints").mock(
        side_effect=paged("/v3/webhooks/endpoints", hooks, 2)
    )
    page = await client.webhooks.endpoints.list(limit=2)
    assert dict(route.calls.last.request.url.params) == {"limit": "2"}
    assert [h.endpoint_id for h in page.data] == ["ep-0", "ep-1"] and page.has_more
    ids = [hook.endpoint_id async for hook in client.webhooks.endpoints.list(limit=2)]
    assert ids == ["ep-0", "ep-1", "ep-2"]
    with pytest.raises(InvalidRequestError, match="1 to 100"):
        client.webhooks.endpoints.list(limit=101)


async def test_update_replaces_url_and_events_and_delete_removes(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    changed = {**REGISTERED, "events": ["batch.finished"], "secret": None}
    patch = router.patch("/v3/webhooks/endpoints/ep-1").mock(
        return_value=reply(valid_answer(*UPDATE, changed))
    )
    removed = router.delete("/v3/webhooks/endpoints/ep-1").mock(
        return_value=reply(
            valid_answer("DELETE", "/v3/webhooks/endpoints/{endpoint_id}", {}, error=None)
        )
    )
    updated = await client.webhooks.endpoints.update("ep-1", events=["batch.finished"])
    assert sent_body(patch.calls.last.request, *UPDATE) == {"events": ["batch.finished"]}
    assert updated.events == ["batch.finished"] and updated.secret is None
    await client.webhooks.endpoints.update(
        "ep-1", url="https://example.com/new", events=["video_agent.fail"]
    )
    assert sent_body(patch.calls.last.request, *UPDATE) == {
        "url": "https://example.com/new",
        "events": ["video_agent.fail"],
    }
    with pytest.raises(InvalidRequestError) as caught:
        await client.webhooks.endpoints.update("ep-1", events=["video.done"])
    assert caught.value.field == "events[0]" and patch.call_count == 2
    assert await client.webhooks.endpoints.delete("ep-1") is None
    assert removed.called and removed.calls.last.request.content == b""


async def test_rotate_secret_reads_the_new_secret_and_hides_it(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/webhooks/endpoints/ep-1/rotate-secret").mock(
        return_value=reply(valid_answer(*ROTATE, {"endpoint_id": "ep-1", "secret": SECRET}))
    )
    rotated = await client.webhooks.endpoints.rotate_secret("ep-1")
    assert isinstance(rotated, WebhookSecret) and rotated.secret == SECRET
    assert "whsec_" not in repr(rotated) and "ep-1" in repr(rotated)
    assert route.call_count == 1
    with pytest.raises(InvalidRequestError, match="endpoint_id"):
        await client.webhooks.endpoints.rotate_secret("")
    assert route.call_count == 1


# -- event types and the event log -------------------------------------------------


async def test_event_types_read_every_type_with_its_description(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    kinds = [
        {"event_type": "avatar_video.success", "description": "A video is ready."},
        {"event_type": "avatar_video.fail", "description": "A video failed.", "beta": True},
    ]
    router.get("/v3/webhooks/event-types").mock(
        return_value=reply(valid_answer("GET", "/v3/webhooks/event-types", kinds))
    )
    found = await client.webhooks.event_types()
    assert all(isinstance(kind, WebhookEventType) for kind in found)
    assert [kind.event_type for kind in found] == ["avatar_video.success", "avatar_video.fail"]
    assert found[1].model_dump()["beta"] is True


async def test_the_event_log_pages_with_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    logged = [{**LOGGED, "event_id": f"evt-{n}"} for n in range(5)]
    route = router.get("/v3/webhooks/events").mock(
        side_effect=paged("/v3/webhooks/events", logged, 2)
    )
    listing = client.webhooks.events(event_type="avatar_video.success", entity_id="vid-1", limit=2)
    events = [event async for event in listing]
    assert [event.event_id for event in events] == [f"evt-{n}" for n in range(5)]
    assert all(isinstance(event, WebhookLogEvent) for event in events)
    assert events[0].event_data == LOGGED["event_data"]
    assert dict(route.calls[0].request.url.params) == {
        "event_type": "avatar_video.success",
        "entity_id": "vid-1",
        "limit": "2",
    }
    assert [call.request.url.params.get("token") for call in route.calls] == [None, "2", "4"]
    page = await client.webhooks.events().starting_at("4")
    assert [event.event_id for event in page.data] == ["evt-4"] and not page.has_more


async def test_the_event_log_refuses_bad_filters_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.route().mock(return_value=reply({"data": []}))
    with pytest.raises(InvalidRequestError) as caught:
        client.webhooks.events(event_type="video.done")  # type: ignore[arg-type]
    assert caught.value.field == "event_type" and "batch.finished" in str(caught.value)
    with pytest.raises(InvalidRequestError) as caught:
        client.webhooks.events(limit=0)
    assert caught.value.field == "limit" and "1 to 100" in str(caught.value)
    assert not route.called


# -- sync and raw ------------------------------------------------------------------


def test_the_sync_client_registers_and_reads_the_log_and_its_raw_form_rotates(
    router: respx.MockRouter,
) -> None:
    router.post("/v3/webhooks/endpoints").mock(return_value=reply({"data": REGISTERED}))
    router.get("/v3/webhooks/events").mock(
        side_effect=paged("/v3/webhooks/events", [LOGGED, {**LOGGED, "event_id": "evt-2"}], 1)
    )
    router.post("/v3/webhooks/endpoints/ep-1/rotate-secret").mock(
        return_value=reply(
            {"data": {"endpoint_id": "ep-1", "secret": SECRET}}, **{"x-request-id": "r-8"}
        )
    )
    with HeyGenClient(api_key="sk-hooks", api_version="v3") as client:
        hook = client.webhooks.endpoints.create("https://example.com/heygen")
        logged = [event.event_id for event in client.webhooks.events()]
        raw = client.webhooks.endpoints.with_raw_response.rotate_secret("ep-1")
    assert hook.secret == SECRET and "whsec_" not in repr(hook)
    assert logged == ["evt-1", "evt-2"]
    assert raw.request_id == "r-8" and raw.parse().secret == SECRET
    assert "whsec_" not in repr(raw) and "whsec_" not in repr(raw.parse())


async def test_the_async_raw_forms_give_the_answers(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    router.get("/v3/webhooks/event-types").mock(
        return_value=reply({"data": [{"event_type": "batch.finished", "description": "d"}]})
    )
    router.post("/v3/webhooks/endpoints").mock(return_value=reply({"data": REGISTERED}))
    raw = await client.webhooks.with_raw_response.event_types()
    assert raw.parse()[0].event_type == "batch.finished"
    created = await client.webhooks.endpoints.with_raw_response.create("https://example.com/h")
    assert created.status_code == 200 and created.parse().endpoint_id == "ep-1"
