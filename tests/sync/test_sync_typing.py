"""Type checkers see the async parameters with the sync return types (mypy --strict).

CI type-checks the package only (``mypy --strict heygen_async``); this runs mypy on
a small script that uses the facade, as a user's code would.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import heygen_async

PROJECT = Path(heygen_async.__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (PROJECT / "pyproject.toml").exists(), reason="needs the project's checkout (its config)"
)

SCRIPT = textwrap.dedent(
    """
    from heygen_async import HeyGenClient

    client = HeyGenClient("key", max_retries=1)
    reveal_type(client.get_video_status("v"))  # 5
    reveal_type(client.iter_assets())  # 6
    reveal_type(client.with_options(max_retries=3))  # 7
    reveal_type(client.max_retries)  # 8
    reveal_type(client.max_concurrent_jobs)  # 9
    for result in client.generate_many([]):
        reveal_type(result)  # 11
    client.iter_videos().close()
    client.wait_for_video("v", timout=3)  # 13
    HeyGenClient("key", max_retrie=1)  # 14
    client.generate_video("script", "avatar", "voice", titel="x")  # 15
    client.get_video_status(video_id=3)  # 16
    client.generate_video_and_wait("script", "avatar", "voice", speed="fast", timeout=60.0)  # 17
    """
)

MODEL = r"heygen_async\.[\w.]+\."
EXPECTED = {
    5: rf'Revealed type is "{MODEL}VideoStatus"',
    6: rf'Revealed type is "typing\.Generator\[{MODEL}Asset, None, None\]"',
    7: r'Revealed type is "heygen_async\._sync\._facade\.HeyGenClient"',
    8: r'Revealed type is "int"',
    9: r'Revealed type is "int \| None"',
    11: rf'Revealed type is "{MODEL}JobResult"',
    13: r'Unexpected keyword argument "timout".*\[call-arg\]',
    14: r'Unexpected keyword argument "max_retrie" for "HeyGenClient".*\[call-arg\]',
    15: r'Unexpected keyword argument "titel".*\[call-arg\]',
    16: r'Argument "video_id" has incompatible type "int"; expected "str"  \[arg-type\]',
    17: r'Argument "speed" has incompatible type "str"; expected "float \| None"  \[arg-type\]',
}


def test_mypy_sees_the_async_parameters_and_sync_results(
    mypy_strict: Callable[..., tuple[str, str, int]],
) -> None:
    stdout, stderr, status = mypy_strict("uses_the_facade", SCRIPT, "--hide-error-context")
    assert stderr == ""
    found: dict[int, str] = {}
    for line in stdout.splitlines():
        # By name: mypy may replay a cached result under the path of an earlier run.
        match = re.match(r"(?:.*[/\\])?uses_the_facade\.py:(\d+): (?:note|error): (.*)", line)
        if match and not match[2].startswith('"HeyGenClient" defined in'):
            found[int(match[1])] = match[2]
    assert sorted(found) == sorted(EXPECTED), stdout
    for number, pattern in EXPECTED.items():
        assert re.fullmatch(pattern, found[number]), (number, found[number])
    assert status == 1  # the errors above, and only them
