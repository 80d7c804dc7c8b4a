"""The fake over a real socket (uvicorn on 127.0.0.1) and from the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import httpx
import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    LoopbackServer,
    ManualClock,
    serve_loopback,
)
from heygen_async.testing.__main__ import build_parser, main

pytestmark = pytest.mark.loopback

BODY = {
    "callback_id": "loop",
    "video_inputs": [
        {
            "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
            "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "Hi"},
        }
    ],
}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="module")
def running_server() -> Any:
    # One server for the module (starting and stopping uvicorn costs ~0.2 s);
    # each test gets a fresh fake behind it.
    with serve_loopback(FakeHeyGen()) as running:
        yield running


@pytest.fixture
def server(running_server: LoopbackServer, clock: ManualClock) -> LoopbackServer:
    running_server.fake = FakeHeyGen(clock=clock, render_seconds=10, seed=2)
    return running_server


@pytest.fixture
async def http(server: LoopbackServer) -> Any:
    async with httpx.AsyncClient(base_url=server.base_url, headers={"X-Api-Key": "k"}) as client:
        yield client


async def test_a_video_renders_and_downloads_over_http(
    server: LoopbackServer, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.port > 0 and server.upload_url == server.base_url

    video_id = (await http.post("/v2/video/generate", json=BODY)).json()["data"]["video_id"]
    clock.advance(10)
    status = (await http.get("/v1/video_status.get", params={"video_id": video_id})).json()
    url = status["data"]["video_url"]
    video = await http.get(url)
    upload = await http.post(
        "/v1/asset", content=b"\xff\xd8\xff", headers={"Content-Type": "image/jpeg"}
    )

    assert url.startswith(f"{server.base_url}/_fake/videos/")  # points back at this server
    assert video.status_code == 200 and video.content[4:8] == b"ftyp"
    assert upload.json()["data"]["image_key"].startswith("image/")
    assert server.fake.counters.videos_created == 1


async def test_range_over_http(
    server: LoopbackServer, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    video_id = (await http.post("/v2/video/generate", json=BODY)).json()["data"]["video_id"]
    clock.advance(10)
    url = (await http.get("/v1/video_status.get", params={"video_id": video_id})).json()["data"][
        "video_url"
    ]

    part = await http.get(url, headers={"Range": "bytes=8000-"})

    assert part.status_code == 206 and len(part.content) == 192


@pytest.mark.parametrize(("fault", "videos"), [(Fault.drop_before(), 0), (Fault.drop_after(), 1)])
async def test_drops_look_like_a_dead_socket(
    server: LoopbackServer, http: httpx.AsyncClient, fault: Fault, videos: int
) -> None:
    server.fake.faults.force("generate", fault)

    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("/v2/video/generate", json=BODY)

    assert server.fake.counters.videos_created == videos
    # The server lives on: the next request works.
    assert (await http.get("/v2/voices")).status_code == 200


async def test_a_truncated_download_over_http(
    server: LoopbackServer, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    video_id = (await http.post("/v2/video/generate", json=BODY)).json()["data"]["video_id"]
    clock.advance(10)
    url = (await http.get("/v1/video_status.get", params={"video_id": video_id})).json()["data"][
        "video_url"
    ]
    server.fake.faults.force("download", Fault.truncated_body())

    with pytest.raises(httpx.RemoteProtocolError):
        await http.get(url)


async def test_rate_limits_and_html_pages_over_http(
    server: LoopbackServer, http: httpx.AsyncClient
) -> None:
    server.fake.faults.force("voices", Fault.rate_limit(3)).force("voices", Fault.html_error(502))

    limited = await http.get("/v2/voices")
    proxy = await http.get("/v2/voices")

    assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
    assert proxy.status_code == 502 and proxy.text.startswith("<html>")


def test_only_loopback_addresses_are_accepted() -> None:
    with pytest.raises(ValueError, match="loopback"):
        LoopbackServer(FakeHeyGen(), host="0.0.0.0")


def test_start_and_stop_by_hand() -> None:
    server = LoopbackServer(FakeHeyGen()).start()
    try:
        response = httpx.get(f"{server.base_url}/v2/voices", headers={"X-Api-Key": "k"})
        assert response.status_code == 200
    finally:
        server.stop()
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_command_line_options_parse() -> None:
    args = build_parser().parse_args(
        [
            "--port",
            "0",
            "--time-scale",
            "60",
            "--fault",
            "status=429:2@0.1",
            "--fault",
            "*=503@0.02",
        ]
    )

    assert args.port == 0 and args.time_scale == 60
    assert args.fault == [
        ("status", Fault.rate_limit(2), 0.1),
        ("*", Fault.server_error(503), 0.02),
    ]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--fault", "nowhere=429@0.1"])


@pytest.mark.parametrize("bad", [["--failure-rate", "2"], ["--time-scale", "0"]])
def test_command_line_refuses_bad_settings(
    bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(bad)

    assert exit_info.value.code == 2
    assert "must be" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_command_line_serves_until_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "heygen_async.testing", "--port", "0", "--api-key", "cli-key"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        base_url = first_line.rsplit(" ", 1)[-1].strip()
        assert base_url.startswith("http://127.0.0.1:")
        response = httpx.get(f"{base_url}/v2/voices", headers={"X-Api-Key": "cli-key"})
        refused = httpx.get(f"{base_url}/v2/voices", headers={"X-Api-Key": "other"})
        assert response.status_code == 200 and refused.status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
