"""The fake's non-video jobs: translations, lipsyncs, AI clips, background removals,
voice clones, proofreads (heygen-v3.md 10: "job-like resources share one life cycle").

Like a video, a job's whole future is fixed at its create: it is ``pending``
until ``running_at``, ``running`` until ``finished_at``, then ``completed``
or ``failed`` (a ``[fail]`` marker in its user text, as for videos). Each
kind's own status words are the dialect's business. Deleting hides a job.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Literal

JobState = Literal["pending", "running", "completed", "failed"]

#: The kinds of job the fake keeps (wire names of HeyGen's v3 groups).
JobKind = Literal[
    "video_translation",
    "lipsync",
    "ai_clip",
    "background_removal",
    "voice_clone",
    "proofread",
]

#: Kinds whose jobs in progress count toward the account's concurrent-job limit
#: ("Video Agent sessions, avatar renders, translations in progress", heygen-v3.md 2.4).
LIMITED_KINDS: frozenset[str] = frozenset({"video_translation"})


@dataclass(slots=True)
class FakeJob:
    """One job, its timeline in fake seconds, and the fields its reads show."""

    job_id: str
    kind: JobKind
    sequence: int
    submitted_at: float
    running_at: float
    finished_at: float
    error: dict[str, Any] | None
    #: What the create asked for (echoed by the reads), and fields set later
    #: (``title`` by an update, ``output_language`` per translation).
    fields: dict[str, Any] = field(default_factory=dict)
    batch_id: str | None = None
    item_index: int | None = None
    deleted: bool = False

    def status_at(self, now: float) -> JobState:
        if now < self.running_at:
            return "pending"
        if now < self.finished_at:
            return "running"
        return "failed" if self.error is not None else "completed"


class JobStore:
    """Every job of one account, by id and in creation order."""

    def __init__(self, seed: int) -> None:
        self._ids = random.Random(f"{seed}:job-ids")
        self._jobs: dict[str, FakeJob] = {}
        self._ordered: list[FakeJob] = []

    def new_id(self) -> str:
        while True:
            job_id = f"{self._ids.getrandbits(128):032x}"
            if job_id not in self._jobs:
                return job_id

    def add(
        self,
        kind: JobKind,
        *,
        now: float,
        pending: float,
        seconds: float,
        error: dict[str, Any] | None,
        fields: dict[str, Any],
    ) -> FakeJob:
        job = FakeJob(
            job_id=self.new_id(),
            kind=kind,
            sequence=len(self._ordered),
            submitted_at=now,
            running_at=now + min(pending, seconds),
            finished_at=now + seconds,
            error=error,
            fields=fields,
        )
        self._jobs[job.job_id] = job
        self._ordered.append(job)
        return job

    def get(self, job_id: str, kind: JobKind | None = None) -> FakeJob | None:
        """A job that is not deleted (and is of ``kind`` when given)."""
        job = self._jobs.get(job_id)
        if job is None or job.deleted or (kind is not None and job.kind != kind):
            return None
        return job

    def of_kind(self, kind: JobKind) -> list[FakeJob]:
        """The kind's jobs that are not deleted, oldest first."""
        return [job for job in self._ordered if job.kind == kind and not job.deleted]

    def unfinished_until(self, now: float, kinds: frozenset[str]) -> list[float]:
        """When each unfinished job of ``kinds`` ends (a scan: the fake holds a
        test's worth of jobs, and only limited creates ask)."""
        return [
            job.finished_at
            for job in self._ordered
            if job.kind in kinds and not job.deleted and job.finished_at > now
        ]
