"""The fake serves every operation of HeyGen's v3 spec (``wire_shapes``): each is
routed, answers a minimal valid request with a 2xx that validates against its
response schema, and refuses a body that breaks its request schema with 400
``invalid_parameter`` naming the field."""

from __future__ import annotations

import re
from typing import Any

import httpx
import jsonschema
import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_TEMPLATE_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    wire_shapes,
)
from heygen_async.testing.wire_shapes import Operation

OPERATIONS = sorted(wire_shapes.operations().values(), key=lambda op: op.key)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def minimal(schema: dict[str, Any] | None, name: str = "") -> Any:
    """The smallest instance of ``schema``: required fields only, first branch of a union."""
    if not schema:
        return {}
    if "const" in schema:
        return schema["const"]
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            return minimal(schema[keyword][0], name)
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    kinds = schema.get("type", "object")
    kind = kinds if isinstance(kinds, str) else next(k for k in kinds if k != "null")
    if kind == "object":
        return {
            field: minimal(schema["properties"][field], field)
            for field in schema.get("required", ())
        }
    if kind == "array":
        return [minimal(schema.get("items"), name)]
    if kind == "string":
        return "https://example.com/in.mp4" if name.endswith("url") else f"fake-{name}"
    return {"integer": 1, "number": 1.0, "boolean": False}[kind]


# Bodies the schema allows but a hand-written handler refines (real catalogue ids).
BODIES: dict[str, dict[str, Any]] = {
    "POST /v3/videos": {
        "type": "avatar",
        "avatar_id": SAMPLE_AVATAR_ID,
        "script": "Hello.",
        "voice_id": SAMPLE_VOICE_ID,
    },
    "POST /v3/videos/batches": {
        "videos": [
            {
                "type": "avatar",
                "avatar_id": SAMPLE_AVATAR_ID,
                "script": "Hi.",
                "voice_id": SAMPLE_VOICE_ID,
            }
        ]
    },
    "POST /v3/assets/direct-uploads": {
        "filename": "a.png",
        "content_type": "image/png",
        "size_bytes": 10,
    },
}


class World:
    """One resource of each kind, so every path parameter names something real."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.ids: dict[str, str] = {}

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.http.post(path, json=body)
        assert response.status_code < 300, response.text
        data: dict[str, Any] = response.json()["data"]
        return data

    async def build(self) -> None:
        video = {"type": "url", "url": "https://example.com/in.mp4"}
        ids = self.ids
        made = await self.post("/v3/videos", BODIES["POST /v3/videos"])
        ids["video_id"] = made["video_id"]
        batch = await self.post("/v3/videos/batches", BODIES["POST /v3/videos/batches"])
        ids["batch_id"] = batch["batch_id"]
        translation = await self.post(
            "/v3/video-translations", {"video": video, "output_languages": ["fr"]}
        )
        ids["video_translation_id"] = translation["video_translation_ids"][0]
        lipsync = await self.post("/v3/lipsyncs", {"video": video, "audio": video})
        ids["lipsync_id"] = lipsync["lipsync_id"]
        proofread = await self.post(
            "/v3/video-translations/proofreads",
            {"video": video, "output_languages": ["fr"], "title": "p"},
        )
        ids["proofread_id"] = proofread["proofread_ids"][0]
        session = await self.post("/v3/video-agents", {"prompt": "A short video"})
        ids["session_id"] = session["session_id"]
        upload = await self.http.post("/v3/assets", files={"file": ("a.png", PNG, "image/png")})
        ids["asset_id"] = upload.json()["data"]["asset_id"]
        for group, key in (("lipsyncs", "lipsyncs"), ("video-translations", "video_translations")):
            item = {"video": video, "audio": video} if key == "lipsyncs" else None
            item = item or {"video": video, "output_languages": ["de"]}
            made = await self.post(f"/v3/{group}/batches", {key: [item]})
            ids[f"{group}:batch_id"] = made["batch_id"]
        direct = await self.post(
            "/v3/assets/direct-uploads",
            {**BODIES["POST /v3/assets/direct-uploads"], "size_bytes": len(PNG)},
        )
        put = await self.http.put(
            direct["upload_url"], content=PNG, headers=direct.get("upload_headers") or {}
        )
        assert put.status_code < 300, put.text
        ids["direct:asset_id"] = direct["asset_id"]
        hook = await self.post("/v3/webhooks/endpoints", {"url": "https://example.com/hook"})
        ids["endpoint_id"] = hook["endpoint_id"]
        ids["template_id"] = SAMPLE_TEMPLATE_ID
        ids["look_id"] = SAMPLE_AVATAR_ID
        ids["voice_id"] = SAMPLE_VOICE_ID

    async def job_id(self, path: str) -> str:
        """A fresh AI clip or background removal (a delete may have removed the last)."""
        video = {"type": "url", "url": "https://example.com/in.mp4"}
        made = await self.post(path, {"video": video})
        return str(made["id"])

    def query(self, operation: Operation) -> dict[str, str]:
        """The query a read needs (the ids a bulk status read asks about)."""
        ids = self.ids
        return {
            "GET /v3/assets": {"username": "fake-user"},
            "GET /v3/assets/statuses": {"asset_ids": ids["asset_id"]},
            "GET /v3/videos/statuses": {"video_ids": ids["video_id"]},
            "GET /v3/lipsyncs/statuses": {"lipsync_ids": ids["lipsync_id"]},
            "GET /v3/video-translations/statuses": {
                "video_translation_ids": ids["video_translation_id"]
            },
        }.get(operation.key, {})

    async def path(self, operation: Operation) -> str:
        async def value(name: str) -> str:
            if name == "job_id":
                return await self.job_id(operation.path.split("/{")[0])
            group = operation.path.split("/")[2]
            if name == "batch_id" and group != "videos":
                return self.ids.get(f"{group}:batch_id", "fake-batch")
            if operation.path.endswith("/complete"):
                return self.ids["direct:asset_id"]
            return self.ids.get(name, f"fake-{name}")

        path = operation.path
        for name in re.findall(r"\{(\w+)\}", path):
            path = path.replace("{" + name + "}", await value(name))
        return path


@pytest.fixture
async def world(http: httpx.AsyncClient, clock: Any) -> World:
    built = World(http)
    await built.build()
    clock.advance(1000)  # everything made so far has finished
    return built


def test_every_operation_is_routed(fake: FakeHeyGen) -> None:
    router = fake.app.router
    missing = []
    for operation in OPERATIONS:
        sample = re.sub(r"\{\w+\}", "some-id", operation.path)
        found = router.match(operation.method, sample)
        if found is None or found[0].pattern.count("{") != operation.path.count("{"):
            missing.append(operation.key)

    assert missing == []
    assert len(OPERATIONS) == 85


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.key)
async def test_a_minimal_valid_request_gets_a_schema_valid_answer(
    operation: Operation, world: World, http: httpx.AsyncClient
) -> None:
    path = await world.path(operation)
    if operation.body_encoding == "multipart":
        response = await http.post(path, files={"file": ("a.png", PNG, "image/png")})
    elif operation.body_encoding == "json":
        body = BODIES.get(operation.key, minimal(operation.request_schema))
        response = await http.request(operation.method, path, json=body)
    else:
        response = await http.request(operation.method, path, params=world.query(operation))

    assert 200 <= response.status_code < 300, (operation.key, response.text)
    if operation.response_schema is not None:
        jsonschema.validate(response.json(), operation.response_schema)


def _breakable(operation: Operation) -> bool:
    schema = operation.request_schema or {}
    return operation.body_encoding == "json" and bool(schema.get("required"))


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if _breakable(op)], ids=lambda op: op.key
)
async def test_a_body_without_a_required_field_is_refused_naming_it(
    operation: Operation, world: World, http: httpx.AsyncClient
) -> None:
    schema = operation.request_schema or {}
    body = BODIES.get(operation.key, minimal(schema))
    missing = schema["required"][0]
    body = {name: value for name, value in body.items() if name != missing}

    response = await http.request(operation.method, await world.path(operation), json=body)

    assert response.status_code == 400, (operation.key, response.text)
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["param"] == missing or error["param"].startswith(missing), error


@pytest.mark.parametrize(
    ("path", "body", "param"),
    [
        (
            "/v3/lipsyncs",
            {"video": {"type": "url", "url": 5}, "audio": {"type": "url", "url": "u"}},
            "video.url",
        ),
        (
            "/v3/video-translations",
            {"video": {"type": "ftp", "url": "u"}, "output_languages": ["fr"]},
            "video.type",
        ),
        ("/v3/video-agents", {"prompt": "p", "mode": "dream"}, "mode"),
        ("/v3/video-agents", {"prompt": "p", "promt": "typo"}, "promt"),
        ("/v3/ai-clipping", {"video": {"type": "url", "url": "u"}, "title": 3}, "title"),
    ],
)
async def test_bodies_that_break_the_schema_are_refused_naming_the_field(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], param: str
) -> None:
    response = await http.post(path, json=body)

    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == param


async def test_a_hand_written_route_wins_over_the_generic_one_whatever_its_order(
    fake: FakeHeyGen,
) -> None:
    from heygen_async.testing.server import Route, Router

    async def handler(request: Any) -> Any:
        raise NotImplementedError

    wire = fake.app.router.routes()[0].wire
    generic = Route(
        "GET", "/v3/webhooks/endpoints/{endpoint_id}", "webhooks", handler, wire, 1, fallback=True
    )
    own = Route("GET", "/v3/webhooks/endpoints/{id}", "webhooks", handler, wire, 1)

    found = Router([generic, own]).match("GET", "/v3/webhooks/endpoints/abc")

    assert found is not None and found[0] is own


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if op.request_schema], ids=lambda op: op.key
)
def test_the_fakes_validator_agrees_with_jsonschema(operation: Operation) -> None:
    """The fake's own small validator (no jsonschema at run time) accepts what
    jsonschema accepts and refuses what it refuses, on each request schema."""
    from heygen_async.testing.dialects.v3._schema import errors

    schema = operation.request_schema
    assert schema is not None
    good = minimal(schema)
    jsonschema.validate(good, schema)
    assert errors(good, schema) is None
    for name in schema.get("required", ()):
        wrong_type = {**good, name: [[None]]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong_type, schema)
        problem = errors(wrong_type, schema)
        assert problem is not None and problem.param.startswith(name)
