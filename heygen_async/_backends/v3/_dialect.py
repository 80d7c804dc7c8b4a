"""The v3 dialect: ``{"data": ...}`` answers (lists with their cursor beside ``data``)
and ``{"error": {"code", "message", "param"}}`` errors with snake_case codes."""

from __future__ import annotations

from typing import Any

from ..._errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InsufficientCreditError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
)
from ..._transport._envelope import (
    Catalogue,
    ErrorInfo,
    class_for_status,
    error_object,
    with_catalogue_hint,
)

# Codes that change what a caller does (heygen-v3.md section 2.3); others map by status.
_CLASS_BY_CODE: dict[str, type[APIStatusError]] = {
    "unauthorized": AuthenticationError,
    "forbidden": PermissionDeniedError,
    "resource_access_denied": PermissionDeniedError,
    "ai_vendor_access_restricted": PermissionDeniedError,
    "insufficient_credit": InsufficientCreditError,
    "invalid_parameter": BadRequestError,
    "validation_error": BadRequestError,
    "download_failed": BadRequestError,
    "payload_too_large": BadRequestError,
    "rate_limit_exceeded": RateLimitError,
    "quota_exceeded": QuotaExceededError,
    "request_in_progress": ConflictError,
    "conflict": ConflictError,
    "not_found": NotFoundError,
    "resource_not_found": NotFoundError,
    "video_not_found": NotFoundError,
    "avatar_not_found": NotFoundError,
    "voice_not_found": NotFoundError,
    "internal_error": InternalServerError,
    "unclassified_server_error": InternalServerError,
}

# Codes that say an id is not in the account's catalogue: the error then names the
# listing call (``_envelope.CATALOGUE_HINTS``). avatar_not_found / voice_not_found:
# HeyGen's CLI hints and changelog; voice_not_usable: CLI hints only (UNCERTAIN). A
# generic not-found code blaming an id field (``param`` "...avatar_id"), or a message
# saying an id is unknown under any code, gets the hint too (the lenient match).
_CATALOGUE_BY_CODE: dict[str, Catalogue] = {
    "avatar_not_found": "avatar",
    "voice_not_found": "voice",
    "voice_not_usable": "voice",
}
_GENERIC_NOT_FOUND = frozenset({"not_found", "resource_not_found"})


class V3Dialect:
    """HeyGen's v3 answers and error codes."""

    name = "v3"
    creates_refused_at_job_limit = True  # v3 refuses creates beyond the job limit (429)

    def error_in_body(self, body: Any) -> ErrorInfo | None:
        if isinstance(body, dict) and body.get("error"):
            info = error_object(body["error"])
            code = info.code.lower() if isinstance(info.code, str) else None
            by_code = _CATALOGUE_BY_CODE.get(code) if code is not None else None
            return with_catalogue_hint(info, by_code, param_counts=code in _GENERIC_NOT_FOUND)
        return None

    def unwrap(self, body: Any) -> Any:
        # The whole body: lists keep has_more/next_token beside data.
        return body

    def error_class(self, status_code: int, code: int | str | None) -> type[APIStatusError]:
        by_code = _CLASS_BY_CODE.get(code.lower()) if isinstance(code, str) else None
        if by_code is BadRequestError and status_code == 413:
            return class_for_status(413)
        return by_code or class_for_status(status_code)
