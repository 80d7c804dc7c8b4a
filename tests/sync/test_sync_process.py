"""Process life: a forked child gets a fresh loop thread; interpreter exit never hangs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import warnings

import httpx
import pytest
import respx

from heygen_async import HeyGenClient

from .conftest import API_KEY, API_VERSION, STATUS_URL, status_body, status_handler

CHILD_TIMEOUT = 30.0


def _wait_for_child(pid: int) -> int:
    """The child's exit code; kills it if it hangs (the failure this guards against)."""
    deadline = time.monotonic() + CHILD_TIMEOUT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail("the forked child hung")


def _fork() -> int:
    with warnings.catch_warnings():  # 3.12+ warns about fork in a threaded process
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_forked_child_uses_inherited_and_new_clients() -> None:
    with respx.mock(assert_all_called=False) as router:
        router.get(STATUS_URL).mock(side_effect=status_handler)
        inherited = HeyGenClient(API_KEY, api_version=API_VERSION)
        derived = inherited.with_options(max_retries=0)
        assert inherited.get_video_status("parent").video_id == "parent"  # loop thread runs
        pid = _fork()
        if pid == 0:  # the child: report through the exit code, never return into pytest
            code = 1
            try:
                assert inherited.get_video_status("child").video_id == "child"
                assert derived.get_video_status("child").video_id == "child"
                assert derived.max_retries == 0
                with HeyGenClient(API_KEY, api_version=API_VERSION) as fresh:
                    assert fresh.get_video_status("fresh").video_id == "fresh"
                inherited.close()
                code = 0
            finally:
                os._exit(code)
        assert _wait_for_child(pid) == 0
        # The parent's client is untouched by the child's close().
        assert inherited.get_video_status("again").video_id == "again"
        inherited.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_forked_child_refuses_an_injected_http_client_clearly() -> None:
    client = HeyGenClient(
        API_KEY,
        api_version=API_VERSION,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(status_handler)),
    )
    client.get_video_status("parent")
    pid = _fork()
    if pid == 0:
        code = 1
        try:
            client.get_video_status("child")
        except RuntimeError as error:
            code = 0 if "http_client" in str(error) else 2
        finally:
            os._exit(code)
    assert _wait_for_child(pid) == 0
    client.close()


EXIT_SCRIPT = textwrap.dedent(
    """
    import threading, httpx, anyio
    from heygen_async import HeyGenClient

    def answer(request):
        if request.url.path == "/v1/asset/list":  # one asset, and a next page
            page = {"assets": [{"id": "a1", "file_type": "image"}], "token": "more"}
            return httpx.Response(200, json={"code": 100, "data": page})
        return httpx.Response(200, json=BODY)

    async def hang(request):
        await anyio.sleep_forever()

    client = HeyGenClient("k", api_version="v2", http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    assert client.get_video_status("v1").video_id == "v1"
    pager = client.iter_assets()          # started, never finished or closed
    assert next(pager).id == "a1"         # suspended inside its first page
    stuck = HeyGenClient("k", api_version="v2", http_client=httpx.AsyncClient(transport=httpx.MockTransport(hang)))
    threading.Thread(target=stuck.get_video_status, args=("v2",), daemon=True).start()
    print("exiting without close()", flush=True)
    """
)


def test_interpreter_exit_does_not_hang_on_open_clients() -> None:
    script = f"BODY = {status_body('v1')!r}\n{EXIT_SCRIPT}"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert "exiting without close()" in done.stdout
    assert time.monotonic() - started < 15
