"""Near-duplicate detection: MinHash over word 5-shingles, indexed with
datasketch's MinHashLSH, so that the same wire story republished with small
edits is linked to its first copy.

Signatures travel as bytes (`NearDuplicates.signature` / the store's
`signatures()`), so a new run starts from what earlier runs stored.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# datasketch's permutation scheme; its hash values are uint32, 4 bytes each.
SCHEME = "affine32"
_DTYPE = np.uint32
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of shingle sets at which two texts are one story.
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of the lower-cased text (ё folded to е);
    a text shorter than `size` words is one shingle."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch(list(shingles(text)))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME,
                   hashvalues=np.frombuffer(data, dtype=_DTYPE).copy())


class NearDuplicates:
    """An LSH index of first copies. `first_copy(text)` names the indexed
    document the text nearly duplicates (estimated Jaccard ≥ `threshold`),
    or None; `add(key, mh)` indexes a new first copy.

    LSH finds candidates; each is confirmed against its kept signature, so a
    chance band collision never links two different stories."""

    def __init__(self, signatures: Iterable[tuple[str, bytes]] = (), threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.kept: dict[str, np.ndarray] = {}
        for key, data in signatures:
            if len(data) == NUM_PERM * np.dtype(_DTYPE).itemsize:
                self.add(key, from_bytes(data))

    def __len__(self) -> int:
        return len(self.kept)

    def first_copy(self, mh: MinHash) -> str | None:
        best, best_sim = None, self.threshold
        for key in self.lsh.query(mh):
            sim = float(np.mean(self.kept[key] == mh.hashvalues))
            if sim >= best_sim:
                best, best_sim = key, sim
        return best

    def add(self, key: str, mh: MinHash) -> None:
        if key not in self.kept:
            self.lsh.insert(key, mh)
            self.kept[key] = np.asarray(mh.hashvalues, dtype=_DTYPE)

    def remove(self, key: str) -> None:
        if self.kept.pop(key, None) is not None:
            self.lsh.remove(key)
