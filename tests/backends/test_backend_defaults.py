"""An operation an API version lacks: a default of ``Backend`` that names the version.

A backend implements what its version has; everything else raises
``InvalidRequestError`` (field ``api_version``) before anything is sent, naming the
versions that do have the operation. A stand-in version ``v9`` that reads one
video status and nothing else shows it, alone and behind a client.
"""

from __future__ import annotations

from typing import Any

import pytest
import respx

from heygen_async import AsyncHeyGenClient, InvalidRequestError, VideoStatus
from heygen_async._backends import BACKENDS, Backend
from heygen_async._backends.legacy import LegacyBackend

API_KEY = "test-key-0123456789"


class StatusOnlyBackend(Backend):
    """A version with one operation: a video's status (no request, a fixed answer)."""

    api_version = "v9"
    dialect = LegacyBackend.dialect

    async def get_video_status(self, video_id: str) -> VideoStatus:
        return VideoStatus(video_id=video_id, status="completed")


class NoTransport:
    """Fails the test if anything tries to send."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the backend used its transport ({name})")


@pytest.fixture
def v9() -> StatusOnlyBackend:
    return StatusOnlyBackend(NoTransport())  # type: ignore[arg-type]


async def test_a_backend_needs_only_what_its_version_has(v9: StatusOnlyBackend) -> None:
    status = await v9.get_video_status("vid_1")
    assert status.video_id == "vid_1"
    # The batch read falls back to one read per id.
    assert [s.video_id for s in await v9.get_video_statuses(["a", "b"])] == ["a", "b"]


async def test_a_lacking_operation_names_the_version_and_those_that_have_it(
    v9: StatusOnlyBackend,
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await v9.list_talking_photos()
    error = caught.value
    assert error.field == "api_version"
    assert "list_talking_photos is not available on api_version='v9'" in str(error)
    assert "use api_version='v3' or 'v2'" in str(error)
    assert error.allowed == "'v3', 'v2'"


@pytest.mark.parametrize(
    ("operation", "shown"),
    [
        ("list_videos_page", "list_videos"),
        ("list_assets_page", "list_assets"),
        ("create_video", "generate_video"),
        ("list_voices", "list_voices"),
        ("list_avatars", "list_avatars"),
    ],
)
async def test_each_default_names_the_method_users_called(
    v9: StatusOnlyBackend, operation: str, shown: str
) -> None:
    arguments: dict[str, dict[str, Any]] = {
        "list_videos_page": {"limit": 10, "token": None},
        "list_assets_page": {"file_type": None, "limit": 10, "token": None},
        "create_video": {"body": {}, "avatar_iv": False},
    }
    with pytest.raises(InvalidRequestError, match=f"{shown} is not available on api_version='v9'"):
        await getattr(v9, operation)(**arguments.get(operation, {}))


def test_bodies_and_uploads_are_refused_too(v9: StatusOnlyBackend) -> None:
    from heygen_async import GenerateVideoRequest

    request = GenerateVideoRequest.model_validate(
        {
            "video_inputs": [
                {
                    "character": {"type": "avatar", "avatar_id": "a"},
                    "voice": {"type": "text", "input_text": "hi", "voice_id": "v"},
                }
            ]
        }
    )
    with pytest.raises(InvalidRequestError, match="generate_video is not available"):
        v9.video_body(request)
    # A version with no uploads says so, rather than "no content type is accepted".
    with pytest.raises(InvalidRequestError, match="upload_asset is not available"):
        v9.check_upload_type("image/png")


@pytest.fixture
def v9_client(monkeypatch: pytest.MonkeyPatch) -> AsyncHeyGenClient:
    monkeypatch.setitem(BACKENDS, "v9", StatusOnlyBackend)
    return AsyncHeyGenClient(api_key=API_KEY, api_version="v9")


async def test_a_client_on_that_version_refuses_before_sending(
    v9_client: AsyncHeyGenClient,
) -> None:
    async with v9_client as client:
        with respx.mock(assert_all_called=False) as router:
            assert (await client.get_video_status("vid_1")).is_completed
            with pytest.raises(InvalidRequestError, match="api_version='v9'"):
                await client.list_voices()
            with pytest.raises(InvalidRequestError, match="list_videos is not available"):
                await client.list_videos(limit=5)
            with pytest.raises(InvalidRequestError, match="upload_asset is not available"):
                await client.upload_asset(b"\x89PNG\r\n\x1a\n" + bytes(64))
        assert not router.calls
