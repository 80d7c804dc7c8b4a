"""``python -m heygen_async.cli``: the same as the ``heygen-async`` command."""

from __future__ import annotations

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
