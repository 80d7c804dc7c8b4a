"""``client.templates``: Templates (v3): list, get, and generate a video from one with variables.

::

    template = await client.templates.get(template_id)
    print(list(template.variables or {}))            # the variables and their defaults
    video = await client.templates.generate(
        template_id,
        variables={"name": {"name": "name", "type": "text", "properties": {"content": "Ada"}}},
    )

Templates are made in HeyGen's web editor; only those with variables are listed.
``generate`` answers the new video (poll ``client.videos.get(video.video_id)``).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw, paging
from ..models._base import RequestModel, ResponseModel
from ..models.video import VideoStatus
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method

TemplateVariables = Mapping[str, Mapping[str, Any]]
"""Variable name -> HeyGen's variable object. HeyGen's v3 spec leaves the object open
and says ``templates.get`` returns each variable's default "in the same shape the
generate request accepts": edit those. (HeyGen's template API has written a text
variable as ``{"name": "name", "type": "text", "properties": {"content": "Ada"}}``.)"""


class TemplateDimension(RequestModel):
    """An output size in pixels; it must match the template's aspect ratio."""

    width: Annotated[int, Field(ge=128, le=4096, multiple_of=2)]
    """Width: an even number, 128 to 4096."""
    height: Annotated[int, Field(ge=128, le=4096, multiple_of=2)]
    """Height: an even number, 128 to 4096."""


class SubtitlePosition(RequestModel):
    """Where the subtitles sit."""

    x: float | None = None
    """Horizontal position."""
    y: float | None = None
    """Vertical position."""


class Subtitles(RequestModel):
    """Burned-in subtitles in one of HeyGen's presets (giving them turns captions on)."""

    preset_name: str = Field(min_length=1)
    """The preset, e.g. ``classic``, ``bold``, ``bright``."""
    alignment: int | None = None
    """Alignment (HeyGen's default 2)."""
    font_size: int | None = None
    """Font size instead of the preset's."""
    disable_highlight: bool | None = None
    """True turns the preset's word highlighting off."""
    position: SubtitlePosition | None = None
    """Position instead of the preset's."""


class Template(ResponseModel):
    """One template of ``client.templates.list()``."""

    id: str
    """The id to pass to ``templates.get`` and ``templates.generate``."""
    name: str | None = None
    """The template's name."""
    aspect_ratio: str | None = None
    """Its aspect ratio, e.g. ``16:9``."""
    thumbnail_url: str | None = None
    """A preview image."""
    created_at: int | None = None
    """Creation time, Unix seconds."""
    updated_at: int | None = None
    """Last change, Unix seconds."""


class TemplateSceneVariable(ResponseModel):
    """A variable a scene uses."""

    name: str
    """Its name: a key of the template's ``variables``."""
    variable_type: Literal["text", "image", "video", "audio", "character", "voice"] | str | None = (
        None
    )
    """What it replaces: ``text``, ``image``, ``video``, ``audio``, ``character`` or ``voice``."""


class TemplateScene(ResponseModel):
    """A scene of a template."""

    scene_id: str
    """Its id, for ``generate(scene_ids=[...])``."""
    script: str | None = None
    """Its script, with the variables' placeholders still in it."""
    variables: list[TemplateSceneVariable] | None = None
    """The variables it uses."""


class TemplateDetails(ResponseModel):
    """A template with its variables and scenes (``client.templates.get``)."""

    id: str
    """The template's id."""
    name: str | None = None
    """The template's name."""
    aspect_ratio: str | None = None
    """Its aspect ratio, e.g. ``16:9``."""
    thumbnail_url: str | None = None
    """A preview image."""
    created_at: int | None = None
    """Creation time, Unix seconds."""
    updated_at: int | None = None
    """Last change, Unix seconds."""
    variables: dict[str, Any] | None = None
    """Each variable by name with its current default, in the shape ``generate`` takes:
    edit a copy and pass it as ``variables``."""
    scene_ids: list[str] | None = None
    """The scenes' ids in the template's order."""
    scenes: list[TemplateScene] | None = None
    """The scenes, each with its script and variables."""


class AsyncTemplates(AsyncResource):
    """``client.templates`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/templates", paged=True)
    def list(
        self,
        *,
        limit: Annotated[int, Field(ge=1)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Template]:
        """Your templates that have variables (the ones the API can fill), a page at a
        time. Await it for one page, iterate it for every template::

            async for template in client.templates.list():
                print(template.id, template.name)
        """
        ...

    @endpoint("GET", "/v3/templates/{template_id}")
    async def get(self, template_id: str, **options: Unpack[RequestOptions]) -> TemplateDetails:
        """One template: its variables (with their defaults, in the shape ``generate``
        takes) and its scenes. An unknown id raises ``NotFoundError``::

            template = await client.templates.get(template_id)
            variables = dict(template.variables or {})
        """
        ...

    @endpoint("POST", "/v3/templates/{template_id}", billed=True)
    async def generate(
        self,
        template_id: str,
        variables: TemplateVariables,
        *,
        title: str | None = None,
        scene_ids: builtins.list[Annotated[str, Field(min_length=1)]] | None = None,
        caption: bool | None = None,
        subtitles: Subtitles | None = None,
        dimension: TemplateDimension | None = None,
        fps: Literal[25, 30, 60] | None = None,
        brand_voice_id: str | None = None,
        folder_id: str | None = None,
        enable_sharing: bool | None = None,
        include_gif: bool | None = None,
        keep_text_vertically_centered: bool | None = None,
        reorder_music: bool | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoStatus:
        """Make a video from a template (billed), replacing its ``variables``: a dict of
        variable name -> HeyGen's variable object (``templates.get`` shows each one's
        shape and default). ``scene_ids`` picks, orders or repeats existing scenes
        (default: all, in order); ``fps`` is 25 (default), 30 or 60; ``dimension``
        (even, 128-4096 px) must match the template's aspect ratio. Answers the new
        video (a retry with the same ``idempotency_key`` answers the first one as it
        was then: poll ``videos.get`` for its state)::

            video = await client.templates.generate(
                template_id,
                variables={"name": {"name": "name", "type": "text",
                                    "properties": {"content": "Ada"}}},
                title="Welcome Ada",
            )
        """
        ...

    with_raw_response: RawView[AsyncTemplatesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncTemplatesWithRawResponse(AsyncRawResource[AsyncTemplates]):
    """``client.templates.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    get = raw_method(AsyncTemplates.get)
    generate = raw_method(AsyncTemplates.generate)


class Templates(SyncResource[AsyncTemplates]):
    """``client.templates`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    list = paging(AsyncTemplates.list)
    get = blocking(AsyncTemplates.get)
    generate = blocking(AsyncTemplates.generate)

    with_raw_response: RawView[TemplatesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class TemplatesWithRawResponse(SyncRawResource[AsyncTemplates]):
    """``client.templates.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    get = blocking_raw(AsyncTemplatesWithRawResponse.get)
    generate = blocking_raw(AsyncTemplatesWithRawResponse.generate)


__all__ = [
    "AsyncTemplates",
    "AsyncTemplatesWithRawResponse",
    "Subtitles",
    "Template",
    "TemplateDetails",
    "TemplateDimension",
    "TemplateScene",
    "TemplateSceneVariable",
    "Templates",
    "TemplatesWithRawResponse",
]
