"""generate_many end to end against the project's fake HeyGen (in-process)."""

from __future__ import annotations

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen


async def test_every_job_ends_once_and_is_generated_once() -> None:
    fake = FakeHeyGen(time_scale=1000, render_seconds=(30, 90), max_concurrent_renders=10, seed=5)
    jobs = [
        {
            "key": n,
            "script": f"Video {n}",
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        }
        for n in range(120)
    ]
    jobs.append(
        {
            "key": "doomed",
            "script": "[fail:credit]",
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
        }
    )
    async with fake.client(max_concurrent_jobs=10) as client:
        results = [r async for r in client.generate_many(jobs)]
    assert sorted(map(str, (r.key for r in results))) == sorted(str(j["key"]) for j in jobs)
    assert [r.key for r in results if not r.ok] == ["doomed"]
    by_callback = fake.counters.generations_by_callback_id
    assert len(by_callback) == len(jobs) and set(by_callback.values()) == {1}
    assert fake.counters.videos_created == len(jobs)
