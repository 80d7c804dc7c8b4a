"""heygen-async: an async-first Python SDK for HeyGen's video API.

::

    from heygen_async import AsyncHeyGenClient

    async with AsyncHeyGenClient() as client:
        video = await client.generate_video("Hello!", avatar_id, voice_id)
        done = await client.wait_for_video(video.video_id)
"""

from ._version import __version__

# Not ``typing.TYPE_CHECKING``: importing typing (and the re, collections and
# functools it loads) would be most of what ``import heygen_async`` costs. Type
# checkers treat any name spelled ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._capabilities import Capabilities
    from ._client import AsyncHeyGenClient
    from ._errors import (
        APIConnectionError,
        APIResponseError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        HeyGenError,
        InsufficientCreditError,
        InternalServerError,
        InvalidRequestError,
        JobFailedError,
        NotFoundError,
        PermissionDeniedError,
        QuotaExceededError,
        RateLimitError,
        TrialLimitError,
        VideoFailedError,
        WaitAbortedError,
        WaitTimeoutError,
        WebhookVerificationError,
    )
    from ._logging import redact
    from ._params import RequestOptions
    from ._progress import ProgressCallback, TransferProgress
    from ._raw import RawResponse
    from ._sync import HeyGenClient, shutdown_sync_clients
    from .jobs._resource_waits import WaitResult
    from .models import (
        Asset,
        AudioVoice,
        Avatar,
        AvatarCharacter,
        AvatarIVVideoRequest,
        ColorBackground,
        Dimension,
        GeneratedVideo,
        GenerateVideoRequest,
        ImageBackground,
        Offset,
        SilenceVoice,
        TalkingPhoto,
        TalkingPhotoCharacter,
        TextVoice,
        UploadedAsset,
        VideoBackground,
        VideoError,
        VideoInput,
        VideoState,
        VideoStatus,
        VideoSummary,
        Voice,
    )
    from .workflows import (
        JobCompleted,
        JobEvent,
        JobFailed,
        JobResult,
        JobSending,
        JobStatusChanged,
        JobSubmitted,
        JobSubmitting,
        PollPolicy,
    )

del TYPE_CHECKING  # not a public name

# Public names load on first use: ``import heygen_async`` costs next to nothing, and
# an async-only program never loads the sync facade's machinery.
_EXPORTS: dict[str, str] = {
    "AsyncHeyGenClient": "._client",
    "Capabilities": "._capabilities",
    "APIConnectionError": "._errors",
    "APIResponseError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "ConfigurationError": "._errors",
    "ConflictError": "._errors",
    "HeyGenError": "._errors",
    "InsufficientCreditError": "._errors",
    "InternalServerError": "._errors",
    "InvalidRequestError": "._errors",
    "JobFailedError": "._errors",
    "NotFoundError": "._errors",
    "PermissionDeniedError": "._errors",
    "QuotaExceededError": "._errors",
    "RateLimitError": "._errors",
    "TrialLimitError": "._errors",
    "VideoFailedError": "._errors",
    "WaitAbortedError": "._errors",
    "WaitTimeoutError": "._errors",
    "WebhookVerificationError": "._errors",
    "HeyGenClient": "._sync",
    "shutdown_sync_clients": "._sync",
    "ProgressCallback": "._progress",
    "RawResponse": "._raw",
    "RequestOptions": "._params",
    "TransferProgress": "._progress",
    "redact": "._logging",
    "Asset": ".models",
    "AudioVoice": ".models",
    "Avatar": ".models",
    "AvatarCharacter": ".models",
    "AvatarIVVideoRequest": ".models",
    "ColorBackground": ".models",
    "Dimension": ".models",
    "GeneratedVideo": ".models",
    "GenerateVideoRequest": ".models",
    "ImageBackground": ".models",
    "Offset": ".models",
    "SilenceVoice": ".models",
    "TalkingPhoto": ".models",
    "TalkingPhotoCharacter": ".models",
    "TextVoice": ".models",
    "UploadedAsset": ".models",
    "VideoBackground": ".models",
    "VideoError": ".models",
    "VideoInput": ".models",
    "VideoState": ".models",
    "VideoStatus": ".models",
    "VideoSummary": ".models",
    "Voice": ".models",
    "JobCompleted": ".workflows",
    "JobEvent": ".workflows",
    "JobFailed": ".workflows",
    "JobResult": ".workflows",
    "JobSending": ".workflows",
    "JobStatusChanged": ".workflows",
    "JobSubmitted": ".workflows",
    "JobSubmitting": ".workflows",
    "PollPolicy": ".workflows",
    "WaitResult": ".jobs._resource_waits",
}


def __getattr__(name: str) -> "Any":
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'heygen_async' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "Asset",
    "AsyncHeyGenClient",
    "AudioVoice",
    "AuthenticationError",
    "Avatar",
    "AvatarCharacter",
    "AvatarIVVideoRequest",
    "BadRequestError",
    "Capabilities",
    "ColorBackground",
    "ConfigurationError",
    "ConflictError",
    "Dimension",
    "GenerateVideoRequest",
    "GeneratedVideo",
    "HeyGenClient",
    "HeyGenError",
    "ImageBackground",
    "InsufficientCreditError",
    "InternalServerError",
    "InvalidRequestError",
    "JobCompleted",
    "JobEvent",
    "JobFailed",
    "JobFailedError",
    "JobResult",
    "JobSending",
    "JobStatusChanged",
    "JobSubmitted",
    "JobSubmitting",
    "NotFoundError",
    "Offset",
    "PermissionDeniedError",
    "PollPolicy",
    "ProgressCallback",
    "QuotaExceededError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "SilenceVoice",
    "TalkingPhoto",
    "TalkingPhotoCharacter",
    "TextVoice",
    "TransferProgress",
    "TrialLimitError",
    "UploadedAsset",
    "VideoBackground",
    "VideoError",
    "VideoFailedError",
    "VideoInput",
    "VideoState",
    "VideoStatus",
    "VideoSummary",
    "Voice",
    "WaitAbortedError",
    "WaitResult",
    "WaitTimeoutError",
    "WebhookVerificationError",
    "__version__",
    "redact",
    "shutdown_sync_clients",
]
