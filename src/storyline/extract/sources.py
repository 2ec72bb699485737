"""Cited sources: the outlets an article says its information came from.

:func:`find_cited_sources` finds each outlet of ``clean/data/outlets.toml`` that the text
cites — "according to The Wall Street Journal", "the New York Times reported", "X told the
NYT", "BBC reports", "The Atlantic has reported", "citing Reuters", "in an interview with
WABC", "one NYT source" — and "the outlet said", "the paper", "the magazine", which stand
for the outlet cited last. An outlet only mentioned ("appeared on Fox", "a Fox Business
debate", a copyright line) is not a cited source, nor is the article's own outlet.

The citing phrases are the cue words of ``data/speech_verbs.toml`` (an outlet followed by
a verb of saying or reporting) and the patterns below, which are general news phrasing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from storyline.clean.outlets import canonical_outlet
from storyline.extract.quotes import find_outlet_mentions, sentence_spans, speech_cue_forms

__all__ = ["CitedSource", "find_cited_sources"]

#: How far (characters) before an outlet's name a citing phrase may start ("in a phone
#: interview Tuesday with" is 32).
BEFORE_WINDOW = 60

# Phrases that make the outlet right after them a source.
_BEFORE = re.compile(
    r"(?:\baccording\s+to|\bcit(?:ing|ed\s+by)|\bquoted\s+by|\breported\s+(?:first\s+)?by"
    r"|\bfirst\s+reported\s+by|\bpublished\s+(?:by|in)|\bobtained\s+by|\bseen\s+by"
    r"|\bconfirmed\s+(?:to|by)|\bt(?:old|ells|elling|alking\s+to)"
    r"|\b(?:said|says|wrote|writes|writing|speaking|spoke|appearing|appeared)\s+(?:on|in|to|with)"
    r"|\binterview(?:ed|s)?\b(?:\s+[\w’'-]+){0,4}?\s+(?:with|on|by|to)"
    r"|\b(?:statement|comments?|remarks)\s+to"
    r"|\b(?:report|reports|reporting|article|story|investigation|analysis|op-ed|editorial"
    r"|column|poll|survey|piece|exposé|expose)\s+(?:published\s+)?(?:by|from|in|for)"
    r"|\bvia)\s+$",
    re.I,
)

# What may follow an outlet that is being cited: "’s report", " source", " host Mark Levin".
_AFTER_NOUN = re.compile(
    r"^(?:['’]s?)?\s+(?:sources?|reporters?|reporting|report|journalists?|correspondents?"
    r"|hosts?|anchors?|interview|investigation|analysis|poll|survey|columnists?|editors?"
    r"|exclusive)\b",
    re.I,
)
_AFTER_VERB_SKIP = re.compile(
    r"^(?:\s*,\s*citing[^,]*,|\s*,\s*which\b|\s+(?:also|first|previously|has|have|had|later"
    r"|recently|exclusively|originally|initially|earlier|separately|now|on\s+\w+day|then"
    r"|itself))*\s+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class CitedSource:
    """An outlet an article cites: canonical ``outlet``, the span of the mention
    (``text[start:end]``; for "the paper" the anaphor) and the ``sentence`` that cites it."""

    outlet: str
    start: int
    end: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _citing_verbs() -> frozenset[str]:
    words = {form.split()[0] for form in speech_cue_forms()}
    words |= {
        "learned",
        "found",
        "obtained",
        "published",
        "broke",
        "revealed",
        "quoted",
        "cited",
        "reported",
        "reports",
        "report",
        "notes",
        "noted",
    }
    return frozenset(words)


def _cites_after(text: str, end: int, stop: int) -> bool:
    after = text[end:stop]
    if _AFTER_NOUN.match(after):
        return True
    skipped = _AFTER_VERB_SKIP.match(after)
    rest = after[skipped.end() :] if skipped else after.lstrip()
    word = re.match(r"[A-Za-z]+", rest)
    return bool(word and word.group().lower() in _citing_verbs() and skipped is not None)


def find_cited_sources(text: str, own_outlet: str | None = None) -> list[CitedSource]:
    """Every citing mention of an outlet in ``text``, in text order (an outlet cited twice
    appears twice; group by ``outlet`` for the list of sources). ``own_outlet`` (any name
    or alias) is never reported as a source of its own article."""
    if not text or not text.strip():
        return []
    own = canonical_outlet(own_outlet) if own_outlet else None
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    cited: list[CitedSource] = []
    last_cited: str | None = None
    for mention in find_outlet_mentions(text):
        index = bisect.bisect_right(starts, mention.start) - 1
        s0, s1 = sentences[index] if index >= 0 else (0, len(text))
        before = text[max(s0, mention.start - BEFORE_WINDOW) : mention.start]
        citing = bool(_BEFORE.search(before)) or _cites_after(text, mention.end, s1)
        if not citing:
            continue
        outlet = mention.outlet
        if mention.anaphor:
            # "the paper" stands for the outlet cited last (else the last one named)
            outlet = last_cited or outlet
        elif mention.ambiguous and not _BEFORE.search(before):
            continue  # "Time", "AP", "Fox": only in an unmistakable citing phrase
        if own is not None and outlet == own:
            continue
        last_cited = outlet
        cited.append(CitedSource(outlet, mention.start, mention.end, text[s0:s1]))
    return cited
