"""Request and response models, one module per noun."""

from .asset import Asset, AssetFileType, UploadedAsset
from .avatar import Avatar, TalkingPhoto
from .scene import (
    AudioVoice,
    AvatarCharacter,
    Background,
    Character,
    ColorBackground,
    Dimension,
    ImageBackground,
    Offset,
    SilenceVoice,
    TalkingPhotoCharacter,
    TextVoice,
    VideoBackground,
    VideoInput,
)
from .video import (
    AvatarIVVideoRequest,
    GeneratedVideo,
    GenerateVideoRequest,
    VideoError,
    VideoState,
    VideoStatus,
    VideoSummary,
)
from .voice import Voice

__all__ = [
    "Asset",
    "AssetFileType",
    "AudioVoice",
    "Avatar",
    "AvatarCharacter",
    "AvatarIVVideoRequest",
    "Background",
    "Character",
    "ColorBackground",
    "Dimension",
    "GenerateVideoRequest",
    "GeneratedVideo",
    "ImageBackground",
    "Offset",
    "SilenceVoice",
    "TalkingPhoto",
    "TalkingPhotoCharacter",
    "TextVoice",
    "UploadedAsset",
    "VideoBackground",
    "VideoError",
    "VideoInput",
    "VideoState",
    "VideoStatus",
    "VideoSummary",
    "Voice",
]
