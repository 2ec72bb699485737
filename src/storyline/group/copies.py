"""Copies: one text carried by several outlets (wire copies, republications, light edits).

Two articles are copies of each other when their texts are the same after normalising
(exact), or when the Jaccard similarity of their word 4-shingles, estimated by MinHash, is at
least :data:`COPY_JACCARD` (near-duplicate, found through datasketch's MinHash LSH).
Headline-only items are copies when their normalised titles are equal. Articles more than
:data:`COPY_MAX_GAP_DAYS` apart are never copies (a wire text re-run a month later is news
again). Whether two articles are copies depends only on the two of them, so the copy groups
(connected components) do not depend on the order articles arrive in.

A copy group has one canonical article: the copy from the origin outlet that some member
names (``origin_outlet``), else the earliest, ties broken by id; every outlet that carried it
stays listed.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from storyline.model import Article

__all__ = [
    "COPY_JACCARD",
    "COPY_MAX_GAP_DAYS",
    "CopyIndex",
    "Fingerprint",
    "canonical_copy",
    "copy_groups",
    "fingerprint",
]

#: Estimated Jaccard similarity of word 4-shingles at which two texts are copies. Wire copies
#: that differ by a dateline, a byline and a trimmed last paragraph score 0.75-0.95; two
#: reports of one event in different words stay under 0.2 (checked on the ECB+ articles: no
#: pair of different articles there passes 0.7 by chance). 0.7 keeps light edits together.
COPY_JACCARD = 0.7

#: Copies are at most this many days apart (when both are dated).
COPY_MAX_GAP_DAYS = 7.0

#: MinHash permutations: 64 estimate a Jaccard of 0.7 within about +-0.06, enough to tell a
#: copy (>0.75) from a rewrite (<0.3), at half the cost of 128.
NUM_PERM = 64

#: Shingle length in words. Four words are rare enough that shared phrases ("said in a
#: statement") do not make two different reports look alike.
SHINGLE_WORDS = 4

#: Texts shorter than this many shingles are compared exactly only: MinHash on a handful of
#: shingles is noise.
MIN_SHINGLES = 8

#: Characters of text fingerprinted: a copy is a copy from its first paragraphs on.
FINGERPRINT_CHARS = 6000

_WORD = re.compile(r"[^\W_]+")
_SCHEME = "affine32"


#: A fast, deterministic 32-bit hash of a shingle (Python's own hash() is salted per process).
_crc32 = zlib.crc32


@cache
def _minhash() -> tuple[Any, Any]:
    """datasketch's ``MinHash`` and the permutations drawn once (seed 1), which saves drawing
    them for every article.

    datasketch is imported here, on first use, not with this module: it imports
    scipy.integrate, 0.4 s of the 0.8 s every command took to start, and only grouping uses it.
    """
    from datasketch import MinHash

    permutations = MinHash(
        num_perm=NUM_PERM, seed=1, hashfunc=_crc32, scheme=_SCHEME
    ).permutations
    return MinHash, permutations


@cache
def _bands() -> tuple[tuple[int, int], ...]:
    """LSH banding of the signatures: the bands and rows datasketch's ``MinHashLSH`` chooses
    for :data:`COPY_JACCARD` and :data:`NUM_PERM` (8 bands of 8 values), so that the
    candidates are those it would give; kept as plain dicts (no MinHash object per lookup)."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM).hashranges)


@dataclass(slots=True)
class Fingerprint:
    """What copy detection keeps of an article: an exact digest and a MinHash signature
    (``None`` for texts too short to shingle)."""

    digest: str
    signature: np.ndarray | None

    def __post_init__(self) -> None:
        # Restored states carry plain lists; keep one compact representation.
        if self.signature is not None and not isinstance(self.signature, np.ndarray):
            self.signature = np.asarray(self.signature, dtype=np.uint64)

    def to_list(self) -> list[Any]:
        """``[digest, signature as ints or None]``: the JSON shape of a fingerprint."""
        signature = None if self.signature is None else [int(v) for v in self.signature]
        return [self.digest, signature]


def fingerprint(article: Article) -> Fingerprint:
    """The copy fingerprint of ``article`` (its clean text; its title when it has no text)."""
    text = article.text if article.text is not None else article.body
    words = _WORD.findall((text or "")[:FINGERPRINT_CHARS].lower())
    if not words:
        words = _WORD.findall((article.title or "").lower())
        kind = "title"
    else:
        kind = "text"
    joined = " ".join(words)
    digest = kind + ":" + hashlib.sha1(joined.encode()).hexdigest()
    if kind == "title" or len(words) < SHINGLE_WORDS + MIN_SHINGLES - 1:
        return Fingerprint(digest, None)
    # Words hold no space, so the encoded words are the encoded text split at spaces; the
    # shingles are then joined and hashed in C (map/zip), not word by word in Python.
    encoded = joined.encode().split(b" ")
    runs = zip(*(encoded[i:] for i in range(SHINGLE_WORDS)), strict=False)
    shingles = set(map(b" ".join, runs))
    if len(shingles) < MIN_SHINGLES:
        return Fingerprint(digest, None)
    minhash_class, permutations = _minhash()
    minhash = minhash_class(
        num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme=_SCHEME
    )
    # The same values as hashing each shingle with crc32 through ``hashfunc`` (the MinHash
    # takes the minimum over a set: order does not matter), at a fraction of the cost.
    minhash.update_batch(list(map(_crc32, shingles)))
    # A compact array (8 bytes a value), not a list of Python ints (five times as much): the
    # copy index holds one signature per article of the last weeks.
    return Fingerprint(digest, np.array(minhash.hashvalues, dtype=np.uint64))


def _estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass
class CopyIndex:
    """Finds, for a new article, the articles already indexed that are copies of it.

    ``add`` returns the ids of its copies; ``remove`` forgets an article (the grouper drops
    articles once they are older than any copy could be), so the index holds what is live.
    Candidates come from LSH bands (articles whose signatures agree on every value of one
    band), then the estimated Jaccard similarity decides.
    """

    bands: list[dict[bytes, set[str]]] = field(default_factory=lambda: [{} for _ in _bands()])
    digests: dict[str, set[str]] = field(default_factory=dict)
    items: dict[str, tuple[Fingerprint, float | None]] = field(default_factory=dict)

    @staticmethod
    def _keys(signature: np.ndarray) -> list[bytes]:
        values = signature.astype(np.uint64, copy=False)
        return [values[start:end].tobytes() for start, end in _bands()]

    def add(self, article_id: str, print_: Fingerprint, day: float | None) -> list[str]:
        """Index an article and return the sorted ids of its copies among those indexed."""
        if article_id in self.items:
            return []
        found = set(self.digests.get(print_.digest, ()))
        keys: list[bytes] = []
        if print_.signature is not None:
            keys = self._keys(print_.signature)
            near: set[str] = set()
            for band, key in zip(self.bands, keys, strict=True):
                holders = band.get(key)
                if holders:
                    near.update(holders)
            for other in near:
                other_print = self.items[other][0]
                if other_print.signature is not None and (
                    _estimate(print_.signature, other_print.signature) >= COPY_JACCARD
                ):
                    found.add(other)
        copies = []
        for other in found:
            other_day = self.items[other][1]
            if (
                day is not None
                and other_day is not None
                and abs(day - other_day) > COPY_MAX_GAP_DAYS
            ):
                continue
            copies.append(other)
        self.items[article_id] = (print_, day)
        self.digests.setdefault(print_.digest, set()).add(article_id)
        for band, key in zip(self.bands, keys, strict=False):  # no keys: no signature
            band.setdefault(key, set()).add(article_id)
        return sorted(copies)

    def remove(self, article_id: str) -> None:
        """Forget an article (nothing happens when it is not indexed)."""
        item = self.items.pop(article_id, None)
        if item is None:
            return
        print_ = item[0]
        holders = self.digests.get(print_.digest)
        if holders is not None:
            holders.discard(article_id)
            if not holders:
                del self.digests[print_.digest]
        if print_.signature is not None:
            for band, key in zip(self.bands, self._keys(print_.signature), strict=True):
                holders = band.get(key)
                if holders is not None:
                    holders.discard(article_id)
                    if not holders:
                        del band[key]

    def __len__(self) -> int:
        return len(self.items)


def copy_groups(links: dict[str, Iterable[str]]) -> list[list[str]]:
    """Connected components of the copy links (``id -> ids``), each sorted, singletons too,
    in a deterministic order (by smallest id)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, others in links.items():
        find(a)
        for b in others:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def canonical_copy(members: Sequence[tuple[str, tuple[str, str], str | None, str | None]]) -> str:
    """The canonical article of a copy group.

    ``members`` are ``(id, sort_key, outlet, origin_outlet)``; the canonical one is a copy
    from the origin outlet some member names, else the earliest (sort key: time, then id).
    """
    origins = {origin for _, _, _, origin in members if origin}
    from_origin = [m for m in members if m[2] and m[2] in origins]
    pool = from_origin or list(members)
    return min(pool, key=lambda m: m[1])[0]
