"""Request and response models, one module per noun.

Each name loads its module on first use (PEP 562): importing the client does not
build the classes of the models a program never touches.
"""

# Not ``typing.TYPE_CHECKING``: see ``heygen_async/__init__.py``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
_SUBMODULES = frozenset({"asset", "avatar", "scene", "video", "voice"})


def __getattr__(name: str) -> "Any":
    import importlib

    if name in _SUBMODULES:  # ``models.scene`` before anything imported it
        return importlib.import_module(f".{name}", __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


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
