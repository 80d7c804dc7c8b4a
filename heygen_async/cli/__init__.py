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
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``heygen-async`` with ``argv`` (default: the process arguments)."""
    try:
        import rich  # noqa: F401 - only checking the extra is installed
    except ImportError:
        sys.stderr.write(
            "error: the command line needs the cli extra: pip install 'heygen-async[cli]'\n"
        )
        return 2
    from ._app import main as run

    return run(list(argv) if argv is not None else None)


__all__ = ["main"]
