"""Field checks for v3 request bodies: types, enums, ranges, ids, AssetInputs.

``FieldChecker`` walks one body and raises ``ApiError`` naming the field
(dotted: ``scenes[0].input.avatar_id``); it collects the user-written texts
(for the fake's ``[fail]`` markers) as it goes.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from ... import _defaults as defaults
from ...account import Account
from ...server import ApiError
from ._wire import (
    ASSET_NOT_AVAILABLE,
    AVATAR_NOT_FOUND,
    NOT_FOUND,
    VOICE_NOT_FOUND,
    invalid,
    not_found,
)

ASPECT_RATIOS = ("16:9", "9:16", "4:5", "5:4", "1:1", "auto")
RESOLUTIONS = ("4k", "1080p", "720p")
OUTPUT_FORMATS = ("mp4", "webm")
FITS = ("contain", "cover")
EXPRESSIVENESS = ("high", "medium", "low")
ENGINES = ("avatar_iv", "avatar_v", "avatar_iii")
VOICE_ENGINES: dict[str, tuple[str, ...]] = {
    "elevenlabs": ("eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3"),
    "fish": ("s1", "s2-pro"),
    "starfish": (),
}
STUDIO_BACKGROUNDS = ("color", "image", "video")
WATERMARK_POSITIONS = ("top_left", "top_right", "bottom_left", "bottom_right")
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_AUDIO_SOURCES = ("script", "audio_url", "audio_asset_id")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class FieldChecker:
    """Walks one body; collects the order's texts and duration as it goes."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.texts: list[str] = []

    # --- scalar fields --------------------------------------------------------

    def object(self, value: Any, param: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise invalid(param, f"{param} must be an object")
        return value

    def optional_object(self, body: dict[str, Any], key: str, where: str) -> dict[str, Any] | None:
        value = body.get(key)
        return None if value is None else self.object(value, f"{where}{key}")

    def required_str(self, body: dict[str, Any], key: str, where: str) -> str:
        value = body.get(key)
        if value is None or value == "":
            raise invalid(f"{where}{key}", f"{where}{key} is required")
        if not isinstance(value, str):
            raise invalid(f"{where}{key}", f"{where}{key} must be a string")
        return value

    def optional_str(self, body: dict[str, Any], key: str, where: str) -> str | None:
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            raise invalid(f"{where}{key}", f"{where}{key} must be a string")
        return value

    def optional_bool(self, body: dict[str, Any], key: str, where: str) -> bool | None:
        value = body.get(key)
        if value is not None and not isinstance(value, bool):
            raise invalid(f"{where}{key}", f"{where}{key} must be a boolean")
        return value

    def choice(
        self, body: dict[str, Any], key: str, choices: tuple[str, ...], where: str
    ) -> str | None:
        value = body.get(key)
        if value is not None and value not in choices:
            raise invalid(f"{where}{key}", f"{where}{key} must be one of {', '.join(choices)}")
        return value

    def number(
        self, body: dict[str, Any], key: str, low: float, high: float, where: str
    ) -> float | None:
        value = body.get(key)
        if value is None:
            return None
        if not is_number(value) or not low <= value <= high:
            raise invalid(
                f"{where}{key}", f"{where}{key} must be a number from {low:g} to {high:g}"
            )
        return float(value)

    # --- ids --------------------------------------------------------------------

    def avatar(self, body: dict[str, Any], where: str) -> dict[str, Any]:
        avatar_id = self.required_str(body, "avatar_id", where)
        catalogue = self.account.catalogue
        look = catalogue.avatar(avatar_id) or catalogue.talking_photo(avatar_id)
        if look is None:
            raise not_found(AVATAR_NOT_FOUND, f"Avatar {avatar_id} not found", f"{where}avatar_id")
        return look

    def voice(self, voice_id: str, param: str) -> None:
        if not self.account.catalogue.has_voice(voice_id):
            raise not_found(VOICE_NOT_FOUND, f"Voice {voice_id} not found", param)

    def asset(self, asset_id: Any, param: str, kind: str | tuple[str, ...]) -> None:
        """An uploaded (completed) asset of this kind (image, audio, video), or of
        one of these kinds."""
        if not isinstance(asset_id, str) or not asset_id:
            raise invalid(param, f"{param} must be an asset id")
        item = self.account.asset(asset_id)
        if item is None:
            if self.account.direct_upload(asset_id) is not None:
                raise ApiError(
                    400,
                    ASSET_NOT_AVAILABLE,
                    f"Asset {asset_id} is not available yet: complete its upload first "
                    f"(POST /v3/assets/{asset_id}/complete)",
                    param=param,
                )
            raise not_found(NOT_FOUND, f"Asset {asset_id} not found", param)
        found = item.get("file_type")
        kinds = (kind,) if isinstance(kind, str) else kind
        if found not in kinds:
            expected = " or ".join(kinds)
            raise invalid(
                param, f"Asset {asset_id} is {found or 'not a media file'}, not {expected}"
            )

    def asset_input(self, value: Any, param: str, kind: str | tuple[str, ...]) -> None:
        """An AssetInput: ``{type: url, url}`` | ``{type: asset_id, asset_id}`` |
        ``{type: base64, media_type, data}``."""
        source = self.object(value, param)
        source_type = source.get("type")
        where = f"{param}."
        if source_type == "url":
            self.required_str(source, "url", where)
        elif source_type == "asset_id":
            self.asset(source.get("asset_id"), f"{where}asset_id", kind)
        elif source_type == "base64":
            self.required_str(source, "media_type", where)
            data = self.required_str(source, "data", where)
            try:
                base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                raise invalid(f"{where}data", f"{where}data is not valid base64") from None
        elif source_type is None:
            raise invalid(f"{where}type", f"{where}type is required")
        else:
            raise invalid(f"{where}type", f"{where}type must be one of url, asset_id, base64")

    # --- groups of fields --------------------------------------------------------

    def audio(
        self, body: dict[str, Any], where: str, *, default_voice: str | None, required: bool = True
    ) -> float | None:
        """Exactly one audio source (or none, if not ``required``); the spoken seconds."""
        given = [key for key in _AUDIO_SOURCES if body.get(key) not in (None, "")]
        if len(given) > 1:
            raise invalid(
                f"{where}{given[1]}",
                f"{where}{given[0]} and {where}{given[1]} are mutually exclusive; give one",
            )
        if not given:
            if not required:
                return None
            raise invalid(
                f"{where}script", f"one of {where}script, audio_url or audio_asset_id is required"
            )
        self.voice_settings(body, where)
        if given[0] == "audio_url":
            self.required_str(body, "audio_url", where)
            return defaults.AUDIO_INPUT_SECONDS
        if given[0] == "audio_asset_id":
            self.asset(body["audio_asset_id"], f"{where}audio_asset_id", "audio")
            return defaults.AUDIO_INPUT_SECONDS
        script = self.required_str(body, "script", where)
        if not script.strip():
            raise invalid(f"{where}script", f"{where}script must not be empty")
        if len(script) > defaults.V3_MAX_SCRIPT_CHARS:
            raise invalid(
                f"{where}script",
                f"{where}script must be at most {defaults.V3_MAX_SCRIPT_CHARS} characters",
            )
        voice_id = self.optional_str(body, "voice_id", where) or default_voice
        if not voice_id:
            raise invalid(f"{where}voice_id", f"{where}voice_id is required with a script")
        self.voice(voice_id, f"{where}voice_id")
        self.texts.append(script)
        speed = (body.get("voice_settings") or {}).get("speed") or 1.0
        return max(1.0, len(script) / defaults.SPOKEN_CHARS_PER_SECOND / speed)

    def voice_settings(self, body: dict[str, Any], where: str) -> None:
        settings = self.optional_object(body, "voice_settings", where)
        if settings is None:
            return
        at = f"{where}voice_settings."
        self.number(settings, "speed", defaults.SPEED_MIN, defaults.SPEED_MAX, at)
        self.number(settings, "pitch", defaults.PITCH_MIN, defaults.PITCH_MAX, at)
        self.number(settings, "volume", defaults.V3_VOLUME_MIN, defaults.V3_VOLUME_MAX, at)
        self.optional_str(settings, "locale", at)
        engine = self.optional_object(settings, "engine_settings", at)
        if engine is None:
            return
        engine_type = self.choice(
            engine, "engine_type", tuple(VOICE_ENGINES), f"{at}engine_settings."
        )
        if engine_type is None:
            raise invalid(f"{at}engine_settings.engine_type", "engine_type is required")
        models = VOICE_ENGINES[engine_type]
        if models:
            self.choice(engine, "model", models, f"{at}engine_settings.")

    def background(self, body: dict[str, Any], where: str) -> None:
        self._background(body, where, ("color", "image"), colour_key="value")

    def studio_background(self, body: dict[str, Any], where: str) -> None:
        """The background behind a studio scene's avatar: a colour
        ``{type: color, color}``, or since HeyGen's CLI 0.10.0 an image or a clip
        ``{type: image | video, url | asset_id}`` (the shape follows the release
        note and the other v3 asset inputs; the snapshot's schema is colour-only)."""
        self._background(body, where, STUDIO_BACKGROUNDS, colour_key="color")

    def _background(
        self, body: dict[str, Any], where: str, kinds: tuple[str, ...], *, colour_key: str
    ) -> None:
        """A ``background``: a colour under ``colour_key`` (the two v3 shapes name it
        differently), or one of ``url`` / ``asset_id`` of an asset of its ``type``."""
        background = self.optional_object(body, "background", where)
        if background is None:
            return
        at = f"{where}background."
        kind = self.choice(background, "type", kinds, at)
        if kind is None:
            raise invalid(f"{at}type", f"{at}type is required")
        if kind == "color":
            colour = self.required_str(background, colour_key, at)
            if not HEX_COLOUR.match(colour):
                raise invalid(
                    f"{at}{colour_key}", f"{at}{colour_key} must be a hex colour such as #1a2b3c"
                )
            return
        given = [key for key in ("url", "asset_id") if background.get(key)]
        if len(given) != 1:
            raise invalid(f"{at}url", f"give exactly one of {at}url or {at}asset_id")
        if given[0] == "url":
            self.required_str(background, "url", at)
        else:
            self.asset(background["asset_id"], f"{at}asset_id", kind)

    def caption(self, body: dict[str, Any]) -> tuple[bool, bool]:
        """(captions asked for, burned in)."""
        caption = self.optional_object(body, "caption", "")
        if caption is None:
            return False, False
        self.choice(caption, "file_format", ("srt",), "caption.")
        style = self.choice(caption, "style", ("default",), "caption.")
        return True, style is not None

    def engine(self, body: dict[str, Any], where: str) -> str | None:
        engine = self.optional_object(body, "engine", where)
        if engine is None:
            return None
        kind = self.choice(engine, "type", ENGINES, f"{where}engine.")
        if kind is None:
            raise invalid(f"{where}engine.type", "engine.type is required")
        if kind == "avatar_v":
            self.optional_str(engine, "reference_look_id", f"{where}engine.")
        return kind

    def watermark(self, body: dict[str, Any]) -> None:
        watermark = self.optional_object(body, "watermark", "")
        if watermark is None:
            return
        if watermark.get("image") is None:
            raise invalid("watermark.image", "watermark.image is required")
        self.asset_input(watermark["image"], "watermark.image", "image")
        self.number(watermark, "opacity", 0.0, 1.0, "watermark.")
        scale = watermark.get("scale")
        if scale is not None and (not is_number(scale) or scale <= 0):
            raise invalid("watermark.scale", "watermark.scale must be a positive number")
        placement = self.optional_object(watermark, "placement", "watermark.")
        if placement is not None:
            self.choice(placement, "position", WATERMARK_POSITIONS, "watermark.placement.")

    def common(self, body: dict[str, Any]) -> tuple[str | None, str | None]:
        """Fields every type has; returns (title, callback_id)."""
        self.choice(body, "aspect_ratio", ASPECT_RATIOS, "")
        self.choice(body, "resolution", RESOLUTIONS, "")
        self.optional_str(body, "callback_url", "")
        self.watermark(body)
        title = self.optional_str(body, "title", "")
        callback_id = self.optional_str(body, "callback_id", "")
        self.texts += [text for text in (title, callback_id) if text]
        return title, callback_id

    def single(self, body: dict[str, Any]) -> str:
        """Fields ``avatar`` and ``image`` share; returns the output format."""
        output_format = self.choice(body, "output_format", OUTPUT_FORMATS, "") or "mp4"
        self.choice(body, "fit", FITS, "")
        self.choice(body, "expressiveness", EXPRESSIVENESS, "")
        self.optional_bool(body, "remove_background", "")
        self.optional_str(body, "motion_prompt", "")
        self.background(body, "")
        if output_format == "webm" and body.get("background") is not None:
            raise invalid("background", "background is not allowed with output_format webm")
        return output_format
