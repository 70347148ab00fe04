"""Content-Encoding decoding that never inflates more than the size limit at once.

httpx decodes each network chunk in full before handing it over, so checking the size of
what ``aiter_bytes`` yields is too late for a compression bomb: two kilobytes of brotli can
expand to a gigabyte inside one call. These decoders are given a ceiling on every call
instead, and report when a body goes past it.
"""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli  # type: ignore[import-untyped]

#: What the fetcher advertises; exactly the encodings decoded here.
ACCEPT_ENCODING = "gzip, deflate, br"


class DecodedTooLargeError(Exception):
    """The decoded body would exceed the limit."""


class BodyDecodingError(Exception):
    """The body is not valid for its Content-Encoding."""


class _Stage(Protocol):
    def decode(self, data: bytes, ceiling: int) -> bytes: ...

    def flush(self, ceiling: int) -> bytes: ...


class _Zlib:
    """gzip or deflate. ``max_length`` stops inflating at the ceiling."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._inflater = zlib.decompressobj(wbits)
        # "deflate" is zlib-wrapped by the standard and raw in practice: try both.
        self._raw_fallback = raw_fallback
        self._started = False

    def decode(self, data: bytes, ceiling: int) -> bytes:
        if not data:
            return b""
        try:
            output = self._inflater.decompress(data, ceiling)
        except zlib.error as error:
            if not (self._raw_fallback and not self._started):
                raise BodyDecodingError(str(error)) from None
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            self._raw_fallback = False
            return self.decode(data, ceiling)
        self._started = True
        # Below the ceiling, all of the input was consumed; at it, the caller stops.
        return output

    def flush(self, ceiling: int) -> bytes:
        try:
            return self._inflater.flush(ceiling)
        except zlib.error as error:
            raise BodyDecodingError(str(error)) from None


class _Brotli:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def decode(self, data: bytes, ceiling: int) -> bytes:
        if not data:
            return b""
        try:
            # The output buffer stops growing at the limit (it may overshoot by one block).
            output: bytes = self._decompressor.process(data, output_buffer_limit=ceiling)
        except brotli.error as error:
            raise BodyDecodingError(str(error)) from None
        return output

    def flush(self, ceiling: int) -> bytes:
        return b""


def _stage(name: str) -> _Stage | None:
    if name in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _Zlib(zlib.MAX_WBITS, raw_fallback=True)
    if name == "br":
        return _Brotli()
    # identity, and names no server should send (httpx passes those through too).
    return None


class BoundedDecoder:
    """Decodes a body chunk by chunk; no call returns much more than ``limit`` bytes."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        names = [part.strip().lower() for part in (content_encoding or "").split(",")]
        # Encodings are listed in the order they were applied: undo them last first.
        self._stages = [stage for name in reversed(names) if (stage := _stage(name))]
        self._ceiling = limit + 1

    def decode(self, data: bytes) -> bytes:
        for stage in self._stages:
            data = self._checked(stage.decode(data, self._ceiling))
        return data

    def flush(self) -> bytes:
        data = b""
        for stage in self._stages:
            data = self._checked(stage.decode(data, self._ceiling) + stage.flush(self._ceiling))
        return data

    def _checked(self, output: bytes) -> bytes:
        if len(output) >= self._ceiling:
            raise DecodedTooLargeError
        return output
