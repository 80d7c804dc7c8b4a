"""Webhooks as signals, with nothing routed by hand: the fake delivers over real HTTP
to a ``WebhookReceiver`` served by uvicorn, whose ``forward`` (``signal_workflows``)
signals the bulk workflow named by the job's callback id; the waits end with no
status read at all."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from heygen_async.temporal import (
    BulkInput,
    JobSpec,
    callback_id_for,
    make_worker,
    signal_workflows,
    start_bulk,
)
from heygen_async.testing import FakeHeyGen, LoopbackServer
from heygen_async.webhooks import DEFAULT_SCHEME, WebhookEvent, WebhookReceiver

from .conftest import FAST_POLL
from .test_bulk_workflow import video_jobs

uvicorn = pytest.importorskip("uvicorn")


@asynccontextmanager
async def served(receiver: WebhookReceiver) -> AsyncIterator[str]:
    """``receiver`` served by uvicorn in this event loop (as an app beside the
    Temporal client would be), on a loopback port bound before it starts."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(receiver, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    async with anyio.create_task_group() as group:
        group.start_soon(server.serve, [sock])
        try:
            yield f"http://127.0.0.1:{port}/hooks"
        finally:
            server.should_exit = True
    sock.close()


@pytest.mark.temporal
async def test_deliveries_end_durable_waits_through_the_receiver_with_no_status_read(
    temporal_env: WorkflowEnvironment, loopback: LoopbackServer, fake: FakeHeyGen
) -> None:
    queue = f"q-{uuid.uuid4()}"
    jobs = [
        *video_jobs(4, prefix="hooked"),
        JobSpec("es", "translation", {"video": "https://e.com/a.mp4", "output_languages": "German"}),
    ]  # fmt: skip
    heygen = loopback.client(poll=FAST_POLL)
    async with heygen:
        receiver = WebhookReceiver(
            "whsec_placeholder", forward=signal_workflows(temporal_env.client)
        )
        async with (
            served(receiver) as url,
            make_worker(temporal_env.client, heygen, task_queue=queue),
        ):
            endpoint = await heygen.webhooks.endpoints.create(url=url)
            assert endpoint.secret is not None
            receiver.use_secret(endpoint.secret)  # the endpoint's own secret
            # A grace of 10 minutes: nothing polls; only deliveries can end the waits.
            handle = await start_bulk(
                temporal_env.client, BulkInput(jobs, webhook_grace=600), task_queue=queue
            )
            with anyio.fail_after(60):
                results = await handle.result()
    assert {r.key: r.status for r in results} == {job.key: "completed" for job in jobs}
    assert all(r.video_url for r in results if r.kind == "avatar_video")
    assert fake.counters.statuses_calls == 0
    assert all(fake.counters.status_reads(r.job_id or "") == 0 for r in results)
    assert receiver.accepted == 5 and receiver.refused == 0
    assert len(fake.deliveries.delivered(url)) == 5


class Signals:
    """A stand-in Temporal client: the signals it was asked to send."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.sent: list[tuple[str, Any]] = []
        self.fail = fail

    def get_workflow_handle(self, workflow_id: str) -> Any:
        outer = self

        class Handle:
            async def signal(self, _signal: Any, argument: Any) -> None:
                if outer.fail is not None:
                    raise outer.fail
                outer.sent.append((workflow_id, argument))

        return Handle()


def delivery(callback_id: str | None, event_id: str = "e1") -> bytes:
    data = {"video_id": "v1", "url": "https://x/v.mp4", "callback_id": callback_id}
    body = {"event_id": event_id, "event_type": "avatar_video.success", "event_data": data}
    return httpx.Request("POST", "http://x", json=body).read()


async def post(receiver: WebhookReceiver, body: bytes) -> httpx.Response:
    transport = httpx.ASGITransport(app=receiver)
    async with httpx.AsyncClient(transport=transport, base_url="http://hooks") as http:
        return await http.post("/", content=body, headers=DEFAULT_SCHEME.sign(body, "whsec_k"))


async def test_a_delivery_is_routed_by_its_callback_id_and_others_by_the_route() -> None:
    temporal = Signals()
    routed: list[WebhookEvent] = []

    def route(event: WebhookEvent) -> str | None:
        routed.append(event)
        return "by-hand" if event.callback_id == "mine" else None

    receiver = WebhookReceiver("whsec_k", forward=signal_workflows(temporal, route=route))  # type: ignore[arg-type]
    ours = await post(receiver, delivery(callback_id_for("heygen-bulk-1", "intro"), "e1"))
    theirs = await post(receiver, delivery("mine", "e2"))
    unknown = await post(receiver, delivery(None, "e3"))
    assert [r.status_code for r in (ours, theirs, unknown)] == [200, 200, 200]
    assert [(workflow_id, signal.job_id) for workflow_id, signal in temporal.sent] == [
        ("heygen-bulk-1", "v1"),
        ("by-hand", "v1"),
    ]
    assert [event.event_id for event in routed] == ["e2", "e3"]  # ours needed no route


async def test_a_signal_that_fails_answers_500_and_the_redelivery_is_taken_again() -> None:
    temporal = Signals(fail=RuntimeError("temporal is down"))
    receiver = WebhookReceiver("whsec_k", forward=signal_workflows(temporal))  # type: ignore[arg-type]
    body = delivery(callback_id_for("heygen-bulk-1", "intro"))
    first = await post(receiver, body)
    assert first.status_code == 500 and "whsec_k" not in first.text
    temporal.fail = None
    again = await post(receiver, body)  # HeyGen's retry of the same event
    assert again.status_code == 200 and again.json() == {"ok": True}
    assert [workflow_id for workflow_id, _ in temporal.sent] == ["heygen-bulk-1"]
