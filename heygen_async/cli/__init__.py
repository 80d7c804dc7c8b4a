"""The ``heygen-async`` command line (install the ``[cli]`` extra).

::

    heygen-async demo                                   # no key, no network
    heygen-async voices --json --api-key-file ~/.heygen.key
    heygen-async generate --script "Hi!" --avatar ID --voice ID --download videos/
    heygen-async bulk jobs.csv --out videos/ --dry-run  # check every row, send nothing
    heygen-async bulk jobs.csv --out videos/            # Ctrl-C, rerun it: never pays twice

``main(argv)`` runs it in-process and returns the exit code (0 success, 2 user
error, 3 API error, 4 timeout, 130 interrupted); see docs/cli.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import AsyncHeyGenClient


def main(
    argv: Sequence[str] | None = None,
    *,
    client_factory: Callable[..., AsyncHeyGenClient] | None = None,
) -> int:
    """Run ``heygen-async`` with ``argv`` (default: the process arguments).

    ``client_factory`` builds the client every command of this run uses: it is
    called with the client's keyword arguments (``api_key``, ``poll``, ...) in
    place of ``AsyncHeyGenClient``. Tests route the command line to a fake HeyGen
    with it, and may put its waits on a clock of theirs (``FakeHeyGen.client``'s
    ``clock``, or ``heygen_async.testing.use_clock``: a ``Clock`` whose sleeps
    pass at once, since the command runs its own event loop)::

        fake = FakeHeyGen()
        assert main(["voices", "--api-key", fake.api_key], client_factory=fake.client) == 0
        # InstantClock: your subclass of heygen_async.testing.Clock whose sleep
        # moves its now() on at once (the SDK has no such class).
        instant = functools.partial(fake.client, clock=InstantClock())
        main(["wait", video_id, "--api-key", fake.api_key], client_factory=instant)
    """
    try:
        import rich  # noqa: F401 - only checking the extra is installed
    except ImportError:
        sys.stderr.write(
            "error: the command line needs the cli extra: pip install 'heygen-async[cli]'\n"
        )
        return 2
    from ._app import main as run

    arguments = list(argv) if argv is not None else None
    if client_factory is None:
        return run(arguments)
    from ._context import using_client_factory

    with using_client_factory(client_factory):
        return run(arguments)


__all__ = ["main"]
