"""``python -m heygen_async.testing.wire_shapes [SPEC]``: rewrite ``v3.json`` from
HeyGen's v3 spec (a maintainer's command; the spec defaults to
``../shared/heygen-v3-spec.json`` or ``$HEYGEN_V3_SPEC``)."""

from __future__ import annotations

import sys

from ._generate import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
