"""The wire shapes kept in the package (heygen_async.testing.wire_shapes): current
with HeyGen's spec when it is beside the checkout, intact without it, and usable as
JSON Schema."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from heygen_async.testing import SAMPLE_AVATAR_ID, wire_shapes
from heygen_async.testing.wire_shapes import _generate

ROOT = Path(__file__).resolve().parents[2]
CHECKED_IN = ROOT / "heygen_async" / "testing" / "wire_shapes" / "v3.json"


def _shared_spec() -> Path | None:
    """HeyGen's spec beside the checkout (CI, the project's worktrees); None on a
    contributor's clone. ``HEYGEN_V3_SPEC`` names another place."""
    if os.environ.get("HEYGEN_V3_SPEC"):
        return Path(os.environ["HEYGEN_V3_SPEC"])
    for folder in (ROOT.parent, ROOT.parent.parent):
        candidate = folder / "shared" / "heygen-v3-spec.json"
        if candidate.exists():
            return candidate
    return None


def test_the_checked_in_shapes_are_what_the_spec_generates() -> None:
    spec = _shared_spec()
    text = CHECKED_IN.read_text(encoding="utf-8")
    if spec is None:
        # No spec here: check what the file says of itself (its digest, its count) so a
        # hand edit or a truncated file still fails.
        document = json.loads(text)
        assert document["operation_count"] == len(document["operations"]) == 85
        digest = _generate.operations_digest(document["operations"])
        assert digest == document["operations_sha256"], "v3.json was edited by hand"
        return
    expected = _generate.build(spec.read_text(encoding="utf-8"))
    assert text == expected, (
        f"heygen_async/testing/wire_shapes/v3.json is stale: run `{_generate.REGENERATE} {spec}`"
    )
    assert wire_shapes.source()["spec_sha256"] == hashlib.sha256(spec.read_bytes()).hexdigest()


def test_the_embedded_digest_covers_the_operations() -> None:
    document = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    assert _generate.operations_digest(document["operations"]) == document["operations_sha256"]
    document["operations"]["POST /v3/videos"]["method"] = "PUT"
    assert _generate.operations_digest(document["operations"]) != document["operations_sha256"]


def test_all_85_operations_load_with_valid_json_schemas() -> None:
    operations = wire_shapes.operations()
    assert len(operations) == wire_shapes.source()["operation_count"] == 85
    for key, operation in operations.items():
        assert operation.key == key
        for schema in (operation.request_schema, operation.response_schema):
            if schema is not None:
                jsonschema.Draft202012Validator.check_schema(schema)


def test_an_operation_is_found_by_method_and_path() -> None:
    statuses = wire_shapes.operation("get", "/v3/videos/statuses")
    assert statuses.param_names("query") == ["video_ids", "batch_ids"]
    video = wire_shapes.operation("GET", "/v3/videos/{video_id}")
    assert [(p.name, p.required) for p in video.params] == [("video_id", True)]
    with pytest.raises(KeyError, match="GET /v3/nothing"):
        wire_shapes.operation("GET", "/v3/nothing")


def _errors(schema: Any, body: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(body)]


def test_a_create_body_validates_against_the_one_variant_its_type_names() -> None:
    schema = wire_shapes.operation("POST", "/v3/videos").request_schema
    avatar = {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID, "script": "Hi", "voice_id": "v"}
    assert _errors(schema, avatar) == []
    # The tag decides: an avatar body tagged "image" matches no variant.
    assert _errors(schema, {**avatar, "type": "image"})
    assert _errors(schema, {"type": "avatar", "script": "Hi"})  # avatar_id is required
    assert _errors(schema, {**avatar, "aspect_ratio": "3:1"})  # not in the enum


def test_nullable_fields_accept_null_and_only_their_type() -> None:
    schema = wire_shapes.operation("GET", "/v3/videos/{video_id}").response_schema
    done = {"id": "v1", "status": "completed", "video_url": None, "duration": 1.5}
    assert _errors(schema, {"data": done}) == []
    assert _errors(schema, {"data": {**done, "video_url": 7}})
    assert _errors(schema, {"data": {**done, "status": "done"}})


def test_the_generator_stops_on_a_variant_it_cannot_tag() -> None:
    twins = {
        "discriminator": {"propertyName": "type", "mapping": {"a": "#/A", "b": "#/B"}},
        "oneOf": [{"properties": {"type": {"type": "string"}}}] * 2,
    }
    with pytest.raises(_generate.SpecError, match="cannot tell"):
        _generate.convert(twins, "X")
