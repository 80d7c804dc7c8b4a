"""How a bulk rerun settles jobs left in the crash window, per backend capability.

The planner is run against a stand-in backend that declares what its API
version can do (idempotency keys, lookups by callback_id) and records lookups,
with an injected clock: no request is sent, no time passes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import anyio
import pytest
from anyio.abc import TaskGroup
from rich.console import Console

from heygen_async import AsyncHeyGenClient, BadRequestError, Capabilities, ConflictError
from heygen_async.cli._bulk_runner import (
    KEY_RESEND_WINDOW,
    BulkOptions,
    BulkRunner,
    _Plan,
    callback_id_for,
)
from heygen_async.cli._exit import UsageError
from heygen_async.cli._jobs_file import JobRow
from heygen_async.cli._journal import INTENT, REJECTED, SENDING, SUBMITTED, UNSETTLED, Journal
from heygen_async.cli._progress import make_progress
from heygen_async.workflows import JobResult

HOUR = 3600.0


class StandInBackend:
    def __init__(self, *, keys: bool, by_callback_id: bool, found: dict[str, str] | None = None):
        self.api_version = "v3" if keys else "v2"
        self.idempotency_keys = keys
        self.settles_by_callback_id = by_callback_id
        self.found = found or {}
        self.lookups: list[set[str]] = []

    async def find_videos_by_callback_id(self, callback_ids: set[str]) -> dict[str, str]:
        self.lookups.append(set(callback_ids))
        return {cb: video for cb, video in self.found.items() if cb in callback_ids}


class StandInClient:
    """The public face the runner uses: capabilities, the lookup, redaction."""

    def __init__(self, backend: StandInBackend) -> None:
        self.backend = backend
        self.capabilities = Capabilities(
            api_version=backend.api_version,
            idempotency_keys=backend.idempotency_keys,
            settles_by_callback_id=backend.settles_by_callback_id,
            statuses_batch_size=1,
            avatar_iv_callback_id=False,
            avatar_iv_image_is_asset_id=backend.idempotency_keys,
        )

    async def find_videos_by_callback_id(self, callback_ids: set[str]) -> dict[str, str]:
        return await self.backend.find_videos_by_callback_id(callback_ids)

    def redact(self, text: str) -> str:
        return text


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


def jobs(count: int) -> list[JobRow]:
    return [
        JobRow(
            line=n + 1,
            key=f"job-{n}",
            kwargs={"script": f"Hi {n}", "avatar_id": "a", "voice_id": "v"},
        )
        for n in range(1, count + 1)
    ]


def runner(
    tmp_path: Path, backend: StandInBackend, clock: Clock, all_jobs: list[JobRow], **options: Any
) -> BulkRunner:
    journal = Journal.open(tmp_path / "journal.sqlite", now=clock)
    client = cast(AsyncHeyGenClient, StandInClient(backend))
    progress = make_progress(Console(file=io.StringIO()), total=len(all_jobs), interactive=False)
    return BulkRunner(client, all_jobs, journal, BulkOptions(out_dir=tmp_path, **options), progress)


def plan(bulk: BulkRunner) -> _Plan:
    async def go() -> _Plan:
        planned = bulk._plan()
        await bulk._reconcile(planned)
        return planned

    return anyio.run(go)


def intent(
    bulk: BulkRunner, job: JobRow, key: str | None, attempt: int = 1, *, sent: bool = True
) -> str:
    """Journal ``job`` as a killed run leaves it: announced, and (``sent``) on the wire."""
    callback_id = callback_id_for(bulk.journal.run_id, job.key, attempt)
    bulk.journal.record_intent(job.key, job.fingerprint, callback_id, attempt, key)
    if sent:
        bulk.journal.record_sending(job.key)
    return callback_id


def test_a_young_key_is_resent_as_it_was(tmp_path: Path) -> None:
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    young, fresh = jobs(2)
    bulk = runner(tmp_path, backend, clock, [young, fresh])
    callback_id = intent(bulk, young, "hga-job-abc")
    clock.now += KEY_RESEND_WINDOW - 60  # just inside the window

    planned = plan(bulk)
    assert sorted(job.key for job in planned.submit) == ["job-1", "job-2"]
    assert planned.attempts["job-1"] == 1  # same attempt: same callback_id, same body
    submission = bulk._submission(young)
    assert submission["idempotency_key"] == "hga-job-abc"
    assert submission["callback_id"] == callback_id
    # A job never sent gets the key generate_many derives (none given here).
    assert "idempotency_key" not in bulk._submission(fresh)
    assert backend.lookups == []  # nothing is looked up on a keyed API


@pytest.mark.parametrize("keys", [True, False])
def test_a_job_never_sent_is_simply_sent_whatever_its_age(tmp_path: Path, keys: bool) -> None:
    """Announced but never on the wire (it waited for a request slot when the run
    stopped): sent as it was, with no lookup, no unsettled state, on any API."""
    clock, backend = Clock(), StandInBackend(keys=keys, by_callback_id=not keys)
    (job,) = jobs(1)
    bulk = runner(tmp_path, backend, clock, [job])
    callback_id = intent(bulk, job, "hga-job-waited" if keys else None, sent=False)
    assert bulk.journal.get(job.key).state == INTENT  # type: ignore[union-attr]
    clock.now += 3 * KEY_RESEND_WINDOW  # even days later

    planned = plan(bulk)
    assert [j.key for j in planned.submit] == [job.key] and planned.reconcile == []
    assert backend.lookups == []
    submission = bulk._submission(job)
    assert submission["callback_id"] == callback_id
    assert submission.get("idempotency_key") == ("hga-job-waited" if keys else None)


def test_an_old_key_is_never_resent_automatically(tmp_path: Path) -> None:
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    (job,) = jobs(1)
    bulk = runner(tmp_path, backend, clock, [job])
    intent(bulk, job, "hga-job-old")
    clock.now += KEY_RESEND_WINDOW + 1

    planned = plan(bulk)
    assert planned.submit == [] and planned.resume == []
    entry = bulk.journal.get(job.key)
    assert entry is not None and entry.state == UNSETTLED
    assert entry.error is not None
    for words in ("hga-job-old", "23 h", "24 h", "--resubmit-unsettled", "23.0 h ago"):
        assert words in entry.error, words


def test_resubmitting_an_old_key_uses_a_fresh_one(tmp_path: Path) -> None:
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    (job,) = jobs(1)
    bulk = runner(tmp_path, backend, clock, [job], resubmit_unsettled=True)
    old_callback_id = intent(bulk, job, "hga-job-old")
    clock.now += 30 * HOUR

    planned = plan(bulk)
    assert [j.key for j in planned.submit] == ["job-1"] and planned.attempts["job-1"] == 2
    submission = bulk._submission(job)
    assert submission["idempotency_key"] not in (None, "hga-job-old")
    assert submission["callback_id"] != old_callback_id


def test_first_send_time_not_last_intent_decides(tmp_path: Path) -> None:
    """A key resent by several reruns ages from its first send."""
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    (job,) = jobs(1)
    bulk = runner(tmp_path, backend, clock, [job])
    intent(bulk, job, "hga-job-k")
    clock.now += 20 * HOUR
    intent(bulk, job, "hga-job-k")  # a rerun resent it, and crashed again
    clock.now += 4 * HOUR  # 4 h after the last send, 24 h after the first

    planned = plan(bulk)
    assert planned.submit == []
    entry = bulk.journal.get(job.key)
    assert entry is not None and entry.state == UNSETTLED


def test_a_key_less_entry_on_a_keyed_api_is_not_guessed(tmp_path: Path) -> None:
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    (job,) = jobs(1)
    bulk = runner(tmp_path, backend, clock, [job])
    intent(bulk, job, None)  # journaled on v2 (or by an older heygen-async)

    planned = plan(bulk)
    assert planned.submit == []
    entry = bulk.journal.get(job.key)
    assert entry is not None and entry.state == UNSETTLED
    assert entry.error is not None and "without an idempotency key" in entry.error


def test_failed_and_rejected_jobs_are_sent_with_a_fresh_key(tmp_path: Path) -> None:
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    failed, rejected = jobs(2)
    bulk = runner(tmp_path, backend, clock, [failed, rejected], retry_failed=True)
    intent(bulk, failed, "hga-job-f")
    bulk.journal.record_submitted(failed.key, "vid-f")
    bulk.journal.record_failed(failed.key, "render failed")
    intent(bulk, rejected, "hga-job-r")
    bulk.journal.record_rejected(rejected.key, "400")

    planned = plan(bulk)
    assert sorted(j.key for j in planned.submit) == ["job-1", "job-2"]
    # The old key would replay the old answer (the failed video, the 400).
    assert bulk._submission(failed)["idempotency_key"] != "hga-job-f"
    assert bulk._submission(rejected)["idempotency_key"] != "hga-job-r"


def test_callback_id_settlement_goes_through_the_backend(tmp_path: Path) -> None:
    clock = Clock()
    lost, missing, taken = jobs(3)
    backend = StandInBackend(keys=False, by_callback_id=True)
    bulk = runner(tmp_path, backend, clock, [lost, missing, taken])
    cb_lost = intent(bulk, lost, None)
    cb_missing = intent(bulk, missing, None)
    cb_taken = intent(bulk, taken, None)
    other = jobs(4)[3]
    intent(bulk, other, None)
    bulk.journal.record_submitted(other.key, "vid-known")  # another job's video
    backend.found = {cb_lost: "vid-lost", cb_taken: "vid-known"}

    planned = plan(bulk)
    assert backend.lookups == [{cb_lost, cb_missing, cb_taken}]  # one lookup for all
    assert planned.resume == [(lost, "vid-lost")]
    entries = bulk.journal.entries()
    assert entries["job-1"].state == SUBMITTED and entries["job-1"].video_id == "vid-lost"
    assert entries["job-2"].state == UNSETTLED
    assert entries["job-3"].state == UNSETTLED  # a video already adopted is not adopted twice
    assert "idempotency_key" not in bulk._submission(lost)


def test_no_idempotency_column_on_a_key_less_api(tmp_path: Path) -> None:
    (job,) = jobs(1)
    keyed = JobRow(job.line, job.key, {**job.kwargs, "idempotency_key": "mine"})
    bulk = runner(tmp_path, StandInBackend(keys=False, by_callback_id=True), Clock(), [keyed])
    with pytest.raises(UsageError, match=r"idempotency_key.*--api-version"):
        bulk._check_keys_supported()


def test_a_create_still_in_progress_stays_in_the_crash_window(tmp_path: Path) -> None:
    """409 request_in_progress after the SDK's patience ran out: the first request
    may still make the video, so the next run resends the key (never a fresh one)."""
    clock, backend = Clock(), StandInBackend(keys=True, by_callback_id=False)
    busy, refused = jobs(2)
    bulk = runner(tmp_path, backend, clock, [busy, refused])
    intent(bulk, busy, "hga-job-busy")
    intent(bulk, refused, "hga-job-refused")
    conflict = ConflictError("in progress", status_code=409, code="request_in_progress")
    bad = BadRequestError("bad avatar", status_code=400, code="invalid_parameter")
    for job, error in ((busy, conflict), (refused, bad)):
        bulk._on_result(JobResult(job.key, None, None, error), cast(TaskGroup, None))
    assert bulk.journal.get(busy.key).state == SENDING  # type: ignore[union-attr]
    assert bulk.journal.get(refused.key).state == REJECTED  # type: ignore[union-attr]

    clock.now += 60
    rerun = BulkRunner(
        bulk.client, [busy, refused], bulk.journal, bulk.options, bulk.progress, now=clock
    )
    plan(rerun)
    assert rerun._submission(busy)["idempotency_key"] == "hga-job-busy"
    assert rerun._submission(refused)["idempotency_key"] != "hga-job-refused"
