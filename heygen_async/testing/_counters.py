"""What the fake saw, for tests to assert on (``fake.counters``)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


def canonical_json(body: Any) -> str:
    """The key under which ``Counters.generations_by_body`` counts a request body."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass
class Counters:
    """Counts of what reached the fake. Plain ``collections.Counter`` objects.

    - ``requests``: every request that reached the app, by endpoint name
      (``"generate"``, ``"status"``, ..., ``"download"``, ``"other"``); faults
      included, ``drop_before`` excluded (that request never arrived).
    - ``generation_requests``: generation POSTs (``generate`` + ``av4``) the
      fake processed, accepted or rejected (not those answered by a fault).
    - ``videos_created``: videos created, i.e. billed generations.
    - ``generations_by_callback_id``: videos created per ``callback_id``
      (key ``None`` when absent): a retried POST shows up here as 2.
    - ``generations_by_body``: videos created per request body, keyed by
      ``canonical_json(body)``.
    - ``status_calls``: status requests per ``video_id`` (unknown ids too).
    - ``uploads``: assets stored; ``upload_bytes``: their total size.
    - ``downloads``: media bodies served (200 or 206), per ``video_id``.
    - ``faults``: faults served, keyed ``(endpoint, kind)``;
      ``faults_by_kind()`` sums over endpoints.
    """

    requests: Counter[str] = field(default_factory=Counter)
    generation_requests: int = 0
    videos_created: int = 0
    generations_by_callback_id: Counter[str | None] = field(default_factory=Counter)
    generations_by_body: Counter[str] = field(default_factory=Counter)
    status_calls: Counter[str] = field(default_factory=Counter)
    uploads: int = 0
    upload_bytes: int = 0
    downloads: Counter[str] = field(default_factory=Counter)
    faults: Counter[tuple[str, str]] = field(default_factory=Counter)

    def faults_by_kind(self) -> Counter[str]:
        """Faults served per kind (``"rate_limit"``, ``"drop_after"``, ...)."""
        totals: Counter[str] = Counter()
        for (_, kind), count in self.faults.items():
            totals[kind] += count
        return totals

    def generations_for_body(self, body: Any) -> int:
        """How many videos this exact request body created."""
        return self.generations_by_body[canonical_json(body)]
