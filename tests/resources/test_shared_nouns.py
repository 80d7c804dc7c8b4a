"""What the job nouns get from a base written once: a batches read (``AsyncBatches``)
and the blocking waits (``SyncJobs``), each shown as the noun's own."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx

from heygen_async import AsyncHeyGenClient, InvalidRequestError
from heygen_async.resources._batches import AsyncBatches
from heygen_async.resources._jobs import Batch, BatchItem, SyncJobs
from heygen_async.resources.ai_clips import AIClips, AsyncAIClips
from heygen_async.resources.assets import AssetBatch, Assets, AsyncAssetBatches, AsyncAssets
from heygen_async.resources.background_removals import (
    AsyncBackgroundRemovals,
    BackgroundRemovals,
)
from heygen_async.resources.lipsyncs import (
    AsyncLipsyncBatches,
    AsyncLipsyncs,
    LipsyncBatch,
    Lipsyncs,
)
from heygen_async.resources.video_agents import AsyncVideoAgents, VideoAgents
from heygen_async.resources.video_translations import (
    AsyncVideoTranslationBatches,
    AsyncVideoTranslations,
    VideoTranslationBatch,
    VideoTranslations,
)
from heygen_async.resources.videos import AsyncVideoBatches, AsyncVideos, VideoBatch, Videos

API = "https://api.heygen.com"

BATCHES = [
    (AsyncLipsyncBatches, LipsyncBatch, "/v3/lipsyncs/batches", "lipsyncs"),
    (
        AsyncVideoTranslationBatches,
        VideoTranslationBatch,
        "/v3/video-translations/batches",
        "video_translations",
    ),
    (AsyncVideoBatches, VideoBatch, "/v3/videos/batches", "videos"),
    (AsyncAssetBatches, AssetBatch, "/v3/assets/batches", "assets"),
]


@pytest.mark.parametrize(("resource", "model", "path", "noun"), BATCHES)
def test_each_nouns_batches_read_is_its_own(
    resource: type, model: type, path: str, noun: str
) -> None:
    get = vars(resource)["get"]
    assert get.__endpoint__.label == f"GET {path}/{{batch_id}}"
    assert inspect.signature(get).return_annotation == model.__name__
    assert get.__qualname__ == f"{resource.__name__}.get"
    assert f"client.{noun}.batches.get(batch_id)" in inspect.getdoc(get)
    assert get is not AsyncBatches.get


class GadgetItem(BatchItem):
    """An item of a gadget batch."""


class GadgetBatch(Batch[GadgetItem]):
    """A gadget batch."""


class AsyncGadgetBatches(AsyncBatches[GadgetBatch]):
    """A noun's batches declared here: only its path is its own."""

    __slots__ = ()
    _path = "/v3/gadgets/batches"


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def gadget_batches() -> AsyncIterator[AsyncGadgetBatches]:
    async with AsyncHeyGenClient(api_key="sk-gadgets", api_version="v3") as client:
        yield AsyncGadgetBatches(client)


async def test_a_new_nouns_batches_read_sends_its_path_and_reads_its_model(
    gadget_batches: AsyncGadgetBatches, router: respx.MockRouter
) -> None:
    route = router.get("/v3/gadgets/batches/b1").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": {
                    "batch_id": "b1",
                    "status": "processing",
                    "items": [{"video_id": "g1", "item_index": 0, "status": "queued"}],
                    "has_more": True,
                    "next_token": "t2",
                }
            },
        )
    )
    batch = await gadget_batches.get("b1", limit=1, token="t1")
    assert isinstance(batch, GadgetBatch) and isinstance(batch.items[0], GadgetItem)
    assert (batch.batch_id, batch.next_token, batch.items[0].video_id) == ("b1", "t2", "g1")
    assert dict(route.calls.last.request.url.params) == {"limit": "1", "token": "t1"}


async def test_a_new_nouns_batches_read_checks_its_page_size_before_sending(
    gadget_batches: AsyncGadgetBatches, router: respx.MockRouter
) -> None:
    route = router.get("/v3/gadgets/batches/b1")
    with pytest.raises(InvalidRequestError) as caught:
        await gadget_batches.get("b1", limit=101)
    assert caught.value.field == "limit" and not route.called


SYNC_NOUNS = [
    (Lipsyncs, AsyncLipsyncs),
    (VideoTranslations, AsyncVideoTranslations),
    (Videos, AsyncVideos),
    (Assets, AsyncAssets),
    (AIClips, AsyncAIClips),
    (BackgroundRemovals, AsyncBackgroundRemovals),
    (VideoAgents, AsyncVideoAgents),
]


@pytest.mark.parametrize(("sync", "noun"), SYNC_NOUNS)
def test_each_sync_noun_blocks_on_its_own_waits(sync: type, noun: type) -> None:
    assert issubclass(sync, SyncJobs)
    for name in ("wait", "wait_many"):
        blocking = vars(sync)[name]
        assert blocking.__qualname__ == f"{sync.__name__}.{name}"
        assert blocking.__doc__ == getattr(noun, name).__doc__
        assert blocking is not getattr(SyncJobs, name)
    assert inspect.signature(sync.wait) == inspect.signature(noun.wait)
    assert str(inspect.signature(sync.wait_many).return_annotation).startswith("Generator[")
