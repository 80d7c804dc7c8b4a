"""Which events end which waits: one entry per job kind.

Only videos have waits today; a job kind that gains them adds one entry to
``SETTLERS`` (its event type prefix, and how its event settles its waits).
"""

from __future__ import annotations

from collections.abc import Callable

from ..workflows._settle import Settlements
from ._events import VIDEO_EVENT_PREFIXES, WebhookEvent

Settler = Callable[[WebhookEvent, Settlements], None]


def settle_video(event: WebhookEvent, settlements: Settlements) -> None:
    """A video's success or failure ends its waits (read now when the event lacks
    the URL); other events of the kind (progress) change nothing."""
    status = event.video_status()
    if status is not None:
        settlements.settle(status.video_id, status)
    elif event.video_id and (event.is_success or event.is_failure):
        settlements.settle(event.video_id)


SETTLERS: dict[str, Settler] = dict.fromkeys(VIDEO_EVENT_PREFIXES, settle_video)


def settle_event(event: WebhookEvent, settlements: Settlements) -> None:
    """Hand ``event`` to its job kind's settler; unknown kinds are ignored."""
    settler = SETTLERS.get(event.job_kind)
    if settler is not None:
        settler(event, settlements)
