"""Every answer shape becomes data or a typed error: v1/v2/v3 envelopes, HTML, empty, broken."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
import traceback

import pytest
import respx

import heygen_async
from heygen_async import (
    APIResponseError,
    APIStatusError,
    AsyncHeyGenClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeyGenError,
    InsufficientCreditError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    TalkingPhotoCharacter,
    TextVoice,
    TrialLimitError,
    VideoInput,
)
from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    InstantClock,
    use_clock,
)

from .conftest import API, API_KEY

STATUS_URL = f"{API}/v1/video_status.get"


@pytest.mark.parametrize(
    ("status", "body", "error_type", "code", "message"),
    [
        # v1 errors: {code, message} with a non-2xx status
        (
            401,
            {"code": 400112, "message": "Unauthorized"},
            AuthenticationError,
            400112,
            "Unauthorized",
        ),
        (
            400,
            {"code": 40031, "message": "Invalid video id"},
            NotFoundError,
            40031,
            "Invalid video id",
        ),
        # v2 errors: {error: {code, message}, data: null}, codes int or str
        (
            400,
            {"error": {"code": "internal_error", "message": "avatar not supported"}, "data": None},
            BadRequestError,
            "internal_error",
            "avatar not supported",
        ),
        (
            401,
            {"error": {"code": "internal_error", "message": "bad key"}, "data": None},
            AuthenticationError,
            "internal_error",
            "bad key",
        ),
        (
            400,
            {"error": {"code": "400144", "message": "no avatar"}},
            NotFoundError,
            "400144",
            "no avatar",
        ),
        (
            400,
            {"error": {"code": "MOVIO_PAYMENT_INSUFFICIENT_CREDIT", "message": "no credit"}},
            InsufficientCreditError,
            "MOVIO_PAYMENT_INSUFFICIENT_CREDIT",
            "no credit",
        ),
        (400, {"code": 400664, "message": "trial limit"}, TrialLimitError, 400664, "trial limit"),
        (400, {"code": 40019, "message": "quota"}, QuotaExceededError, 40019, "quota"),
        (403, {"code": 400573, "message": "denied"}, PermissionDeniedError, 400573, "denied"),
        (
            402,
            {"error": {"code": "payment_required", "message": "top up"}},
            InsufficientCreditError,
            "payment_required",
            "top up",
        ),
        (
            409,
            {"error": {"code": "request_in_progress", "message": "busy"}},
            ConflictError,
            "request_in_progress",
            "busy",
        ),
        # v3 error envelope
        (
            404,
            {"error": {"code": "not_found", "message": "no such video"}},
            NotFoundError,
            "not_found",
            "no such video",
        ),
        (422, {"message": "unprocessable"}, BadRequestError, None, "unprocessable"),
    ],
)
async def test_error_bodies_map_to_typed_errors(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    status: int,
    body: dict[str, object],
    error_type: type[APIStatusError],
    code: object,
    message: str,
):
    router.get(STATUS_URL).respond(status, json=body, headers={"x-request-id": "req-42"})
    with pytest.raises(error_type) as caught:
        await client.get_video_status("v")
    error = caught.value
    assert isinstance(error, APIStatusError) and isinstance(error, HeyGenError)
    assert (error.status_code, error.code, error.message) == (status, code, message)
    assert error.request_id == "req-42"
    assert error.body is not None and message in error.body


@pytest.mark.parametrize(
    ("status", "content", "content_type", "error_type", "message"),
    [
        (
            404,
            b"<html><head><title>404 Not Found</title></head></html>",
            "text/html",
            NotFoundError,
            "404 Not Found",
        ),
        (
            502,
            b"<html><title>502 Bad Gateway</title><body>nginx</body></html>",
            "text/html",
            InternalServerError,
            "502 Bad Gateway",
        ),
        (503, b"", "text/plain", InternalServerError, "Service Unavailable"),
        (400, b"{not json", "application/json", BadRequestError, "{not json"),
        (401, b"Unauthorized", "text/plain", AuthenticationError, "Unauthorized"),
    ],
)
async def test_unparseable_error_bodies_still_map_by_status(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    status: int,
    content: bytes,
    content_type: str,
    error_type: type[APIStatusError],
    message: str,
):
    client = client.with_options(max_retries=0)
    router.get(STATUS_URL).respond(status, content=content, headers={"content-type": content_type})
    with pytest.raises(error_type) as caught:
        await client.get_video_status("v")
    assert caught.value.status_code == status and caught.value.message == message


@pytest.mark.parametrize(
    "body",
    [
        {"code": 400175, "message": "Invalid parameter", "data": None},
        {"error": {"code": 40065, "message": "bad video infos"}, "data": None},
    ],
)
async def test_error_envelope_inside_http_200_raises(
    client: AsyncHeyGenClient, router: respx.MockRouter, body: dict[str, object]
):
    router.get(STATUS_URL).respond(200, json=body)
    with pytest.raises(APIStatusError) as caught:
        await client.get_video_status("v")
    assert caught.value.status_code == 200 and caught.value.code in (400175, 40065)


@pytest.mark.parametrize(
    "content", [b"", b"<html>ok?</html>", b'{"code": 100, "data": {"id": "v"', b"\xff\xfe"]
)
async def test_unreadable_success_body_is_an_api_response_error(
    client: AsyncHeyGenClient, router: respx.MockRouter, content: bytes
):
    router.get(STATUS_URL).respond(200, content=content)
    with pytest.raises(APIResponseError):
        await client.get_video_status("v")


async def test_success_without_data_object_is_an_api_response_error(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.post(f"{API}/v2/video/generate").respond(200, json={"error": None, "data": None})
    with pytest.raises(APIResponseError):
        await client.generate_video("hi", "a", "v")


async def test_lists_tolerate_missing_containers(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    router.get(f"{API}/v2/voices").respond(200, json={"error": None, "data": {}})
    router.get(f"{API}/v2/avatars").respond(200, json={"error": None, "data": {"avatars": None}})
    assert await client.list_voices() == []
    assert await client.list_avatars() == []


async def test_rate_limit_by_code_is_a_rate_limit_error(
    client: AsyncHeyGenClient, router: respx.MockRouter
):
    client = client.with_options(max_retries=0)
    router.get(STATUS_URL).respond(400, json={"code": 400140, "message": "too many"})
    with pytest.raises(RateLimitError):
        await client.get_video_status("v")


# --- public paths and pickling -------------------------------------------------

EXCEPTION_NAMES = sorted(
    name
    for name in heygen_async.__all__
    if isinstance(getattr(heygen_async, name), type)
    and issubclass(getattr(heygen_async, name), BaseException)
)


def test_every_exported_exception_is_shown_under_its_public_path() -> None:
    assert len(EXCEPTION_NAMES) == 22 and "HeyGenError" in EXCEPTION_NAMES
    for name in EXCEPTION_NAMES:
        cls = getattr(heygen_async, name)
        assert (cls.__module__, cls.__qualname__) == ("heygen_async", name)
    error = AuthenticationError("bad key", status_code=401, code="unauthorized")
    shown = "".join(traceback.format_exception(error))
    assert shown.endswith(
        "heygen_async.AuthenticationError: HTTP 401, code unauthorized: bad key\n"
    )
    assert "_errors" not in shown


def _samples() -> list[HeyGenError]:
    from heygen_async._errors import __all__ as names

    status = {"status_code": 404, "code": 400144, "request_id": "r1", "body": "{}"}
    made: list[HeyGenError] = [
        heygen_async.ConfigurationError("no key"),
        heygen_async.InvalidRequestError("bad speed", field="speed", allowed="0.5 to 1.5"),
        heygen_async.APIConnectionError("reset", may_have_been_processed=True),
        heygen_async.APITimeoutError("slow"),
        APIResponseError("not JSON", status_code=200, body="<html>"),
        RateLimitError("slow down", retry_after=2.5, status_code=429, code="rate_limit_exceeded"),
        heygen_async.VideoFailedError("v1", code="rendering_failed", message="no", detail="d"),
        heygen_async.JobFailedError("l1", kind="lipsync", code="c", message="m", status=None),
        heygen_async.WaitTimeoutError("v1", timeout=30.0, cause="deadline"),
        heygen_async.WaitTimeoutError("t1", timeout=30.0, kind="video_translation"),
        heygen_async.WaitAbortedError("v1", failures=3, cause="HTTP 500"),
        heygen_async.WaitAbortedError("a1", failures=3, kind="ai_clip"),
        heygen_async.WebhookVerificationError("the body is not JSON"),
    ]
    made += [
        getattr(heygen_async, name)("m", hint="look it up", **status)
        for name in names
        if issubclass(getattr(heygen_async, name), APIStatusError) and name != "RateLimitError"
    ]
    return made


@pytest.mark.parametrize("error", _samples(), ids=lambda e: type(e).__name__)
def test_errors_pickle_and_copy_with_their_attributes(error: HeyGenError) -> None:
    for copied in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(copied) is type(error)
        assert (copied.args, str(copied), repr(copied)) == (error.args, str(error), repr(error))
        assert vars(copied) == vars(error)


def test_a_failed_job_of_any_kind_is_a_job_failed_error_and_a_video_keeps_its_fields() -> None:
    from heygen_async import JobFailedError, VideoFailedError, WaitAbortedError, WaitTimeoutError

    assert issubclass(VideoFailedError, JobFailedError) and issubclass(JobFailedError, HeyGenError)
    video = VideoFailedError("v1", code=40119, message="too long", detail="d")
    assert (video.job_id, video.kind, video.video_id) == ("v1", "video", "v1")
    assert (video.code, video.message, video.detail, video.status) == (40119, "too long", "d", None)
    assert str(video) == "video v1 failed: too long (code 40119); d"  # as before
    clip = JobFailedError("c1", kind="ai_clip", message="source unreadable", status="s")
    assert (clip.job_id, clip.kind, clip.code, clip.status) == ("c1", "ai_clip", None, "s")
    assert str(clip) == "ai clip c1 failed: source unreadable"
    late = WaitTimeoutError("t1", timeout=60, kind="video_translation")
    assert (late.job_id, late.kind, late.video_id) == ("t1", "video_translation", None)
    assert str(late) == "video translation t1 not finished after 60 s (last status: unknown)"
    assert WaitTimeoutError("v1", timeout=60).video_id == "v1"
    aborted = WaitAbortedError("l1", failures=3, kind="lipsync")
    assert (aborted.job_id, aborted.video_id) == ("l1", None)
    assert WaitAbortedError("v1", failures=3).video_id == "v1"


def test_a_pickled_error_loads_in_a_fresh_interpreter_through_the_public_path() -> None:
    error = NotFoundError("Avatar a not found", status_code=404, code="avatar_not_found")
    script = (
        "import pickle, sys; error = pickle.loads(sys.stdin.buffer.read()); "
        "print(type(error).__module__, type(error).__name__, error.code, error); "
        "print(sorted(m for m in sys.modules if m.startswith('heygen_async')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(error),
        capture_output=True,
        check=True,
        timeout=60,
    )
    first, loaded = done.stdout.decode().splitlines()
    assert first == (
        "heygen_async NotFoundError avatar_not_found "
        "HTTP 404, code avatar_not_found: Avatar a not found"
    )
    # Resolved as heygen_async.NotFoundError (the package's lazy exports), nothing more.
    assert loaded == "['heygen_async', 'heygen_async._errors', 'heygen_async._version']"


# --- an unknown avatar, talking photo or voice names the listing call -----------

# The SDK's hints name the client's listing calls only (no CLI wording: issue 20).
AVATAR_HINT = "list the avatars your key can use with client.list_avatars()"
PHOTO_HINT = "list the talking photos your key can use with client.list_talking_photos()"
VOICE_HINT = "list the voices your key can use with client.list_voices()"
CATALOGUE_OF = {AVATAR_HINT: "avatar", PHOTO_HINT: "talking_photo", VOICE_HINT: "voice"}


def _assert_catalogue_hint(error: APIStatusError, hint: str | None) -> None:
    """``hint`` ends the text, or (None) no listing hint does (an authentication
    error has a hint of its own)."""
    if hint is not None:
        assert error.hint == hint and str(error).endswith(f"; {hint}")
        assert error.catalogue == CATALOGUE_OF[hint]
    else:
        assert all(listing not in str(error) for listing in (AVATAR_HINT, PHOTO_HINT, VOICE_HINT))
        assert error.catalogue is None


def _quoted_id(error: APIStatusError) -> str:
    """How an error's text quotes the request id the fake sent (there must be one)."""
    assert error.request_id
    return f" (request id {error.request_id})"


async def test_unknown_avatar_or_voice_on_v2_names_the_listing_call(
    heygen_fake: FakeHeyGen,
) -> None:
    async with heygen_fake.client(api_version="v2") as client:
        with pytest.raises(NotFoundError) as avatar:
            await client.generate_video("Hi", "no_such_avatar", SAMPLE_VOICE_ID)
        with pytest.raises(NotFoundError) as voice:
            await client.generate_video("Hi", SAMPLE_AVATAR_ID, "no_such_voice")
        with pytest.raises(NotFoundError) as photo:
            await client.generate_video(
                video_inputs=[
                    VideoInput(
                        character=TalkingPhotoCharacter(talking_photo_id="no_such_photo"),
                        voice=TextVoice(input_text="Hi", voice_id=SAMPLE_VOICE_ID),
                    )
                ]
            )
    # The fake sends an X-Request-Id, as HeyGen does: the text quotes it.
    assert str(avatar.value) == (
        "HTTP 400, code 400144: Avatar no_such_avatar not found"
        f"{_quoted_id(avatar.value)}; {AVATAR_HINT}"
    )
    assert str(voice.value) == (
        f"HTTP 400, code 400116: Voice no_such_voice not found{_quoted_id(voice.value)}; {VOICE_HINT}"
    )
    assert str(photo.value) == (
        "HTTP 400, code 400174: Talking photo no_such_photo not found"
        f"{_quoted_id(photo.value)}; {PHOTO_HINT}"
    )
    assert avatar.value.message == "Avatar no_such_avatar not found"  # HeyGen's own words
    assert (avatar.value.hint, voice.value.hint) == (AVATAR_HINT, VOICE_HINT)


async def test_unknown_avatar_or_voice_on_v3_names_the_listing_call(
    heygen_fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HEYGEN_API_VERSION")  # the default: v3
    async with heygen_fake.client() as client:
        assert client.api_version == "v3"
        with pytest.raises(NotFoundError) as avatar:
            await client.generate_video("Hi", "no_such_avatar", SAMPLE_VOICE_ID)
        with pytest.raises(NotFoundError) as voice:
            await client.generate_video("Hi", SAMPLE_AVATAR_ID, "no_such_voice")
        with pytest.raises(NotFoundError) as av4_voice:
            await client.generate_avatar_iv_video("Hi", SAMPLE_IMAGE_ASSET_ID, "no_such_voice")
    assert str(avatar.value) == (
        "HTTP 404, code avatar_not_found: Avatar no_such_avatar not found (field avatar_id)"
        f"{_quoted_id(avatar.value)}; {AVATAR_HINT}"
    )
    assert str(voice.value) == (
        "HTTP 404, code voice_not_found: Voice no_such_voice not found (field voice_id)"
        f"{_quoted_id(voice.value)}; {VOICE_HINT}"
    )
    assert str(av4_voice.value).endswith(f"; {VOICE_HINT}")


@pytest.mark.parametrize(
    ("status", "body", "hint"),
    [
        # v1/v2 codes from community clients (UNCERTAIN), and their messages under any code
        (400, {"error": {"code": 400144, "message": "no avatar"}}, AVATAR_HINT),
        (400, {"code": "40090", "message": "Invalid avatar info"}, AVATAR_HINT),
        (400, {"code": 400174, "message": "photar"}, PHOTO_HINT),
        (400, {"error": {"code": "400116", "message": "no voice"}}, VOICE_HINT),
        (400, {"code": 400175, "message": "avatar_id is invalid"}, AVATAR_HINT),
        (400, {"error": {"code": "internal_error", "message": "Voice x1 not found"}}, VOICE_HINT),
        (400, {"error": {"code": 40001, "message": "Invalid voice id: abc"}}, VOICE_HINT),
        (404, {"message": "The avatar could not be found"}, AVATAR_HINT),
        (400, {"code": 400175, "message": "Unknown talking photo: tp_1"}, PHOTO_HINT),
        # not about the catalogue: no hint
        (400, {"code": 400175, "message": "voice speed is invalid"}, None),
        (400, {"error": {"code": "internal_error", "message": "avatar not supported"}}, None),
        (400, {"code": 40031, "message": "Video v not found"}, None),
        (401, {"code": 400112, "message": "avatar not found"}, None),
        (500, {"error": {"code": "internal_error", "message": "voice not found"}}, None),
    ],
)
async def test_v2_hint_by_code_or_message(
    client: AsyncHeyGenClient,
    router: respx.MockRouter,
    status: int,
    body: dict[str, object],
    hint: str | None,
) -> None:
    router.post(f"{API}/v2/video/generate").respond(status, json=body)
    with pytest.raises(APIStatusError) as caught:
        await client.with_options(max_retries=0).generate_video("hi", "a", "v")
    _assert_catalogue_hint(caught.value, hint)


@pytest.mark.parametrize(
    ("status", "error", "hint"),
    [
        (404, {"code": "avatar_not_found", "message": "no"}, AVATAR_HINT),
        (404, {"code": "AVATAR_NOT_FOUND", "message": "no"}, AVATAR_HINT),  # case varies
        (404, {"code": "voice_not_found", "message": "no"}, VOICE_HINT),
        (400, {"code": "voice_not_usable", "message": "no"}, VOICE_HINT),  # UNCERTAIN code
        (404, {"code": "not_found", "message": "no", "param": "avatar_id"}, AVATAR_HINT),
        (
            404,
            {"code": "resource_not_found", "message": "no", "param": "scenes[1].input.voice_id"},
            VOICE_HINT,
        ),
        (400, {"code": "invalid_parameter", "message": "Invalid avatar_id"}, AVATAR_HINT),
        # not about the catalogue: no hint
        (400, {"code": "invalid_parameter", "message": "bad", "param": "voice_id"}, None),
        (404, {"code": "not_found", "message": "Asset a not found", "param": "image"}, None),
        (401, {"code": "unauthorized", "message": "avatar not found"}, None),
    ],
)
async def test_v3_hint_by_code_param_or_message(
    clock: InstantClock,
    router: respx.MockRouter,
    status: int,
    error: dict[str, object],
    hint: str | None,
) -> None:
    router.post(f"{API}/v3/videos").respond(status, json={"error": error})
    async with AsyncHeyGenClient(api_key=API_KEY, api_version="v3", max_retries=0) as v3:
        use_clock(v3, clock)
        with pytest.raises(APIStatusError) as caught:
            await v3.generate_video("hi", "a", "v")
    _assert_catalogue_hint(caught.value, hint)
