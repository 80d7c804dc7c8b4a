"""One fake HeyGen account's state, with no HTTP: videos, renders, assets, counters.

``Account`` is what every dialect (v1/v2, v3) reads and changes, through its
methods only, so a video created on one API version is visible on the other.
Get it as ``FakeHeyGen(...).account``.
"""

from __future__ import annotations

from ._account import Account
from ._assets import DirectUpload, StoredFile
from ._catalogue import ASSET_NOT_FOUND_CODE, FAILURE_REASONS, Catalogue
from ._counters import Counters, canonical_json
from ._idempotency import Claim, IdempotencyStore, RecordedResponse
from ._jobs import FakeJob, JobKind, JobState
from ._time import FakeTime
from ._videos import FakeVideo, RenderSeconds, VideoKind, VideoOrder, VideoState

__all__ = [
    "ASSET_NOT_FOUND_CODE",
    "FAILURE_REASONS",
    "Account",
    "Catalogue",
    "Claim",
    "Counters",
    "DirectUpload",
    "FakeJob",
    "FakeTime",
    "FakeVideo",
    "IdempotencyStore",
    "JobKind",
    "JobState",
    "RecordedResponse",
    "RenderSeconds",
    "StoredFile",
    "VideoKind",
    "VideoOrder",
    "VideoState",
    "canonical_json",
]
