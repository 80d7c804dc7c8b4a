"""The bulk run's journal: what was asked of HeyGen, so a rerun never pays twice.

Why SQLite (stdlib ``sqlite3``) rather than an fsync'd JSONL log: every state
change is one small transaction, atomic and durable on return (WAL with
``synchronous=FULL``), so a SIGKILL at any instant leaves either the old or the
new row, never a torn line to repair; a job's current state is one indexed
lookup instead of a replay; and the file can be inspected with any SQLite tool
(``sqlite3 out/journal.sqlite 'select key, state, video_id from jobs'``).

A job moves through these states (one row per job key)::

    intent ──► submitted ──► completed ──► downloaded
      │  │          │
      │  │          └────► failed           (HeyGen failed the render)
      │  └─► rejected                       (refused before a video existed: free to retry)
      └────► unsettled                      (crash window, video not found: never resubmitted
                                             unless asked)

``intent`` is written, and synced, BEFORE the billed generation request, with the
request's ``callback_id`` and (v3) its ``idempotency_key``; ``submitted`` with the
``video_id`` right after the answer. A job left in ``intent`` is the crash window:
the request may or may not have created a video. ``first_sent_at`` is when the
job's current idempotency key was first journaled (HeyGen replays a key for
24 h): intents that resend the same key keep it, a new key resets it.

Schema version 2 added ``idempotency_key`` and ``first_sent_at``; a version 1
journal is migrated in place when opened (its rows get NULL there: they were
sent without a key).

::

    journal = Journal.open(Path("out/journal.sqlite"))
    journal.record_intent("intro", fingerprint, callback_id, 1, idempotency_key)
    journal.record_submitted("intro", video_id)
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ._exit import UsageError

SCHEMA_VERSION = "2"
# Older versions this code migrates in place on open.
_MIGRATABLE = ("1",)
# Columns added since version 1: name -> SQL type.
_ADDED_COLUMNS = {"idempotency_key": "TEXT", "first_sent_at": "REAL"}

INTENT = "intent"
SUBMITTED = "submitted"
COMPLETED = "completed"
DOWNLOADED = "downloaded"
FAILED = "failed"
REJECTED = "rejected"
UNSETTLED = "unsettled"
STATES = (INTENT, SUBMITTED, COMPLETED, DOWNLOADED, FAILED, REJECTED, UNSETTLED)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 1,
    callback_id TEXT,
    video_id TEXT,
    path TEXT,
    error TEXT,
    intent_at REAL,
    updated_at REAL NOT NULL,
    idempotency_key TEXT,
    first_sent_at REAL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
"""


@dataclass(frozen=True)
class JournalEntry:
    """One job's row."""

    key: str
    fingerprint: str
    state: str
    attempt: int
    callback_id: str | None
    video_id: str | None
    path: str | None
    error: str | None
    intent_at: float | None
    idempotency_key: str | None = None
    """The key the last intent was sent with (v3), None on key-less APIs."""
    first_sent_at: float | None = None
    """When ``idempotency_key`` was first journaled (Unix seconds)."""


_COLUMNS = (
    "key, fingerprint, state, attempt, callback_id, video_id, path, error, intent_at, "
    "idempotency_key, first_sent_at"
)


class Journal:
    """A SQLite journal of one bulk run (use ``Journal.open``)."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, now: Callable[[], float] = time.time
    ) -> None:
        self._db = connection
        self.path = path
        self.now = now
        """The clock of every timestamp (Unix seconds); tests inject their own."""

    @classmethod
    def open(cls, path: Path, *, now: Callable[[], float] = time.time) -> Journal:
        """Open (or create, or migrate) the journal at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: every statement commits on its own, durably.
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"{path}: not a usable journal ({exc})") from None
        journal = cls(db, path, now)
        version = journal._meta("schema_version")
        if version is None:
            journal._set_meta("schema_version", SCHEMA_VERSION)
            # A random run id makes callback_ids unique to this journal, so finding
            # a crashed job's video never picks up another run's video.
            journal._set_meta("run_id", secrets.token_hex(4))
        elif version in _MIGRATABLE:
            journal._migrate()
        elif version != SCHEMA_VERSION:
            raise UsageError(
                f"{path}: journal version {version} is not supported (this heygen-async "
                f"writes version {SCHEMA_VERSION}; upgrade it, or use another --journal)"
            )
        return journal

    def _migrate(self) -> None:
        """Bring an older journal to this schema (one transaction: all or nothing)."""
        present = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for name, sql_type in _ADDED_COLUMNS.items():
                if name not in present:
                    self._db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {sql_type}")
            self._set_meta("schema_version", SCHEMA_VERSION)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    @property
    def run_id(self) -> str:
        value = self._meta("run_id")
        assert value is not None  # written by open()
        return value

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))

    # -- reading -------------------------------------------------------------------

    def get(self, key: str) -> JournalEntry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE key = ?", (key,)).fetchone()
        return None if row is None else JournalEntry(*row)

    def entries(self) -> dict[str, JournalEntry]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM jobs").fetchall()
        return {row[0]: JournalEntry(*row) for row in rows}

    def known_video_ids(self) -> set[str]:
        rows = self._db.execute("SELECT video_id FROM jobs WHERE video_id IS NOT NULL")
        return {str(row[0]) for row in rows}

    # -- writing (each call is one durable transaction) ----------------------------

    def record_intent(
        self,
        key: str,
        fingerprint: str,
        callback_id: str,
        attempt: int,
        idempotency_key: str | None = None,
    ) -> None:
        """Before the generation request: the job is about to be sent with
        ``callback_id`` (and ``idempotency_key``). Resending the key the row already
        holds keeps its ``first_sent_at``; any other key starts it afresh."""
        now = self.now()
        self._db.execute(
            "INSERT INTO jobs (key, fingerprint, state, attempt, callback_id, video_id, path, "
            "error, intent_at, updated_at, idempotency_key, first_sent_at) "
            "VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "state = excluded.state, attempt = excluded.attempt, "
            "callback_id = excluded.callback_id, video_id = NULL, path = NULL, error = NULL, "
            "intent_at = excluded.intent_at, updated_at = excluded.updated_at, "
            "first_sent_at = CASE WHEN excluded.idempotency_key IS NOT NULL "
            "AND jobs.idempotency_key IS excluded.idempotency_key "
            "THEN COALESCE(jobs.first_sent_at, excluded.first_sent_at) "
            "ELSE excluded.first_sent_at END, "
            "idempotency_key = excluded.idempotency_key",
            (key, fingerprint, INTENT, attempt, callback_id, now, now, idempotency_key, now),
        )

    def record_submitted(self, key: str, video_id: str) -> None:
        """Right after the answer: the video exists under ``video_id``."""
        self._update(key, state=SUBMITTED, video_id=video_id, error=None)

    def record_completed(self, key: str, video_id: str) -> None:
        self._update(key, state=COMPLETED, video_id=video_id, error=None)

    def record_downloaded(self, key: str, path: str) -> None:
        self._update(key, state=DOWNLOADED, path=path, error=None)

    def record_download_error(self, key: str, error: str) -> None:
        """The render is done but the file is not: the state stays ``completed``."""
        self._update(key, error=error)

    def record_failed(self, key: str, error: str, video_id: str | None = None) -> None:
        if video_id is None:
            self._update(key, state=FAILED, error=error)
        else:
            self._update(key, state=FAILED, error=error, video_id=video_id)

    def record_rejected(self, key: str, error: str) -> None:
        """The request was refused before any video existed: resubmitting is free."""
        self._update(key, state=REJECTED, error=error)

    def record_unsettled(self, key: str, error: str) -> None:
        self._update(key, state=UNSETTLED, error=error)

    def record_note(self, key: str, error: str) -> None:
        """Keep the state, remember why the job is not finished (a wait that timed out)."""
        self._update(key, error=error)

    def _update(self, key: str, **fields: str | None) -> None:
        columns = ", ".join(f"{name} = ?" for name in fields)
        values = [*fields.values(), self.now(), key]
        self._db.execute(f"UPDATE jobs SET {columns}, updated_at = ? WHERE key = ?", values)


__all__ = [
    "COMPLETED",
    "DOWNLOADED",
    "FAILED",
    "INTENT",
    "REJECTED",
    "STATES",
    "SUBMITTED",
    "UNSETTLED",
    "Journal",
    "JournalEntry",
]
