"""The fake's videos: submission, render scheduling and lazily computed status.

A video's whole future is fixed when it is submitted: when it gets a render
slot, when it starts processing, when it finishes and whether it fails. Status
is then a comparison of timestamps at each status call (O(1)), so thousands of
videos in flight cost nothing between calls: no timers, no background tasks.

Render slots are handed out first come, first served: with
``max_concurrent_renders = N`` a min-heap holds the N times at which the slots
free up; a new video takes the earliest one, ``start = max(submitted, freed)``.
Until ``start`` it is ``waiting`` (v1/v2 HeyGen queues excess videos rather
than rejecting them; the v3 dialect asks ``seconds_until_render_slot`` first
and refuses a create instead).

A second min-heap holds every unfinished video's end time, so "how many
renders are not yet terminal" costs O(log n) per finished video, once.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

VideoState = Literal["waiting", "pending", "processing", "completed", "failed"]
#: What kind of request made a video: v2 ``avatar`` (video/generate), v2
#: ``avatar_iv`` (av4), or v3 ``image`` / ``cinematic_avatar`` / ``studio`` (v3
#: ``avatar`` is ``avatar``), a v3 template generation or a video agent session.
VideoKind = Literal[
    "avatar", "avatar_iv", "image", "cinematic_avatar", "studio", "template", "video_agent"
]
ApiVersion = Literal["v2", "v3"]

#: How render times are drawn, in fake seconds: ``(low, high)`` for a
#: log-uniform range, a number for a fixed time, or a function of the fake's
#: seeded ``random.Random``.
RenderSeconds = tuple[float, float] | float | Callable[[random.Random], float]


def draw_render_seconds(spec: RenderSeconds, rng: random.Random) -> float:
    """Draw one render time from ``spec`` (see ``RenderSeconds``)."""
    if callable(spec):
        seconds = float(spec(rng))
    elif isinstance(spec, tuple):
        low, high = spec
        seconds = math.exp(rng.uniform(math.log(low), math.log(high)))
    else:
        seconds = float(spec)
    if seconds < 0 or math.isnan(seconds):
        raise ValueError(f"render time must be >= 0 seconds, got {seconds!r}")
    return seconds


def check_render_seconds(spec: RenderSeconds) -> None:
    """Fail early (at construction) on a range HeyGen time cannot have."""
    if isinstance(spec, tuple):
        low, high = spec
        if not 0 < low <= high:
            raise ValueError(f"render_seconds range must satisfy 0 < low <= high, got {spec!r}")
    elif not callable(spec) and float(spec) < 0:
        raise ValueError(f"render_seconds must be >= 0, got {spec!r}")


@dataclass
class VideoOrder:
    """What a valid generation request asks for, whatever API version it came in on.

    A dialect validates a request body into one of these; ``Account.create_video``
    turns it into a ``FakeVideo``.
    """

    kind: VideoKind
    title: str | None
    callback_id: str | None
    duration: float
    caption: bool
    #: Captions burned into a second video (v2 ``caption``; v3 ``caption.style``).
    caption_burned: bool | None = None
    api_version: ApiVersion = "v2"
    output_format: str = "mp4"
    # Everything user-written, searched for the "[fail]" marker.
    texts: list[str] = field(default_factory=list)
    # Asset ids the account does not know: the render fails (v2 behaviour).
    unknown_assets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FakeVideo:
    """One video in the fake, with its timeline in fake seconds since the fake started.

    ``status_at(t)`` gives its state at fake time ``t``; ``FakeHeyGen.video(id)``
    hands these out for tests to inspect.
    """

    video_id: str
    sequence: int
    kind: VideoKind
    title: str | None
    callback_id: str | None
    submitted_at: float
    slot_at: float
    processing_at: float
    finished_at: float
    duration: float
    caption: bool
    error: dict[str, Any] | None
    body: dict[str, Any]
    caption_burned: bool = False
    api_version: ApiVersion = "v2"
    output_format: str = "mp4"

    def status_at(self, now: float) -> VideoState:
        if now < self.slot_at:
            return "waiting"
        if now < self.processing_at:
            return "pending"
        if now < self.finished_at:
            return "processing"
        return "failed" if self.error is not None else "completed"


class VideoStore:
    """Creates videos and schedules their renders; owns the render RNGs.

    Three independent seeded streams (ids, render times, failures) keep each
    one reproducible even when a test changes another knob.
    """

    def __init__(
        self,
        *,
        seed: int,
        render_seconds: RenderSeconds,
        pending_seconds: float,
        max_concurrent_renders: int | None,
        failure_rate: float,
    ) -> None:
        check_render_seconds(render_seconds)
        if not 0.0 <= failure_rate <= 1.0:
            raise ValueError(f"failure_rate must be within 0..1, got {failure_rate!r}")
        if max_concurrent_renders is not None and max_concurrent_renders < 1:
            raise ValueError(
                f"max_concurrent_renders must be >= 1 or None, got {max_concurrent_renders!r}"
            )
        if pending_seconds < 0:
            raise ValueError(f"pending_seconds must be >= 0, got {pending_seconds!r}")
        self._ids = random.Random(f"{seed}:video-ids")
        self._durations = random.Random(f"{seed}:render-seconds")
        self._failures = random.Random(f"{seed}:failures")
        self.render_seconds = render_seconds
        self.pending_seconds = pending_seconds
        self.max_concurrent_renders = max_concurrent_renders
        self.failure_rate = failure_rate
        self._slots_free_at: list[float] = []
        self._unfinished_until: list[float] = []
        self._videos: dict[str, FakeVideo] = {}
        self._ordered: list[FakeVideo] = []

    def __len__(self) -> int:
        return len(self._ordered)

    def get(self, video_id: str) -> FakeVideo | None:
        return self._videos.get(video_id)

    def all(self) -> list[FakeVideo]:
        return list(self._ordered)

    def _new_id(self) -> str:
        while True:
            video_id = f"{self._ids.getrandbits(128):032x}"
            if video_id not in self._videos:
                return video_id

    def _take_slot(self, now: float, busy_for: float) -> float:
        """Reserve the earliest free render slot; returns when the render starts."""
        limit = self.max_concurrent_renders
        if limit is None:
            return now
        if len(self._slots_free_at) < limit:
            heapq.heappush(self._slots_free_at, now + busy_for)
            return now
        start = max(now, self._slots_free_at[0])
        heapq.heapreplace(self._slots_free_at, start + busy_for)
        return start

    def unfinished(self, now: float) -> int:
        """Videos not yet terminal at ``now`` (waiting, pending or processing)."""
        heap = self._unfinished_until
        while heap and heap[0] <= now:
            heapq.heappop(heap)
        return len(heap)

    def unfinished_ends(self, now: float) -> list[float]:
        """When each video not yet terminal at ``now`` finishes."""
        self.unfinished(now)
        return list(self._unfinished_until)

    def seconds_until_fewer_than(self, limit: int, now: float) -> float:
        """Fake seconds until fewer than ``limit`` videos are unfinished (0: already)."""
        count = self.unfinished(now)
        if count < limit:
            return 0.0
        return heapq.nsmallest(count - limit + 1, self._unfinished_until)[-1] - now

    def submit(
        self,
        *,
        now: float,
        order: VideoOrder,
        forced_error: dict[str, Any] | None,
        random_errors: list[dict[str, Any]],
        body: dict[str, Any],
    ) -> FakeVideo:
        render = draw_render_seconds(self.render_seconds, self._durations)
        # Always draw, so one video's marker does not shift the next videos' luck.
        unlucky = self._failures.random() < self.failure_rate
        pick = self._failures.randrange(len(random_errors)) if random_errors else 0
        error = forced_error
        if error is None and unlucky and random_errors:
            error = dict(random_errors[pick])
        # pending is part of the render time (the slot is taken), never longer than it.
        pending = min(self.pending_seconds, render)
        slot_at = self._take_slot(now, render)
        video = FakeVideo(
            video_id=self._new_id(),
            sequence=len(self._ordered),
            kind=order.kind,
            title=order.title,
            callback_id=order.callback_id,
            submitted_at=now,
            slot_at=slot_at,
            processing_at=slot_at + pending,
            finished_at=slot_at + render,
            duration=order.duration,
            caption=order.caption,
            error=error,
            body=body,
            caption_burned=order.caption if order.caption_burned is None else order.caption_burned,
            api_version=order.api_version,
            output_format=order.output_format,
        )
        self._videos[video.video_id] = video
        self._ordered.append(video)
        heapq.heappush(self._unfinished_until, video.finished_at)
        return video

    def page_newest_first(
        self, limit: int, before_sequence: int | None
    ) -> tuple[list[FakeVideo], int | None]:
        """One page of videos, newest first; returns the page and the next cursor.

        The cursor is a sequence number, so videos submitted while a caller pages
        never shift or repeat items on later pages.
        """
        end = len(self._ordered) if before_sequence is None else min(before_sequence, len(self))
        start = max(0, end - limit)
        page = self._ordered[start:end][::-1]
        return page, (start if start > 0 else None)
