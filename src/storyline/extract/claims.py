"""Claims: the statements of fact a story's articles make, each once, with who carries them.

:func:`find_claims` reads the articles of one story and returns its claims. A claim is
**extractive**: its ``text`` is a sentence of one article (the earliest that carries it,
by publication time), with its offsets, never a generated summary. The same statement in
different words across articles is one claim: sentences are compared on what they are about
(content words brought to one form by a synonym table and a light stemmer, the canonical names
of the entities they mention, the figures they give), weighted by how rare each is in the
story, and merged above :data:`SAME_CLAIM_SIMILARITY`. Two claims on one topic conflict when
a sentence of one article negates what a sentence of another asserts ("no intention to
increase sanctions" against "considering new sanctions"), or gives a different figure for the
same named thing (100 against 200 casualties in one town); conflicting sentences are never
merged, and their claims point at each other. Opposites within one article are taken for the
article's own contrasts, not conflicts.

Only sentences worth checking become claims: statements (not questions, not headlines, not
mostly quotation, not site furniture), with enough content. Word lists live in
``extract/data/claims.toml``.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse

from storyline.clean.outlets import canonical_outlet
from storyline.extract.entities import Mention, find_entities, gazetteer
from storyline.model import Article

__all__ = [
    "CONFLICT_TOPIC_SIMILARITY",
    "SAME_CLAIM_SIMILARITY",
    "Claim",
    "ClaimOccurrence",
    "claim_similarity",
    "find_claims",
    "split_sentences",
]

#: Two sentences state the same claim when the cosine of their weighted features reaches
#: this. Calibrated with ``benchmarks/claims_calibration.py`` on the invented pairs of
#: ``tests/fixtures/claim_pairs.toml`` (47 pairs over six made-up stories) and checked on the
#: seeds: on the pairs F1 is 0.93 at 0.15-0.20, 0.90 at 0.25, 0.81 at 0.30 (precision 0.92,
#: recall 0.73); on the seeds 0.25 merges three pairs of different statements about the same
#: people (shared names outweigh different verbs) and 0.30 none of those, while still merging
#: the 000/001 paraphrases. Precision matters more here (a wrong merge hides a claim), so 0.30.
SAME_CLAIM_SIMILARITY = 0.30
#: Names count this much relative to content words. 1.0: lowering it (0.7, 0.5) lost true
#: merges on the seeds (two wordings of one spokesman's statement) and conflict recall on the
#: pairs, without removing the false merges of SAME_CLAIM_SIMILARITY = 0.25.
ENTITY_WEIGHT = 1.0
#: A sentence joins a claim only if it is at least this similar to every sentence already
#: in it (complete linkage, looser than the pair threshold), so claims do not chain.
CLUSTER_MIN_LINK = 0.20
#: Two sentences are on one topic, and may conflict, when the cosine of their features
#: without figures reaches this; below it a negation or a different figure is about
#: something else. Same calibration: on the pairs conflict recall is 0.92 from 0.18 to 0.24
#: and 0.83 at 0.26 (precision 1.0); on the seeds 0.18 gives 7 claims with a conflict,
#: 0.22-0.24 give 5 (the extra two are false).
CONFLICT_TOPIC_SIMILARITY = 0.24
#: A negation conflict needs the two sentences to share at least this many content words
#: (names alone are not a topic: "Moscow ... increased attacks" is not the opposite of "no
#: intention to increase sanctions against Moscow").
MIN_SHARED_WORDS = 2
#: ... and at least this many when they share no name: two generic words ("not immediately
#: available" against "available immediately") are no topic. Thrown together as one story,
#: 500 unrelated Reuters articles gave 250 claims with a conflict at 2, 208 at 3, 133 at 4;
#: the calibration pairs were the same at 2-4, but on the seeds 4 turned a false conflict
#: between two sentences about progress toward a meeting into a false merge, which is worse
#: (a merge hides a claim, a conflict link only asks the reader to look).
MIN_SHARED_WORDS_UNNAMED = 3
#: A negation conflict needs at least this share (by weight) of the content the two
#: sentences share to be negated in one and asserted in the other. The subject and the names
#: stay outside the negation ("observers said the vote was not free and fair"), so half was
#: too much: conflict recall on the pairs went 0.50 (at 0.5), 0.75 (0.4), 0.83 (0.3), 0.92
#: (0.25) with precision 1.0 throughout.
NEGATION_FLIP_SHARE = 0.25
#: How many words after a negation it reaches (a clause break ends it sooner).
NEGATION_SCOPE = 8
#: Figures for one thing differ when they are further apart than this (relative); "about",
#: "nearly"... widen it to APPROX_TOLERANCE.
FIGURE_TOLERANCE = 0.05
APPROX_TOLERANCE = 0.2
#: A claim has at least this many content features (words, names, figures): shorter
#: sentences ("He agreed.") say too little to check.
MIN_CONTENT_FEATURES = 5
#: Sentences with more than this share of their characters inside quotation marks are
#: quotations (the quotes extractor's business), not claims of the article.
MAX_QUOTED_SHARE = 0.5
#: Sentences with more than this share of numbers among their tokens are rows of a table
#: ("Shr 17 cts vs 25 cts Net 1,522,000 vs 3,501,000"), not statements. Reuters results
#: rows are at 0.3-0.5; prose with figures stays under 0.15.
MAX_FIGURE_SHARE = 0.25
#: Sentences longer than this are run-ons from text that lost its punctuation (tables,
#: lists), not statements.
MAX_SENTENCE_CHARS = 600
#: A text is hard-wrapped (wire copy with a newline every ~65 characters, where a line end
#: says nothing about a sentence end) when at least this share of its lines run on into the
#: next without end punctuation. Paragraph-per-line copy stays under 0.3 (headlines only).
HARD_WRAP_SHARE = 0.5

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*|[,;:()—–$€£%]")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|\n[ \t]*\n|\n")
_CLAUSE_PUNCT = frozenset(",;:()—–")
# Month names (and their abbreviations) before a number make it a day of a date, not a count.
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_CURRENCIES = frozenset("$€£")


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimOccurrence:
    """One sentence that carries a claim: the article, the span of its clean text."""

    article_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Claim:
    """A statement made in one or more articles of a story.

    ``text`` is the sentence of ``article_id`` at ``start``..``end`` (the earliest carrier);
    ``articles`` and ``outlets`` are every carrier and its outlet, ``cited_sources`` the
    outlets the carrying sentences cite, ``first_date`` the earliest carrier's publication
    date (YYYY-MM-DD), ``conflicts_with`` the ids of claims that negate it or give other
    figures, ``occurrences`` every carrying sentence.
    """

    id: str
    text: str
    article_id: str
    start: int
    end: int
    articles: list[str]
    outlets: list[str]
    cited_sources: list[str] = field(default_factory=list)
    first_date: str | None = None
    conflicts_with: list[str] = field(default_factory=list)
    occurrences: list[ClaimOccurrence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["occurrences"] = [o.to_dict() for o in self.occurrences]
        return data


# -- word lists ---------------------------------------------------------------------------------


class _Lexicon:
    """The word lists of ``claims.toml`` in the forms the finder looks them up in."""

    def __init__(self, data: dict[str, Any]):
        self.abbreviations = frozenset(data["sentences"]["abbreviations"])
        self.boilerplate = tuple(data["filter"]["boilerplate"])
        self.opinion_openings = tuple(data["filter"]["opinion_openings"])
        words = data["words"]
        self.stopwords = frozenset(words["stopwords"])
        self.negations = frozenset(w for w in words["negations"] if " " not in w)
        self.negative_phrases = {tuple(p.split()) for p in words["negative_predicates"]}
        self.clause_breaks = frozenset(words["clause_breaks"])
        self.conditionals = frozenset(words["conditionals"])
        self.phrases: dict[tuple[str, ...], str] = {}
        self.synonyms: dict[str, str] = {}
        for group in data["synonyms"]["groups"]:
            head = _stem(group[0])
            for member in group:
                parts = tuple(member.split())
                if len(parts) > 1:
                    self.phrases[parts] = head
                else:
                    self.synonyms[member] = head
        for phrase in self.negative_phrases:
            if len(phrase) == 1:
                self.negations |= {phrase[0]}
        self.negative_phrases = {p for p in self.negative_phrases if len(p) > 1}
        self.phrase_max = max((len(p) for p in (*self.phrases, *self.negative_phrases)), default=1)
        # The second word of an antonym pair is compared as the first one negated.
        self.opposites: dict[str, str] = {}
        for a, b in data["antonyms"]["pairs"]:
            self.opposites[self.head(b)] = self.head(a)
        numbers = data["numbers"]
        self.number_words = {k: float(v) for k, v in numbers["words"].items()}
        self.scales = {k: float(v) for k, v in numbers["scales"].items()}
        bounds = numbers["bounds"]
        self.bounds: dict[tuple[str, ...], str] = {}
        for kind, key in (
            ("lower", "lower_bounds"),
            ("upper", "upper_bounds"),
            ("approx", "approximations"),
        ):
            for phrase in bounds[key]:
                self.bounds[tuple(phrase.split())] = kind
        self.time_units = frozenset(numbers["units"]["times"])
        self.time_heads = frozenset(self.head(u) for u in self.time_units)

    def head(self, word: str) -> str:
        """The form a content word is compared in: its synonym group's head, else its stem."""
        return self.synonyms.get(word) or _stem(word)


@cache
def _lexicon() -> _Lexicon:
    text = resources.files("storyline.extract").joinpath("data/claims.toml").read_text("utf-8")
    return _Lexicon(tomllib.loads(text))


def _stem(word: str) -> str:
    """A light English stemmer: enough that "sanctions"/"sanction" and "considering"/
    "considered" meet; it never needs to give a real word."""
    word = word.lower().replace("’", "'")
    if len(word) == 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]  # "jobs", "cuts", "arms"
    if len(word) <= 4:
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)] + repl
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


# -- sentences ----------------------------------------------------------------------------------


def _hard_wrapped(text: str) -> bool:
    lines = text.split("\n")
    runs = total = 0
    for line, following in itertools.pairwise(lines):
        stripped = line.rstrip()
        if not stripped or not following.strip():
            continue
        total += 1
        if stripped[-1] not in '.!?:"”’)':
            runs += 1
    return total >= 4 and runs / total >= HARD_WRAP_SHARE


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a text, whitespace trimmed, in order.

    Ends: end punctuation (with closing quotes) before a space, except after an abbreviation
    or an initial; paragraph breaks; and line ends, unless the text is hard-wrapped wire copy.
    """
    lex = _lexicon()
    wrapped = _hard_wrapped(text)
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        token = m.group()
        if token.startswith("\n"):
            if wrapped and token == "\n":
                continue
            cuts.append(m.start())
            cuts.append(m.end())
            continue
        if token == ".":
            word = re.search(r"([^\s(\"“]+)$", text[: m.start()])
            before = word.group(1) if word else ""
            if (
                before.lower().rstrip(".") in lex.abbreviations
                or (len(before) == 1 and before.isupper())
                or "." in before
            ):
                nxt = text[m.end() : m.end() + 3].lstrip()
                if not nxt or not nxt[0].isupper() or before.lower() in lex.abbreviations:
                    continue
        cuts.append(m.end())
    cuts.append(len(text))
    spans = []
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


# -- sentence features --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Figure:
    value: float
    unit: str
    bound: str  # exact | lower | upper | approx


@dataclass(slots=True)
class _Sentence:
    article: Article
    article_id: str
    start: int
    end: int
    features: dict[str, bool]  # feature -> negated
    figures: list[_Figure]
    order: tuple[Any, ...] = ()


def _quoted_share(text: str) -> float:
    inside = False
    count = 0
    for ch in text:
        if ch in '“"':
            inside = ch == "“" or not inside
            continue
        if ch == "”":
            inside = False
            continue
        if inside:
            count += 1
    return count / max(len(text), 1)


def _worth_checking(text: str) -> bool:
    """A statement of fact, not a question, headline, quotation or piece of furniture."""
    lex = _lexicon()
    if len(text) > MAX_SENTENCE_CHARS:
        return False
    tail = text.rstrip("\"'”’»)] ")
    if not tail or tail[-1] not in ".!" or text.rstrip().endswith("?") or tail.endswith("?"):
        return False
    lower = text.lower()
    if any(phrase in lower for phrase in lex.boilerplate):
        return False
    if lower.startswith(lex.opinion_openings):
        return False
    if _quoted_share(text) > MAX_QUOTED_SHARE:
        return False
    tokens = _WORD.findall(text)
    numbers = sum(1 for t in tokens if t[0].isdigit())
    return numbers <= MAX_FIGURE_SHARE * max(len(tokens), 1)


def _features(
    text: str, offset: int, mentions: Sequence[Mention]
) -> tuple[dict[str, bool], list[_Figure]]:
    """The content of one sentence: features (with whether each is negated) and figures.

    ``offset`` is where the sentence starts in the article, ``mentions`` the article's
    entity mentions inside it.
    """
    lex = _lexicon()
    gaz = gazetteer()
    tokens = [
        (m.start() + offset, m.end() + offset, m.group().lower(), m.group()[0].isupper())
        for m in _WORD.finditer(text)
    ]
    in_mention: dict[int, Mention] = {}
    for mention in mentions:
        for k, (s, e, _, _) in enumerate(tokens):
            if s >= mention.start and e <= mention.end:
                in_mention[k] = mention
    features: dict[str, bool] = {}
    figures: list[_Figure] = []
    scope = 0  # words the current negation still reaches
    negated = False
    conditional = False  # inside "if ..." / "unless ...": a negation there asserts nothing
    seen_mentions: set[int] = set()
    k = 0
    n = len(tokens)
    while k < n:
        word = tokens[k][2]
        is_negated = negated and scope > 0
        if k in in_mention:
            mention = in_mention[k]
            if id(mention) not in seen_mentions and mention.how != "outlet":
                seen_mentions.add(id(mention))
                features.setdefault(f"E:{mention.canonical}", is_negated)
                entry = gaz.entry(mention.type, mention.canonical)
                if entry is not None and entry.stands_for:
                    features.setdefault(f"E:{entry.stands_for}", is_negated)
            scope = max(scope - 1, 0)
            k += 1
            continue
        if word in _CLAUSE_PUNCT or word in lex.clause_breaks or word in lex.conditionals:
            scope, negated = 0, False
            conditional = word in lex.conditionals
            k += 1
            continue
        phrase = _phrase_at(tokens, k, lex)
        length = phrase[0] if phrase else 1
        is_cue = (phrase is not None and phrase[1] is None) or (
            phrase is None and (word in lex.negations or word.endswith(("n't", "n’t")))
        )
        if is_cue:
            if not conditional:
                # A second negation inside the first one's reach cancels it ("has not ruled
                # out meeting" asserts the meeting is possible).
                negated = not (negated and scope > 0)
                scope = NEGATION_SCOPE
            k += length
            continue
        if phrase is not None:
            _add_word(features, phrase[1], is_negated, lex)
            scope = max(scope - length, 0)
            k += length
            continue
        figure = _figure_at(tokens, k, lex)
        if figure is not None:
            features.setdefault(f"N:{figure.value:g}", is_negated)
            if figure.unit:
                figures.append(figure)
        elif word[0].isalpha() and word not in lex.stopwords and len(word) > 1:
            _add_word(features, lex.head(word), is_negated, lex)
        scope = max(scope - 1, 0)
        k += 1
    return features, figures


def _add_word(features: dict[str, bool], head: str, negated: bool, lex: _Lexicon) -> None:
    """Record a content word; the second word of an antonym pair as the first one negated."""
    opposite = lex.opposites.get(head)
    if opposite is not None:
        features.setdefault(f"W:{opposite}", not negated)
    else:
        features.setdefault(f"W:{head}", negated)


def _phrase_at(
    tokens: list[tuple[int, int, str, bool]], k: int, lex: _Lexicon
) -> tuple[int, str | None] | None:
    """A synonym phrase (length, head) or negative predicate (length, None) starting at k."""
    for length in range(min(lex.phrase_max, len(tokens) - k), 1, -1):
        words = tuple(t[2] for t in tokens[k : k + length])
        if words in lex.negative_phrases:
            return length, None
        head = lex.phrases.get(words)
        if head is not None:
            return length, head
    return None


def _figure_at(tokens: list[tuple[int, int, str, bool]], k: int, lex: _Lexicon) -> _Figure | None:
    """A figure starting at token k: its value, the thing it counts, and its bound."""
    word = tokens[k][2]
    if word[0].isdigit():
        try:
            value = float(word.replace(",", ""))
        except ValueError:
            return None
    elif word in lex.number_words:
        if k + 1 < len(tokens) and tokens[k + 1][2] == "of":
            return None  # "one of the", "two of them": not counts
        value = lex.number_words[word]
    else:
        return None
    j = k + 1
    if j < len(tokens) and tokens[j][2] in lex.scales:
        value *= lex.scales[tokens[j][2]]
        j += 1
    previous = tokens[k - 1][2] if k > 0 else ""
    if previous in _MONTHS or (word.isdigit() and 1900 <= value <= 2100 and j == k + 1):
        return _Figure(value, "", "exact")  # a date ("April 26", "in 2014"), not a count
    unit = ""
    if previous in _CURRENCIES:
        unit = previous
    elif j < len(tokens) and tokens[j][2] == "%":
        unit = "percent"
    else:
        # The thing counted: the next lower-case content word ("100 people", "200 drones").
        for s in range(j, min(j + 3, len(tokens))):
            candidate, capitalised = tokens[s][2], tokens[s][3]
            if candidate in _CLAUSE_PUNCT:
                break
            if (
                candidate[0].isalpha()
                and not capitalised
                and candidate not in lex.stopwords
                and candidate not in lex.scales
            ):
                unit = lex.head(candidate)
                break
        if unit in lex.time_units or unit in lex.time_heads:
            unit = ""
    bound = "exact"
    for length in (3, 2, 1):
        if k - length >= 0:
            words = tuple(t[2] for t in tokens[k - length : k])
            if words in lex.bounds:
                bound = lex.bounds[words]
                break
    return _Figure(value, unit, bound)


# -- comparing sentences ------------------------------------------------------------------------


def _weights(sentences: list[_Sentence]) -> dict[str, float]:
    """Inverse document frequency of each feature over the story's sentences."""
    df: dict[str, int] = defaultdict(int)
    for sentence in sentences:
        for feature in sentence.features:
            df[feature] += 1
    n = len(sentences)
    return {
        f: (math.log((n + 1) / (d + 1)) + 1.0) * (ENTITY_WEIGHT if f.startswith("E:") else 1.0)
        for f, d in df.items()
    }


def _cosine(
    a: dict[str, bool], b: dict[str, bool], weights: dict[str, float], numbers: bool = True
) -> float:
    keep = (lambda f: True) if numbers else (lambda f: not f.startswith("N:"))
    wa = {f: weights.get(f, 1.0) for f in a if keep(f)}
    wb = {f: weights.get(f, 1.0) for f in b if keep(f)}
    dot = sum(w * w for f, w in wa.items() if f in wb)
    norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
    return dot / norm if norm else 0.0


def _figures_conflict(a: list[_Figure], b: list[_Figure]) -> bool:
    """Whether two sentences give different figures for the same thing."""
    by_unit: dict[str, list[_Figure]] = defaultdict(list)
    for fig in b:
        by_unit[fig.unit].append(fig)
    differing = False
    for fa in a:
        others = by_unit.get(fa.unit)
        if not others:
            continue
        if any(_figures_agree(fa, fb) for fb in others):
            return False
        differing = True
    return differing


def _figures_agree(a: _Figure, b: _Figure) -> bool:
    tolerance = APPROX_TOLERANCE if "approx" in (a.bound, b.bound) else FIGURE_TOLERANCE
    for x, y in ((a, b), (b, a)):
        if x.bound == "lower" and y.value >= x.value * (1 - tolerance):
            return True
        if x.bound == "upper" and y.value <= x.value * (1 + tolerance):
            return True
    scale = max(abs(a.value), abs(b.value), 1e-9)
    return abs(a.value - b.value) / scale <= tolerance


def _conflict(a: _Sentence, b: _Sentence, weights: dict[str, float]) -> bool:
    """Whether two sentences on one topic contradict each other (negation, antonym, figure)."""
    if a.article_id == b.article_id:
        # Within one article opposite statements are the article's own contrasts ("fell in
        # the quarter, rose over the year"); conflicts are between what articles report.
        return False
    if _cosine(a.features, b.features, weights, numbers=False) < CONFLICT_TOPIC_SIMILARITY:
        return False
    shares_a_name = any(f.startswith("E:") and f in b.features for f in a.features)
    if shares_a_name and _figures_conflict(a.figures, b.figures):
        # Different figures are only a contradiction about the same named thing: "killed 100
        # in Kessik" against "killed 200 in Kessik", not two companies' results.
        return True
    shared = [f for f in a.features if f in b.features and not f.startswith("N:")]
    words = [f for f in shared if f.startswith("W:")]
    enough = len(words) >= (MIN_SHARED_WORDS if shares_a_name else MIN_SHARED_WORDS_UNNAMED)
    if not enough or all(a.features[f] == b.features[f] for f in words):
        return False
    total = sum(weights.get(f, 1.0) for f in shared)
    flipped = sum(weights.get(f, 1.0) for f in shared if a.features[f] != b.features[f])
    return flipped >= NEGATION_FLIP_SHARE * total


def claim_similarity(a: str, b: str) -> float:
    """How alike two sentences are as claims (0..1), weighted as if they were a story of two.

    For calibration and inspection; :func:`find_claims` weighs features over the whole story.
    """
    fa, _ = _features(a, 0, find_entities(a))
    fb, _ = _features(b, 0, find_entities(b))
    pair = [
        _Sentence(Article("a", "text"), "a", 0, 0, fa, []),
        _Sentence(Article("b", "text"), "b", 0, 0, fb, []),
    ]
    return _cosine(fa, fb, _weights(pair))


# -- claims -------------------------------------------------------------------------------------


def _published_key(article: Article) -> tuple[int, str]:
    """Sort key of publication time: dated articles first, in time order."""
    if not article.published:
        return (1, "")
    try:
        moment = datetime.fromisoformat(article.published.replace("Z", "+00:00"))
    except ValueError:
        return (0, article.published)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (0, moment.isoformat())


def _article_id(article: Article) -> str:
    return article.id or article.external_id or article.source


def _cited_outlets(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, outlet) of every outlet the article cites as its source (never its own
    outlet), from :mod:`storyline.extract.sources`; empty when that module is absent."""
    try:
        from storyline.extract.sources import find_cited_sources
    except ImportError:
        return []
    text = article.text if article.text is not None else article.body
    return [(c.start, c.end, c.outlet) for c in find_cited_sources(text or "", article.outlet)]


def _sentences_of(article: Article) -> list[_Sentence]:
    text = article.text if article.text is not None else article.body
    if not text or not text.strip():
        return []
    mentions = find_entities(text, article.title)
    article_id = _article_id(article)
    out = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if not _worth_checking(sentence):
            continue
        inside = [m for m in mentions if m.start >= start and m.end <= end]
        features, figures = _features(sentence, start, inside)
        if len(features) < MIN_CONTENT_FEATURES:
            continue
        out.append(
            _Sentence(
                article,
                article_id,
                start,
                end,
                features,
                figures,
                (_published_key(article), article_id, start),
            )
        )
    return out


def _similarities(
    sentences: list[_Sentence], weights: dict[str, float], floor: float
) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of sentences (i < j) at or above ``floor``."""
    columns: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, sentence in enumerate(sentences):
        for feature in sentence.features:
            rows.append(i)
            cols.append(columns.setdefault(feature, len(columns)))
            vals.append(weights[feature])
    if not sentences:
        return {}
    matrix = sparse.csr_matrix(
        (vals, (rows, cols)), shape=(len(sentences), max(len(columns), 1)), dtype=np.float64
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms) @ matrix
    pairs: dict[tuple[int, int], float] = {}
    chunk = 512  # rows per product: bounds memory on stories of thousands of sentences
    for lo in range(0, len(sentences), chunk):
        block = (matrix[lo : lo + chunk] @ matrix.T).tocoo()
        for r, c, v in zip(block.row, block.col, block.data, strict=True):
            i = lo + int(r)
            j = int(c)
            if i < j and v >= floor:
                pairs[(i, j)] = float(v)
    return pairs


def find_claims(articles: Sequence[Article]) -> list[Claim]:
    """The claims of one story's articles, most widely carried first.

    Articles need ``id`` (else ``external_id`` or ``source`` stands in), ``text`` (else
    ``body``), and preferably ``outlet`` and ``published``. Offsets index each article's
    clean text. The result does not depend on the order of ``articles``; an article with no
    text contributes nothing.
    """
    ordered = sorted(articles, key=_article_id)
    sentences = [s for article in ordered for s in _sentences_of(article)]
    if not sentences:
        return []
    sentences.sort(key=lambda s: s.order)
    weights = _weights(sentences)
    floor = min(CLUSTER_MIN_LINK, CONFLICT_TOPIC_SIMILARITY * 0.5)
    sims = _similarities(sentences, weights, floor)

    conflicts = {
        pair for pair in sims if _conflict(sentences[pair[0]], sentences[pair[1]], weights)
    }
    cluster_of = list(range(len(sentences)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(sentences))}
    candidates = sorted(
        (
            (sim, pair)
            for pair, sim in sims.items()
            if sim >= SAME_CLAIM_SIMILARITY and pair not in conflicts
        ),
        key=lambda item: (-item[0], item[1]),
    )
    for _, (i, j) in candidates:
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        linked = all(
            (min(x, y), max(x, y)) in sims
            and sims[(min(x, y), max(x, y))] >= CLUSTER_MIN_LINK
            and (min(x, y), max(x, y)) not in conflicts
            for x in members[a]
            for y in members[b]
        )
        if not linked:
            continue
        keep, gone = min(a, b), max(a, b)
        for x in members[gone]:
            cluster_of[x] = keep
        members[keep].extend(members.pop(gone))

    cited = {_article_id(a): _cited_outlets(a) for a in ordered}
    claims: dict[int, Claim] = {}
    for root, indexes in members.items():
        group = sorted((sentences[i] for i in indexes), key=lambda s: s.order)
        first = group[0]
        text = first.article.text if first.article.text is not None else first.article.body
        sentence = text[first.start : first.end]
        digest = hashlib.sha1(" ".join(sentence.split()).encode()).hexdigest()[:16]
        outlets = sorted({o for s in group if (o := canonical_outlet(s.article.outlet))})
        sources = sorted(
            {
                outlet
                for s in group
                for (a, b, outlet) in cited[s.article_id]
                if a >= s.start and b <= s.end
            }
        )
        dates = sorted(_published_key(s.article) for s in group if s.article.published)
        first_date = None
        if dates and dates[0][0] == 0:
            first_date = dates[0][1][:10]
        claims[root] = Claim(
            id=f"cl_{digest}",
            text=sentence,
            article_id=first.article_id,
            start=first.start,
            end=first.end,
            articles=sorted({s.article_id for s in group}),
            outlets=outlets,
            cited_sources=sources,
            first_date=first_date,
            occurrences=[ClaimOccurrence(s.article_id, s.start, s.end) for s in group],
        )
    links: dict[int, set[str]] = defaultdict(set)
    for i, j in conflicts:
        a, b = cluster_of[i], cluster_of[j]
        if a != b:
            links[a].add(claims[b].id)
            links[b].add(claims[a].id)
    for root, ids in links.items():
        claims[root].conflicts_with = sorted(ids)
    first_seen = {
        root: min(sentences[i].order for i in indexes) for root, indexes in members.items()
    }
    ranked = sorted(claims, key=lambda r: (-len(claims[r].articles), first_seen[r], claims[r].id))
    return [claims[root] for root in ranked]
