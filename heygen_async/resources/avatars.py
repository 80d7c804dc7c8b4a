"""``client.avatars``: Avatars (v3): avatar groups (characters) and their looks.

A group is one character; its looks are the outfits, poses and styles it comes in.
A look's ``id`` is the ``avatar_id`` a video takes::

    async for look in client.avatars.looks.list(ownership="private"):
        print(look.id, look.name, look.supported_api_engines)

    made = await client.avatars.create("photo", "Anna", file="anna.jpg")
    consent = await client.avatars.consent(made.group_id)   # send consent.url to Anna
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .._errors import InvalidRequestError
from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw, paging
from ..models._base import Deleted, RequestModel, ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method

AvatarStatus = Literal["processing", "pending_consent", "failed", "completed"]
"""A private avatar's training state."""

AvatarType = Literal["studio_avatar", "digital_twin", "photo_avatar"]
"""What a look is made from: it decides which engines and settings it works with."""

Ownership = Literal["public", "private"]
"""``public``: HeyGen's preset avatars; ``private``: your own."""


class AvatarError(ResponseModel):
    """Why an avatar's training failed."""

    code: str | None = None
    """HeyGen's machine-readable reason."""
    message: str | None = None
    """The reason in words."""


class _Trained(ResponseModel):
    """The training state that groups and looks share."""

    status: AvatarStatus | str | None = None
    """``processing``, ``pending_consent`` (waiting for the person's consent:
    ``client.avatars.consent``), ``failed`` or ``completed``; ``None`` for
    HeyGen's public avatars."""
    error: AvatarError | None = None
    """Why training failed (only when ``status`` is ``failed``)."""

    @property
    def is_completed(self) -> bool:
        """True once training finished and the avatar can be used."""
        return self.status == "completed"

    @property
    def is_failed(self) -> bool:
        """True when training failed (``error`` says why)."""
        return self.status == "failed"

    @property
    def is_terminal(self) -> bool:
        """True when training will not change any more (completed or failed)."""
        return self.is_completed or self.is_failed


class AvatarGroup(_Trained):
    """One avatar group: a character, with one or more looks."""

    id: str
    """The group's id (``group_id`` of its looks; pass it to ``get``, ``delete``,
    ``consent`` and ``looks.list(group_id=...)``)."""
    name: str | None = None
    """Display name."""
    created_at: int | None = None
    """Creation time, Unix seconds."""
    looks_count: int | None = None
    """How many looks the group has."""
    gender: str | None = None
    """The avatar's gender, as HeyGen labels it."""
    default_voice_id: str | None = None
    """The voice videos use with this avatar when none is given."""
    consent_status: str | None = None
    """Where the consent of the person shown stands; ``None`` when none is needed."""
    preview_image_url: str | None = None
    """A still of the avatar."""
    preview_video_url: str | None = None
    """A short clip of the avatar."""


class AvatarLook(_Trained):
    """One look of an avatar: an outfit, pose or style. Its ``id`` is the
    ``avatar_id`` of a video."""

    id: str
    """The look's id: pass it as ``avatar_id`` when making a video."""
    name: str | None = None
    """Display name."""
    avatar_type: AvatarType | str | None = None
    """``studio_avatar``, ``digital_twin`` or ``photo_avatar``."""
    group_id: str | None = None
    """The group (character) the look belongs to."""
    gender: str | None = None
    """The avatar's gender, as HeyGen labels it."""
    default_voice_id: str | None = None
    """The voice videos use with this look when none is given."""
    supported_api_engines: list[str] | None = None
    """The video engines it works with (``avatar_v``, ``avatar_iv``, ``avatar_iii``)."""
    preferred_orientation: Literal["portrait", "landscape", "square"] | str | None = None
    """The framing it looks best in."""
    image_width: int | None = None
    """Native width, pixels."""
    image_height: int | None = None
    """Native height, pixels."""
    preview_image_url: str | None = None
    """A still of the look."""
    preview_video_url: str | None = None
    """A short clip of the look."""
    tags: list[str] | None = None
    """HeyGen's tags for the look."""


class AvatarCreated(ResponseModel):
    """The answer of ``client.avatars.create()``: the avatar being trained."""

    avatar_group: AvatarGroup | None = None
    """The group it was saved to (new unless ``avatar_group_id`` was given)."""
    avatar_item: AvatarLook | None = None
    """The new look; poll ``client.avatars.looks.get(look_id)`` until it is
    completed."""

    @property
    def look_id(self) -> str | None:
        """The new look's id (the ``avatar_id`` of a video), when HeyGen gave it."""
        return self.avatar_item.id if self.avatar_item else None

    @property
    def group_id(self) -> str | None:
        """The group's id, when HeyGen gave it."""
        if self.avatar_group:
            return self.avatar_group.id
        return self.avatar_item.group_id if self.avatar_item else None


class AvatarConsent(ResponseModel):
    """The answer of ``client.avatars.consent()``."""

    avatar_group: AvatarGroup | None = None
    """The group the consent is for."""
    url: str | None = None
    """The page where the person shown gives consent (``None`` when a consent
    video was submitted instead)."""


class AvatarDeleted(Deleted):
    """The answer of a delete of a group or a look: its ``id``."""


class ImageByUrl(RequestModel):
    """An image HeyGen fetches from a public URL."""

    type: Literal["url"] = "url"
    """Always ``url``."""
    url: Annotated[str, Field(pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://.")]
    """The image's http(s) URL."""


class ImageByAssetId(RequestModel):
    """An image already uploaded to HeyGen (``client.upload_asset``)."""

    type: Literal["asset_id"] = "asset_id"
    """Always ``asset_id``."""
    asset_id: Annotated[str, Field(min_length=1)]
    """The asset's id."""


def _image_in_heygens_form(value: Any) -> Any:
    """An http(s) URL or an asset id as HeyGen's dict; a dict stays as it is."""
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if text.lower().startswith(("http://", "https://")):
            return {"type": "url", "url": text}
        if "://" in text:
            raise ValueError(f"only http(s) URLs can be given (got {text!r})")
        return {"type": "asset_id", "asset_id": text}
    return value


ReferenceImage = Annotated[
    Annotated[ImageByUrl | ImageByAssetId, Field(discriminator="type")],
    BeforeValidator(_image_in_heygens_form),
]
"""An image given as an http(s) URL, an asset id, or HeyGen's own dict."""

ReferenceImages = Annotated[list[ReferenceImage], Field(min_length=1, max_length=3)]
"""One to three reference images (HeyGen's limit)."""


def _no_markup(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("must be plain text: HeyGen refuses the characters < and >")
    return value


def _one_avatar_kind(values: Mapping[str, Any]) -> None:
    """What each ``type`` of ``create`` needs and refuses (HeyGen's three bodies)."""
    kind = values["type"]
    needed = "prompt" if kind == "prompt" else "file"
    refused = ("file",) if kind == "prompt" else ("prompt", "reference_images", "avatar_id")
    if values.get(needed) is None:
        raise InvalidRequestError(
            f"{needed}: required for type={kind!r}", field=needed, allowed=f"a {needed}"
        )
    for name in refused:
        if values.get(name) is not None:
            raise InvalidRequestError(
                f"{name}: not taken with type={kind!r} (only type='prompt' takes "
                f"prompt, reference_images and avatar_id; 'photo' and 'digital_twin' "
                f"take file)",
                field=name,
                allowed="None",
            )


def _consent_video_alone(values: Mapping[str, Any]) -> None:
    """A consent video is submitted as it is: no page, so nothing for the page."""
    if values.get("consent_video") is None:
        return
    for name in ("consent_text", "reroute_url"):
        if values.get(name) is not None:
            raise InvalidRequestError(
                f"{name}: cannot be combined with consent_video (no consent page is shown)",
                field=name,
                allowed="None when consent_video is given",
            )


class AsyncAvatarLooks(AsyncResource):
    """``client.avatars.looks`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/avatars/looks", paged=True)
    def list(
        self,
        *,
        group_id: str | None = None,
        avatar_type: AvatarType | None = None,
        ownership: Ownership | None = None,
        limit: Annotated[int, Field(ge=1, le=50)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AvatarLook]:
        """The looks your account can use, a page at a time (``limit`` 1-50 a page,
        HeyGen's default 20): only one group's with ``group_id``, one kind with
        ``avatar_type``, ``ownership="private"`` for your own or ``"public"`` for
        HeyGen's (both when omitted). Await it for one page, or iterate it for
        every look::

            page = await client.avatars.looks.list(avatar_type="photo_avatar")
            async for look in client.avatars.looks.list(group_id=group_id):
                print(look.id, look.name)
        """
        ...

    @endpoint("GET", "/v3/avatars/looks/{look_id}")
    async def get(self, look_id: str, **options: Unpack[RequestOptions]) -> AvatarLook:
        """One look by its id, with its engines, orientation, previews and training
        state (poll a new one until ``is_terminal``). ``NotFoundError`` if unknown."""
        ...

    @endpoint("PATCH", "/v3/avatars/looks/{look_id}")
    async def update(
        self,
        look_id: str,
        *,
        name: Annotated[str, Field(min_length=1)] | None = None,
        **options: Unpack[RequestOptions],
    ) -> AvatarLook:
        """Rename a look (photo avatar and digital twin looks only); the answer is
        the look as it now is::

            look = await client.avatars.looks.update(look_id, name="Anna, office")
        """
        ...

    @endpoint("DELETE", "/v3/avatars/looks/{look_id}")
    async def delete(self, look_id: str, **options: Unpack[RequestOptions]) -> AvatarDeleted:
        """Delete a look and what backs it (photo avatar, digital twin and kit looks;
        HeyGen's studio avatars cannot be deleted). Deleting a group's last look
        deletes the group too: its id is unknown (404) afterwards."""
        ...

    with_raw_response: RawView[AsyncAvatarLooksWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncAvatars(AsyncResource):
    """``client.avatars`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/avatars", paged=True)
    def list(
        self,
        *,
        ownership: Ownership | None = None,
        limit: Annotated[int, Field(ge=1, le=50)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AvatarGroup]:
        """The avatar groups (characters) your account can use, a page at a time
        (``limit`` 1-50 a page, HeyGen's default 20); ``ownership="private"`` for
        your own, ``"public"`` for HeyGen's, both when omitted. A group's looks
        (what a video takes) come from ``client.avatars.looks.list(group_id=...)``::

            async for group in client.avatars.list(ownership="private"):
                print(group.id, group.name, group.looks_count, group.status)
        """
        ...

    @endpoint("GET", "/v3/avatars/{group_id}")
    async def get(self, group_id: str, **options: Unpack[RequestOptions]) -> AvatarGroup:
        """One avatar group by its id, with its looks count and training state.
        ``NotFoundError`` if unknown."""
        ...

    @endpoint("POST", "/v3/avatars", billed=True, check=_one_avatar_kind)
    async def create(
        self,
        type: Literal["photo", "digital_twin", "prompt"],
        name: Annotated[str, Field(min_length=1)],
        *,
        file: AssetInput | None = None,
        prompt: Annotated[str, Field(min_length=1)] | None = None,
        reference_images: ReferenceImages | None = None,
        avatar_id: str | None = None,
        avatar_group_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AvatarCreated:
        """Make an avatar (billed; it trains for a while, poll the new look):

        - ``type="photo"``: from a photo, ``file``;
        - ``type="digital_twin"``: from footage of the person, ``file``;
        - ``type="prompt"``: generated from a description, ``prompt``, optionally
          resembling up to 3 ``reference_images`` (each an http(s) URL, an asset id
          or HeyGen's dict) or an existing look, ``avatar_id``.

        ``file`` is an asset id, an http(s) URL, a local file or its bytes
        (uploaded first). The avatar joins the group ``avatar_group_id`` when given,
        otherwise a new one (or, for a prompt with ``avatar_id``, that look's
        group). A missing or misplaced field raises ``InvalidRequestError`` before
        anything is sent::

            made = await client.avatars.create("photo", "Anna", file="anna.jpg")
            look = await client.avatars.looks.get(made.look_id)
        """
        ...

    @endpoint("DELETE", "/v3/avatars/{group_id}")
    async def delete(self, group_id: str, **options: Unpack[RequestOptions]) -> AvatarDeleted:
        """Delete one of your avatar groups and every look in it, for good
        (HeyGen's public groups cannot be deleted)."""
        ...

    @endpoint("POST", "/v3/avatars/{group_id}/consent", keyed=True, check=_consent_video_alone)
    async def consent(
        self,
        group_id: str,
        *,
        reroute_url: str | None = None,
        consent_text: Annotated[str, AfterValidator(_no_markup)] | None = None,
        consent_video: AssetInput | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AvatarConsent:
        """Start the consent of the person a private avatar shows (needed before
        videos can use it). The answer's ``url`` is the page where they approve it;
        ``reroute_url`` is where that page sends them afterwards. Enterprise
        accounts may also word the page (``consent_text``, plain text, no ``<``
        or ``>``) or submit a recorded consent video instead of the page
        (``consent_video``: an asset id, URL, file or bytes; no page, so neither
        ``reroute_url`` nor ``consent_text`` with it). An ``Idempotency-Key`` (yours,
        or one made for the call) goes with it and every retry, as HeyGen honours
        one here::

            consent = await client.avatars.consent(group_id)
            print("Ask Anna to open", consent.url)
        """
        ...

    @property
    def looks(self) -> AsyncAvatarLooks:
        """The looks of avatars (outfits, poses, styles): list, get, update, delete.
        A look's ``id`` is the ``avatar_id`` a video takes."""
        return AsyncAvatarLooks(self._client)

    with_raw_response: RawView[AsyncAvatarsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncAvatarLooksWithRawResponse(AsyncRawResource[AsyncAvatarLooks]):
    """``client.avatars.looks.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    delete = raw_method(AsyncAvatarLooks.delete)
    get = raw_method(AsyncAvatarLooks.get)
    update = raw_method(AsyncAvatarLooks.update)


class AsyncAvatarsWithRawResponse(AsyncRawResource[AsyncAvatars]):
    """``client.avatars.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    consent = raw_method(AsyncAvatars.consent)
    create = raw_method(AsyncAvatars.create)
    delete = raw_method(AsyncAvatars.delete)
    get = raw_method(AsyncAvatars.get)


class AvatarLooks(SyncResource[AsyncAvatarLooks]):
    """``client.avatars.looks`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    delete = blocking(AsyncAvatarLooks.delete)
    get = blocking(AsyncAvatarLooks.get)
    list = paging(AsyncAvatarLooks.list)
    update = blocking(AsyncAvatarLooks.update)

    with_raw_response: RawView[AvatarLooksWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class Avatars(SyncResource[AsyncAvatars]):
    """``client.avatars`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    consent = blocking(AsyncAvatars.consent)
    create = blocking(AsyncAvatars.create)
    delete = blocking(AsyncAvatars.delete)
    get = blocking(AsyncAvatars.get)
    list = paging(AsyncAvatars.list)

    @property
    def looks(self) -> AvatarLooks:
        """The looks of avatars (outfits, poses, styles): list, get, update, delete.
        A look's ``id`` is the ``avatar_id`` a video takes."""
        return AvatarLooks(*self._inner("looks"))

    with_raw_response: RawView[AvatarsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AvatarLooksWithRawResponse(SyncRawResource[AsyncAvatarLooks]):
    """``client.avatars.looks.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    delete = blocking_raw(AsyncAvatarLooksWithRawResponse.delete)
    get = blocking_raw(AsyncAvatarLooksWithRawResponse.get)
    update = blocking_raw(AsyncAvatarLooksWithRawResponse.update)


class AvatarsWithRawResponse(SyncRawResource[AsyncAvatars]):
    """``client.avatars.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    consent = blocking_raw(AsyncAvatarsWithRawResponse.consent)
    create = blocking_raw(AsyncAvatarsWithRawResponse.create)
    delete = blocking_raw(AsyncAvatarsWithRawResponse.delete)
    get = blocking_raw(AsyncAvatarsWithRawResponse.get)


__all__ = [
    "AsyncAvatarLooks",
    "AsyncAvatarLooksWithRawResponse",
    "AsyncAvatars",
    "AsyncAvatarsWithRawResponse",
    "AvatarConsent",
    "AvatarCreated",
    "AvatarDeleted",
    "AvatarError",
    "AvatarGroup",
    "AvatarLook",
    "AvatarLooks",
    "AvatarLooksWithRawResponse",
    "AvatarStatus",
    "AvatarType",
    "Avatars",
    "AvatarsWithRawResponse",
    "ImageByAssetId",
    "ImageByUrl",
    "Ownership",
    "ReferenceImage",
    "ReferenceImages",
]
