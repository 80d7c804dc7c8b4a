"""Which events end which waits, and the receiver ``client.webhook_receiver`` builds.

A delivery ends every wait of the client for its job through ``JobPoller.settle``
(``jobs/_poller.py``), whatever the job's kind. ``SETTLERS`` maps an event type's
prefix to the settler of its job kind: a video event carries the status itself (a
success its URL); another kind's event names its job, whose waits read it at once
(``JOB_EVENTS``: one entry per kind, its prefix -> its kind name and id fields).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._events import VIDEO_EVENT_PREFIXES, WebhookEvent, parse
from ._receiver import WebhookReceiver
from ._verify import SignatureScheme

if TYPE_CHECKING:
    from ..jobs._poller import JobPoller
    from ..resources.webhooks import AsyncWebhooks

Settler = Callable[[WebhookEvent, "JobPoller"], None]
# The event log's page size a catch-up reads (HeyGen's largest).
CATCH_UP_PAGE = 100


def settle_video(event: WebhookEvent, poller: JobPoller) -> None:
    """A video's success or failure ends its waits: at once when the event carries
    what a wait returns (the URL of a success), else by a read of its own now.
    Other events of the kind (progress) change nothing."""
    status = event.video_status()
    if status is None:
        return
    final = status.is_failed or bool(status.video_url)
    poller.settle("video", status.video_id, status, final=final)


JOB_EVENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "video_translate": ("video_translation", ("video_translation_id", "video_translate_id")),
    "proofread_creation": ("proofread", ("proofread_id",)),
    "ai_clipping": ("ai_clip", ("job_id", "clip_id", "id")),
}
"""Event type prefix -> (the poller's kind name, the event data's id fields)."""


def job_settler(kind_name: str, id_fields: tuple[str, ...]) -> Settler:
    """The settler of a kind whose events say a job ended, not its status: its
    waits read the job now (one read, instead of their next poll)."""

    def settle(event: WebhookEvent, poller: JobPoller) -> None:
        if not (event.is_success or event.is_failure):
            return
        job_id = next((event.data[f] for f in id_fields if event.data.get(f)), event.job_id)
        if isinstance(job_id, str) and job_id:
            poller.settle(kind_name, job_id, None)

    return settle


SETTLERS: dict[str, Settler] = {
    **dict.fromkeys(VIDEO_EVENT_PREFIXES, settle_video),
    **{prefix: job_settler(*spec) for prefix, spec in JOB_EVENTS.items()},
}
"""Event type prefix -> the settler of its job kind."""


def settle_event(event: WebhookEvent, poller: JobPoller) -> None:
    """Hand ``event`` to its job kind's settler; unknown kinds are ignored."""
    settler = SETTLERS.get(event.job_kind)
    if settler is not None:
        settler(event, poller)


def client_receiver(
    poller: JobPoller,
    webhooks: AsyncWebhooks,
    *,
    secret: str,
    scheme: SignatureScheme,
    catch_up_pages: int,
    on_event: Callable[[WebhookEvent], None] | None,
) -> WebhookReceiver:
    """The receiver of ``client.webhook_receiver``: each new authentic event settles
    its job on ``poller``; the event log (``webhooks.events``, ``catch_up_pages``
    pages of 100) is read on the poller's own loop, where the client's connections
    live, whichever thread serves the receiver."""
    news = poller.news

    async def read_log() -> list[WebhookEvent]:
        found: list[WebhookEvent] = []
        pager = webhooks.events(limit=CATCH_UP_PAGE)
        for _ in range(catch_up_pages):
            page = await pager
            found += [parse(item.model_dump()) for item in page.data]
            if not page.has_more or not page.next_token or not page.data:
                break
            pager = pager.starting_at(page.next_token)
        return found

    async def catch_up() -> list[Any]:
        return await news.at_home(read_log) if catch_up_pages else []

    def sink(event: WebhookEvent) -> None:
        settle_event(event, poller)
        if on_event is not None:
            on_event(event)

    receiver = WebhookReceiver(
        secret, sink=sink, scheme=scheme, catch_up=catch_up, after_gap=news.delivered
    )
    news.attach(receiver.catch_up)
    return receiver


__all__ = [
    "JOB_EVENTS",
    "SETTLERS",
    "client_receiver",
    "job_settler",
    "settle_event",
    "settle_video",
]
