"""7. Webhooks: waits with deliveries against waits that poll, side by side.

The same 1,000 renders as the polling benchmark (log-uniform 30 s .. 20 min, same
seed, all submitted at once, unlimited render slots), waited for on v3 with the
default ``PollPolicy`` on virtual time, twice in one run:

- **polling only**: no receiver (the SDK's shared poller: bulk status reads, then
  one URL read per completed video);
- **with deliveries**: a ``client.webhook_receiver`` registered at the fake, which
  delivers a signed ``avatar_video.success`` event (with the URL) as each render
  ends, in-process (``httpx.ASGITransport``); polling goes on slowed down as the
  safety net;
- **deliveries, 10 % lost**: the same with the fake dropping a tenth of the
  attempts (they are retried 5 s later), so the fallback is in the figures too.

Requests are counted by the fake (status reads of either kind, and event-log reads).
Detection delay = when the wait returned minus when the fake finished the render.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import anyio

from ._report import Section, Table, ratio
from ._stats import mean, percentile
from ._virtual import run_virtual, submit_videos, virtual_world

NAME = "webhooks"
TITLE = "7. Webhooks: waits with deliveries"
RENDER_SECONDS = (30.0, 20 * 60.0)
SEED = 3
GOAL_REQUESTS = 1.05
GOAL_DELAY = 5.0
HOOK_URL = "https://hooks.example.test/heygen"


@dataclass
class Outcome:
    label: str
    videos: int
    single_reads: int
    bulk_reads: int
    log_reads: int
    delays: list[float]
    cpu_seconds: float

    @property
    def requests(self) -> float:
        """Status requests (single and bulk) and event-log reads, per video."""
        return (self.single_reads + self.bulk_reads + self.log_reads) / self.videos


async def _measure(label: str, videos: int, deliveries: bool, drop: float) -> Outcome:
    import httpx

    async with virtual_world(seed=SEED, render_seconds=RENDER_SECONDS, api_version="v3") as world:
        fake, client, clock = world.fake, world.client, world.clock
        hooks: httpx.AsyncClient | None = None
        if deliveries:
            endpoint = await client.webhooks.endpoints.create(url=HOOK_URL)
            assert endpoint.secret is not None
            receiver = client.webhook_receiver(secret=endpoint.secret)
            hooks = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver))
            fake.deliveries.http_client = hooks
            fake.deliveries.drop = drop
        ids = await submit_videos(client, videos)
        fake.reset_counters()
        seen_at: dict[str, float] = {}

        async def wait_one(video_id: str) -> None:
            await client.wait_for_video(video_id)
            seen_at[video_id] = fake.now()

        cpu_start = time.process_time()
        async with clock.running(), anyio.create_task_group() as runner:
            if deliveries:
                runner.start_soon(fake.deliveries.run, clock.sleep)
            async with anyio.create_task_group() as waits:
                for video_id in ids:
                    waits.start_soon(wait_one, video_id)
            runner.cancel_scope.cancel()
        cpu = time.process_time() - cpu_start
        if hooks is not None:
            await hooks.aclose()
        counters = fake.counters
        return Outcome(
            label,
            videos,
            sum(counters.status_calls[video_id] for video_id in ids),
            counters.statuses_calls,
            counters.requests["webhooks"],  # reset after the registration: log reads
            [seen_at[video_id] - fake.video(video_id).finished_at for video_id in ids],
            cpu,
        )


def _table(rows: list[Outcome]) -> Table:
    polling = rows[0]
    table = Table(
        [
            "v3 wait (default `PollPolicy()`)",
            "bulk reads / video",
            "URL reads / video",
            "event-log reads",
            "requests / video",
            "detection delay mean",
            "p95",
            "requests vs polling",
            "CPU (real)",
        ]
    )
    for row in rows:
        table.add(
            row.label,
            f"{row.bulk_reads / row.videos:.3f}",
            f"{row.single_reads / row.videos:.3f}",
            str(row.log_reads),
            f"**{row.requests:.3f}**",
            f"{mean(row.delays):.1f} s",
            f"{percentile(row.delays, 0.95):.1f} s",
            ratio(row.requests, polling.requests),
            f"{row.cpu_seconds:.2f} s",
        )
    return table


def run(quick: bool) -> Section:
    videos = 100 if quick else 1000
    rows = [
        run_virtual(lambda: _measure("polling only", videos, False, 0.0)),
        run_virtual(lambda: _measure("with deliveries", videos, True, 0.0)),
        run_virtual(lambda: _measure("with deliveries, 10 % lost", videos, True, 0.1)),
    ]
    polling, pushed, lossy = rows
    met = pushed.requests <= GOAL_REQUESTS and mean(pushed.delays) < GOAL_DELAY
    headlines = [
        f"With deliveries: {pushed.requests:.3f} requests per video at a mean detection "
        f"delay of {mean(pushed.delays):.1f} s, against {polling.requests:.2f} at "
        f"{mean(polling.delays):.1f} s polling only; it {'meets' if met else 'misses'} the "
        f"goal of at most {GOAL_REQUESTS} at under {GOAL_DELAY:g} s.",
        f"With a tenth of the deliveries lost (retried 5 s later): {lossy.requests:.3f} "
        f"requests per video, mean delay {mean(lossy.delays):.1f} s.",
    ]
    return Section(
        NAME,
        TITLE,
        method=(
            f"{videos:,} videos, render times log-uniform 30 s .. 20 min (the same renders "
            "in each run), all submitted at once to the in-process fake, waited for with "
            "`wait_for_video` on virtual time (trio), one client per run. With deliveries, "
            "the fake POSTs a signed success event carrying the URL to the client's "
            "receiver (in-process, `httpx.ASGITransport`) when each render ends; the "
            "waits keep polling, slowed. Requests are status reads of either kind plus "
            "event-log reads, counted by the fake."
        ),
        tables=[_table(rows)],
        headlines=headlines,
    )
