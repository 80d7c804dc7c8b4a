"""``download_video`` into a path that is an existing file (not a folder, not an
``.mp4`` name): a clear InvalidRequestError naming ``path``, before any request,
and the file untouched (it once surfaced as a bare ``FileExistsError``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from heygen_async import InvalidRequestError
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, ManualClock


async def test_a_download_into_a_file_says_the_path_is_a_file(tmp_path: Path) -> None:
    clock = ManualClock()
    fake = FakeHeyGen(clock=clock, render_seconds=30.0)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("keep me")
    async with fake.client() as client:
        video = await client.generate_video(
            "Hi", avatar_id=SAMPLE_AVATAR_ID, voice_id=SAMPLE_VOICE_ID
        )
        clock.advance(31)  # rendered
        before = sum(fake.counters.requests.values())
        with pytest.raises(InvalidRequestError) as caught:
            await client.download_video(video.video_id, not_a_folder)
    assert caught.value.field == "path"
    assert str(caught.value).startswith(f"path: {not_a_folder} is a file, not a folder")
    assert sum(fake.counters.requests.values()) == before  # nothing was sent
    assert not_a_folder.read_text() == "keep me"
    assert list(tmp_path.iterdir()) == [not_a_folder]  # no .part beside it either
