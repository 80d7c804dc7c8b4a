"""The one exception tree of the SDK.

Catch by meaning::

    try:
        await client.wait_for_video(video_id)
    except VideoFailedError as exc:        # HeyGen rendered and gave up
        print(exc.code, exc.message)
    except WaitTimeoutError as exc:        # our deadline passed; the video lives on
        print(exc.last_status)
    except RateLimitError as exc:          # Retry-After longer than we wait
        print(exc.retry_after)
    except HeyGenError:                    # anything else from this SDK
        raise
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from .models.video import VideoStatus

__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "HeyGenError",
    "InsufficientCreditError",
    "InternalServerError",
    "InvalidRequestError",
    "JobFailedError",
    "NotFoundError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "TrialLimitError",
    "VideoFailedError",
    "WaitAbortedError",
    "WaitTimeoutError",
    "WebhookVerificationError",
]


class HeyGenError(Exception):
    """Base class of every error this SDK raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its message and attributes, not by calling ``__init__`` again
        # (whose keyword-only arguments ``args`` does not hold): pickles and copies.
        return (_rebuilt, (type(self), self.args), self.__dict__)


def _rebuilt(cls: type[HeyGenError], args: tuple[Any, ...]) -> HeyGenError:
    """An unpickled error: its class and message; ``__reduce__`` restores the rest."""
    error = cls.__new__(cls, *args)
    error.args = args  # OSError subclasses (WaitTimeoutError) set it in __init__ only
    return error


class ConfigurationError(HeyGenError, ValueError):
    """The client was built with a missing API key or a refused URL.

    ``field`` names the setting (``"api_key"``, ``"base_url"``, ``"timeout"``, the
    ``HEYGEN_*`` variable that gave it...) and ``problem`` says what is wrong with
    it; the text is ``"<field>: <problem>"`` (a missing key says so on its own),
    so a tool can name the setting in its own words (the CLI names its flags).
    """

    def __init__(self, message: str, *, field: str | None = None, problem: str | None = None):
        super().__init__(message)
        self.field = field
        self.problem = problem


def setting_error(field: str, problem: str) -> ConfigurationError:
    """A ``ConfigurationError`` about one setting: ``"<field>: <problem>"``."""
    return ConfigurationError(f"{field}: {problem}", field=field, problem=problem)


class InvalidRequestError(HeyGenError, ValueError):
    """Bad input, caught before any request was sent.

    ``field`` names the offending argument (``"video_inputs[0].voice.speed"``) and
    ``allowed`` says what would have been accepted.
    """

    def __init__(self, message: str, *, field: str | None = None, allowed: str | None = None):
        super().__init__(message)
        self.field = field
        self.allowed = allowed


class APIConnectionError(HeyGenError):
    """The request could not be completed: no connection, reset, or timeout.

    ``may_have_been_processed`` is True when the request had been sent, so a
    billed request (video generation) may have been accepted by HeyGen.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        may_have_been_processed: bool = False,
    ):
        super().__init__(message)
        self.request = request
        self.may_have_been_processed = may_have_been_processed


class APITimeoutError(APIConnectionError):
    """A single HTTP request timed out (not a wait deadline: see WaitTimeoutError)."""


class APIResponseError(HeyGenError):
    """HeyGen answered with a success status but a body that cannot be understood."""

    def __init__(self, message: str, *, status_code: int | None = None, body: str | None = None):
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class APIStatusError(HeyGenError):
    """HeyGen answered with an error: an HTTP error status or an error envelope.

    Attributes: ``status_code`` (HTTP), ``code`` (HeyGen's own error code, int or
    string, or None), ``message`` (HeyGen's message), ``request_id`` (when a
    response header carried one), ``body`` (an excerpt of the raw body), ``param``
    (the request field HeyGen's v3 API blamed, on validation errors), ``hint``
    (what to do about it, when the SDK knows: an unknown avatar or voice names the
    call that lists them; the text ends with it), ``catalogue`` (``"avatar"``,
    ``"talking_photo"`` or ``"voice"`` when the id HeyGen could not find is one of
    those, else None: a tool can name its own listing command).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: int | str | None = None,
        request_id: str | None = None,
        body: str | None = None,
        may_have_been_processed: bool = False,
        param: str | None = None,
        hint: str | None = None,
        catalogue: str | None = None,
    ):
        self.status_code = status_code
        self.catalogue = catalogue
        self.code = code
        self.param = param
        self.hint = hint
        self.message = message
        self.request_id = request_id
        self.body = body
        self.may_have_been_processed = may_have_been_processed
        text = self._describe()
        super().__init__(f"{text}; {hint}" if hint else text)

    def _describe(self) -> str:
        parts = [f"HTTP {self.status_code}"]
        if self.code is not None:
            parts.append(f"code {self.code}")
        text = f"{', '.join(parts)}: {self.message}"
        if self.param:
            text += f" (field {self.param})"
        if self.request_id:
            text += f" (request id {self.request_id})"
        if self.may_have_been_processed:
            text += (
                "; the request reached HeyGen and may have been processed, so a video may "
                "exist: check before submitting again"
            )
        return text


class BadRequestError(APIStatusError):
    """HTTP 400 or a HeyGen validation code."""


class AuthenticationError(APIStatusError):
    """HTTP 401 or an invalid/expired key code."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403 or a permission/plan code."""


class NotFoundError(APIStatusError):
    """HTTP 404 (an HTML 404 page included) or a not-found code.

    ``video_id`` is the video a wait was waiting for when the wait raised it (HeyGen
    does not know that id; the message then names it), else None.
    """

    video_id: str | None = None

    def __str__(self) -> str:
        text = super().__str__()
        if self.video_id and self.video_id not in text:
            return f"video {self.video_id}: {text}"
        return text


class ConflictError(APIStatusError):
    """HTTP 409."""


class RateLimitError(APIStatusError):
    """HTTP 429 still failing after retries, or a Retry-After longer than the SDK waits.

    ``retry_after`` is the server's requested delay in seconds, when it sent one.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)

    def _describe(self) -> str:
        text = super()._describe()
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g} s)"
        return text


class QuotaExceededError(APIStatusError):
    """The account's quota is used up. Not a rate limit: retrying will not help."""


class InsufficientCreditError(QuotaExceededError):
    """The API credit pool is empty (HeyGen's MOVIO_PAYMENT_INSUFFICIENT_CREDIT)."""


class TrialLimitError(QuotaExceededError):
    """A trial or test-mode daily/weekly video limit was reached."""


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class JobFailedError(HeyGenError):
    """HeyGen reported a job as failed: a video, a video translation, a lipsync, a
    video agent session, an AI clip job, a background removal, an asset.

    ``job_id`` and ``kind`` (``video``, ``video_translation``, ``lipsync``,
    ``video_agent``, ``ai_clip``, ``background_removal``, ``asset``) say which job;
    ``code`` and ``message`` are HeyGen's reason (None when it gave none), and
    ``status`` the last status read, the one that said ``failed``.
    """

    def __init__(
        self,
        job_id: str,
        *,
        kind: str,
        code: int | str | None = None,
        message: str | None = None,
        status: Any = None,
        detail: str | None = None,
    ):
        self.job_id = job_id
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
        reason = message or "no reason given by HeyGen"
        text = f"{kind.replace('_', ' ')} {job_id} failed: {reason}"
        if code is not None:
            text += f" (code {code})"
        if detail:
            text += f"; {detail}"
        super().__init__(text)


class VideoFailedError(JobFailedError):
    """HeyGen reported the video as ``failed`` (a ``JobFailedError`` of kind ``video``).

    Carries HeyGen's reason: ``code``, ``message``, ``detail``, and the last
    ``status`` (a VideoStatus) it was read from; ``video_id`` is ``job_id``.
    """

    def __init__(
        self,
        video_id: str,
        *,
        code: int | str | None = None,
        message: str | None = None,
        detail: str | None = None,
        status: VideoStatus | None = None,
    ):
        self.video_id = video_id
        self.detail = detail
        super().__init__(
            video_id, kind="video", code=code, message=message, status=status, detail=detail
        )

    @classmethod
    def from_status(cls, status: VideoStatus) -> VideoFailedError:
        """The error for a ``failed`` status, carrying HeyGen's reason."""
        error = status.error
        return cls(
            status.video_id,
            code=error.code if error else None,
            message=error.message if error else None,
            detail=error.detail if error else None,
            status=status,
        )


class _JobWaitError(HeyGenError):
    """What every wait error tells of its job (the two wait errors share it)."""

    job_id: str
    kind: str
    video_id: str | None
    last_status: Any

    def _note_job(self, job_id: str, kind: str, last_status: Any) -> None:
        """Set ``job_id``, ``kind``, ``last_status``, and ``video_id`` (``job_id``
        for a video, else None)."""
        self.job_id = job_id
        self.kind = kind
        self.video_id = job_id if kind == "video" else None
        self.last_status = last_status


class WaitTimeoutError(_JobWaitError, TimeoutError):
    """A wait passed its deadline. The job was not cancelled and may still finish.

    ``job_id``, ``kind`` and ``last_status`` (the last status seen, or None) tell
    where it stood; ``video_id`` is ``job_id`` for a video (None for another kind).
    """

    def __init__(
        self,
        job_id: str,
        *,
        timeout: float,
        last_status: Any = None,
        cause: str | None = None,
        kind: str = "video",
    ):
        self._note_job(job_id, kind, last_status)
        self.timeout = timeout
        state = _state_of(last_status)
        text = (
            f"{kind.replace('_', ' ')} {job_id} not finished after {timeout:g} s "
            f"(last status: {state})"
        )
        if cause:
            text += f": {cause}"
        super().__init__(text)


class WaitAbortedError(_JobWaitError):
    """A wait gave up because its status checks kept failing (``max_poll_failures``
    in a row). The job was not cancelled and may still finish: wait again later.

    ``job_id``, ``kind``, ``failures`` (how many checks failed in a row) and
    ``last_status`` (the last status read, or None); ``video_id`` is ``job_id`` for a
    video (None for another kind); the last check's error is ``__cause__``.
    """

    def __init__(
        self,
        job_id: str,
        *,
        failures: int,
        last_status: Any = None,
        cause: str | None = None,
        kind: str = "video",
    ):
        self._note_job(job_id, kind, last_status)
        self.failures = failures
        text = (
            f"gave up waiting for {kind.replace('_', ' ')} {job_id} after {failures} failed "
            "status checks in a row"
        )
        if cause:
            text += f" (last: {cause})"
        super().__init__(text)


def _state_of(status: Any) -> str:
    """A status's state as text (an enum's value), ``unknown`` without one."""
    state = getattr(status, "status", None)
    if state is None:
        return "unknown"
    return str(getattr(state, "value", state))


class WebhookVerificationError(HeyGenError):
    """A webhook delivery was refused: no or a wrong signature, a stale timestamp, or
    a body that is not a JSON object.

    ``reason`` says which, in words that never include the secret nor the
    signature that was sent (the message is safe to log and to answer with).
    """

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"webhook delivery refused: {reason}")


# Shown (tracebacks, reprs, pickles) under the path users import them from:
# ``heygen_async.AuthenticationError``. ``heygen_async`` resolves each name on first
# use, so unpickling one imports this module through it.
for _name in __all__:
    globals()[_name].__module__ = "heygen_async"
del _name
