"""The SDK's request models -> ``POST /v3/videos`` bodies, refusing what v3 cannot say.

- A one-scene video of an avatar (or talking photo) speaking a text or audio voice,
  on a colour or image background, becomes ``type: "avatar"``.
- Anything else (several scenes, stills, clips, an avatar in front of a clip)
  becomes ``type: "studio"`` when every scene maps; a scene v3 cannot render
  raises ``InvalidRequestError``.
- An Avatar IV request becomes ``type: "image"``.

Every refusal names the field, says what v3 allows, and points to
``api_version="v2"``: nothing is dropped silently (a dropped ``test=True`` would
bill a real render) and nothing is routed to the legacy API behind the caller's back.
"""

from __future__ import annotations

from typing import Any

from ..._errors import InvalidRequestError
from ...models import (
    AudioVoice,
    AvatarCharacter,
    AvatarIVVideoRequest,
    ColorBackground,
    Dimension,
    GenerateVideoRequest,
    ImageBackground,
    SilenceVoice,
    TalkingPhotoCharacter,
    TextVoice,
    VideoBackground,
    VideoInput,
)

# Exact output sizes v3 can produce: (width, height) -> (aspect_ratio, resolution).
_SIZES: dict[tuple[int, int], tuple[str, str]] = {}
for _resolution, _short in (("720p", 720), ("1080p", 1080), ("4k", 2160)):
    _long = _short * 16 // 9
    _SIZES[(_long, _short)] = ("16:9", _resolution)
    _SIZES[(_short, _long)] = ("9:16", _resolution)
    _SIZES[(_short, _short)] = ("1:1", _resolution)
    _SIZES[(_short, _short * 5 // 4)] = ("4:5", _resolution)
    _SIZES[(_short * 5 // 4, _short)] = ("5:4", _resolution)

_ORIENTATIONS = {"landscape": "16:9", "portrait": "9:16", "square": "1:1"}
V2_HINT = 'or use api_version="v2" (the legacy API) for it'


def refuse(field: str, why: str, allowed: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{field}: {why} on HeyGen's v3 API; allowed: {allowed}; {V2_HINT}",
        field=field,
        allowed=allowed,
    )


def _sizes_text() -> str:
    return ", ".join(f"{w}x{h}" for w, h in sorted(_SIZES))


def _dimension(dimension: Dimension) -> dict[str, str]:
    size = (dimension.width, dimension.height)
    if size not in _SIZES:
        raise refuse(
            "dimension",
            f"{dimension.width}x{dimension.height} has no exact aspect_ratio and resolution",
            _sizes_text(),
        )
    aspect_ratio, resolution = _SIZES[size]
    return {"aspect_ratio": aspect_ratio, "resolution": resolution}


def _caption(caption: bool | None) -> dict[str, Any]:
    # The sidecar .srt always comes back; style "default" also burns the captions in,
    # which is what v2's caption=True gave (video_url_caption).
    return {"caption": {"file_format": "srt", "style": "default"}} if caption else {}


def _asset(url: str | None, asset_id: str | None, field: str) -> dict[str, str]:
    if asset_id:
        return {"type": "asset_id", "asset_id": asset_id}
    if url:
        return {"type": "url", "url": url}
    raise refuse(field, "needs a url or an asset id", "url or asset id")


def _refuse_set(model: Any, names: tuple[str, ...], prefix: str, allowed: str) -> None:
    for name in names:
        if getattr(model, name, None) is not None:
            raise refuse(f"{prefix}{name}", "has no equivalent", allowed)


def _voice(voice: Any, prefix: str) -> dict[str, Any]:
    """A text or audio voice as v3's audio fields (script + voice_id + voice_settings)."""
    if isinstance(voice, TextVoice):
        _refuse_set(voice, ("emotion",), prefix, "omit it (v3 voices have no emotion)")
        settings: dict[str, Any] = {
            name: getattr(voice, name)
            for name in ("speed", "pitch", "locale")
            if getattr(voice, name) is not None
        }
        if voice.elevenlabs_settings:
            settings["engine_settings"] = {"engine_type": "elevenlabs", **voice.elevenlabs_settings}
        body: dict[str, Any] = {"script": voice.input_text, "voice_id": voice.voice_id}
        if settings:
            body["voice_settings"] = settings
        return body
    if isinstance(voice, AudioVoice):
        if voice.audio_asset_id:
            return {"audio_asset_id": voice.audio_asset_id}
        return {"audio_url": voice.audio_url}
    raise refuse(
        f"{prefix}voice",
        "an avatar scene needs a voice to speak (a silent avatar has no equivalent)",
        "a text or audio voice",
    )


def _character(character: Any, prefix: str) -> dict[str, Any]:
    if isinstance(character, AvatarCharacter):
        _refuse_set(
            character,
            ("avatar_style", "scale", "offset", "matting", "circle_background_color"),
            prefix,
            "omit it (v3 lays the avatar out itself)",
        )
        return {"avatar_id": character.avatar_id}
    if isinstance(character, TalkingPhotoCharacter):
        _refuse_set(
            character,
            (
                "scale",
                "offset",
                "talking_photo_style",
                "talking_style",
                "expression",
                "super_resolution",
                "matting",
                "circle_background_color",
            ),
            prefix,
            "omit it (v3 lays the photo avatar out itself)",
        )
        # v3 takes a photo avatar's look id where v2 took talking_photo_id.
        return {"avatar_id": character.talking_photo_id}
    raise refuse(f"{prefix}character", "is not an avatar or talking photo", "avatar, talking_photo")


def _simple_background(background: Any) -> dict[str, Any]:
    if isinstance(background, ColorBackground):
        return {"background": {"type": "color", "value": background.value}}
    if isinstance(background, ImageBackground):
        _refuse_set(background, ("fit",), "background.", "omit it")
        if background.image_asset_id:
            return {"background": {"type": "image", "asset_id": background.image_asset_id}}
        return {"background": {"type": "image", "url": background.url}}
    # A clip behind the avatar never gets here: it makes a studio video (_is_simple).
    raise refuse("background", "has no equivalent in an avatar video", "a colour or an image")


def _studio_background(background: Any, prefix: str) -> dict[str, Any]:
    """What is behind a studio scene's avatar: ``{type: color, color}``, or an image
    or a clip ``{type: image | video, url | asset_id}``.

    HeyGen's CLI 0.10.0 release note (2026-10-08) added image and video backgrounds
    to studio scenes, by URL or asset id; no schema was published, so the shape is
    the one v3's other background (the ``avatar`` type's) and asset inputs use.
    """
    if isinstance(background, ColorBackground):
        return {"type": "color", "color": background.value}
    allowed = "omit it (a v3 studio background is a url or an asset id, nothing more)"
    if isinstance(background, ImageBackground):
        _refuse_set(background, ("fit",), prefix, allowed)
        return {"type": "image", **_url_or_asset_id(background.url, background.image_asset_id)}
    _refuse_set(background, ("play_style", "fit"), prefix, allowed)
    return {"type": "video", **_url_or_asset_id(background.url, background.video_asset_id)}


def _url_or_asset_id(url: str | None, asset_id: str | None) -> dict[str, str]:
    # The background models let through exactly one of the two.
    return {"asset_id": asset_id} if asset_id else {"url": url or ""}


def _is_simple(request: GenerateVideoRequest) -> bool:
    """One avatar scene the ``avatar`` type can say: its top-level background is a
    colour or an image; a clip behind the avatar needs a (one-scene) studio video."""
    if len(request.video_inputs) != 1:
        return False
    scene = request.video_inputs[0]
    return scene.character is not None and not isinstance(scene.background, VideoBackground)


def video_body(request: GenerateVideoRequest) -> dict[str, Any]:
    """The ``POST /v3/videos`` body of a video, or ``InvalidRequestError``."""
    _refuse_set(request, ("test",), "", "omit it: v3 has no test mode, every render is billed")
    _refuse_set(request, ("folder_id",), "", "omit it: v3 cannot file a new video in a folder")
    common: dict[str, Any] = {
        name: getattr(request, name)
        for name in ("title", "callback_id", "callback_url")
        if getattr(request, name) is not None
    }
    if request.dimension is not None:
        common |= _dimension(request.dimension)
    common |= _caption(request.caption)
    if _is_simple(request):
        scene = request.video_inputs[0]
        body = {"type": "avatar", **_character(scene.character, "")}
        body |= _voice(scene.voice, "")
        if scene.background is not None:
            body |= _simple_background(scene.background)
        body |= common
    else:
        scenes = [
            _studio_scene(scene, f"video_inputs[{i}].")
            for i, scene in enumerate(request.video_inputs)
        ]
        body = {"type": "studio", "scenes": scenes, **common}
    return {**body, **(request.extra_body or {})}


def _studio_scene(scene: VideoInput, prefix: str) -> dict[str, Any]:
    background = scene.background
    if scene.character is not None:
        avatar_input: dict[str, Any] = {
            "type": "avatar",
            **_character(scene.character, prefix + "character."),
        }
        avatar_input |= _voice(scene.voice, prefix + "voice.")
        if background is not None:
            avatar_input["background"] = _studio_background(background, prefix + "background.")
        return {"type": "avatar_video", "input": avatar_input}
    if isinstance(background, ImageBackground):
        _refuse_set(background, ("fit",), prefix + "background.", "omit it")
        still: dict[str, Any] = {
            "type": "image",
            "source": _asset(background.url, background.image_asset_id, prefix + "background"),
        }
        if isinstance(scene.voice, SilenceVoice):
            still["duration"] = scene.voice.duration
        else:
            still |= _voice(scene.voice, prefix + "voice.")
        return still
    if isinstance(background, VideoBackground):
        _refuse_set(background, ("play_style", "fit"), prefix + "background.", "omit it")
        if not isinstance(scene.voice, SilenceVoice):
            raise refuse(
                prefix + "voice",
                "a clip scene plays its own sound: no voice over it",
                "a silence voice",
            )
        source = _asset(background.url, background.video_asset_id, prefix + "background")
        return {"type": "video", "source": source}
    raise refuse(
        prefix + "background",
        "a scene without an avatar needs an image or video to show",
        "an image or video background",
    )


def avatar_iv_body(request: AvatarIVVideoRequest) -> dict[str, Any]:
    """The ``POST /v3/videos`` body (``type: "image"``) of an Avatar IV video."""
    if request.enhance_custom_motion_prompt:
        raise refuse(
            "enhance_custom_motion_prompt",
            "has no equivalent for photo videos",
            "omit it (write the motion prompt out)",
        )
    image_key = request.image_key
    if image_key.lower().startswith(("http://", "https://")):
        image = {"type": "url", "url": image_key}
    else:
        image = {"type": "asset_id", "asset_id": image_key}
    body: dict[str, Any] = {"type": "image", "image": image, "title": request.video_title}
    # The request model lets through exactly one of script / audio_url / audio_asset_id,
    # which is what v3 asks; every field given is sent, none is dropped.
    speech = ("script", "voice_id", "audio_url", "audio_asset_id")
    body |= {name: getattr(request, name) for name in speech if getattr(request, name)}
    if request.video_orientation is not None:
        body["aspect_ratio"] = _ORIENTATIONS[request.video_orientation]
    if request.fit is not None:
        body["fit"] = request.fit
    if request.custom_motion_prompt is not None:
        body["motion_prompt"] = request.custom_motion_prompt
    return {**body, **(request.extra_body or {})}
