"""``heygen-async fake-server``: the fake HeyGen of ``heygen_async.testing`` on
loopback, with that server's options (``--port``, ``--time-scale``,
``--render-seconds``, ``--fault``, ...; see ``heygen-async fake-server --help``).

A port already in use is one ``error:`` line (exit 2), not a traceback.
"""

from __future__ import annotations

import argparse
import socket
from collections.abc import Sequence
from typing import NoReturn

from ._exit import USER_ERROR, UsageError
from ._render import Output

PROG = "heygen-async fake-server"
EXAMPLES = """examples:
  heygen-async fake-server --port 8765 --time-scale 600
  heygen-async fake-server --port 0 --fault status=429:2@0.1 --fault generate=latency:0.3@1
"""


def _parser() -> argparse.ArgumentParser:
    from ..testing.__main__ import build_parser

    parser = build_parser()
    parser.prog = PROG
    parser.epilog = EXAMPLES
    parser.formatter_class = argparse.RawDescriptionHelpFormatter

    def error(message: str) -> NoReturn:
        raise UsageError(f"{PROG}: {message} (see --help)")

    parser.error = error  # type: ignore[method-assign]
    return parser


def port_is_free(host: str, port: int) -> bool:
    """True when ``host:port`` can be listened on (0 always can)."""
    if port == 0:
        return True
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def fake_server(argv: Sequence[str], out: Output) -> int:
    """Parse the fake's options, check the port, serve until Ctrl-C."""
    try:
        import uvicorn  # noqa: F401 - only checking the extra is installed
    except ImportError:
        out.error("fake-server needs the server extra: pip install 'heygen-async[server]'")
        return USER_ERROR
    parser = _parser()
    args = parser.parse_args(list(argv))
    if not port_is_free(args.host, args.port):
        raise UsageError(
            f"fake-server: port {args.port} on {args.host} is already in use; pass another "
            "--port (or --port 0 for a free one)"
        )
    from ..testing.__main__ import main as serve

    try:
        return serve(list(argv))
    except RuntimeError as exc:  # it did not start (the port was taken meanwhile)
        raise UsageError(f"fake-server: {exc}") from None


__all__ = ["fake_server", "port_is_free"]
