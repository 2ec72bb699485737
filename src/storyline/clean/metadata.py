"""Metadata: when an article was published, in which language, by whom, from whom.

The :class:`Metadata` stage runs after :class:`~storyline.clean.furniture.Clean` and reads
what the input said, the hints cleaning left in ``meta["hints"]`` (header lines, notices,
sponsor lines) and the lead of the clean text. It prefers what the input states over
what the text suggests, and leaves a field ``None`` rather than guessing:

- ``published``: the input's field, else the header hint, else a wire dateline, else the
  page's update time (``published_from`` says ``updated``: it was published then or before);
  ISO 8601; never after the fetch or the run (the reason goes to
  ``meta["hints"]["date_rejected"]``);
- ``language``: the input's code, else "en" when the start of title and text is plainly
  English running text (marker words), else py3langid on that start when its answer is
  more than a guess (as ISO 639-1; a language without such a code leaves its ISO 639-3 code
  in ``meta["hints"]["language_detected"]``), else the page's declared language;
- ``outlet``: the publisher of this copy, canonical through ``clean/data/outlets.toml``;
- ``origin_outlet``: for a republished or wire copy, the outlet whose content it is.

``meta["hints"]["outlet_from"]`` and ``["published_from"]`` say where each value came from.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from storyline.clean.outlets import outlets
from storyline.clean.published import as_limit, dateline_date, parse_date, too_late
from storyline.model import Article
from storyline.pipeline import Stage, Stats

__all__ = [
    "Metadata",
    "byline_outlet",
    "detect_language",
    "detect_language_code",
    "plainly_english",
    "resolve_outlets",
]

# py3langid reads the first 300 characters of title and text, and the first 1,000 only when
# it is not sure of the answer (probability below 0.99): its time grows with the length
# (on 1-3 KB Reuters texts 0.12 ms for 300 characters, 0.33 ms for 1,000; most of this
# stage's time). 300 characters leave it sure on 90% of those texts and on 95% of the 147
# gold bodies (7 languages) of the article-extraction set; reading on when unsure, it gives
# the language of the whole text on 100% of both, at half the cost of always reading 1,000
# (benchmarks/clean_speed.py --calibrate).
LANGUAGE_FIRST_CHARS = 300
LANGUAGE_SAMPLE_CHARS = 1000
LANGUAGE_SURE = 0.99
# With fewer than 20 letters (a two- or three-word headline) py3langid calls 71% of English
# UCI headlines English (10-19 letters; 40% below 10), against 82-93% from 20 letters on:
# below that, no language rather than a coin toss (benchmarks/clean_speed.py --calibrate).
LANGUAGE_MIN_LETTERS = 20
# py3langid's normalised probability below which its answer is no language: answers under 0.2
# are right on 7-20% of the Reuters texts that reach it (wire tables, called Nigerian Pidgin
# or "no linguistic content"), 40-76% of UCI headlines and 17-25% of short sentences of the
# Russian, Korean, German, Portuguese, Italian and Japanese gold pages of the
# article-extraction set, against 40-81% from 0.2 to 0.25 and 98-100% from 0.5 on
# (benchmarks/clean_speed.py --calibrate): as with too few letters, no language rather than
# a coin toss.
LANGUAGE_MIN_PROBABILITY = 0.2
# A sample in Title Case (more than 75% of its words capitalised) is read by py3langid in
# lower case: its capitals mislead it ("Velmora Central Bank Sets Rate Cut After Strike" is
# Danish at p 0.08 as written, English at 0.71 in lower case). Right / no language /
# wrong at p >= 0.2, as written -> in lower case: Reuters 3,870 / 1,180 / 667 -> 4,557 / 506 /
# 654, UCI 5,087 / 935 / 224 -> 5,826 / 253 / 167, short sentences of non-English pages
# 886 / 21 / 12 -> 889 / 16 / 14 (the two are English titles on Italian pages). From 60%
# English gains a little more, but a German line with most words nouns turns French
# (benchmarks/clean_speed.py --calibrate).
LANGUAGE_TITLE_CASE_SHARE = 0.75
# Plainly English: in the first 300 characters at least 25 words, nearly all in ASCII letters,
# and at least 8% of them markers (``clean/rules/languages.toml``: "the", "and", "of", "said",
# ...; English running text has 20-30%). Such a text is English without asking py3langid, which
# is a third of the ingest's CPU: 70% of Reuters texts and 83% of ECB+ articles take the
# shortcut. On every shared set py3langid gives another answer on none of them but 6 Reuters
# tables ("Shr 37 cts vs 41 cts"), which it calls Nigerian Pidgin or Lingala
# (benchmarks/clean_speed.py --calibrate).
ENGLISH_MIN_WORDS = 25
ENGLISH_MIN_SHARE = 0.08
ENGLISH_MAX_NON_ASCII = 0.02
# A byline lead sits in the first line of the text; "PORT AMSEL, March 12, 2026 (Northwind
# Wire) —" is 52 characters, 160 leaves room for long place names and dates.
BYLINE_WINDOW = 160

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGE_CODE = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*$")
_TRIM = " \t\"'“”‘’.,;:|-–—()[]"
_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:[/:?#].*)?$", re.I)


# -- language ------------------------------------------------------------------------------


@cache
def _identifier() -> Any:
    # Loaded once per process on first use (0.7 s, 0.1 s from storyline's cache): a run
    # over no text never pays for it.
    from storyline.clean.language_model import load_identifier

    return load_identifier()


@cache
def _iso639_1() -> dict[str, str]:
    text = resources.files("storyline.clean").joinpath("rules/languages.toml").read_text("utf-8")
    return {str(k): str(v) for k, v in tomllib.loads(text)["iso639_1"].items()}


@cache
def _english_markers() -> frozenset[str]:
    text = resources.files("storyline.clean").joinpath("rules/languages.toml").read_text("utf-8")
    return frozenset(str(w) for w in tomllib.loads(text)["english"]["markers"])


def plainly_english(sample: str) -> bool:
    """True when ``sample`` is running English text beyond doubt: at least
    :data:`ENGLISH_MIN_WORDS` words, at most 2% of them with letters outside ASCII (another
    script, or a language with accents), and at least :data:`ENGLISH_MIN_SHARE` of them
    English marker words. False says nothing: ask py3langid."""
    words = _WORD.findall(sample)
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    foreign = sum(1 for w in words if not w.isascii())
    if foreign > ENGLISH_MAX_NON_ASCII * len(words):
        return False
    markers = _english_markers()
    return sum(1 for w in words if w.lower() in markers) >= ENGLISH_MIN_SHARE * len(words)


def _title_cased(sample: str, share: float = LANGUAGE_TITLE_CASE_SHARE) -> bool:
    """Three words or more, and more than ``share`` of them capitalised (or in capitals)."""
    words = _WORD.findall(sample)
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and capitalised > share * len(words)


def _py3langid_answer(
    sample: str, title_case_share: float | None = LANGUAGE_TITLE_CASE_SHARE
) -> tuple[str, float]:
    """py3langid's code and probability for ``sample`` (at most
    :data:`LANGUAGE_SAMPLE_CHARS`): its first 300 characters, all of it when that leaves
    py3langid unsure; in lower case when Title Case at ``title_case_share`` (None: as
    written)."""
    if title_case_share is not None and _title_cased(
        sample[:LANGUAGE_FIRST_CHARS], title_case_share
    ):
        sample = sample.lower()
    identifier = _identifier()
    code, probability = identifier.classify(sample[:LANGUAGE_FIRST_CHARS])
    if probability < LANGUAGE_SURE and len(sample) > LANGUAGE_FIRST_CHARS:
        code, probability = identifier.classify(sample)
    return str(code), float(probability)


def detect_language(title: str | None, text: str | None) -> str | None:
    """The ISO 639-1 code of the language of title and text, or None when they hold fewer
    than 20 letters or py3langid can only guess: py3langid on their first 300 characters,
    or on their first 1,000 when the shorter sample leaves it unsure. A language without an
    ISO 639-1 code (see ``clean/rules/languages.toml``) is None too;
    :func:`detect_language_code` tells it."""
    code = detect_language_code(title, text)
    if code is None or len(code) == 2:
        return code
    return _iso639_1().get(code) or None


def detect_language_code(title: str | None, text: str | None) -> str | None:
    """The code py3langid gives the language of title and text (ISO 639-1, or ISO 639-3
    where the language has no two-letter code), or None for fewer than 20 letters and for an
    answer less likely than :data:`LANGUAGE_MIN_PROBABILITY`; "en" without asking py3langid
    when their first 300 characters are :func:`plainly_english`. A Title-Case sample is read
    in lower case."""
    sample = f"{title or ''}\n{text or ''}"[:LANGUAGE_SAMPLE_CHARS]
    # Counting letters costs more than it saves on long samples; only short ones can fail.
    if len(sample) < 200 and len(_LETTER.findall(sample)) < LANGUAGE_MIN_LETTERS:
        return None
    if plainly_english(sample[:LANGUAGE_FIRST_CHARS]):
        return "en"
    code, probability = _py3langid_answer(sample)
    return code if probability >= LANGUAGE_MIN_PROBABILITY else None


def _language_code(value: Any) -> str | None:
    """A declared language ("en", "en-US", "EN_gb") as its ISO 639-1 code, or None."""
    if not isinstance(value, str):
        return None
    found = _LANGUAGE_CODE.match(value.strip())
    return found.group(1).lower() if found else None


# -- outlets -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lead:
    pattern: re.Pattern[str]
    known_only: bool


@cache
def _leads() -> tuple[_Lead, ...]:
    text = resources.files("storyline.clean").joinpath("rules/bylines.toml").read_text("utf-8")
    return tuple(
        _Lead(re.compile(item["pattern"]), bool(item.get("known_only", True)))
        for item in tomllib.loads(text).get("lead", [])
    )


def _tidy(name: str) -> str:
    return " ".join(name.split()).strip(_TRIM)


@lru_cache(maxsize=4096)
def _known(name: str) -> str | None:
    """The canonical name of a known outlet named by a name, a domain or a URL."""
    name = _tidy(name)
    if not name:
        return None
    table = outlets()
    try:
        outlet = table.by_name(name)
        if outlet is None and _HOST.match(name):
            outlet = table.by_domain(name)
    except ValueError:  # a malformed address: no outlet of ours
        return None
    return outlet.name if outlet else None


@lru_cache(maxsize=4096)
def _named(name: str) -> str | None:
    """A known outlet's canonical name; an unknown one as written, tidied (a URL as its
    host name without ``www.``). Never a guess."""
    known = _known(name)
    if known:
        return known
    tidy = _tidy(name)
    host = _HOST.match(tidy)
    if host and ("/" in tidy or " " not in tidy) and "." in host.group(1):
        return host.group(1).lower()
    return tidy or None


def byline_outlet(text: str | None) -> str | None:
    """The outlet a byline lead names at the start of ``text`` ("(MENAFN) ...",
    "WASHINGTON (AP) — ..."), canonical when known; None when there is no such lead."""
    if not text:
        return None
    head = text.lstrip()[:BYLINE_WINDOW]
    for lead in _leads():
        found = lead.pattern.match(head)
        if found is None:
            continue
        name = found.group("outlet")
        known = _known(name)
        if known:
            return known
        if not lead.known_only:
            return _tidy(name)
    return None


def resolve_outlets(article: Article, hints: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """``(outlet, origin_outlet, where the outlet came from)`` for an article.

    The outlet is the publisher of this copy: the input's ``outlet``, the URL's domain when
    ``outlets.toml`` knows it, the page's site name, the republisher a notice names, and,
    only for a copy without a URL, a byline lead, then a known outlet in a sponsor or
    copyright line. A copy from an unknown site keeps no outlet rather than the name of the
    wire its text quotes: that is its origin. The origin is the outlet whose content this
    is, when that is another: the input's ``origin_outlet``, the outlet a republishing
    notice names, or the outlet of a byline lead or copyright line.
    """
    url = (
        _tidy_url(article.url)
        or _tidy_url(hints.get("url"))
        or _tidy_url(hints.get("canonical_url"))
    )
    lead = byline_outlet(article.text)
    notice = _text_hint(hints, "origin")
    republisher = _text_hint(hints, "republisher")
    copyright_holder = _known(hints["copyright"]) if _text_hint(hints, "copyright") else None
    candidates: list[tuple[str, str | None]] = [
        ("input", _named(article.outlet) if article.outlet else None),
        ("url", _known(url) if url else None),
        ("site_name", _named(hints["site_name"]) if _text_hint(hints, "site_name") else None),
        ("notice", _named(republisher) if republisher else None),
    ]
    if not url:
        candidates += [
            ("byline", lead),
            ("sponsor", _known(hints["sponsor"]) if _text_hint(hints, "sponsor") else None),
            ("copyright", copyright_holder),
        ]
    outlet, source = None, ""
    for where, name in candidates:
        if name:
            outlet, source = name, where
            break
    origin = None
    for name in (
        _named(article.origin_outlet) if article.origin_outlet else None,
        _named(notice) if notice else None,
        lead,
        copyright_holder,
    ):
        if name and name != outlet:
            origin = name
            break
    return outlet, origin, source


def _text_hint(hints: dict[str, Any], key: str) -> str | None:
    value = hints.get(key)
    return value if isinstance(value, str) and value.strip() else None


# -- the stage -----------------------------------------------------------------------------


def _tidy_url(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip()
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # "http://[" and the like
        return None
    return url if host and "." in host else None


class Metadata(Stage):
    """Sets ``published``, ``language``, ``outlet``, ``origin_outlet``, ``url`` and a tidy
    ``title`` from the input, the hints of cleaning and the lead of the text.

    ``now`` is the time of the run (default: the clock when each article is processed);
    no publication date may be later than it or than the article's ``fetched`` time.
    """

    name = "metadata"
    requires = frozenset({"text", "title", "meta"})
    assigns = frozenset(
        {"published", "language", "outlet", "origin_outlet", "url", "title", "meta"}
    )

    def __init__(self, now: str | datetime | None = None):
        self.now = as_limit(now) if now is not None else None

    def prepare(self) -> None:
        """Load py3langid's model (0.7 s, mostly decompression; 0.1 s from the cache of
        :mod:`storyline.clean.language_model`) and the language tables."""
        # What does not load here is reported per article, where it is needed.
        with contextlib.suppress(Exception):
            _identifier()
            _iso639_1()
            _english_markers()

    def release(self) -> None:
        """Drop py3langid's model (70 MB); the next article that needs it loads it again."""
        _identifier.cache_clear()

    def process(self, article: Article, stats: Stats) -> Article | None:
        hints = article.meta.setdefault("hints", {})
        try:
            self._fill(article, hints)
        except Exception as error:  # one odd article must not end the run: keep it, say why
            hints["metadata_error"] = f"{type(error).__name__}: {error}"
            stats.count("metadata_failed")
            return article
        stats.count("metadata")
        return article

    def _fill(self, article: Article, hints: dict[str, Any]) -> None:
        article.title = " ".join(article.title.split()) if article.title else None
        article.title = article.title or None
        article.url = (
            _tidy_url(article.url)
            or _tidy_url(hints.get("url"))
            or _tidy_url(hints.get("canonical_url"))
        )
        self._published(article, hints)
        article.language = _language_code(article.language)
        if article.language is None:
            detected = detect_language_code(article.title, article.text)
            if detected and len(detected) != 2:
                hints["language_detected"] = detected
                detected = _iso639_1().get(detected) or None
            article.language = (
                detected
                or _language_code(hints.get("language"))
                or _language_code(hints.get("html_lang"))
            )
        outlet, origin, source = resolve_outlets(article, hints)
        article.outlet, article.origin_outlet = outlet, origin
        if source:
            hints["outlet_from"] = source

    def _published(self, article: Article, hints: dict[str, Any]) -> None:
        now = self.now or datetime.now(UTC)
        fetched = as_limit(article.fetched) or as_limit(_text_hint(hints, "fetched"))
        limit = min(fetched, now) if fetched else now
        limit_name = "the fetch time" if fetched and fetched <= now else "the time of the run"
        rejected = []
        candidates = (
            ("input", article.published),
            ("header", _text_hint(hints, "date")),
            ("dateline", None),
            # The page says only when it was last updated: it was published then or before
            # (htmldate takes an update time for the date too, unless asked for the original).
            ("updated", _text_hint(hints, "updated")),
        )
        article.published = None
        for where, raw in candidates:
            parsed = dateline_date(article.text) if where == "dateline" else parse_date(raw)
            if parsed is None:
                if raw and where != "updated":  # "2 hours ago" is an age, not a date
                    rejected.append(f"unreadable date {raw!r} ({where})")
                continue
            if too_late(parsed, limit):
                rejected.append(
                    f"{parsed.iso} ({where}) is later than {limit_name} "
                    f"{limit.isoformat(timespec='seconds')}"
                )
                continue
            article.published = parsed.iso
            hints["published_from"] = where
            break
        if rejected and article.published is None:
            hints["date_rejected"] = "; ".join(rejected)
        elif rejected:
            hints["date_rejected"] = "; ".join(rejected) + f"; took {article.published}"
