"""``client.templates`` over respx: listing, one template with its variables, and
generating a video from it (billed: an idempotency key, reused on a retry), checked
against HeyGen's wire shapes; bad input refused before sending; sync and raw forms."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, HeyGenClient, InvalidRequestError
from heygen_async.models import VideoStatus
from heygen_async.resources.templates import Template, TemplateDetails
from heygen_async.testing import InstantClock, use_clock

from .wire_check import answer, sent_body

API = "https://api.heygen.com"
GENERATE = ("POST", "/v3/templates/{template_id}")
NAME = {"name": "name", "type": "text", "properties": {"content": "Ada"}}
VIDEO = {"id": "vid_t", "status": "pending", "title": "Welcome Ada", "created_at": 1_700_000_000}


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-templates") as made:
        use_clock(made, InstantClock())
        yield made


def generated() -> httpx.Response:
    return answer(*GENERATE, {"data": VIDEO})


async def test_generate_sends_the_variables_with_an_idempotency_key_reused_on_retry(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/templates/tpl_1").mock(side_effect=[httpx.Response(500), generated()])
    video = await client.templates.generate("tpl_1", variables={"name": NAME})
    first, second = (call.request for call in route.calls)
    assert sent_body(second, *GENERATE) == {"variables": {"name": NAME}}
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert isinstance(video, VideoStatus)
    assert (video.video_id, video.status.value, video.title) == ("vid_t", "pending", "Welcome Ada")
    assert not video.is_terminal


async def test_generate_sends_every_optional_field_in_heygens_form(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    route = router.post("/v3/templates/tpl_1").mock(return_value=generated())
    fields: dict[str, Any] = {
        "title": "Welcome Ada",
        "scene_ids": ["s1", "s2", "s1"],
        "caption": True,
        "subtitles": {
            "preset_name": "bold",
            "alignment": 2,
            "font_size": 40,
            "disable_highlight": True,
            "position": {"x": 0.1, "y": 0.9},
        },
        "dimension": {"width": 1280, "height": 720},
        "fps": 30,
        "brand_voice_id": "bv_1",
        "folder_id": "fold_1",
        "enable_sharing": True,
        "include_gif": True,
        "keep_text_vertically_centered": True,
        "reorder_music": False,
        "callback_id": "cb-1",
        "callback_url": "https://hooks.example/heygen",
    }
    await client.templates.generate(
        "tpl_1", variables={"name": NAME}, idempotency_key="gen-1", **fields
    )
    request = route.calls.last.request
    assert sent_body(request, *GENERATE) == {"variables": {"name": NAME}, **fields}
    assert request.headers["idempotency-key"] == "gen-1"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"template_id": "", "variables": {}}, "template_id"),
        ({"template_id": "t", "variables": {"name": "Ada"}}, "variables.name"),
        ({"template_id": "t", "variables": ["name"]}, "variables"),
        ({"template_id": "t", "variables": {}, "fps": 24}, "fps"),
        (
            {"template_id": "t", "variables": {}, "dimension": {"width": 1281, "height": 720}},
            "dimension.width",
        ),
        (
            {"template_id": "t", "variables": {}, "dimension": {"width": 64, "height": 64}},
            "dimension.width",
        ),
        ({"template_id": "t", "variables": {}, "dimension": {"width": 1280}}, "dimension.height"),
        (
            {"template_id": "t", "variables": {}, "subtitles": {"font_size": 3}},
            "subtitles.preset_name",
        ),
        ({"template_id": "t", "variables": {}, "scene_ids": [""]}, "scene_ids[0]"),
    ],
)
async def test_bad_input_is_refused_before_anything_is_sent(
    client: AsyncHeyGenClient, router: respx.MockRouter, arguments: dict[str, Any], field: str
) -> None:
    route = router.route().mock(return_value=generated())
    with pytest.raises(InvalidRequestError) as caught:
        await client.templates.generate(**arguments)
    assert caught.value.field == field
    assert not route.called


async def test_generate_needs_its_variables(client: AsyncHeyGenClient) -> None:
    with pytest.raises(TypeError, match="variables"):
        await client.templates.generate("tpl_1")  # type: ignore[call-arg]


async def test_list_follows_the_cursor(client: AsyncHeyGenClient, router: respx.MockRouter) -> None:
    def item(n: int) -> dict[str, Any]:
        return {"id": f"tpl_{n}", "name": f"T{n}", "aspect_ratio": "16:9", "updated_at": n}

    pages = {
        None: {"data": [item(1), item(2)], "has_more": True, "next_token": "p2"},
        "p2": {"data": [{**item(3), "new_field": True}], "has_more": False, "next_token": None},
    }
    route = router.get("/v3/templates").mock(
        side_effect=lambda request: answer(
            "GET", "/v3/templates", pages[request.url.params.get("token")]
        )
    )
    templates = [template async for template in client.templates.list(limit=2)]
    assert [t.id for t in templates] == ["tpl_1", "tpl_2", "tpl_3"]
    assert all(isinstance(t, Template) for t in templates)
    assert templates[2].model_dump()["new_field"] is True
    assert [dict(c.request.url.params) for c in route.calls] == [
        {"limit": "2"},
        {"limit": "2", "token": "p2"},
    ]
    with pytest.raises(InvalidRequestError, match="limit"):
        client.templates.list(limit=0)


async def test_get_reads_the_variables_and_scenes(
    client: AsyncHeyGenClient, router: respx.MockRouter
) -> None:
    body = {
        "data": {
            "id": "tpl_1",
            "name": "Welcome",
            "aspect_ratio": "16:9",
            "scene_ids": ["s1", "s2"],
            "scenes": [
                {
                    "scene_id": "s1",
                    "script": "Hello {{name}}",
                    "variables": [{"name": "name", "variable_type": "text"}],
                },
                {"scene_id": "s2", "script": None, "variables": []},
            ],
            "variables": {"name": NAME},
        }
    }
    route = router.get("/v3/templates/tpl_1").mock(
        return_value=answer("GET", "/v3/templates/{template_id}", body)
    )
    template = await client.templates.get("tpl_1")
    assert route.called
    assert isinstance(template, TemplateDetails)
    assert template.variables == {"name": NAME}
    assert template.scenes is not None and template.scenes[0].variables is not None
    assert template.scenes[0].variables[0].variable_type == "text"
    assert template.scene_ids == ["s1", "s2"]


def test_the_sync_client_generates_and_reads_raw(router: respx.MockRouter) -> None:
    route = router.post("/v3/templates/tpl_1").mock(return_value=generated())
    with HeyGenClient(api_key="sk-templates") as client:
        video = client.templates.generate("tpl_1", variables={"name": NAME})
        raw = client.templates.with_raw_response.generate("tpl_1", variables={"name": NAME})
    assert video.video_id == "vid_t"
    assert raw.status_code == 200 and raw.parse().video_id == "vid_t"
    assert raw.json()["data"]["title"] == "Welcome Ada"
    keys = [call.request.headers["idempotency-key"] for call in route.calls]
    assert len(set(keys)) == 2  # two calls, two logical creates
