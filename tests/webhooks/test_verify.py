"""``webhooks.verify`` / ``parse`` / ``unwrap``: the scheme a parameter, refusals
that never show the secret, a lenient parse."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

import heygen_async
from heygen_async import HeyGenError, InvalidRequestError, WebhookVerificationError, webhooks
from heygen_async.webhooks import (
    DEFAULT_SCHEME,
    PLAIN_SIGNATURE_SCHEME,
    TIMESTAMPED_SCHEME,
    SignatureScheme,
)

SECRET = "whsec_0123456789abcdef"
BODY = json.dumps(
    {
        "event_id": "evt_1",
        "event_type": "avatar_video.success",
        "event_data": {"video_id": "v1", "url": "https://cdn/v1.mp4", "callback_id": "c1"},
    }
).encode()


def hex_hmac(body: bytes, key: str = SECRET) -> str:
    """The documented default, computed independently of the SDK."""
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def test_the_default_is_hex_hmac_sha256_of_the_raw_body_keyed_with_the_whole_secret() -> None:
    webhooks.verify(BODY, {"X-HeyGen-Signature": hex_hmac(BODY)}, SECRET)
    assert DEFAULT_SCHEME.sign(BODY, SECRET) == {"X-HeyGen-Signature": hex_hmac(BODY)}
    # Keyed with the secret as HeyGen returned it: the whsec_ prefix is part of the key.
    unprefixed = hex_hmac(BODY, SECRET.removeprefix("whsec_"))
    with pytest.raises(WebhookVerificationError):
        webhooks.verify(BODY, {"X-HeyGen-Signature": unprefixed}, SECRET)


@pytest.mark.parametrize("name", ["x-heygen-signature", "X-HEYGEN-SIGNATURE", "X-HeyGen-Signature"])
def test_header_names_match_in_any_case_and_in_asgi_byte_pairs(name: str) -> None:
    webhooks.verify(BODY, {name: hex_hmac(BODY)}, SECRET)
    webhooks.verify(BODY, [(name.encode(), hex_hmac(BODY).encode())], SECRET)
    webhooks.verify(BODY, {name: "sha256=" + hex_hmac(BODY).upper()}, SECRET)


def test_a_forged_signature_is_refused_without_showing_secret_or_signature() -> None:
    forged = hex_hmac(BODY, "whsec_not_the_secret")
    with pytest.raises(WebhookVerificationError) as caught:
        webhooks.verify(BODY, {"X-HeyGen-Signature": forged}, SECRET)
    error = caught.value
    assert isinstance(error, HeyGenError)
    shown = f"{error} {error!r} {error.reason} {error.args}"
    assert SECRET not in shown and forged not in shown and hex_hmac(BODY) not in shown
    assert "X-HeyGen-Signature" in str(error)


def test_a_tampered_body_is_refused() -> None:
    tampered = BODY.replace(b"v1.mp4", b"evil.mp4")
    with pytest.raises(WebhookVerificationError, match="does not match"):
        webhooks.verify(tampered, {"X-HeyGen-Signature": hex_hmac(BODY)}, SECRET)


def test_a_missing_header_is_refused_naming_the_header() -> None:
    with pytest.raises(WebhookVerificationError, match="no X-HeyGen-Signature header"):
        webhooks.verify(BODY, {"Signature": hex_hmac(BODY)}, SECRET)
    # ... which another scheme reads.
    webhooks.verify(BODY, {"Signature": hex_hmac(BODY)}, SECRET, scheme=PLAIN_SIGNATURE_SCHEME)


def test_a_timestamped_scheme_signs_timestamp_dot_body_and_refuses_stale_ones() -> None:
    sent_at = 1_700_000_000
    signature = hex_hmac(f"{sent_at}.".encode() + BODY)
    headers = {"heygen-signature": signature, "heygen-timestamp": str(sent_at)}
    webhooks.verify(BODY, headers, SECRET, scheme=TIMESTAMPED_SCHEME, now=lambda: sent_at + 299)
    with pytest.raises(WebhookVerificationError, match="more than 300 s"):
        webhooks.verify(BODY, headers, SECRET, scheme=TIMESTAMPED_SCHEME, now=lambda: sent_at + 301)
    with pytest.raises(WebhookVerificationError, match="more than 300 s"):
        webhooks.verify(BODY, headers, SECRET, scheme=TIMESTAMPED_SCHEME, now=lambda: sent_at - 301)
    # The timestamp is signed: moving it breaks the signature.
    moved = {**headers, "heygen-timestamp": str(sent_at + 1)}
    with pytest.raises(WebhookVerificationError, match="does not match"):
        webhooks.verify(BODY, moved, SECRET, scheme=TIMESTAMPED_SCHEME, now=lambda: sent_at)
    with pytest.raises(WebhookVerificationError, match="no Heygen-Timestamp header"):
        webhooks.verify(BODY, {"heygen-signature": signature}, SECRET, scheme=TIMESTAMPED_SCHEME)
    strict = SignatureScheme(
        header="Heygen-Signature", timestamp_header="Heygen-Timestamp", tolerance=10
    )
    body_only = {"heygen-signature": hex_hmac(BODY), "heygen-timestamp": str(sent_at)}
    with pytest.raises(WebhookVerificationError, match="more than 10 s"):
        webhooks.verify(BODY, body_only, SECRET, scheme=strict, now=lambda: sent_at + 11)


def test_bad_arguments_are_refused_before_anything_is_checked() -> None:
    with pytest.raises(InvalidRequestError) as caught:
        webhooks.verify(BODY, {}, "")
    assert caught.value.field == "secret"
    with pytest.raises(InvalidRequestError) as caught:
        SignatureScheme(signed="timestamp.body")  # type: ignore[arg-type]
    assert caught.value.field == "signed"
    with pytest.raises(InvalidRequestError) as caught:
        SignatureScheme(tolerance=0)
    assert caught.value.field == "tolerance"


def test_parse_reads_the_documented_fields_and_keeps_unknown_ones() -> None:
    event = webhooks.parse(BODY)
    assert (event.event_id, event.event_type, event.video_id, event.job_id) == (
        "evt_1",
        "avatar_video.success",
        "v1",
        "v1",
    )
    assert (event.url, event.callback_id, event.is_success) == ("https://cdn/v1.mp4", "c1", True)
    status = event.video_status()
    assert status is not None and status.is_completed and status.video_url == event.url


def test_parse_is_lenient_about_names_and_layout() -> None:
    body = {
        "event": "avatar_video.fail",
        "video_id": "v2",
        "message": "Moderation rejected the script",
        "code": 40099,
        "brand_new_field": {"x": 1},
    }
    event = webhooks.parse(json.dumps(body))
    assert (event.event_type, event.video_id, event.is_failure) == ("avatar_video.fail", "v2", True)
    assert (event.failure_message, event.failure_code) == ("Moderation rejected the script", 40099)
    assert event.model_dump()["raw"]["brand_new_field"] == {"x": 1}
    status = event.video_status()
    assert status is not None and status.is_failed and status.error is not None
    assert status.error.message == "Moderation rejected the script"
    other = webhooks.parse(
        {
            "event_type": "video_translate.success",
            "event_data": {"video_translation_id": "t1", "video_url": "https://t"},
        }
    )
    assert (other.job_id, other.url, other.video_id, other.job_kind) == (
        "t1",
        "https://t",
        None,
        "video_translate",
    )
    assert other.video_status() is None  # not a video: no video wait ends
    assert webhooks.parse(b"{}").event_type is None  # nothing expected, nothing refused


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"\xff\xfe", b'"text"'])
def test_parse_refuses_only_a_body_that_is_not_a_json_object(body: bytes) -> None:
    with pytest.raises(WebhookVerificationError, match="JSON"):
        webhooks.parse(body)


def test_unwrap_verifies_then_parses() -> None:
    event = webhooks.unwrap(BODY, {"X-HeyGen-Signature": hex_hmac(BODY)}, SECRET)
    assert event.video_id == "v1"
    with pytest.raises(WebhookVerificationError):
        webhooks.unwrap(BODY, {"X-HeyGen-Signature": "0" * 64}, SECRET)
    unsigned_garbage = b"not json"
    with pytest.raises(WebhookVerificationError, match="JSON"):
        webhooks.unwrap(
            unsigned_garbage, {"X-HeyGen-Signature": hex_hmac(unsigned_garbage)}, SECRET
        )


def test_the_error_and_the_module_are_exported() -> None:
    assert heygen_async.WebhookVerificationError is WebhookVerificationError
    assert issubclass(WebhookVerificationError, HeyGenError)
    assert {"verify", "parse", "unwrap", "WebhookEvent", "WebhookReceiver"} <= set(webhooks.__all__)
    assert all(getattr(webhooks, name) is not None for name in webhooks.__all__)
