"""heygen-async: an async-first Python SDK for HeyGen's video API.

::

    from heygen_async import AsyncHeyGenClient

    async with AsyncHeyGenClient() as client:
        video = await client.generate_video("Hello!", avatar_id, voice_id)
        done = await client.wait_for_video(video.video_id)
"""

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
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    TrialLimitError,
    VideoFailedError,
    WaitTimeoutError,
)
from ._version import __version__
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
from .workflows import PollPolicy

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
    "ColorBackground",
    "ConfigurationError",
    "ConflictError",
    "Dimension",
    "GenerateVideoRequest",
    "GeneratedVideo",
    "HeyGenError",
    "ImageBackground",
    "InsufficientCreditError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "Offset",
    "PermissionDeniedError",
    "PollPolicy",
    "QuotaExceededError",
    "RateLimitError",
    "SilenceVoice",
    "TalkingPhoto",
    "TalkingPhotoCharacter",
    "TextVoice",
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
    "WaitTimeoutError",
    "__version__",
]
