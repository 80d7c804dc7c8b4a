"""The bulk journal: idempotency keys, first-send times, migrating old journals,
refusing damaged ones, and one run at a time."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from heygen_async.cli._exit import UsageError
from heygen_async.cli._journal import (
    INTENT,
    SCHEMA_VERSION,
    SENDING,
    SUBMITTED,
    Journal,
    JournalLock,
)

# The schema heygen-async wrote before idempotency keys (journal version 1).
V1_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE jobs (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 1,
    callback_id TEXT,
    video_id TEXT,
    path TEXT,
    error TEXT,
    intent_at REAL,
    updated_at REAL NOT NULL
);
CREATE INDEX jobs_state ON jobs (state);
INSERT INTO meta VALUES ('schema_version', '1'), ('run_id', 'abcd1234');
INSERT INTO jobs VALUES ('a', 'fp', 'intent', 1, 'hga-abcd1234-a-1', NULL, NULL, NULL, 5.0, 5.0);
INSERT INTO jobs VALUES ('b', 'fp', 'submitted', 1, 'cb', 'vid-b', NULL, NULL, 5.0, 6.0);
"""


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_version_1_journal_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()

    journal = Journal.open(path)
    a, b = journal.get("a"), journal.get("b")
    # Before version 3 "intent" meant "maybe sent": it is the crash window now.
    assert a is not None and a.state == SENDING and a.callback_id == "hga-abcd1234-a-1"
    assert a.idempotency_key is None and a.first_sent_at is None  # sent without a key
    assert b is not None and b.state == SUBMITTED and b.video_id == "vid-b"
    assert journal.run_id == "abcd1234"  # callback_ids of the old run stay valid
    journal.record_intent("c", "fp", "cb-c", 1, "key-c")
    journal.close()

    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(jobs)")}
    assert {"idempotency_key", "first_sent_at"} <= columns
    reopened = Journal.open(path)  # opening a migrated journal again changes nothing
    assert reopened._meta("schema_version") == SCHEMA_VERSION
    entry = reopened.get("c")
    assert entry is not None and entry.idempotency_key == "key-c"
    reopened.close()


def test_a_newer_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    Journal.open(path)._set_meta("schema_version", "99")
    with pytest.raises(UsageError, match="version 99"):
        Journal.open(path)


def test_first_send_time_survives_resends_of_the_same_key(tmp_path: Path) -> None:
    clock = Clock()
    journal = Journal.open(tmp_path / "j.sqlite", now=clock)
    journal.record_intent("a", "fp", "cb", 1, "key-1")
    entry = journal.get("a")
    # Announced, still waiting for a request slot: known as never sent.
    assert entry is not None and entry.state == INTENT and entry.first_sent_at is None
    clock.now += 5
    journal.record_sending("a")
    first = clock.now
    entry = journal.get("a")
    assert entry is not None and entry.state == SENDING and entry.first_sent_at == first

    clock.now += 3600  # a rerun resends the same key an hour later
    journal.record_intent("a", "fp", "cb", 1, "key-1")
    entry = journal.get("a")
    assert entry is not None
    assert entry.state == SENDING  # it was sent before: still the crash window
    assert entry.first_sent_at == first  # the key's age counts from its first send
    assert entry.intent_at == clock.now
    journal.record_sending("a")
    assert journal.get("a").first_sent_at == first  # type: ignore[union-attr]

    clock.now += 60  # a new attempt, a new key: never sent, no first-send time yet
    journal.record_intent("a", "fp", "cb-2", 2, "key-2")
    entry = journal.get("a")
    assert entry is not None and entry.state == INTENT and entry.first_sent_at is None
    assert entry.idempotency_key == "key-2" and entry.attempt == 2

    clock.now += 60  # key-less (v2) intents carry no key
    journal.record_intent("a", "fp", "cb-3", 3)
    entry = journal.get("a")
    assert entry is not None and entry.idempotency_key is None and entry.state == INTENT
    journal.close()


def test_a_version_2_intent_is_migrated_to_the_crash_window(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("ALTER TABLE jobs ADD COLUMN idempotency_key TEXT")
    db.execute("ALTER TABLE jobs ADD COLUMN first_sent_at REAL")
    db.execute("UPDATE meta SET value = '2' WHERE name = 'schema_version'")
    db.commit()
    db.close()
    journal = Journal.open(path)
    assert journal.get("a").state == SENDING  # type: ignore[union-attr]
    assert journal._meta("schema_version") == SCHEMA_VERSION
    journal.close()


@pytest.mark.parametrize(
    "damage",
    ["emptied", "garbled page", "text", "another database"],
)
def test_a_damaged_journal_is_refused_never_taken_for_a_new_one(
    tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "journal.sqlite"
    journal = Journal.open(path)
    for n in range(40):  # a few pages of rows
        journal.record_intent(f"job-{n}", "fp" * 200, f"cb-{n}", 1, f"key-{n}")
    journal.close()
    if damage == "emptied":
        path.write_bytes(b"")
    elif damage == "garbled page":
        data = bytearray(path.read_bytes())
        assert len(data) > 3 * 4096
        data[4096 + 100 : 3 * 4096] = b"\xa5" * (2 * 4096 - 100)
        path.write_bytes(bytes(data))
    elif damage == "text":
        path.write_text("key,video_id\n")
    else:
        path.unlink()
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE things (x)")
        other.commit()
        other.close()
    size = path.stat().st_size
    with pytest.raises(UsageError, match=r"not a usable heygen-async journal.*move it aside"):
        Journal.open(path)
    assert path.stat().st_size == size  # left as it was found


def test_a_new_journal_appears_complete_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "journal.sqlite"
    journal = Journal.open(path)
    assert journal._meta("schema_version") == SCHEMA_VERSION and len(journal.run_id) == 8
    journal.close()
    assert sorted(
        p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))
    ) == ["journal.sqlite"]


def test_a_second_lock_on_the_same_file_is_refused(tmp_path: Path) -> None:
    first = JournalLock(tmp_path / "journal.sqlite.lock", "the journal x").acquire()
    with pytest.raises(UsageError, match=rf"another heygen-async bulk run \(pid {os.getpid()}\)"):
        JournalLock(tmp_path / "journal.sqlite.lock", "the journal x").acquire()
    first.release()
    JournalLock(tmp_path / "journal.sqlite.lock", "the journal x").acquire().release()


def test_a_version_3_journal_gains_kind_and_url_and_keeps_its_states(tmp_path: Path) -> None:
    """Version 4 journals each job's kind (a translation's id resumes as a
    translation) and a translation's URL; a version 3 journal keeps its ``intent``
    rows (they meant "never sent" there) and its jobs stay videos."""
    path = tmp_path / "journal.sqlite"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("ALTER TABLE jobs ADD COLUMN idempotency_key TEXT")
    db.execute("ALTER TABLE jobs ADD COLUMN first_sent_at REAL")
    db.execute("UPDATE meta SET value = '3' WHERE name = 'schema_version'")
    db.commit()
    db.close()
    journal = Journal.open(path)
    assert journal._meta("schema_version") == SCHEMA_VERSION == "4"
    a, b = journal.get("a"), journal.get("b")
    assert a is not None and a.state == INTENT  # not taken for the crash window
    assert b is not None and (b.kind, b.job_kind, b.video_id) == (None, "video", "vid-b")
    journal.record_intent("t", "fp", "cb-t", 1, "key-t")
    journal.record_submitted("t", "tr-1", "video_translation")
    journal.record_completed("t", "tr-1", "https://media.example/tr-1.mp4")
    journal.close()
    reopened = Journal.open(path)
    t = reopened.get("t")
    assert t is not None and (t.state, t.job_kind, t.video_id, t.url) == (
        "completed",
        "video_translation",
        "tr-1",
        "https://media.example/tr-1.mp4",
    )
    reopened.record_intent("t", "fp", "cb-t2", 2, "key-t2")  # a new attempt starts afresh
    again = reopened.get("t")
    assert again is not None and again.kind is None and again.url is None
    reopened.close()
