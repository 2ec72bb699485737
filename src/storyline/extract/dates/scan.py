"""Scanning a text: where the trigger words are, the windows each rule runs in, and the
choice among overlapping matches (longest first, then the rule listed first)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.extract.dates.grammar import _Grammar
from storyline.extract.dates.mention import _Mention


def _select(mentions: list[_Mention]) -> list[_Mention]:
    """Keep the longest of overlapping mentions (earlier rule on a tie), in text order."""
    chosen: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.rank, m.start)):
        if mention.end <= mention.start:
            continue
        if any(mention.start < end and start < mention.end for start, end in taken):
            continue
        chosen.append(mention)
        taken.append((mention.start, mention.end))
    return sorted(chosen, key=lambda m: m.start)


_POSITIONED = frozenset(
    {"date", "month", "year", "decade", "century", "quarter", "season", "weekday", "deictic"}
    | {"relative", "holiday", "year_adjective"}
)


def _extend_positions(text: str, mentions: list[_Mention], grammar: _Grammar) -> None:
    """Take "early", "late", "mid-", "the end of"... before a date into its span; the value
    keeps the date's granularity ("late November" is 2025-11)."""
    previous_end = 0
    for mention in mentions:
        if mention.kind in _POSITIONED:
            window_start = max(previous_end, mention.start - 30)
            found = grammar.position.search(text, window_start, mention.start)
            if found and found.end() == mention.start:
                mention.start = found.start()
                mention.info["position"] = found.group("pos").lower()
        previous_end = mention.end


_WORDS = re.compile(r"[a-z]+")


_NUMBERS = re.compile(r"(?<!\d)(?:[12]\d\d\d|\d0)(?!\d)")


def _digit_kinds(token: str) -> tuple[str, ...]:
    if len(token) == 4:
        return ("year", "decade") if token.endswith("0") else ("year",)
    return ("decade",)


def _trigger_spans(text: str, grammar: _Grammar) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of trigger word occurs in ``text``.

    The distinct words are collected in C (``findall`` and a set intersection); only the
    few that are triggers are then located with ``str.find``, much faster than a Python loop
    over every word of the text.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    low = text.lower()
    words = grammar.trigger_words
    size = len(low)
    tokens = [(t, words[t], str.isalpha) for t in words.keys() & set(_WORDS.findall(low))]
    tokens += [(t, _digit_kinds(t), str.isdigit) for t in set(_NUMBERS.findall(low))]
    for token, kinds, inside in tokens:
        start = low.find(token)
        while start != -1:
            end = start + len(token)
            if (start == 0 or not inside(low[start - 1])) and (end == size or not inside(low[end])):
                for kind in kinds:
                    spans.setdefault(kind, []).append((start, end))
            start = low.find(token, end)
    return spans


def _windows(
    spans: Iterable[tuple[int, int]], size: int, reach: tuple[int, int]
) -> list[tuple[int, int]]:
    """Merged windows of text around trigger spans, clipped to the text."""
    before, after = reach
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        lo, hi = max(0, start - before), min(size, end + after)
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged
