"""A failed translation's ``JobFailedError`` carries HeyGen's ``code`` (issue 21).

HeyGen's ``GET /v3/video-translations/{id}`` gives a failure's message only; its
bulk ``statuses`` entry has ``error.code``: every way a wait reads a failed
translation (a bulk read, a read of its own) keeps that code.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from heygen_async import AsyncHeyGenClient, JobFailedError
from heygen_async.resources.video_translations import VideoTranslation, VideoTranslationKind
from heygen_async.testing import FakeHeyGen, VirtualClock, use_clock

VIDEO_URL = "https://example.com/talk.mp4"


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=1000.0, seed=7)


@pytest.fixture
async def client(clock: VirtualClock) -> AsyncIterator[AsyncHeyGenClient]:
    fake = FakeHeyGen(
        clock=clock.now, time_scale=1.0, render_seconds=120.0, max_concurrent_renders=None
    )
    async with fake.client(api_version="v3", max_retries=0) as client:
        use_clock(client, clock)
        yield client


async def _translation(client: AsyncHeyGenClient, title: str) -> str:
    created = await client.video_translations.create(VIDEO_URL, ["French"], title=title)
    return created.video_translation_ids[0]


@pytest.mark.parametrize(
    ("marker", "code"),
    [("[fail]", "40119"), ("[fail:credit]", "MOVIO_PAYMENT_INSUFFICIENT_CREDIT")],
)
async def test_a_failed_translation_wait_raises_with_heygens_code(
    client: AsyncHeyGenClient, clock: VirtualClock, marker: str, code: str
) -> None:
    job_id = await _translation(client, f"Talk {marker}")
    async with clock.running():
        with pytest.raises(JobFailedError) as failed:
            await client.video_translations.wait(job_id)
    error = failed.value
    assert (error.kind, error.job_id, str(error.code)) == ("video_translation", job_id, code)
    assert error.message  # the reason, as before
    assert f"(code {code})" in str(error)
    assert isinstance(error.status, VideoTranslation) and error.status.failure_code == error.code


async def test_wait_many_results_of_failed_translations_carry_the_code(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    ids = [await _translation(client, title) for title in ("a [fail]", "b [fail]", "c")]
    async with clock.running():
        results = {r.job_id: r async for r in client.video_translations.wait_many(ids)}
    for job_id in ids[:2]:
        error = results[job_id].error
        assert isinstance(error, JobFailedError) and str(error.code) == "40119"
    assert results[ids[2]].ok


async def test_a_read_of_its_own_keeps_the_code_too(
    client: AsyncHeyGenClient, clock: VirtualClock
) -> None:
    """The read a wait makes of one job (a webhook's news, an id the bulk read
    missed) adds the code from the bulk entry."""
    job_id = await _translation(client, "Talk [fail]")
    clock.advance(600)
    kind = VideoTranslationKind(client.video_translations)
    translation = await kind.read_one(job_id)
    assert translation.is_failed and str(translation.failure_code) == "40119"
    assert str(kind.failure(translation).code) == "40119"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [(40119, 40119), ("rendering_failed", "rendering_failed"), ({"x": 1}, None), ("", None)],
)
def test_a_failure_code_is_read_leniently(sent: object, kept: object) -> None:
    """A code of an unexpected shape is no code, never a refused answer."""
    translation = VideoTranslation.model_validate(
        {"id": "t1", "status": "failed", "failure_code": sent}
    )
    assert translation.failure_code == kept
