"""Quotes: who said what, in whose words, and through which outlet.

:func:`find_quotes` reads one article's text and returns every attribution it can find —
direct quotes ("…," she said), indirect speech (X said that …), mixed ones (X called it
"a disaster"), and the beliefs and stances news writing attributes (X believes …, X praised
…) — each with its speaker, its cue and the outlet the words came through (``via``). Offsets
are character offsets into the text given, end exclusive.

How it works, model-free, in one pass over the tokens, one module per step:

1. :mod:`~storyline.extract.sentences` pairs quote marks per paragraph (straight and curly,
   a closing mark used as an opening one, nested single quotes inside double ones; an
   opening mark left open continues into the next paragraph when that one opens with a
   quote mark, otherwise it ends at the paragraph's end, so one odd mark never spoils the
   rest of the article) and splits sentences on end punctuation and newlines, never inside
   a quote: "“A. B,” he said" is one sentence, nor before a bare attribution ("“…
   emails.” Trump said."). Straight single quotes pair too ("'We will win,' she said"),
   apostrophes aside; in hard-wrapped text (wire copy) a line break inside a paragraph is
   only a wrap, so a quotation wrapped over lines stays whole.
2. :mod:`~storyline.extract.attribution` starts an attribution at every cue word of
   ``data/speech_verbs.toml``: its subject is the noun phrase before it (or after it: "said
   Smith", "according to X"); its content is what follows ("that …", ": “…”", the rest of
   the clause) or, when the cue trails ("…,” he said."), what precedes it. A cue inside a
   quote is read within that quote. A name and a colon alone introduce a quotation too
   ("Clinton: “…”"), and so do a clause ending in a colon, a phrase after a quotation with
   any verb ("“…,” she beamed."), a bracketed cue after it ("(as Smith put it)") and a
   bare attribution sentence before it ("Lau said in a statement. “…”"); "“A,” she said.
   “B.”" is one quote from A to B. A quoted clause of a few words that none of these took
   ("Rubio bemoaned a climate in which people “literally hate each other.”") is still
   someone's words: it is kept with no cue, spoken by the sentence's subject (or by the
   speaker of the sentence or paragraph so far when that subject is no person).
3. :mod:`~storyline.extract.speakers` resolves speakers within the article ("he"/"she" to
   the closest preceding named person, "they" to the closest group that spoke, surnames to
   the full name, "the Kremlin spokesman" to the person given that role, "I"/"we" inside a
   quote to whoever the quote is attributed to; "a senior official" stays a description;
   "she" is never a man the article names; a quotation alone in its paragraph, or carried
   over several paragraphs, goes to the previous paragraph's speaker) and finds ``via``,
   the outlet named as the listener ("told the NYT"), in the speaker ("one NYT source",
   "according to the BBC"), around the cue ("in an interview with WABC"), or by an
   attribution the quote sits inside ("the NYT reported that X said …").

Calibration: the limits of those modules were set once on PolNeAR's training split (never
on dev) and are general reading rules, not fitted to any file. Cue forms whose occurrences
in that split were attributions less than about a third of the time were left out of the
data file: with the finder's precision near 0.75 and recall near 0.6, adding a cue pays
only above that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from storyline.extract.attribution import (
    UNCUED,
    Finder,
    lexicon,
    reported_speech_subset,
    speech_cue_forms,
)
from storyline.extract.sentences import Doc
from storyline.extract.speakers import (
    OutletMention,
    People,
    Speaker,
    Speakers,
    assign_via,
    attribute_standalone_quotes,
    find_outlet_mentions,
    resolve_first_person,
)

__all__ = [
    "Cue",
    "OutletMention",
    "Quote",
    "Speaker",
    "find_outlet_mentions",
    "find_quotes",
    "reported_speech_subset",
    "sentence_spans",
    "speech_cue_forms",
]


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that mark the attribution ("said", "according to", "told")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: ``content`` (``text[start:end]``) said, written or held by ``speaker``.

    ``kind`` is ``direct`` when the content is a quotation (the span inside the quote marks;
    a quote interrupted by its attribution — "“A,” she said. “B.”" — runs from A to B),
    ``mixed`` when reported speech carries quoted words, ``indirect`` otherwise. ``via`` is
    the canonical name of the outlet the words came through, if the text names one.
    """

    content: str
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: Cue | None
    via: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the issue: speaker and cue as objects or null."""
        return asdict(self)


def find_quotes(text: str) -> list[Quote]:
    """Every attribution in ``text``, in text order (see the module docstring).

    Never raises on odd input: an empty or unusual text gives an empty list. Offsets are
    into ``text``; the result is the same for the same text.
    """
    if not text or not text.strip():
        return []
    lex = lexicon()
    doc = Doc(text, lex)
    mentions = find_outlet_mentions(text)
    people = People(doc, lex, mentions)
    finder = Finder(doc, lex, mentions, people.full)
    found = finder.run()
    speakers = Speakers(finder, people)
    for attribution in found:
        attribution.speaker = speakers.speaker(attribution)
    resolve_first_person(finder, found)
    assign_via(finder, found)
    attribute_standalone_quotes(finder, found)
    quotes: list[Quote] = []
    seen: set[tuple[int, int, int]] = set()
    for attribution in found:
        c0, c1 = attribution.content
        key = (c0, c1, attribution.cue[0])
        if key in seen or c1 <= c0:
            continue
        seen.add(key)
        i, end = attribution.cue
        cue = (
            None
            if attribution.form is UNCUED
            else Cue(doc.span_text(i, end), doc.starts[i], doc.ends[end - 1])
        )
        quotes.append(
            Quote(text[c0:c1], c0, c1, attribution.kind, attribution.speaker, cue, attribution.via)
        )
    quotes.sort(key=lambda q: (q.start, q.end, q.cue.start if q.cue else 0))
    return quotes


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` as character spans: split on end punctuation and line breaks,
    never inside a quotation ("“A. B,” he said." is one sentence)."""
    if not text.strip():
        return []
    doc = Doc(text, lexicon())
    return [(doc.starts[a], doc.ends[b - 1]) for a, b in doc.bounds if b > a]
