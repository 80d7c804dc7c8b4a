"""The reasons failed bulk entries gave, kept for the jobs' own reads.

A bulk ``statuses`` entry of a failed job may carry HeyGen's ``error`` (code and
message) where the job's own read, which a wait returns, has none. The kind keeps the
entry's error by job id so that every wait on that job (there may be several, and a
wait may end by being cancelled) builds its failure from it. Kept for the newest
``FAILED_ENTRIES_KEPT`` failed jobs only, so a client that runs for months holds a
bounded number of them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from .._constants import FAILED_ENTRIES_KEPT

ErrorT = TypeVar("ErrorT")


class FailedEntries(Generic[ErrorT]):
    """Job id -> the error its failed bulk entry gave, the newest ones only."""

    __slots__ = ("_errors", "_limit")

    def __init__(self, limit: int = FAILED_ENTRIES_KEPT) -> None:
        self._errors: OrderedDict[str, ErrorT] = OrderedDict()
        self._limit = limit

    def keep(self, job_id: str, error: ErrorT) -> None:
        self._errors[job_id] = error
        self._errors.move_to_end(job_id)
        while len(self._errors) > self._limit:
            self._errors.popitem(last=False)

    def get(self, job_id: str) -> ErrorT | None:
        """The error kept for ``job_id``; left in place for the job's other waits."""
        return self._errors.get(job_id)

    def __len__(self) -> int:
        return len(self._errors)


__all__ = ["FailedEntries"]
