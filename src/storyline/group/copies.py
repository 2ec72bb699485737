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
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

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


def _crc32(data: bytes) -> int:
    # A fast, deterministic 32-bit hash (Python's own hash() is salted per process).
    return zlib.crc32(data)


# Drawing the permutations once (seed 1) saves that cost on every article.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_crc32, scheme=_SCHEME).permutations


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
    digest = kind + ":" + hashlib.sha1(" ".join(words).encode()).hexdigest()
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }
    if kind == "title" or len(shingles) < MIN_SHINGLES:
        return Fingerprint(digest, None)
    minhash = MinHash(
        num_perm=NUM_PERM, hashfunc=_crc32, permutations=_PERMUTATIONS, scheme=_SCHEME
    )
    minhash.update_batch(sorted(shingles))
    # A compact array (8 bytes a value), not a list of Python ints (five times as much): the
    # copy index holds one signature per article of the last weeks.
    return Fingerprint(digest, np.array(minhash.hashvalues, dtype=np.uint64))


def _estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass
class CopyIndex:
    """Finds, for a new article, the articles already indexed that are copies of it.

    ``add`` returns the ids of its copies; ``remove`` forgets an article (the grouper drops
    articles once they are older than any copy could be).
    """

    lsh: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
    )
    digests: dict[str, set[str]] = field(default_factory=dict)
    items: dict[str, tuple[Fingerprint, float | None]] = field(default_factory=dict)

    def add(self, article_id: str, print_: Fingerprint, day: float | None) -> list[str]:
        """Index an article and return the sorted ids of its copies among those indexed."""
        if article_id in self.items:
            return []
        found = set(self.digests.get(print_.digest, ()))
        signature = None
        if print_.signature is not None:
            signature = MinHash(
                num_perm=NUM_PERM,
                hashvalues=print_.signature,
                permutations=_PERMUTATIONS,
                scheme=_SCHEME,
            )
            for other in self.lsh.query(signature):
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
        if signature is not None:
            self.lsh.insert(article_id, signature)
        return sorted(copies)

    def remove(self, article_id: str) -> None:
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
            self.lsh.remove(article_id)

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
