"""Quotes: who said what, in whose words, and through which outlet.

:func:`find_quotes` reads one article's text and returns every attribution it can find —
direct quotes ("…," she said), indirect speech (X said that …), mixed ones (X called it
"a disaster"), and the beliefs and stances news writing attributes (X believes …, X praised
…) — each with its speaker, its cue and the outlet the words came through (``via``). Offsets
are character offsets into the text given, end exclusive.

How it works, model-free, in one pass over the tokens:

1. Quote marks are paired per paragraph (straight and curly, a closing mark used as an
   opening one, nested single quotes inside double ones). An opening mark left open at the
   end of a paragraph continues into the next paragraph when that one opens with a quote
   mark (the newspaper convention); otherwise it ends at the paragraph's end — one odd mark
   never spoils the rest of the article.
2. Sentences are split on end punctuation (abbreviations and initials excepted) and
   newlines; sentence ends inside a quote do not split it, so "“A. B,” he said" is one.
3. Every cue word from ``data/speech_verbs.toml`` starts an attribution: its subject is
   the noun phrase before it (or after it: "said Smith", "according to X"); its content is
   what follows ("that …", ": “…”", the rest of the clause) or, when the cue trails
   ("…,” he said."), what precedes it. A cue inside a quote is read within that quote.
4. Speakers are resolved within the article: "he"/"she" to the closest preceding named
   person, "they" to the closest preceding group that spoke, surnames to the full name,
   definite descriptions ("the Kremlin spokesman") to the person the text gave that role,
   "I"/"we" inside a quote to whoever the quote is attributed to. Indefinite descriptions
   ("a senior official") stay descriptions.
5. ``via`` is the outlet named as the listener ("told the NYT"), in the speaker ("one NYT
   source", "according to the BBC"), around the cue ("in an interview with WABC"), or by an
   attribution the quote sits inside ("the NYT reported that X said …"); "the outlet", "the
   paper", "the magazine" stand for the last outlet named before.

Calibration: the limits below were set once on PolNeAR's training split (never on dev) and
are general reading rules, not fitted to any file. Cue forms whose occurrences in that split
were attributions less than about a third of the time were left out of the data file: with
the finder's precision near 0.75 and recall near 0.6, adding a cue pays only above that.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from storyline.clean.outlets import outlets

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

#: Longest subject noun phrase, in tokens, taken before a cue ("Officials briefed on the
#: conversation", "A separate report by the Wall Street Journal" are 5 and 8); longer runs
#: are nearly always a clause, not a subject (checked on polnear/train).
MAX_SUBJECT_TOKENS = 12
#: Longest source after "according to" or an inverted cue ("said Smith, the mayor").
MAX_SOURCE_AFTER_TOKENS = 12
#: How far after a cue (tokens) its content may open with "that", ":" or a quote mark:
#: "said in a statement on Tuesday that" is 7.
OPENER_LOOKAHEAD = 10
#: Longest listener after a cue of telling ("told CNN's State of the Union").
MAX_LISTENER_TOKENS = 6
#: Longest personal name, in tokens, once titles are taken off ("Martin Luther King Jr").
MAX_NAME_TOKENS = 4
#: Longest apposition between a name and its cue ("Steve Witkoff, Trump's special envoy,").
MAX_APPOSITION_TOKENS = 10
#: Longest aside between dashes or brackets skipped between a subject and its cue.
MAX_PARENTHETICAL_TOKENS = 25
#: Longest relative clause between a name and its cue ("Petrilli, who thinks ..., called").
MAX_RELATIVE_TOKENS = 30
#: A trailing cue needs at least this many tokens of content before it.
MIN_CONTENT_TOKENS = 2
#: How far back (in sentences) "they" looks for the group that spoke.
THEY_WINDOW_SENTENCES = 4

_TOKEN = re.compile(r"''|``|\d[\d,.]*\d|\w(?:[\w'’.\-]*\w)?|[^\w\s]")
# Double quotation marks, with the typewriter pairs '' and `` that some archives use.
_DOUBLE = frozenset({'"', "“", "”", "„", "«", "»", "''", "``"})
_DOUBLE_OPEN = frozenset({"“", "„", "«", "``"})
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = frozenset("‘‹")
_SINGLE_CLOSE = frozenset("’›")
_QUOTE_MARKS = _DOUBLE | _SINGLE_OPEN | _SINGLE_CLOSE | {"'"}
_SPACE_LIKE_BEFORE = frozenset("([{—–-/")
_PUNCT_AFTER = frozenset(",.;:!?)]}—–…")
_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»", "›", "''"})
_CLAUSE_PUNCT = frozenset(",;:()[]—–")
_POSSESSIVE = re.compile(r"['’]s?$")


# -- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an attribution is by.

    ``start``/``end`` is the mention in the text (a name, a pronoun, a description).
    ``name`` is the person, organisation or outlet it stands for when the article says so
    (a pronoun or definite description resolved within the article, a surname expanded to
    the full name); ``description`` is the words that describe the speaker ("a senior
    official", "Kremlin spokesman"), or the pronoun itself when it could not be resolved.
    ``entity_id`` is left for the entity linker.
    """

    name: str | None
    entity_id: str | None
    description: str | None
    start: int
    end: int


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


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in a text: canonical ``outlet`` and the span of the mention.

    ``anaphor`` is true for "the outlet", "the paper"... whose ``outlet`` is the last outlet
    named before it; ``ambiguous`` for aliases that are also common words ("Time", "AP").
    """

    outlet: str
    start: int
    end: int
    ambiguous: bool = False
    anaphor: bool = False


# -- the data file -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CueForm:
    words: tuple[str, ...]
    role: str
    listener: bool
    continues: bool
    source_after: bool
    trails: bool
    raising: bool

    @property
    def participle(self) -> bool:
        return self.words[0].endswith("ing")


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.lower().rstrip(".") for item in items)


class _Lexicon:
    """The word lists of ``data/speech_verbs.toml``, indexed for the finder."""

    def __init__(self, data: dict[str, Any]):
        self.cues: dict[str, list[_CueForm]] = {}
        self.speech_forms: set[str] = set()
        for group in data.get("cue", []):
            for surface in group["forms"]:
                form = _CueForm(
                    words=tuple(surface.lower().split()),
                    role=group["role"],
                    listener=bool(group.get("listener", False)),
                    continues=bool(group.get("continues", False)),
                    source_after=bool(group.get("source_after", False)),
                    trails=bool(group.get("trails", True)),
                    raising=bool(group.get("raising", False)),
                )
                if form.role == "speech":
                    self.speech_forms.add(surface.lower())
                forms = self.cues.setdefault(form.words[0], [])
                if all(f.words != form.words for f in forms):
                    forms.append(form)
        for forms in self.cues.values():
            forms.sort(key=lambda f: -len(f.words))
        # words that are a cue on their own (not "in" of "in the words of")
        self.cue_words = frozenset(
            w for w, forms in self.cues.items() if any(len(f.words) == 1 for f in forms)
        )
        subject = data["subject"]
        self.subject_stop = _words(subject["stop"])
        self.subject_skip = _words(subject["skip"])
        self.lead_preposition = _words(subject["lead_preposition"])
        self.time = _words(subject["time"])
        pronouns = data["pronouns"]
        self.singular = _words(pronouns["singular"])
        self.plural = _words(pronouns["plural"])
        self.first = _words(pronouns["first"])
        self.pronouns = self.singular | self.plural | self.first | _words(pronouns["other"])
        self.listeners = _words(pronouns["object"])
        descriptions = data["descriptions"]
        self.indefinite = _words(descriptions["indefinite"])
        self.definite = _words(descriptions["definite"])
        self.description_nouns = _plurals(_words(descriptions["nouns"]))
        roles = data["roles"]
        self.role_words = _words(roles["words"])
        self.role_nouns = _plurals(_words(roles["nouns"]))
        self.not_person = _words(roles["not_person"])
        self.anaphora = tuple(sorted(_words(data["outlet_anaphora"]["nouns"]), key=len))
        self.abbreviations = _words(data["sentences"]["abbreviations"])
        self.speech_subset = frozenset(f.lower() for f in data["subsets"]["speech"])
        self.noun_forms = _words(data["filters"]["noun_forms"])
        grammar = data["grammar"]
        self.prepositions = _words(grammar["prepositions"])
        self.be = frozenset(grammar["be"])
        self.noun_markers = _words(grammar["noun_markers"])
        self.determiners = _words(grammar["determiners"])
        self.coordinators = _words(grammar["coordinators"])
        self.leading_conjunctions = _words(grammar["leading_conjunctions"])
        self.post_adjuncts = _words(grammar["post_adjuncts"])
        self.asides = _words(grammar["asides"])
        self.subordinators = _words(grammar["subordinators"])
        self.weekdays = _words(grammar["weekdays"])
        self.name_particles = _words(grammar["name_particles"])
        # a participle after these speaks for its clause ("..., saying", "by noting")
        self.participle_leads = (
            self.prepositions | self.coordinators | {"when", "while", "also", "even"}
        )
        self.setting = _words(data["filters"]["setting"])
        self.function_words = (
            self.subject_stop
            | self.lead_preposition
            | self.definite
            | self.indefinite
            | self.pronouns
            | _words(data["subject"]["sentence_openers"])
        )


def _plurals(words: frozenset[str]) -> frozenset[str]:
    out = set(words)
    for word in words:
        out.add(word + "s")
        if word.endswith(("s", "sh", "ch", "x")):
            out.add(word + "es")
        if word.endswith("y"):
            out.add(word[:-1] + "ies")
        if word.endswith("man"):
            out.add(word[:-3] + "men")
        if word == "person":
            out.add("people")
    return frozenset(out)


@cache
def _lexicon() -> _Lexicon:
    path = resources.files("storyline.extract").joinpath("data/speech_verbs.toml")
    return _Lexicon(tomllib.loads(path.read_text("utf-8")))


def speech_cue_forms() -> frozenset[str]:
    """Every cue form of role ``speech`` the finder reads (lower case): verbs and phrases of
    saying and reporting."""
    return frozenset(_lexicon().speech_forms)


def reported_speech_subset() -> frozenset[str]:
    """The fixed verbs of saying that define the reported-speech subset of ``storyline eval
    quotes`` (``[subsets]`` of the data file; independent of the cue groups)."""
    return _lexicon().speech_subset


# -- outlets named in the text ---------------------------------------------------------------


@cache
def _outlet_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    surfaces: dict[str, tuple[str, bool]] = {}
    for outlet in outlets().entries:
        ambiguous = set(outlet.ambiguous)
        for name in outlet.names:
            forms = [name]
            if name[:4] in ("The ", "the "):
                forms.append(name[4:])
            for form in forms:
                # An ambiguous alias is only taken with its exact capitalisation, and its
                # bare form ("Post" of "the Post") is not taken at all.
                if form != name and name in ambiguous:
                    continue
                surfaces.setdefault(form, (outlet.name, name in ambiguous))
    alternatives = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.@/])(?:(?:[Tt]he\s+)?)({alternatives})(?![\w@]|\.\w)")
    return pattern, surfaces


def find_outlet_mentions(text: str) -> list[OutletMention]:
    """Every outlet of ``clean/data/outlets.toml`` named in ``text``, and every "the outlet",
    "the paper", "the magazine"... resolved to the last unambiguous outlet named before it
    (dropped when there is none). Sorted by position; spans include a leading "the"."""
    pattern, surfaces = _outlet_pattern()
    found: list[OutletMention] = []
    for match in pattern.finditer(text):
        outlet, ambiguous = surfaces[match.group(1)]
        if ambiguous and _sentence_initial(text, match.start()):
            continue  # "Time will tell", "People say": a common word, not the outlet
        found.append(OutletMention(outlet, match.start(), match.end(), ambiguous))
    anaphora = _anaphor_pattern().finditer(text)
    resolved: list[OutletMention] = []
    named = [m for m in found if not m.ambiguous]
    starts = [m.start for m in named]
    for match in anaphora:
        index = bisect.bisect_left(starts, match.start()) - 1
        if index >= 0:
            resolved.append(
                OutletMention(named[index].outlet, match.start(), match.end(), anaphor=True)
            )
    return sorted(found + resolved, key=lambda m: (m.start, m.end))


@cache
def _anaphor_pattern() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(_lexicon().anaphora, key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+(?:{nouns})\b(?!\s+(?:of|which|who)\b)")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n"


# -- tokens, quote marks, sentences -----------------------------------------------------------


class _Doc:
    """The text as tokens, with its quote spans and sentences."""

    def __init__(self, text: str, lexicon: _Lexicon):
        self.text = text
        self.lex = lexicon
        spans = [m.span() for m in _TOKEN.finditer(text)]
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        words = [text[a:b] for a, b in spans]
        self.starts, self.ends, self.words = starts, ends, words
        self.n = n = len(words)
        self.lower = [w.lower() for w in words]
        self.caps = [w[0].isupper() for w in words]
        # whitespace (or the text start) before each token, and a line break before it
        self.space = [True] + [s > e for s, e in zip(starts[1:], ends, strict=False)]
        find = text.find
        self.newline = [True] + [
            s > e and find("\n", e, s) >= 0 for s, e in zip(starts[1:], ends, strict=False)
        ]
        # words the text also writes in lower case: a capital at a sentence start is not a
        # name then ("Engineers say")
        self.common_words = {w for w, cap in zip(self.lower, self.caps, strict=True) if not cap}
        self.quotes: list[tuple[int, int]] = []  # (opening mark, closing mark or end) tokens
        self.closed: list[bool] = []
        self.inner: dict[int, int] = {}  # nested opening mark -> closing mark
        self.quote_of = [-1] * n  # token -> the top-level quote whose inside holds it
        self._pair_quotes()
        self.raw_bounds = self._split_sentences()
        self.bounds = self._merge_in_quotes(self.raw_bounds)
        self.sid = [0] * n  # token -> its sentence (quotations kept whole)
        for index, (a, b) in enumerate(self.bounds):
            self.sid[a:b] = [index] * (b - a)
        self.raw_sid = [0] * n  # token -> its sentence (split inside quotations too)
        for index, (a, b) in enumerate(self.raw_bounds):
            self.raw_sid[a:b] = [index] * (b - a)

    # quote marks

    def _mark(self, i: int) -> str:
        """Whether the quote mark at token ``i`` opens, closes, or could do either."""
        w = self.words[i]
        before = self.space[i] or self.words[i - 1] in _SPACE_LIKE_BEFORE
        after = (
            i + 1 == self.n
            or self.space[i + 1]
            or self.words[i + 1] in _PUNCT_AFTER
            or self.words[i + 1] in _QUOTE_MARKS
        )
        if w in _DOUBLE_OPEN or w in _SINGLE_OPEN:
            return "close" if (after and not before) else "open"
        if w in _DOUBLE_CLOSE or w in _SINGLE_CLOSE:
            return "open" if (before and not after) else "close"
        if before and not after:
            return "open"
        if after and not before:
            return "close"
        return "either"

    def _pair_quotes(self) -> None:
        words, n = self.words, self.n
        paragraphs: list[tuple[int, int]] = []
        start = 0
        for i in range(1, n):
            if self.newline[i]:
                paragraphs.append((start, i))
                start = i
        if n:
            paragraphs.append((start, n))
        carry: int | None = None
        for p, (a, b) in enumerate(paragraphs):
            open_at = carry
            carry = None
            first = a + 1 if open_at is not None else a
            for i in range(first, b):
                if words[i] not in _DOUBLE:
                    continue
                kind = self._mark(i)
                if open_at is None:
                    if kind != "close":
                        open_at = i
                elif kind != "open":
                    self._add_quote(open_at, i, True)
                    open_at = None
                else:  # a quote left open before a new one opens: it ends there
                    self._add_quote(open_at, i, False)
                    open_at = i
            if open_at is not None:
                following = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
                if (
                    following is not None
                    and words[following] in _DOUBLE
                    and self._mark(following) != "close"
                ):
                    carry = open_at
                else:
                    self._add_quote(open_at, b, False)
        self._pair_single_quotes(paragraphs)
        order = sorted(range(len(self.quotes)), key=lambda q: self.quotes[q][0])
        self.quotes = [self.quotes[q] for q in order]
        self.closed = [self.closed[q] for q in order]
        for index, (a, b) in enumerate(self.quotes):
            self.quote_of[a + 1 : b] = [index] * (b - a - 1)
        self._pair_nested()
        self.opener_of: dict[int, int] = {}  # closing mark -> opening mark
        self.close_of: dict[int, int] = {}  # opening mark -> closing mark (or paragraph end)
        for (a, b), closed in zip(self.quotes, self.closed, strict=True):
            self.close_of[a] = b
            if closed:
                self.opener_of[b] = a
        for a, b in self.inner.items():
            self.close_of[a] = b
            self.opener_of[b] = a

    def _add_quote(self, open_at: int, close: int, closed: bool) -> None:
        if close > open_at + 1:
            self.quotes.append((open_at, close))
            self.closed.append(closed)

    def _pair_single_quotes(self, paragraphs: list[tuple[int, int]]) -> None:
        """Curly single quotes outside double ones ('take a pass'): quotes of their own."""
        inside = [False] * self.n
        for a, b in self.quotes:
            for i in range(a, min(b + 1, self.n)):
                inside[i] = True
        for a, b in paragraphs:
            open_at: int | None = None
            for i in range(a, b):
                w = self.words[i]
                if inside[i] or (w not in _SINGLE_OPEN and w not in _SINGLE_CLOSE):
                    continue
                kind = self._mark(i)
                if kind == "open" and w in _SINGLE_OPEN:
                    open_at = i
                elif kind == "close" and open_at is not None:
                    self._add_quote(open_at, i, True)
                    open_at = None

    def _pair_nested(self) -> None:
        """Single quotes inside a double quote ("He said, essentially, ‘I’m out’")."""
        for index, (a, b) in enumerate(self.quotes):
            if self.words[a] not in _DOUBLE:
                continue
            open_at: int | None = None
            for i in range(a + 1, b):
                w = self.words[i]
                if w not in _SINGLE_OPEN and w not in _SINGLE_CLOSE and w != "'":
                    continue
                kind = self._mark(i) if i != a + 1 else "open"
                if kind != "close" and open_at is None and w != "’":
                    open_at = i
                elif kind != "open" and open_at is not None:
                    self.inner[open_at] = i
                    open_at = None
            del index

    # sentences

    def _split_sentences(self) -> list[tuple[int, int]]:
        words, n, lower = self.words, self.n, self.lower
        bounds: list[tuple[int, int]] = []
        start = 0
        i = 0
        while i < n:
            if i > start and self.newline[i]:
                bounds.append((start, i))
                start = i
            if words[i] in _SENTENCE_ENDS:
                j = i + 1
                while j < n and not self.space[j] and words[j] in _CLOSERS:
                    j += 1
                if j < n and not self.newline[j] and self.space[j] and self._starts_sentence(j):
                    abbreviation = (
                        words[i] == "."
                        and i > 0
                        and not self.space[i]
                        and (
                            lower[i - 1] in self.lex.abbreviations
                            or (len(words[i - 1]) == 1 and words[i - 1].isalpha())
                        )
                    )
                    if not abbreviation:
                        bounds.append((start, j))
                        start = j
                i = j
                continue
            i += 1
        if start < n:
            bounds.append((start, n))
        return bounds

    def _starts_sentence(self, j: int) -> bool:
        w = self.words[j]
        return w[0].isupper() or w[0].isdigit() or w in _QUOTE_MARKS or w in "([“‘"

    def _merge_in_quotes(self, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join sentences split inside a quote, so a quote and its attribution are one."""
        merged: list[tuple[int, int]] = []
        closes = {b for (_, b) in self.quotes}
        for a, b in bounds:
            if merged and (
                self.quote_of[a] >= 0
                or a in closes
                or (
                    a - 1 in closes
                    and self.words[a - 2] in "?!"
                    and not self.newline[a]
                    and self._cue_within(a, b)
                )
            ):
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged

    def _cue_within(self, a: int, b: int) -> bool:
        """Whether a sentence opens with a short subject and a cue ("“Not fit!” Trump
        tweeted"): it is the attribution of the quotation before it."""
        for k in range(a, min(b, a + 5)):
            if self.lower[k] in self.lex.cue_words and not self.caps[k]:
                return k > a
            if self.words[k] in _CLAUSE_PUNCT:
                return False
        return False

    # helpers

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a] : self.ends[b - 1]]


# -- attributions ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Attribution:
    cue: tuple[int, int]  # tokens
    form: _CueForm
    content: tuple[int, int]  # characters
    kind: str
    subject: tuple[int, int] | None = None  # tokens
    description: tuple[int, int] | None = None  # an apposition after the name, tokens
    listener: tuple[int, int] | None = None  # tokens
    inherit: bool = False  # the subject is the clause's ("..., saying", "and insisted")
    trailing_at: int | None = None  # token of the comma or quote mark before the subject
    speaker: Speaker | None = None
    via: str | None = None
    region: tuple[int, int] = (0, 0)


class _Finder:
    """Finds the attributions of one text (tokens in, :class:`_Attribution` out)."""

    def __init__(self, text: str):
        self.lex = _lexicon()
        self.doc = _Doc(text, self.lex)
        self.text = text
        self.mentions = find_outlet_mentions(text)
        self.people = _People(self)
        self.antecedents: dict[int, tuple[int, int]] = {}  # "who" token -> its noun phrase

    # cue matching

    def cues(self) -> Iterable[tuple[int, int, _CueForm]]:
        doc, lex = self.doc, self.lex
        i = 0
        while i < doc.n:
            forms = lex.cues.get(doc.lower[i])
            if not forms:
                i += 1
                continue
            for form in forms:
                end = i + len(form.words)
                if end <= doc.n and all(
                    doc.lower[i + k] == form.words[k] for k in range(1, len(form.words))
                ):
                    if self._is_cue(i, end, form):
                        yield i, end, form
                        i = end - 1
                    break
            i += 1

    def _is_cue(self, i: int, end: int, form: _CueForm) -> bool:
        """Whether a cue form at ``i`` is used as a cue here (not a noun, an adjective or a
        passive: "drone attacks", "emotionally charged", "sources cited by the outlet")."""
        doc, lex = self.doc, self.lex
        if end < doc.n and doc.lower[end] == "by" and not form.source_after:
            return False
        if i == 0:
            return True
        if (
            doc.caps[i]
            and doc.caps[i - 1]
            and doc.sid[i - 1] == doc.sid[i]
            and doc.words[i - 1][0].isalpha()
            and not form.source_after
        ):
            return False  # inside a name: "United States", "Daily Caller Reports"
        before = self._skip_back(i - 1, doc.bounds[doc.sid[i]][0])
        if before < 0 or doc.sid[before] != doc.sid[i]:
            return True
        prev = doc.lower[before]
        if form.source_after:
            return True
        if prev in lex.noun_markers or (prev in lex.prepositions and not form.participle):
            return False
        if prev in lex.be and not form.participle and form.words[0] != "expected":
            return False
        if _POSSESSIVE.search(prev) and len(prev) > 3:
            return False  # "Trump's warning"
        if (
            form.participle
            and before == i - 1
            and prev[0].isalpha()
            and not doc.caps[before]
            and not (
                prev in lex.participle_leads
                or prev in lex.be
                or prev in lex.pronouns
                or prev in lex.description_nouns
                or prev in lex.role_nouns
                or prev in lex.subject_skip
                or prev in ("who", "which", "that")
                or (len(prev) > 4 and prev.endswith("ly"))
            )
        ):
            return False  # "a creative writing professor", "a voice-over saying" aside
        if doc.lower[i] in lex.noun_forms and before == i - 1 and prev[0].isalpha():
            head = (
                doc.caps[before]
                or prev in lex.pronouns
                or prev in lex.description_nouns
                or prev in lex.role_nouns
                or prev in ("who", "which")
            )
            if not head:
                return False
        return True

    # the main pass

    def run(self) -> list[_Attribution]:
        found: list[_Attribution] = []
        for i, end, form in self.cues():
            attribution = self._attribute(i, end, form)
            if attribution is not None:
                found.append(attribution)
        self._inherit_subjects(found)
        self._cut_at_trailing(found)
        return found

    def _region(self, i: int) -> tuple[int, int]:
        """The tokens a cue is read in: its sentence, or its sentence within a quote."""
        doc = self.doc
        q = doc.quote_of[i]
        if q < 0:
            return doc.bounds[doc.sid[i]]
        a, b = doc.raw_bounds[doc.raw_sid[i]]
        qa, qb = doc.quotes[q]
        return max(a, qa + 1), min(b, qb)

    def _attribute(self, i: int, end: int, form: _CueForm) -> _Attribution | None:
        r0, r1 = self._region(i)
        if form.source_after:
            return self._according(i, end, form, r0, r1)
        if form.raising:  # "Clinton seems to ...": no one's statement, no speaker
            content = self._content_after(end, r1, form)[0]
            return self._make(i, end, form, content, None, None, r0, r1) if content else None
        doc, lex = self.doc, self.lex
        before = self._skip_back(i - 1, r0)
        if form.participle and before >= r0 and doc.lower[before] in lex.be:
            before = self._skip_back(before - 1, r0)  # "he is telling reporters"
        subject: tuple[int, int] | None = None
        description: tuple[int, int] | None = None
        if form.participle and (
            before < r0
            or doc.words[before] in _CLAUSE_PUNCT
            or self._closes_quote(before)
            or doc.lower[before] in lex.participle_leads
        ):
            # "Citing sources, ...", "..., saying ...", "by noting": the clause's subject
            content = self._participle_content(end, r1, at_start=before < r0, form=form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            return attribution
        if before < r0:
            pass
        elif doc.words[before] in ",;" or self._closes_quote(before):
            # "“…,” said Smith." / "Witkoff, Trump's special envoy, told CNN"
            source = self._source_after(end, r1, form)
            if source is not None:
                content = self._content_before(r0, before)
                if content is not None:
                    return self._make(
                        i, end, form, content, source, None, r0, r1, trailing_at=before
                    )
            apposition = self._apposition(before, r0)
            if apposition is not None:
                subject, description = apposition
        elif doc.lower[before] in lex.coordinators or doc.lower[before] == "to":
            # "to say", "refused to tell": the speaker is the clause's
            # "X acknowledged that A but emphasized that B": the subject is the clause's
            content, listener = self._content_after(end, r1, form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            attribution.listener = listener
            return attribution
        else:
            subject = self._subject(before, r0)
            if (
                form.participle
                and subject is not None
                and subject[0] - 1 >= r0
                and doc.lower[subject[0] - 1] in lex.prepositions
            ):
                subject = None  # "Sanders was on CNN talking about": not CNN's words
        if subject is None and before >= r0 and doc.words[before] == ",":
            # "Trump summed up Clinton as “terrible,” denounced her record": the clause's
            content, listener = self._content_after(end, r1, form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            attribution.listener = listener
            return attribution
        if subject is not None:
            punct = self._skip_back(subject[0] - 1, r0)
            if punct >= r0 and (doc.words[punct] in ",;" or self._closes_quote(punct)):
                strong = self._closes_quote(punct) or (
                    doc.words[punct] == "," and punct - 1 >= r0 and self._closes_quote(punct - 1)
                )
                # "“…,” he mocks": after a quotation any cue may trail
                if (form.trails or strong) and self._post_is_adjunct(
                    end, r1, form, strong, r0, punct
                ):
                    content = self._content_before(r0, punct)
                    if content is not None:
                        attribution = self._make(
                            i, end, form, content, subject, None, r0, r1, trailing_at=punct
                        )
                        if form.listener:
                            attribution.listener = self._listener(end, r1)
                        return attribution
        content, listener = self._content_after(end, r1, form)
        if content is None:
            return None
        attribution = self._make(i, end, form, content, subject, description, r0, r1)
        attribution.listener = listener
        return attribution

    def _make(
        self,
        i: int,
        end: int,
        form: _CueForm,
        content: tuple[int, int, str],
        subject: tuple[int, int] | None,
        description: tuple[int, int] | None,
        r0: int,
        r1: int,
        trailing_at: int | None = None,
    ) -> _Attribution:
        c0, c1, kind = content
        return _Attribution(
            cue=(i, end),
            form=form,
            content=(c0, c1),
            kind=kind,
            subject=subject,
            description=description,
            region=(r0, r1),
            trailing_at=trailing_at,
        )

    # looking backwards

    def _skip_back(self, j: int, r0: int) -> int:
        """The last token at or before ``j`` that is not an adverb, auxiliary or time word
        of the kind that stands between a subject and its cue ("has also long said")."""
        doc, lex = self.doc, self.lex
        while j >= r0:
            w = doc.lower[j]
            if (w in lex.subject_skip and not doc.caps[j]) or (
                len(w) > 4 and w.endswith("ly") and not doc.caps[j]
            ):
                j -= 1  # "Will wrote" keeps Will
            elif (
                w == ","
                and j - 2 >= r0
                and doc.words[j - 2] == ","
                and (doc.lower[j - 1] in lex.asides or doc.lower[j - 1].endswith("ly"))
            ):
                j -= 3  # "U.S. officials, however, argue"
            elif w in lex.weekdays and doc.caps[j]:
                j -= 1
                if j >= r0 and doc.lower[j] == "on":
                    j -= 1
            elif w in ("—", "–", ")") and j > r0:
                # "figures — whose party was once respected — both suggested"
                opening = "(" if w == ")" else w
                k = j - 1
                while k >= r0 and j - k <= MAX_PARENTHETICAL_TOKENS and doc.words[k] != opening:
                    k -= 1
                if k < r0 or doc.words[k] != opening or k == j - 1:
                    break
                j = k - 1
            else:
                break
        return j

    def _closes_quote(self, j: int) -> bool:
        return j in self.doc.opener_of

    def _subject(self, end: int, r0: int) -> tuple[int, int] | None:
        """The noun phrase ending at token ``end`` (inclusive), back to a clause boundary,
        a second determiner, or another cue."""
        doc, lex = self.doc, self.lex
        if end < r0:
            return None
        if doc.lower[end] in lex.pronouns and doc.lower[end] != "one":
            return end, end + 1  # "countries he said had sent": the pronoun is the subject
        j = end
        while j >= r0:
            w = doc.words[j]
            lower = doc.lower[j]
            if w in _CLAUSE_PUNCT or w in _QUOTE_MARKS or w in "!?":
                break
            if w == "." and (doc.space[j] or j == end):
                break
            if j < end and lower in lex.cue_words and not doc.caps[j]:
                break
            if lower in lex.subject_stop and not (
                lower == "and" and j > r0 and doc.caps[j - 1] and j < end and doc.caps[j + 1]
            ):
                if lower in ("who", "which", "that") and j == end:
                    # "Marco Rubio, who stressed": the mention is "who", the speaker the
                    # phrase before it
                    k = j - 1
                    if k >= r0 and doc.words[k] == ",":
                        k -= 1
                    antecedent = self._name_before(k, r0) or self._subject(k, r0)
                    if antecedent is None:
                        return None
                    self.antecedents[j] = antecedent
                    return j, j + 1
                break
            if end - j >= MAX_SUBJECT_TOKENS:
                return None
            # a determiner opens the phrase, unless a preposition attaches it to a head
            # before ("the leader of the party")
            if (
                (lower in lex.definite or lower in lex.indefinite)
                and j < end
                and (j - 1 < r0 or doc.lower[j - 1] not in lex.prepositions)
            ):
                j -= 1
                break
            j -= 1
        start = j + 1
        if start > end:
            return None
        start = self._strip_lead(start, end)
        if start > end:
            return None
        # "the arms deal Trump announced": a name after a common noun is a subject of its own
        k = end
        while k > start and doc.caps[k] and doc.words[k][0].isalpha():
            k -= 1
        if (
            start < k < end
            and (doc.lower[start] in lex.definite or doc.lower[start] in lex.indefinite)
            and doc.lower[k] not in lex.description_nouns
            and self._known_name(k + 1, end + 1)
            and doc.words[k][0].isalpha()
            and doc.caps[k + 1]
            and not self._role_like(doc.lower[k])
            and doc.lower[k] not in lex.prepositions
            and doc.lower[k] not in lex.definite
            and doc.lower[k] not in lex.indefinite
            and not _POSSESSIVE.search(doc.lower[k])
        ):
            start = k + 1
        return start, end + 1

    def _known_name(self, a: int, b: int) -> bool:
        """Whether tokens ``a``–``b`` are a person the article names (not "Democrat")."""
        doc, lex = self.doc, self.lex
        if doc.caps[a - 1] or doc.lower[b - 1] in lex.description_nouns:
            return False
        return b - a >= 2 or _POSSESSIVE.sub("", doc.lower[b - 1]) in self.people.full

    def _role_like(self, word: str) -> bool:
        lex = self.lex
        return word.rstrip(".") in lex.role_words or word in lex.role_nouns

    def _name_before(self, k: int, r0: int) -> tuple[int, int] | None:
        """The capitalised name (titles and "of" included) ending at token ``k``."""
        doc = self.doc
        if k < r0 or not doc.caps[k] or not doc.words[k][0].isalpha():
            return None
        j = k
        while j - 1 >= r0 and (
            (doc.caps[j - 1] and doc.words[j - 1][0].isalpha())
            or (doc.lower[j - 1] == "of" and j - 2 >= r0 and doc.caps[j - 2])
        ):
            j -= 1
        while j < k and doc.lower[j] in self.lex.function_words:
            j += 1
        return j, k + 1

    def _strip_lead(self, start: int, end: int) -> int:
        """Drop leading conjunctions and a leading time or place phrase ("On Tuesday Trump",
        "in recent days Trump", "with Washington")."""
        doc, lex = self.doc, self.lex
        while start < end and doc.lower[start] in lex.leading_conjunctions:
            start += 1
        if start < end and doc.lower[start] in lex.lead_preposition:
            k = end
            while (
                k > start
                and doc.caps[k]
                and doc.lower[k] not in lex.weekdays
                and doc.lower[k] not in lex.time
            ):
                k -= 1
            if k < end:
                return k + 1
            if doc.lower[end] in lex.pronouns:
                return end
            return start + 1
        return start

    def _apposition(
        self, comma: int, r0: int
    ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        """A subject set off by commas before a cue: ``NAME, DESCRIPTION,`` ("Steve Witkoff,
        Trump's special envoy,"), ``DESCRIPTION, NAME,`` ("Google's chief, Laszlo Bock,"),
        or ``NAME, who …,``. The name and the description, as tokens."""
        doc = self.doc
        if doc.words[comma] != ",":
            return None
        opening = self._opening_name(comma, r0)
        if opening is not None:
            return opening
        k = comma - 1
        while k >= r0 and doc.words[k] != "," and comma - k <= MAX_RELATIVE_TOKENS:
            if doc.words[k] in _QUOTE_MARKS or doc.words[k] in ";:()":
                return None
            k -= 1
        if k < r0 or doc.words[k] != "," or k + 1 >= comma:
            return None
        relative = doc.lower[k + 1] in ("who", "whose", "which", "including")
        if not relative and comma - k > MAX_APPOSITION_TOKENS:
            return None
        inner = self._name_before(comma - 1, k + 1)
        if not relative and inner is not None and inner == (k + 1, comma):
            outer = self._subject(k - 1, r0)  # DESCRIPTION, NAME,
            if outer is not None and not doc.caps[outer[1] - 1]:
                return inner, outer
            if outer is None:
                return inner, None
        name = self._subject(k - 1, r0)
        if name is None or (not relative and not doc.caps[name[1] - 1]):
            return None  # "The complaint, which was filed Monday, alleged": any phrase
        return name, None if relative else (k + 1, comma)

    def _opening_name(self, comma: int, r0: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """A sentence that opens with a name and describes it up to the comma before its
        cue: "Greg Raiff, chief executive of Private Jet Services, an aviation firm, said"."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < comma and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        k = a
        while k < comma and k - a <= MAX_NAME_TOKENS + 3 and doc.words[k] != ",":
            w = doc.words[k]
            if not (
                (doc.caps[k] and w[0].isalpha())
                or (w == "." and not doc.space[k])
                or w in "()"
                or (k > a and doc.words[k - 1] == "(")
                or (k > a and doc.lower[k] in lex.name_particles)
            ):
                return None
            k += 1
        if k >= comma or doc.words[k] != "," or k == a or not doc.caps[a]:
            return None
        if comma - k > MAX_RELATIVE_TOKENS or any(
            doc.words[x] in _QUOTE_MARKS or doc.words[x] in ";:" for x in range(k, comma)
        ):
            return None
        name = self._name_before(k - 1, a) if doc.words[k - 1] != ")" else (a, k)
        if name is None or (doc.lower[a] in lex.pronouns):
            return None
        return (a, k), (k + 1, comma)

    # looking forwards

    def _skippable(self, k: int) -> bool:
        """Tokens that may stand between a cue and its content: a setting, a time, an
        adverb ("said in a statement on Tuesday that", "said, essentially, ‘…’")."""
        doc, lex = self.doc, self.lex
        w, lower = doc.words[k], doc.lower[k]
        return (
            w == ","
            or (doc.caps[k] and w[0].isalpha())
            or lower in lex.prepositions
            or lower in ("a", "an", "the", "to", "this", "last", "his", "her", "their", "its")
            or lower in lex.time
            or lower in lex.setting
            or (len(lower) > 4 and lower.endswith("ly"))
            or lower[0].isdigit()
            or _POSSESSIVE.search(lower) is not None
        )

    def _post_is_adjunct(
        self, end: int, r1: int, form: _CueForm, strong: bool, r0: int, punct: int
    ) -> bool:
        """Whether what follows a cue leaves it trailing its content: nothing, a listener,
        or a time or setting ("he said on Tuesday", "a source told the NYT, ..."), and no
        "that", colon or quotation opening within reach. ``strong``: a quotation closes
        right before the subject ("“…,” she said ..."), so any phrase may follow; otherwise
        a phrase may follow only when what precedes is not itself a leading adverbial
        ("In an interview, Trump said on Tuesday ...")."""
        doc, lex = self.doc, self.lex
        adverbial = self._adverbial_lead(r0, punct)
        weak_ok = strong or not adverbial
        j = end
        if form.listener:
            listener = self._listener(end, r1)
            if listener is not None:
                j = listener[1]
        if j >= r1:
            return True
        w, lower = doc.words[j], doc.lower[j]
        if w == "," and j + 1 < r1 and j + 1 in doc.close_of:
            # "X said, “…”" leads; "“A,” she said, “B”" continues A
            return strong and doc.words[punct - 1] == ","
        if w in ",;—–)" or w in _SENTENCE_ENDS:
            return True
        if lower == "that" or w == ":" or j in doc.close_of:
            return False
        if not weak_ok or (
            not strong
            and not (
                lower in lex.lead_preposition or lower in lex.time or lower in lex.post_adjuncts
            )
        ):
            return False
        if strong:
            # "Sunday on Fox's “Morning Futures,” Rep. Issa said Clinton ...": a title in
            # a setting, then a clause
            return not (adverbial and doc.caps[j] and lower not in lex.time)
        for k in range(j + 1, min(r1, j + OPENER_LOOKAHEAD)):
            if doc.lower[k] == "that" or doc.words[k] == ":" or k in doc.close_of:
                return False
            if doc.words[k] in ",;" or doc.words[k] in _SENTENCE_ENDS:
                break
        return True

    def _adverbial_lead(self, r0: int, punct: int) -> bool:
        """Whether tokens ``r0``–``punct`` open with a preposition or subordinator: a
        setting or condition, not content ("Soon after X was booed, Canova wrote ...")."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < punct and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        return a < punct and (
            doc.lower[a] in lex.lead_preposition
            or doc.lower[a] in lex.subordinators
            or doc.lower[a] in lex.weekdays
        )

    def _listener(self, end: int, r1: int) -> tuple[int, int] | None:
        """Who was told: a pronoun, an outlet, a name (with its show), or a short phrase."""
        doc, lex = self.doc, self.lex
        if end >= r1:
            return None
        j = end
        lower = doc.lower[j]
        if lower in lex.listeners:
            return j, j + 1
        if end + 1 < r1 and f"{lower} {doc.lower[end + 1]}" in lex.listeners:
            return j, j + 2
        if lower in lex.definite or lower in lex.determiners:
            j += 1
        k = j
        while (
            k < r1
            and k - end < MAX_LISTENER_TOKENS
            and (
                (doc.caps[k] and doc.words[k][0].isalpha())
                or (k > j and doc.lower[k] in ("of", "the") and k + 1 < r1 and doc.caps[k + 1])
            )
        ):
            k += 1
        if k > j:
            return end, k
        for k in range(end + 1, min(r1, end + 4)):  # "told members that", "told party leaders:"
            if doc.lower[k] == "that" or doc.words[k] == ":" or k in doc.close_of:
                if all(doc.words[x][0].isalpha() for x in range(end, k)):
                    return end, k
                break
        if j > end:  # "told the magazine", "told a reporter"
            k = j
            while (
                k < r1
                and k - j < 2
                and doc.words[k][0].isalpha()
                and doc.lower[k] not in ("that", "to", "whether", "if", "about", "in", "on")
            ):
                k += 1
            if k > j:
                return end, k
        return None

    def _source_after(self, end: int, r1: int, form: _CueForm) -> tuple[int, int] | None:
        """An inverted source ("said Smith", "added the official"): a name, pronoun or
        determiner phrase running to the end of the clause. After a cue of telling only a
        phrase that ends the sentence ("warned Clinton."): "told The New York Times in
        2015" names the listener."""
        doc, lex = self.doc, self.lex
        if form.role not in ("speech", "belief"):
            return None  # "praised Cruz for ..." names the object, never the speaker
        j = end
        while j < r1 and doc.lower[j] in lex.subject_skip:
            j += 1
        if j >= r1:
            return None
        first = doc.lower[j]
        if form.listener and doc.lower[end - 1] in ("told", "tells", "tell", "telling"):
            return None  # "“…,” Butz told The Huffington Post": the listener, not a source
        if first in lex.pronouns:
            nxt = doc.words[j + 1] if j + 1 < r1 else "."
            return (j, j + 1) if nxt in ",;." or nxt in _SENTENCE_ENDS else None
        quoted = end - 2 >= 0 and (
            self._closes_quote(end - 2)
            or (doc.words[end - 2] == "," and self._closes_quote(end - 3))
        )
        if quoted and not (doc.caps[j] or first in lex.definite or first in lex.indefinite):
            # "…,” said election lawyer Joe Birkenstock.", "said 81-year-old Parker Eaton, ...":
            # a description that ends in a name, then the end of the clause
            k = j
            while (
                k < r1
                and k - j < MAX_SOURCE_AFTER_TOKENS
                and doc.words[k] not in _CLAUSE_PUNCT
                and doc.words[k] not in _SENTENCE_ENDS
                and doc.words[k] not in _QUOTE_MARKS
                and doc.lower[k] not in lex.cue_words
                and (doc.words[k][0].isalnum() or doc.words[k] == ".")
            ):
                k += 1
            ends_clause = k >= r1 or doc.words[k] in ",;(" or doc.words[k] in _SENTENCE_ENDS
            if k > j and ends_clause and doc.caps[k - 1] and doc.words[k - 1][0].isalpha():
                return j, k
            return None
        if not (
            (doc.caps[j] and doc.words[j][0].isalpha())
            or first in lex.pronouns
            or first in lex.definite
            or first in lex.indefinite
        ):
            return None
        k = j
        while k < r1 and k - j < MAX_SOURCE_AFTER_TOKENS:
            w = doc.words[k]
            if w in _CLAUSE_PUNCT or (
                w in _SENTENCE_ENDS and (doc.space[k] is False and k + 1 >= r1)
            ):
                break
            if w in _QUOTE_MARKS or (w in _SENTENCE_ENDS and k + 1 >= r1):
                break
            if (
                doc.lower[k] in ("that", "who", "which")
                or (
                    k > j
                    and doc.lower[k] in lex.lead_preposition
                    and not (doc.lower[k] == "of" and k + 1 < r1 and doc.caps[k + 1])
                )
                or (k > j and doc.lower[k] in lex.time)
            ):
                break
            if k > j and doc.lower[k] in lex.cue_words:
                return None
            if doc.lower[k] == "of" and k > j and doc.caps[k - 1]:
                # "says Stu Rothenberg of the Rothenberg Political Report": to the boundary
                while (
                    k < r1
                    and doc.words[k] not in _CLAUSE_PUNCT
                    and doc.words[k] not in _SENTENCE_ENDS
                    and k - j < MAX_SOURCE_AFTER_TOKENS
                ):
                    k += 1
                break
            if (
                doc.caps[j]
                and not doc.caps[k]
                and doc.words[k][0].isalpha()
                and doc.lower[k] not in lex.name_particles
                and doc.lower[k] != "and"
            ):
                return None  # a name followed by a lower-case word: a clause, not a source
            k += 1
        if k == j or k - j >= MAX_SOURCE_AFTER_TOKENS:
            return None
        if k < r1 and (doc.words[k] == "(" or doc.lower[k] in ("who", "whose")):
            return j, k  # "said Sen. Harry Reid (D-Nev.).", "said a lawyer who ..."
        if form.listener and k < r1 and doc.words[k] not in _SENTENCE_ENDS:
            return None
        if (
            k < r1
            and doc.words[k] not in ",;"
            and doc.words[k] not in _SENTENCE_ENDS
            and doc.lower[k] not in lex.lead_preposition
            and doc.lower[k] not in lex.time
        ):
            return None  # more follows: "said Fiorina “was involved”" is not inverted
        return j, k

    def _according(self, i: int, end: int, form: _CueForm, r0: int, r1: int) -> _Attribution | None:
        """ "According to X, CONTENT" and "CONTENT, according to X"."""
        doc, lex = self.doc, self.lex
        j = end
        k = j
        while k < r1 and k - j < MAX_SOURCE_AFTER_TOKENS:
            w = doc.words[k]
            if (
                w in _CLAUSE_PUNCT
                or w in _QUOTE_MARKS
                or (w in _SENTENCE_ENDS and (k + 1 >= r1 or doc.space[k]))
            ):
                break
            k += 1
        if k == j or k - j >= MAX_SOURCE_AFTER_TOKENS:
            return None
        source = (j, k)
        lead = i
        while lead > r0 and doc.lower[lead - 1] in lex.leading_conjunctions | {","}:
            lead -= 1
        if lead == r0:
            start = k + 1 if k < r1 and doc.words[k] == "," else k
            content = self._content_span(start, r1)
            trailing_at = None
        else:
            stop = i - 1 if doc.words[i - 1] in ",(—–" else i
            content = self._content_before(r0, stop)
            trailing_at = stop
        if content is None:
            return None
        return self._make(i, end, form, content, source, None, r0, r1, trailing_at)

    def _content_after(
        self, end: int, r1: int, form: _CueForm
    ) -> tuple[tuple[int, int, str] | None, tuple[int, int] | None]:
        """What a leading cue introduces, and who was told (for cues of telling)."""
        doc = self.doc
        listener = self._listener(end, r1) if form.listener else None
        j = listener[1] if listener else end
        for k in range(j, min(r1, j + OPENER_LOOKAHEAD)):
            w, lower = doc.words[k], doc.lower[k]
            if lower == "that":
                return self._content_span(k, r1), listener
            if w == ":":
                if k + 1 in doc.close_of:
                    return self._direct(k + 1, doc.close_of[k + 1]), listener
                return self._content_span(k + 1, r1), listener
            if w in _QUOTE_MARKS:
                if k in doc.close_of:
                    return self._direct(k, doc.close_of[k]), listener
                break
            if not self._skippable(k) or (
                doc.caps[k] and (k == j or not self._skippable(k - 1) or doc.words[k - 1] == ",")
            ):
                break  # a name right after the cue opens the content: "said Putin is ..."
        if j < r1 and doc.words[j] in _CLAUSE_PUNCT | _SENTENCE_ENDS:
            return None, listener  # "than he expected, ...": nothing is said
        return self._content_span(j, r1), listener

    def _participle_content(
        self, end: int, r1: int, at_start: bool, form: _CueForm
    ) -> tuple[int, int, str] | None:
        """ "Citing sources, the NYT reported" reads to the comma; "..., saying X" to the end."""
        doc = self.doc
        if not at_start or (end < r1 and doc.words[end] in ",:"):
            return self._content_after(end, r1, form)[0]  # "Adding, “…”"
        k = end
        while k < r1 and doc.words[k] != ",":
            k += 1
        if k >= r1:
            return self._content_after(end, r1, form)[0]
        return self._content_span(end, k)

    def _content_span(self, j: int, r1: int) -> tuple[int, int, str] | None:
        """Content from token ``j`` to the end of its clause, or the quote it opens."""
        doc, lex = self.doc, self.lex
        if j >= r1:
            return None
        close = doc.close_of.get(j)
        if close is not None:
            tail = close + 1
            while tail < r1 and (doc.words[tail] in _SENTENCE_ENDS or doc.words[tail] == ","):
                tail += 1
            if tail >= r1 or close >= r1:
                return self._direct(j, close)
        k = j
        while k < r1:
            w = doc.words[k]
            if w == ";" and k > j:
                break
            if w == "," and k + 1 < r1 and k > j:
                nxt = doc.lower[k + 1]
                if (nxt in lex.cue_words and nxt.endswith("ing")) or nxt == "according":
                    break
            k += 1
        while k > j and (doc.words[k - 1] in _SENTENCE_ENDS or doc.words[k - 1] in ",;:—–"):
            k -= 1
        if k <= j or not any(doc.words[x][0].isalnum() for x in range(j, k)):
            return None
        kind = "mixed" if any(doc.words[x] in _DOUBLE for x in range(j, k)) else "indirect"
        return doc.starts[j], doc.ends[k - 1], kind

    def _direct(self, open_mark: int, close: int) -> tuple[int, int, str] | None:
        """The words inside a quote (its marks and a trailing comma left out)."""
        doc = self.doc
        a = doc.ends[open_mark]
        if close < doc.n and doc.words[close] in _QUOTE_MARKS:
            b = doc.starts[close]
        else:  # left open: it runs to the end of its paragraph
            b = doc.ends[min(close, doc.n) - 1]
        while b > a and self.text[b - 1] in " ,\n\t":
            b -= 1
        if b - a < 2:
            return None
        return a, b, "direct"

    def _content_before(self, r0: int, stop: int) -> tuple[int, int, str] | None:
        """Content of a trailing cue: the region up to token ``stop`` (the comma or closing
        quote mark before the source)."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < stop and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        if stop - a < MIN_CONTENT_TOKENS:
            return None
        close = stop if stop in doc.opener_of else stop - 1
        opened = doc.opener_of.get(close)
        if opened is not None and (
            opened <= a
            or (
                doc.words[opened - 1] in ":,"
                and any(doc.lower[x] in self.lex.cue_words for x in range(a, opened))
            )
        ):
            # the quotation itself, also when an attribution of its own leads into it
            return self._direct(opened, close)
        k = stop
        while k > a and doc.words[k - 1] in ",;:—–":
            k -= 1
        if k <= a:
            return None
        kind = "mixed" if any(doc.words[x] in _DOUBLE for x in range(a, k)) else "indirect"
        return doc.starts[a], doc.ends[k - 1], kind

    # after the pass

    def _inherit_subjects(self, found: list[_Attribution]) -> None:
        """A participle or coordinated cue speaks for its clause's subject: the speaker of
        the nearest attribution before it in the sentence, else the sentence's subject."""
        for index, attribution in enumerate(found):
            if not attribution.inherit:
                continue
            donor = None
            for other in reversed(found[:index]):
                if other.region == attribution.region and other.subject is not None:
                    donor = other
                    break
            if donor is None:
                for other in found[index + 1 :]:
                    if other.region == attribution.region and other.subject is not None:
                        donor = other
                        break
            if donor is not None:
                attribution.subject = donor.subject
                attribution.description = donor.description
            else:
                attribution.subject = self._clause_subject(*attribution.region, attribution.cue[0])

    def _clause_subject(self, r0: int, r1: int, cue: int) -> tuple[int, int] | None:
        """The subject a sentence opens with — a pronoun, a name, or a short determiner
        phrase — after leading conjunctions, an opening adverbial phrase up to its comma
        ("In an interview with The Wall Street Journal, Trump ...") and a place ("Ohio,")."""
        doc, lex = self.doc, self.lex
        j = r0
        while j < cue and doc.lower[j] in lex.leading_conjunctions:
            j += 1
        if j < cue and (
            doc.lower[j] in lex.lead_preposition
            or doc.lower[j] in lex.subordinators
            or (j + 1 < cue and doc.words[j + 1] == ",")
        ):
            k = j
            while k < cue and doc.words[k] != ",":
                k += 1
            if k >= cue:
                return None
            j = k + 1
            while True:  # "in St. Clairsville, Ohio, Brenda Johnson ..."
                e = j
                while e < cue and doc.caps[e] and doc.words[e][0].isalpha():
                    e += 1
                if e > j and e < cue and doc.words[e] == "," and e - j <= 2:
                    j = e + 1
                else:
                    break
        if j >= cue:
            return None
        if doc.lower[j] in lex.pronouns:
            return j, j + 1
        k = j
        if doc.lower[k] in lex.definite or doc.lower[k] in lex.indefinite:
            k += 1
        e = k
        while (
            e < cue
            and e - k < MAX_NAME_TOKENS + 2
            and doc.words[e][0].isalpha()
            and (
                doc.caps[e]
                or (
                    e > k
                    and doc.lower[e] not in lex.cue_words
                    and doc.lower[e] not in lex.subject_stop
                    and doc.lower[e] not in lex.subject_skip
                    and not doc.lower[e].endswith(("ed", "ly"))
                )
            )
        ):
            e += 1
        if e == k:
            return None
        return (j, e) if doc.caps[k] or doc.lower[e - 1] in lex.description_nouns else None

    def _cut_at_trailing(self, found: list[_Attribution]) -> None:
        """A content that runs into a trailing attribution stops before it ("saying X,
        the sources claimed": "saying" says X)."""
        doc = self.doc
        marks = [(a.region, a.trailing_at) for a in found if a.trailing_at is not None]
        if not marks:
            return
        for attribution in found:
            c0, c1 = attribution.content
            for region, at in marks:
                assert at is not None
                cut = doc.starts[at]
                if (
                    region == attribution.region
                    and c0 < cut < c1
                    and doc.starts[attribution.cue[0]] < cut
                ):
                    end = cut
                    while end > c0 and self.text[end - 1] in " ,;:\n\t":
                        end -= 1
                    if end > c0:
                        attribution.content = (c0, end)


# -- names and speakers ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    start: int
    end: int
    name: str
    role: frozenset[str]
    subject: bool  # the subject of its sentence, or a speaker


class _People:
    """Named people of the article, in order, with the roles the text gives them."""

    def __init__(self, finder: _Finder):
        self.finder = finder
        doc, lex = finder.doc, finder.lex
        self.mentions: list[_Person] = []
        self.full: dict[str, list[_Person]] = {}
        self.roles: list[_Person] = []
        outlet_spans = sorted((m.start, m.end) for m in finder.mentions if not m.anaphor)
        i = 0
        while i < doc.n:
            if not (doc.caps[i] and doc.words[i][0].isalpha()):
                i += 1
                continue
            j = i + 1
            while (
                j < doc.n
                and doc.sid[j] == doc.sid[i]
                and (
                    (doc.caps[j] and doc.words[j][0].isalpha())
                    or (doc.lower[j] in lex.name_particles and j + 1 < doc.n and doc.caps[j + 1])
                    or (doc.words[j] == "." and len(doc.words[j - 1]) == 1 and not doc.space[j])
                )
            ):
                j += 1
            self._run(i, j, outlet_spans)
            i = j
        self.mentions.sort(key=lambda p: p.start)
        self.starts = [p.start for p in self.mentions]

    def _run(self, i: int, j: int, outlet_spans: list[tuple[int, int]]) -> None:
        doc, lex = self.finder.doc, self.finder.lex
        while i < j and (doc.lower[i] in lex.function_words or doc.lower[i] in lex.cue_words):
            i += 1
        if i >= j:
            return
        start, end = doc.starts[i], doc.ends[j - 1]
        if j - i == 1 and not (
            doc.lower[i] in self.full
            or (i > 0 and (_is_role(lex, doc.lower[i - 1]) or doc.lower[i - 1] in lex.role_nouns))
        ):
            return  # a lone capitalised word is a person only after a title or as a surname
        index = bisect.bisect_left(outlet_spans, (end, end))
        if any(a < end and start < b for a, b in outlet_spans[max(0, index - 3) : index]):
            return
        k = j
        while k > i and not _is_role(lex, doc.lower[k - 1]):
            k -= 1
        tokens = [doc.words[x] for x in range(k, j) if doc.words[x] != "."]
        if not tokens or len(tokens) > MAX_NAME_TOKENS:
            return
        for token in tokens:
            lower = _POSSESSIVE.sub("", token.lower()).rstrip(".")
            if (
                lower in lex.not_person
                or lower in lex.cue_words
                or lower in lex.function_words
                or (lower.endswith("ly") and len(lower) > 4)
            ):
                return
        if any(_POSSESSIVE.search(t) for t in tokens[:-1]):
            return
        name = " ".join(tokens)
        name = _POSSESSIVE.sub("", name) if _POSSESSIVE.search(tokens[-1]) else name
        role = self._role_before(k) | self._role_after(j)
        subject = self._is_subject(i)
        if len(tokens) >= 2:
            person = _Person(doc.starts[k], doc.ends[j - 1], name, role, subject)
            self.mentions.append(person)
            self.full.setdefault(name.split()[-1].lower(), []).append(person)
            if role:
                self.roles.append(person)
        elif k > i or role or name.lower() in self.full:
            person = _Person(
                doc.starts[k], doc.ends[j - 1], self.expand(name, doc.starts[k]), role, subject
            )
            self.mentions.append(person)
            if role:
                self.roles.append(person)

    def _is_subject(self, i: int) -> bool:
        """Whether the name starting at token ``i`` opens its sentence or clause."""
        doc, lex = self.finder.doc, self.finder.lex
        a = doc.bounds[doc.sid[i]][0]
        k = i - 1
        while k >= a and (
            _is_role(lex, doc.lower[k])
            or doc.lower[k] in lex.role_nouns
            or doc.lower[k] in lex.definite
            or doc.caps[k]
        ):
            k -= 1
        return k < a or doc.words[k] == "," or (k == a and doc.lower[k] in lex.leading_conjunctions)

    def _role_before(self, k: int) -> frozenset[str]:
        """Title words in front of a name ("Kremlin spokesman", "Russian Foreign Minister")."""
        doc, lex = self.finder.doc, self.finder.lex
        a = k
        while a > 0 and k - a < 5 and doc.sid[a - 1] == doc.sid[k]:
            w = doc.lower[a - 1]
            if (
                w in lex.function_words
                or doc.words[a - 1] in _CLAUSE_PUNCT
                or doc.words[a - 1] in _QUOTE_MARKS
                or w in _SENTENCE_ENDS
            ):
                break
            if not (
                doc.caps[a - 1] or _is_role(lex, w) or w in lex.role_nouns or _POSSESSIVE.search(w)
            ):
                break
            a -= 1
        words = [_POSSESSIVE.sub("", doc.lower[x]).rstrip(".") for x in range(a, k)]
        if not any(_is_role(lex, w) or w in lex.role_nouns for w in words):
            return frozenset()
        return frozenset(words)

    def _role_after(self, j: int) -> frozenset[str]:
        """An apposition after a name ("Steve Witkoff, Trump's special envoy,")."""
        doc, lex = self.finder.doc, self.finder.lex
        if j >= doc.n or doc.words[j] != ",":
            return frozenset()
        k = j + 1
        while (
            k < doc.n
            and k - j <= 6
            and doc.words[k] not in ",.;:"
            and doc.words[k] not in _QUOTE_MARKS
        ):
            k += 1
        if k >= doc.n or doc.words[k] != "," or k == j + 1:
            return frozenset()
        if doc.lower[k - 1] not in lex.role_nouns:
            return frozenset()
        return frozenset(
            _POSSESSIVE.sub("", doc.lower[x]).rstrip(".")
            for x in range(j + 1, k)
            if doc.lower[x] not in lex.definite and doc.lower[x] not in lex.indefinite
        )

    def expand(self, name: str, before: int) -> str:
        """A surname as the full name the article gave it (the latest one before
        ``before``, else the first one after)."""
        if " " in name:
            return name
        people = self.full.get(name.lower())
        if not people:
            return name
        earlier = [p for p in people if p.start < before]
        return (earlier[-1] if earlier else people[0]).name

    def add(self, start: int, end: int, name: str) -> None:
        """Record a speaker as a named person mentioned as a subject."""
        index = bisect.bisect_left(self.starts, start)
        if index < len(self.starts) and self.starts[index] == start:
            self.mentions[index] = _Person(
                start, end, self.mentions[index].name, self.mentions[index].role, True
            )
            return
        self.starts.insert(index, start)
        self.mentions.insert(index, _Person(start, end, name, frozenset(), True))

    def antecedent(self, position: int, sentence_start: int) -> _Person | None:
        """The person "he" or "she" at ``position`` stands for: the closest subject among
        the people named since ``sentence_start``, else the closest person named before."""
        index = bisect.bisect_left(self.starts, position) - 1
        closest: _Person | None = None
        while index >= 0:
            person = self.mentions[index]
            index -= 1
            if person.end > position:
                continue
            if closest is None:
                closest = person
            if person.start < sentence_start:
                break
            if person.subject:
                return person
        return closest

    def holder(self, words: frozenset[str], position: int) -> str | None:
        """The person the text gave a role containing ``words``, latest before
        ``position``."""
        for person in reversed(self.roles):
            if person.start < position and words <= person.role:
                return person.name
        return None


def _is_role(lex: _Lexicon, word: str) -> bool:
    return word.rstrip(".") in lex.role_words


class _Speakers:
    """Turns subject spans into :class:`Speaker` records, resolving what the text allows."""

    def __init__(self, finder: _Finder):
        self.finder = finder
        self.people = finder.people
        self.groups: list[tuple[int, int, str]] = []  # plural descriptions that spoke

    def speaker(self, attribution: _Attribution) -> Speaker | None:
        doc, lex = self.finder.doc, self.finder.lex
        if attribution.subject is None:
            return None
        a, b = attribution.subject
        start, end = doc.starts[a], doc.ends[b - 1]
        antecedent = self.finder.antecedents.get(a) if b - a == 1 else None
        if antecedent is not None:
            # "Harvey, who acknowledged": the mention is "who", the speaker Harvey
            resolved = self.speaker(
                _Attribution(attribution.cue, attribution.form, (0, 0), "", subject=antecedent)
            )
            if resolved is not None:
                return Speaker(resolved.name, None, resolved.description, start, end)
        if attribution.description is not None:
            da, db = attribution.description
            name = self._name(a, b)
            if name is not None:
                self.people.add(start, end, name)
            return Speaker(
                name,
                None,
                doc.span_text(da, db),
                min(start, doc.starts[da]),
                max(end, doc.ends[db - 1]),
            )
        if b - a == 1 and doc.lower[a] in lex.pronouns:
            return self._pronoun(attribution, doc.lower[a], doc.words[a], start, end)
        outlet = self._outlet(start, end)
        if outlet is not None:
            text = doc.span_text(a, b)
            whole = outlet[1]
            return Speaker(outlet[0], None, None if whole else text, start, end)
        name = self._name(a, b)
        description = self._description(a, b, name)
        if name is None:
            name = self._resolve_description(a, b, start)
            if description is not None and (
                _is_plural(lex, doc.lower[b - 1]) or _is_plural(lex, doc.lower[a])
            ):
                self.groups.append((doc.sid[a], start, description))
        else:
            self.people.add(start, end, name)
        return Speaker(name, None, description, start, end)

    def _outlet(self, start: int, end: int) -> tuple[str, bool] | None:
        """The outlet named in a span, and whether the span is just that outlet."""
        for m in self.finder.mentions:
            if m.start >= start and m.end <= end and not m.ambiguous:
                whole = m.start == start and end - m.end <= 2
                return m.outlet, whole
        return None

    def _name_tokens(self, a: int, b: int) -> tuple[int, int] | None:
        """The proper name heading a subject phrase, without titles, as tokens."""
        doc, lex = self.finder.doc, self.finder.lex
        # "Joel Pollak of Breitbart California": the head comes before the preposition
        for k in range(a + 2, b):
            if (
                doc.lower[k] in lex.prepositions
                and doc.caps[k - 1]
                and doc.caps[k - 2]
                and not _is_role(lex, doc.lower[k - 1])
                and not _is_role(lex, doc.lower[k - 2])
            ):
                b = k
                break
        if not doc.caps[b - 1] or not doc.words[b - 1][0].isalpha():
            return None
        k = b
        while k > a and doc.caps[k - 1] and doc.words[k - 1][0].isalpha():
            if _is_role(lex, doc.lower[k - 1]):
                break
            k -= 1
        while k < b and (doc.lower[k] in lex.function_words or _is_role(lex, doc.lower[k])):
            k += 1
        if k >= b:
            return None
        if b - k == 1 and (
            doc.lower[k] in lex.description_nouns
            or doc.lower[k] in lex.role_nouns
            or (doc.bounds[doc.sid[k]][0] == k and doc.lower[k] in doc.common_words)
        ):
            return None  # "Officials said", "Engineers say": people, not a name
        return k, b

    def _name(self, a: int, b: int) -> str | None:
        doc = self.finder.doc
        span = self._name_tokens(a, b)
        if span is None:
            return None
        k, e = span
        name = " ".join(doc.words[x] for x in range(k, e))
        if _POSSESSIVE.search(doc.words[e - 1]):
            name = _POSSESSIVE.sub("", name)
        return self.people.expand(name, doc.starts[a])

    def _description(self, a: int, b: int, name: str | None) -> str | None:
        """The words of a subject that say who the speaker is: all of it when it names no
        one, else the title in front of the name ("Kremlin spokesman")."""
        doc, lex = self.finder.doc, self.finder.lex
        if name is None:
            return doc.span_text(a, b)
        span = self._name_tokens(a, b)
        if span is None:
            return None
        k, e = span
        if e < b:
            return doc.span_text(a, b)
        x = a
        while x < k and doc.lower[x] in lex.definite | lex.indefinite:
            x += 1
        if x >= k:
            return None
        return doc.span_text(x, k)

    def _resolve_description(self, a: int, b: int, position: int) -> str | None:
        """A definite description ("the Kremlin spokesman") as the person who held it."""
        doc, lex = self.finder.doc, self.finder.lex
        first = doc.lower[a]
        if first not in lex.definite and not _POSSESSIVE.search(first):
            return None
        if doc.lower[b - 1] not in lex.role_nouns:
            return None
        words = frozenset(
            _POSSESSIVE.sub("", doc.lower[x]).rstrip(".")
            for x in range(a, b)
            if doc.lower[x] not in lex.definite
        )
        return self.people.holder(words, position)

    def _pronoun(
        self, attribution: _Attribution, pronoun: str, text: str, start: int, end: int
    ) -> Speaker:
        doc, lex = self.finder.doc, self.finder.lex
        sentence = doc.sid[attribution.cue[0]]
        if pronoun in lex.singular:
            first = doc.bounds[max(0, sentence - 2)][0]
            person = self.people.antecedent(start, doc.starts[first])
            if person is not None:
                return Speaker(person.name, None, None, start, end)
        elif pronoun in lex.plural:
            for sid, position, description in reversed(self.groups):
                if position < start and sentence - sid <= THEY_WINDOW_SENTENCES:
                    return Speaker(None, None, description, start, end)
        return Speaker(None, None, text, start, end)


def _is_plural(lex: _Lexicon, word: str) -> bool:
    return (word in lex.description_nouns and word.endswith("s")) or word in ("people", "police")


# -- putting it together ---------------------------------------------------------------------


def find_quotes(text: str) -> list[Quote]:
    """Every attribution in ``text``, in text order (see the module docstring).

    Never raises on odd input: an empty or unusual text gives an empty list. Offsets are
    into ``text``; the result is the same for the same text.
    """
    if not text or not text.strip():
        return []
    finder = _Finder(text)
    found = finder.run()
    speakers = _Speakers(finder)
    for attribution in found:
        attribution.speaker = speakers.speaker(attribution)
    _first_person(finder, found)
    _assign_via(finder, found)
    quotes: list[Quote] = []
    seen: set[tuple[int, int, int]] = set()
    doc = finder.doc
    for attribution in found:
        c0, c1 = attribution.content
        key = (c0, c1, attribution.cue[0])
        if key in seen or c1 <= c0:
            continue
        seen.add(key)
        i, end = attribution.cue
        cue = Cue(doc.span_text(i, end), doc.starts[i], doc.ends[end - 1])
        quotes.append(
            Quote(text[c0:c1], c0, c1, attribution.kind, attribution.speaker, cue, attribution.via)
        )
    quotes.sort(key=lambda q: (q.start, q.end, q.cue.start if q.cue else 0))
    return quotes


def _first_person(finder: _Finder, found: list[_Attribution]) -> None:
    """ "I"/"we" inside a quote speak for whoever the quote is attributed to."""
    lex = finder.lex
    for attribution in found:
        speaker = attribution.speaker
        if speaker is None or speaker.name is not None:
            continue
        if (speaker.description or "").lower() not in lex.first:
            continue
        for outer in found:
            o0, o1 = outer.content
            if (
                outer is not attribution
                and o0 <= speaker.start < o1
                and outer.speaker
                and outer.speaker.name
            ):
                attribution.speaker = Speaker(
                    outer.speaker.name, None, None, speaker.start, speaker.end
                )
                break


def _assign_via(finder: _Finder, found: list[_Attribution]) -> None:
    """The outlet each attribution's words came through (see the module docstring)."""
    doc = finder.doc
    mentions = [m for m in finder.mentions if not m.ambiguous]
    for attribution in found:
        spans = []
        if attribution.listener is not None:
            a, b = attribution.listener
            spans.append((doc.starts[a], doc.ends[b - 1]))
        if attribution.speaker is not None:
            spans.append((attribution.speaker.start, attribution.speaker.end))
        for start, end in spans:
            for m in mentions:
                if m.start >= start and m.end <= end:
                    attribution.via = m.outlet
                    break
            if attribution.via:
                break
        if attribution.via is None:
            attribution.via = _setting_outlet(finder, attribution, mentions)
    # words inside what an outlet (or a source it quotes) reported came through it
    for attribution in found:
        if attribution.via is not None:
            continue
        cue = doc.starts[attribution.cue[0]]
        for outer in found:
            if (
                outer is not attribution
                and outer.via
                and outer.content[0] <= cue < outer.content[1]
            ):
                attribution.via = outer.via
                break
    previous: _Attribution | None = None
    for attribution in found:
        if (
            attribution.via is None
            and attribution.form.continues
            and previous is not None
            and previous.speaker is not None
            and attribution.speaker is not None
            and previous.speaker.name is not None
            and previous.speaker.name == attribution.speaker.name
        ):
            attribution.via = previous.via
        if attribution.speaker is not None and attribution.speaker.name is not None:
            previous = attribution


def _setting_outlet(
    finder: _Finder, attribution: _Attribution, mentions: list[OutletMention]
) -> str | None:
    """An outlet named around the cue as the setting: "in an interview with WABC", "said on
    CNN", "..., according to the BBC" — outside the content."""
    doc = finder.doc
    r0, r1 = attribution.region
    lo, hi = doc.starts[r0], doc.ends[r1 - 1]
    c0, c1 = attribution.content
    for m in mentions:
        if not (lo <= m.start < hi) or (c0 <= m.start < c1):
            continue
        before = finder.text[max(lo, m.start - 60) : m.start].lower()
        if _SETTING.search(before):
            return m.outlet
    return None


_SETTING = re.compile(
    r"(?:\binterview(?:ed)?\b(?:\s+\S+){0,4}\s+(?:with|on|by|to)|\b(?:told|speaking\s+(?:to|with|on)"
    r"|spoke\s+(?:to|with|on)|appear(?:ed|ing)?\s+on|appearance\s+on|said\s+on|wrote\s+in"
    r"|writing\s+in|according\s+to|via|statement\s+to|comments\s+to|remarks\s+to))\s*$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` as character spans: split on end punctuation and line breaks,
    never inside a quotation ("“A. B,” he said." is one sentence)."""
    if not text.strip():
        return []
    doc = _Doc(text, _lexicon())
    return [(doc.starts[a], doc.ends[b - 1]) for a, b in doc.bounds if b > a]
