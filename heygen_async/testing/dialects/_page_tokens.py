"""Opaque page tokens shared by every dialect's listings: a kind and a position."""

from __future__ import annotations

import base64
import binascii


def encode_token(kind: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{position}".encode()).decode().rstrip("=")


def decode_token(kind: str, token: str) -> int | None:
    """The position in a token of this kind; None if the token is not one."""
    try:
        padded = token + "=" * (-len(token) % 4)
        found, _, number = base64.urlsafe_b64decode(padded).decode().partition(":")
        if found != kind:
            return None
        position = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return position if position >= 0 else None
