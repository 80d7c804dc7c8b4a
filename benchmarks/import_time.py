"""2. Import time, and the time to the first completed request, next to httpx.

Every figure comes from a fresh interpreter of a venv holding only the SDK's
runtime dependencies (see ``_core_venv``: in a development venv ``import httpx``
also imports rich, through httpx's command-line hook, which would flatter the
SDK). The SDK is imported from the checkout (``PYTHONPATH``).

a) Import: each statement runs in its own fresh interpreter, timed in-process
   with ``time.perf_counter()`` around the statement alone (interpreter start-up
   excluded), with the number of modules it loaded. ``import httpx`` is the
   baseline; the statements run in turn, round after round, after one warm-up
   round (bytecode caches, the disk cache), and each round's ratio is taken
   against that round's ``import httpx``.
b) First request: a fresh interpreter imports, builds a client and makes one
   status call against the loopback fake (a child process on 127.0.0.1): the
   SDK's ``get_video_status`` (v3, the default) next to raw httpx reading the same
   ``GET /v3/videos/{id}``, async (``asyncio.run``) and sync. Timed from the
   program's first line to the call's answer; the process's whole wall time,
   interpreter start-up and exit included, is shown too.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ._core_venv import CoreEnv, core_env
from ._fake_server import FakeServer, fake_server_process
from ._report import Section, Table, ms, ms_spread, ratio, ratio_spread
from ._stats import Spread, median, paired_ratios

NAME = "import"
TITLE = "2. Import time and time to the first request"

# (statement, label); the first is the baseline.
IMPORTS: tuple[tuple[str, str], ...] = (
    ("import httpx", "`import httpx` (baseline)"),
    ("import heygen_async", "`import heygen_async`"),
    ("from heygen_async import AsyncHeyGenClient", "`from heygen_async import AsyncHeyGenClient`"),
    (
        "import heygen_async; heygen_async.HeyGenClient",
        "`import heygen_async; heygen_async.HeyGenClient`",
    ),
    (
        "import httpx, anyio; from pydantic import BaseModel",
        "the SDK's dependencies alone: `import httpx, anyio; from pydantic import BaseModel`",
    ),
    (
        "import httpx, anyio; from pydantic import BaseModel; "
        "from heygen_async import AsyncHeyGenClient",
        "the dependencies, then the client: `import httpx, anyio; from pydantic import "
        "BaseModel; from heygen_async import AsyncHeyGenClient`",
    ),
)
# Issue 24 item 2: the client's import over its dependencies' (IMPORTS[4]). The client
# alone (IMPORTS[2]) no longer loads pydantic, so it is also measured after them
# (IMPORTS[5]): what the SDK adds to a program that has its dependencies loaded.
DEPENDENCIES, DEPENDENCIES_THEN_CLIENT = IMPORTS[4][0], IMPORTS[5][0]

_IMPORT_PROGRAM = """\
import sys, time
_before = set(sys.modules)
_started = time.perf_counter()
{statement}
_seconds = time.perf_counter() - _started
_new = set(sys.modules) - _before
import json
print(json.dumps({{
    "seconds": _seconds,
    "modules": len(_new),
    "own": sum(1 for m in _new if m == "heygen_async" or m.startswith("heygen_async.")),
    "pydantic": "pydantic" in _new, "asyncio": "asyncio" in _new,
    "sync": "heygen_async._sync" in _new,
}}))
"""

# The first request: argv = base URL, API key, video id. ``_t0`` is the first line;
# each program prints its marks: imports done, client built, answer read.
_FIRST_PROGRAMS: dict[str, tuple[str, str]] = {
    "raw_async": (
        "raw `httpx.AsyncClient` + `asyncio.run` (baseline)",
        """\
import time; _t0 = time.perf_counter()
import asyncio, sys
import httpx
_marks = [time.perf_counter()]
async def main():
    url, key, video_id = sys.argv[1:4]
    async with httpx.AsyncClient(base_url=url, headers={"X-Api-Key": key}) as client:
        _marks.append(time.perf_counter())
        response = await client.get(f"/v3/videos/{video_id}")
        response.raise_for_status()
        assert response.json()["data"]
        _marks.append(time.perf_counter())
asyncio.run(main())
print([m - _t0 for m in _marks])
""",
    ),
    "sdk_async": (
        "`AsyncHeyGenClient.get_video_status` + `asyncio.run`",
        """\
import time; _t0 = time.perf_counter()
import asyncio, sys
from heygen_async import AsyncHeyGenClient
_marks = [time.perf_counter()]
async def main():
    url, key, video_id = sys.argv[1:4]
    async with AsyncHeyGenClient(api_key=key, base_url=url, upload_url=url) as client:
        _marks.append(time.perf_counter())
        assert (await client.get_video_status(video_id)).video_id
        _marks.append(time.perf_counter())
asyncio.run(main())
print([m - _t0 for m in _marks])
""",
    ),
    "raw_sync": (
        "raw `httpx.Client` (baseline)",
        """\
import time; _t0 = time.perf_counter()
import sys
import httpx
_marks = [time.perf_counter()]
url, key, video_id = sys.argv[1:4]
with httpx.Client(base_url=url, headers={"X-Api-Key": key}) as client:
    _marks.append(time.perf_counter())
    response = client.get(f"/v3/videos/{video_id}")
    response.raise_for_status()
    assert response.json()["data"]
    _marks.append(time.perf_counter())
print([m - _t0 for m in _marks])
""",
    ),
    "sdk_sync": (
        "`HeyGenClient.get_video_status` (sync facade)",
        """\
import time; _t0 = time.perf_counter()
import sys
from heygen_async import HeyGenClient
_marks = [time.perf_counter()]
url, key, video_id = sys.argv[1:4]
with HeyGenClient(api_key=key, base_url=url, upload_url=url) as client:
    _marks.append(time.perf_counter())
    assert client.get_video_status(video_id).video_id
    _marks.append(time.perf_counter())
print([m - _t0 for m in _marks])
""",
    ),
}
_PAIRS = (("sdk_async", "raw_async"), ("sdk_sync", "raw_sync"))


@dataclass
class ImportRun:
    seconds: float
    modules: int
    own: int
    pydantic: bool
    asyncio: bool
    sync: bool


def _import_once(env: CoreEnv, statement: str) -> ImportRun:
    out = subprocess.run(
        [env.python, "-c", _IMPORT_PROGRAM.format(statement=statement)],
        capture_output=True,
        text=True,
        check=True,
        env=env.env(),
    ).stdout
    return ImportRun(**json.loads(out.splitlines()[-1]))


@dataclass
class FirstRun:
    seconds: float  # program start -> the call's answer
    process: float  # the whole process, interpreter start-up and exit included
    imported: float  # program start -> imports done
    built: float  # imports done -> client built (``__init__``, ``__enter__``)

    @property
    def call(self) -> float:
        """Client built -> the first call's answer read."""
        return self.seconds - self.imported - self.built


def _first_once(env: CoreEnv, program: str, server: FakeServer, video_id: str) -> FirstRun:
    started = time.perf_counter()
    out = subprocess.run(
        [env.python, "-c", program, server.base_url, server.api_key, video_id],
        capture_output=True,
        text=True,
        check=True,
        env=env.env(),
        timeout=120,
    ).stdout
    imported, built, answered = json.loads(out.splitlines()[-1])
    return FirstRun(answered, time.perf_counter() - started, imported, built - imported)


def _rotated(items: Sequence[str], round_number: int) -> list[str]:
    """The contenders in a different order each round (none always runs first)."""
    shift = round_number % len(items)
    return [*items[shift:], *items[:shift]]


def _imports(env: CoreEnv, rounds: int) -> dict[str, list[ImportRun]]:
    statements = [statement for statement, _ in IMPORTS]
    for statement in statements:  # warm-up: bytecode caches, disk cache
        _import_once(env, statement)
    runs: dict[str, list[ImportRun]] = {statement: [] for statement in statements}
    for round_number in range(rounds):
        for statement in _rotated(statements, round_number):
            runs[statement].append(_import_once(env, statement))
    return runs


def _make_video(server: FakeServer) -> str:
    import anyio

    from heygen_async import AsyncHeyGenClient
    from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

    async def make() -> str:
        async with AsyncHeyGenClient(
            api_key=server.api_key, base_url=server.base_url, upload_url=server.base_url
        ) as client:
            video = await client.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
            await anyio.sleep(0.2)  # the fake runs fast: the status carries the URLs
            return video.video_id

    return anyio.run(make)


def _first_requests(env: CoreEnv, rounds: int) -> dict[str, list[FirstRun]]:
    names = list(_FIRST_PROGRAMS)
    with fake_server_process(time_scale=100_000.0) as server:
        video_id = _make_video(server)
        for name in names:  # warm-up
            _first_once(env, _FIRST_PROGRAMS[name][1], server, video_id)
        runs: dict[str, list[FirstRun]] = {name: [] for name in names}
        for round_number in range(rounds):
            for name in _rotated(names, round_number):
                runs[name].append(_first_once(env, _FIRST_PROGRAMS[name][1], server, video_id))
    return runs


def run(quick: bool) -> Section:
    import_rounds, first_rounds = (5, 3) if quick else (20, 10)
    env = core_env()
    imports = _imports(env, import_rounds)
    firsts = _first_requests(env, first_rounds)

    baseline = [r.seconds for r in imports[IMPORTS[0][0]]]
    import_table = Table(
        [
            "import (fresh interpreter)",
            "time min / median / max",
            "vs `import httpx` min / median / max",
            "modules loaded",
            "of them the SDK's",
            "loads pydantic / asyncio / sync facade",
        ]
    )
    spreads: dict[str, Spread] = {}
    for statement, label in IMPORTS:
        runs = imports[statement]
        spreads[statement] = paired_ratios([r.seconds for r in runs], baseline)
        last = runs[-1]
        import_table.add(
            label,
            ms_spread(Spread.of([r.seconds for r in runs])),
            ratio_spread(spreads[statement]),
            last.modules,
            last.own,
            " / ".join(
                "yes" if flag else "no" for flag in (last.pydantic, last.asyncio, last.sync)
            ),
        )

    first_table = Table(
        [
            "import + client + one status call (fresh interpreter)",
            "to the answer, min / median / max",
            "vs raw httpx min / median / max",
            "of it: imports / client / first call (medians)",
            "whole process (median)",
            "whole process vs raw httpx (median)",
        ]
    )
    first_spreads: dict[str, Spread] = {}
    for sdk, raw in _PAIRS:
        for name in (raw, sdk):
            runs = firsts[name]
            first_spreads[name] = paired_ratios(
                [r.seconds for r in runs], [r.seconds for r in firsts[raw]]
            )
            process = median([r.process for r in runs])
            first_table.add(
                _FIRST_PROGRAMS[name][0],
                ms_spread(Spread.of([r.seconds for r in runs])),
                ratio_spread(first_spreads[name]),
                " / ".join(
                    ms(median([getattr(r, phase) for r in runs]))
                    for phase in ("imported", "built", "call")
                ),
                ms(process),
                ratio(process, median([r.process for r in firsts[raw]])),
            )

    def mid(statement: str) -> float:
        return median([r.seconds for r in imports[statement]])

    def first_mid(name: str) -> float:
        return median([r.seconds for r in firsts[name]])

    top, client_import, facade = (IMPORTS[1][0], IMPORTS[2][0], IMPORTS[3][0])
    # Issue 24 item 2 compares the client's import with its dependencies' alone.
    deps = [r.seconds for r in imports[DEPENDENCIES]]
    over_deps = paired_ratios([r.seconds for r in imports[client_import]], deps)
    with_deps = paired_ratios([r.seconds for r in imports[DEPENDENCIES_THEN_CLIENT]], deps)
    last_client, last_deps = imports[client_import][-1], imports[DEPENDENCIES][-1]
    last_both = imports[DEPENDENCIES_THEN_CLIENT][-1]
    headlines = [
        f"`import heygen_async`: {ms(mid(top))} vs {ms(mid(IMPORTS[0][0]))} for `import httpx`, "
        f"{ratio(spreads[top].mid, 1.0)} (rounds {ratio_spread(spreads[top])}); goal at most 1.3x. "
        "It loads the package's public names on first use: no pydantic, no asyncio, no "
        "sync facade.",
        f"`from heygen_async import AsyncHeyGenClient`: {ms(mid(client_import))}, "
        f"{ratio(spreads[client_import].mid, 1.0)} httpx; the SDK's dependencies (httpx, "
        f"anyio, pydantic's `BaseModel`) take {ms(mid(DEPENDENCIES))} "
        f"({ratio(spreads[DEPENDENCIES].mid, 1.0)}), the client imported after them "
        f"{ms(mid(DEPENDENCIES_THEN_CLIENT))} in all. Adding the sync facade: "
        f"{ms(mid(facade))} ({ratio(spreads[facade].mid, 1.0)}).",
        f"`from heygen_async import AsyncHeyGenClient` over its dependencies' import in the "
        f"same round: {ratio(over_deps.mid, 1.0)} (rounds {ratio_spread(over_deps)}; goal at "
        f"most 1.15x), {last_client.modules - last_deps.modules:+d} modules "
        f"({last_client.own} of them the SDK's; pydantic "
        f"{'loaded' if last_client.pydantic else 'not loaded'}). The dependencies, then the "
        f"client, over the dependencies alone: {ratio(with_deps.mid, 1.0)} "
        f"(rounds {ratio_spread(with_deps)}; goal at most 1.15x), "
        f"{last_both.modules - last_deps.modules:+d} modules ({last_both.own} the SDK's).",
        f"First completed request, async: {ms(first_mid('sdk_async'))} (SDK) vs "
        f"{ms(first_mid('raw_async'))} (raw httpx), {ratio(first_spreads['sdk_async'].mid, 1.0)} "
        f"(rounds {ratio_spread(first_spreads['sdk_async'])}); sync: "
        f"{ms(first_mid('sdk_sync'))} vs {ms(first_mid('raw_sync'))}, "
        f"{ratio(first_spreads['sdk_sync'].mid, 1.0)}.",
    ]
    fallback = (
        ""
        if env.core_only
        else " **The core-only venv could not be made: these figures come from the "
        "development interpreter, where httpx imports rich.**"
    )
    return Section(
        NAME,
        TITLE,
        method=(
            f"Interpreter: {env.describe()}; the SDK from the checkout on `PYTHONPATH`."
            f"{fallback} (a) Each statement in a fresh interpreter, timed in-process around "
            f"the statement alone; {import_rounds} rounds after a warm-up round, the "
            "statements in turn (rotated each round), each ratio against the same round's "
            "`import httpx`; module counts from the last round. (b) A fresh interpreter "
            "imports, builds a client and makes one status call against the loopback fake "
            "(127.0.0.1, a child process): timed from the program's first line to the "
            f"answer; {first_rounds} rounds after a warm-up, rotated, each ratio against the "
            "same round's raw httpx (`GET /v3/videos/{id}`, the SDK's v3 call). "
            '"Whole process" adds interpreter start-up and exit.'
        ),
        tables=[import_table, first_table],
        headlines=headlines,
    )
