"""``client.with_raw_response``: the HTTP status, headers and body of a call beside
the model ``parse()`` returns, on both clients and both API versions."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator

import httpx
import pytest

from heygen_async import AsyncHeyGenClient, HeyGenClient, RawResponse, VideoStatus
from heygen_async._raw import NOT_RAW, AsyncRawResponses
from heygen_async._sync._raw import RawResponses
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, VirtualClock

from .test_request_options import Recorder


@pytest.fixture(params=["v3", "v2"])
def api_version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> FakeHeyGen:
    clock = VirtualClock(start=1000.0, seed=3)
    return FakeHeyGen(seed=5, clock=clock.now, time_scale=1.0)


@pytest.fixture
def recorder(fake: FakeHeyGen) -> Recorder:
    return Recorder(fake.transport(), request_id="rid")


@pytest.fixture
async def client(
    fake: FakeHeyGen, recorder: Recorder, api_version: str
) -> AsyncIterator[AsyncHeyGenClient]:
    http = httpx.AsyncClient(transport=recorder)
    async with AsyncHeyGenClient(fake.api_key, http_client=http, api_version=api_version) as c:
        yield c
    await http.aclose()


def coroutine_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(AsyncHeyGenClient)
        if not name.startswith("_") and inspect.iscoroutinefunction(member)
    }


def raw_members(cls: type) -> set[str]:
    return {name for name in vars(cls) if not name.startswith("_")}


def test_every_call_answered_by_its_requests_has_a_raw_form() -> None:
    assert raw_members(AsyncRawResponses) == coroutine_methods() - set(NOT_RAW)
    assert raw_members(RawResponses) == raw_members(AsyncRawResponses)
    for name in raw_members(AsyncRawResponses):
        shown = inspect.signature(getattr(AsyncRawResponses, name))
        plain = inspect.signature(getattr(AsyncHeyGenClient, name))
        assert list(shown.parameters) == list(plain.parameters)
        assert str(shown.return_annotation).startswith("RawResponse[")
        assert getattr(RawResponses, name).__doc__ == getattr(AsyncHeyGenClient, name).__doc__


async def test_a_raw_status_has_status_headers_body_and_the_model(
    client: AsyncHeyGenClient, recorder: Recorder, fake: FakeHeyGen
) -> None:
    video = await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
    raw = await client.with_raw_response.get_video_status(video.video_id)
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.request_id == f"rid-{len(recorder.requests)}"
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.method == "GET" and video.video_id in raw.url
    assert video.video_id in raw.text and isinstance(raw.json(), dict)
    status = raw.parse()
    assert isinstance(status, VideoStatus) and status.video_id == video.video_id
    assert status.request_id == raw.request_id
    assert "X-Api-Key" not in repr(raw) and fake.api_key not in repr(raw)


async def test_raw_create_passes_every_option_through(
    client: AsyncHeyGenClient, recorder: Recorder
) -> None:
    raw = await client.with_raw_response.generate_video(
        "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, title="raw", extra_headers={"X-Raw": "1"}
    )
    assert raw.status_code == 200 and raw.method == "POST"
    assert raw.parse().video_id
    assert recorder.requests[-1].headers["X-Raw"] == "1"


async def test_a_raw_error_raises_as_the_plain_call_does(client: AsyncHeyGenClient) -> None:
    from heygen_async import HeyGenError

    with pytest.raises(HeyGenError):
        await client.with_raw_response.get_video_status("no-such-video-id")


def test_the_sync_facade_has_raw_responses(fake: FakeHeyGen) -> None:
    with fake.sync_client() as client:
        video = client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        raw = client.with_raw_response.get_video_status(video.video_id)
        assert isinstance(client.with_raw_response, RawResponses)
        assert raw.status_code == 200
        assert raw.parse().video_id == video.video_id
        voices = client.with_raw_response.list_voices()
        assert voices.status_code == 200 and voices.parse()
    assert isinstance(HeyGenClient.with_raw_response, property)


async def test_answers_and_errors_read_their_request_id_alike() -> None:
    """Issue 20.5: one reading of the request id, for a model, a raw answer and an
    error: the same headers (not only X-Request-Id), redacted of the key."""
    import respx

    from heygen_async import NotFoundError

    from .conftest import API, API_KEY

    headers = {"Request-Id": f"req-{API_KEY}"}  # a proxy's header, echoing the key
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{API}/v3/voices").respond(
            200, json={"data": [], "has_more": False}, headers=headers
        )
        router.get(f"{API}/v3/videos/gone").respond(
            404, json={"error": {"code": "not_found", "message": "no video"}}, headers=headers
        )
        async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3") as heygen:
            raw = await heygen.with_raw_response.list_voices()
            with pytest.raises(NotFoundError) as caught:
                await heygen.get_video_status("gone")
    assert raw.request_id == caught.value.request_id == "req-[redacted]"
