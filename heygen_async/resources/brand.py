"""``client.brand``: Your brand kits and glossaries (v3).

::

    async for kit in client.brand.list_kits():
        print(kit.brand_kit_id, kit.name, kit.colors)
    async for glossary in client.brand.list_glossaries():
        print(glossary.brand_glossary_id, glossary.name)

Both are made in HeyGen's web app (Brand Kit); the API reads them. A kit's id goes
to a video agent (``brand_kit_id``), a glossary's to a video translation
(``brand_glossary_id``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, paging
from ..models._base import ResponseModel
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView


class BrandGlossary(ResponseModel):
    """A brand glossary: how your own terms are translated."""

    brand_glossary_id: str
    """Pass it as ``brand_glossary_id`` to a video translation."""
    name: str | None = None
    """Its name."""
    created_at: str | None = None
    """Creation time (UTC, as HeyGen writes it)."""
    updated_at: str | None = None
    """Last change (UTC, as HeyGen writes it)."""


class BrandKit(ResponseModel):
    """A brand kit: colours, fonts and logos a video agent can use."""

    brand_kit_id: str
    """Pass it as ``brand_kit_id`` to ``client.video_agents.create``."""
    name: str | None = None
    """Its name."""
    colors: list[str] | None = None
    """Brand colours as hex values, e.g. ``#FF5733``."""
    logo_url: str | None = None
    """The main logo (public link)."""


class AsyncBrand(AsyncResource):
    """``client.brand`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/brand-glossaries", paged=True)
    def list_glossaries(
        self,
        *,
        limit: Annotated[int, Field(ge=1)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[BrandGlossary]:
        """Your brand glossaries, a page at a time. Await it for one page, iterate it
        for every glossary::

            async for glossary in client.brand.list_glossaries():
                print(glossary.brand_glossary_id, glossary.name)
        """
        ...

    @endpoint("GET", "/v3/brand-kits", paged=True)
    def list_kits(
        self,
        *,
        limit: Annotated[int, Field(ge=1)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[BrandKit]:
        """Your brand kits, a page at a time. Await it for one page, iterate it for
        every kit::

            async for kit in client.brand.list_kits():
                print(kit.brand_kit_id, kit.name)
        """
        ...

    with_raw_response: RawView[AsyncBrandWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncBrandWithRawResponse(AsyncRawResource[AsyncBrand]):
    """``client.brand.with_raw_response`` of an ``AsyncHeyGenClient`` (listings have
    no raw form: they are many answers)."""

    __slots__ = ()


class Brand(SyncResource[AsyncBrand]):
    """``client.brand`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    list_glossaries = paging(AsyncBrand.list_glossaries)
    list_kits = paging(AsyncBrand.list_kits)

    with_raw_response: RawView[BrandWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class BrandWithRawResponse(SyncRawResource[AsyncBrand]):
    """``client.brand.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = [
    "AsyncBrand",
    "AsyncBrandWithRawResponse",
    "Brand",
    "BrandGlossary",
    "BrandKit",
    "BrandWithRawResponse",
]
