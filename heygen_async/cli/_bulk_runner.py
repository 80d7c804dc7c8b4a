"""The resumable bulk runner behind ``heygen-async bulk`` (and ``demo``).

One run: plan every job against the journal, settle the crash window, generate
what is left with ``generate_many``, download each finished video, and write
``results.csv``. Kill it at any point and run the same command again: jobs that
finished are skipped, submitted ones are waited for again (never resubmitted),
jobs that never went on the wire are simply sent (the journal knows: ``sending``
is journaled by an httpx request hook at the last moment before the billed
request leaves), and a job caught between "on the wire" and "HeyGen answered"
is settled before anything else happens, in the way the client's ``capabilities`` allow:

- with idempotency keys (v3): it is sent again under the key it was journaled
  with, so HeyGen replays the first answer (or makes the video if the first
  request never arrived), provided the key was first sent less than
  ``KEY_RESEND_WINDOW`` (23 h) ago; HeyGen keeps keys 24 h, so an older key is
  never resent automatically;
- by ``callback_id`` (v2): ``client.find_videos_by_callback_id`` looks the
  video up among the account's videos and it is adopted.

A job that cannot be settled is reported as ``unsettled`` (with why, and what to
do) and left alone unless ``resubmit_unsettled`` is set: paying twice needs the
user's say-so; it is then sent with a fresh idempotency key.

``request_stop()`` (the first Ctrl-C) stops a run without losing or paying for
anything twice: creates not on the wire yet are held back (they stay ``intent``,
known as never sent), creates already sent may finish (``stopped_sending()``
tells when every one has its answer journaled), and then the caller cancels.

::

    journal = Journal.open(out / "journal.sqlite")
    runner = BulkRunner(client, jobs, journal, BulkOptions(out_dir=out), progress)
    await runner.run()
    write_results(out / "results.csv", runner.results())
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from anyio.abc import TaskGroup

from .. import (
    AsyncHeyGenClient,
    Capabilities,
    ConflictError,
    HeyGenError,
    InvalidRequestError,
    JobFailedError,
    WaitTimeoutError,
)
from ..resources.video_translations import AsyncVideoTranslations
from ..workflows import (
    JobCompleted,
    JobEvent,
    JobResult,
    JobSending,
    JobStatusChanged,
    JobSubmitted,
    JobSubmitting,
    PollPolicy,
    attempt_callback_id,
    attempt_idempotency_key,
    file_name_for,
)
from ._commands import error_in_cli_words, for_the_command_line
from ._exit import UsageError
from ._jobs_file import JobRow, JobsFileError, build_job_request
from ._journal import (
    COMPLETED,
    DOWNLOADED,
    FAILED,
    INTENT,
    REJECTED,
    SENDING,
    SUBMITTED,
    UNSETTLED,
    VIDEO,
    Journal,
    JournalEntry,
)
from ._progress import DOWNLOADING, JUST_SUBMITTED, QUEUED, RENDERED, SUBMITTING, BulkProgress

# Videos downloaded at once (each is one HTTP stream to the media host).
DOWNLOAD_CONCURRENCY = 4
# How long after its first send an idempotency key is resent automatically.
# HeyGen replays a key's first answer for 24 h; past that the same key would make
# a second video, so an hour is kept in hand (clock drift, a slow rerun).
KEY_RESEND_WINDOW = 23 * 3600.0
# A key journaled up to this far "in the future" (the clock was set back a little)
# still counts as young; more, and its age is unknown: it is not resent.
CLOCK_SKEW_ALLOWANCE = 300.0
# A video run's columns first, in their order; then what other kinds need: the job's
# kind (video, video_translation), its id (a translation's; a video's is video_id
# too) and a finished translation's download link (translations are not downloaded).
RESULT_COLUMNS = ("key", "video_id", "status", "path", "error", "kind", "job_id", "url")


@dataclass(frozen=True)
class BulkOptions:
    """How a bulk run behaves (the ``bulk`` command's flags)."""

    out_dir: Path
    concurrency: int | None = None
    poll: PollPolicy | None = None
    download: bool = True
    resubmit_unsettled: bool = False
    retry_failed: bool = False


@dataclass(frozen=True)
class JobOutcome:
    """One line of ``results.csv``."""

    key: str
    video_id: str | None
    status: str
    path: str | None
    error: str | None
    kind: str = VIDEO
    """``video`` or ``video_translation``."""
    job_id: str | None = None
    """The job's id: a translation's, or a video's (``video_id``, the default)."""
    url: str | None = None
    """A finished translation's download link (it expires; videos are downloaded)."""

    def __post_init__(self) -> None:
        if self.job_id is None and self.kind == VIDEO:
            object.__setattr__(self, "job_id", self.video_id)

    def as_json(self) -> dict[str, str | None]:
        """The same fields for JSON output: missing values are null, not ""."""
        return {
            "key": self.key,
            "video_id": self.video_id,
            "status": self.status,
            "path": self.path,
            "error": self.error,
            "kind": self.kind,
            "job_id": self.job_id,
            "url": self.url,
        }

    def as_row(self) -> dict[str, str]:
        """The fields as ``results.csv`` cells (missing values are empty)."""
        return {name: value or "" for name, value in self.as_json().items()}


@dataclass
class _Plan:
    """What this run does with each job."""

    submit: list[JobRow] = field(default_factory=list)
    resume: list[tuple[JobRow, str]] = field(default_factory=list)
    """Submitted jobs to wait for again, with their ids."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The kind of each resumed job that is not a video (a translation), by key."""
    download: list[tuple[JobRow, str]] = field(default_factory=list)
    reconcile: list[tuple[JobRow, JournalEntry]] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)
    settled: int = 0
    """Jobs a previous run finished (completed, downloaded, failed): not touched."""


# The correlation id and key of one journaled submission (made by the SDK's ids).
callback_id_for = attempt_callback_id
fresh_idempotency_key = attempt_idempotency_key


def may_have_created(error: BaseException) -> bool:
    """True when a failed create may still have made a video: it was sent and then
    cut off or answered 5xx, or HeyGen said its key is still in progress (409).

    Such a job stays in the crash window (its key is resent by the next run); a
    job refused for sure is ``rejected`` and sent afresh, with a new key.
    """
    return bool(getattr(error, "may_have_been_processed", False)) or isinstance(
        error, ConflictError
    )


def translates(capabilities: Capabilities) -> bool:
    """Whether the API version has ``client.video_translations.create``."""
    declaration = AsyncVideoTranslations.create.__endpoint__  # type: ignore[attr-defined]
    return capabilities.api_version in declaration.versions


def capabilities_of(client: AsyncHeyGenClient) -> Capabilities:
    """What the client's API version can do to settle a lost create."""
    return client.capabilities


def error_text(error: BaseException, client: AsyncHeyGenClient) -> str:
    """An error as the CLI prints and journals it: never a piece of the API key,
    even when the server echoed it back."""
    return client.redact(error_in_cli_words(error))


class _HeldBack(Exception):
    """Raised from ``JobSending`` while stopping: the create is not sent at all."""


class BulkRunner:
    """Runs the jobs of one JOBS file against one journal."""

    def __init__(
        self,
        client: AsyncHeyGenClient,
        jobs: list[JobRow],
        journal: Journal,
        options: BulkOptions,
        progress: BulkProgress,
        *,
        now: Callable[[], float] | None = None,
    ) -> None:
        self.client = client
        self.jobs = jobs
        self.journal = journal
        self.options = options
        self.progress = progress
        self._now = now or journal.now
        self._backend = capabilities_of(client)
        self._by_key = {job.key: job for job in jobs}
        self._attempts: dict[str, int] = {}
        # Idempotency keys this run sends explicitly (a resend, or a fresh attempt);
        # other jobs get the key generate_many derives from their key and body.
        self._keys: dict[str, str] = {}
        # Errors of jobs that never reached the journal (refused before submission).
        self._unjournaled: dict[str, str] = {}
        self._timed_out: set[str] = set()
        self._downloads = anyio.CapacityLimiter(DOWNLOAD_CONCURRENCY)
        self.sent_here: set[str] = set()
        """Jobs whose create went on the wire in this run."""
        self._on_wire: set[str] = set()
        self._stopping = False
        self._quiet = anyio.Event()
        self.settled = 0
        """Jobs a previous run already settled (finished), skipped by this one."""

    # -- planning ------------------------------------------------------------------

    def _plan(self) -> _Plan:
        plan = _Plan()
        for job in self.jobs:
            entry = self.journal.get(job.key)
            if entry is None:
                plan.submit.append(job)
                plan.attempts[job.key] = 1
                continue
            if entry.fingerprint != job.fingerprint and entry.state != REJECTED:
                raise UsageError(
                    f"line {job.line}: job {job.key!r} differs from what the journal "
                    f"{self.journal.path} recorded for it (state {entry.state}); "
                    "give the changed job a new key or use another --journal"
                )
            self._plan_entry(plan, job, entry)
        self._attempts = plan.attempts
        return plan

    def _plan_entry(self, plan: _Plan, job: JobRow, entry: JournalEntry) -> None:
        state = entry.state
        again = entry.attempt + 1
        if state in (DOWNLOADED, COMPLETED) and entry.job_kind != VIDEO:
            # A finished translation: nothing to download (results.csv has its URL).
            self.progress.skipped(job.key, "completed")
            plan.settled += 1
        elif state == DOWNLOADED:
            if self.options.download and not (entry.path and Path(entry.path).is_file()):
                plan.download.append((job, str(entry.video_id)))  # the file went missing
            else:
                self.progress.skipped(job.key, "completed")
                plan.settled += 1
        elif state == COMPLETED:
            if self.options.download:
                plan.download.append((job, str(entry.video_id)))
            else:
                self.progress.skipped(job.key, "completed")
                plan.settled += 1
        elif state == SUBMITTED:
            # Waited for as what it is: a journaled translation id is no video id.
            plan.resume.append((job, str(entry.video_id)))
            if entry.job_kind != VIDEO:
                plan.kinds[job.key] = entry.job_kind
        elif state == FAILED and self.options.retry_failed:
            self._new_attempt(plan, job, again)
        elif state == FAILED:
            self.progress.skipped(job.key, "failed")
            plan.settled += 1
        elif state == REJECTED:
            # Nothing was created, so nothing is paid twice by sending it again.
            self._new_attempt(plan, job, again)
        elif state == INTENT:
            # Announced but never on the wire (it waited for a request slot when the
            # run stopped): send it as it was, under the same key and callback_id.
            plan.submit.append(job)
            plan.attempts[job.key] = entry.attempt
            if self._backend.idempotency_keys and entry.idempotency_key:
                self._keys[job.key] = entry.idempotency_key
        else:  # SENDING or UNSETTLED: the crash window
            plan.reconcile.append((job, entry))

    def _new_attempt(self, plan: _Plan, job: JobRow, attempt: int) -> None:
        """Send ``job`` again as a new request: a new callback_id and, where the API
        has them, a new idempotency key (the old one would replay the old answer)."""
        plan.submit.append(job)
        plan.attempts[job.key] = attempt
        if self._backend.idempotency_keys:
            self._keys[job.key] = fresh_idempotency_key(
                self.journal.run_id, job.key, attempt, job.fingerprint
            )

    # -- the crash window ----------------------------------------------------------

    async def _reconcile(self, plan: _Plan) -> None:
        """Settle the jobs left between intent and answer: resend a young idempotency
        key, or find the video by callback_id, as the backend allows."""
        if not plan.reconcile:
            return
        backend = self._backend
        lookup: list[tuple[JobRow, JournalEntry]] = []
        for job, entry in plan.reconcile:
            if backend.idempotency_keys and entry.idempotency_key:
                self._settle_by_key(plan, job, entry)
            elif backend.settles_by_callback_id and entry.callback_id:
                lookup.append((job, entry))
            else:
                self._unsettled(plan, job, entry, self._no_way_message(entry))
        if not lookup:
            return
        wanted = {entry.callback_id for _, entry in lookup if entry.callback_id}
        found = await self.client.find_videos_by_callback_id(wanted)
        known = self.journal.known_video_ids()
        for job, entry in lookup:
            video_id = found.get(entry.callback_id or "")
            if video_id is not None and video_id not in known:
                known.add(video_id)
                self.journal.record_submitted(job.key, video_id)
                plan.resume.append((job, video_id))
            else:
                self._unsettled(
                    plan,
                    job,
                    entry,
                    "sent before a crash, and no video with its callback_id "
                    f"{entry.callback_id} was found among the account's videos; not "
                    "resubmitted (--resubmit-unsettled sends it again, at the risk of a "
                    "second video)",
                )

    def _settle_by_key(self, plan: _Plan, job: JobRow, entry: JournalEntry) -> None:
        """Resend the journaled key while HeyGen still replays it; else leave it."""
        assert entry.idempotency_key is not None
        sent_at = entry.first_sent_at if entry.first_sent_at is not None else entry.intent_at
        age = None if sent_at is None else self._now() - sent_at
        if age is not None and -CLOCK_SKEW_ALLOWANCE <= age < KEY_RESEND_WINDOW:
            # Same key, same attempt (so the same callback_id and body): HeyGen
            # replays the first answer, or makes the video if it never arrived.
            plan.submit.append(job)
            plan.attempts[job.key] = entry.attempt
            self._keys[job.key] = entry.idempotency_key
            return
        if age is None or age < 0:
            when = "at an unknown time (the clock is behind the journal)"
        else:
            when = f"{age / 3600:.1f} h ago"
        where = f" (callback_id {entry.callback_id})" if entry.callback_id else ""
        self._unsettled(
            plan,
            job,
            entry,
            f"sent before a crash {when} under idempotency key {entry.idempotency_key}; "
            f"keys are resent automatically only within {KEY_RESEND_WINDOW / 3600:.0f} h "
            "of their first send (HeyGen forgets them after 24 h, and then the same key "
            "would make a second video), so it was not sent again. Look for the video in "
            f"HeyGen's dashboard{where}; if there is none, "
            "rerun with --resubmit-unsettled to send it with a new key (billed again if "
            "the first request did make a video)",
        )

    def _no_way_message(self, entry: JournalEntry) -> str:
        version = self._backend.api_version
        if entry.idempotency_key is None:
            why = "without an idempotency key (journaled on a key-less API version)"
        else:
            why = f"under idempotency key {entry.idempotency_key}"
        if not entry.callback_id:
            cannot = "it has no callback_id to look it up by (Avatar IV creates carry none)"
            where = ""
        else:
            cannot = f"api_version {version} cannot look videos up by callback_id"
            where = f" (callback_id {entry.callback_id})"
        return (
            f"sent before a crash {why}, and {cannot}; not resubmitted: look for it in "
            f"HeyGen's dashboard{where}, rerun with the API version that sent it, or "
            "pass --resubmit-unsettled to send it again (at the risk of a second video)"
        )

    def _unsettled(self, plan: _Plan, job: JobRow, entry: JournalEntry, reason: str) -> None:
        """A crash-window job this run cannot settle: sent afresh only if asked."""
        if self.options.resubmit_unsettled:
            self._new_attempt(plan, job, entry.attempt + 1)
            return
        self.journal.record_unsettled(job.key, reason)
        self.progress.skipped(job.key, "unsettled")

    # -- running -------------------------------------------------------------------

    async def run(self) -> None:
        """Run every job that is not finished yet."""
        self._check_keys_supported()
        plan = self._plan()
        self.settled = plan.settled
        if plan.settled:
            self.progress.note(
                f"skipping {plan.settled} job(s) already settled by an earlier run "
                f"(journal {self.journal.path})"
            )
        await self._reconcile(plan)
        self._check_for_backend(plan.submit)
        for job in plan.submit:
            self.progress.skipped(job.key, QUEUED)
        for job, _ in plan.resume:
            self.progress.skipped(job.key, JUST_SUBMITTED)
        async with anyio.create_task_group() as group:
            for job, video_id in plan.download:
                group.start_soon(self._download, job, video_id)
            work = [self._submission(job) for job in plan.submit]
            work += [_resumed(job, job_id, plan.kinds.get(job.key)) for job, job_id in plan.resume]
            if work:
                await self._generate(work, group)

    # -- stopping (Ctrl-C) -----------------------------------------------------------

    def request_stop(self) -> None:
        """Send no more creates; those on the wire may finish (``stopped_sending``)."""
        self._stopping = True
        self._check_quiet()

    @property
    def creates_on_the_wire(self) -> int:
        return len(self._on_wire)

    async def stopped_sending(self) -> None:
        """Return once a stop was requested and no create is waiting for its answer."""
        await self._quiet.wait()

    def _check_quiet(self) -> None:
        if self._stopping and not self._on_wire:
            self._quiet.set()

    def _sending(self, event: JobSending) -> None:
        """An attempt of the job's billed create is about to leave: journal it first."""
        key = str(event.key)
        if self._stopping and key not in self.sent_here:
            # Stopping: a create not on the wire yet is never sent; it stays
            # ``intent`` (raising here keeps this attempt from being sent).
            raise _HeldBack(f"job {key!r}: stopped before it was sent")
        # Durable before the request leaves; if this raises, it does not leave.
        self.journal.record_sending(key)
        self.sent_here.add(key)
        self._on_wire.add(key)

    def _answered(self, key: str) -> None:
        """The job's create is over (answered or failed)."""
        self._on_wire.discard(key)
        self._check_quiet()

    def dry_run(self) -> list[tuple[JobRow, str, str | None]]:
        """What ``run`` would do with each job, with every check it makes before
        sending (rows, the journal, the API version), and nothing sent: ``(job,
        action, detail)`` in file order."""
        self._check_keys_supported()
        plan = self._plan()
        self._check_for_backend([*plan.submit, *(job for job, _ in plan.reconcile)])
        actions: dict[str, tuple[str, str | None]] = {}
        entries = self.journal.entries()
        for job in plan.submit:
            entry = entries.get(job.key)
            if entry is None:
                actions[job.key] = ("send", None)
            elif entry.state == INTENT:
                actions[job.key] = ("send", "never sent by an earlier run")
            else:
                actions[job.key] = ("send again", f"was {entry.state}")
        for job, job_id in plan.resume:
            actions[job.key] = ("wait", job_id)
        for job, video_id in plan.download:
            actions[job.key] = ("download", video_id)
        for job, entry in plan.reconcile:
            how = "resend its idempotency key" if entry.idempotency_key else "look it up"
            actions[job.key] = ("settle", f"cut off by a crash: {how}")
        result = []
        for job in self.jobs:
            entry = entries.get(job.key)
            state = entry.state if entry is not None else None
            action, detail = actions.get(job.key, ("skip", state))
            result.append((job, action, detail))
        return result

    def _check_keys_supported(self) -> None:
        if self._backend.idempotency_keys:
            return
        given = [job for job in self.jobs if job.kwargs.get("idempotency_key") is not None]
        if given:
            raise UsageError(
                f"line {given[0].line}: job {given[0].key!r}: idempotency_key: "
                f"api_version {self._backend.api_version} has no idempotency keys; "
                "drop the column or choose an API version that has them (--api-version)"
            )

    def _check_for_backend(self, jobs: list[JobRow]) -> None:
        """Refuse, before anything is sent, rows this API version cannot express
        (``test`` or an inexact ``dimension`` on v3...): every one, each naming its job."""
        problems = []
        for job in jobs:
            if job.is_translation and not translates(self._backend):
                problems.append(
                    f"line {job.line} (job {job.key!r}): api_version "
                    f"{self._backend.api_version} has no video translations; choose an "
                    "API version that has them (--api-version)"
                )
                continue
            if job.is_template or job.is_translation:
                continue  # checked by read_jobs and generate_many, before it is sent
            try:
                self.client.check_request(build_job_request(job.kwargs))
            except InvalidRequestError as exc:
                problems.append(f"line {job.line} (job {job.key!r}): {for_the_command_line(exc)}")
        if problems:
            raise JobsFileError("JOBS", problems)

    def _submission(self, job: JobRow) -> dict[str, Any]:
        kwargs = dict(job.kwargs)
        attempt = self._attempts.get(job.key, 1)
        if not job.is_avatar_iv or self._backend.avatar_iv_callback_id:
            kwargs.setdefault("callback_id", callback_id_for(self.journal.run_id, job.key, attempt))
        if job.key in self._keys:
            kwargs["idempotency_key"] = self._keys[job.key]
        return {"key": job.key, **kwargs}

    async def _generate(self, work: list[dict[str, Any]], group: TaskGroup) -> None:
        results = self.client.generate_many(
            work,
            max_concurrent_jobs=self.options.concurrency,
            poll=self.options.poll,
            on_event=self._on_event,
        )
        async with contextlib.aclosing(results):
            async for result in results:
                self._on_result(result, group)

    def _on_event(self, event: JobEvent) -> None:
        """Journal each step as it happens (called synchronously by generate_many)."""
        key = str(event.key)
        if isinstance(event, JobSubmitting):
            job = self._by_key[key]
            callback_id = event.callback_id or ""
            # Durable before the billed request goes out; if this raises, the job is
            # not sent at all.
            self.journal.record_intent(
                key, job.fingerprint, callback_id, self._attempts.get(key, 1), event.idempotency_key
            )
            self.progress.set_state(key, SUBMITTING)
        elif isinstance(event, JobSending):
            self._sending(event)
        elif isinstance(event, JobSubmitted):
            self.journal.record_submitted(key, event.video_id, event.kind)
            self._answered(key)
            self.progress.set_state(key, JUST_SUBMITTED)
        elif isinstance(event, JobStatusChanged):
            state = str(event.status.status.value)
            if state in (COMPLETED, FAILED):
                # The render's end, not the job's: its result (and download) follow.
                state = RENDERED
            self.progress.set_state(key, state)
        elif isinstance(event, JobCompleted):
            url = None if event.kind == VIDEO else getattr(event.status, "video_url", None)
            self.journal.record_completed(key, event.video_id, url)

    def _on_result(self, result: JobResult, group: TaskGroup) -> None:
        key = str(result.key)
        job = self._by_key[key]
        self._answered(key)
        if result.error is None and result.kind != VIDEO:
            # A translation: its URL is journaled (JobCompleted); nothing to download.
            self.progress.finished(key, "completed", getattr(result.status, "video_url", None))
            return
        if result.error is None and result.video_id is not None:
            if self.options.download:
                group.start_soon(self._download, job, result.video_id)
            else:
                self.progress.finished(key, "completed", result.video_id)
            return
        error = result.error or HeyGenError("unknown error")
        message = error_text(error, self.client)
        entry = self.journal.get(key)
        if isinstance(error.__cause__, _HeldBack) and key not in self.sent_here:
            # Held back by a stop: never sent, so it stays ``intent`` for the next run.
            self.progress.finished(key, "unfinished", message)
            return
        if isinstance(error, JobFailedError):
            self.journal.record_failed(key, message, result.job_id)
            self.progress.finished(key, "failed", message)
        elif result.job_id is not None:
            # A wait that timed out or gave up: the video lives on; a rerun resumes it.
            if isinstance(error, WaitTimeoutError):
                self._timed_out.add(key)
            self.journal.record_note(key, message)
            self.progress.finished(key, "unfinished", message)
        elif entry is not None and entry.state == SENDING:
            if may_have_created(error):
                # HeyGen may have created it: the next run settles it before anything
                # (resending its idempotency key, or looking it up by callback_id).
                self.journal.record_note(key, message)
                self.progress.finished(key, "unsettled", message)
            else:
                self.journal.record_rejected(key, message)
                self.progress.finished(key, "rejected", message)
        elif entry is not None and entry.state == INTENT:
            # Refused before it went on the wire: nothing was created.
            self.journal.record_rejected(key, message)
            self.progress.finished(key, "rejected", message)
        else:
            self._unjournaled[key] = message
            self.progress.finished(key, "rejected", message)

    async def _download(self, job: JobRow, video_id: str) -> None:
        async with self._downloads:
            self.progress.set_state(job.key, DOWNLOADING)
            try:
                # A server id that is not a safe file name (``../../x``) fails this
                # job only, never the run.
                target = self.options.out_dir / file_name_for(job.key, video_id)
                path = await self.client.download_video(
                    video_id,
                    target,
                    on_progress=lambda moved: self.progress.transfer(job.key, moved),
                )
            except (HeyGenError, OSError) as exc:
                message = error_text(exc, self.client)
                if isinstance(exc, OSError) and not isinstance(exc, HeyGenError):
                    message = f"cannot write the video: {message}"
                self.journal.record_download_error(job.key, message)
                self.progress.finished(job.key, "download_failed", message)
                return
            self.journal.record_downloaded(job.key, str(path))
            self.progress.finished(job.key, "completed", str(path))

    # -- results -------------------------------------------------------------------

    def outcomes(self) -> list[JobOutcome]:
        """Every job of the JOBS file, in file order, as it stands in the journal."""
        entries = self.journal.entries()
        return [self._outcome(job, entries.get(job.key)) for job in self.jobs]

    def _outcome(self, job: JobRow, entry: JournalEntry | None) -> JobOutcome:
        if entry is None:
            error = self._unjournaled.get(job.key)
            return JobOutcome(job.key, None, "rejected" if error else "unfinished", None, error)
        status = {
            DOWNLOADED: "completed",
            COMPLETED: "completed" if not self.options.download else "download_failed",
            FAILED: "failed",
            REJECTED: "rejected",
            UNSETTLED: "unsettled",
            SENDING: "unsettled",
            INTENT: "unfinished",  # never sent: the next run sends it
            SUBMITTED: "unfinished",
        }.get(entry.state, entry.state)
        if entry.job_kind != VIDEO:
            # Never downloaded: a finished translation's URL is its result.
            status = "completed" if entry.state == COMPLETED else status
            error = None if status == "completed" else entry.error
            return JobOutcome(
                job.key, None, status, None, error, entry.job_kind, entry.video_id, entry.url
            )
        if entry.state == COMPLETED and self.options.download and not entry.error:
            status = "unfinished"  # interrupted before its download began
        path = entry.path if entry.state == DOWNLOADED else None
        error = None if status == "completed" else entry.error
        return JobOutcome(job.key, entry.video_id, status, path, error)

    def only_timeouts_left(self, outcomes: Iterable[JobOutcome]) -> bool:
        """True when every unfinished job is a wait that hit its deadline."""
        left = [o for o in outcomes if o.status != "completed"]
        return bool(left) and all(o.key in self._timed_out for o in left)


def _resumed(job: JobRow, job_id: str, kind: str | None) -> dict[str, Any]:
    """``generate_many``'s job that waits again for a submitted one, as its kind
    (None: a video)."""
    if kind is None or kind == VIDEO:
        return {"key": job.key, "video_id": job_id}
    return {"key": job.key, "kind": kind, "job_id": job_id}


def write_results(path: Path, outcomes: Iterable[JobOutcome]) -> None:
    """Write ``results.csv`` atomically (a reader never sees half a file)."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=RESULT_COLUMNS)
        writer.writeheader()
        for outcome in outcomes:
            writer.writerow(outcome.as_row())
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


__all__ = [
    "KEY_RESEND_WINDOW",
    "RESULT_COLUMNS",
    "BulkOptions",
    "BulkRunner",
    "JobOutcome",
    "callback_id_for",
    "capabilities_of",
    "error_text",
    "file_name_for",
    "fresh_idempotency_key",
    "write_results",
]
