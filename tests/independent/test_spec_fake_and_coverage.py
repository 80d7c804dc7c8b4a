"""The independent fake is as strict as it claims (so the tests on it can fail), and
the SDK declares, and its own fake serves, all 85 operations of HeyGen's spec,
counted from the spec itself (not from the SDK's copy of its shapes)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Any

import httpx
import pytest

import heygen_async.resources as resources_package
from heygen_async.resources._endpoint import Endpoint
from heygen_async.resources._resource import AsyncResource
from heygen_async.testing import FakeHeyGen

from .spec_fake import BILLED_CREATES, SpecFake, closed, load_spec, minimal

SPEC = load_spec()
KEY = {"Idempotency-Key": "job-1"}
TRANSLATION = {"video": {"type": "url", "url": "https://e.com/a.mp4"}, "output_languages": ["fr"]}


async def _post(path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    fake = SpecFake(lambda: 0.0, lambda n: 60.0)
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="https://api.heygen.com"
    ) as http:
        return await http.post(path, json=body, headers=headers)


@pytest.mark.parametrize(
    ("body", "headers", "why"),
    [
        ({**TRANSLATION, "output_language": "fr"}, KEY, "Additional properties"),
        ({**TRANSLATION, "mode": "fast"}, KEY, "'fast' is not one of"),
        ({"output_languages": ["fr"]}, KEY, "'video' is a required property"),
        (TRANSLATION, {}, "Idempotency-Key"),
        (TRANSLATION, {"Idempotency-Key": "has space"}, "Idempotency-Key"),
    ],
)
async def test_the_fake_refuses_what_the_spec_refuses(
    body: Any, headers: dict[str, str], why: str
) -> None:
    response = await _post("/v3/video-translations", body, headers)

    assert response.status_code == 400
    assert why in response.json()["error"]["message"]


async def test_the_fake_accepts_a_valid_keyed_create_and_replays_its_key() -> None:
    fake = SpecFake(lambda: 0.0, lambda n: 60.0)
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="https://api.heygen.com"
    ) as http:
        first = await http.post("/v3/video-translations", json=TRANSLATION, headers=KEY)
        again = await http.post("/v3/video-translations", json=TRANSLATION, headers=KEY)

    assert first.status_code == 200
    assert first.json() == again.json() == {"data": {"video_translation_ids": ["vt_0001"]}}


def test_nullable_and_closed_schemas_convert_as_documented() -> None:
    schema = closed(SPEC["POST /v3/templates/{template_id}"]["request_schema"])
    assert schema["additionalProperties"] is False
    assert schema["properties"]["title"]["type"] == ["string", "null"]
    # ``variables`` lists no properties: free-form, as a template's names are.
    assert "additionalProperties" not in schema["properties"]["variables"]
    assert minimal(SPEC["GET /v3/video-agents/{session_id}"]["response_schema"]) == {}


def declarations() -> dict[str, Endpoint]:
    """Every ``"METHOD /path"`` a public resource module of the SDK declares."""
    found: dict[str, Endpoint] = {}
    for info in pkgutil.iter_modules(resources_package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{resources_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, AsyncResource) or cls.__module__ != module.__name__:
                continue  # the sync and raw views repeat the async declarations
            for member in list(vars(cls).values()):
                endpoint = getattr(member, "__endpoint__", None)
                if isinstance(endpoint, Endpoint):
                    found[endpoint.label] = endpoint
    return found


def test_the_sdk_declares_all_85_operations_of_the_spec() -> None:
    declared = declarations()

    assert len(SPEC) == 85
    assert sorted(set(SPEC) - set(declared)) == []
    assert sorted(set(declared) - set(SPEC)) == []


def test_the_sdks_fake_routes_all_85_operations_of_the_spec() -> None:
    router = FakeHeyGen().app.router
    unserved = []
    for name, operation in SPEC.items():
        sample = re.sub(r"\{\w+\}", "some-id", operation["path"])
        found = router.match(operation["method"], sample)
        if found is None or found[0].pattern.count("{") != operation["path"].count("{"):
            unserved.append(name)

    assert unserved == []


def test_every_create_heygen_keys_is_declared_keyed_by_the_sdk() -> None:
    # heygen-v3.md §3.1's list (and the other job kinds' creates): each one sends an
    # Idempotency-Key, reused by its retries.
    declared = declarations()

    assert sorted(name for name in BILLED_CREATES if not declared[name].keyed) == []
