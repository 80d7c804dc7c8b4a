"""Serve a fake HeyGen on loopback: ``python -m heygen_async.testing --port 8765``.

Prints the base URL (and the env vars that point the SDK at it), then serves
until Ctrl-C. Needs the ``server`` extra (uvicorn).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence

from . import _defaults as defaults
from ._endpoints import ENDPOINTS
from ._fake import FakeHeyGen
from .server._faults import Fault, FaultPlan
from .server._loopback import LOOPBACK_HOSTS, serve_loopback


def _fault_rule(text: str) -> tuple[str, Fault, float]:
    """``ENDPOINT=SPEC@SHARE``, e.g. ``status=429:2@0.1`` or ``*=503@0.02``."""
    try:
        endpoint, _, rest = text.partition("=")
        spec, _, share = rest.rpartition("@")
        if endpoint not in ENDPOINTS or not spec:
            raise ValueError(endpoint)
        return endpoint, Fault.parse(spec), float(share)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"bad --fault {text!r} ({exc}); expected ENDPOINT=SPEC@SHARE, e.g. status=429:2@0.1"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m heygen_async.testing",
        description="Serve a fake HeyGen API on loopback for demos, tests and benchmarks.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        choices=LOOPBACK_HOSTS,
        help="the loopback address to listen on (never a public one)",
    )
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the random render times and failures"
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=defaults.TIME_SCALE,
        help="fake seconds per real second (600: a 10-minute render takes 1 s)",
    )
    parser.add_argument(
        "--render-seconds",
        type=float,
        nargs=2,
        metavar=("LOW", "HIGH"),
        default=(defaults.RENDER_SECONDS_MIN, defaults.RENDER_SECONDS_MAX),
        help="log-uniform render time range, fake seconds",
    )
    parser.add_argument(
        "--max-concurrent-renders",
        type=int,
        default=defaults.MAX_CONCURRENT_RENDERS,
        help="renders in flight (0: unlimited)",
    )
    parser.add_argument(
        "--job-limit-retry-after",
        type=float,
        default=defaults.JOB_LIMIT_RETRY_AFTER,
        metavar="SECONDS",
        help="Retry-After of a v3 create refused at the job limit "
        "(default: the exact time until a render slot frees)",
    )
    parser.add_argument(
        "--failure-rate",
        type=float,
        default=defaults.FAILURE_RATE,
        help="share of renders that end as failed (0 to 1)",
    )
    parser.add_argument(
        "--api-key", action="append", dest="api_keys", help="accept only these keys (repeatable)"
    )
    parser.add_argument(
        "--fault",
        action="append",
        type=_fault_rule,
        default=[],
        metavar="ENDPOINT=SPEC@SHARE",
        help="inject a fault, e.g. status=429:2@0.1, *=503@0.02, download=truncated@0.5, "
        "generate=latency:0.3@1 (repeatable; specs: see Fault.parse)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        plan = FaultPlan(args.seed)
        for endpoint, fault, share in args.fault:
            plan.add(endpoint, fault, share)
        fake = FakeHeyGen(
            api_keys=args.api_keys,
            seed=args.seed,
            time_scale=args.time_scale,
            render_seconds=(args.render_seconds[0], args.render_seconds[1]),
            max_concurrent_renders=args.max_concurrent_renders or None,
            job_limit_retry_after=args.job_limit_retry_after,
            failure_rate=args.failure_rate,
            faults=plan,
        )
    except ValueError as exc:
        parser.error(str(exc))
    with serve_loopback(fake, args.host, args.port) as server:
        print(f"Fake HeyGen listening on {server.base_url}", flush=True)
        print(
            f"  export HEYGEN_BASE_URL={server.base_url} HEYGEN_UPLOAD_URL={server.upload_url} "
            f"HEYGEN_API_KEY={fake.api_key}",
            flush=True,
        )
        print("Press Ctrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
