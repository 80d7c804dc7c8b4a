"""Issue 20 items 3-4: the public "a billed create is about to be sent" event, and
keys and bodies made once.

``JobSending`` comes from the transport's retry loop, once per attempt, before the
attempt leaves; the CLI journals "on the wire" there instead of hooking httpx.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from heygen_async import (
    AsyncHeyGenClient,
    Capabilities,
    HeyGenError,
    InvalidRequestError,
    JobEvent,
    JobSending,
    JobSubmitted,
    JobSubmitting,
)
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    Fault,
    VirtualClock,
)


class Wire(httpx.AsyncBaseTransport):
    """The fake's transport, noting every create as it reaches the wire."""

    def __init__(self, inner: httpx.AsyncBaseTransport, events: list[Any]) -> None:
        self.inner = inner
        self.events = events

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v3/videos":
            await request.aread()
            self.events.append(
                ("wire", request.headers.get("idempotency-key"), json.loads(request.content))
            )
        return await self.inner.handle_async_request(request)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=0.0, seed=5)


@pytest.fixture
def fake(clock: VirtualClock) -> FakeHeyGen:
    return FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=(30.0, 60.0), seed=2)


@asynccontextmanager
async def v3_client(
    fake: FakeHeyGen, clock: VirtualClock, seen: list[Any], **options: Any
) -> AsyncIterator[AsyncHeyGenClient]:
    client = fake.client(
        api_version="v3",
        http_client=httpx.AsyncClient(transport=Wire(fake.transport(), seen)),
        **options,
        clock=clock,
    )
    async with client, clock.running():
        yield client


def video_job(key: str) -> dict[str, Any]:
    return {"key": key, "script": "Hi", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}


async def test_job_sending_comes_before_each_attempt_with_its_number_and_key(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    # The first two attempts are answered 503: the transport retries (same key).
    fake.faults.force("generate", Fault.server_error(503), times=2)
    seen: list[Any] = []

    def on_event(event: JobEvent) -> None:
        if isinstance(event, (JobSubmitting, JobSending, JobSubmitted)):
            seen.append(event)

    async with v3_client(fake, clock, seen, max_retries=3) as client:
        results = [r async for r in client.generate_many([video_job("a")], on_event=on_event)]

    assert results[0].ok
    submitting = seen[0]
    assert isinstance(submitting, JobSubmitting)
    key = submitting.idempotency_key
    assert key is not None
    sends = [event for event in seen if isinstance(event, JobSending)]
    assert [(e.key, e.attempt, e.idempotency_key) for e in sends] == [
        ("a", 1, key),
        ("a", 2, key),
        ("a", 3, key),
    ]
    # Each JobSending is followed by its attempt on the wire, never the other way.
    order = [
        "send" if isinstance(e, JobSending) else e[0]
        for e in seen
        if not isinstance(e, (JobSubmitting, JobSubmitted))
    ]
    assert order == ["send", "wire"] * 3
    # Every attempt sent the one body JobSubmitting announced, under the one key.
    wire = [e for e in seen if isinstance(e, tuple)]
    assert {w[1] for w in wire} == {key}
    assert all(w[2] == submitting.body for w in wire)
    assert isinstance(seen[-1], JobSubmitted)


async def test_a_raising_job_sending_keeps_that_attempt_off_the_wire(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    seen: list[Any] = []

    def on_event(event: JobEvent) -> None:
        if isinstance(event, JobSending):
            raise OSError("journal full")

    async with v3_client(fake, clock, seen) as client:
        results = [r async for r in client.generate_many([video_job("a")], on_event=on_event)]

    assert seen == []  # nothing reached the wire
    assert fake.counters.videos_created == 0
    error = results[0].error
    assert isinstance(error, HeyGenError) and "attempt 1 not sent" in str(error)
    assert isinstance(error.__cause__, OSError)
    assert getattr(error, "may_have_been_processed", None) is False


async def test_a_job_sending_that_raises_on_a_retry_says_the_video_may_exist(
    fake: FakeHeyGen, clock: VirtualClock
) -> None:
    # The first attempt is processed, then cut off: a video may exist.
    fake.faults.force("generate", Fault.server_error(502, after_processing=True), times=1)
    seen: list[Any] = []

    def on_event(event: JobEvent) -> None:
        if isinstance(event, JobSending) and event.attempt == 2:
            raise OSError("journal full")

    async with v3_client(fake, clock, seen, max_retries=2) as client:
        results = [r async for r in client.generate_many([video_job("a")], on_event=on_event)]

    assert len([e for e in seen if isinstance(e, tuple)]) == 1
    assert getattr(results[0].error, "may_have_been_processed", None) is True


async def test_a_video_create_body_is_built_once(
    fake: FakeHeyGen, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from heygen_async._backends.v3 import _bodies

    builds: list[str] = []
    original = _bodies.video_body

    def counting(request: Any) -> dict[str, Any]:
        builds.append(request.title or "")
        return original(request)

    monkeypatch.setattr(_bodies, "video_body", counting)
    fake.faults.force("generate", Fault.server_error(503), times=1)
    seen: list[Any] = []
    async with v3_client(fake, clock, seen, max_retries=2) as client:
        [r async for r in client.generate_many([video_job("a")])]
        assert len(builds) == 1  # generate_many: built once, though sent twice
        builds.clear()
        await client.generate_video("Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        assert len(builds) == 1  # generate_video: checked and sent from one build


def test_capabilities_say_what_each_version_can_do() -> None:
    v3 = AsyncHeyGenClient(api_key="k", api_version="v3").capabilities
    v2 = AsyncHeyGenClient(api_key="k", api_version="v2").capabilities
    assert v3 == Capabilities(
        api_version="v3",
        idempotency_keys=True,
        settles_by_callback_id=False,
        statuses_batch_size=v3.statuses_batch_size,
        avatar_iv_callback_id=False,
        avatar_iv_image_is_asset_id=True,
        templates=True,
    )
    assert v3.statuses_batch_size > 1
    assert v2 == Capabilities(
        api_version="v2",
        idempotency_keys=False,
        settles_by_callback_id=True,
        statuses_batch_size=1,
        avatar_iv_callback_id=False,
        avatar_iv_image_is_asset_id=False,
        templates=False,
    )


def test_client_redact_masks_its_own_key_and_pieces_of_it() -> None:
    key = "sk-live-0123456789abcdef"
    client = AsyncHeyGenClient(api_key=key)
    text = client.redact(f"echoed {key} and {key[:12]}")
    assert key not in text and key[:12] not in text
    from heygen_async import redact

    assert key not in redact(f"x {key}", key)


def test_every_idempotency_key_and_callback_id_is_made_in_ids() -> None:
    """No module but ``_ids`` mints keys or ids (the fake server is HeyGen's side)."""
    from pathlib import Path

    import heygen_async

    root = Path(heygen_async.__file__).parent
    makers = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative == "_ids.py" or relative.startswith("testing/"):
            continue
        text = path.read_text()
        minted = [f"{quote}{prefix}" for quote in ('"', 'f"') for prefix in ("hga-", "hgt-")]
        if "uuid" in text or any(literal in text for literal in minted):
            makers.append(relative)
    assert makers == []


async def test_find_videos_by_callback_id_on_v2_and_refused_on_v3() -> None:
    fake = FakeHeyGen()
    async with fake.client(api_version="v2") as client:
        video = await client.generate_video(
            "Hi", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, callback_id="cb-found"
        )
        found = await client.find_videos_by_callback_id({"cb-found", "cb-missing"})
    assert found == {"cb-found": video.video_id}
    async with fake.client(api_version="v3") as client:
        requests = sum(fake.counters.requests.values())
        with pytest.raises(InvalidRequestError) as caught:
            await client.find_videos_by_callback_id({"cb-found"})
        assert caught.value.field == "api_version" and "v3" in str(caught.value)
        assert sum(fake.counters.requests.values()) == requests  # nothing was sent
