"""Rules across a declaration's parameters (``endpoint(check=...)``, ``bulk_read``) and
files inside request models (``AssetReference``), on declarations made here."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from pydantic import BaseModel

from heygen_async import AsyncHeyGenClient, InvalidRequestError, RequestOptions
from heygen_async._params import Unpack
from heygen_async._validation import validate
from heygen_async.models._base import ResponseModel
from heygen_async.resources._arguments import bulk_read
from heygen_async.resources._assets import AssetReference
from heygen_async.resources._endpoint import endpoint
from heygen_async.resources._pages import AsyncPager
from heygen_async.resources._resource import AsyncResource

API = "https://api.heygen.com"


class Gadget(ResponseModel):
    gadget_id: str


def _ordered(values: Mapping[str, Any]) -> None:
    if values["low"] > values["high"]:
        raise InvalidRequestError("low: must not exceed high", field="low", allowed="<= high")


class AsyncGadgets(AsyncResource):
    __slots__ = ()

    @endpoint("GET", "/v3/gadgets/statuses", check=bulk_read("gadget_ids"))
    async def statuses(
        self,
        gadget_ids: list[str] | None = None,
        *,
        batch_ids: list[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[Gadget]:
        """Bulk read."""
        ...

    @endpoint("GET", "/v3/gadgets", paged=True, check=_ordered)
    def list(
        self, low: int, high: int, *, token: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Gadget]:
        """A listing with a rule across two parameters."""
        ...


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def gadgets() -> AsyncIterator[AsyncGadgets]:
    async with AsyncHeyGenClient(api_key="sk-gadgets", api_version="v3") as client:
        yield AsyncGadgets(client)


async def test_a_bulk_read_needs_one_to_100_ids_and_batches_together(
    gadgets: AsyncGadgets, router: respx.MockRouter
) -> None:
    route = router.get("/v3/gadgets/statuses").mock(
        return_value=httpx.Response(200, json={"data": [{"gadget_id": "g1"}]})
    )
    refused = [
        ({}, "gadget_ids", "give at least one id (or batch_ids)"),
        ({"gadget_ids": ["g"] * 70, "batch_ids": ["b"] * 31}, "gadget_ids", "got 101"),
        ({"batch_ids": ["b"] * 101}, "batch_ids", "at most 100"),
    ]
    for arguments, field, words in refused:
        with pytest.raises(InvalidRequestError) as caught:
            await gadgets.statuses(**arguments)
        assert caught.value.field == field and words in str(caught.value)
        assert caught.value.allowed == "1 to 100 gadget_ids and batch_ids together"
    assert not route.called
    await gadgets.statuses(["g"] * 70, batch_ids=["b"] * 30)
    await gadgets.statuses(batch_ids=["b1"])
    assert route.call_count == 2


async def test_a_listings_rule_applies_when_it_is_called(
    gadgets: AsyncGadgets, router: respx.MockRouter
) -> None:
    route = router.get("/v3/gadgets").mock(
        return_value=httpx.Response(200, json={"data": [], "has_more": False})
    )
    with pytest.raises(InvalidRequestError, match="low: must not exceed high"):
        gadgets.list(5, 1)
    assert not route.called
    assert (await gadgets.list(1, 5)).data == []


class Payload(BaseModel):
    clip: AssetReference


def test_an_asset_reference_takes_ids_urls_and_heygens_form(tmp_path: Path) -> None:
    assert Payload(clip="asset-1").clip == {"type": "asset_id", "asset_id": "asset-1"}
    assert Payload(clip="https://cdn/x.mp4").clip == {"type": "url", "url": "https://cdn/x.mp4"}
    own = {"type": "url", "url": "https://cdn/y.mp4"}
    assert Payload(clip=own).clip == own
    file = tmp_path / "clip.mp4"
    file.write_bytes(b"\x00")
    for local in (b"bytes", file, str(file)):
        with pytest.raises(InvalidRequestError) as caught:
            validate(Payload, {"clip": local}, "items[0]")
        assert caught.value.field == "items[0].clip" and "upload_asset" in str(caught.value)
    with pytest.raises(InvalidRequestError, match="HeyGen's form is"):
        validate(Payload, {"clip": {"type": "file"}})
