"""``HEYGEN_LOG``: the SDK prints to stderr when the application configured no
logging, once, metadata only, the key redacted; an application's own logging
only gets the level.

Each case runs in a fresh interpreter: logging's configuration is per process,
and pytest's own handlers sit on the root logger of this one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

KEY = "sk-live-Secret0123456789abcdefXYZ"
# One line of the stderr handler: "[2026-12-01 13:44:19,123 DEBUG heygen_async] ...".
LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING) heygen_async\] ")

PROGRAM = """
import asyncio, logging, sys

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen
from heygen_async.testing import Clock

KEY = {key!r}


class Instant(Clock):
    async def sleep(self, seconds: float) -> None:  # retries wait no real time
        pass


async def main() -> None:
    fake = FakeHeyGen(api_keys=[KEY])
{setup}
    for _ in range({clients}):
        async with fake.client(clock=Instant()) as client:
            video = await client.generate_video("Hello", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
            await client.get_video_status(video.video_id)
{after}
    handlers = logging.getLogger("heygen_async").handlers
    print("handlers:", [type(h).__name__ for h in handlers])
    print("level:", logging.getLevelName(logging.getLogger("heygen_async").level))


asyncio.run(main())
"""


def run(
    log: str | None, *, setup: str = "", after: str = "", clients: int = 1
) -> tuple[str, list[str]]:
    """(stdout, stderr lines) of the program with ``HEYGEN_LOG=log``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")}
    env["HEYGEN_API_KEY"] = KEY  # the key in the environment, as users set it
    if log is not None:
        env["HEYGEN_LOG"] = log
    code = PROGRAM.format(
        key=KEY,
        setup=textwrap.indent(textwrap.dedent(setup), "    "),
        after=textwrap.indent(textwrap.dedent(after), "        "),
        clients=clients,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr.splitlines()


def test_heygen_log_debug_prints_metadata_to_stderr_without_the_key() -> None:
    stdout, lines = run("debug")
    assert "handlers: ['StderrHandler']" in stdout and "level: DEBUG" in stdout
    assert lines and all(LINE.match(line) for line in lines), lines
    requests = [line.split("] ", 1)[1] for line in lines]
    assert requests[0].startswith("POST /v3/videos -> 200 (attempt 1, ")
    assert any(r.startswith("GET /v3/videos/") and " -> 200 (attempt 1, " in r for r in requests)
    text = "\n".join(lines)
    assert KEY not in text and KEY[:8] not in text and KEY[-8:] not in text
    assert "Hello" not in text  # metadata only: no bodies


def test_heygen_log_info_shows_retries_not_every_request() -> None:
    stdout, lines = run(
        "INFO",
        setup="""
        from heygen_async.testing import Fault
        fake.faults.force("status", Fault.server_error(503))
        """,
    )
    assert "level: INFO" in stdout
    assert len(lines) == 1 and LINE.match(lines[0]) and " INFO heygen_async] " in lines[0]
    assert re.search(
        r"\] retrying GET /v3/videos/\w+ after 503 in [\d.]+ s \(retry 1 of ", lines[0]
    )


def test_a_record_carrying_the_key_is_redacted_on_stderr() -> None:
    # The SDK's records hold no key; one that did (an application's child logger,
    # a hostile server's text in a traceback) still never reaches stderr whole.
    _, lines = run(
        "debug",
        after="""
        logging.getLogger("heygen_async.app").warning("sent %s", KEY)
        try:
            raise ValueError(f"echoed {KEY[4:20]}")
        except ValueError:
            logging.getLogger("heygen_async").exception("failed")
        # A key given as api_key= (not in the environment) is registered by the client.
        from heygen_async._logging import apply_env_log_level
        apply_env_log_level("sk-other-0123456789abcdef")
        logging.getLogger("heygen_async").info("other %s", "sk-other-0123456789abcdef")
        """,
    )
    text = "\n".join(lines)
    assert "sent [redacted]" in text and "echoed [redacted]" in text
    assert "other [redacted]" in text
    assert KEY not in text and KEY[4:20] not in text and "0123456789abcdef" not in text


def test_many_clients_add_one_handler_and_print_each_line_once() -> None:
    stdout, lines = run("debug", clients=3)
    assert "handlers: ['StderrHandler']" in stdout
    creates = [line for line in lines if "POST /v3/videos" in line]
    assert len(creates) == 3


def test_an_application_with_logging_gets_the_level_and_no_handler() -> None:
    stdout, lines = run(
        "debug",
        setup="""
        logging.basicConfig(format="app: %(name)s %(levelname)s %(message)s", stream=sys.stderr)
        """,
    )
    assert "handlers: []" in stdout and "level: DEBUG" in stdout
    assert lines and all(line.startswith("app: heygen_async DEBUG ") for line in lines), lines


def test_an_application_handler_on_the_sdk_logger_counts_as_logging() -> None:
    stdout, lines = run(
        "debug",
        setup="""
        mine = logging.StreamHandler(sys.stdout)
        logging.getLogger("heygen_async").addHandler(mine)
        """,
    )
    assert "handlers: ['StreamHandler']" in stdout and "POST /v3/videos -> 200" in stdout
    assert lines == []


def test_logging_configured_after_the_client_prints_each_line_once() -> None:
    _, lines = run(
        "debug",
        after="""
        logging.basicConfig(format="app: %(message)s", stream=sys.stderr)
        await client.get_video_status(video.video_id)
        """,
    )
    late = [line for line in lines if line.startswith("app: GET /v3/videos/")]
    assert len(late) == 1
    assert not any(LINE.match(line) for line in lines[lines.index(late[0]) :])


@pytest.mark.parametrize("log", [None, "", "  "])
def test_without_heygen_log_nothing_is_printed(log: str | None) -> None:
    stdout, lines = run(log)
    assert "handlers: []" in stdout and "level: NOTSET" in stdout
    assert lines == []


def test_an_invalid_heygen_log_is_reported_once_and_ignored() -> None:
    stdout, lines = run("verbose", clients=3)
    assert "handlers: []" in stdout and "level: NOTSET" in stdout
    assert lines == ["HEYGEN_LOG='verbose' is not one of debug, info, warning; ignored"]
