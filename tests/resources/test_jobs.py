"""The job nouns' shared parts (``resources/_jobs.py``) as each noun shows them."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest

from heygen_async._sync._resources import SyncResource
from heygen_async.resources._jobs import AsyncJobs
from heygen_async.resources.ai_clips import AIClipJob, AsyncAIClips
from heygen_async.resources.assets import AssetStatus, AsyncAssets
from heygen_async.resources.background_removals import (
    AsyncBackgroundRemovals,
    BackgroundRemovalJob,
)
from heygen_async.resources.lipsyncs import AsyncLipsyncs, Lipsync, LipsyncBatch, LipsyncStatus
from heygen_async.resources.video_agents import AsyncVideoAgents, VideoAgentSession
from heygen_async.resources.video_translations import AsyncVideoTranslations, VideoTranslation
from heygen_async.resources.videos import AsyncVideos, VideoStatusEntry

NOUNS = [
    (AsyncLipsyncs, "Lipsync", "lipsyncs"),
    (AsyncVideoTranslations, "VideoTranslation", "video_translations"),
    (AsyncAssets, "AssetStatus", "assets"),
    (AsyncAIClips, "AIClipJob", "ai_clips"),
    (AsyncBackgroundRemovals, "BackgroundRemovalJob", "background_removals"),
    (AsyncVideoAgents, "VideoAgentSession", "video_agents"),
    (AsyncVideos, "VideoStatus", "videos"),
]


@pytest.mark.parametrize(("resource", "model", "noun"), NOUNS)
def test_each_noun_shows_its_own_waits(resource: type, model: str, noun: str) -> None:
    assert issubclass(resource, AsyncJobs)
    wait, wait_many = resource.__dict__["wait"], resource.__dict__["wait_many"]
    assert inspect.signature(wait).return_annotation == model
    assert inspect.signature(wait_many).return_annotation == (
        f"AsyncGenerator[WaitResult[{model}], None]"
    )
    assert inspect.iscoroutinefunction(wait) and inspect.isasyncgenfunction(wait_many)
    assert wait.__qualname__ == f"{resource.__name__}.wait"
    assert f"client.{noun}.wait(" in inspect.getdoc(wait)
    assert f"client.{noun}.wait_many(" in inspect.getdoc(wait_many)
    # Each noun's are its own, not the base's (nor another noun's).
    assert wait is not AsyncJobs.wait and wait.__doc__ != AsyncJobs.wait.__doc__


def test_a_kind_without_a_bulk_read_says_it_polls_get() -> None:
    assert "Polls ``get``" in inspect.getdoc(AsyncAIClips.wait)
    assert "or was cancelled" in inspect.getdoc(AsyncAIClips.wait)
    assert "``statuses`` request" in inspect.getdoc(AsyncLipsyncs.wait)


@pytest.mark.parametrize(
    ("model", "status", "completed", "failed", "terminal"),
    [
        (Lipsync, "completed", True, False, True),
        (Lipsync, "running", False, False, False),
        (VideoTranslation, "failed", False, True, True),
        (AIClipJob, "cancelled", False, True, True),
        (BackgroundRemovalJob, "deleted", False, True, True),
        (AssetStatus, "not_found", False, False, False),
        (LipsyncStatus, "not_found", False, False, False),
        (VideoStatusEntry, "not_found", False, False, True),
        (VideoAgentSession, "waiting_for_input", False, False, False),
    ],
)
def test_states_read_per_kind(
    model: type, status: str, completed: bool, failed: bool, terminal: bool
) -> None:
    fields = {"id": "x", "session_id": "x", "batch_id": "x", "status": status}
    job = model.model_validate(fields)
    assert (job.is_completed, job.is_failed, job.is_terminal) == (completed, failed, terminal)


def test_a_batch_parses_its_items_as_its_nouns() -> None:
    batch = LipsyncBatch.model_validate(
        {"batch_id": "b", "status": "failed", "items": [{"video_id": "l1", "status": "failed"}]}
    )
    assert batch.is_failed and batch.items[0].lipsync_id == "l1" and batch.items[0].is_terminal
    assert LipsyncStatus.model_validate({"status": "queued", "lipsync_id": "l2"}).lipsync_id == "l2"


def test_the_sync_waits_keep_the_nouns_signatures() -> None:
    from heygen_async.resources.lipsyncs import Lipsyncs

    assert issubclass(Lipsyncs, SyncResource)
    assert inspect.signature(Lipsyncs.wait) == inspect.signature(AsyncLipsyncs.wait)


TYPED = """
from heygen_async import AsyncHeyGenClient, HeyGenClient

async def use() -> None:
    client = AsyncHeyGenClient("key")
    reveal_type(await client.lipsyncs.wait("l"))  # 6
    reveal_type(client.voices.with_raw_response)  # 7
    reveal_type(await client.lipsyncs.batches.with_raw_response.get("b"))  # 8
    blocking = HeyGenClient("key")
    reveal_type(blocking.ai_clips.wait("j"))  # 10
    for result in blocking.assets.wait_many(["a"]):
        reveal_type(result)  # 12
    reveal_type(blocking.video_translations.with_raw_response)  # 13
    blocking.lipsyncs.with_raw_response.get(3)  # 14
"""
MODULE = r"heygen_async\.resources\.\w+\."
TYPES = {
    6: rf'Revealed type is "{MODULE}Lipsync"',
    7: rf'Revealed type is "{MODULE}AsyncVoicesWithRawResponse"',
    8: rf'Revealed type is "heygen_async\._raw\.RawResponse\[{MODULE}LipsyncBatch\]"',
    10: rf'Revealed type is "{MODULE}AIClipJob"',
    12: rf'Revealed type is "heygen_async\.jobs\._resource_waits\.WaitResult\[{MODULE}AssetStatus\]"',
    13: rf'Revealed type is "{MODULE}VideoTranslationsWithRawResponse"',
    14: r'Argument 1 .*has incompatible type "int"; expected "str"',
}


def test_type_checkers_see_each_nouns_own_types(
    mypy_strict: Callable[..., tuple[str, str, int]],
) -> None:
    """The shared waits and raw views resolve to the noun's models (mypy --strict),
    and a sync noun is a valid ``self`` for a wait written once on ``AsyncJobs``."""
    stdout, _, _ = mypy_strict("uses_the_nouns", TYPED)
    lines: dict[int, list[str]] = {}
    for line in stdout.splitlines():
        found = re.match(r".*?:(\d+): (?:note|error): (.*)", line)
        if found:
            lines.setdefault(int(found[1]), []).append(found[2])
    for number, expected in TYPES.items():
        assert any(re.search(expected, said) for said in lines.get(number, [])), (number, lines)
    assert set(lines) == set(TYPES), lines
