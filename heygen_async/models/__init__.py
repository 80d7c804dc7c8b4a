"""Request and response models, one module per noun.

Each name loads its module on first use (PEP 562): importing the client does not
build the classes of the models a program never touches.
"""

from .._lazy import lazy_exports

# Not ``typing.TYPE_CHECKING``: see ``heygen_async/__init__.py``.
TYPE_CHECKING = False
if TYPE_CHECKING:
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

del TYPE_CHECKING  # not a public name

_EXPORTS: dict[str, str] = {
    "Asset": ".asset",
    "AssetFileType": ".asset",
    "UploadedAsset": ".asset",
    "Avatar": ".avatar",
    "TalkingPhoto": ".avatar",
    "AudioVoice": ".scene",
    "AvatarCharacter": ".scene",
    "Background": ".scene",
    "Character": ".scene",
    "ColorBackground": ".scene",
    "Dimension": ".scene",
    "ImageBackground": ".scene",
    "Offset": ".scene",
    "SilenceVoice": ".scene",
    "TalkingPhotoCharacter": ".scene",
    "TextVoice": ".scene",
    "VideoBackground": ".scene",
    "VideoInput": ".scene",
    "AvatarIVVideoRequest": ".video",
    "GeneratedVideo": ".video",
    "GenerateVideoRequest": ".video",
    "VideoError": ".video",
    "VideoState": ".video",
    "VideoStatus": ".video",
    "VideoSummary": ".video",
    "Voice": ".voice",
}
_SUBMODULES = ("asset", "avatar", "scene", "video", "voice")


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS, _SUBMODULES)
del lazy_exports  # not a public name


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
