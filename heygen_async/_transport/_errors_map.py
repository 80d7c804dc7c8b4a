"""Which exception class a HeyGen error becomes: by HeyGen's code first, then by HTTP status."""

from __future__ import annotations

from .._errors import (
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
    TrialLimitError,
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

_CLASS_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: BadRequestError,
    429: RateLimitError,
}


def _normalise_code(code: int | str | None) -> int | str | None:
    if isinstance(code, str) and code.strip().lstrip("-").isdigit():
        return int(code)
    return code


def error_class_for(status_code: int, code: int | str | None) -> type[APIStatusError]:
    """The most specific class for an HTTP status and a HeyGen code (int or str)."""
    normalised = _normalise_code(code)
    by_code = _CLASS_BY_CODE.get(normalised) if normalised is not None else None
    if by_code is not None:
        return by_code
    if status_code >= 500:
        return InternalServerError
    return _CLASS_BY_STATUS.get(status_code, APIStatusError)
