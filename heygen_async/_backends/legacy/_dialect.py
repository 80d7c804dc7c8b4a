"""The legacy (v1/v2) dialect: its envelopes and its error codes.

- v1: ``{"code": 100, "message": "Success", "data": {...}}``; any other code is an error.
- v2: ``{"error": null, "data": {...}}``; a non-null ``error`` ``{code, message}`` is one.
"""

from __future__ import annotations

from typing import Any

from ..._errors import (
    APIStatusError,
    AuthenticationError,
    InsufficientCreditError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    TrialLimitError,
)
from ..._transport._envelope import (
    Catalogue,
    ErrorInfo,
    class_for_status,
    error_object,
    with_catalogue_hint,
)

# Only codes that change what a caller does get a class of their own; the rest
# fall back to the HTTP status. Sources: heygen-api.md section 8.3.
_CLASS_BY_CODE: dict[int | str, type[APIStatusError]] = {
    **dict.fromkeys([40009, 400101, 400112, 401056, 401057], AuthenticationError),
    **dict.fromkeys([400562, 400573, 400578, 400599, 400631, 400685], PermissionDeniedError),
    **dict.fromkeys(
        [400561, 40031, 400144, 400174, 400116, 40051, 400179, 400114, 404001, 404003],
        NotFoundError,
    ),
    **dict.fromkeys([400140, 10007, 10015, "rate_limit_exceeded"], RateLimitError),
    **dict.fromkeys([401029, 40019, "quota_exceeded"], QuotaExceededError),
    **dict.fromkeys(
        [
            400118,
            "MOVIO_PAYMENT_INSUFFICIENT_CREDIT",
            "insufficient_credit",
            "insufficient_credits",
            "insufficient_balance",
        ],
        InsufficientCreditError,
    ),
    400664: TrialLimitError,
}

# Codes that say an id is not in the account's catalogue: the error then names the
# listing call (``_envelope.CATALOGUE_HINTS``). All four come from community clients
# (heygen-api.md 8.3, UNCERTAIN), so a message saying the same ("Avatar x not found",
# "invalid voice_id") under any other code gets the hint too (the lenient match).
_CATALOGUE_BY_CODE: dict[int | str, Catalogue] = {
    400144: "avatar",  # AVATAR_NOT_FOUND
    40090: "avatar",  # INVALID_AVATAR_INFO
    400174: "talking_photo",  # PHOTAR_NOT_FOUND
    400116: "voice",  # VOICE_NOT_FOUND
}

V1_SUCCESS_CODE = 100


def _normalise_code(code: int | str | None) -> int | str | None:
    if isinstance(code, str) and code.strip().lstrip("-").isdigit():
        return int(code)
    return code


class LegacyDialect:
    """HeyGen's v1/v2 answers and error codes."""

    name = "v2"
    creates_refused_at_job_limit = False  # v1/v2 queue renders beyond the plan's limit

    def error_in_body(self, body: Any) -> ErrorInfo | None:
        if not isinstance(body, dict):
            return None
        error = body.get("error")
        if error:
            return self._hinted(error_object(error))
        code = body.get("code")
        if code is not None and str(code) != str(V1_SUCCESS_CODE):
            message = body.get("message") or body.get("msg") or ""
            if not isinstance(code, (int, str)):
                code = str(code)
            return self._hinted(ErrorInfo(code, str(message)))
        return None

    @staticmethod
    def _hinted(info: ErrorInfo) -> ErrorInfo:
        normalised = _normalise_code(info.code)
        by_code = _CATALOGUE_BY_CODE.get(normalised) if normalised is not None else None
        return with_catalogue_hint(info, by_code)

    def unwrap(self, body: Any) -> Any:
        if isinstance(body, dict) and ("data" in body or "code" in body or "error" in body):
            return body.get("data")
        return body

    def error_class(self, status_code: int, code: int | str | None) -> type[APIStatusError]:
        """The most specific class for an HTTP status and a HeyGen code (int or str)."""
        normalised = _normalise_code(code)
        by_code = _CLASS_BY_CODE.get(normalised) if normalised is not None else None
        return by_code or class_for_status(status_code)
