"""A gzip reader that stops decompression bombs: `bounded_gunzip` refuses
(`limits.ItemRefused`) a stream that unpacks to far more than it packs."""
from __future__ import annotations

import io
import zlib
from typing import BinaryIO

# A gzip stream unpacking to over this many times its packed size, once past
# `BOMB_FLOOR` unpacked bytes, is a decompression bomb: news text packs 3-10
# times, a bomb a thousand times.
BOMB_RATIO = 100
BOMB_FLOOR = 256 * 1024


class BoundedGunzip(io.RawIOBase):
    """A read-only binary stream of the gzip data in `raw` (any number of
    members) that raises `ItemRefused` naming `source` as soon as it has
    unpacked over `ratio` times the packed bytes it consumed (past `floor`
    bytes). Packed input is counted exactly, so a bomb is stopped after
    about `floor` bytes whatever it would unpack to; `zlib.error`/`EOFError`
    surface for damaged data."""

    CHUNK = 16 * 1024

    def __init__(self, raw: BinaryIO, source: str | None = None, *,
                 ratio: int = BOMB_RATIO, floor: int = BOMB_FLOOR):
        self.raw, self.source, self.ratio, self.floor = raw, source, ratio, floor
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""      # packed bytes read from raw, not yet fed
        self.packed = 0         # packed bytes consumed by the decompressor
        self.unpacked = 0
        self.done = False
        self.in_member = False  # inside a member whose end is not reached yet

    def readable(self) -> bool:
        """True: the stream is for reading (`io.RawIOBase`)."""
        return True

    def readinto(self, buffer) -> int:
        """Unpack up to `len(buffer)` bytes into `buffer`; the count written, 0 at
        the end. Raises `ItemRefused` for a decompression bomb."""
        data = self._unpack(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _unpack(self, size: int) -> bytes:
        while not self.done:
            if not self.pending:
                self.pending = self.raw.read(self.CHUNK)
                if not self.pending:
                    if self.in_member:
                        raise EOFError("gzip data ends before its end-of-stream marker")
                    self.done = True
                    break
            fed = self.pending
            out = self.z.decompress(fed, size)
            self.in_member = not self.z.eof
            if self.z.eof:      # a member ended: the rest may be another member
                self.pending = self.z.unused_data
                self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                self.pending = self.z.unconsumed_tail
            self.packed += len(fed) - len(self.pending)
            self.unpacked += len(out)
            if self.unpacked > self.floor and self.unpacked > self.ratio * max(self.packed, 1):
                from .limits import ItemRefused     # here: limits re-exports this module
                raise ItemRefused(f"gzip data unpacks to over {self.ratio} times its size "
                                  f"(a decompression bomb); not read further",
                                  source=self.source)
            if out:
                return out
        return b""


def bounded_gunzip(raw: BinaryIO, source: str | None = None) -> io.BufferedReader:
    """`BoundedGunzip` with buffering (`readline`, `read`)."""
    return io.BufferedReader(BoundedGunzip(raw, source))
