"""2. Import time: ``import heygen_async`` next to ``import httpx`` alone.

Each import runs in a fresh interpreter under ``python -X importtime``; the
figure is the cumulative time of the top-level module (everything it pulls in),
the median of several runs after one warm-up run (which also compiles the
bytecode caches). anyio and pydantic, the SDK's other two dependencies, are
shown for context: the SDK cannot import faster than its dependencies.
"""

from __future__ import annotations

import subprocess
import sys

from ._report import Section, Table, ms, ratio
from ._stats import median

NAME = "import"
TITLE = "2. Import time"
MODULES = ("heygen_async", "httpx", "anyio", "pydantic")


def import_seconds(module: str) -> tuple[float, float]:
    """One fresh interpreter's ``-X importtime`` figures for ``module``: its cumulative
    time, and the summed self time of its own submodules (``module`` and ``module.*``)."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    cumulative: float | None = None
    own = 0.0
    # Lines look like: "import time:       123 |      4567 |   heygen_async._client"
    for line in completed.stderr.splitlines():
        fields = [field.strip() for field in line.removeprefix("import time:").split("|")]
        if len(fields) != 3 or not fields[0].isdigit():
            continue
        name = fields[2]
        if name == module or name.startswith(module + "."):
            own += int(fields[0]) / 1e6
        if name == module:
            cumulative = int(fields[1]) / 1e6
    if cumulative is None:
        raise RuntimeError(f"no importtime line for {module!r}")
    return cumulative, own


def run(quick: bool) -> Section:
    runs = 3 if quick else 5
    medians: dict[str, float] = {}
    own_medians: dict[str, float] = {}
    for module in MODULES:
        import_seconds(module)  # warm-up: bytecode caches, disk cache
        samples = [import_seconds(module) for _ in range(runs)]
        medians[module] = median([cumulative for cumulative, _ in samples])
        own_medians[module] = median([own for _, own in samples])

    httpx_alone = medians["httpx"]
    table = Table(
        [
            "import",
            f"cumulative time (median of {runs})",
            "vs httpx alone",
            "of which the package's own modules",
        ]
    )
    for module in MODULES:
        table.add(
            f"`import {module}`",
            ms(medians[module]),
            ratio(medians[module], httpx_alone),
            ms(own_medians[module]),
        )
    sdk = medians["heygen_async"]
    return Section(
        NAME,
        TITLE,
        method=(
            "`python -X importtime -c 'import X'` in a fresh interpreter; cumulative "
            f"microseconds of the top-level module, median of {runs} runs after a warm-up. "
            "`heygen_async` includes httpx, anyio and pydantic. The last column sums the "
            "self time of the package's own modules (`X` and `X.*`)."
        ),
        tables=[table],
        headlines=[
            f"`import heygen_async` takes {ms(sdk)} vs {ms(httpx_alone)} for httpx alone "
            f"({ratio(sdk, httpx_alone)}); {ms(own_medians['heygen_async'])} of it is "
            "spent in the SDK's own modules (mostly pydantic building the models' "
            "validators), the rest importing its dependencies."
        ],
    )
