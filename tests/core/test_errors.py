"""Every answer shape becomes data or a typed error: v1/v2/v3 envelopes, HTML, empty, broken."""

from __future__ import annotations

import pytest
import respx

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
    TrialLimitError,
)

from .conftest import API

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
