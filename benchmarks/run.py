"""Run the benchmarks, print the results and write them as Markdown.

::

    python -m benchmarks                  # everything, full size (~10 minutes on 2 CPUs)
    python benchmarks/run.py --quick      # everything at small N (about a minute; CI)
    python benchmarks/run.py --only polling,bulk --out /tmp/RESULTS.md

Where the report goes: ``--out PATH`` writes it to PATH; otherwise a full run of
every benchmark writes the committed ``benchmarks/RESULTS.md``, and a ``--quick``
or ``--only`` run writes nothing (it only prints) unless ``--write`` asks for
``benchmarks/RESULTS.md``. So CI's ``--quick`` never rewrites the committed figures.

The import benchmark starts its interpreters from a venv holding only the SDK's
runtime dependencies (a development venv has rich, which httpx's command-line hook
imports). It is built on first use with ``python -m venv`` + ``pip install`` (from
PyPI, or, offline, by linking the distributions installed here) and cached under
``$HEYGEN_BENCH_CACHE`` (default ``<tempdir>/heygen-async-benchmarks``); later runs,
``--quick`` included, reuse it. If it cannot be made, the section says so and uses
this interpreter.

Figures are min / median / max over rounds, each round's ratio taken against the
baseline measured in the same round.

A benchmark whose SDK piece is missing is reported as skipped; one that fails is
reported as failed and makes the exit code 1. No benchmark asserts a timing.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

if __package__ in (None, ""):  # run as a script (python benchmarks/run.py): find the package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._environment import describe
from benchmarks._report import BenchmarkSkipped, Section

BENCHMARKS_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = BENCHMARKS_DIR / "RESULTS.md"

# Benchmark name -> module (in the order: 1 .. 6).
MODULES = {
    "overhead": "benchmarks.request_overhead",
    "import": "benchmarks.import_time",
    "polling": "benchmarks.polling",
    "scale": "benchmarks.scale",
    "facade": "benchmarks.sync_facade",
    "bulk": "benchmarks.bulk",
    "webhooks": "benchmarks.webhooks",
}


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="heygen-async benchmarks: the SDK side by side with its baselines.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small N: every benchmark, under a minute"
    )
    parser.add_argument(
        "--only",
        default="",
        metavar="NAME[,NAME]",
        help=f"run only these benchmarks ({', '.join(MODULES)})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"write the Markdown report here (default: {DEFAULT_OUT} for a full run of "
        "everything, nowhere for --quick or --only)",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"write {DEFAULT_OUT} even after --quick or --only (ignored with --out)",
    )
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(names) - set(MODULES))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    args.names = names or list(MODULES)
    if args.out is None and (args.write or not (args.quick or names)):
        args.out = DEFAULT_OUT
    return args


def _run_one(name: str, quick: bool) -> Section:
    """Run one benchmark; a missing piece or a failure becomes the section's text."""
    started = time.perf_counter()
    module: ModuleType | None = None
    try:
        module = importlib.import_module(MODULES[name])
        section: Section = module.run(quick)
    except BenchmarkSkipped as skip:
        section = Section(name, getattr(module, "TITLE", name), skipped=str(skip))
    except ImportError as exc:
        section = Section(name, getattr(module, "TITLE", name), skipped=f"import failed: {exc}")
    except Exception as exc:
        traceback.print_exc()
        section = Section(name, getattr(module, "TITLE", name), error=repr(exc))
    section.seconds = time.perf_counter() - started
    return section


def _command(argv: Sequence[str] | None) -> str:
    shown = list(sys.argv[1:] if argv is None else argv)
    shown = [
        arg
        for i, arg in enumerate(shown)
        if arg not in ("--out", "--write") and shown[i - 1 : i] != ["--out"]
    ]
    return " ".join(["python -m benchmarks", *shown])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks; print and write the report. 1 if any failed."""
    args = _parse_args(argv)
    mode = "quick" if args.quick else "full"
    print(f"heygen-async benchmarks ({mode}): {', '.join(args.names)}", flush=True)
    started = time.perf_counter()
    sections: list[Section] = []
    for name in args.names:
        print(f"\n... running {name}", flush=True)
        section = _run_one(name, args.quick)
        sections.append(section)
        print(section.to_markdown(), flush=True)

    header = [
        "# heygen-async benchmarks",
        "",
        "Every figure below is measured in one run, side by side with its baseline "
        "(raw httpx, naive polling, a sequential loop, the computed ideal). "
        "Reproduce with the command shown, from the repository root."
        + (" **Quick mode: small N, indicative only.**" if args.quick else ""),
        "",
        "| | |",
        "|---|---|",
        *[f"| {label} | {value} |" for label, value in describe(_command(argv))],
        f"| Total run time | {time.perf_counter() - started:.0f} s |",
    ]
    report = "\n".join(header) + "\n\n" + "\n\n".join(s.to_markdown() for s in sections) + "\n"
    if args.out is None:
        print(f"\nnot written (--quick/--only; pass --out PATH or --write for {DEFAULT_OUT})")
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
        print(f"\nwrote {args.out}", flush=True)
    return 1 if any(section.error is not None for section in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
