"""Identical and near-identical texts, grouped before themes are found.

A union's template pasted 3,000 times with small edits, or an organisation's copied text, would
otherwise swamp a theme model; grouped, each is analysed once and its size counted.

- Exact duplicates after `normalise` always group.
- Near duplicates: Jaccard similarity of the texts' word 3-gram shingles >= threshold. A text of
  one or two words is a single shingle of itself, so it groups only when identical: "staff
  shortage" and "staff shortages" are different answers, not edits of one.
- Candidates come from MinHash signatures banded for locality-sensitive hashing; every candidate
  is verified by exact Jaccard, and verified pairs join transitively (union-find).

Shingles are hashed with crc32 and the permutations have fixed parameters, never Python's salted
hash(), so the same input gives the same groups in every process.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

PERMUTATIONS = 96
RECALL = 0.99  # bands are chosen so a pair exactly at the threshold is a candidate this often
MAX_ANCHORS = 8  # texts a bucket member is verified against, at most (not every pair)
_PRIME = (1 << 31) - 1  # a * h + b < 2**63 for 32-bit h and a < 2**31: no uint64 overflow
_NONE = np.uint64(1 << 32)  # the missing words of a one- or two-word text; never a crc32
_NON_WORD = re.compile(r"[\W_]+")


def _fixed(label: str, k: int) -> int:
    digest = hashlib.blake2b(f"{label}{k}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % (_PRIME - 1) + 1


_A = np.array([_fixed("minhash-a-", k) for k in range(PERMUTATIONS)], dtype=np.uint64)
_B = np.array([_fixed("minhash-b-", k) for k in range(PERMUTATIONS)], dtype=np.uint64)


def normalise(text: str) -> str:
    """Lower case, Unicode NFKC, punctuation (and other symbols) to spaces, whitespace collapsed,
    stripped."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


@dataclass(frozen=True)
class Group:
    representative: int  # index (into the input list) of the first member, in input order
    members: tuple[int, ...]  # every member's index, ascending (includes representative)

    @property
    def size(self) -> int:
        return len(self.members)


class _WordHash(dict):
    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode())
        return value


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads three combined word hashes over all 64 bits."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures (len(texts) x PERMUTATIONS) of non-empty normalised texts."""
    word_hash, flat, lengths = _WordHash(), [], []
    for text in texts:
        words = text.split()
        lengths.append(len(words))
        flat.extend(map(word_hash.__getitem__, words))
    words = np.array(flat + [0, 0], dtype=np.uint64)  # padded so p + 2 is always an index
    length = np.array(lengths, dtype=np.int64)
    end = np.cumsum(length)
    left = np.repeat(end, length) - np.arange(len(flat))  # words from here to the text's end
    # A shingle starts wherever three words remain, or at the start of a text under three words.
    starts = left >= 3
    starts[(end - length)[length < 3]] = True
    p = np.flatnonzero(starts)
    left = left[p]
    second = np.where(left >= 2, words[p + 1], _NONE)
    third = np.where(left >= 3, words[p + 2], _NONE)
    shingles = _mix(words[p] * np.uint64(0x9E3779B97F4A7C15) + second * np.uint64(0xC2B2AE35)
                    + third) & np.uint64(0xFFFFFFFF)
    del words, left, starts, p, second, third
    counts = np.maximum(length - 2, 1)
    starts = np.cumsum(counts) - counts
    signature = np.empty((len(texts), PERMUTATIONS), dtype=np.uint32)
    for k in range(PERMUTATIONS):
        signature[:, k] = np.minimum.reduceat((_A[k] * shingles + _B[k]) % np.uint64(_PRIME),
                                              starts)
    return signature


def _rows_per_band(threshold: float) -> int:
    """The most rows per band (fewest dissimilar candidates) that still make a pair at the
    threshold a candidate in some band with probability RECALL. 0.8 gives 16 bands of 6 rows:
    pairs at 0.8 are found 99.2% of the time, pairs at 0.4 are candidates 6% of the time."""
    for rows in sorted((r for r in range(1, PERMUTATIONS + 1) if PERMUTATIONS % r == 0),
                       reverse=True):
        if 1 - (1 - threshold**rows) ** (PERMUTATIONS // rows) >= RECALL:
            return rows
    return 1


def _shingle_set(text: str) -> frozenset[tuple[str, ...]]:
    words = text.split()
    return frozenset(zip(words, words[1:], words[2:], strict=False) if len(words) >= 3
                     else [tuple(words)])


def group_duplicates(texts: list[str], threshold: float = 0.8) -> list[Group]:
    """Every input index in exactly one group; groups ordered by representative index.

    Empty texts (or only whitespace and punctuation) form one group of their own."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    slot_of_text: dict[str, int] = {}
    slots: list[int] = []  # each input's distinct normalised text
    for text in texts:
        slots.append(slot_of_text.setdefault(normalise(text), len(slot_of_text)))
    distinct = list(slot_of_text)
    parent = list(range(len(distinct)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    near = np.array([s for s, text in enumerate(distinct) if text], dtype=np.int64)
    if near.size >= 2:
        signature = _signatures([distinct[s] for s in near])
        # How many texts share each of a text's MinHash values: a template that thousands of
        # edits surround scores highest, so buckets verify against it first, since edited copies
        # can be too far from each other yet each close to the template.
        central = np.zeros(near.size, dtype=np.int64)
        for column in signature.T:
            _, inverse, counts = np.unique(column, return_inverse=True, return_counts=True)
            central += counts[inverse]
        shingles = functools.cache(lambda slot: _shingle_set(distinct[slot]))

        def similar(a: int, b: int) -> bool:
            x, y = shingles(a), shingles(b)
            if min(len(x), len(y)) < threshold * max(len(x), len(y)):
                return False  # the sizes alone rule the threshold out
            return len(x & y) >= threshold * len(x | y)

        rows = _rows_per_band(threshold)
        for band in range(PERMUTATIONS // rows):
            block = signature[:, band * rows:(band + 1) * rows]
            order = np.lexsort(block.T[::-1])
            change = np.any(block[order[1:]] != block[order[:-1]], axis=1)
            edges = np.concatenate(([0], np.flatnonzero(change) + 1, [near.size]))
            shared = np.flatnonzero(np.diff(edges) >= 2)  # most buckets hold one text
            for start, stop in zip(edges[shared].tolist(), edges[shared + 1].tolist(),
                                   strict=True):
                bucket = order[start:stop]
                bucket = bucket[np.lexsort((bucket, -central[bucket]))]
                # Verify each member against a few anchors, not every pair: a bucket of 3,000
                # edits of one template would otherwise cost 4.5 million checks.
                anchors: list[int] = []
                for member in near[bucket].tolist():
                    root = find(member)
                    if any(find(a) == root for a in anchors):
                        continue
                    for anchor in anchors:
                        if similar(anchor, member):
                            parent[root] = find(anchor)
                            break
                    else:
                        if len(anchors) < MAX_ANCHORS:
                            anchors.append(member)

    members: dict[int, list[int]] = {}  # root -> input indexes; first seen = lowest index
    for index, slot in enumerate(slots):
        members.setdefault(find(slot), []).append(index)
    return [Group(m[0], tuple(m)) for m in members.values()]
