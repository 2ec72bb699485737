"""The grammar of temporal expressions: regular expressions built from the vocabulary, each
with the handler (in :mod:`.handlers`) that reads its matches and the trigger words that let
it run only near a month name, a weekday, a unit..."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.extract.dates.handlers import (
    _on_century,
    _on_clock,
    _on_day_month,
    _on_decade,
    _on_deictic,
    _on_duration,
    _on_duration_phrase,
    _on_holiday,
    _on_iso,
    _on_month,
    _on_month_day,
    _on_month_year,
    _on_quarter,
    _on_quarter_code,
    _on_reference,
    _on_relative,
    _on_season,
    _on_set,
    _on_slashed,
    _on_the_weekend,
    _on_weekday,
    _on_year,
    _on_year_adjective,
)
from storyline.extract.dates.mention import _DIGITS, _TEENS, _TENS, _Handler
from storyline.extract.dates.vocabulary import _Vocabulary, _vocabulary


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(frozen=True)
class _Rule:
    """A regex, the handler that reads its matches, and the trigger words it needs.

    Scanning a whole text with every rule is slow in Python (each regex is tried at every
    character), so a rule with ``triggers`` only runs in windows around words of those kinds
    (month names, weekday names, units...); ``None`` scans the whole text (rules that start
    with a cheap literal test anyway).
    """

    pattern: re.Pattern[str]
    handler: _Handler
    triggers: frozenset[str] | None
    reach: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class _Grammar:
    rules: tuple[_Rule, ...]
    position: re.Pattern[str]
    trigger_words: dict[str, frozenset[str]]


_UNITS_TEXT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ies))s?"
)


_YEAR_WORDS = (
    rf"(?:(?:nineteen|twenty)[\s-](?:hundred|(?:{_TENS})(?:[\s-](?:{_DIGITS}))?|{_TEENS}"
    rf"|oh[\s-](?:{_DIGITS}))|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[\s-](?:{_DIGITS}))?"
    rf"|{_TEENS}|{_DIGITS}))?)"
)


_YEAR_DIGITS = r"(?:1\d|2[01])\d\d(?![\d%]|[.,]\d|-year)"


_YEAR = rf"(?:{_YEAR_DIGITS}|['’]\d\d(?!\d)|{_YEAR_WORDS}\b)"


@cache
def _grammar() -> _Grammar:
    """Compile the rules once: each is a regex and a handler that turns a match into
    mentions (or none, when a check rejects it)."""
    v = _vocabulary()
    month_full = _alternation(v.months)
    month_abbr = _alternation(v.month_abbreviations)
    month = rf"(?P<month>{month_full}\b|{month_abbr}\b\.?)"
    weekday_full = _alternation(v.weekdays)
    weekday_abbr = _alternation(k.rstrip(".") for k in v.weekday_abbreviations)
    weekday = rf"(?P<wd>{weekday_full}\b|{weekday_abbr}\.)"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![.,]\d|%|:\d)"
    day2 = r"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![.,]\d|%|:\d)"
    year = rf"(?P<year>{_YEAR})"
    number_words = _alternation(k for k in v.numbers if " " not in k)
    fuzzy = _alternation([*v.fuzzy_numbers, *(k for k in v.numbers if " " in k)])
    # Compound number words are tens and units ("twenty-five"); "two one-year" is two words.
    number = rf"(?:\d+(?:\.\d+)?|{fuzzy}|(?:{_TENS})[\s-](?:{_DIGITS})\b|{number_words})"
    parts = _alternation(v.parts_of_day)
    determiners = _alternation(v.determiners)
    positions = _alternation(p.rstrip("-") for p in v.positions)
    approx = (
        r"(?:about|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|over|under|"
        r"at\s+least|at\s+most|up\s+to|roughly|around|only|just|barely|well\s+over|"
        r"just\s+over|just\s+under|another|an\s+additional)"
    )
    zones = _alternation(v.time_zones)
    flags = re.IGNORECASE

    def rule(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, flags)

    rules: list[tuple[re.Pattern[str], _Handler]] = [
        # "Aug. 7, 1998", "Monday, Oct. 26", "April 24 and 25", "Aug. 18-20, 2025"
        (
            rule(
                rf"\b(?:{weekday}\s*,?\s+(?:the\s+)?)?{month}\s*{day}"
                rf"(?:\s*(?:-|–|to|through|and|or)\s*{day2})?(?:\s*,?\s*{year})?"
            ),
            _on_month_day,
        ),
        # "7 August 2025", "the 1st of May", "18-20 August"
        (
            rule(
                rf"(?<![\d.,$])\b(?:{weekday}\s*,?\s+)?(?:the\s+)?{day}"
                rf"(?:\s*(?:-|–|to|and)\s*{day2})?\s+(?:of\s+)?{month}(?:\s*,?\s*{year})?"
            ),
            _on_day_month,
        ),
        # ISO dates and date-times: "2025-08-19", "2025-08-19T10:30"
        (
            rule(
                r"\b(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
                r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::\d\d(?:\.\d+)?)?"
                r"(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])"
            ),
            _on_iso,
        ),
        # "8/19/2025" or "19/8/2025" when only one reading is a date
        (rule(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"), _on_slashed),
        # "July 1997", "January this year", "June of last year"
        (
            rule(rf"\b{month}\s*,?\s*(?:of\s+)?(?:{year}|(?P<yrel>last|this|next)\s+year\b)"),
            _on_month_year,
        ),
        # "April", "last November", "this coming May"
        (
            rule(
                r"\b(?:(?P<det>this\s+past|this\s+coming|last|next|this|that|the\s+previous|"
                rf"the\s+following)\s+)?(?P<month>{month_full})\b"
            ),
            _on_month,
        ),
        # "1990", "fiscal 1989", "the year 2000", "1990-92", "nineteen ninety-six"
        (
            rule(
                r"(?:\b(?P<fiscal>(?:fiscal|calendar|financial|the)\s+year\s+|fiscal\s+|FY\s?))?"
                rf"(?<![\w$£€#./])(?<!\d-)(?P<year>{_YEAR_DIGITS}|{_YEAR_WORDS}\b)"
                r"(?:\s*[-–/]\s*(?P<year2>(?:1\d|2[01])\d\d|\d\d)(?![\d%]|[.,]\d))?"
            ),
            _on_year,
        ),
        # "the 1990s", "1980s", "the '90s", "the nineties"
        (
            rule(
                r"\b(?:the\s+)?(?P<decade>(?:1\d|20)\d0)['’]?s\b|(?:\bthe\s+)?['’](?P<short>\d0)s\b"
                rf"|\bthe\s+(?P<words>{_alternation(v.decade_words)})\b"
            ),
            _on_decade,
        ),
        # "the 20th century", "this century"
        (
            rule(
                r"\b(?:the\s+)?(?:(?P<num>\d{1,2})(?:st|nd|rd|th)|(?P<ord>"
                + _alternation(v.ordinals)
                + r"))[\s-]+century\b|\b(?P<det>this|last|next|the\s+last|the\s+previous|"
                r"the\s+current|the\s+present)\s+century\b"
            ),
            _on_century,
        ),
        # "the third quarter", "third-quarter", "this year's second quarter", "the first half
        # of 1990", "the year-ago quarter", "the latest quarter"
        (
            rule(
                r"\b(?P<pre>(?:(?:the|this|last|next|that|same|current|latest|most|recent|"
                r"previous|preceding|prior|year-ago|year-earlier|comparable|corresponding|"
                r"fiscal|calendar|its|their|first|second|third|fourth|1st|2nd|3rd|4th|final|"
                r"(?:1\d|2[01])\d\d|(?:this|last|next)\s+year['’]s)[\s-]+){1,5})"
                r"(?P<unit>quarter|half|period)(?P<plural>s)?\b"
                r"(?!-century|-to-|\s+of\s+(?:a|an|the|its|their)\b)"
                r"(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?P<year2>(?:1\d|2[01])\d\d)\b)?"
            ),
            _on_quarter,
        ),
        (
            rule(
                r"\b(?:(?P<y1>(?:1\d|2[01])\d\d)\s*)?(?P<letter>[QH])(?P<n>[1-4])\b"
                r"(?:\s*(?P<y2>(?:1\d|2[01])\d\d)\b|['’](?P<yy>\d\d)\b)?"
            ),
            _on_quarter_code,
        ),
        # "last fall", "this summer", "the winter of 1994", "spring 2025"
        (
            rule(
                r"\b(?:(?P<det>this\s+past|this\s+coming|last|next|this|that|the\s+previous|"
                r"the\s+following|the|early|late|mid-?)\s+)?(?P<season>"
                + _alternation(v.seasons)
                + rf")\b(?:\s*,?\s+(?:of\s+)?{year})?"
            ),
            _on_season,
        ),
        # "Tuesday", "last Friday", "Wednesday night", "Mondays"
        (
            rule(
                r"\b(?:(?P<det>this\s+past|this\s+coming|last|next|this|that|the\s+previous|"
                r"the\s+preceding|the\s+following|the\s+next)\s+)?"
                rf"{weekday}(?P<plural>s\b)?(?P<poss>['’]s\b)?(?:\s+(?P<part>{parts}))?\b"
            ),
            _on_weekday,
        ),
        # "today", "yesterday morning", "tonight", "the day after tomorrow", "last night"
        (
            rule(
                r"\b(?P<word>"
                + _alternation(v.deictic_days)
                + r"|tonight)(?P<poss>['’]s\b)?"
                + rf"(?:\s+(?P<part>{parts}))?\b"
                + rf"|\b(?P<det>this|last)\s+(?P<only>{parts})\b"
            ),
            _on_deictic,
        ),
        # "now", "currently", "recently", "the future"
        (rule(r"\b" + _alternation(v.references) + r"\b"), _on_reference),
        # "last week", "next year", "the following day", "that year", "the end of the year"
        (
            rule(
                rf"\b(?:(?P<pos>{positions})\s+(?P<the>the)|(?P<det>{determiners}|the))\s+"
                r"(?:(?:fiscal|calendar|financial)\s+)?"
                rf"(?P<unit>day|week|weekend|month|year|decade|{parts})\b(?!-)"
            ),
            _on_relative,
        ),
        # "the weekend"
        (rule(r"\bthe\s+weekend\b"), _on_the_weekend),
        # "year-end", "year-earlier", "year-ago"
        (
            rule(
                r"\byear(?:['’]s)?[-\s](?P<what>end|ago|earlier)\b"
                r"(?!\s+(?:quarter|period|half))"
            ),
            _on_year_adjective,
        ),
        # durations, and the dates they reach back or forward to: "two years", "a 10-hour",
        # "the past two months", "two weeks ago", "a year earlier", "three days later"
        (
            rule(
                r"\b(?:(?P<pre>(?:each\s+of\s+|over\s+|for\s+|in\s+)?the\s+(?:past|last|next|first|"
                r"coming|previous|following|final|remaining|latest|same|entire|whole|full))\s+)?"
                rf"(?:{approx}\s+)?(?P<num>{number})(?:\s+and\s+a\s+half)?[\s-]+(?:more\s+)?"
                rf"(?P<unit>{_UNITS_TEXT})(?P<suffix>-long|-old)?\b"
                r"(?:(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|back|hence|"
                r"from\s+now|from\s+today)\b"
                r"(?P<stop>(?=\s*(?:[.,;:!?)\"'”’]|$)))?)?"
            ),
            _on_duration,
        ),
        (
            rule(
                r"\b(?P<pre>the\s+(?:past|last|next|coming)|recent|coming|the\s+coming|"
                r"the\s+past\s+(?:few|several)|the\s+next\s+(?:few|several))\s+"
                rf"(?P<unit>{_UNITS_TEXT})\b"
            ),
            _on_duration_phrase,
        ),
        # times: "10:35 a.m.", "9 a.m. EDT Thursday", "noon Saturday", "0735 GMT"
        (
            rule(
                r"\b(?:(?P<approx>around|about|at|shortly\s+after|shortly\s+before)\s+)?"
                r"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*"
                r"(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
                rf"|(?P<hour24>[01]\d|2[0-3]):?(?P<minute24>[0-5]\d)\s*(?={zones}\b)"
                r"|(?P<named>noon|midnight|midday))"
                rf"(?:\s*\(?(?P<tz>{zones}|local\s+time)\)?)?"
                rf"(?:\s*,?\s+(?:on\s+)?(?:(?P<on_wd>{weekday_full})|(?P<on_word>today|yesterday|"
                rf"tomorrow|tonight)|(?P<on_month>{month_full}\b|{month_abbr}\b\.?)\s*"
                r"(?P<on_day>3[01]|[12]\d|0?[1-9])(?![\d,.]\d)))?\b"
            ),
            _on_clock,
        ),
        # frequencies: "daily", "every Monday", "twice a week"
        (
            rule(
                r"\b(?:"
                + _alternation(v.sets)
                + r"|(?:every|each)\s+(?:other\s+|single\s+)?(?P<every>"
                + rf"{_UNITS_TEXT}|{weekday_full}|{month_full}|{parts})"
                + rf"|(?P<times>once|twice|{number}\s+times)\s+(?:a|an|per|each|every)\s+"
                + rf"(?P<per>{_UNITS_TEXT}))\b"
            ),
            _on_set,
        ),
        # holidays: "Christmas", "last Thanksgiving", "Election Day"
        (
            rule(
                r"\b(?:(?P<det>this\s+past|this\s+coming|last|next|this)\s+)?(?P<name>"
                + _alternation(v.holidays)
                + rf")(?:\s*,?\s+{year})?\b"
            ),
            _on_holiday,
        ),
    ]
    position = re.compile(rf"(?<![\w-])(?P<pos>{positions})[\s-]*$", flags)
    # Each rule's trigger kinds, and how far its matches reach before and after a trigger
    # word (in characters): the longest prefixes are a quarter's ("the comparable
    # year-earlier fiscal third quarter") and a duration's ("each of the past more than
    # twenty-five years"), under 64 characters; what follows a trigger is shorter.
    needs: dict[_Handler, tuple[set[str], int, int]] = {
        _on_month_day: ({"month"}, 32, 40),
        _on_day_month: ({"month"}, 40, 24),
        _on_month_year: ({"month"}, 8, 40),
        _on_month: ({"month"}, 24, 8),
        _on_year: ({"year"}, 24, 16),
        _on_decade: ({"decade"}, 8, 8),
        _on_century: ({"century"}, 32, 8),
        _on_quarter: ({"quarter"}, 64, 32),
        _on_season: ({"season"}, 24, 40),
        _on_weekday: ({"weekday"}, 24, 16),
        _on_deictic: ({"deictic"}, 24, 16),
        _on_reference: ({"reference"}, 32, 32),
        _on_relative: ({"unit", "deictic"}, 40, 8),
        _on_duration: ({"unit"}, 64, 32),
        _on_duration_phrase: ({"unit"}, 40, 8),
        _on_clock: ({"clock"}, 40, 48),
        _on_set: ({"set"}, 24, 32),
        _on_holiday: ({"holiday"}, 32, 24),
        _on_iso: ({"year"}, 8, 32),
        _on_slashed: ({"year"}, 8, 8),
        _on_quarter_code: ({"code"}, 8, 16),
        _on_the_weekend: ({"weekend"}, 8, 8),
        _on_year_adjective: ({"year_word"}, 8, 16),
    }
    built = []
    for p, h in rules:
        kinds, before, after = needs.get(h, (None, 0, 0))
        built.append(_Rule(p, h, frozenset(kinds) if kinds else None, (before, after)))
    return _Grammar(rules=tuple(built), position=position, trigger_words=_trigger_words(v))


#: Words too common to trigger anything on their own (they only occur inside longer phrases).
_NOT_TRIGGERS = frozenset({"the", "of", "in", "at", "for", "as", "a", "an", "s", "to", "on"})


def _trigger_words(v: _Vocabulary) -> dict[str, frozenset[str]]:
    """Lower-case word -> the kinds of trigger it is (see :class:`_Rule`)."""
    kinds: dict[str, set[str]] = {}

    def add(kind: str, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            for word in re.findall(r"[a-z]+", phrase.lower()):
                if word not in _NOT_TRIGGERS or kind == "unit":
                    kinds.setdefault(word, set()).add(kind)

    add("month", [*v.months, *v.month_abbreviations])
    add("weekday", [*v.weekdays, *v.weekday_abbreviations])
    add("unit", [*v.units, *(u + "s" for u in v.units), *v.unit_plurals])
    add("quarter", ["quarter", "quarters", "half", "halves", "period", "periods"])
    add("season", v.seasons)
    add("deictic", [*v.deictic_days, *v.parts_of_day, "tonight"])
    add("reference", v.references)
    add("year", ["nineteen", "twenty", "thousand"])
    add("decade", v.decade_words)
    add("clock", ["m", "am", "pm", "noon", "midnight", "midday", *v.time_zones])
    add("set", [*v.sets, "every", "each", "once", "twice", "times"])
    add("holiday", v.holidays)
    add("code", ["q", "h"])
    add("century", ["century", "centuries"])
    add("weekend", ["weekend", "weekends"])
    add("year_word", ["year"])
    return {word: frozenset(k) for word, k in kinds.items()}
