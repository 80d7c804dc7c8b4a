"""``client.users``, ``client.brand`` and ``client.audio`` over respx: what they ask,
how their answers read (unknown fields kept), listings, sync and raw forms."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.resources.audio import Sound
from heygen_async.resources.brand import BrandGlossary, BrandKit
from heygen_async.resources.users import CurrentUser

from .wire_check import answer

API = "https://api.heygen.com"
ME = {
    "username": "ada",
    "email": "ada@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "billing_type": "wallet",
    "wallet": {
        "currency": "usd",
        "remaining_balance": 42.5,
        "auto_reload": {"enabled": True, "amount_usd": 50, "threshold_usd": 10},
    },
    "subscription": None,
    "usage_based": None,
}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-account") as made:
        yield made


async def test_me_reads_the_account_and_its_balance(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.get("/v3/users/me").mock(
        return_value=answer("GET", "/v3/users/me", {"data": {**ME, "team": "x"}})
    )
    me = await client.users.me()
    assert route.calls.last.request.url.query == b""
    assert isinstance(me, CurrentUser)
    assert (me.username, me.billing_type) == ("ada", "wallet")
    assert me.wallet is not None and me.wallet.remaining_balance == 42.5
    assert me.wallet.auto_reload is not None and me.wallet.auto_reload.enabled
    assert me.model_dump()["team"] == "x"
    assert me.request_id == "req-test"


async def test_me_reads_a_subscription_and_a_usage_based_account(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    subscription = {
        **ME,
        "billing_type": "subscription",
        "wallet": None,
        "subscription": {
            "plan": "creator",
            "credits": {"premium_credits": {"remaining": 7, "resets_at": "2026-12-31"}},
        },
    }
    usage = {**ME, "billing_type": "usage_based", "wallet": None}
    usage["usage_based"] = {"remaining_credits": 3.5, "spending_cap_usd": 100}
    router.get("/v3/users/me").mock(
        side_effect=[
            answer("GET", "/v3/users/me", {"data": subscription}),
            answer("GET", "/v3/users/me", {"data": usage}),
        ]
    )
    first = await client.users.me()
    second = await client.users.me()
    assert first.subscription is not None and first.subscription.credits is not None
    assert first.subscription.plan == "creator"
    assert first.subscription.credits.premium_credits is not None
    assert first.subscription.credits.premium_credits.remaining == 7
    assert second.usage_based is not None and second.usage_based.remaining_credits == 3.5


def pages_of(method_path: str, items: list[dict[str, Any]]) -> Any:
    """Serve ``items`` one a page, the token being the next item's index."""

    def serve(request: Any) -> Any:
        at = int(request.url.params.get("token") or 0)
        more = at + 1 < len(items)
        body = {
            "data": items[at : at + 1],
            "has_more": more,
            "next_token": str(at + 1) if more else None,
        }
        return answer("GET", method_path, body)

    return serve


async def test_brand_lists_glossaries_and_kits_page_by_page(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    glossaries = [
        {
            "brand_glossary_id": f"bg_{n}",
            "name": f"G{n}",
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-02T00:00:00Z",
        }
        for n in range(3)
    ]
    kits = [
        {
            "brand_kit_id": "bk_1",
            "name": "Main",
            "colors": ["#FF5733"],
            "logo_url": None,
            "font": "x",
        }
    ]
    glossary_route = router.get("/v3/brand-glossaries").mock(
        side_effect=pages_of("/v3/brand-glossaries", glossaries)
    )
    router.get("/v3/brand-kits").mock(side_effect=pages_of("/v3/brand-kits", kits))
    found = [g async for g in client.brand.list_glossaries(limit=1)]
    assert [g.brand_glossary_id for g in found] == ["bg_0", "bg_1", "bg_2"]
    assert all(isinstance(g, BrandGlossary) for g in found)
    assert [c.request.url.params.get("token") for c in glossary_route.calls] == [None, "1", "2"]
    assert all(c.request.url.params["limit"] == "1" for c in glossary_route.calls)
    page = await client.brand.list_kits()
    assert isinstance(page.data[0], BrandKit)
    assert page.data[0].colors == ["#FF5733"] and page.data[0].model_dump()["font"] == "x"
    assert not page.has_more
    with pytest.raises(InvalidRequestError, match="limit"):
        client.brand.list_kits(limit=0)


async def test_audio_searches_sounds_with_its_filters(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    sound = {
        "id": "snd_1",
        "name": "Whoosh",
        "description": "a fast whoosh",
        "audio_url": "https://cdn.example/w.mp3",
        "score": 0.91,
        "type": "sound_effects",
        "duration": 1.2,
        "placement": "hit",
        "peak_offset": 0.3,
    }
    route = router.get("/v3/audio/sounds").mock(
        return_value=answer(
            "GET", "/v3/audio/sounds", {"data": [sound], "has_more": False, "next_token": None}
        )
    )
    page = await client.audio.list_sounds(
        query="whoosh", type="sound_effects", min_score=0.5, limit=5
    )
    assert dict(route.calls.last.request.url.params) == {
        "query": "whoosh",
        "type": "sound_effects",
        "min_score": "0.5",
        "limit": "5",
    }
    assert isinstance(page.data[0], Sound)
    assert (page.data[0].score, page.data[0].placement) == (0.91, "hit")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"type": "speech"}, "type"), ({"min_score": 1.5}, "min_score"), ({"limit": 0}, "limit")],
)
async def test_audio_refuses_bad_filters_before_sending(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=answer("GET", "/v3/audio/sounds", {"data": []}))
    with pytest.raises(InvalidRequestError) as caught:
        client.audio.list_sounds(**arguments)
    assert caught.value.field == field
    assert not route.called


def test_the_sync_client_reads_the_account_lists_and_raw(router: respx.MockRouter) -> None:
    router.get("/v3/users/me").mock(return_value=answer("GET", "/v3/users/me", {"data": ME}))
    router.get("/v3/brand-kits").mock(
        side_effect=pages_of(
            "/v3/brand-kits",
            [{"brand_kit_id": "bk_1", "name": "A"}, {"brand_kit_id": "bk_2", "name": "B"}],
        )
    )
    router.get("/v3/audio/sounds").mock(
        return_value=answer("GET", "/v3/audio/sounds", {"data": [], "has_more": False})
    )
    with HeyGenClient(api_key="sk-account") as client:
        me = client.users.me()
        raw = client.users.with_raw_response.me()
        kits = [kit.brand_kit_id for kit in client.brand.list_kits()]
        sounds = client.audio.list_sounds(query="calm piano")
    assert me.username == "ada"
    assert raw.status_code == 200 and raw.parse().email == "ada@example.com"
    assert kits == ["bk_1", "bk_2"]
    assert sounds.data == []


async def test_raw_me_gives_the_answer(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    router.get("/v3/users/me").mock(return_value=answer("GET", "/v3/users/me", {"data": ME}))
    raw = await client.users.with_raw_response.me()
    assert raw.request_id == "req-test" and raw.parse().first_name == "Ada"
    assert raw.json()["data"]["wallet"]["currency"] == "usd"
