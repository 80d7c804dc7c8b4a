"""Reading an answer's body whole, but never more than ``MAX_RESPONSE_BYTES`` of it.

A JSON answer is read into memory to be parsed, so a server (or a proxy in
between) that sends a huge body, or a small gzip body that inflates to a huge
one, could exhaust the client's memory. The cap is counted after decoding, so
a gzip bomb stops at the cap rather than at the end of its expansion.
"""

from __future__ import annotations

import zlib

import httpx

from .._constants import MAX_RESPONSE_BYTES
from .._errors import APIResponseError
from .._logging import redact


async def read_capped(response: httpx.Response, secret: str | None = None) -> bytes:
    """The decoded body of a streamed answer, at most ``MAX_RESPONSE_BYTES``.

    Counted after decoding (a gzip bomb stops at the cap, not at the end of its
    expansion); an undecodable body or one over the cap is an ``APIResponseError``.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    chunks: list[bytes] = []
    total = 0
    try:
        if response.is_stream_consumed:  # already in memory (an http_client's mock transport)
            content = response.content
            if len(content) > MAX_RESPONSE_BYTES:
                raise _too_large(response)
            return content
        if encoding in ("", "identity"):
            async for chunk in response.aiter_raw():
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(chunk)
        elif encoding in ("gzip", "x-gzip"):
            inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
            async for raw in response.aiter_raw():
                data = inflate.decompress(raw, MAX_RESPONSE_BYTES + 1 - total)
                total += len(data)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(data)
            tail = inflate.flush()
            total += len(tail)
            if total > MAX_RESPONSE_BYTES:
                raise _too_large(response)
            chunks.append(tail)
        else:
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise _too_large(response)
                chunks.append(chunk)
    except (zlib.error, httpx.DecodingError):
        raise APIResponseError(
            f"HeyGen answered HTTP {response.status_code} with a body that cannot be decoded "
            f"(Content-Encoding: {redact(encoding, secret)[:50]!r})",
            status_code=response.status_code,
        ) from None
    return b"".join(chunks)


def _too_large(response: httpx.Response) -> APIResponseError:
    return APIResponseError(
        f"HeyGen answered HTTP {response.status_code} with a body larger than "
        f"{MAX_RESPONSE_BYTES} bytes; it was not read further",
        status_code=response.status_code,
    )


__all__ = ["read_capped"]
