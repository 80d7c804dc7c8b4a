"""What v3 uploads need: a multipart/form-data reader and MIME sniffing.

HeyGen detects an upload's type from its bytes (heygen-v3.md 5.1), so does the
fake: the part's own Content-Type is not trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# HeyGen lists srt among v3's upload types but names no MIME type for it: the usual one.
SRT = "application/x-subrip"

#: The types ``POST /v3/assets`` and direct uploads accept (heygen-v3.md 5.1: png,
#: jpeg, mp4, webm, mp3, wav, pdf, srt), and the listed asset type each one becomes
#: (``file_type`` on v1, ``type`` on v3; srt's "subtitle" is the fake's guess).
ACCEPTED_TYPES: dict[str, str] = {
    "image/png": "image",
    "image/jpeg": "image",
    "video/mp4": "video",
    "video/webm": "video",
    "audio/mpeg": "audio",
    "audio/wav": "audio",
    "application/pdf": "document",
    SRT: "subtitle",
}
EXTENSIONS: dict[str, str] = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
    "application/pdf": "pdf",
    SRT: "srt",
}
# Other spellings clients send for the same types.
_ALIASES = {
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/mp3": "audio/mpeg",
    "text/srt": SRT,
    "application/srt": SRT,
}
# SubRip text: an optional BOM, a cue number, then its timing line ("00:00:01,000 -->").
_SRT_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*\d+[ \t]*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->"
)


def normalise_type(content_type: str) -> str:
    base = content_type.split(";")[0].strip().lower()
    return _ALIASES.get(base, base)


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes are, among ``ACCEPTED_TYPES``; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return "video/mp4"
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if data.startswith(b"ID3") or (len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if _SRT_START.match(data):
        return SRT
    return None


@dataclass
class Part:
    """One part of a multipart/form-data body."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.I)
_DISPOSITION_PARAM = re.compile(r'(\w+)="([^"]*)"')


def boundary_of(content_type: str) -> str | None:
    """The boundary of a ``multipart/form-data`` Content-Type, else None."""
    if normalise_type(content_type) != "multipart/form-data":
        return None
    found = _BOUNDARY.search(content_type)
    return found.group(1) if found else None


def parse_multipart(body: bytes, boundary: str) -> list[Part] | None:
    """The parts of a multipart body; None if it is not well formed."""
    delimiter = b"--" + boundary.encode("latin-1")
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        return None
    parts: list[Part] = []
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b"\r\n") or not chunk.endswith(b"\r\n"):
            return None
        head, separator, data = chunk[2:-2].partition(b"\r\n\r\n")
        if not separator:
            return None
        headers: dict[str, str] = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = dict(_DISPOSITION_PARAM.findall(headers.get("content-disposition", "")))
        if "name" not in params:
            return None
        parts.append(
            Part(params["name"], params.get("filename"), headers.get("content-type"), data)
        )
    return parts
