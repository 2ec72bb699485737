"""Per-article features for grouping: sparse sub-vectors and a time.

An article is described once, when it arrives, by :class:`Features`:

- ``body``: words of the title and the lead of the text (unigrams and adjacent pairs), the
  sub-vector that says what the article is about;
- ``title``: the words of the title alone (every item has one, feeds carry nothing else);
  for a headline-only item also its adjacent word pairs (:func:`title_terms`);
- ``names``: capitalised words that look like names of people, places and organisations,
  found by simple rules (a capitalised word that does not start a sentence, or that stands in
  a run of capitalised words, or that precedes a company's legal form; the legal form itself,
  "Inc" or "Corp", never counts); a later entities module may replace them;
- ``numbers``: the quantities the title and lead state ("4.6", "137 million", "17"), years
  left out (``year`` tells those): two similar events of one kind (two earthquakes, two
  acquisitions) differ in their magnitudes, prices and counts more than in their words;
- ``day``: the publication time in days since the Unix epoch (``None`` when unknown);
- ``year``: the publication year, else the year the title and lead mention most (the latest
  on ties; ``None`` when they mention none): what tells time when one side of a comparison
  has no publication date;
- ``dense``: an optional unit-length sentence embedding of the title and lead, set only when
  the grouper was given an embedder (:mod:`storyline.group.embeddings`, the ``embeddings``
  extra); ``None`` otherwise, and every comparison then runs on the sparse sub-vectors alone.

The sub-vectors hold raw counts; :class:`DocumentFrequencies` turns counts into unit-length
TF-IDF vectors. Document frequencies are counted in hashed buckets (a fixed-size table), so
their memory does not grow with the vocabulary of a long stream.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import operator
import re
import tomllib
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storyline.model import Article

__all__ = [
    "DocumentFrequencies",
    "Features",
    "Vector",
    "article_day",
    "casing",
    "cosine",
    "embedding_text",
    "extract_features",
    "mentioned_year",
    "sort_key",
    "term_buckets",
    "title_terms",
]

#: A sparse vector: term -> weight.
Vector = dict[str, float]

#: How much of the text the body sub-vector reads. The lead carries the who/what/where of a
#: news report; reading further adds background that links unrelated events of one topic, and
#: costs time. 3,000 characters covers the whole text of most ECB+ articles (median 1,340) and
#: the first half-dozen paragraphs of long ones.
LEAD_CHARS = 3000

#: How much of the text an embedder reads (MiniLM truncates at 256 word pieces, about 1,000
#: characters of English).
EMBED_CHARS = 1000

#: Number of hashed buckets for document frequencies (4 bytes each: 4 MiB). Collisions only
#: blur the weight of rare words slightly; the table size never grows with history.
DF_BUCKETS = 1 << 20

#: Buckets of the casing counts (two tables of 1 MiB, apart from the document frequencies so
#: that no IDF changes through them). A power of two no larger than :data:`DF_BUCKETS`: a
#: word's casing bucket is the low bits of its frequency bucket (:func:`case_buckets`).
CASE_BUCKETS = 1 << 18
#: A word whose capital says nothing is taken for a name when more documents write it
#: capitalised inside a sentence than write it in lower case (ratios 0.5, 1 and 2 group the
#: ECB+ titles within 0.001 of each other: the plain majority).
NAME_CASE_RATIO = 1.0

#: A four-digit year of the modern news era, standing alone.
_YEAR = re.compile(r"(?<![\w.,])(19[5-9]\d|20\d\d)(?![\w]|[.,]\d)")
#: Titles weigh their words by the square root of IDF. A title has a handful of words, so
#: full IDF lets one rare word (a detail, a pun) outweigh the name or topic word that the
#: other headlines of the event share; flattening IDF keeps the shared words heavy. Measured
#: with ``benchmarks/clusters.py``: ECB+ events 0.880 -> 0.888 B-cubed F1, ECB+ titles alone
#: 0.714 -> 0.705, UCI headlines 0.725 -> 0.765 (powers 0, 0.3, 0.5, 1, 2 tried; the square
#: root is the plain middle choice, not the best on any one set).
TITLE_IDF_POWER = 0.5

#: A number as written in news: digits with thousands separators and decimals ("1,200",
#: "4.6"), optionally followed by a scale word ("137 million"), which belongs to the quantity.
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w/:-]|[.,]\d)"
    r"(?:\s+(million|billion|trillion|percent|per cent))?",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_MARKS = frozenset('.!?:;"“”|•')


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """``(stopwords, not_names)``: a company's legal form ("Inc") is never a name alone."""
    data = _word_lists()
    return frozenset(data["stopwords"]), frozenset(data["not_names"] + data["company_forms"])


@cache
def _company_forms() -> frozenset[str]:
    return frozenset(_word_lists()["company_forms"])


@cache
def _word_lists() -> dict[str, Any]:
    """``data/words.toml``, read once."""
    return tomllib.loads(resources.files("storyline.group").joinpath("data/words.toml").read_text())


#: Capitalised words before a legal form ("Harley-Davidson Inc", "Ohio Mattress Co") taken as
#: the company's name, at most this many.
COMPANY_NAME_WORDS = 4


#: Distinct words whose stems are remembered (a bounded cache: news vocabulary repeats, and
#: stemming is a fifth of feature time without it; 65,536 covers the active vocabulary of the
#: Reuters stream with a hit rate above 99%).
STEM_CACHE_WORDS = 1 << 16


@lru_cache(maxsize=STEM_CACHE_WORDS)
def _stem(word: str) -> str:
    """A word as grouping compares it: stemmed (:func:`_strip_suffix`), and spelled as the
    gazetteer names it ("kiev" -> "kyiv", "zelenskyy" -> "zelensky"; :func:`_spellings`)."""
    stem = _strip_suffix(word)
    return _spellings().get(stem, stem)


@cache
def _spellings() -> dict[str, str]:
    """Stemmed one-word spellings of one name -> the stem of the name the gazetteer shows
    (``storyline.extract.entities.Gazetteer.spelling_variants``): outlets that write "Kiev"
    and "Kyiv", or "Zelenskyy" and "Zelensky", share the word."""
    from storyline.extract.entities import gazetteer

    spellings = {}
    for variant, name in gazetteer().spelling_variants().items():
        variant, name = _strip_suffix(variant), _strip_suffix(name)
        if variant != name:
            spellings[variant] = name
    return spellings


def _strip_suffix(word: str) -> str:
    """A light, deterministic suffix stripper: plural and -ing/-ed forms of one word meet
    ("checks", "checked", "checking" -> "check") without a stemming library."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


def words(text: str) -> list[str]:
    """The content words of ``text``: its tokens cut at their hyphens (word characters joined
    by apostrophes), lower-cased, stemmed, stopwords left out."""
    return _scan(text)[0]


@cache
def _name_abbreviations() -> frozenset[str]:
    return frozenset(_word_lists()["name_abbreviations"])


def names(text: str) -> list[str]:
    """Capitalised words of ``text`` that look like names, lower-cased and stemmed.

    A capitalised word counts when it is not a stopword nor a known headline word nor a
    company's legal form ("Inc", ``company_forms`` in ``data/words.toml``), and either does not
    start a sentence or stands beside another capitalised word ("New York", "Lindsay Lohan").
    In a title-case line (most words capitalised) only runs and acronyms count, since the
    capital letters there say nothing; the words before a legal form name a company wherever
    they stand (:func:`_company_words`).
    """
    return _scan(text)[1]


def casing(text: str) -> tuple[list[str], list[str], list[str]]:
    """Evidence of how ``text`` writes its words: ``(capital, lower, unsure)``, stemmed.

    ``capital``: words written with a capital where capitals carry meaning (inside a sentence
    of a line that is not in title case); ``lower``: content words written in lower case;
    ``unsure``: capitalised content words whose capital says nothing (they open a sentence, or
    stand in a title-case line). Over a stream, a word that outlets write capitalised inside
    sentences more often than in lower case is a name ("Titanfall", "Microsoft"), wherever the
    capital of one line says nothing.
    """
    return _scan(text)[2]


def _scan(text: str) -> tuple[list[str], list[str], tuple[list[str], list[str], list[str]]]:
    """:func:`words`, :func:`names` and :func:`casing` of ``text`` in one pass over its
    tokens."""
    stop, not_names = _words()
    # Tokens at odd places, the text before each token at even places (the last is what
    # follows the last token): splitting is much cheaper than a match object per word, and
    # what precedes a word tells whether it opens a sentence (:func:`_opens`).
    parts = _TOKEN_SPLIT.split(text)
    tokens = parts[1::2]
    content: list[str] = []
    found: list[str] = []
    capital: list[str] = []
    lower: list[str] = []
    unsure: list[str] = []
    if not tokens:
        return content, found, (capital, lower, unsure)
    lows = [t.lower() for t in tokens]
    # The words are the tokens cut at their hyphens ("state-run": "state", "run"), each
    # lower-cased as the token is: the same words as reading word characters joined by
    # apostrophes match by match (checked on every text of the shared sets, and by
    # tests/group/test_features.py).
    for low in lows:
        for word in low.split("-") if "-" in low else (low,):
            if len(word) > 1 and word not in stop:
                content.append(_stem(word))
    capitalised = [t[0].isupper() for t in tokens]
    title_case = sum(capitalised) > 0.6 * len(tokens) and len(tokens) > 3
    last = len(tokens) - 1
    company = _company_words(parts, tokens, lows, capitalised, stop)
    for i, word in enumerate(tokens):
        low = lows[i]
        if len(word) < 2 or low in stop:
            continue
        if not capitalised[i]:
            if word[0].isalpha():
                lower.append(_stem(low))
            continue
        if low in not_names:
            continue
        stem = _stem(low)
        starts = _opens(parts[2 * i], tokens[i - 1] if i else None)
        if (title_case or starts) and i not in company:
            unsure.append(stem)
            beside = (
                i > 0 and capitalised[i - 1] and lows[i - 1] not in stop and not starts
            ) or (i < last and capitalised[i + 1] and lows[i + 1] not in stop)
            acronym = word.isupper() and len(word) <= 6
            if not (acronym or beside):
                continue
        else:
            capital.append(stem)
        found.append(stem)
    return content, found, (capital, lower, unsure)


def _company_words(
    parts: list[str],
    tokens: list[str],
    lows: list[str],
    capitalised: list[bool],
    stop: frozenset[str],
) -> set[int]:
    """Places of the words that name a company by the legal form after them: the run of
    capitalised non-stopwords right before a capitalised "Inc", "Corp", "Ltd" ... (at most
    :data:`COMPANY_NAME_WORDS`, within one sentence). Their capitals say something even in
    a title-case line or at the start of a sentence: "Brown-Forman Inc <Bfd> 4Th Qtr Net"
    names Brown-Forman, where a wire's earnings table names nobody else."""
    forms = _company_forms()
    if forms.isdisjoint(lows):
        return set()
    found: set[int] = set()
    for j, low in enumerate(lows):
        if low not in forms or not capitalised[j]:
            continue
        k = j - 1
        while (
            k >= 0
            and j - k <= COMPANY_NAME_WORDS
            and capitalised[k]
            and lows[k] not in stop
            and lows[k] not in forms
            and not _opens(parts[2 * k + 2], tokens[k])
        ):
            found.add(k)
            k -= 1
    return found


#: :data:`_TOKEN` as a group, for :func:`re.split`.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


def _opens(before: str, previous: str | None) -> bool:
    """True when a word opens the text, a line or a sentence, told by the text ``before`` it
    (back to the ``previous`` word; None: it is the first). The period of an abbreviation
    written before names ("Mr.", "Mt.", ``name_abbreviations`` in ``data/words.toml``) or of
    an initial ("W.", "U.S.") ends no sentence. ``before`` holds no letter (a letter belongs
    to a word), so a period right after the previous word closes that word's letters, and
    any other period closes none."""
    rest = before.rstrip(" \t")
    if not rest:
        return previous is None
    mark = rest[-1]
    if mark == "\n":
        return True
    if mark not in _SENTENCE_MARKS:
        return False
    if mark == "." and len(rest) == 1 and previous is not None:
        j = len(previous)
        while j > 0 and previous[j - 1].isalpha():
            j -= 1
        word = previous[j:]
        if (len(word) == 1 and word.isupper()) or word.lower() in _name_abbreviations():
            return False
    return True


@cache
def _calendar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A month name ending the text before a number, and one starting the text after it."""
    data = _word_lists()
    month = "(?:" + "|".join(sorted(data["months"], key=len, reverse=True)) + r")\.?"
    return (
        re.compile(rf"\b{month}\s+$", re.IGNORECASE),
        re.compile(rf"\s*(?:of\s+)?{month}(?!\w)", re.IGNORECASE),
    )


_CLOCK = re.compile(r"\s*[ap]\.?m\b\.?", re.IGNORECASE)


def _tells_time(text: str, match: re.Match[str]) -> bool:
    """True when a bare one- or two-digit number is a day beside a month name ("March 5",
    "5 March", "Jan. 30") or an hour before "a.m."/"p.m." ("7 p.m."): a date, not a quantity.
    """
    whole = match.group(1)
    if len(whole) > 2 or match.group(2) or match.group(3):
        return False
    month_before, month_after = _calendar()
    if int(whole) <= 31 and (
        month_before.search(text, max(0, match.start() - 12), match.start())
        or month_after.match(text, match.end())
    ):
        return True
    return int(whole) <= 12 and _CLOCK.match(text, match.end()) is not None


def numbers(text: str) -> list[str]:
    """The quantities ``text`` states, normalised ("1,200" -> "1200", "137 Million" ->
    "137 million"). Numbers that tell time are left out: four-digit years of the news era,
    days beside a month name and hours before "a.m."/"p.m." (they date, not measure)."""
    out = []
    for match in _NUMBER.finditer(text):
        whole, fraction, scale = match.group(1), match.group(2) or "", match.group(3)
        value = whole.replace(",", "") + fraction
        if not fraction and not scale and _YEAR.fullmatch(whole):
            continue
        if _tells_time(text, match):
            continue
        out.append(f"{value} {scale.lower().replace('per cent', 'percent')}" if scale else value)
    return out


def _with_pairs(tokens: list[str]) -> list[str]:
    return tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]


def title_terms(title_words: list[str], headline_only: bool) -> list[str]:
    """The terms of the ``title`` sub-vector: the title's content words and, for a
    headline-only item, their adjacent pairs ("gas_price", "bank_england").

    Two headlines share few words, and one shared word is weak evidence ("gas prices
    steady" against "EU delays Russian gas pipeline"); a shared pair of words is much
    stronger. Full texts leave their titles as words: their lead already carries pairs in
    ``body``. The pairs lower the cosines of the headline scale (a headline's weight is
    spread over more terms), which ``GroupSettings.event_headline_threshold`` accounts for.
    """
    return _with_pairs(title_words) if headline_only else list(title_words)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def article_day(article: Article) -> float | None:
    """The publication time of ``article`` in days since 1970-01-01 UTC (None if unknown or
    unparseable; a date without a time counts as midnight UTC)."""
    moment = _parse_time(article.published)
    return None if moment is None else moment.timestamp() / 86400.0


def sort_key(article: Article) -> tuple[str, str]:
    """The canonical processing position of an article: (UTC time, id), undated last.

    Grouping decides every article in this order whatever order they arrived in; that is
    what makes events and their ids independent of arrival order and batch boundaries.
    """
    moment = _parse_time(article.published)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else "~"
    return (stamp, article.id or "")


@dataclass(slots=True)
class Features:
    """What grouping knows of one article: raw counts per sub-vector, time, kind."""

    body: dict[str, int]
    title: dict[str, int]
    names: dict[str, int]
    day: float | None
    headline_only: bool
    year: int | None = None
    dense: list[float] | None = None
    numbers: dict[str, int] | None = None
    #: The document-frequency bucket of every word of the sparse sub-vectors (see
    #: :func:`term_buckets`), hashed when the article is described (in the describing
    #: process, off the deciding one); not saved, hashed again when missing.
    buckets: dict[str, int] | None = None
    #: Casing evidence (see :func:`casing`): +1 capitalised inside a sentence, -1 written in
    #: lower case (a word seen both ways counts as lower case), 0 capitalised where the
    #: capital says nothing (a name only if the stream says so).
    cased: dict[str, int] | None = None
    #: The casing-table bucket of every word of ``cased`` (see :func:`case_buckets`); not
    #: saved.
    cased_buckets: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "title": self.title,
            "names": self.names,
            "day": self.day,
            "headline_only": self.headline_only,
            "year": self.year,
            "dense": self.dense,
            "numbers": self.numbers,
            "cased": self.cased,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Features:
        return cls(
            dict(data["body"]),
            dict(data["title"]),
            dict(data["names"]),
            data["day"],
            bool(data["headline_only"]),
            data.get("year"),
            data.get("dense"),
            data.get("numbers"),
            cased=data.get("cased"),
        )


def extract_features(article: Article) -> Features:
    """Describe ``article`` once for grouping (clean ``text`` when set, else ``body``).

    A headline-only item (no text) gets its title as body, so that every sub-vector exists;
    the clusterer knows it is headline-only and compares it on the title scale.
    """
    title = (article.title or "").strip()
    text = article.text if article.text is not None else article.body
    lead = (text or "")[:LEAD_CHARS]
    headline_only = not lead.strip()
    day = article_day(article)
    name_words: list[str] = []
    cased: dict[str, int] = {}
    said: list[list[str]] = []
    for part in (title, lead):
        content, found, (capital, lower, unsure) = _scan(part)
        said.append(content)
        name_words += found
        for word in unsure:
            cased.setdefault(word, 0)
        for word in capital:
            if cased.get(word, 0) >= 0:
                cased[word] = 1
        for word in lower:
            cased[word] = -1
    title_words = said[0]
    body_words = title_words + said[1] if not headline_only else list(title_words)
    features = Features(
        body=dict(Counter(_with_pairs(body_words))),
        title=dict(Counter(title_terms(title_words, headline_only))),
        names=dict(Counter(name_words)),
        day=day,
        headline_only=headline_only,
        year=_utc_year(day) if day is not None else mentioned_year(title + "\n" + lead),
        numbers=dict(Counter(numbers(title) + numbers(lead))),
        cased=cased,
    )
    term_buckets(features)
    return features


def case_buckets(features: Features) -> dict[str, int]:
    """Each casing word's bucket in the casing tables of :class:`DocumentFrequencies`, once
    per article. Both tables take the low bits of one hash, so a word that has a frequency
    bucket (nearly every one does) is not hashed again."""
    if features.cased_buckets is None:
        crc, mask, hashed = zlib.crc32, CASE_BUCKETS - 1, term_buckets(features)
        features.cased_buckets = {
            word: (hashed[word] if word in hashed else crc(word.encode())) & mask
            for word in features.cased or ()
        }
    return features.cased_buckets


def term_buckets(features: Features) -> dict[str, int]:
    """Each word's bucket in :class:`DocumentFrequencies` (hashed once per article)."""
    if features.buckets is None:
        terms = features.body.keys() | features.names.keys() | features.title.keys()
        if features.numbers:
            terms |= features.numbers.keys()
        features.buckets = _hash_buckets(terms)
    return features.buckets


def embedding_text(article: Article) -> str:
    """What an embedder reads of ``article``: its title and the start of its clean text
    (sentence encoders read a few hundred tokens; the lead says what the article is about)."""
    text = article.text if article.text is not None else article.body
    return f"{(article.title or '').strip()}\n{(text or '')[:EMBED_CHARS]}".strip()


def _utc_year(day: float) -> int:
    return datetime.fromtimestamp(day * 86400.0, UTC).year


def mentioned_year(text: str) -> int | None:
    """The year ``text`` mentions most (1950-2099; the latest on ties), or None."""
    found = Counter(_YEAR.findall(text))
    if not found:
        return None
    return int(max(found.items(), key=lambda kv: (kv[1], kv[0]))[0])


def _hash_buckets(terms: Iterable[str]) -> dict[str, int]:
    """Each word's bucket in :class:`DocumentFrequencies`."""
    crc, mask = zlib.crc32, DF_BUCKETS - 1
    return {t: crc(t.encode()) & mask for t in terms}


_SIGNATURE_MASK = (1 << 64) - 1


def _digest(ident: str) -> int:
    """A 64-bit digest of a document id, the same in every process."""
    return int.from_bytes(hashlib.blake2b(ident.encode(), digest_size=8).digest(), "little")


class DocumentFrequencies:
    """Document frequencies in hashed buckets, counted as articles are decided.

    IDF is ``log((N + 1) / (df + 1)) + 1``: a word seen in every article still weighs a
    little, a word never seen weighs most. Counts change only through :meth:`add` and
    :meth:`remove`, so the grouper can undo an article exactly. The table is a fixed array of
    ``DF_BUCKETS`` counts (4 MiB), whatever the length of the stream.

    :attr:`token` names the counts: the number of documents and a sum of a 64-bit digest of
    each counted document's id (its set, whatever the order it was counted in). Two tables
    that started equal and hold the same token counted the same documents, so weights
    computed under one hold under the other (a second process weighs ahead of the grouper).
    """

    __slots__ = ("capital", "counts", "documents", "lower", "signature")

    def __init__(self) -> None:
        self.counts = array("i", bytes(DF_BUCKETS * array("i").itemsize))
        self.capital = array("i", bytes(CASE_BUCKETS * array("i").itemsize))
        self.lower = array("i", bytes(CASE_BUCKETS * array("i").itemsize))
        self.documents = 0
        self.signature = 0

    def copy(self) -> DocumentFrequencies:
        """An independent table of the same counts and token."""
        table = DocumentFrequencies.__new__(DocumentFrequencies)
        table.counts, table.capital, table.lower = (
            array("i", self.counts), array("i", self.capital), array("i", self.lower)
        )
        table.documents, table.signature = self.documents, self.signature
        return table

    @property
    def token(self) -> tuple[int, int]:
        """``(documents, signature)``: equal tokens, equal counts (see the class doc)."""
        return self.documents, self.signature

    def add(
        self, features: Features, ident: str = "", buckets: np.ndarray | None = None
    ) -> None:
        """Count one document (``ident``: its id, summed into the :attr:`token`;
        ``buckets``: its distinct buckets, :meth:`distinct_buckets`, when already known)."""
        self.documents += 1
        self.signature = (self.signature + _digest(ident)) & _SIGNATURE_MASK
        self._count(features, 1, buckets)
        self._count_casing(features, 1)

    def remove(self, features: Features, ident: str = "") -> None:
        """Take back :meth:`add` of the same document."""
        self.documents -= 1
        self.signature = (self.signature - _digest(ident)) & _SIGNATURE_MASK
        self._count(features, -1)
        self._count_casing(features, -1)

    @staticmethod
    def distinct_buckets(features: Features) -> np.ndarray:
        """The distinct buckets of an article's words: what counting it steps."""
        buckets = set(term_buckets(features).values())
        return np.fromiter(buckets, dtype=np.intp, count=len(buckets))

    def _count(self, features: Features, step: int, buckets: np.ndarray | None = None) -> None:
        # Each of the article's buckets once, stepped in one vectorised add on the table.
        if buckets is None:
            buckets = self.distinct_buckets(features)
        np.frombuffer(self.counts, dtype=np.int32)[buckets] += step

    def _count_casing(self, features: Features, step: int) -> None:
        buckets = case_buckets(features)
        capital, lower = self.capital, self.lower
        for word, sign in (features.cased or {}).items():
            if sign:
                (capital if sign > 0 else lower)[buckets[word]] += step

    def is_name(self, word: str) -> bool:
        """True when the articles counted so far write ``word`` capitalised inside sentences
        in more documents than they write it in lower case."""
        bucket = zlib.crc32(word.encode()) & (CASE_BUCKETS - 1)
        return self.capital[bucket] > NAME_CASE_RATIO * self.lower[bucket]

    def stream_names(self, features: Features) -> dict[str, int]:
        """The names of an article, as the stream has seen its words written.

        A capital often says nothing (every word of a title-case line, the first word of a
        sentence or a line): such a word is a name when the articles counted so far write it
        capitalised inside sentences more often than in lower case ("Titanfall",
        "Microsoft issues patch"; "Smith, 26, was named ..." after "Matt Smith" elsewhere),
        and is not one otherwise ("Update", "Costume" in a title-case line). Words whose
        capital does say something (inside a sentence of a sentence-case line) stay names.
        Headlines need this most (their capitals rarely say anything); full texts gain the
        names that open their sentences and lose title-case words that are not names.
        """
        cased = features.cased or {}
        # Every full text has a few dozen such words: each is looked up once, inline.
        buckets, capital, lower = case_buckets(features), self.capital, self.lower
        named: set[str] = set()
        for word, sign in cased.items():
            if sign == 0:
                bucket = buckets[word]
                if capital[bucket] > NAME_CASE_RATIO * lower[bucket]:
                    named.add(word)
        found = {
            word: count
            for word, count in features.names.items()
            if cased.get(word) != 0 or word in named
        }
        for word in cased:
            if word in named and word not in found:
                found[word] = 1
        return found

    def weigh(
        self,
        counts: dict[str, int],
        sublinear: bool = True,
        idf_power: float = 1.0,
        buckets: dict[str, int] | None = None,
    ) -> Vector:
        """A unit-length TF-IDF vector of ``counts`` under the frequencies seen so far.

        ``sublinear``: term frequency ``1 + log(count)`` (else each word counts once);
        ``idf_power``: IDF raised to this power (below 1 flattens it, see
        :data:`TITLE_IDF_POWER`); ``buckets``: the words' buckets, when already hashed
        (:func:`term_buckets`; words missing there are hashed here).
        """
        if not counts:
            return {}
        n = self.documents + 1
        log = math.log
        if buckets is None:
            buckets = _hash_buckets(counts)
        elif not buckets.keys() >= counts.keys():
            # Names the stream's casing adds may be words the article's buckets lack.
            buckets = {**buckets, **_hash_buckets(counts.keys() - buckets.keys())}
        df = self.counts
        # The common case (body, names: sublinear tf, plain idf) in one comprehension. A count
        # of 1 has tf 1 + log 1 = 1.0, and 1.0 * idf is idf exactly: it skips the product.
        # Every weight is the same float, in the same order, as computed word by word.
        if sublinear and idf_power == 1.0:
            weights = [
                (log(n / (df[buckets[term]] + 1)) + 1.0)
                if count == 1
                else (1.0 + log(count)) * (log(n / (df[buckets[term]] + 1)) + 1.0)
                for term, count in counts.items()
            ]
        else:
            weights = []
            for term, count in counts.items():
                idf = log(n / (df[buckets[term]] + 1)) + 1.0
                if idf_power != 1.0:
                    idf **= idf_power
                weights.append((1.0 + log(count)) * idf if sublinear else idf)
        norm = math.sqrt(sum(map(operator.mul, weights, weights)))
        units = map(operator.truediv, weights, itertools.repeat(norm))
        return dict(zip(counts, units, strict=False))

    def to_dict(self) -> dict[str, Any]:
        """``{documents, table}``: the counts as little-endian int32, zlib-compressed, base64.

        A list of bucket/count pairs was most of a saved state (tens of MB of JSON on a
        wire service's month); the compressed table is a few hundred KB and saves in
        milliseconds.
        """
        return {
            "documents": self.documents,
            "signature": self.signature,
            "table": _pack(self.counts),
            "capital": _pack(self.capital),
            "lower": _pack(self.lower),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentFrequencies:
        """Read :meth:`to_dict`'s shape (or the older ``counts`` pairs)."""
        table = cls()
        table.documents = int(data["documents"])
        table.signature = int(data.get("signature", 0)) & _SIGNATURE_MASK
        if "table" in data:
            table.counts = _unpack(data["table"], DF_BUCKETS) or table.counts
            # States saved before the casing counts existed start them empty.
            table.capital = _unpack(data.get("capital"), CASE_BUCKETS) or table.capital
            table.lower = _unpack(data.get("lower"), CASE_BUCKETS) or table.lower
        else:
            for bucket, count in data["counts"]:
                table.counts[int(bucket)] = int(count)
        return table


def _pack(counts: array) -> str:
    """Counts as little-endian int32, zlib-compressed, base64."""
    raw = np.frombuffer(counts, dtype=np.int32).astype("<i4", copy=False)
    return base64.b64encode(zlib.compress(raw.tobytes(), 1)).decode("ascii")


def _unpack(text: str | None, size: int) -> array | None:
    """:func:`_pack`'s counts back (None when absent or of another size)."""
    if not text:
        return None
    counts = np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype="<i4")
    if counts.size != size:
        return None
    return array("i", counts.astype(np.int32).tobytes())


def cosine(vector: Vector, sums: Vector, norm: float) -> float:
    """Cosine of a unit vector with a centroid given as its sums and their norm."""
    if not vector or norm <= 0.0:
        return 0.0
    # The shared words are few; intersecting the key views (in C) finds them fastest. A set's
    # order follows the per-process string hash seed, so the products are summed with fsum,
    # whose correctly rounded result is the same in any order: a decision at the threshold
    # must not change from one run to the next.
    shared = vector.keys() & sums.keys()
    if not shared:
        return 0.0
    return math.fsum([vector[t] * sums[t] for t in shared]) / norm
