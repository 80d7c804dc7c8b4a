"""The bulk run's journal: what was asked of HeyGen, so a rerun never pays twice.

Why SQLite (stdlib ``sqlite3``) rather than an fsync'd JSONL log: every state
change is one small transaction, atomic and durable on return (WAL with
``synchronous=FULL``), so a SIGKILL at any instant leaves either the old or the
new row, never a torn line to repair; a job's current state is one indexed
lookup instead of a replay; and the file can be inspected with any SQLite tool
(``sqlite3 out/journal.sqlite 'select key, state, video_id from jobs'``).

A job moves through these states (one row per job key)::

    intent ──► sending ──► submitted ──► completed ──► downloaded
      │           │  │          │
      │           │  │          └────► failed       (HeyGen failed the render)
      └───────────┴──│─► rejected                   (refused before a video existed)
                     └─► unsettled                  (crash window, video not found: never
                                                     resubmitted unless asked)

``intent`` is written when the SDK is about to submit a job, with the request's
``callback_id`` and (v3) its ``idempotency_key``; the job may still wait there for
a request slot, and a job left in ``intent`` was **never sent**: a rerun simply
sends it. ``sending`` is written, and synced, at the last moment before the billed
request goes on the wire (an httpx request hook, see ``_bulk_runner``); ``submitted``
with the ``video_id`` right after the answer. A job left in ``sending`` is the
crash window: the request may or may not have created a video. ``first_sent_at``
is when the job's current idempotency key first went on the wire (HeyGen replays
a key for 24 h): sends of the same key keep it, a new key resets it. An intent
that resends the key of a ``sending`` (or ``unsettled``) row keeps that state: it
was sent before.

Schema version 2 added ``idempotency_key`` and ``first_sent_at``; version 3 the
``sending`` state (in versions 1 and 2 ``intent`` meant "maybe sent"); version 4
``kind`` (what the job made: NULL or ``video`` for a video, ``video_translation``
for a translation, whose id ``video_id`` then holds, so that a rerun waits for it
as a translation) and ``url`` (a finished translation's download link). Older
journals are migrated in place when opened: their ``intent`` rows (versions 1
and 2) become ``sending``, which is what they meant, and their jobs are videos.

``Journal.open`` refuses a file that is not a journal of ours (empty, damaged,
another program's database) rather than starting afresh over it, and
``JournalLock`` keeps a second run off the same journal or folder.

::

    journal = Journal.open(Path("out/journal.sqlite"))
    journal.record_intent("intro", fingerprint, callback_id, 1, idempotency_key)
    journal.record_submitted("intro", video_id)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ._exit import UsageError

SCHEMA_VERSION = "4"
# Older versions this code migrates in place on open.
_MIGRATABLE = ("1", "2", "3")
# Versions in which "intent" meant "the request may have gone out".
_INTENT_MEANT_SENDING = ("1", "2")
_SQLITE_MAGIC = b"SQLite format 3\x00"
# Columns added since version 1: name -> SQL type.
_ADDED_COLUMNS = {
    "idempotency_key": "TEXT",
    "first_sent_at": "REAL",
    "kind": "TEXT",
    "url": "TEXT",
}
VIDEO = "video"

INTENT = "intent"
SENDING = "sending"
SUBMITTED = "submitted"
COMPLETED = "completed"
DOWNLOADED = "downloaded"
FAILED = "failed"
REJECTED = "rejected"
UNSETTLED = "unsettled"
STATES = (INTENT, SENDING, SUBMITTED, COMPLETED, DOWNLOADED, FAILED, REJECTED, UNSETTLED)

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
    first_sent_at REAL,
    kind TEXT,
    url TEXT
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
    kind: str | None = None
    """What the job made (``JobResult.kind``): None (an older journal) or ``video``
    for a video, ``video_translation`` for a translation (``video_id`` is then the
    translation's id)."""
    url: str | None = None
    """A finished translation's download link, as HeyGen gave it (it expires)."""

    @property
    def job_kind(self) -> str:
        """``kind``, a video when the journal did not record one."""
        return self.kind or VIDEO


_COLUMNS = (
    "key, fingerprint, state, attempt, callback_id, video_id, path, error, intent_at, "
    "idempotency_key, first_sent_at, kind, url"
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
        """Open (or create, or migrate) the journal at ``path``.

        A new journal is built under a temporary name and renamed into place, so a
        file at ``path`` is always a complete journal; anything else found there
        (an empty file, a damaged one, another database) is refused with
        ``UsageError``, never taken for a new journal: that would send every job
        again.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        else:
            _check_file(path)
        try:
            # isolation_level=None: every statement commits on its own, durably.
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            journal = cls(db, path, now)
            journal._check_contents()
        except sqlite3.DatabaseError as exc:
            raise damaged(path, " ".join(str(exc).split())) from None
        version = journal._meta("schema_version")
        if version in _MIGRATABLE:
            journal._migrate(version)
        elif version != SCHEMA_VERSION:
            db.close()
            raise UsageError(
                f"{path}: journal version {version} is not supported (this heygen-async "
                f"writes version {SCHEMA_VERSION}; upgrade it, or use another --journal)"
            )
        return journal

    @classmethod
    def in_memory(cls, path: Path) -> Journal:
        """An empty journal that is never written to disk (``bulk --dry-run`` plans
        against it when ``path`` does not exist yet)."""
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.executescript(_SCHEMA)
        db.execute(
            "INSERT INTO meta (name, value) VALUES ('schema_version', ?), ('run_id', ?)",
            (SCHEMA_VERSION, "dryrun00"),
        )
        return cls(db, path)

    def _check_contents(self) -> None:
        """Raise ``UsageError`` unless the database is intact and one of our journals."""
        check = self._db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise damaged(self.path, "its integrity check failed")
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if not {"meta", "jobs"} <= tables:
            raise damaged(self.path, "it has no journal tables")
        if self._meta("schema_version") is None or self._meta("run_id") is None:
            raise damaged(self.path, "its version or run id is missing")

    def _migrate(self, version: str) -> None:
        """Bring an older journal to this schema (one transaction: all or nothing)."""
        present = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for name, sql_type in _ADDED_COLUMNS.items():
                if name not in present:
                    self._db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {sql_type}")
            if version in _INTENT_MEANT_SENDING:
                self._db.execute("UPDATE jobs SET state = ? WHERE state = ?", (SENDING, INTENT))
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
        """The SDK is about to submit the job with ``callback_id`` (and
        ``idempotency_key``); nothing is on the wire yet (``record_sending`` says
        when it is). Resending the key of a ``sending`` or ``unsettled`` row keeps
        the row in the crash window, with its ``first_sent_at``; any other intent
        starts afresh as never sent."""
        now = self.now()
        same_key = (
            "excluded.idempotency_key IS NOT NULL "
            "AND jobs.idempotency_key IS excluded.idempotency_key"
        )
        self._db.execute(
            "INSERT INTO jobs (key, fingerprint, state, attempt, callback_id, video_id, path, "
            "error, intent_at, updated_at, idempotency_key, first_sent_at) "
            "VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, NULL) "
            "ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, "
            f"state = CASE WHEN {same_key} AND jobs.state IN (?, ?) THEN ? ELSE ? END, "
            "attempt = excluded.attempt, "
            "callback_id = excluded.callback_id, video_id = NULL, path = NULL, error = NULL, "
            "kind = NULL, url = NULL, "
            "intent_at = excluded.intent_at, updated_at = excluded.updated_at, "
            f"first_sent_at = CASE WHEN {same_key} THEN jobs.first_sent_at ELSE NULL END, "
            "idempotency_key = excluded.idempotency_key",
            (
                key, fingerprint, INTENT, attempt, callback_id, now, now, idempotency_key,
                SENDING, UNSETTLED, SENDING, INTENT,
            ),
        )  # fmt: skip

    def record_sending(self, key: str) -> None:
        """At the last moment before the billed request goes on the wire (each
        attempt): from here on the job may have created a video."""
        now = self.now()
        self._db.execute(
            "UPDATE jobs SET state = CASE WHEN state = ? THEN ? ELSE state END, "
            "first_sent_at = COALESCE(first_sent_at, ?), updated_at = ? WHERE key = ?",
            (INTENT, SENDING, now, now, key),
        )

    def record_submitted(self, key: str, video_id: str, kind: str = VIDEO) -> None:
        """Right after the answer: the job exists under ``video_id`` (a video's id, or
        for another ``kind`` that job's: a translation's)."""
        self._update(key, state=SUBMITTED, video_id=video_id, error=None, kind=kind)

    def record_completed(self, key: str, video_id: str, url: str | None = None) -> None:
        """The job finished; ``url`` is a finished translation's download link."""
        if url is None:
            self._update(key, state=COMPLETED, video_id=video_id, error=None)
        else:
            self._update(key, state=COMPLETED, video_id=video_id, error=None, url=url)

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


def damaged(path: Path, why: str) -> UsageError:
    """The refusal of a journal file that is not one of ours, with the way out."""
    return UsageError(
        f"{path}: not a usable heygen-async journal ({why}); nothing was sent. "
        "It is never replaced by a new journal, since that would send every job "
        f"again: move it aside (mv {path} {path}.damaged) and check the results "
        "and HeyGen's dashboard before rerunning, or pass --journal with another file"
    )


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that cannot be one of our journals."""
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the journal: {exc.strerror or exc}") from None
    if not head:
        raise damaged(path, "the file is empty")
    if head != _SQLITE_MAGIC:
        raise damaged(path, "not an SQLite database")


def _create(path: Path) -> None:
    """A new, complete journal at ``path``: built aside, then renamed into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT INTO meta (name, value) VALUES ('schema_version', ?), ('run_id', ?)",
                # A random run id makes callback_ids unique to this journal, so finding
                # a crashed job's video never picks up another run's video.
                (SCHEMA_VERSION, secrets.token_hex(4)),
            )
        finally:
            db.close()  # checkpoints the WAL into the file
        with temporary.open("rb+") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
        _fsync_directory(path.parent)
    except sqlite3.Error as exc:
        raise UsageError(f"{path}: cannot create the journal ({exc})") from None
    finally:
        temporary.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the platform allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class JournalLock:
    """An exclusive ``flock`` on a lock file, held for a whole bulk run.

    A second run on the same journal or output folder (a double-click, two
    terminals) fails at once with ``UsageError`` instead of sending the same jobs
    again. The lock goes with the process, however it ends (a SIGKILL too); the
    file stays, holding the last owner's pid for the message.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        self._fd: int | None = None

    def acquire(self) -> JournalLock:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; runs are not guarded there
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot create the lock file {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (pid {owner})" if owner.isdigit() else ""
            raise UsageError(
                f"another heygen-async bulk run{who} is using {self.what}; nothing was "
                "sent. Wait for it to finish (or stop it), then run this again"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


__all__ = [
    "COMPLETED",
    "DOWNLOADED",
    "FAILED",
    "INTENT",
    "REJECTED",
    "SENDING",
    "STATES",
    "SUBMITTED",
    "UNSETTLED",
    "Journal",
    "JournalEntry",
    "JournalLock",
    "damaged",
]
