"""Faults on v3 routes: answered in the v3 envelope, under the shared logical endpoint names."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from heygen_async.testing import FakeHeyGen, Fault, FaultPlan
from heygen_async.testing._endpoints import API_ENDPOINTS, DOWNLOAD, ENDPOINTS, OTHER_HOSTS


def test_every_endpoint_name_is_routed_and_every_route_is_named(fake: FakeHeyGen) -> None:
    routed = {route.endpoint for route in fake.app.router.routes()}

    assert routed | {DOWNLOAD} == set(API_ENDPOINTS) | set(OTHER_HOSTS)
    assert set(ENDPOINTS) == set(API_ENDPOINTS) | set(OTHER_HOSTS) | {"*"}


async def test_a_rate_limit_fault_on_a_v3_read(v3: Any, fake: FakeHeyGen) -> None:
    video_id = await v3.create()
    fake.faults.force("status", Fault.rate_limit(3), times=1)

    limited = await v3.http.get(f"/v3/videos/{video_id}")

    v3.error(limited, 429, "rate_limit_exceeded")
    assert limited.headers["retry-after"] == "3"
    assert (await v3.http.get(f"/v3/videos/{video_id}")).status_code == 200
    assert fake.counters.faults == {("status", "rate_limit"): 1}
    assert fake.counters.requests["status"] == 2


@pytest.mark.parametrize(("status", "code"), [(500, "internal_error"), (504, "gateway_timeout")])
async def test_a_server_error_on_statuses(
    v3: Any, fake: FakeHeyGen, status: int, code: str
) -> None:
    fake.faults.force("statuses", Fault.server_error(status), times=1)

    response = await v3.http.get("/v3/videos/statuses", params={"video_ids": "a"})

    v3.error(response, status, code)
    assert fake.counters.statuses_calls == 0  # answered instead of processed


async def test_malformed_json_on_create_still_creates(v3: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("generate", Fault.malformed_json(), times=1)

    response = await v3.post()

    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert fake.counters.videos_created == 1


async def test_star_covers_v3_routes_but_not_storage(v3: Any, fake: FakeHeyGen) -> None:
    fake.faults.add("*", Fault.server_error(503), 1.0)

    assert (await v3.http.get("/v3/voices")).status_code == 503
    assert (await v3.http.get("/v3/users/me")).status_code == 503
    fake.faults.clear()
    slot = (
        await v3.http.post(
            "/v3/assets/direct-uploads",
            json={"filename": "a", "content_type": "image/png", "size_bytes": 8},
        )
    ).json()["data"]
    fake.faults.add("*", Fault.server_error(503), 1.0)
    async with httpx.AsyncClient(transport=fake.transport()) as plain:
        put = await plain.put(
            slot["upload_url"], content=b"\x89PNG\r\n\x1a\n", headers=slot["upload_headers"]
        )
    assert put.status_code == 200


async def test_storage_put_faults_answer_like_s3(v3: Any, fake: FakeHeyGen) -> None:
    slot = (
        await v3.http.post(
            "/v3/assets/direct-uploads",
            json={"filename": "a", "content_type": "image/png", "size_bytes": 8},
        )
    ).json()["data"]
    fake.faults.force("storage_put", Fault.server_error(503), times=1)
    fake.faults.force("storage_put", Fault.rate_limit(2), times=1)
    async with httpx.AsyncClient(transport=fake.transport()) as plain:
        unavailable = await plain.put(slot["upload_url"], content=b"x" * 8)
        # A key sent to storage is counted even when a fault answers the PUT.
        slow_down = await plain.put(
            slot["upload_url"], content=b"x" * 8, headers={"X-Api-Key": "leaked"}
        )

    assert unavailable.status_code == 503
    assert "json" not in unavailable.headers["content-type"]
    assert slow_down.status_code == 429 and "<Code>SlowDown</Code>" in slow_down.text
    assert fake.counters.storage_puts == 0
    assert fake.counters.storage_puts_with_api_key == 1
    assert fake.counters.faults == {
        ("storage_put", "server_error"): 1,
        ("storage_put", "rate_limit"): 1,
    }


async def test_an_upload_fault_does_not_touch_v3_uploads(v3: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("upload", Fault.server_error(500), times=1)  # v1's upload host only

    response = await v3.http.post("/v3/assets", files={"file": ("a.png", b"\x89PNG\r\n\x1a\n1")})

    assert response.status_code == 200
    assert fake.faults.pending_forced("upload") == 1


def test_after_processing_faults_parse_and_check() -> None:
    assert Fault.parse("502:after") == Fault.server_error(502, after_processing=True)
    assert Fault.parse("html:504:after") == Fault.html_error(504, after_processing=True)
    assert Fault.parse("latency:30:after") == Fault.latency(30, after_processing=True)
    with pytest.raises(ValueError):
        Fault.parse("429:after")
    with pytest.raises(ValueError, match="download"):
        FaultPlan().add("download", Fault.server_error(500, after_processing=True), 0.5)
    with pytest.raises(ValueError, match="unknown endpoint"):
        FaultPlan().add("statuses-typo", Fault.server_error(500), 0.5)


async def test_shared_latency_rules_split_before_and_after(v3: Any, fake: FakeHeyGen) -> None:
    plan = FaultPlan(1).add("generate", Fault.latency(0, after_processing=True), 1.0)
    decision = plan.decide("generate")

    assert (decision.delay, decision.delay_after, decision.fault) == (0.0, 0.0, None)
    plan.force("generate", Fault.latency(5, after_processing=True))
    assert plan.decide("generate").delay_after == 5


def test_the_command_line_takes_v3_endpoint_names() -> None:
    from heygen_async.testing.__main__ import build_parser

    args = build_parser().parse_args(
        ["--fault", "statuses=429:2@0.1", "--fault", "generate=502:after@0.5"]
    )

    assert args.fault == [
        ("statuses", Fault.rate_limit(2), 0.1),
        ("generate", Fault.server_error(502, after_processing=True), 0.5),
    ]
