#!/usr/bin/env bash
# clean_install.sh PYTHON DIST_DIR VENV_DIR (run by .ci/run): install the wheel in
# a new virtualenv with no extras, then, from outside the source tree, check that
# the SDK imports and works with the in-process fake, reports the version in
# heygen_async/_version.py, and that the command line (which needs the cli extra)
# says which extra to install instead of failing with a traceback.
set -euo pipefail
python=$1 dist=$2 venv=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
expected=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/heygen_async/_version.py")

"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet "$dist"/heygen_async-"$expected"-py3-none-any.whl
cd "$venv"  # not the source tree: the import must come from the wheel

"$venv/bin/python" - "$expected" <<'PY'
import importlib.util
import sys

import anyio

import heygen_async
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen

assert heygen_async.__version__ == sys.argv[1], (heygen_async.__version__, sys.argv[1])
assert "site-packages" in heygen_async.__file__, heygen_async.__file__
for extra_only in ("rich", "uvicorn", "pytest"):
    assert importlib.util.find_spec(extra_only) is None, f"{extra_only} installed without extras"


async def main() -> None:
    fake = FakeHeyGen(time_scale=1000, render_seconds=30)
    async with fake.client() as client:
        status = await client.generate_video_and_wait("Hi!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
        assert status.status == "completed", status


anyio.run(main)
print(f"ok: heygen_async {heygen_async.__version__} from {heygen_async.__file__}")
PY

set +e
message=$("$venv/bin/heygen-async" --version 2>&1)
code=$?
set -e
echo "heygen-async --version (no extras) -> exit $code: $message"
if [ "$code" -ne 2 ] || ! grep -qF "pip install 'heygen-async[cli]'" <<<"$message"; then
  echo "error: without the cli extra, heygen-async must exit 2 naming the extra" >&2
  exit 1
fi
if grep -q Traceback <<<"$message"; then
  echo "error: a traceback instead of a message" >&2
  exit 1
fi
