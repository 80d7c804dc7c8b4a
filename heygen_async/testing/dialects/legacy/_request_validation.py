"""Validation of incoming v1/v2 generation requests, as HeyGen does it (heygen-api.md 1-2).

Each rule raises ``ApiError(400, <HeyGen code>, <message naming the field>)``:
missing fields get 40001 MISSING_PARAMS, bad values 400175 INVALID_PARAMETER,
unknown ids their not-found codes (400144 avatar, 400174 talking photo,
400116 voice). Asset ids are not checked here: like HeyGen, the fake accepts
the request and the render fails later (see ``VideoOrder.unknown_assets``).
A valid body becomes a ``VideoOrder`` for the account.
"""

from __future__ import annotations

from typing import Any

from ... import _defaults as defaults
from ...account import Catalogue, VideoOrder
from ...server import ApiError
from ._wire import (
    AVATAR_NOT_FOUND,
    INVALID_PARAMETER,
    INVALID_TEXT_INPUT,
    MISSING_PARAMS,
    PHOTAR_NOT_FOUND,
    VOICE_NOT_FOUND,
)

EMOTIONS = ("Excited", "Friendly", "Serious", "Soothing", "Broadcaster")
AVATAR_STYLES = ("circle", "normal", "closeUp")
TALKING_PHOTO_STYLES = ("square", "circle")
TALKING_STYLES = ("stable", "expressive")
EXPRESSIONS = ("default", "happy")
CAPTION_MODES = ("file_only", "burn_in")
FITS = ("cover", "crop", "contain", "none")
# heygen-api.md 1.3 documents these four (one third-party source lists
# "full_video" instead of "once"; the SDK follows the documented set, so does the fake).
PLAY_STYLES = ("fit_to_scene", "freeze", "loop", "once")
ORIENTATIONS = ("portrait", "landscape", "square")
AV4_FITS = ("cover", "contain")


def _missing(name: str) -> ApiError:
    return ApiError(400, MISSING_PARAMS, f"{name} is required")


def _invalid(name: str, expected: str) -> ApiError:
    return ApiError(400, INVALID_PARAMETER, f"{name} is invalid: {expected}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _optional_str(body: dict[str, Any], key: str, where: str = "") -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise _invalid(f"{where}{key}", "must be a string")
    return value


def _optional_bool(body: dict[str, Any], key: str) -> bool:
    value = body.get(key)
    if value is not None and not isinstance(value, bool):
        raise _invalid(key, "must be a boolean")
    return bool(value)


def _optional_choice(body: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> None:
    value = body.get(key)
    if value is not None and value not in choices:
        raise _invalid(f"{where}{key}", f"must be one of {', '.join(choices)}")


def _optional_range(
    body: dict[str, Any], key: str, low: float, high: float, where: str
) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    if not _is_number(value) or not low <= value <= high:
        raise _invalid(f"{where}{key}", f"must be a number between {low:g} and {high:g}")
    return float(value)


def _required_str(body: dict[str, Any], key: str, where: str = "") -> str:
    value = body.get(key)
    if value is None or value == "":
        raise _missing(f"{where}{key}")
    if not isinstance(value, str):
        raise _invalid(f"{where}{key}", "must be a string")
    return value


def _exactly_one(body: dict[str, Any], keys: tuple[str, str], where: str) -> str:
    given = [key for key in keys if body.get(key)]
    if len(given) != 1:
        raise _invalid(where.rstrip("."), f"give exactly one of {keys[0]} or {keys[1]}")
    return given[0]


def _check_dimension(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise _invalid("dimension", "must be an object with width and height")
    for side in ("width", "height"):
        size = value.get(side)
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or size % 2
            or not defaults.DIMENSION_MIN <= size <= defaults.DIMENSION_MAX
        ):
            raise _invalid(
                f"dimension.{side}",
                f"must be an even integer between {defaults.DIMENSION_MIN} "
                f"and {defaults.DIMENSION_MAX}",
            )


def _check_character(character: Any, where: str, catalogue: Catalogue) -> None:
    if character is None:
        return
    if not isinstance(character, dict):
        raise _invalid(where.rstrip("."), "must be an object")
    kind = character.get("type")
    _optional_range(character, "scale", defaults.SCALE_MIN, defaults.SCALE_MAX, where)
    if kind == "avatar":
        avatar_id = _required_str(character, "avatar_id", where)
        if not catalogue.has_avatar(avatar_id):
            raise ApiError(400, AVATAR_NOT_FOUND, f"Avatar {avatar_id} not found")
        _optional_choice(character, "avatar_style", AVATAR_STYLES, where)
    elif kind == "talking_photo":
        photo_id = _required_str(character, "talking_photo_id", where)
        if not catalogue.has_talking_photo(photo_id):
            raise ApiError(400, PHOTAR_NOT_FOUND, f"Talking photo {photo_id} not found")
        _optional_choice(character, "talking_photo_style", TALKING_PHOTO_STYLES, where)
        _optional_choice(character, "talking_style", TALKING_STYLES, where)
        _optional_choice(character, "expression", EXPRESSIONS, where)
    elif kind is None:
        raise _missing(f"{where}type")
    else:
        raise _invalid(f"{where}type", "must be avatar or talking_photo")


def _check_voice(
    voice: Any, where: str, catalogue: Catalogue, submission: VideoOrder
) -> tuple[float, bool]:
    """Validates a scene's voice; returns (spoken seconds, is text)."""
    if voice is None:
        raise _missing(where.rstrip("."))
    if not isinstance(voice, dict):
        raise _invalid(where.rstrip("."), "must be an object")
    kind = voice.get("type")
    if kind == "text":
        voice_id = _required_str(voice, "voice_id", where)
        text = voice.get("input_text")
        if text is None:
            raise _missing(f"{where}input_text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, INVALID_TEXT_INPUT, f"{where}input_text must not be empty")
        if len(text) > defaults.MAX_SCRIPT_CHARS:
            raise ApiError(
                400,
                INVALID_TEXT_INPUT,
                f"{where}input_text must be at most {defaults.MAX_SCRIPT_CHARS} characters",
            )
        if not catalogue.has_voice(voice_id):
            raise ApiError(400, VOICE_NOT_FOUND, f"Voice {voice_id} not found")
        speed = _optional_range(voice, "speed", defaults.SPEED_MIN, defaults.SPEED_MAX, where)
        _optional_range(voice, "pitch", defaults.PITCH_MIN, defaults.PITCH_MAX, where)
        _optional_choice(voice, "emotion", EMOTIONS, where)
        _optional_str(voice, "locale", where)
        submission.texts.append(text)
        spoken = len(text) / defaults.SPOKEN_CHARS_PER_SECOND / (speed or 1.0)
        return max(1.0, spoken), True
    if kind == "audio":
        key = _exactly_one(voice, ("audio_url", "audio_asset_id"), where)
        if key == "audio_asset_id" and not catalogue.has_asset(voice[key]):
            submission.unknown_assets.append(str(voice[key]))
        return defaults.AUDIO_INPUT_SECONDS, False
    if kind == "silence":
        seconds = _optional_range(
            voice, "duration", defaults.SILENCE_MIN, defaults.SILENCE_MAX, where
        )
        return (seconds if seconds is not None else defaults.SILENCE_MIN), False
    if kind is None:
        raise _missing(f"{where}type")
    raise _invalid(f"{where}type", "must be text, audio or silence")


def _check_background(
    background: Any, where: str, catalogue: Catalogue, submission: VideoOrder
) -> None:
    if background is None:
        return
    if not isinstance(background, dict):
        raise _invalid(where.rstrip("."), "must be an object")
    kind = background.get("type")
    if kind == "color":
        _optional_str(background, "value", where)
        return
    if kind in ("image", "video"):
        asset_key = f"{kind}_asset_id"
        key = _exactly_one(background, ("url", asset_key), where)
        if key == asset_key and not catalogue.has_asset(background[key]):
            submission.unknown_assets.append(str(background[key]))
        _optional_choice(background, "fit", FITS, where)
        if kind == "video":
            _optional_choice(background, "play_style", PLAY_STYLES, where)
        return
    if kind is None:
        raise _missing(f"{where}type")
    raise _invalid(f"{where}type", "must be color, image or video")


def validate_generate(body: Any, catalogue: Catalogue) -> VideoOrder:
    """Check a ``POST /v2/video/generate`` body the way HeyGen does."""
    if not isinstance(body, dict):
        raise _invalid("body", "must be a JSON object")
    scenes = body.get("video_inputs")
    if scenes is None:
        raise _missing("video_inputs")
    if not isinstance(scenes, list) or not 1 <= len(scenes) <= defaults.MAX_SCENES:
        raise _invalid("video_inputs", f"must be a list of 1 to {defaults.MAX_SCENES} scenes")
    _check_dimension(body.get("dimension"))
    caption = _optional_bool(body, "caption")
    _optional_choice(body, "caption_mode", CAPTION_MODES, "")
    caption = caption or body.get("caption_mode") is not None
    _optional_bool(body, "test")
    _optional_bool(body, "enable_watermark")
    fps = body.get("fps")
    if fps is not None and (not _is_number(fps) or fps <= 0):
        raise _invalid("fps", "must be a positive number")
    submission = VideoOrder(
        kind="avatar",
        title=_optional_str(body, "title"),
        callback_id=_optional_str(body, "callback_id"),
        duration=0.0,
        caption=False,
    )
    _optional_str(body, "callback_url")
    _optional_str(body, "folder_id")
    has_text = False
    for index, scene in enumerate(scenes):
        where = f"video_inputs[{index}]."
        if not isinstance(scene, dict):
            raise _invalid(where.rstrip("."), "must be an object")
        _check_character(scene.get("character"), f"{where}character.", catalogue)
        seconds, is_text = _check_voice(scene.get("voice"), f"{where}voice.", catalogue, submission)
        _check_background(scene.get("background"), f"{where}background.", catalogue, submission)
        submission.duration += seconds
        has_text = has_text or is_text
    # Captions only work with text voices (heygen-api.md 1.1); HeyGen ignores them otherwise.
    submission.caption = caption and has_text
    submission.texts += [t for t in (submission.title, submission.callback_id) if t]
    submission.duration = round(submission.duration, 3)
    return submission


def _av4_speech(body: dict[str, Any], catalogue: Catalogue) -> tuple[float, list[str]]:
    """The spoken seconds and texts of an Avatar IV body: a script in a voice, or
    the caller's own audio (then script and voice_id may be left out)."""
    if body.get("audio_url") and body.get("audio_asset_id"):
        raise _invalid("audio_url", "give at most one of audio_url or audio_asset_id")
    own_audio = bool(body.get("audio_url") or body.get("audio_asset_id"))
    voice_id = _optional_str(body, "voice_id") if own_audio else _required_str(body, "voice_id")
    if voice_id and not catalogue.has_voice(voice_id):
        raise ApiError(400, VOICE_NOT_FOUND, f"Voice {voice_id} not found")
    if own_audio and body.get("script") is None:
        _optional_str(body, "audio_url")
        _optional_str(body, "audio_asset_id")
        return defaults.AUDIO_INPUT_SECONDS, []
    script = _required_str(body, "script")
    if not script.strip():
        raise ApiError(400, INVALID_TEXT_INPUT, "script must not be empty")
    if len(script) > defaults.MAX_SCRIPT_CHARS:
        raise ApiError(
            400,
            INVALID_TEXT_INPUT,
            f"script must be at most {defaults.MAX_SCRIPT_CHARS} characters",
        )
    return max(1.0, len(script) / defaults.SPOKEN_CHARS_PER_SECOND), [script]


def validate_av4(body: Any, catalogue: Catalogue) -> VideoOrder:
    """Check a ``POST /v2/video/av4/generate`` body (Avatar IV from a photo)."""
    if not isinstance(body, dict):
        raise _invalid("body", "must be a JSON object")
    image_key = _required_str(body, "image_key")
    if not catalogue.has_image_key(image_key):
        raise _invalid("image_key", f"{image_key} is not an uploaded image's image_key")
    seconds, texts = _av4_speech(body, catalogue)
    _optional_choice(body, "video_orientation", ORIENTATIONS, "")
    _optional_choice(body, "fit", AV4_FITS, "")
    _optional_str(body, "custom_motion_prompt")
    _optional_bool(body, "enhance_custom_motion_prompt")
    title = _optional_str(body, "video_title")
    callback_id = _optional_str(body, "callback_id")
    submission = VideoOrder(
        kind="avatar_iv",
        title=title,
        callback_id=callback_id,
        duration=round(seconds, 3),
        caption=False,
        texts=[t for t in (*texts, title, callback_id) if t],
    )
    asset_id = body.get("audio_asset_id")
    if asset_id and not catalogue.has_asset(asset_id):
        submission.unknown_assets.append(str(asset_id))
    return submission
