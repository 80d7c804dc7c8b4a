"""Building generation request bodies from method arguments, validated before sending.

``generate_video``, ``generate_many`` and the CLI all go through these, so the
rules (and their error messages) live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ._errors import InvalidRequestError
from ._validation import invalid_request_from, validate
from .models import (
    AvatarCharacter,
    AvatarIVVideoRequest,
    ColorBackground,
    Dimension,
    GenerateVideoRequest,
    TextVoice,
    VideoInput,
)
from .models.scene import Background
from .models.video import merge_extra_body

# The keyword arguments of generate_video, in order (also the CSV/JSONL job columns).
GENERATE_VIDEO_FIELDS = (
    "script",
    "avatar_id",
    "voice_id",
    "title",
    "dimension",
    "background",
    "avatar_style",
    "speed",
    "pitch",
    "emotion",
    "locale",
    "caption",
    "callback_id",
    "callback_url",
    "folder_id",
    "test",
    "video_inputs",
    "extra_body",
)
AVATAR_IV_FIELDS = (
    "script",
    "image_key",
    "voice_id",
    "video_title",
    "video_orientation",
    "fit",
    "custom_motion_prompt",
    "enhance_custom_motion_prompt",
    "audio_url",
    "audio_asset_id",
    "extra_body",
)


def _dimension(value: Any) -> Any:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        return {"width": value[0], "height": value[1]}
    return value


_BACKGROUND = TypeAdapter(Background)


def _background(value: Any) -> Any:
    """The simple form's background; a ``#RRGGBB`` string is shorthand for a colour."""
    if isinstance(value, str):
        return validate(ColorBackground, {"value": value}, prefix="background")
    try:
        return _BACKGROUND.validate_python(value)
    except ValidationError as exc:
        raise invalid_request_from(exc, "background") from None


def build_video_request(
    script: str | None = None,
    avatar_id: str | None = None,
    voice_id: str | None = None,
    *,
    title: str | None = None,
    dimension: Dimension | Mapping[str, Any] | Sequence[int] | None = None,
    background: Background | Mapping[str, Any] | str | None = None,
    avatar_style: str | None = None,
    speed: float | None = None,
    pitch: int | None = None,
    emotion: str | None = None,
    locale: str | None = None,
    caption: bool | None = None,
    callback_id: str | None = None,
    callback_url: str | None = None,
    folder_id: str | None = None,
    test: bool | None = None,
    video_inputs: Sequence[VideoInput | Mapping[str, Any]] | None = None,
    extra_body: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON body of ``POST /v2/video/generate``, or ``InvalidRequestError``."""
    if video_inputs is not None:
        given = [
            name
            for name, value in (
                ("script", script),
                ("avatar_id", avatar_id),
                ("voice_id", voice_id),
            )
            if value is not None
        ]
        simple_only = {
            "avatar_style": avatar_style,
            "speed": speed,
            "pitch": pitch,
            "emotion": emotion,
            "locale": locale,
            "background": background,
        }
        given += [name for name, value in simple_only.items() if value is not None]
        if given:
            raise InvalidRequestError(
                f"{', '.join(given)}: not allowed together with video_inputs; "
                "put them in the scenes instead",
                field=given[0],
                allowed="either the simple form (script, avatar_id, voice_id) or video_inputs",
            )
        if isinstance(video_inputs, (str, bytes, Mapping)):
            raise InvalidRequestError(
                "video_inputs: must be a list of scenes", field="video_inputs", allowed="1 to 50"
            )
        scenes: list[Any] = list(video_inputs)
    else:
        missing = [
            name
            for name, value in (
                ("script", script),
                ("avatar_id", avatar_id),
                ("voice_id", voice_id),
            )
            if value is None
        ]
        if missing:
            raise InvalidRequestError(
                f"{', '.join(missing)}: required (or pass video_inputs for multi-scene videos)",
                field=missing[0],
                allowed="non-empty string",
            )
        voice = {"voice_id": voice_id, "input_text": script, "speed": speed, "pitch": pitch}
        voice |= {"emotion": emotion, "locale": locale}
        character = {"avatar_id": avatar_id, "avatar_style": avatar_style}
        scene: dict[str, Any] = {
            "character": validate(
                AvatarCharacter, {k: v for k, v in character.items() if v is not None}
            ),
            "voice": _simple_voice({k: v for k, v in voice.items() if v is not None}),
        }
        if background is not None:
            scene["background"] = _background(background)
        scenes = [scene]

    fields: dict[str, Any] = {
        "video_inputs": scenes,
        "dimension": _dimension(dimension),
        "title": title,
        "caption": caption,
        "callback_id": callback_id,
        "callback_url": callback_url,
        "folder_id": folder_id,
        "test": test,
    }
    request = validate(GenerateVideoRequest, {k: v for k, v in fields.items() if v is not None})
    return merge_extra_body(request.to_wire(), _extra(extra_body))


def _simple_voice(fields: dict[str, Any]) -> TextVoice:
    """The voice of the simple form, its errors named after generate_video's arguments."""
    try:
        return validate(TextVoice, fields)
    except InvalidRequestError as exc:
        if exc.field == "input_text":
            raise InvalidRequestError(
                str(exc).replace("input_text", "script", 1), field="script", allowed=exc.allowed
            ) from None
        raise


def video_request_body(request: GenerateVideoRequest | Mapping[str, Any]) -> dict[str, Any]:
    """The body of an already-built request (a model or a wire-format dict)."""
    return validate(GenerateVideoRequest, request).to_wire()


def build_avatar_iv_request(
    script: str | None = None,
    image_key: str | None = None,
    voice_id: str | None = None,
    *,
    video_title: str | None = None,
    video_orientation: str | None = None,
    fit: str | None = None,
    custom_motion_prompt: str | None = None,
    enhance_custom_motion_prompt: bool | None = None,
    audio_url: str | None = None,
    audio_asset_id: str | None = None,
    extra_body: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON body of ``POST /v2/video/av4/generate``, or ``InvalidRequestError``."""
    if video_title is None and isinstance(script, str) and script.strip():
        # HeyGen's guide marks the title required; a readable default beats a 400.
        video_title = " ".join(script.split())[:60]
    fields = {
        "script": script,
        "image_key": image_key,
        "voice_id": voice_id,
        "video_title": video_title,
        "video_orientation": video_orientation,
        "fit": fit,
        "custom_motion_prompt": custom_motion_prompt,
        "enhance_custom_motion_prompt": enhance_custom_motion_prompt,
        "audio_url": audio_url,
        "audio_asset_id": audio_asset_id,
    }
    request = validate(AvatarIVVideoRequest, {k: v for k, v in fields.items() if v is not None})
    return merge_extra_body(request.to_wire(), _extra(extra_body))


def _extra(extra_body: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if extra_body is None:
        return None
    if not isinstance(extra_body, Mapping):
        raise InvalidRequestError(
            "extra_body: must be a dict of extra JSON fields", field="extra_body", allowed="dict"
        )
    return dict(extra_body)
