"""``heygen-async demo``: a whole bulk run on a built-in fake HeyGen, offline.

No API key and no network: the SDK talks to ``heygen_async.testing.FakeHeyGen``
in-process, with time sped up so that renders of 30 s to 10 min finish within
seconds, and with a few realistic faults (a 503 now and then, downloads cut off
midway) that the SDK rides out. It runs the same code as ``bulk``: journal,
progress, downloads into ``--out`` and ``results.csv``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from .. import AsyncHeyGenClient
from ..settings import DEFAULT_API_VERSION
from ..workflows import PollPolicy
from ._bulk_command import JOURNAL_FILE, RESULTS_FILE, BulkCommand
from ._bulk_runner import BulkOptions
from ._exit import UsageError
from ._jobs_file import JobRow
from ._render import Output

# Fake seconds a demo of default size takes (two waves of renders of up to 10 min
# on a plan that renders 10 at a time); the time scale squeezes it into --seconds.
_DEMO_FAKE_SECONDS = 1200.0
_RENDER_SECONDS = (30.0, 600.0)
_MAX_COUNT = 500
_SCRIPTS = (
    "Welcome to our product tour. Today you will see what is new.",
    "Thanks for signing up! Here is how to get started in three steps.",
    "Your order has shipped. Here is what happens next.",
    "Meet the team behind the product, and what drives us.",
    "A quick tip: keyboard shortcuts save you an hour a week.",
)


# Every this many jobs, one is a template video (where the API version has them).
_TEMPLATE_EVERY = 3


def demo_jobs(count: int, *, templates: bool = False) -> list[JobRow]:
    """``count`` one-scene videos with the fake's sample avatar and voice; with
    ``templates``, every third is made from the fake's sample template instead."""
    from ..testing import SAMPLE_AVATAR_ID, SAMPLE_TEMPLATE_ID, SAMPLE_VOICE_ID

    width = len(str(count))
    jobs = []
    for number in range(1, count + 1):
        key = f"demo-{number:0{width}d}"
        kwargs: dict[str, Any] = {
            "script": _SCRIPTS[(number - 1) % len(_SCRIPTS)],
            "avatar_id": SAMPLE_AVATAR_ID,
            "voice_id": SAMPLE_VOICE_ID,
            "title": f"Demo video {number}",
        }
        if templates and number % _TEMPLATE_EVERY == 0:
            kwargs = {
                "template_id": SAMPLE_TEMPLATE_ID,
                "variables": {"name": f"viewer {number}"},
                "title": f"Demo template video {number}",
            }
        jobs.append(JobRow(line=number, key=key, kwargs=kwargs))
    return jobs


def scaled_poll(scale: float) -> PollPolicy:
    """The default polling schedule, sped up like the fake's clock."""
    default = PollPolicy()
    return PollPolicy(
        first_delay=default.first_delay / scale,
        initial_interval=default.initial_interval / scale,
        multiplier=default.multiplier,
        max_interval=default.max_interval / scale,
        jitter=default.jitter,
        timeout=4 * _DEMO_FAKE_SECONDS / scale,
    )


def demo(args: argparse.Namespace, out: Output) -> int:
    """The ``demo`` command."""
    from ..testing import FakeHeyGen, Fault, FaultPlan

    if not 1 <= args.count <= _MAX_COUNT:
        raise UsageError(f"--count: must be from 1 to {_MAX_COUNT}")
    if args.seconds <= 0:
        raise UsageError("--seconds: must be > 0")
    scale = _DEMO_FAKE_SECONDS / args.seconds
    # "status" is one video's read (v2 polls with it), "statuses" the bulk read v3
    # polls with: both get their 503s, whichever version runs.
    faults = (
        FaultPlan(seed=7)
        .add("status", Fault.server_error(503), share=0.03)
        .add("statuses", Fault.server_error(503), share=0.05)
        .add("download", Fault.truncated_body(), share=0.15)
    )
    api_version = args.api_version or DEFAULT_API_VERSION
    fake = FakeHeyGen(seed=7, time_scale=scale, render_seconds=_RENDER_SECONDS, faults=faults)
    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="heygen-demo-"))
    out.note(
        f"demo: {args.count} videos on a built-in fake HeyGen (API {api_version}, "
        f"time x{scale:.0f})"
    )
    out.note(f"in-process: no API key, no network; output in {out_dir}")

    def client() -> AsyncHeyGenClient:
        # Explicit hosts and key: the demo ignores HEYGEN_* variables on purpose.
        return AsyncHeyGenClient(
            api_key=fake.api_key,
            base_url="https://api.heygen.com",
            upload_url="https://upload.heygen.com",
            http_client=fake.http_client(),
            poll=scaled_poll(scale),
            # --api-version, else the SDK's default (the fake speaks every version);
            # HEYGEN_API_VERSION is ignored like the other variables.
            api_version=api_version,
        )

    templates = client().capabilities.templates
    jobs = demo_jobs(args.count, templates=templates)
    if templates:
        made = sum(1 for job in jobs if job.is_template)
        out.note(f"{made} of them from a template (template_id + variables.name)")
    options = BulkOptions(out_dir=out_dir, concurrency=None, poll=scaled_poll(scale))
    code = BulkCommand(jobs, options, out_dir / JOURNAL_FILE, out, client).run()
    counters = fake.counters
    faults_seen = counters.faults_by_kind()
    # Two short lines rather than one that wraps at 80 columns.
    out.note(
        f"fake HeyGen saw {counters.videos_created} generation(s), "
        f"{sum(counters.status_calls.values()) + counters.statuses_calls} status request(s), "
        f"{sum(counters.downloads.values())} download(s)"
    )
    out.note(
        f"and survived {faults_seen['server_error']} injected 503(s) and "
        f"{faults_seen['truncated_body']} cut-off download(s)"
    )
    out.note(f"videos and {RESULTS_FILE} are in {out_dir}")
    return code


__all__ = ["demo", "demo_jobs", "scaled_poll"]
