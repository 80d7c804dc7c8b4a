"""Fault injection: each kind, at its configured share, reproducibly; forced faults; counters."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import anyio
import httpx
import pytest

from heygen_async.testing import FakeHeyGen, Fault, FaultPlan

N = 1000


async def hit_status(api: Any, n: int) -> list[httpx.Response | Exception]:
    """``n`` status calls for one video; an httpx error stands in for its response."""
    video_id = await api.submit()
    outcomes: list[httpx.Response | Exception] = []
    for _ in range(n):
        try:
            outcomes.append(
                await api.http.get("/v1/video_status.get", params={"video_id": video_id})
            )
        except httpx.HTTPError as exc:
            outcomes.append(exc)
    return outcomes


def statuses(outcomes: list[httpx.Response | Exception]) -> list[int | str]:
    return [o.status_code if isinstance(o, httpx.Response) else type(o).__name__ for o in outcomes]


@pytest.mark.parametrize(
    ("fault", "signature"),
    [
        (Fault.rate_limit(2), 429),
        (Fault.server_error(500), 500),
        (Fault.server_error(502), 502),
        (Fault.server_error(503), 503),
        (Fault.server_error(504), 504),
        (Fault.html_error(502), 502),
        (Fault.drop_before(), "ConnectError"),
        (Fault.drop_after(), "RemoteProtocolError"),
    ],
    ids=lambda v: v.kind if isinstance(v, Fault) else None,
)
async def test_each_fault_is_served_at_its_share(
    connect: Any, fault: Fault, signature: int | str
) -> None:
    share = 0.2
    fake = FakeHeyGen(faults=FaultPlan(seed=11).add("status", fault, share))
    async with connect(fake) as api:
        outcomes = statuses(await hit_status(api, N))

    served = outcomes.count(signature)
    # Binomial(1000, 0.2) has sd 12.6; a fixed seed makes this one exact number.
    assert 150 <= served <= 250, served
    assert outcomes.count(200) == N - served
    assert fake.counters.faults == {("status", fault.kind): served}


async def test_the_same_seed_replays_the_same_faults(connect: Any) -> None:
    async def run(seed: int) -> list[int | str]:
        plan = FaultPlan(seed).add("status", Fault.rate_limit(1), 0.1)
        plan.add("status", Fault.server_error(503), 0.1)
        async with connect(FakeHeyGen(faults=plan)) as api:
            return statuses(await hit_status(api, 300))

    first = await run(5)
    assert first == await run(5)
    assert first != await run(6)
    assert {429, 503, 200} == set(first)


async def test_shares_stack_without_overlap(connect: Any) -> None:
    plan = (
        FaultPlan(3).add("status", Fault.rate_limit(1), 0.3).add("*", Fault.server_error(500), 0.3)
    )
    async with connect(FakeHeyGen(faults=plan)) as api:
        outcomes = statuses(await hit_status(api, N))

    assert 250 <= outcomes.count(429) <= 350
    assert 250 <= outcomes.count(500) <= 350
    assert 320 <= outcomes.count(200) <= 480


def test_shares_above_one_are_refused() -> None:
    plan = FaultPlan().add("status", Fault.rate_limit(1), 0.7)

    with pytest.raises(ValueError, match="add up"):
        plan.add("*", Fault.server_error(500), 0.5)
    plan.add("generate", Fault.server_error(500), 0.5)  # another endpoint is fine


@pytest.mark.parametrize(
    ("endpoint", "fault"),
    [
        ("status", Fault.truncated_body()),
        ("*", Fault.wrong_length()),
        ("download", Fault.malformed_json()),
        ("videos", Fault.rate_limit(1)),
    ],
)
def test_faults_that_make_no_sense_are_refused(endpoint: str, fault: Fault) -> None:
    with pytest.raises(ValueError):
        FaultPlan().add(endpoint, fault, 0.1)


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault.rate_limit(7), "7"),
        (Fault.rate_limit(2.5), "2.5"),
        (Fault.rate_limit(None), None),
    ],
)
async def test_retry_after_in_seconds_or_absent(
    api: Any, fake: FakeHeyGen, fault: Fault, expected: str | None
) -> None:
    fake.faults.force("voices", fault)

    response = await api.http.get("/v2/voices")

    assert response.status_code == 429
    assert response.headers.get("retry-after") == expected
    assert response.json() == {
        "error": {"code": 400140, "message": "Too many requests, please retry later"},
        "data": None,
    }


async def test_retry_after_as_an_http_date(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("status", Fault.rate_limit(30, http_date=True))

    response = await api.http.get("/v1/video_status.get", params={"video_id": "x"})

    when = email.utils.parsedate_to_datetime(response.headers["retry-after"]).timestamp()
    assert 29 <= when - time.time() <= 32
    assert response.json()["code"] == 400140  # the v1 envelope on a v1 endpoint


async def test_a_503_may_carry_retry_after(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("avatars", Fault.server_error(503, retry_after=4))

    response = await api.http.get("/v2/avatars")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "4"
    assert response.json()["error"]["code"] == "internal_error"


@pytest.mark.parametrize("status", [502, 404])
async def test_html_error_pages(api: Any, fake: FakeHeyGen, status: int) -> None:
    fake.faults.force("list_videos", Fault.html_error(status))

    response = await api.http.get("/v1/video.list")

    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()


async def test_malformed_json_comes_after_the_video_was_created(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("generate", Fault.malformed_json())

    response = await api.http.post("/v2/video/generate", json=api.body(callback_id="job"))

    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
    assert fake.counters.generations_by_callback_id["job"] == 1


async def test_drop_before_means_the_server_never_saw_the_request(
    api: Any, fake: FakeHeyGen
) -> None:
    fake.faults.force("generate", Fault.drop_before())

    with pytest.raises(httpx.ConnectError):
        await api.http.post("/v2/video/generate", json=api.body(callback_id="job"))

    assert fake.counters.videos_created == 0
    assert fake.counters.requests["generate"] == 0
    assert fake.counters.faults == {("generate", "drop_before"): 1}


async def test_drop_after_means_the_video_exists(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("generate", Fault.drop_after())

    with pytest.raises(httpx.RemoteProtocolError):
        await api.http.post("/v2/video/generate", json=api.body(callback_id="job"))

    assert fake.counters.generations_by_callback_id["job"] == 1
    assert len(fake.videos()) == 1


async def test_force_hits_exactly_the_next_n_requests(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.force("voices", Fault.server_error(500), times=3)

    codes = [(await api.http.get("/v2/voices")).status_code for _ in range(5)]

    assert codes == [500, 500, 500, 200, 200]
    assert fake.faults.pending_forced("voices") == 0
    assert fake.counters.faults_by_kind() == {"server_error": 3}


async def test_force_on_star_hits_any_api_endpoint_but_not_downloads(
    api: Any, fake: FakeHeyGen
) -> None:
    fake.faults.force("*", Fault.server_error(502), times=2)

    first = await api.http.get("/v2/voices")
    second = await api.http.get("/v2/avatars")
    third = await api.http.get("/v2/voices")

    assert (first.status_code, second.status_code, third.status_code) == (502, 502, 200)
    assert fake.counters.faults == {("voices", "server_error"): 1, ("avatars", "server_error"): 1}


async def test_star_shares_leave_downloads_alone(connect: Any) -> None:
    from heygen_async.testing import ManualClock

    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, render_seconds=1)
    async with connect(fake) as api:
        video_id = await api.submit()
        clock.advance(2)
        url = (await api.status(video_id))["video_url"]
        fake.faults.add("*", Fault.server_error(500), 1.0)
        downloads = [(await api.http.get(url)).status_code for _ in range(20)]
        status = await api.http.get("/v1/video_status.get", params={"video_id": video_id})

    assert downloads == [200] * 20
    assert status.status_code == 500


async def test_download_faults_by_share(connect: Any) -> None:
    from heygen_async.testing import ManualClock

    clock = ManualClock()
    plan = FaultPlan(2).add("download", Fault.truncated_body(), 0.25)
    plan.add("download", Fault.server_error(503), 0.25)
    fake = FakeHeyGen(clock=clock, render_seconds=1, faults=plan)
    async with connect(fake) as api:
        video_id = await api.submit()
        clock.advance(2)
        url = (await api.status(video_id))["video_url"]
        outcomes: list[str] = []
        for _ in range(400):
            try:
                response = await api.http.get(url)
                outcomes.append(str(response.status_code))
            except httpx.RemoteProtocolError:
                outcomes.append("truncated")

    assert 70 <= outcomes.count("truncated") <= 130
    assert 70 <= outcomes.count("503") <= 130
    assert fake.counters.faults[("download", "truncated_body")] == outcomes.count("truncated")


async def test_latency_delays_the_answer(api: Any, fake: FakeHeyGen) -> None:
    fake.faults.add("voices", Fault.latency(0.05), 1.0)

    started = time.perf_counter()
    response = await api.http.get("/v2/voices")

    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.045


async def test_latency_is_a_cancellable_anyio_sleep(fake: FakeHeyGen) -> None:
    fake.faults.force("voices", Fault.latency(3600))

    with anyio.move_on_after(0.05) as scope:
        async with httpx.AsyncClient(transport=fake.transport()) as http:
            await http.get("https://api.heygen.com/v2/voices", headers={"X-Api-Key": "k"})

    assert scope.cancelled_caught  # an hour of latency is a cancellable sleep, not a block


async def test_latency_draws_share_independently_of_errors(connect: Any) -> None:
    plan = (
        FaultPlan(4).add("status", Fault.latency(0.0), 0.5).add("status", Fault.rate_limit(1), 0.5)
    )
    fake = FakeHeyGen(faults=plan)
    async with connect(fake) as api:
        outcomes = statuses(await hit_status(api, 400))

    # The latency rule draws on its own, so the 429 share is still about half.
    assert 160 <= outcomes.count(429) <= 240


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("429", Fault.rate_limit(1.0)),
        ("429:2", Fault.rate_limit(2.0)),
        ("429:2:date", Fault.rate_limit(2.0, http_date=True)),
        ("429:none", Fault.rate_limit(None)),
        ("503", Fault.server_error(503)),
        ("html:404", Fault.html_error(404)),
        ("html", Fault.html_error(502)),
        ("malformed", Fault.malformed_json()),
        ("latency:0.2", Fault.latency(0.2)),
        ("drop_before", Fault.drop_before()),
        ("drop_after", Fault.drop_after()),
        ("truncated", Fault.truncated_body()),
        ("wrong_length", Fault.wrong_length()),
    ],
)
def test_fault_specs_parse(spec: str, expected: Fault) -> None:
    assert Fault.parse(spec) == expected


@pytest.mark.parametrize("spec", ["418", "latency", "429:soon", "drop_before:1", ""])
def test_bad_fault_specs_are_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="fault spec"):
        Fault.parse(spec)


def test_under_trio_virtual_time_skips_latency_and_renders() -> None:
    trio = pytest.importorskip("trio")
    from trio.testing import MockClock

    async def main() -> tuple[str, float]:
        # The fake reads the event loop's clock, so trio's MockClock drives renders too.
        fake = FakeHeyGen(clock=trio.current_time, render_seconds=600)
        fake.faults.add("status", Fault.latency(30), 1.0)
        # The 30 s latency stays under the client's read timeout (httpx's default is 5 s).
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url="https://api.heygen.com", timeout=60
        ) as http:
            headers = {"X-Api-Key": "k"}
            body = {"video_inputs": [{"voice": {"type": "silence"}}]}
            created = await http.post("/v2/video/generate", json=body, headers=headers)
            video_id = created.json()["data"]["video_id"]
            await trio.sleep(600)
            status = await http.get(
                "/v1/video_status.get", params={"video_id": video_id}, headers=headers
            )
        return status.json()["data"]["status"], trio.current_time()

    started = time.perf_counter()
    state, virtual_seconds = trio.run(main, clock=MockClock(autojump_threshold=0))

    assert state == "completed"
    assert virtual_seconds >= 630  # ten minutes of render plus 30 s of latency...
    assert time.perf_counter() - started < 2  # ...in no real time


def test_in_process_a_stall_past_the_read_timeout_is_a_read_timeout() -> None:
    trio = pytest.importorskip("trio")
    from trio.testing import MockClock

    async def main() -> tuple[type[BaseException], int, bool]:
        fake = FakeHeyGen(clock=trio.current_time)
        fake.faults.force("generate", Fault.latency(3600, after_processing=True))
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url="https://api.heygen.com", timeout=30
        ) as http:
            body = {"video_inputs": [{"voice": {"type": "silence"}}]}
            try:
                await http.post("/v2/video/generate", json=body, headers={"X-Api-Key": "k"})
            except httpx.HTTPError as exc:
                error: type[BaseException] = type(exc)
        # Without honouring timeouts the same stall is simply waited out.
        fake.faults.force("voices", Fault.latency(60))
        async with httpx.AsyncClient(
            transport=fake.transport(honour_timeouts=False), timeout=30
        ) as patient:
            voices = await patient.get(
                "https://api.heygen.com/v2/voices", headers={"X-Api-Key": "k"}
            )
        return error, fake.counters.videos_created, voices.status_code == 200

    error, created, waited = trio.run(main, clock=MockClock(autojump_threshold=0))

    assert error is httpx.ReadTimeout
    assert created == 1  # the video exists: the stall came after processing
    assert waited
