"""Command-line flags and JOBS-file columns, derived from the SDK's one declaration.

``heygen_async.params`` declares every parameter of ``generate_video`` and
``generate_avatar_iv_video`` once (name, type, one-line doc). This module reads
those declarations, so that a new option there becomes a ``--flag`` of
``generate`` / ``avatar-iv`` and a column of ``bulk`` with no edit here:

- the flag is the name in kebab case (``custom_motion_prompt`` ->
  ``--custom-motion-prompt``), its help is the declared doc;
- ``str``, ``float`` and ``int`` options take one value of that type; ``bool``
  options are ``--caption`` / ``--no-caption``;
- any other (structured) option takes JSON, ``@FILE`` (a JSON file, flags only),
  or a shorthand where one is registered below (``dimension``: ``1280x720``), or
  plain text where the declared type accepts a string (``background``: a colour).

The CSV cell of a column is converted by the same rules (booleans are
``true``/``false``, ``yes``/``no``, ``1``/``0``).

::

    add_param_flags(parser, video_params(), aliases=FLAG_ALIASES)
    options = options_from_args(args, video_params())   # {"speed": 1.1, ...}
    value = cell_value(param, "1280x720")                # (1280, 720)
"""

from __future__ import annotations

import argparse
import json
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..params import Param

SCALAR_TYPES: tuple[type, ...] = (str, float, int, bool)
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "off"})

# Shorter spellings the CLI has always accepted, kept beside the derived flag.
FLAG_ALIASES: Mapping[str, tuple[str, ...]] = {
    "avatar_id": ("--avatar",),
    "voice_id": ("--voice",),
    "video_title": ("--title",),
    "video_orientation": ("--orientation",),
    "custom_motion_prompt": ("--motion-prompt",),
}


def _dimension(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    try:
        if not sep:
            raise ValueError
        return int(width), int(height)
    except ValueError:
        raise ValueError(f"expected WIDTHxHEIGHT, e.g. 1280x720, or JSON (got {text!r})") from None


# Structured options with a text shorthand: name -> (metavar, parser).
SHORTHANDS: Mapping[str, tuple[str, Callable[[str], Any]]] = {
    "dimension": ("WxH|JSON", _dimension),
}


def flag_for(name: str) -> str:
    """``custom_motion_prompt`` -> ``--custom-motion-prompt``."""
    return "--" + name.replace("_", "-")


def value_kind(param: Param) -> type | None:
    """``str``, ``float``, ``int`` or ``bool`` for scalar options, None for structured."""
    base = param.base_type
    return base if isinstance(base, type) and base in SCALAR_TYPES else None


def accepts_text(param: Param) -> bool:
    """True when a structured option's declared type also takes a plain string."""
    return str in typing.get_args(param.annotation)


def parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ValueError(f"expected true or false (got {text!r})")


def parse_structured(param: Param, text: str) -> Any:
    """A structured option's text: JSON, a registered shorthand, or plain text."""
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        return _json(stripped)
    shorthand = SHORTHANDS.get(param.name)
    if shorthand is not None:
        return shorthand[1](stripped)
    if accepts_text(param):
        return stripped
    return _json(stripped)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at character {exc.pos})") from None


def cell_value(param: Param, text: str) -> Any:
    """A CSV cell (or a flag's text) as the type the option expects; ValueError if not."""
    kind = value_kind(param)
    if kind is bool:
        return parse_bool(text)
    if kind is float:
        return float(text)
    if kind is int:
        return int(text)
    if kind is str:
        return text
    return parse_structured(param, text)


def _flag_type(param: Param) -> Callable[[str], Any]:
    """The argparse ``type=`` of a structured option (``@FILE`` reads a JSON file)."""

    def convert(text: str) -> Any:
        if text.startswith("@"):
            path = Path(text[1:])
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise argparse.ArgumentTypeError(
                    f"cannot read {path}: {exc.strerror or exc}"
                ) from None
            try:
                return _json(text)
            except ValueError as exc:
                raise argparse.ArgumentTypeError(f"{path}: {exc}") from None
        try:
            return parse_structured(param, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = param.name  # argparse names the type in some messages
    return convert


def add_param_flags(
    parser: argparse.ArgumentParser,
    params: Iterable[Param],
    *,
    aliases: Mapping[str, Sequence[str]] = FLAG_ALIASES,
) -> None:
    """One flag per declared parameter; ``args.<name>`` is None when not given."""
    for param in params:
        names = [flag_for(param.name), *aliases.get(param.name, ())]
        kind = value_kind(param)
        common: dict[str, Any] = {"dest": param.name, "default": None, "help": param.doc}
        if kind is bool:
            parser.add_argument(*names, action=argparse.BooleanOptionalAction, **common)
        elif kind in (str, float, int):
            assert kind is not None
            metavar = {str: "TEXT", float: "NUMBER", int: "INTEGER"}[kind]
            parser.add_argument(*names, type=kind, metavar=metavar, **common)
        else:
            default_metavar = "TEXT|JSON" if accepts_text(param) else "JSON"
            metavar = SHORTHANDS.get(param.name, (default_metavar, None))[0]
            common["help"] = f"{param.doc} JSON, or @FILE.json."
            parser.add_argument(*names, type=_flag_type(param), metavar=metavar, **common)


def options_from_args(args: argparse.Namespace, params: Iterable[Param]) -> dict[str, Any]:
    """The declared parameters given on the command line (None = not given)."""
    given = {param.name: getattr(args, param.name, None) for param in params}
    return {name: value for name, value in given.items() if value is not None}


__all__ = [
    "FLAG_ALIASES",
    "SHORTHANDS",
    "accepts_text",
    "add_param_flags",
    "cell_value",
    "flag_for",
    "options_from_args",
    "parse_bool",
    "value_kind",
]
