"""What webhook deliveries change in ``JobPoller`` (``jobs/_settle.py``): the pace,
the event log read after a miss, a final settlement winning over a read under way,
news that came before its wait, and settling from another thread."""

from __future__ import annotations

import asyncio
import dataclasses
import threading

import anyio
import pytest
import trio

from heygen_async.jobs._poller import JobPoller
from heygen_async.jobs._settle import DELIVERY_SLOW_FACTOR
from heygen_async.jobs._wait import wait_for_job
from heygen_async.testing import Clock

from .test_poller import NO_JITTER, Job, ScriptedKind, run


def test_intervals_stretch_while_deliveries_are_trusted() -> None:
    kind = ScriptedKind({"a": 100.0}, batch_size=1)

    async def main() -> None:
        poller = JobPoller(Clock())
        poller.news.attach(None)
        await wait_for_job(poller, kind, "a", NO_JITTER, just_created=False)

    run(main)
    times = [read[0] for read in kind.reads]
    # At once, then 5 s x 8 = 40 s, then 6.5 s x 8 = 52 s later.
    assert times[:3] == pytest.approx([0.0, 40.0, 92.0])
    assert DELIVERY_SLOW_FACTOR == 8.0


def test_a_read_finding_a_job_ended_restores_the_pace_and_reads_the_event_log() -> None:
    kind = ScriptedKind({"early": 1.0, "late": 1000.0}, batch_size=1)
    log_reads: list[float] = []

    async def catch_up() -> None:
        log_reads.append(trio.current_time())

    async def main() -> float:
        poller = JobPoller(Clock())
        poller.news.attach(catch_up)
        await wait_for_job(poller, kind, "early", NO_JITTER, just_created=False)
        ended = trio.current_time()
        assert poller.news.pace() == 1.0
        async with anyio.create_task_group() as group:
            group.start_soon(
                lambda: wait_for_job(poller, kind, "late", NO_JITTER, just_created=False)
            )
            await trio.sleep(20.0)
            group.cancel_scope.cancel()
        return ended

    ended = run(main)
    assert ended == pytest.approx(40.0)  # found by the slowed poll at 40 s, no delivery
    assert log_reads == [pytest.approx(40.0)]  # the log read once, at the miss
    late = [read[0] for read in kind.reads if read[2] == ("late",)]
    # After the miss, the policy's own pace (5 s, 6.5 s), not 40 s and 52 s.
    assert late[:3] == pytest.approx([40.0, 45.0, 51.5])


def test_a_final_settlement_ends_a_wait_whose_read_is_under_way() -> None:
    kind = ScriptedKind({"a": 0.0}, batch_size=1)
    release = trio.Event()
    original = kind.read_one

    async def slow_read(job_id: str) -> Job:
        await release.wait()  # a read that has not answered yet
        return await original(job_id)

    kind.read_one = slow_read  # type: ignore[method-assign]

    async def main() -> tuple[Job, float, int]:
        poller = JobPoller(Clock())
        async with anyio.create_task_group() as group:
            results: list[Job] = []

            async def waiter() -> None:
                results.append(await wait_for_job(poller, kind, "a", NO_JITTER, just_created=False))

            group.start_soon(waiter)
            await trio.sleep(3.0)  # the first read (at once) is still under way
            reached = poller.settle("scripted", "a", Job("completed", url="https://hook"))
            await trio.sleep(0)
            ended = trio.current_time()
            release.set()
        return results[0], ended, reached

    job, ended, reached = run(main)
    assert reached == 1 and ended == 3.0
    assert job.url == "https://hook"  # the read's later answer is ignored


def test_news_delivered_before_its_wait_answers_it_without_a_read() -> None:
    kind = ScriptedKind({"a": 10_000.0})

    async def main() -> tuple[Job, float, int]:
        poller = JobPoller(Clock())
        reached = poller.settle("scripted", "a", Job("completed", url="https://hook"))
        job = await wait_for_job(poller, kind, "a", NO_JITTER, just_created=True)
        return job, trio.current_time(), reached

    job, ended, reached = run(main)
    assert reached == 0 and ended == 0.0 and job.url == "https://hook"
    assert kind.reads == []


def test_a_settlement_from_another_thread_ends_the_wait_on_its_own_loop() -> None:
    kind = ScriptedKind({"a": 10_000.0})
    kind._job = lambda job_id, alone: Job("processing")  # type: ignore[method-assign]
    ran_on: list[int] = []

    async def main() -> Job:
        poller = JobPoller(Clock())
        original = poller._answered

        def answered(*args: object, **kwargs: object) -> None:
            ran_on.append(threading.get_ident())
            original(*args, **kwargs)  # type: ignore[arg-type]

        poller._answered = answered  # type: ignore[method-assign]
        hour = dataclasses.replace(NO_JITTER, first_delay=3600.0)
        waiting = asyncio.ensure_future(wait_for_job(poller, kind, "a", hour, just_created=True))
        await asyncio.sleep(0)  # the wait has started (and the poller knows its loop)
        sender = threading.Thread(
            target=poller.settle, args=("scripted", "a", Job("completed", url="https://hook"))
        )
        sender.start()
        sender.join()
        return await asyncio.wait_for(waiting, timeout=5)

    job = asyncio.run(main())
    assert job.url == "https://hook"
    assert ran_on == [threading.get_ident()]  # on the loop's thread, not the sender's


class TranslationKind(ScriptedKind):
    name = "video_translation"


def test_a_translation_event_makes_its_waits_read_it_at_once_and_is_no_miss() -> None:
    from heygen_async.webhooks import parse
    from heygen_async.webhooks._dispatch import settle_event

    kind = TranslationKind({"t1": 7.0}, batch_size=1)
    event = parse(
        {
            "event_id": "evt_1",
            "event_type": "video_translate.success",
            "event_data": {"video_translation_id": "t1"},
        }
    )

    async def main() -> tuple[Job, float, float]:
        poller = JobPoller(Clock())
        poller.news.attach(None)
        async with anyio.create_task_group() as group:
            results: list[Job] = []

            async def waiter() -> None:
                results.append(await wait_for_job(poller, kind, "t1", NO_JITTER, just_created=True))

            group.start_soon(waiter)
            await trio.sleep(7.5)  # the job ended at 7 s; the slowed first poll is at 40 s
            settle_event(event, poller)
        return results[0], trio.current_time(), poller.news.pace()

    job, ended, pace = run(main)
    assert job.status == "completed" and ended == 7.5
    assert [read[0] for read in kind.reads] == [7.5]  # one read, at the delivery
    assert pace == DELIVERY_SLOW_FACTOR  # announced: the read found no missed delivery


def test_the_event_log_is_read_on_the_clients_loop_even_before_any_wait() -> None:
    """A sync client's receiver is served on another thread than the client's loop;
    its catch-up must use the client's loop (its connections live there)."""
    poller = JobPoller(Clock())
    threads: dict[str, int] = {}
    home_ready = threading.Event()
    stops: list[asyncio.Event] = []
    loops: list[asyncio.AbstractEventLoop] = []

    def client_loop() -> None:
        async def main() -> None:
            poller.news.attach(None)  # as client.webhook_receiver does, on the loop
            threads["client"] = threading.get_ident()
            stops.append(asyncio.Event())
            loops.append(asyncio.get_running_loop())
            home_ready.set()
            await stops[0].wait()

        asyncio.run(main())

    home = threading.Thread(target=client_loop)
    home.start()
    home_ready.wait(timeout=5)

    async def read_log() -> None:
        threads["read"] = threading.get_ident()

    try:
        asyncio.run(poller.news.at_home(read_log))  # from this thread's own loop
    finally:
        loops[0].call_soon_threadsafe(stops[0].set)
        home.join(timeout=5)
    assert threads["read"] == threads["client"] != threading.get_ident()


def test_the_read_after_news_without_a_url_is_no_sign_of_a_missed_delivery() -> None:
    kind = ScriptedKind({"a": 3.0})

    async def main() -> tuple[Job, float]:
        poller = JobPoller(Clock())
        poller.news.attach(None)
        async with anyio.create_task_group() as group:
            results: list[Job] = []

            async def waiter() -> None:
                results.append(await wait_for_job(poller, kind, "a", NO_JITTER, just_created=True))

            group.start_soon(waiter)
            await trio.sleep(4.0)
            poller.settle("scripted", "a", Job("completed"), final=False)  # no URL
        return results[0], poller.news.pace()

    job, pace = run(main)
    assert job.url == "https://v/a.mp4"  # from the read of its own that followed
    assert [read[1] for read in kind.reads] == ["one"]
    assert pace == DELIVERY_SLOW_FACTOR
