"""The bulk journal: idempotency keys, first-send times, and migrating old journals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from heygen_async.cli._exit import UsageError
from heygen_async.cli._journal import INTENT, SCHEMA_VERSION, SUBMITTED, Journal

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
    assert a is not None and a.state == INTENT and a.callback_id == "hga-abcd1234-a-1"
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
    first = clock.now
    entry = journal.get("a")
    assert entry is not None and entry.first_sent_at == first and entry.intent_at == first

    clock.now += 3600  # a rerun resends the same key an hour later
    journal.record_intent("a", "fp", "cb", 1, "key-1")
    entry = journal.get("a")
    assert entry is not None
    assert entry.first_sent_at == first  # the key's age counts from its first send
    assert entry.intent_at == clock.now

    clock.now += 60  # a new attempt, a new key: a new first-send time
    journal.record_intent("a", "fp", "cb-2", 2, "key-2")
    entry = journal.get("a")
    assert entry is not None and entry.first_sent_at == clock.now
    assert entry.idempotency_key == "key-2" and entry.attempt == 2

    clock.now += 60  # key-less (v2) intents carry no key
    journal.record_intent("a", "fp", "cb-3", 3)
    entry = journal.get("a")
    assert entry is not None and entry.idempotency_key is None
    journal.close()
