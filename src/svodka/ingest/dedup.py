"""Near-duplicate detection: MinHash over word 5-shingles, indexed by banded
LSH, so that the same wire story republished with small edits is linked to
its first copy.

MinHash: each shingle is hashed to 32 bits (BLAKE2b), then put through
`NUM_PERM` universal hash functions `h_i(x) = (a_i·x + b_i) mod p`, p the
Mersenne prime 2^61 − 1, keeping the low 32 bits; the signature is the
minimum of each function over the shingles. The share of equal positions in
two signatures estimates the Jaccard similarity of the shingle sets.

LSH: the signature is cut into `BANDS` bands of `ROWS` values; texts that
agree on a whole band are candidates, and each candidate is confirmed on the
full signature. With 16 bands of 8, a pair at Jaccard 0.8 becomes a candidate
with probability 1 − (1 − 0.8^8)^16 ≈ 0.95 (at 0.9: 0.9999).

Signatures travel as bytes (`NearDuplicates.signature` / the store's
`signatures()`): `FORMAT` then the `NUM_PERM` values as little-endian uint32.
Bytes of another format (datasketch's bare 512 bytes, which stores before
migration 0009 held) are not read.
"""
from __future__ import annotations

import hashlib
import os
import re
from typing import Iterable

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 16, 8
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of shingle sets at which two texts are one story.
THRESHOLD = 0.8
# First copies a near-duplicate index holds (the most recent ones).
WINDOW = 100_000
# Four bytes naming the signature format; a new hashing scheme takes a new one.
FORMAT = b"mh1:"
SIGNATURE_BYTES = len(FORMAT) + NUM_PERM * 4
_PRIME = np.uint64((1 << 61) - 1)
_LOW32 = np.uint64(0xFFFF_FFFF)
# The seed fixes the hash functions: signatures stored by one run must compare
# with those of the next, so it never changes within a FORMAT.
_SEED = 20260517
_rng = np.random.default_rng(_SEED)
# a, b < 2^32 and x < 2^32, so a·x + b < 2^64 never overflows uint64.
_A = _rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
del _rng
_WORD = re.compile(r"\w+")
assert BANDS * ROWS == NUM_PERM


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of the lower-cased text (ё folded to е);
    a text shorter than `size` words is one shingle."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class MinHash:
    """A MinHash signature: `NUM_PERM` uint32 minima (`hashvalues`)."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray):
        self.hashvalues = np.asarray(hashvalues, dtype=np.uint32)
        if self.hashvalues.shape != (NUM_PERM,):
            raise ValueError(f"a signature has {NUM_PERM} values, not {self.hashvalues.shape}")

    def jaccard(self, other: "MinHash") -> float:
        """Estimated Jaccard similarity of the two shingle sets (0.0 to 1.0)."""
        return float(np.mean(self.hashvalues == other.hashvalues))

    def band(self, i: int) -> bytes:
        """The `i`-th band (0 ≤ i < BANDS) as bytes, an LSH bucket key."""
        return self.hashvalues[i * ROWS:(i + 1) * ROWS].tobytes()


def minhash(text: str) -> MinHash:
    """The MinHash signature of the text's word shingles (`shingles`)."""
    xs = np.fromiter((int.from_bytes(hashlib.blake2b(s, digest_size=4).digest(), "little")
                      for s in shingles(text)), dtype=np.uint64)
    values = (np.outer(xs, _A) + _B) % _PRIME & _LOW32
    return MinHash(values.min(axis=0))


def to_bytes(mh: MinHash) -> bytes:
    """The signature as stored: `FORMAT` + little-endian uint32 values."""
    return FORMAT + mh.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    """The signature `to_bytes` wrote; ValueError for bytes of another format."""
    if len(data) != SIGNATURE_BYTES or not data.startswith(FORMAT):
        raise ValueError("not a signature of format " + FORMAT.decode())
    return MinHash(np.frombuffer(data, dtype="<u4", offset=len(FORMAT)))


class NearDuplicates:
    """An LSH index of first copies. `first_copy(mh)` names the indexed
    document the text nearly duplicates (estimated Jaccard ≥ `threshold`),
    or None; `add(key, mh)` indexes a new first copy.

    LSH finds candidates; each is confirmed against its kept signature, so a
    chance band collision never links two different stories. Stored
    signatures of another format are skipped.

    The index holds the last `window` first copies (`WINDOW`, or
    `SVODKA_DEDUP_WINDOW`): a republished wire story follows its first copy
    within hours or days, and a bounded index keeps a long-running ingest's
    memory flat (about 2.7 KB a first copy: the signature as bytes, one
    bucket entry a band, a key alone where a bucket holds one)."""

    def __init__(self, signatures: Iterable[tuple[str, bytes]] = (), threshold: float = THRESHOLD,
                 window: int | None = None):
        self.threshold = threshold
        self.window = window or window_size()
        self.buckets: list[dict[bytes, str | list[str]]] = [{} for _ in range(BANDS)]
        self.kept: dict[str, bytes] = {}    # in the order indexed: the oldest first
        for key, data in signatures:
            try:
                mh = from_bytes(data)
            except ValueError:
                continue
            self.add(key, mh)

    def __len__(self) -> int:
        return len(self.kept)

    def first_copy(self, mh: MinHash) -> str | None:
        """The most similar indexed key at or above the threshold, or None."""
        candidates: set[str] = set()
        for i, bucket in enumerate(self.buckets):
            found = bucket.get(mh.band(i))
            if isinstance(found, str):
                candidates.add(found)
            elif found:
                candidates.update(found)
        best, best_sim = None, self.threshold
        for key in sorted(candidates):      # sorted: equal scores resolve the same way each run
            sim = from_bytes(self.kept[key]).jaccard(mh)
            if sim > best_sim or (best is None and sim == best_sim):
                best, best_sim = key, sim
        return best

    def add(self, key: str, mh: MinHash) -> None:
        """Index `key` as a first copy (a key indexed already is left as it
        is); the oldest one leaves once the window is full."""
        if key in self.kept:
            return
        self.kept[key] = to_bytes(mh)
        for i, bucket in enumerate(self.buckets):
            band = mh.band(i)
            found = bucket.get(band)
            if found is None:
                bucket[band] = key
            elif isinstance(found, str):
                bucket[band] = [found, key]
            else:
                found.append(key)
        while len(self.kept) > self.window:
            self.remove(next(iter(self.kept)))

    def remove(self, key: str) -> None:
        """Take `key` out of the index (an unknown key is ignored)."""
        data = self.kept.pop(key, None)
        if data is None:
            return
        mh = from_bytes(data)
        for i, bucket in enumerate(self.buckets):
            band = mh.band(i)
            found = bucket.get(band)
            if found == key:
                del bucket[band]
            elif isinstance(found, list) and key in found:
                found.remove(key)
                if len(found) == 1:
                    bucket[band] = found[0]


def window_size() -> int:
    """How many first copies an index holds: `SVODKA_DEDUP_WINDOW`, else
    `WINDOW`."""
    value = os.environ.get("SVODKA_DEDUP_WINDOW", "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else WINDOW
