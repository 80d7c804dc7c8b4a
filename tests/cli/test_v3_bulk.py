"""heygen-async on v3: bulk runs journal and resend idempotency keys; v3 field names.

In-process against the fake's v3 dialect (which replays a key's first answer,
answers 409 while it is in flight, and forgets keys after 24 fake hours).
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import anyio
import pytest

from heygen_async.cli._bulk_runner import callback_id_for
from heygen_async.cli._jobs_file import read_jobs
from heygen_async.cli._journal import Journal
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_IMAGE_KEY,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
)

from .conftest import FAST, Runner
from .test_bulk import jobs_csv, results
from .test_commands import JPEG, one_error_line

V3 = ("--api-version", "v3")
DAY = 24 * 3600.0


def submit_directly(fake: FakeHeyGen, n: int, callback_id: str, idempotency_key: str) -> str:
    """Create job-n's video at the fake under ``idempotency_key``, as a run that
    was killed after HeyGen answered (and before the journal heard) would have."""

    async def go() -> str:
        async with fake.client(api_version="v3") as client:
            video = await client.generate_video(
                f"Hello number {n}",
                SAMPLE_AVATAR_ID,
                SAMPLE_VOICE_ID,
                title=f"Video {n}",
                callback_id=callback_id,
                idempotency_key=idempotency_key,
            )
            return video.video_id

    return anyio.run(go)


def test_v3_bulk_journals_each_jobs_key(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    out = tmp_path / "out"
    before = time.time()
    result = cli("bulk", str(jobs), "--out", str(out), "--no-download", *V3, *FAST)
    assert result.code == 0, result.err
    journal = Journal.open(out / "journal.sqlite")
    entries = journal.entries()
    journal.close()
    keys = {entry.idempotency_key for entry in entries.values()}
    assert len(keys) == 3 and None not in keys  # one key per job, all different
    assert all(
        entry.first_sent_at is not None and entry.first_sent_at >= before
        for entry in entries.values()
    )
    assert fake.counters.videos_created == 3

    again = cli("bulk", str(jobs), "--out", str(out), "--no-download", *V3, *FAST)
    assert again.code == 0
    assert fake.counters.videos_created == 3


def test_v3_crash_window_is_settled_by_resending_the_key(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    """A journal as kills at three moments leave it, plus one key too old to resend."""
    jobs = jobs_csv(tmp_path / "jobs.csv", 4)
    parsed = {job.key: job for job in read_jobs(jobs)}
    out = tmp_path / "out"
    journal = Journal.open(out / "journal.sqlite")
    run_id = journal.run_id

    def intent(key: str, idempotency_key: str, *, sent: bool = True) -> str:
        callback_id = callback_id_for(run_id, key, 1)
        journal.record_intent(key, parsed[key].fingerprint, callback_id, 1, idempotency_key)
        if sent:
            journal.record_sending(key)
        return callback_id

    # job-1: killed between the intent and the POST: HeyGen never heard of it.
    intent("job-1", "hga-test-key-1")
    # job-2: killed after HeyGen made the video, before the journal heard.
    cb2 = intent("job-2", "hga-test-key-2")
    lost_video = submit_directly(fake, 2, cb2, "hga-test-key-2")
    # job-3: its key was first sent a day ago: HeyGen may have forgotten it.
    old = Journal.open(out / "journal.sqlite", now=lambda: time.time() - DAY)
    old.record_intent("job-3", parsed["job-3"].fingerprint, callback_id_for(run_id, "job-3", 1),
                      1, "hga-test-key-3")  # fmt: skip
    old.record_sending("job-3")
    old.close()
    journal.close()
    fake.reset_counters()

    result = cli("bulk", str(jobs), "--out", str(out), "--no-download", *V3, *FAST)
    assert result.code == 3, result.err  # job-3 is unsettled
    rows = {row["key"]: row for row in results(out)}
    assert rows["job-1"]["status"] == "completed"
    assert rows["job-2"]["status"] == "completed"
    assert rows["job-2"]["video_id"] == lost_video  # HeyGen replayed the first answer
    assert rows["job-3"]["status"] == "unsettled"
    assert "24.0 h ago" in rows["job-3"]["error"]
    assert "--resubmit-unsettled" in rows["job-3"]["error"]
    assert rows["job-4"]["status"] == "completed"
    assert fake.counters.videos_created == 2  # job-1 (never arrived) and job-4
    assert fake.counters.idempotent_replays["generate"] == 1  # job-2
    entry = Journal.open(out / "journal.sqlite").get("job-1")
    assert entry is not None and entry.idempotency_key == "hga-test-key-1"  # resent as it was

    forced = cli("bulk", str(jobs), "--out", str(out), "--no-download", "--resubmit-unsettled",
                 *V3, *FAST)  # fmt: skip
    assert forced.code == 0, forced.err
    assert fake.counters.videos_created == 3  # job-3, under a fresh key
    journal = Journal.open(out / "journal.sqlite")
    entry = journal.get("job-3")
    journal.close()
    assert entry is not None and entry.idempotency_key not in (None, "hga-test-key-3")
    assert entry.attempt == 2


def test_v3_single_commands(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    simple = ("--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID)
    done = cli("generate", *simple, "--caption", "--wait", "--json", *V3, *FAST)
    assert done.code == 0, done.err
    row = json.loads(done.out)
    assert row["status"] == "completed" and row["video_url"]
    assert row["captioned_video_url"] and row["caption_file_url"]  # v3's own field names

    # A v2-only option on v3 is refused before anything is sent, naming the flag.
    refused = cli("generate", *simple, "--test", *V3)
    assert refused.code == 2
    line = one_error_line(refused.err)
    assert "--test" in line and "v2" in line

    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    made = cli("avatar-iv", "--script", "Hello", "--voice", SAMPLE_VOICE_ID, "--image",
               str(photo), "--json", *V3)  # fmt: skip
    assert made.code == 0, made.err
    assert json.loads(made.out)["video_id"]
    assert fake.counters.videos_created == 2


def test_v3_bulk_refuses_what_v3_cannot_express_before_sending(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path
) -> None:
    jobs = jobs_csv(tmp_path / "jobs.csv", 3)
    lines = jobs.read_text().splitlines()
    lines[0] += ",test"
    lines[1:] = [line + "," for line in lines[1:3]] + [lines[3] + ",true"]
    jobs.write_text("\n".join(lines) + "\n")
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), *V3, *FAST)
    assert result.code == 2
    line = one_error_line(result.err)
    assert "line 4" in line and "job-3" in line and "test" in line and "--api-version v2" in line
    assert fake.counters.requests["generate"] == 0


@pytest.mark.parametrize("version", ["v3", "v2"])
def test_avatar_iv_rows_beside_video_rows(
    cli: Runner, fake: FakeHeyGen, tmp_path: Path, version: str
) -> None:
    image = SAMPLE_IMAGE_ASSET_ID if version == "v3" else SAMPLE_IMAGE_KEY
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "key,script,avatar_id,voice_id,title,image_key,video_title,custom_motion_prompt\n"
        f"talk,Hello,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},Talk,,,\n"
        f"photo,Hi from a photo,,{SAMPLE_VOICE_ID},,{image},Photo,waves\n"
    )
    out = tmp_path / "out"
    result = cli("bulk", str(jobs), "--out", str(out), "--api-version", version, *FAST)
    assert result.code == 0, result.err
    assert {row["key"]: row["status"] for row in results(out)} == {
        "talk": "completed",
        "photo": "completed",
    }
    assert sorted(video.title for video in fake.videos()) == ["Photo", "Talk"]
    # Each create was journaled as on the wire (first_sent_at) before its answer:
    # the request hook recognised both kinds of create on this version.
    db = sqlite3.connect(out / "journal.sqlite")
    sent = dict(db.execute("SELECT key, first_sent_at IS NOT NULL FROM jobs").fetchall())
    db.close()
    assert sent == {"talk": 1, "photo": 1}


def test_an_avatar_iv_row_with_a_video_field_is_refused(cli: Runner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "key,script,avatar_id,voice_id,image_key\n"
        f"photo,Hi,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID},{SAMPLE_IMAGE_ASSET_ID}\n"
    )
    result = cli("bulk", str(jobs), "--out", str(tmp_path / "out"), *V3)
    assert result.code == 2
    line = one_error_line(result.err)
    assert "line 2" in line and "avatar_id" in line and "generate_avatar_iv_video" in line
