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

Signatures travel as bytes (`to_bytes`, the store's `signatures()`):
`FORMAT` then the `NUM_PERM` values as little-endian uint32. Bytes of another
format (datasketch's bare 512 bytes, which stores before migration 0009
held) are not read.

Where the bands live: the store keeps one row per band of every stored first
copy (`band_hashes`: a 64-bit hash of the band's bytes; table
`document_bands`, migration 0010), so `StoredNearDuplicates` asks the store
with one query per text and holds in memory only the first copies of the
run at hand that are not written yet. Nothing is loaded at start, memory
does not grow with the store, and every stored first copy is found however
old it is. `NearDuplicates` is the same index wholly in memory (those
unwritten first copies; tests and callers without a store).
"""
from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np

if TYPE_CHECKING:
    from ..store import Store

NUM_PERM = 128
BANDS, ROWS = 16, 8
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of shingle sets at which two texts are one story.
THRESHOLD = 0.8
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


def band_hashes(mh: MinHash) -> tuple[int, ...]:
    """The LSH bucket of each band as the store keeps it: the first 8 bytes of
    BLAKE2b over the band's little-endian values, read as a signed 64-bit
    integer (PostgreSQL's BIGINT has no unsigned form). Fixed within a
    `FORMAT`: stored rows must match the hashes of later runs."""
    data = mh.hashvalues.astype("<u4").tobytes()
    step = ROWS * 4
    return tuple(int.from_bytes(hashlib.blake2b(data[i:i + step], digest_size=8).digest(),
                                "little", signed=True)
                 for i in range(0, BANDS * step, step))


def most_similar(mh: MinHash, candidates: Mapping[str, bytes],
                 threshold: float = THRESHOLD) -> str | None:
    """The key of the candidate (key -> signature bytes) most similar to `mh`
    at or above `threshold`, or None. Candidates are tried in sorted key
    order and the first of equal scores wins, so a tie resolves the same way
    each run; bytes of another format are passed over."""
    best, best_sim = None, threshold
    for key in sorted(candidates):
        try:
            sim = from_bytes(candidates[key]).jaccard(mh)
        except ValueError:
            continue
        if sim > best_sim or (best is None and sim == best_sim):
            best, best_sim = key, sim
    return best


class NearDuplicates:
    """An LSH index of first copies wholly in memory. `first_copy(mh)` names
    the indexed document the text nearly duplicates (estimated Jaccard ≥
    `threshold`, `most_similar`), or None; `add(key, mh)` indexes a new first
    copy, `remove(key)` takes one out.

    LSH finds candidates; each is confirmed against its kept signature, so a
    chance band collision never links two different stories. Signatures of
    another format are skipped. It holds what it is given (about 2.7 KB a
    first copy): an ingest keeps here only the first copies it has not
    written yet (`StoredNearDuplicates`)."""

    def __init__(self, signatures: Iterable[tuple[str, bytes]] = (), threshold: float = THRESHOLD):
        self.threshold = threshold
        self.buckets: list[dict[bytes, str | list[str]]] = [{} for _ in range(BANDS)]
        self.kept: dict[str, bytes] = {}
        for key, data in signatures:
            try:
                mh = from_bytes(data)
            except ValueError:
                continue
            self.add(key, mh)

    def __len__(self) -> int:
        return len(self.kept)

    def candidates(self, mh: MinHash) -> dict[str, bytes]:
        """Key -> signature bytes of the indexed texts sharing a band with `mh`."""
        keys: set[str] = set()
        for i, bucket in enumerate(self.buckets):
            found = bucket.get(mh.band(i))
            if isinstance(found, str):
                keys.add(found)
            elif found:
                keys.update(found)
        return {key: self.kept[key] for key in keys}

    def first_copy(self, mh: MinHash) -> str | None:
        """The most similar indexed key at or above the threshold, or None."""
        return most_similar(mh, self.candidates(mh), self.threshold)

    def add(self, key: str, mh: MinHash) -> None:
        """Index `key` as a first copy (a key indexed already is left as it is)."""
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


class StoredNearDuplicates:
    """The near-duplicate index of an ingest into `store`: the stored first
    copies are looked up in the store's band table (`Store.near_candidates`,
    one query per text), the first copies accepted by this run and not yet
    written in `pending`, a `NearDuplicates` in memory. The runner calls
    `written(keys)` once a batch is committed, which empties `pending` of
    them: its size stays that of the batches in flight, whatever the length
    of the run or the size of the store."""

    def __init__(self, store: "Store", threshold: float = THRESHOLD):
        self.store = store
        self.threshold = threshold
        self.pending = NearDuplicates(threshold=threshold)

    def __len__(self) -> int:
        """First copies held in memory (accepted, not yet written)."""
        return len(self.pending)

    def first_copy(self, mh: MinHash) -> str | None:
        """The most similar first copy, stored or pending, at or above the
        threshold (`most_similar`), or None."""
        found = dict(self.store.near_candidates(band_hashes(mh)))
        found.update(self.pending.candidates(mh))
        return most_similar(mh, found, self.threshold)

    def add(self, key: str, mh: MinHash) -> None:
        """Hold `key` as a first copy until it is written."""
        self.pending.add(key, mh)

    def remove(self, key: str) -> None:
        """Forget a pending first copy (one that will never be stored)."""
        self.pending.remove(key)

    def written(self, keys: Iterable[str]) -> None:
        """These keys are committed to the store, which answers for them now."""
        for key in keys:
            self.pending.remove(key)
