"""The fake account's webhooks: registered endpoints, the event log, deliveries due.

No HTTP here (``server/_deliveries.py`` sends them). Like the videos, events are
lazy: a video's (or a job's) event is made the first time anything looks at the
book after it finished (``announce_due``), stamped with its finish time. Of the
other jobs, those whose kind has an event type in HeyGen's list are announced
(translations, proofreads, AI clips: ``JOB_EVENTS``), with the job's id (the
event carries no URL: a receiver reads the job for it).
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ._jobs import FakeJob
from ._time import FakeTime
from ._videos import FakeVideo

# A video's event data (its URLs signed for ``origin``): set by ``FakeHeyGen``.
Describe = Callable[[FakeVideo, str], dict[str, Any]]

SUCCESS = "avatar_video.success"
FAIL = "avatar_video.fail"
# A job kind's event type prefix (HeyGen's event list) and the data key of its id.
JOB_EVENTS: dict[str, tuple[str, str]] = {
    "video_translation": ("video_translate", "video_translation_id"),
    "proofread": ("proofread_creation", "proofread_id"),
    "ai_clip": ("ai_clipping", "job_id"),
}


@dataclass
class FakeEndpoint:
    """One registered endpoint (as ``POST /v3/webhooks/endpoints`` made it)."""

    endpoint_id: str
    url: str
    events: list[str] | None
    secret: str
    created_at: str
    status: str = "enabled"

    def wants(self, event_type: str) -> bool:
        return self.status == "enabled" and (self.events is None or event_type in self.events)

    def public(self, *, with_secret: bool) -> dict[str, Any]:
        return {
            "endpoint_id": self.endpoint_id,
            "url": self.url,
            "events": self.events,
            "status": self.status,
            "created_at": self.created_at,
            "secret": self.secret if with_secret else None,
        }


@dataclass
class FakeEvent:
    """One event of the log (``GET /v3/webhooks/events`` shows these)."""

    event_id: str
    event_type: str
    event_data: dict[str, Any]
    created_at: str
    at: float  # fake seconds

    def body(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "event_type": self.event_type,
            "event_data": self.event_data,
            "created_at": self.created_at,
        }


@dataclass(order=True)
class PendingDelivery:
    """One delivery attempt due at fake time ``due``."""

    due: float
    order: int
    event: FakeEvent = field(compare=False)
    url: str = field(compare=False)
    secret: str | None = field(compare=False)  # None: an unsigned callback_url delivery
    attempt: int = field(compare=False, default=1)
    delayed: bool = field(compare=False, default=False)  # the ``delay`` knob was applied


class WebhookBook:
    """Endpoints, events and the deliveries due, of one fake account."""

    def __init__(self, time: FakeTime, seed: int) -> None:
        self._time = time
        self._rng = random.Random(f"{seed}:webhooks")
        self._ids = itertools.count(1)
        self._order = itertools.count()  # ties of equal finish times, in creation order
        self.endpoints: dict[str, FakeEndpoint] = {}
        self.events: list[FakeEvent] = []
        self._finishing: list[tuple[float, int, FakeVideo | FakeJob]] = []
        self._pending: list[PendingDelivery] = []
        self.describe: Describe = lambda video, origin: {"video_id": video.video_id}
        self.origin = "https://api.heygen.com"
        """Where the URLs in events point (the origin the last endpoint was registered from)."""

    # -- endpoints ----------------------------------------------------------------

    def add_endpoint(self, url: str, events: list[str] | None, origin: str) -> FakeEndpoint:
        number = next(self._ids)
        endpoint = FakeEndpoint(
            endpoint_id=f"ep_{number:04d}{self._rng.getrandbits(32):08x}",
            url=url,
            events=events,
            secret=self._new_secret(),
            created_at=self._iso(self._time.now()),
        )
        self.endpoints[endpoint.endpoint_id] = endpoint
        self.origin = origin
        return endpoint

    def remove_endpoint(self, endpoint_id: str) -> bool:
        return self.endpoints.pop(endpoint_id, None) is not None

    def rotate_secret(self, endpoint_id: str) -> str:
        """A new signing secret for the endpoint (the old one stops at once)."""
        endpoint = self.endpoints[endpoint_id]
        endpoint.secret = self._new_secret()
        return endpoint.secret

    def _new_secret(self) -> str:
        return f"whsec_{self._rng.getrandbits(192):048x}"

    # -- events -------------------------------------------------------------------

    def track(self, video: FakeVideo) -> None:
        """Announce ``video``'s end once it is reached (called at its creation)."""
        heapq.heappush(self._finishing, (video.finished_at, next(self._order), video))

    def track_job(self, job: FakeJob) -> None:
        """Announce ``job``'s end once it is reached, if its kind has an event type."""
        if job.kind in JOB_EVENTS:
            heapq.heappush(self._finishing, (job.finished_at, next(self._order), job))

    def announce_due(self, now: float) -> None:
        """Make the events of every video finished by ``now``, and queue their deliveries."""
        while self._finishing and self._finishing[0][0] <= now:
            finished_at, _, item = heapq.heappop(self._finishing)
            if isinstance(item, FakeJob):
                self._announce_job(item, finished_at)
            else:
                self._announce(item, finished_at)

    def _announce(self, video: FakeVideo, at: float) -> None:
        event_type = FAIL if video.error is not None else SUCCESS
        data = self.describe(video, self.origin)
        self._publish(event_type, data, at, video.body.get("callback_url"))

    def _announce_job(self, job: FakeJob, at: float) -> None:
        prefix, id_key = JOB_EVENTS[job.kind]
        if job.deleted:
            return
        data: dict[str, Any] = {id_key: job.job_id, "callback_id": job.fields.get("callback_id")}
        if job.error is not None:
            data["msg"] = job.error.get("message")
        event_type = f"{prefix}.{'fail' if job.error is not None else 'success'}"
        self._publish(event_type, data, at, job.fields.get("callback_url"))

    def _publish(
        self, event_type: str, data: dict[str, Any], at: float, callback_url: object
    ) -> None:
        event = FakeEvent(
            event_id=f"evt_{next(self._ids):06d}{self._rng.getrandbits(48):012x}",
            event_type=event_type,
            event_data=data,
            created_at=self._iso(at),
            at=at,
        )
        self.events.append(event)
        for endpoint in self.endpoints.values():
            if endpoint.wants(event_type):
                self.queue(
                    PendingDelivery(at, next(self._ids), event, endpoint.url, endpoint.secret)
                )
        if isinstance(callback_url, str) and callback_url:
            self.queue(PendingDelivery(at, next(self._ids), event, callback_url, None))

    def next_finish(self) -> float | None:
        """Fake time of the next video end not yet announced."""
        return self._finishing[0][0] if self._finishing else None

    # -- deliveries due -------------------------------------------------------------

    def queue(self, delivery: PendingDelivery) -> None:
        heapq.heappush(self._pending, delivery)

    def next_order(self) -> int:
        return next(self._ids)

    def due(self, now: float) -> list[PendingDelivery]:
        """Take every delivery due by ``now``, oldest first."""
        taken: list[PendingDelivery] = []
        while self._pending and self._pending[0].due <= now:
            taken.append(heapq.heappop(self._pending))
        return taken

    def next_due(self) -> float | None:
        """Fake time of the next queued delivery, or of the next video end."""
        pending = self._pending[0].due if self._pending else None
        known = [t for t in (self.next_finish(), pending) if t is not None]
        return min(known) if known else None

    def _iso(self, fake_seconds: float) -> str:
        moment = datetime.fromtimestamp(self._time.epoch + fake_seconds, tz=timezone.utc)
        return moment.isoformat().replace("+00:00", "Z")
