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
      (``"generate"``, ``"status"``, ..., ``"download"``, ``"other"``; see
      ``heygen_async.testing._endpoints``), all API versions together; faults
      included, ``drop_before`` excluded (that request never arrived).
    - ``generation_requests``: generation POSTs (``generate`` + ``av4``, v2 and
      v3) the fake processed, accepted or rejected (not those answered by a
      fault, not idempotent replays).
    - ``videos_created``: videos created, i.e. billed generations.
    - ``generations_by_callback_id``: videos created per ``callback_id``
      (key ``None`` when absent): a retried POST shows up here as 2.
    - ``generations_by_body``: videos created per request body, keyed by
      ``canonical_json(body)``.
    - ``status_calls``: single-video status reads per ``video_id`` (unknown ids
      too): ``GET /v1/video_status.get`` and ``GET /v3/videos/{id}``.
    - ``statuses_calls``: ``GET /v3/videos/statuses`` requests answered;
      ``statuses_ids_per_call``: how many ids each of them asked for, in order;
      ``statuses_by_video``: how often each id was asked for there.
      ``status_reads(video_id)`` adds both kinds of read up.
    - ``uploads``: assets stored (v1 upload, v3 multipart, completed v3 direct
      uploads); ``upload_bytes``: their total size.
    - ``direct_uploads``: v3 direct uploads announced; ``storage_puts``: PUTs of
      their bytes that the storage host accepted; ``storage_puts_with_api_key``:
      storage PUTs (accepted or not) that carried an ``X-Api-Key`` header, which
      a client must never send there.
    - ``idempotent_replays``: requests answered by replaying the response to an
      earlier request with the same ``Idempotency-Key``, per endpoint;
      ``idempotency_conflicts``: 409 ``request_in_progress`` answers, per endpoint.
    - ``job_limit_rejections``: v3 creates refused with 429 because the
      account's concurrent renders were all busy.
    - ``downloads``: media bodies served (200 or 206), per ``video_id``.
    - ``jobs_created``: billed v3 jobs other than videos, per kind
      (``"video_translation"``, ``"lipsync"``, ``"ai_clip"``, ...); video agent
      sessions and template generations create videos and count there too.
    - ``faults``: faults served, keyed ``(endpoint, kind)``;
      ``faults_by_kind()`` sums over endpoints.
    """

    requests: Counter[str] = field(default_factory=Counter)
    generation_requests: int = 0
    videos_created: int = 0
    generations_by_callback_id: Counter[str | None] = field(default_factory=Counter)
    generations_by_body: Counter[str] = field(default_factory=Counter)
    status_calls: Counter[str] = field(default_factory=Counter)
    statuses_calls: int = 0
    statuses_ids_per_call: list[int] = field(default_factory=list)
    statuses_by_video: Counter[str] = field(default_factory=Counter)
    uploads: int = 0
    upload_bytes: int = 0
    direct_uploads: int = 0
    storage_puts: int = 0
    storage_puts_with_api_key: int = 0
    idempotent_replays: Counter[str] = field(default_factory=Counter)
    idempotency_conflicts: Counter[str] = field(default_factory=Counter)
    job_limit_rejections: int = 0
    downloads: Counter[str] = field(default_factory=Counter)
    jobs_created: Counter[str] = field(default_factory=Counter)
    faults: Counter[tuple[str, str]] = field(default_factory=Counter)

    def faults_by_kind(self) -> Counter[str]:
        """Faults served per kind (``"rate_limit"``, ``"drop_after"``, ...)."""
        totals: Counter[str] = Counter()
        for (_, kind), count in self.faults.items():
            totals[kind] += count
        return totals

    def status_reads(self, video_id: str) -> int:
        """Every time ``video_id``'s status was read: single reads plus bulk mentions."""
        return self.status_calls[video_id] + self.statuses_by_video[video_id]

    def generations_for_body(self, body: Any) -> int:
        """How many videos this exact request body created."""
        return self.generations_by_body[canonical_json(body)]
