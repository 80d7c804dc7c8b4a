"""Argument parsing and dispatch of ``heygen-async``.

Options common to every command (``--api-key``, ``--api-version``, ``--json``,
``--debug``, ``--poll``, ``--poll-interval``, ``--timeout``) are accepted before
or after the command name. The flags of ``generate`` and ``avatar-iv`` are
derived from the SDK's declaration of the generate parameters (``_options``).
Errors end as one ``error: ...`` line on stderr and an exit code (see
``_exit``); ``--debug`` adds the traceback and the SDK's debug log.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
import traceback
from collections.abc import Awaitable, Callable, Sequence
from typing import NoReturn

import anyio

from .. import AsyncHeyGenClient, HeyGenError, InvalidRequestError, __version__
from ..params import avatar_iv_params, video_params
from ..settings import API_VERSIONS, DEFAULT_API_VERSION, ENV_API_VERSION
from . import _commands
from ._bulk_command import bulk
from ._context import POLL_PRESETS, make_client, resolve_api_key
from ._exit import INTERRUPTED, OK, USER_ERROR, UsageError, exit_code_for
from ._jobs_file import JobsFileError
from ._options import add_param_flags
from ._render import Output
from ._temporal import add_worker_options, bulk_on_temporal, temporal_command

Command = Callable[[AsyncHeyGenClient, argparse.Namespace, Output], Awaitable[int]]
INTERNAL_ERROR = 1
# The API versions the SDK has a backend for, newest first ("v3", "v2").


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so that a bad
    argument gives the same one-line error and exit code 2 as any other user error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _common_options(*, suppress: bool) -> _Parser:
    """The shared options; with ``suppress`` their defaults do not overwrite values
    given before the command name."""
    parser = _Parser(add_help=False)

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--api-key",
        default=default(None),
        metavar="KEY|-",
        help="HeyGen API key; '-' reads it from standard input. A key given here is "
        "visible to other users in ps: prefer $HEYGEN_API_KEY or --api-key-file",
    )
    parser.add_argument(
        "--api-key-file",
        default=default(None),
        metavar="FILE",
        help="read the API key from FILE (its first line)",
    )
    parser.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON for scripts"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="show tracebacks and the SDK's debug log",
    )
    parser.add_argument(
        "--poll",
        choices=POLL_PRESETS,
        default=default("standard"),
        help="status polling preset for waits (default: standard)",
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        default=default(None),
        metavar="SECONDS",
        help="poll every SECONDS instead (growing slowly); mainly for fake servers",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=default(None),
        metavar="SECONDS",
        help="deadline of one wait for a video (default 1800)",
    )
    parser.add_argument(
        "--api-version",
        choices=API_VERSIONS,
        default=default(None),
        help=f"HeyGen API version to speak (default: ${ENV_API_VERSION}, else "
        f"{DEFAULT_API_VERSION})",
    )
    return parser


def _add_generate_options(parser: argparse.ArgumentParser) -> None:
    """``generate``'s flags: one per ``generate_video`` parameter (see ``_options``)."""
    add_param_flags(parser, video_params())
    parser.add_argument(
        "--request",
        metavar="FILE",
        help="JSON object of generate_video arguments (flags given too override it)",
    )
    _add_wait_options(parser)


def _add_avatar_iv_options(parser: argparse.ArgumentParser) -> None:
    """``avatar-iv``'s flags: one per ``generate_avatar_iv_video`` parameter."""
    add_param_flags(parser, avatar_iv_params())
    parser.add_argument(
        "--image", metavar="FILE|URL", help="photo to upload first (instead of --image-key)"
    )
    parser.add_argument(
        "--request",
        metavar="FILE",
        help="JSON object of generate_avatar_iv_video arguments (flags given too override it)",
    )
    _add_wait_options(parser)


def _add_wait_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", action="store_true", help="wait until the video is rendered")
    parser.add_argument(
        "--download", metavar="DIR", help="wait, then download the MP4 into DIR (or to FILE.mp4)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(
        prog="heygen-async",
        description="HeyGen video API from the command line: list, generate, wait, "
        "download, and resumable bulk runs. Try: heygen-async demo",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"heygen-async {__version__}")
    common = _common_options(suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_text: str, *examples: str) -> argparse.ArgumentParser:
        lines = "\n".join(f"  heygen-async {example}" for example in examples)
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[common],
            epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return sub

    sub = add("avatars", "list your avatars (or talking photos)", "avatars --json | jq '.[0]'")
    sub.add_argument("--talking-photos", action="store_true", help="list talking photos instead")

    sub = add("voices", "list the voices", "voices --language en")
    sub.add_argument("--language", help="only voices whose language starts with this")

    sub = add("assets", "list your uploaded assets", "assets --type image --limit 20")
    sub.add_argument("--type", choices=("image", "video", "audio"), help="only assets of this kind")
    sub.add_argument(
        "--limit", type=int, default=100, metavar="N", help="at most N assets (default 100)"
    )

    sub = add("videos", "list your videos, newest first", "videos --limit 20 --json")
    sub.add_argument(
        "--limit", type=int, default=100, metavar="N", help="at most N videos (default 100)"
    )

    sub = add(
        "upload",
        "upload an image, video or audio file (or an http(s) URL)",
        "upload face.jpg   # prints the image key avatar-iv --image-key takes",
    )
    sub.add_argument("source", metavar="FILE|URL", help="a local file, or an http(s) URL")
    sub.add_argument("--content-type", help="e.g. image/jpeg (default: guessed)")

    sub = add(
        "generate",
        "submit an avatar video",
        'generate --script "Hi!" --avatar AVATAR_ID --voice VOICE_ID --download videos/',
    )
    _add_generate_options(sub)

    sub = add(
        "avatar-iv",
        "submit an Avatar IV video made from one photo",
        'avatar-iv --image face.jpg --script "Hi!" --voice VOICE_ID --wait',
    )
    _add_avatar_iv_options(sub)

    sub = add("status", "show a video's status", "status VIDEO_ID --json")
    sub.add_argument("video_id", metavar="ID", help="the video's id (generate prints it)")

    sub = add("wait", "wait until a video is rendered", "wait VIDEO_ID --timeout 900")
    sub.add_argument("video_id", metavar="ID", help="the video's id (generate prints it)")

    sub = add(
        "download",
        "download a finished video",
        "download VIDEO_ID videos/",
        "download VIDEO_ID intro.mp4 --caption",
    )
    sub.add_argument("video_id", metavar="ID", help="the video's id")
    sub.add_argument("path", metavar="DIR", help="directory (or FILE.mp4)")
    sub.add_argument("--caption", action="store_true", help="the version with burned-in captions")

    sub = add(
        "bulk",
        "generate every video of a CSV/JSONL file, resumably",
        "bulk jobs.csv --out videos/ --dry-run",
        "bulk jobs.csv --out videos/            # Ctrl-C, rerun: never pays twice",
    )
    sub.add_argument("jobs", metavar="JOBS", help="a .csv or .jsonl file, one video per row")
    sub.add_argument("--out", required=True, metavar="DIR", help="where videos and results go")
    sub.add_argument(
        "--journal", metavar="FILE", help="the run's journal (default: DIR/journal.sqlite)"
    )
    sub.add_argument(
        "--concurrency", type=int, metavar="N", help="jobs in flight at once (default: the SDK's)"
    )
    sub.add_argument("--no-download", action="store_true", help="only generate")
    sub.add_argument(
        "--resubmit-unsettled",
        action="store_true",
        help="send again jobs cut off by a crash whose video cannot be found "
        "(risk: a second, billed video)",
    )
    sub.add_argument("--retry-failed", action="store_true", help="send failed renders again")
    sub.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row and the journal, print what would be done; send nothing",
    )
    sub.add_argument(
        "--temporal",
        metavar="HOST:PORT",
        help="run on Temporal workers (heygen-async temporal worker) instead of here",
    )
    add_worker_options(sub)

    sub = add(
        "temporal",
        "run a Temporal worker for bulk runs (needs the temporal extra)",
        "temporal worker --address localhost:7233",
        "temporal worker --address localhost:7233 --task-queue videos",
    )
    sub.add_argument("action", choices=("worker",), help="worker: run until Ctrl-C/SIGTERM")
    sub.add_argument("--address", required=True, metavar="HOST:PORT", help="the Temporal server")
    add_worker_options(sub)
    sub.add_argument(
        "--max-activities",
        type=int,
        default=1000,
        metavar="N",
        help="activities at once on this worker (waits are cheap; default 1000)",
    )
    sub.add_argument(
        "--sticky-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long a run's next step waits for this worker before any worker takes "
        "it (Temporal's sticky queue; default 10): shorter moves on sooner after a crash",
    )

    sub = add(
        "webhooks",
        "receive HeyGen's webhook deliveries and print each event",
        "webhooks listen --secret whsec_... --port 8000",
    )
    from ._webhooks_command import add_webhooks_command

    add_webhooks_command(sub)

    commands.add_parser(
        "fake-server",
        help="serve a fake HeyGen API on loopback (heygen-async fake-server --help)",
        add_help=False,
    )

    sub = add(
        "demo",
        "bulk-generate ~20 videos on a built-in fake HeyGen (no key, no network)",
        "demo --count 50 --seconds 10",
    )
    sub.add_argument("--out", metavar="DIR", help="default: a new temporary directory")
    sub.add_argument("--count", type=int, default=20, help="videos to make (default 20)")
    sub.add_argument(
        "--seconds", type=float, default=6.0, help="about how long it runs (default 6)"
    )
    return parser


_CLIENT_COMMANDS: dict[str, Command] = {
    "avatars": _commands.avatars,
    "voices": _commands.voices,
    "assets": _commands.assets,
    "upload": _commands.upload,
    "generate": _commands.generate,
    "avatar-iv": _commands.avatar_iv,
    "status": _commands.status,
    "wait": _commands.wait,
    "download": _commands.download,
    "videos": _commands.videos,
}


def _dispatch(args: argparse.Namespace, out: Output) -> int:
    if args.command == "bulk" and args.temporal:
        return bulk_on_temporal(args, out)
    if args.command == "bulk":
        return bulk(args, out)
    if args.command == "temporal":
        return temporal_command(args, out)
    if args.command == "demo":
        from ._demo import demo

        return demo(args, out)
    if args.command == "webhooks":
        from ._webhooks_command import webhooks

        return webhooks(args, out)
    if args.command == "fake-server":  # options before it: the fake's own come after
        from ._fake_server import fake_server

        return fake_server([], out)
    command = _CLIENT_COMMANDS[args.command]

    async def run() -> int:
        async with make_client(args) as client:
            return await command(client, args, out)

    return anyio.run(run)


def _interrupted_on_310(error: BaseException) -> bool:
    """On Python 3.10, anyio.run turns Ctrl-C into the main task's CancelledError
    (it needs Task.uncancel, new in 3.11, to raise KeyboardInterrupt instead)."""
    if sys.version_info >= (3, 11):
        return False
    import asyncio

    return isinstance(error, asyncio.CancelledError)


def _root_cause(error: BaseException) -> BaseException:
    """The one error inside task-group exception groups (duck-typed: the built-in
    BaseExceptionGroup exists from Python 3.11 only)."""
    inner = getattr(error, "exceptions", None)
    while isinstance(inner, tuple) and len(inner) == 1 and isinstance(inner[0], BaseException):
        error = inner[0]
        inner = getattr(error, "exceptions", None)
    return error


def _in_flag_words(error: InvalidRequestError, args: argparse.Namespace) -> InvalidRequestError:
    """An SDK validation error about a value a flag gave (``limit: ...``), under the
    flag's name (``--limit: ...``)."""
    field = error.field
    message = str(error)
    if not field or not message.startswith(f"{field}: "):
        return error
    flag = _FLAG_OF_DEST.get(field)
    if flag is None or getattr(args, field, None) is None:
        return error
    return InvalidRequestError(
        f"{flag}: {message[len(field) + 2 :]}", field=field, allowed=error.allowed
    )


# Flags of the single-shot commands whose values the SDK validates itself.
_FLAG_OF_DEST = {"limit": "--limit", "video_id": "ID", "type": "--type"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``heygen-async`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    out = Output(as_json=False)
    debug = False
    args: argparse.Namespace | None = None
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        if arguments[:1] == ["fake-server"]:
            from ._fake_server import fake_server

            return fake_server(arguments[1:], out)
        args = build_parser().parse_args(arguments)
        debug = args.debug
        out = Output(as_json=args.json)
        if args.command is None:
            build_parser().print_help(sys.stderr)
            return USER_ERROR
        if debug:
            logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
            logging.getLogger("heygen_async").setLevel(logging.DEBUG)
        if args.command not in ("demo", "fake-server"):
            out.secret = resolve_api_key(args)
        return _dispatch(args, out)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else OK
    except KeyboardInterrupt:
        out.error("interrupted")
        return INTERRUPTED
    except BaseException as raised:
        error = _root_cause(raised)
        if isinstance(error, KeyboardInterrupt) or _interrupted_on_310(error):
            out.error("interrupted")
            return INTERRUPTED
        if debug:
            # Redacted like every other line: a server may have echoed the key.
            sys.stderr.write(out.clean("".join(traceback.format_exception(raised))))
        if isinstance(error, JobsFileError) and len(error.problems) > 1:
            for problem in error.problems:
                out.problem(problem)
        if isinstance(error, InvalidRequestError) and args is not None:
            error = _in_flag_words(error, args)
        if isinstance(error, (HeyGenError, UsageError, OSError)):
            out.error(_commands.error_in_cli_words(error))
            return exit_code_for(error)
        if isinstance(error, sqlite3.Error):
            out.error(
                f"the bulk journal failed: {error}; nothing more was sent. If the file is "
                "damaged, move it aside and check the results before rerunning "
                "(docs/bulk-runs.md)"
            )
            return USER_ERROR
        if not isinstance(error, Exception):
            raise
        out.error(
            f"unexpected {type(error).__name__}: {error} (run with --debug for the traceback)"
        )
        return INTERNAL_ERROR


__all__ = ["build_parser", "main"]
