"""Temporal expressions in news text, resolved against the publication date.

:func:`find_dates` finds dates ("Tuesday", "Aug. 7", "last week", "in April", "a year ago",
"the third quarter"), times ("Monday evening", "10:35 a.m."), durations ("two years") and
frequencies ("daily") in a text and gives each a TimeML-style value: "on Tuesday" in an article
published on Wednesday 20 August 2025 is ``2025-08-19``.

How relative expressions are placed, as general rules (the same for every outlet and set):

- News reports the recent past: a weekday, a month or a date without a year is the most
  recent one not after the publication date, unless the verb governing it is in the future
  ("will meet on Tuesday", "is scheduled to close Monday"): then it is the coming one. The
  weekday of the publication day itself is the publication day unless "last" or "next" says
  otherwise (:func:`resolve_weekday`). The tense comes from :func:`tense_at`.
- A date written without a year that falls within the next :data:`NEAR_FUTURE_DAYS` is
  taken ahead whatever the tense: such dates are deadlines and schedules ("declared a
  dividend payable Dec. 15"), except right after a past verb and "on" ("was signed on
  Oct. 30"). A weekday written beside it ("Monday, Oct. 26") picks the year.
- "the next day", "that year", "a year earlier", "the previous Friday" hang on the last date
  the text mentioned (or on the publication date when it mentioned none); "last week",
  "tomorrow", "two days ago" hang on the publication date.
- Without a publication date, relative expressions keep TimeML's unknown digits
  ("XXXX-WXX-2" for a Tuesday) and are marked ``anchored=False``.

The vocabulary (month and weekday names, number words, holidays, tense cues...) lives in
``extract/data/temporal.toml``; the grammar that combines it is the regular expressions below.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["TimeExpression", "find_dates", "parse_published", "resolve_weekday", "tense_at"]

PAST = "past"
FUTURE = "future"
#: A past-tense verb right before "on" and a date ("was signed on Oct. 30"): the date is when
#: the past event happened. (Elsewhere a past verb may set a deadline still ahead: "extended
#: the offer to Nov. 16", "declared a dividend payable Dec. 15".)
PAST_ON = "past-on"

#: How far (in characters) to look around an expression for the verb that governs it. A news
#: sentence rarely runs past 300 characters; the search also stops at the sentence's end.
TENSE_WINDOW = 300

#: How many words away from the expression a tense cue may be to count. A judgement, not
#: tuned on any set: the governing verb usually sits within a dozen words of its adverbial
#: ("said in a statement released in Brussels on Tuesday"); further away it usually belongs to
#: another clause.
TENSE_MAX_WORDS = 14

#: Two-digit years ("'98") belong to the century that puts them at most this many years after
#: the publication year (or after 2000 without one).
TWO_DIGIT_YEAR_LEAD = 10

#: A date written without a year that falls at most this many days (about a quarter) after
#: publication is taken in the coming weeks, whatever the tense: explicit dates a few weeks
#: ahead are scheduled events (payment dates, deadlines, meetings) even in past-tense
#: sentences ("declared a dividend payable Dec. 15"). Checked on TimeBank (TempEval-3
#: training): of its dates written without a year, those meant ahead lay at most 98 days
#: ahead, and of those meant in the past only one had its next occurrence within 90 days.
NEAR_FUTURE_DAYS = 90

#: A date that sets a narrative's scene ("On March 3, ...") becomes the reference time of the
#: bare weekdays after it when it lies more than this many days before publication: a bare
#: weekday resolved from the publication date cannot reach it. A nearer date needs no
#: reference of its own. Fixed by that reasoning (a week), not tuned on any set.
NARRATIVE_MIN_DAYS = 7

#: ... and at most this many days before it: news names the days of the last two weeks by
#: their weekday, older ones by their date, so a scene set further back is a flashback and the
#: bare weekdays after it belong to the news of the day. Checked on TimeBank: the one
#: narrative set 9 days back dates its weekdays by its scene; the five scenes set 19 days to
#: 50 years back were flashbacks followed by weekdays of the publication week.
NARRATIVE_MAX_DAYS = 14

#: With the future tense a date without a year is the coming one, unless that is more than
#: half a year away and the past one is nearer: then the tense cue was most likely another
#: clause's ("hoped she would bring aid to the victims of the Aug. 7 blasts").
FUTURE_TENSE_REACH_DAYS = 183


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression found in a text.

    ``start``/``end`` are offsets into the text given to :func:`find_dates` (end exclusive)
    and ``text`` is ``text[start:end]``. ``type`` is the TimeML type: DATE, TIME, DURATION or
    SET. ``value`` is the TimeML value ("2025-08-19", "2025-W34", "2025-08", "2025-Q3",
    "2025-SU", "2025", "202" for the 2020s, "PRESENT_REF", "P1M", "2025-08-18TEV", "XXXX-08"
    when the year is unknown). ``granularity`` names the unit of the value ("day", "week",
    "weekend", "month", "quarter", "half", "season", "year", "decade", "century", "time",
    "hour", "minute", "second" or "reference" for PRESENT_REF/PAST_REF/FUTURE_REF).
    ``anchored`` is true when the value was computed from an anchor, the publication date or
    an earlier date of the text, rather than read off the words themselves: "Tuesday" and
    "last week" are anchored, "Aug. 7, 1998" and "two years" are not.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    granularity: str
    anchored: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- vocabulary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    letter: str
    count: int
    time: bool
    calendar: bool


@dataclass(frozen=True)
class _Vocabulary:
    """The contents of ``temporal.toml``, normalised for look-ups (all keys lower case)."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    month_context_before: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    numbers: dict[str, float]
    fuzzy_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, _Unit]
    unit_plurals: dict[str, str]
    seasons: dict[str, str]
    season_start_month: dict[str, int]
    parts_of_day: dict[str, str]
    deictic_days: dict[str, int]
    references: dict[str, str]
    determiners: dict[str, tuple[int, bool]]
    positions: tuple[str, ...]
    holidays: dict[str, dict[str, int]]
    sets: dict[str, str]
    decade_words: tuple[str, ...]
    season_prepositions: frozenset[str]
    the_unit_not_before: frozenset[str]
    time_zones: tuple[str, ...]
    year_first: int
    year_last: int
    year_not_before: frozenset[str]
    year_not_after: frozenset[str]
    future_cues: frozenset[str]
    future_suffixes: tuple[str, ...]
    future_with_to: frozenset[str]
    past_prepositions: tuple[str, ...]
    future_prepositions: tuple[str, ...]
    past_cues: frozenset[str]
    not_past_ed: frozenset[str]
    participle_auxiliaries: frozenset[str]
    be_forms: frozenset[str]
    schedule_verbs: frozenset[str]
    not_before_schedule: frozenset[str]
    subordinators: tuple[tuple[str, ...], ...]
    adverbs_between: frozenset[str]
    clause_breaks: frozenset[str]
    abbreviations: frozenset[str]


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in table.items()}


@cache
def _vocabulary() -> _Vocabulary:
    """Load ``temporal.toml`` once per process."""
    text = resources.files("storyline.extract").joinpath("data/temporal.toml").read_text("utf-8")
    data = tomllib.loads(text)
    tense = data["tense"]
    units = {
        name: _Unit(
            letter=spec["letter"],
            count=int(spec.get("count", 1)),
            time=bool(spec.get("time", False)),
            calendar=bool(spec.get("calendar", False)),
        )
        for name, spec in data["units"].items()
    }
    return _Vocabulary(
        months=_lower_keys(data["months"]),
        month_abbreviations=_lower_keys(data["month_abbreviations"]),
        ambiguous_months=frozenset(data["month_rules"]["ambiguous"]),
        month_context_before=frozenset(data["month_rules"]["month_context_before"]),
        weekdays=_lower_keys(data["weekdays"]),
        weekday_abbreviations=_lower_keys(data["weekday_abbreviations"]),
        numbers={k.lower(): float(v) for k, v in data["numbers"].items()},
        fuzzy_numbers=tuple(data["fuzzy_numbers"]["words"]),
        ordinals=_lower_keys(data["ordinals"]),
        units=units,
        unit_plurals=_lower_keys(data["unit_plurals"]),
        seasons=_lower_keys(data["seasons"]),
        season_start_month=dict(data["season_start_month"]),
        parts_of_day=_lower_keys(data["parts_of_day"]),
        deictic_days=_lower_keys(data["deictic_days"]),
        references=_lower_keys(data["references"]),
        determiners={
            k.lower(): (int(v["step"]), bool(v.get("anaphoric", False)))
            for k, v in data["relative_determiners"].items()
        },
        positions=tuple(data["position_modifiers"]["words"]),
        holidays=_lower_keys(data["holidays"]),
        sets=_lower_keys(data["sets"]),
        decade_words=tuple(data["decades"]["words"]),
        season_prepositions=frozenset(data["context"]["season_prepositions"]),
        the_unit_not_before=frozenset(data["context"]["the_unit_not_before"]),
        time_zones=tuple(data["clock"]["time_zones"]),
        year_first=int(data["years"]["first"]),
        year_last=int(data["years"]["last"]),
        year_not_before=frozenset(data["years"]["not_before"]),
        year_not_after=frozenset(data["years"]["not_after"]),
        future_cues=frozenset(tense["future"]),
        future_suffixes=tuple(tense["future_suffixes"]),
        future_with_to=frozenset(tense["future_with_to"]),
        past_prepositions=tuple(tense["past_prepositions"]),
        future_prepositions=tuple(tense["future_prepositions"]),
        past_cues=frozenset(tense["past"]),
        not_past_ed=frozenset(tense["not_past_ed"]),
        participle_auxiliaries=frozenset(tense["participle_auxiliaries"]),
        be_forms=frozenset(tense["be_forms"]),
        schedule_verbs=frozenset(tense["schedule_verbs"]),
        not_before_schedule=frozenset(tense["not_before_schedule"]),
        subordinators=tuple(tuple(p.split()) for p in tense["subordinators"]),
        adverbs_between=frozenset(tense["adverbs_between"]),
        clause_breaks=frozenset(tense["clause_breaks"]),
        abbreviations=frozenset(data["sentences"]["abbreviations"]),
    )


# -- calendar arithmetic -------------------------------------------------------------------


def parse_published(published: str | date | None) -> date | None:
    """The publication day of ``published`` (an ISO date or date-time string, a ``date`` or a
    ``datetime``); ``None`` when it is missing, cannot be read, or lies outside the years
    ``temporal.toml`` accepts (a year 1 or 9999 publication date is a placeholder)."""
    if published is None:
        return None
    if isinstance(published, datetime):
        day: date | None = published.date()
    elif isinstance(published, date):
        day = published
    else:
        text = str(published).strip()
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            try:
                day = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                return None
    return day if _year_range_ok(day.year) else None


def _add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week_value(day: date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year}-W{week:02d}"


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, step: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + step
    return index // 4, index % 4 + 1


def _nth_weekday(year: int, month: int, weekday: int, nth: int, not_before_day: int = 1) -> date:
    """The ``nth`` given weekday of a month (``nth=-1``: the last one), on or after
    ``not_before_day``."""
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, not_before_day)
    first += timedelta(days=(weekday - first.weekday()) % 7)
    return first + timedelta(weeks=nth - 1)


def resolve_weekday(
    weekday: int | str,
    published: str | date,
    tense: str | None = None,
    modifier: str | None = None,
) -> date:
    """The day a weekday name refers to in an article published on ``published``.

    ``weekday`` is 0-6 (Monday = 0) or an English name. Without a modifier the weekday is
    the most recent one on or before the publication day, or with ``tense="future"`` the
    coming one on or after it: the publication day's own weekday is the publication day.
    ``modifier`` "last" (or "this past", "previous") gives the most recent one strictly
    before, "next" (or "this coming", "following") the first one strictly after; "this" is
    the coming one, or the recent one with ``tense="past"``. Month and year ends are crossed
    by plain date arithmetic ("Monday" on Thursday 1 January 2026 is 29 December 2025).
    Raises ``ValueError`` for an unknown weekday name or an unreadable publication date.
    """
    if isinstance(weekday, str):
        names = _vocabulary().weekdays
        key = weekday.strip().lower()
        if key not in names:
            raise ValueError(f"not a weekday name: {weekday!r}")
        weekday = names[key]
    day = parse_published(published)
    if day is None:
        raise ValueError(f"not a publication date: {published!r}")
    back = (day.weekday() - weekday) % 7
    ahead = (weekday - day.weekday()) % 7
    mod = (modifier or "").lower()
    if mod in ("last", "this past", "past", "previous", "the previous", "the preceding"):
        return day - timedelta(days=back or 7)
    if mod in ("next", "this coming", "coming", "following", "the following", "the next"):
        return day + timedelta(days=ahead or 7)
    if mod == "this":
        return day - timedelta(days=back) if tense == PAST else day + timedelta(days=ahead)
    if tense == FUTURE:
        return day + timedelta(days=ahead)
    return day - timedelta(days=back)


def _pick_year(
    month: int, day: int | None, published: date, tense: str | None, weekday: int | None = None
) -> int | None:
    """The year of a month (``day=None``) or of a month and day written without a year.

    A month is the most recent one not after publication, or with the future tense the
    first one not before it. A full date is the most recent occurrence not after
    publication unless the next one is at most :data:`NEAR_FUTURE_DAYS` ahead; with the
    future tense it is the next occurrence unless that lies beyond
    :data:`FUTURE_TENSE_REACH_DAYS` and the past one is nearer. A weekday written beside the
    date ("Monday, Oct. 26") picks the year in which the date falls on it.
    """
    base = published.year
    if day is None:
        if tense == FUTURE:
            return base if month >= published.month else base + 1
        return base if month <= published.month else base - 1
    options = [
        (year, d)
        for year in (base - 1, base, base + 1)
        if (d := _safe_date(year, month, day)) is not None
    ]
    if weekday is not None:
        matching = [item for item in options if item[1].weekday() == weekday]
        options = matching or options
    if not options:
        return None
    earlier = [item for item in options if item[1] <= published]
    later = [item for item in options if item[1] > published]
    recent = max(earlier, key=lambda item: item[1]) if earlier else None
    coming = min(later, key=lambda item: item[1]) if later else None
    if recent is None or coming is None:
        return (recent or coming)[0]  # type: ignore[index]
    ahead = (coming[1] - published).days
    back = (published - recent[1]).days
    if tense == FUTURE:
        return recent[0] if ahead > FUTURE_TENSE_REACH_DAYS and back < ahead else coming[0]
    if tense == PAST_ON:
        return recent[0]
    return coming[0] if ahead <= NEAR_FUTURE_DAYS else recent[0]


# -- tense ---------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[;:]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*\n")


def _ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` closes an abbreviation ("Aug.", "U.S.", "J.") rather than
    a sentence."""
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    return bool(word) and (
        word.group(1).lower() in _vocabulary().abbreviations or len(word.group(1)) == 1
    )


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins (looking back at most TENSE_WINDOW)."""
    begin = max(0, start - TENSE_WINDOW)
    for match in _SENTENCE_END.finditer(text, begin, start):
        if not (match.group().startswith(".") and _ends_abbreviation(text, match.start())):
            begin = match.end()
    return begin


def _sentence_end(text: str, end: int) -> int:
    """Where the sentence holding ``end`` ends (looking ahead at most TENSE_WINDOW)."""
    for match in _SENTENCE_END.finditer(text, end, min(len(text), end + TENSE_WINDOW)):
        if not (match.group().startswith(".") and _ends_abbreviation(text, match.start())):
            return match.start() + 1
    return min(len(text), end + TENSE_WINDOW)


def _is_past_form(word: str, vocab: _Vocabulary) -> bool:
    """Whether a lower-case word reads as a past form: listed, or a regular -ed form."""
    if word in vocab.past_cues:
        return True
    return (
        len(word) > 4
        and word.endswith("ed")
        and word not in vocab.not_past_ed
        and not (word.endswith("eed") and word not in ("agreed", "freed", "guaranteed"))
    )


def _cue(words: list[str], index: int, vocab: _Vocabulary) -> str | None:
    """The tense a word marks in its place (``None`` for no cue)."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in vocab.future_with_to and following in ("to", "for"):
        return FUTURE
    if word in vocab.future_cues or word.endswith(vocab.future_suffixes):
        return FUTURE
    if word in vocab.schedule_verbs and (
        index == 0 or words[index - 1] not in vocab.not_before_schedule
    ):
        return FUTURE
    if _is_past_form(word, vocab):
        return PAST
    return None


#: How many words a subordinate clause's subject may take between its conjunction and its
#: verb ("as soon as trading opened", "until the central bank reopened"). A judgement: a
#: subject of one to three words covers most news clauses of this kind.
SUBORDINATE_SUBJECT_WORDS = 3


def _in_subordinate_clause(words: list[str], index: int, vocab: _Vocabulary) -> bool:
    """Whether the verb at ``index`` opens a temporal subordinate clause ("as soon as trading
    opened"): its tense follows the main clause's, which governs the expression."""
    for gap in range(SUBORDINATE_SUBJECT_WORDS + 1):
        for phrase in vocab.subordinators:
            stop = index - gap
            if stop - len(phrase) >= 0 and tuple(words[stop - len(phrase) : stop]) == phrase:
                return True
    return False


def _governing_tense(words: list[str], vocab: _Vocabulary) -> str | None:
    """The first tense cue in ``words`` (the words before an expression, in text order)
    reading leftwards from the expression; a participle after be/been/have/to defers to the
    cue before its auxiliary ("will be held" is future, "was held" past)."""
    index = len(words) - 1
    scanned = 0
    while index >= 0 and scanned < TENSE_MAX_WORDS:
        word = words[index]
        if word in vocab.clause_breaks:
            return None
        tense = _cue(words, index, vocab)
        if tense == PAST and _in_subordinate_clause(words, index, vocab):
            index -= 1
            scanned += 1
            continue
        if tense == PAST and word not in ("was", "were", "had", "has", "did"):
            # A participle after be/been/have/to takes the tense of what governs them.
            before = index - 1
            while before >= 0 and (
                words[before] in vocab.adverbs_between
                or (words[before].endswith("ly") and len(words[before]) > 4)
            ):
                before -= 1
            if before >= 0 and words[before] in vocab.participle_auxiliaries:
                index = before - 1
                scanned += 1
                continue
        if tense is not None:
            return tense
        index -= 1
        scanned += 1
    return None


def tense_at(text: str, start: int, end: int, *, left: bool = True) -> str | None:
    """The tense of the verb that governs ``text[start:end]``: "past", "future" or ``None``.

    Looks in the expression's sentence: first at a preposition right before it ("since
    Monday" is past, "as early as Tuesday" future), then leftwards for the nearest tense cue
    ("will", "is scheduled to", "said", "-ed" forms; a participle after "be" or "have" takes
    the tense of its auxiliary, so "will be held" is future), then rightwards ("On Tuesday,
    the council will vote"). The cue words live in ``temporal.toml``. ``left=False`` skips
    the words before the expression: a possessive ("Wednesday's ruling") names an event of
    its own that the verb before it does not govern.
    """
    vocab = _vocabulary()
    if not left:
        return _right_tense(text, end, vocab)
    before = text[_sentence_start(text, start) : start]
    tail = before[-30:].lower().rstrip()
    if tail.endswith(" on") or tail == "on":
        tail = tail[:-2].rstrip()
    for phrase in vocab.past_prepositions:
        if tail.endswith(phrase) and (
            len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalpha()
        ):
            return PAST
    for phrase in vocab.future_prepositions:
        if tail.endswith(phrase) and (
            len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalpha()
        ):
            return FUTURE
    left_words = [w.lower() for w in _WORD.findall(before)]
    tense = _governing_tense(left_words, vocab)
    if tense is not None:
        return tense
    if any(w in vocab.clause_breaks for w in left_words[-TENSE_MAX_WORDS:]):
        return None
    return _right_tense(text, end, vocab, fronted=True)


def _right_tense(text: str, end: int, vocab: _Vocabulary, *, fronted: bool = False) -> str | None:
    right = text[end : _sentence_end(text, end)]
    right_words = [w.lower() for w in _WORD.findall(right)][:TENSE_MAX_WORDS]
    for index, word in enumerate(right_words):
        if word in vocab.clause_breaks:
            break
        tense = _cue(right_words, index, vocab)
        if (
            fronted
            and tense == FUTURE
            and _is_past_form(word, vocab)
            and (index == 0 or right_words[index - 1] not in vocab.be_forms)
        ):
            # A fronted adverbial dates the verb it stands before: in "On Friday, the
            # government planned to pay" the planning happened on Friday, in the past.
            tense = PAST
        if tense is not None:
            # "Tuesday's vote will be ..." / "On Tuesday the minister said ...": the first
            # cue after the expression is its verb or that verb's auxiliary.
            return tense
    return None


# -- grammar -------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(slots=True)
class _Mention:
    """A matched expression before resolution: its span, its kind and what was read."""

    start: int
    end: int
    kind: str
    info: dict[str, Any] = field(default_factory=dict)
    rank: int = 0


_Handler = Callable[[re.Match[str], str], list[_Mention]]


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
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DIGITS = "one|two|three|four|five|six|seven|eight|nine"
_YEAR_WORDS = (
    rf"(?:(?:nineteen|twenty)[\s-](?:hundred|(?:{_TENS})(?:[\s-](?:{_DIGITS}))?|{_TEENS}"
    rf"|oh[\s-](?:{_DIGITS}))|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[\s-](?:{_DIGITS}))?"
    rf"|{_TEENS}|{_DIGITS}))?)"
)
_YEAR_DIGITS = r"(?:1\d|2[01])\d\d(?![\d%]|[.,]\d|-year)"
_YEAR = rf"(?:{_YEAR_DIGITS}|['’]\d\d(?!\d)|{_YEAR_WORDS}\b)"


def _word_number(text: str) -> int | None:
    """The value of "ninety-six", "nineteen", "oh-five"."""
    vocab = _vocabulary()
    total = 0
    for part in re.split(r"[\s-]+", text.lower()):
        if part in ("and", ""):
            continue
        if part == "oh":
            continue
        value = vocab.numbers.get(part)
        if value is None:
            return None
        if value == 100:
            total = (total or 1) * 100
        else:
            total += int(value)
    return total


def _parse_year(text: str, published: date | None) -> int | None:
    """A year written as digits, as "'98", or in words ("nineteen ninety-six")."""
    text = text.strip()
    if text[:1] in ("'", "’"):
        two = int(text[1:3])
        lead = (published.year if published else 2000) + TWO_DIGIT_YEAR_LEAD
        century = lead // 100 * 100
        year = century + two
        return year if year <= lead else year - 100
    if text[:1].isdigit():
        return int(text[:4])
    words = text.lower().split(None, 1)
    if words[0] == "two":
        rest = re.sub(r"^thousand\s*", "", words[1] if len(words) > 1 else "")
        return 2000 + (_word_number(rest) or 0) if rest else 2000
    head = 1900 if words[0] == "nineteen" else 2000
    rest = words[1] if len(words) > 1 else ""
    if rest == "hundred":
        return head
    value = _word_number(rest)
    return None if value is None else head + value


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word at ``start`` follows another capitalised word in the same
    sentence (so is part of a name or a title rather than a sentence opener)."""
    before = text[max(0, start - 40) : start].rstrip()
    if not before or before[-1] in ".!?:;\"'“”‘’(\n" or before.endswith(("``", "--", "_")):
        return False
    word = re.search(r"([A-Za-z]+)$", before)
    return bool(word and word.group(1)[0].isupper())


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z$£€#]+\.?)[\s,(]*$", text[max(0, start - 24) : start])
    return match.group(1).lower().rstrip(".") if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s*([A-Za-z%]+)", text[end : end + 24])
    return match.group(1) if match else ""


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


# -- rule handlers: read a match into mentions, or reject it -------------------------------


def _month_number(word: str) -> int | None:
    vocab = _vocabulary()
    key = word.lower().rstrip(".")
    return vocab.months.get(key) or vocab.month_abbreviations.get(key)


def _weekday_number(word: str | None) -> int | None:
    if not word:
        return None
    vocab = _vocabulary()
    key = word.lower()
    return vocab.weekdays.get(key, vocab.weekday_abbreviations.get(key))


def _month_ok(match: re.Match[str], text: str, standalone: bool) -> bool:
    """A month name counts when it is capitalised; "May"/"March" alone need context."""
    word = match.group("month")
    if not _capitalised(word):
        return False
    if standalone and word.lower() in _vocabulary().ambiguous_months:
        det = match.groupdict().get("det")
        return bool(det) or _previous_word(text, match.start("month")) in (
            _vocabulary().month_context_before
        )
    return True


def _year_range_ok(year: int | None) -> bool:
    vocab = _vocabulary()
    return year is not None and vocab.year_first <= year <= vocab.year_last


def _on_month_day(match: re.Match[str], text: str) -> list[_Mention]:
    if not _month_ok(match, text, standalone=False):
        return []
    wd = match.group("wd")
    if wd and not _capitalised(wd):
        return []
    info = {
        "month": _month_number(match.group("month")),
        "day": int(match.group("day")),
        "weekday": _weekday_number(wd),
        "year_text": match.group("year"),
    }
    if match.group("day2"):
        first_end = match.end("day")
        if first_end < len(text) and text[first_end : first_end + 2] in ("st", "nd", "rd", "th"):
            first_end += 2
        second = dict(info, day=int(match.group("day2")), weekday=None)
        return [
            _Mention(match.start(), first_end, "date", info),
            _Mention(match.start("day2"), match.end(), "date", second),
        ]
    return [_Mention(match.start(), match.end(), "date", info)]


def _on_day_month(match: re.Match[str], text: str) -> list[_Mention]:
    if not _month_ok(match, text, standalone=False):
        return []
    wd = match.group("wd")
    if wd and not _capitalised(wd):
        return []
    info = {
        "month": _month_number(match.group("month")),
        "day": int(match.group("day")),
        "weekday": _weekday_number(wd),
        "year_text": match.group("year"),
    }
    if match.group("day2"):
        first = dict(info, day=int(match.group("day")))
        second = dict(info, day=int(match.group("day2")), weekday=None)
        return [
            _Mention(match.start(), match.end("day"), "date", first),
            _Mention(match.start("day2"), match.end(), "date", second),
        ]
    return [_Mention(match.start(), match.end(), "date", info)]


def _on_iso(match: re.Match[str], text: str) -> list[_Mention]:
    info: dict[str, Any] = {
        "month": int(match.group("month")),
        "day": int(match.group("day")),
        "year_text": match.group("year"),
        "weekday": None,
    }
    if match.group("hour"):
        info.update(hour=int(match.group("hour")), minute=int(match.group("minute")))
        return [_Mention(match.start(), match.end(), "clock_date", info)]
    return [_Mention(match.start(), match.end(), "date", info)]


def _on_slashed(match: re.Match[str], text: str) -> list[_Mention]:
    a, b = int(match.group("a")), int(match.group("b"))
    if a > 12 >= b >= 1:
        month, day = b, a
    elif b > 12 >= a >= 1:
        month, day = a, b
    else:
        # 3/4/2025 is 4 March in New York and 3 April in London: no guess.
        return []
    info = {"month": month, "day": day, "year_text": match.group("year"), "weekday": None}
    return [_Mention(match.start(), match.end(), "date", info)]


def _on_month_year(match: re.Match[str], text: str) -> list[_Mention]:
    if not _month_ok(match, text, standalone=False):
        return []
    rel = match.group("yrel")
    info = {
        "month": _month_number(match.group("month")),
        "year_text": match.group("year"),
        "year_step": {"last": -1, "this": 0, "next": 1}.get((rel or "").lower()),
    }
    return [_Mention(match.start(), match.end(), "month", info)]


def _on_month(match: re.Match[str], text: str) -> list[_Mention]:
    if not _month_ok(match, text, standalone=True):
        return []
    det = (match.group("det") or "").lower()
    det = re.sub(r"\s+", " ", det)
    if not det:
        following = _next_word(text, match.end())
        before = _previous_word(text, match.start())
        # "April Smith", "June Carter": a month followed by a capitalised word is a name
        # unless a temporal word comes before it.
        if (
            following[:1].isupper()
            and before not in _vocabulary().month_context_before
            and following.lower() not in _vocabulary().months
        ):
            return []
    info = {"month": _month_number(match.group("month")), "det": det or None}
    return [_Mention(match.start(), match.end(), "month", info)]


def _on_year(match: re.Match[str], text: str) -> list[_Mention]:
    vocab = _vocabulary()
    year_text = match.group("year")
    fiscal = match.group("fiscal")
    if year_text[:1].isdigit() and not fiscal:
        # "1,990", "19:90", "$1990" are numbers; "about 2000", "Flight 1990" counts or labels;
        # "1990 people" a count.
        prev_char = text[match.start() - 1] if match.start() else ""
        if prev_char and (prev_char.isdigit() or prev_char in ",.:$£€#"):
            return []
        if _previous_word(text, match.start("year")) in vocab.year_not_before:
            return []
        if _next_word(text, match.end()).lower() in vocab.year_not_after:
            return []
    start = match.start() if fiscal else match.start("year")
    if match.group("year2"):
        first_end = match.end("year")
        return [
            _Mention(start, first_end, "year", {"year_text": year_text}),
            _Mention(
                match.start("year2"),
                match.end(),
                "year",
                {
                    "year_text": match.group("year2"),
                    "after": year_text,
                },
            ),
        ]
    return [_Mention(start, match.end(), "year", {"year_text": year_text})]


def _on_decade(match: re.Match[str], text: str) -> list[_Mention]:
    if match.group("decade"):
        info = {"decade": int(match.group("decade")) // 10}
    elif match.group("short"):
        info = {"short": int(match.group("short"))}
    else:
        tens = _vocabulary().decade_words.index(match.group("words").lower()) + 2
        info = {"short": tens * 10}
    return [_Mention(match.start(), match.end(), "decade", info)]


def _on_century(match: re.Match[str], text: str) -> list[_Mention]:
    if match.group("det"):
        det = re.sub(r"\s+", " ", match.group("det").lower())
        step = {"last": -1, "the last": -1, "the previous": -1, "next": 1}.get(det, 0)
        return [_Mention(match.start(), match.end(), "century", {"step": step})]
    number = match.group("num")
    ordinal = int(number) if number else _vocabulary().ordinals[match.group("ord").lower()]
    return [_Mention(match.start(), match.end(), "century", {"ordinal": ordinal})]


_QUARTER_ORDINALS = dict(first=1, second=2, third=3, fourth=4, final=-1)
_QUARTER_ORDINALS.update({"1st": 1, "2nd": 2, "3rd": 3, "4th": 4})
#: Words before "quarter" that say which one, most specific first ("the latest" before "last").
_QUARTER_DETERMINERS = (
    "the latest",
    "latest",
    "most recent",
    "the current",
    "current",
    "this",
    "last",
    "next",
    "that",
    "same",
    "previous",
    "preceding",
    "prior",
)


def _on_quarter(match: re.Match[str], text: str) -> list[_Mention]:
    if match.group("plural"):
        return []
    pre = re.sub(r"year-(ago|earlier|before)", r"year\1", match.group("pre").lower())
    words = [w for w in re.split(r"[\s-]+", pre) if w]
    unit = match.group("unit").lower()
    info: dict[str, Any] = {
        "unit": unit,
        "ordinal": None,
        "year": None,
        "year_step": None,
        "det": None,
        "previous_year": False,
    }
    joined = " ".join(words)
    for index, word in enumerate(words):
        if word in _QUARTER_ORDINALS:
            info["ordinal"] = _QUARTER_ORDINALS[word]
        elif word == "last" and index == len(words) - 1 and index > 0 and words[index - 1] == "the":
            info["ordinal"] = -1  # "the last quarter (of 1990)"
        elif word.isdigit() and len(word) == 4:
            info["year"] = int(word)
        elif word in ("yearago", "yearearlier", "yearbefore", "comparable", "corresponding"):
            info["previous_year"] = True
        elif word in ("year's", "year’s") and index > 0:
            info["year_step"] = {"last": -1, "this": 0, "next": 1}.get(words[index - 1])
    if match.group("year2"):
        info["year"] = int(match.group("year2"))
    if info["year_step"] is None:
        for det in _QUARTER_DETERMINERS:
            if re.search(rf"(^|\s){det}(\s|$)", joined):
                info["det"] = det.replace("the ", "")
                break
    if (
        info["ordinal"] is None
        and info["year"] is None
        and info["det"] is None
        and (not info["previous_year"])
    ):
        if words[-1:] != ["the"] and "fiscal" not in words:
            return []
        info["det"] = "the"
    if unit == "half" and info["ordinal"] is None:
        # "half" alone is too often "half of the shares".
        return []
    if unit == "period":
        # "the period" alone is any stretch of time; "the year-ago period", "the latest
        # period", "the 1988 period" are the reporting period (a quarter) of financial news.
        if info["ordinal"] is not None or not (
            info["previous_year"]
            or info["year"] is not None
            or info["det"] in ("the latest", "latest", "most recent", "same")
        ):
            return []
        info["unit"] = "quarter"
    if info["ordinal"] == -1:
        info["ordinal"] = 4 if unit == "quarter" else 2
    # The span starts at the first word that belongs to the expression ("its" does not).
    start = match.start("pre")
    lead = re.match(r"(?:its|their)\s+", match.group("pre"), re.IGNORECASE)
    if lead:
        start += lead.end()
    return [_Mention(start, match.end(), "quarter", info)]


def _on_quarter_code(match: re.Match[str], text: str) -> list[_Mention]:
    letter = match.group("letter")
    number = int(match.group("n"))
    if not letter.isupper() or (letter.upper() == "H" and number > 2):
        return []
    year_text = match.group("y1") or match.group("y2")
    year = int(year_text) if year_text else None
    if match.group("yy"):
        year = _parse_year("'" + match.group("yy"), None)
    if letter.upper() == "H" and year is None:
        return []  # "H2" alone is as likely hydrogen as a half-year
    info = {
        "unit": "quarter" if letter.upper() == "Q" else "half",
        "ordinal": number,
        "year": year,
        "year_step": None,
        "det": None,
        "previous_year": False,
    }
    return [_Mention(match.start(), match.end(), "quarter", info)]


def _on_season(match: re.Match[str], text: str) -> list[_Mention]:
    det = re.sub(r"\s+", " ", (match.group("det") or "").lower())
    season = _vocabulary().seasons[match.group("season").lower()]
    has_year = bool(match.group("year"))
    if det == "the" and not has_year:
        # "in the fall" is a season; "the fall of the Berlin Wall" is not.
        following = _next_word(text, match.end()).lower()
        if following in ("of", "in") or (
            _previous_word(text, match.start()) not in _vocabulary().season_prepositions
        ):
            return []
        det = ""
    elif det in ("early", "late", "mid", "mid-"):
        det = ""
    elif not det and not has_year:
        if _previous_word(text, match.start()) not in _vocabulary().season_prepositions:
            return []
        if season == "FA" or _next_word(text, match.end()).lower() in ("of",):
            return []
    info = {"season": season, "det": det or None, "year_text": match.group("year")}
    return [_Mention(match.start(), match.end(), "season", info)]


def _on_weekday(match: re.Match[str], text: str) -> list[_Mention]:
    word = match.group("wd")
    if not _capitalised(word):
        return []
    weekday = _weekday_number(word)
    det = re.sub(r"\s+", " ", (match.group("det") or "").lower()) or None
    part = match.group("part")
    end = match.end()
    if match.group("poss") and not part:
        end = match.start("poss")
    if match.group("plural"):
        return [_Mention(match.start(), end, "set_weekday", {"weekday": weekday, "part": part})]
    info = {
        "weekday": weekday,
        "det": det,
        "part": part.lower() if part else None,
        "possessive": bool(match.group("poss")),
    }
    return [_Mention(match.start(), end, "weekday", info)]


def _on_deictic(match: re.Match[str], text: str) -> list[_Mention]:
    vocab = _vocabulary()
    if match.group("only"):
        det = match.group("det").lower()
        part = match.group("only").lower()
        offset = -1 if det == "last" and part in ("night", "evening") else 0
        if det == "last" and part not in ("night", "evening"):
            return []
        info = {"offset": offset, "part": part, "named_day": False}
        return [_Mention(match.start(), match.end(), "deictic", info)]
    word = re.sub(r"\s+", " ", match.group("word").lower())
    part = match.group("part")
    end = match.end()
    if match.group("poss") and not part:
        end = match.start("poss")
    if word == "tonight":
        info = {"offset": 0, "part": "night", "named_day": False}
        return [_Mention(match.start(), end, "deictic", info)]
    if word == "today" and match.group("word")[0] == "T" and _inside_name(text, match.start()):
        # "USA Today", "VOA Today": a name, not the day.
        return []
    info = {"offset": vocab.deictic_days[word], "part": part.lower() if part else None}
    return [_Mention(match.start(), end, "deictic", info)]


_REFERENCE_NOT_BEFORE = frozenset({"after", "before", "as", "thereafter", "afterwards", "enough"})


def _on_reference(match: re.Match[str], text: str) -> list[_Mention]:
    vocab = _vocabulary()
    phrase = re.sub(r"\s+", " ", match.group().lower())
    following = _next_word(text, match.end()).lower()
    if phrase == "soon" and (
        following in _REFERENCE_NOT_BEFORE or _previous_word(text, match.start()) == "as"
    ):
        # "soon after the attack", "as soon as": a signal or a conjunction, not a time.
        return []
    if phrase.startswith("the ") and (
        following in vocab.numbers
        or following in vocab.fuzzy_numbers
        or following in ("few", "several", "many")
        or following[:1].isdigit()
        or _unit_name(following) in vocab.units
        or following in vocab.seasons
    ):
        # "the past three summers", "the past few weeks": a period, read by other rules.
        return []
    return [
        _Mention(
            match.start(),
            match.end(),
            "reference",
            {
                "value": vocab.references[phrase],
            },
        )
    ]


def _on_relative(match: re.Match[str], text: str) -> list[_Mention]:
    vocab = _vocabulary()
    unit = match.group("unit").lower()
    if match.group("unit")[0].isupper() and not match.group().isupper():
        # "This Week" (with David Brinkley), "Next Year in Jerusalem": a title.
        return []
    part = vocab.parts_of_day.get(unit)
    if match.group("the"):
        if part:
            return []
        info = {"unit": unit, "step": 0, "anaphoric": True, "det": "the"}
        return [_Mention(match.start(), match.end(), "relative", info)]
    det = re.sub(r"\s+", " ", match.group("det").lower())
    if det == "the":
        # "the year", "the week": the one the text is about. Not "the year before" or "the
        # week of March 6", which need what follows.
        following = _next_word(text, match.end()).lower()
        if unit not in ("year", "week") or following in vocab.the_unit_not_before:
            return []
        step, anaphoric = 0, True
    else:
        step, anaphoric = vocab.determiners[det]
    if part:
        # "the next morning", "that evening": a part of a day the text already named.
        if not anaphoric:
            return []
        info = {"unit": "day", "step": step, "anaphoric": True, "det": det, "part": unit}
        return [_Mention(match.start(), match.end(), "relative", info)]
    if unit == "day" and not anaphoric:
        # "next day" / "last day" outside "the next day" are rarely a date ("on the last day
        # of the talks"); "this day" is mostly "to this day".
        return []
    if unit == "weekend" and det in ("this", "the"):
        return (
            []
            if det == "the"
            else [
                _Mention(
                    match.start(),
                    match.end(),
                    "relative",
                    {"unit": unit, "step": 0, "anaphoric": False, "det": det},
                )
            ]
        )
    info = {"unit": unit, "step": step, "anaphoric": anaphoric, "det": det}
    return [_Mention(match.start(), match.end(), "relative", info)]


def _on_the_weekend(match: re.Match[str], text: str) -> list[_Mention]:
    info = {"unit": "weekend", "step": None, "anaphoric": False, "det": "the"}
    return [_Mention(match.start(), match.end(), "relative", info)]


def _on_year_adjective(match: re.Match[str], text: str) -> list[_Mention]:
    what = match.group("what").lower()
    step = 0 if what == "end" else -1
    return [_Mention(match.start(), match.end(), "year_adjective", {"step": step})]


def _count(text: str) -> float | None:
    """The number a count phrase says ("two", "12", "twenty-five"); ``None`` when fuzzy."""
    vocab = _vocabulary()
    phrase = re.sub(r"\s+", " ", text.lower().strip())
    if phrase in vocab.numbers:
        return vocab.numbers[phrase]
    if phrase in vocab.fuzzy_numbers:
        return None
    try:
        return float(phrase)
    except ValueError:
        pass
    value = _word_number(phrase)
    return float(value) if value is not None else None


def _unit_name(text: str) -> str:
    vocab = _vocabulary()
    word = text.lower()
    if word in vocab.unit_plurals:
        return vocab.unit_plurals[word]
    if word not in vocab.units and word.endswith("s"):
        word = word[:-1]
    return word


def _on_duration(match: re.Match[str], text: str) -> list[_Mention]:
    number = match.group("num")
    unit_text = match.group("unit")
    unit = _unit_name(unit_text)
    if number.lower() in ("a", "an") and unit_text.lower() != unit:
        return []
    if number[0].isdigit() and text[match.start("num") - 1 : match.start("num")] in (",", "."):
        return []  # the tail of "150,000 year-end bonuses" or "1.5", not a count
    count = _count(number)
    start = match.start()
    pre = match.group("pre")
    direction = re.sub(r"\s+", " ", (match.group("dir") or "").lower())
    if direction and not (direction in ("before", "after") and match.group("stop") is None):
        # "two weeks ago", "a year earlier": a date reached from the anchor. ("two days after
        # the attack" stays a duration: the date is the attack's, plus a signal.)
        if pre:
            start = match.end("pre")
            while text[start].isspace():
                start += 1
        info = {
            "count": count,
            "unit": unit,
            "sign": -1 if direction in ("ago", "earlier", "before", "back") else 1,
            "anaphoric": direction in ("earlier", "later", "before", "after"),
        }
        return [_Mention(start, match.end(), "ago", info)]
    end = match.end("suffix") if match.group("suffix") else match.end("unit")
    if pre:
        lead = re.match(r"(?:each\s+of\s+|over\s+|for\s+|in\s+)", pre, re.IGNORECASE)
        if lead:
            start += lead.end()
    info = {"count": count, "unit": unit, "half": "and a half" in match.group().lower()}
    return [_Mention(start, end, "duration", info)]


def _on_duration_phrase(match: re.Match[str], text: str) -> list[_Mention]:
    unit_text = match.group("unit").lower()
    pre = re.sub(r"\s+", " ", match.group("pre").lower())
    unit = _unit_name(unit_text)
    plural = unit_text != unit
    if pre in ("recent", "coming") and not plural:
        return []
    count = None if plural else 1.0
    return [
        _Mention(
            match.start(), match.end(), "duration", {"count": count, "unit": unit, "half": False}
        )
    ]


def _on_clock(match: re.Match[str], text: str) -> list[_Mention]:
    if match.group("named"):
        named = match.group("named").lower()
        hour, minute = (0, 0) if named == "midnight" else (12, 0)
    elif match.group("hour24"):
        hour, minute = int(match.group("hour24")), int(match.group("minute24"))
    else:
        hour = int(match.group("hour"))
        minute = int(match.group("minute") or 0)
        pm = match.group("ampm").lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    on_word = (match.group("on_word") or "").lower()
    info = {
        "hour": hour,
        "minute": minute,
        "weekday": _weekday_number(match.group("on_wd")),
        "offset": _vocabulary().deictic_days.get(on_word, 0 if on_word == "tonight" else None),
        "month": _month_number(match.group("on_month")) if match.group("on_month") else None,
        "day": int(match.group("on_day")) if match.group("on_day") else None,
    }
    end = match.end()
    tz_end = match.end("tz") if match.group("tz") else -1
    if (
        tz_end >= 0
        and ")" in text[tz_end : tz_end + 1]
        and (match.group("on_wd") or match.group("on_word") or match.group("on_month"))
    ):
        # "10:35 a.m. (0735 GMT) Friday": the day after a bracket is a date of its own.
        end = tz_end + 1
        info.update(weekday=None, offset=None, month=None, day=None)
    if info["month"] is not None and not _capitalised(match.group("on_month")):
        end = match.end("tz") if match.group("tz") else match.start("on_month")
        info.update(month=None, day=None)
    start = match.start()
    if match.group("approx") and match.group("approx").lower() in ("at",):
        start = match.start() + len(match.group("approx")) + 1
        while text[start].isspace():
            start += 1
    return [_Mention(start, end, "clock", info)]


def _on_set(match: re.Match[str], text: str) -> list[_Mention]:
    vocab = _vocabulary()
    phrase = re.sub(r"\s+", " ", match.group().lower())
    if phrase in vocab.sets:
        return [_Mention(match.start(), match.end(), "set", {"value": vocab.sets[phrase]})]
    every = match.group("every")
    if every:
        weekday = _weekday_number(every)
        if weekday is not None:
            return [
                _Mention(match.start(), match.end(), "set", {"value": f"XXXX-WXX-{weekday + 1}"})
            ]
        month = _month_number(every)
        if month is not None and every.lower() in vocab.months:
            return [_Mention(match.start(), match.end(), "set", {"value": f"XXXX-{month:02d}"})]
        if every.lower() in vocab.parts_of_day:
            code = vocab.parts_of_day[every.lower()]
            return [_Mention(match.start(), match.end(), "set", {"value": f"TXX{code}"})]
        unit = _unit_name(every)
        return [_Mention(match.start(), match.end(), "set", {"value": _period(1, unit)})]
    unit = _unit_name(match.group("per"))
    return [_Mention(match.start(), match.end(), "set", {"value": _period(1, unit)})]


def _on_holiday(match: re.Match[str], text: str) -> list[_Mention]:
    if not _capitalised(match.group("name")):
        return []
    name = re.sub(r"\s+", " ", match.group("name").lower())
    det = re.sub(r"\s+", " ", (match.group("det") or "").lower()) or None
    info = {"holiday": name, "det": det, "year_text": match.group("year")}
    return [_Mention(match.start(), match.end(), "holiday", info)]


# -- choosing among overlapping matches ----------------------------------------------------


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


# -- resolution ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """What relative expressions hang on: the publication day and the last dates mentioned."""

    text: str
    published: date | None
    day: date | None = None
    year: int | None = None
    month: tuple[int, int] | None = None
    quarter: tuple[int, int] | None = None
    narrative: date | None = None

    def anchor_day(self, anaphoric: bool) -> date | None:
        return (self.day or self.published) if anaphoric else self.published

    def remember(self, expression: TimeExpression) -> None:
        value = expression.value
        if expression.type != "DATE" or not value[:4].isdigit():
            return
        year = int(value[:4])
        self.year = year
        if re.match(r"\d{4}-\d{2}-\d{2}(?:T|$)", value):
            self.day = date.fromisoformat(value[:10])
            self.month = (year, self.day.month)
            self.quarter = _quarter_of(self.day)
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            self.month = (year, int(value[5:7]))
            self.quarter = (year, (int(value[5:7]) - 1) // 3 + 1)
        elif re.fullmatch(r"\d{4}-Q[1-4]", value):
            self.quarter = (year, int(value[-1]))


def _period(count: float | None, unit: str, half: bool = False) -> str:
    """A TimeML duration: P3D, P2W, P10Y (a decade), PT5H, PXY when the count is fuzzy."""
    spec = _vocabulary().units.get(unit)
    if spec is None:
        return "PX"
    prefix = "PT" if spec.time else "P"
    if count is None:
        return f"{prefix}X{spec.letter}"
    amount = count * spec.count
    if half:
        amount += 0.5 * spec.count
    if amount != int(amount):
        if spec.letter == "Y":
            return f"P{int(amount)}Y6M" if amount * 2 == int(amount * 2) else f"P{amount}Y"
        return f"{prefix}{amount}{spec.letter}"
    return f"{prefix}{int(amount)}{spec.letter}"


def _expression(
    text: str, mention: _Mention, type_: str, value: str, granularity: str, anchored: bool
) -> TimeExpression:
    return TimeExpression(
        start=mention.start,
        end=mention.end,
        text=text[mention.start : mention.end],
        type=type_,
        value=value,
        granularity=granularity,
        anchored=anchored,
    )


def _tense(ctx: _Context, mention: _Mention) -> str | None:
    return tense_at(
        ctx.text, mention.start, mention.end, left=not mention.info.get("possessive", False)
    )


def _resolve_date(ctx: _Context, m: _Mention) -> TimeExpression | None:
    month, day = m.info["month"], m.info["day"]
    if month is None:
        return None
    year_text = m.info.get("year_text")
    weekday = m.info.get("weekday")
    if year_text:
        year = _parse_year(year_text, ctx.published)
        if year is None or _safe_date(year, month, day) is None:
            return None
        _set_narrative(ctx, m, date(year, month, day))
        return _expression(ctx.text, m, "DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", False)
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: only truly bad dates fail
        return None
    if ctx.published is None:
        return _expression(ctx.text, m, "DATE", f"XXXX-{month:02d}-{day:02d}", "day", False)
    tense = _tense(ctx, m)
    if tense == PAST and _past_verb_on(ctx.text, m.start):
        tense = PAST_ON
    year = _pick_year(month, day, ctx.published, tense, weekday)
    if year is None:
        return None
    _set_narrative(ctx, m, date(year, month, day))
    return _expression(ctx.text, m, "DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", True)


_AFTER_DATE = re.compile(r"\s*,?\s*([A-Za-z]+)")


def _sets_scene(text: str, m: _Mention) -> bool:
    """Whether a written date sets the time of the narrative that follows: it opens its
    sentence ("On March 3, the rebels ...", "March 3 -- ...") or stands right before its
    sentence's past verb ("The council on Aug. 6 ordered ..."). A date inside a clause ("the
    invasion of Kuwait on Aug. 2") names an event of its own and sets nothing."""
    before = text[_sentence_start(text, m.start) : m.start].strip().lower()
    if before in ("", "on"):
        return True
    after = _AFTER_DATE.match(text, m.end)
    return bool(after) and _is_past_form(after.group(1).lower(), _vocabulary())


def _set_narrative(ctx: _Context, m: _Mention, day: date) -> None:
    """Let a scene-setting date become (or stop being) the narrative's reference time."""
    if ctx.published is None or not _sets_scene(ctx.text, m):
        return
    lag = (ctx.published - day).days
    ctx.narrative = day if NARRATIVE_MIN_DAYS < lag <= NARRATIVE_MAX_DAYS else None


_VERB_ON = re.compile(r"([A-Za-z]+)\s+(?:[A-Za-z]+ly\s+)?on\s*$")


def _past_verb_on(text: str, start: int) -> bool:
    """Whether ``text`` just before ``start`` reads "<past verb> on" ("was signed on")."""
    found = _VERB_ON.search(text, max(0, start - 40), start)
    return bool(found) and _is_past_form(found.group(1).lower(), _vocabulary())


def _resolve_clock_date(ctx: _Context, m: _Mention) -> TimeExpression:
    i = m.info
    day = f"{int(i['year_text']):04d}-{i['month']:02d}-{i['day']:02d}"
    value = f"{day}T{i['hour']:02d}:{i['minute']:02d}"
    return _expression(ctx.text, m, "TIME", value, "time", False)


def _resolve_month(ctx: _Context, m: _Mention) -> TimeExpression | None:
    month = m.info["month"]
    year_text = m.info.get("year_text")
    if year_text:
        year = _parse_year(year_text, ctx.published)
        if year is None:
            return None
        return _expression(ctx.text, m, "DATE", f"{year:04d}-{month:02d}", "month", False)
    pub = ctx.published
    if pub is None:
        return _expression(ctx.text, m, "DATE", f"XXXX-{month:02d}", "month", False)
    step = m.info.get("year_step")
    det = m.info.get("det")
    if step is not None:
        year = pub.year + step
    elif det in ("last", "this past", "the previous"):
        year = pub.year if month < pub.month else pub.year - 1
    elif det in ("next", "this coming", "the following"):
        year = pub.year if month > pub.month else pub.year + 1
    elif det == "this":
        year = pub.year
    elif det == "that" and ctx.year is not None:
        year = ctx.year
    else:
        year = _pick_year(month, None, pub, _tense(ctx, m)) or pub.year
    return _expression(ctx.text, m, "DATE", f"{year:04d}-{month:02d}", "month", True)


def _resolve_year(ctx: _Context, m: _Mention) -> TimeExpression | None:
    text = m.info["year_text"]
    after = m.info.get("after")
    if after and len(text) == 2 and text.isdigit():
        base = _parse_year(after, ctx.published)
        if base is None:
            return None
        year = base // 100 * 100 + int(text)
        if year < base:
            year += 100
    else:
        year = _parse_year(text, ctx.published)
    if not _year_range_ok(year):
        return None
    return _expression(ctx.text, m, "DATE", f"{year:04d}", "year", False)


def _resolve_decade(ctx: _Context, m: _Mention) -> TimeExpression:
    if "decade" in m.info:
        return _expression(ctx.text, m, "DATE", f"{m.info['decade']:03d}", "decade", False)
    short = m.info["short"]
    if ctx.published is None:
        return _expression(ctx.text, m, "DATE", f"19{short // 10}", "decade", False)
    # The most recent decade with that name that has begun by publication.
    century = ctx.published.year // 100 * 100
    start = century + short
    if start > ctx.published.year:
        start -= 100
    return _expression(ctx.text, m, "DATE", f"{start // 10:03d}", "decade", True)


def _resolve_century(ctx: _Context, m: _Mention) -> TimeExpression | None:
    if "ordinal" in m.info:
        return _expression(ctx.text, m, "DATE", f"{m.info['ordinal'] - 1:02d}", "century", False)
    if ctx.published is None:
        return _expression(ctx.text, m, "DATE", "XX", "century", False)
    value = ctx.published.year // 100 + m.info["step"]
    return _expression(ctx.text, m, "DATE", f"{value:02d}", "century", True)


def _resolve_quarter(ctx: _Context, m: _Mention) -> TimeExpression | None:
    info = m.info
    unit = info["unit"]
    letter = "Q" if unit == "quarter" else "H"
    size = 3 if unit == "quarter" else 6
    ordinal = info["ordinal"]
    pub = ctx.published
    if info["year"] is not None and ordinal is not None:
        value = f"{info['year']:04d}-{letter}{ordinal}"
        return _expression(ctx.text, m, "DATE", value, unit, False)
    if info["year"] is not None and ordinal is None:
        # "the 1988 quarter": the quarter the text is about, in that year.
        if ctx.quarter is None:
            return _expression(ctx.text, m, "DATE", f"{info['year']:04d}-QX", unit, True)
        value = f"{info['year']:04d}-Q{ctx.quarter[1]}"
        return _expression(ctx.text, m, "DATE", value, unit, True)
    anchored = True
    if info["year_step"] is not None:
        if pub is None:
            return None
        year = pub.year + info["year_step"]
        if ordinal is None:
            return None
        return _expression(ctx.text, m, "DATE", f"{year:04d}-{letter}{ordinal}", unit, True)
    det = info["det"]
    if unit == "half":
        if pub is None:
            return _expression(ctx.text, m, "DATE", f"XXXX-H{ordinal}", unit, False)
        tense = _tense(ctx, m)
        start_month = (ordinal - 1) * 6 + 1
        year = pub.year
        if tense == FUTURE:
            year = pub.year if start_month + size - 1 >= pub.month else pub.year + 1
        elif start_month > pub.month:
            year -= 1
        if info["previous_year"]:
            year -= 1
        return _expression(ctx.text, m, "DATE", f"{year:04d}-H{ordinal}", unit, anchored)
    # Quarters: explicit ordinal without a year, or an anaphoric / deictic quarter.
    current = _quarter_of(pub) if pub else None
    if ordinal is not None:
        if info["previous_year"] and ctx.quarter is not None:
            year = ctx.quarter[0] - 1
        elif pub is None:
            return _expression(ctx.text, m, "DATE", f"XXXX-Q{ordinal}", unit, False)
        else:
            tense = _tense(ctx, m)
            year = pub.year
            if tense == FUTURE:
                year = pub.year if ordinal >= current[1] else pub.year + 1
            elif ordinal > current[1]:
                year -= 1
            if info["previous_year"]:
                year -= 1
        return _expression(ctx.text, m, "DATE", f"{year:04d}-Q{ordinal}", unit, True)
    if info["previous_year"]:
        base = ctx.quarter or (_shift_quarter(*current, -1) if current else None)
        if base is None:
            return _expression(ctx.text, m, "DATE", "XXXX-QX", unit, False)
        return _expression(ctx.text, m, "DATE", f"{base[0] - 1:04d}-Q{base[1]}", unit, True)
    if current is None:
        if det in ("that", "same", "the", "latest", "most recent") and ctx.quarter:
            y, q = ctx.quarter
            return _expression(ctx.text, m, "DATE", f"{y:04d}-Q{q}", unit, True)
        return _expression(ctx.text, m, "DATE", "XXXX-QX", unit, False)
    if det in ("this", "current"):
        target = current
    elif det == "last":
        target = _shift_quarter(*current, -1)
    elif det == "next":
        target = _shift_quarter(*current, 1)
    elif det in ("previous", "preceding", "prior"):
        target = _shift_quarter(*(ctx.quarter or current), -1)
    else:
        # "the quarter", "the latest quarter", "that quarter": the one the text is about,
        # else the last one completed (what results and reports are about) or, in the
        # future tense, the current one.
        if ctx.quarter is not None:
            target = ctx.quarter
        elif _tense(ctx, m) == FUTURE:
            target = current
        else:
            target = _shift_quarter(*current, -1)
    return _expression(ctx.text, m, "DATE", f"{target[0]:04d}-Q{target[1]}", unit, True)


def _season_year(season: str, pub: date, det: str | None, tense: str | None) -> int:
    """The year a season belongs to (a winter belongs to the year of its December)."""
    start_month = _vocabulary().season_start_month[season]
    # The occurrence that has most recently begun (or is under way) at publication.
    recent = pub.year if (pub.month >= start_month) else pub.year - 1
    in_progress = (
        date(recent, start_month, 1) <= pub < date(*_add_months(recent, start_month, 3), 1)
    )
    if det in ("last", "this past", "the previous"):
        return recent - 1 if in_progress else recent
    if det in ("next", "this coming", "the following"):
        return recent + 1
    if det == "this":
        return recent if in_progress or tense == PAST else recent + 1
    if tense == FUTURE and not in_progress:
        return recent + 1
    return recent


def _resolve_season(ctx: _Context, m: _Mention) -> TimeExpression | None:
    season = m.info["season"]
    year_text = m.info.get("year_text")
    if year_text:
        year = _parse_year(year_text, ctx.published)
        if year is None:
            return None
        return _expression(ctx.text, m, "DATE", f"{year:04d}-{season}", "season", False)
    if ctx.published is None:
        return _expression(ctx.text, m, "DATE", f"XXXX-{season}", "season", False)
    det = m.info.get("det")
    if det == "that" and ctx.year is not None:
        return _expression(ctx.text, m, "DATE", f"{ctx.year:04d}-{season}", "season", True)
    year = _season_year(season, ctx.published, det, _tense(ctx, m))
    return _expression(ctx.text, m, "DATE", f"{year:04d}-{season}", "season", True)


def _weekday_day(ctx: _Context, m: _Mention) -> date | None:
    weekday = m.info["weekday"]
    det = m.info.get("det")
    if det in ("the previous", "the preceding", "the following", "the next", "that"):
        anchor = ctx.day or ctx.published
        if anchor is None:
            return None
        modifier = {"that": None, "the next": "next", "the following": "next"}.get(det, "last")
        return resolve_weekday(weekday, anchor, _tense(ctx, m), modifier)
    if ctx.published is None:
        return None
    if det is None and ctx.narrative is not None:
        return _near_narrative(weekday, ctx.narrative, _tense(ctx, m))
    return resolve_weekday(weekday, ctx.published, _tense(ctx, m), det)


def _near_narrative(weekday: int, anchor: date, tense: str | None) -> date:
    """A bare weekday in a narrative set on ``anchor``: the nearest such day to it (TimeML's
    practice: "On March 3, ... On Thursday ..." is that week's Thursday), or with the future
    tense the first one on or after it ("would meet on Thursday")."""
    ahead = (weekday - anchor.weekday()) % 7
    back = (anchor.weekday() - weekday) % 7
    if tense == FUTURE or ahead < back:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _resolve_weekday(ctx: _Context, m: _Mention) -> TimeExpression:
    day = _weekday_day(ctx, m)
    part = m.info.get("part")
    code = _vocabulary().parts_of_day[part] if part else None
    if day is None:
        value = f"XXXX-WXX-{m.info['weekday'] + 1}"
        return _expression(ctx.text, m, "DATE", value + (f"T{code}" if code else ""), "day", False)
    if code:
        # A named day with a part of it ("Monday evening") is dated by its day, as TimeBank
        # annotates it: a DATE whose value carries the part ("2025-08-18TEV").
        return _expression(ctx.text, m, "DATE", f"{day.isoformat()}T{code}", "day", True)
    return _expression(ctx.text, m, "DATE", day.isoformat(), "day", True)


def _resolve_deictic(ctx: _Context, m: _Mention) -> TimeExpression:
    part = m.info.get("part")
    code = _vocabulary().parts_of_day[part] if part else None
    if ctx.published is None:
        value = "XXXX-XX-XX"
        anchored = False
    else:
        value = (ctx.published + timedelta(days=m.info["offset"])).isoformat()
        anchored = True
    if code and m.info.get("named_day", True):
        # "yesterday morning" is a DATE like "Monday evening"; "this morning", "tonight",
        # "last night" name only the part of the day: a TIME.
        return _expression(ctx.text, m, "DATE", f"{value}T{code}", "day", anchored)
    if code:
        return _expression(ctx.text, m, "TIME", f"{value}T{code}", "time", anchored)
    return _expression(ctx.text, m, "DATE", value, "day", anchored)


def _resolve_relative(ctx: _Context, m: _Mention) -> TimeExpression:
    unit, step, anaphoric = m.info["unit"], m.info["step"], m.info["anaphoric"]
    if unit == "year" and anaphoric and ctx.year is not None and step is not None:
        return _expression(ctx.text, m, "DATE", f"{ctx.year + step:04d}", "year", True)
    anchor = ctx.anchor_day(anaphoric)
    if unit == "weekend":
        if anchor is None:
            return _expression(ctx.text, m, "DATE", "XXXX-WXX-WE", "weekend", False)
        if step is None:
            # "the weekend": the one just past (or under way), or the coming one in the future.
            saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
            if _tense(ctx, m) == FUTURE and anchor.weekday() < 5:
                saturday += timedelta(days=7)
        else:
            saturday = anchor + timedelta(days=5 - anchor.weekday() + 7 * step)
        return _expression(ctx.text, m, "DATE", f"{_week_value(saturday)}-WE", "weekend", True)
    if anchor is None:
        placeholder = {
            "day": "XXXX-XX-XX",
            "week": "XXXX-WXX",
            "month": "XXXX-XX",
            "year": "XXXX",
            "decade": "XXX",
        }[unit]
        return _expression(ctx.text, m, "DATE", placeholder, unit, False)
    if unit == "day":
        value = (anchor + timedelta(days=step)).isoformat()
        part = m.info.get("part")
        if part:
            value += "T" + _vocabulary().parts_of_day[part]
    elif unit == "week":
        value = _week_value(anchor + timedelta(weeks=step))
    elif unit == "month":
        year, month = _add_months(anchor.year, anchor.month, step)
        value = f"{year:04d}-{month:02d}"
    elif unit == "year":
        value = f"{anchor.year + step:04d}"
    else:
        value = f"{anchor.year // 10 + step:03d}"
    return _expression(ctx.text, m, "DATE", value, unit, True)


def _resolve_year_adjective(ctx: _Context, m: _Mention) -> TimeExpression:
    if m.info["step"] == 0:
        # "by year-end" is this year's end; "since year-end" the last one.
        if ctx.published is None:
            return _expression(ctx.text, m, "DATE", "XXXX", "year", False)
        year = ctx.published.year - (1 if _tense(ctx, m) == PAST else 0)
        return _expression(ctx.text, m, "DATE", f"{year:04d}", "year", True)
    # "the year-earlier figure": the year before the one the text is about.
    base = ctx.year if ctx.year is not None else (ctx.published.year if ctx.published else None)
    if base is None:
        return _expression(ctx.text, m, "DATE", "XXXX", "year", False)
    return _expression(ctx.text, m, "DATE", f"{base - 1:04d}", "year", True)


def _resolve_ago(ctx: _Context, m: _Mention) -> TimeExpression:
    count, unit, sign = m.info["count"], m.info["unit"], m.info["sign"]
    spec = _vocabulary().units.get(unit)
    anchor = ctx.anchor_day(m.info["anaphoric"])
    fuzzy_value = "PAST_REF" if sign < 0 else "FUTURE_REF"
    if spec is not None and spec.time:
        return _expression(ctx.text, m, "TIME", fuzzy_value, unit, anchor is not None)
    if count is None or anchor is None or count != int(count):
        return _expression(ctx.text, m, "DATE", fuzzy_value, "reference", False)
    n = int(count) * sign
    if unit in ("day", "night"):
        value, granularity = (anchor + timedelta(days=n)).isoformat(), "day"
    elif unit in ("week", "fortnight"):
        weeks = n * (2 if unit == "fortnight" else 1)
        value, granularity = _week_value(anchor + timedelta(weeks=weeks)), "week"
    elif unit == "weekend":
        value, granularity = _week_value(anchor + timedelta(weeks=n)) + "-WE", "weekend"
    elif unit == "month":
        year, month = _add_months(anchor.year, anchor.month, n)
        value, granularity = f"{year:04d}-{month:02d}", "month"
    elif unit == "quarter":
        year, quarter = _shift_quarter(*_quarter_of(anchor), n)
        value, granularity = f"{year:04d}-Q{quarter}", "quarter"
    elif unit == "year":
        value, granularity = f"{anchor.year + n:04d}", "year"
    elif unit == "decade":
        value, granularity = f"{anchor.year + 10 * n:04d}", "year"
    else:  # century
        value, granularity = f"{anchor.year + 100 * n:04d}", "year"
    return _expression(ctx.text, m, "DATE", value, granularity, True)


def _resolve_holiday(ctx: _Context, m: _Mention) -> TimeExpression | None:
    spec = _vocabulary().holidays[m.info["holiday"]]

    def on(year: int) -> date:
        if "day" in spec:
            return date(year, spec["month"], spec["day"])
        return _nth_weekday(
            year, spec["month"], spec["weekday"], spec["nth"], spec.get("not_before_day", 1)
        )

    year_text = m.info.get("year_text")
    if year_text:
        year = _parse_year(year_text, ctx.published)
        if year is None:
            return None
        return _expression(ctx.text, m, "DATE", on(year).isoformat(), "day", False)
    pub = ctx.published
    if pub is None:
        value = f"XXXX-{spec['month']:02d}-{spec['day']:02d}" if "day" in spec else "XXXX-XX-XX"
        return _expression(ctx.text, m, "DATE", value, "day", False)
    det = m.info.get("det")
    this_year = on(pub.year)
    if det in ("last", "this past"):
        day = this_year if this_year < pub else on(pub.year - 1)
    elif det in ("next", "this coming"):
        day = this_year if this_year > pub else on(pub.year + 1)
    elif det == "this":
        day = this_year
    elif _tense(ctx, m) == FUTURE:
        day = this_year if this_year >= pub else on(pub.year + 1)
    else:
        day = this_year if this_year <= pub else on(pub.year - 1)
    return _expression(ctx.text, m, "DATE", day.isoformat(), "day", True)


def _resolve_clock(ctx: _Context, m: _Mention) -> TimeExpression:
    i = m.info
    clock = f"T{i['hour']:02d}:{i['minute']:02d}"
    day: date | None
    if i["month"] is not None:
        year = (
            _pick_year(i["month"], i["day"], ctx.published, _tense(ctx, m))
            if (ctx.published)
            else None
        )
        day = _safe_date(year, i["month"], i["day"]) if year else None
        if day is None:
            value = f"XXXX-{i['month']:02d}-{i['day']:02d}{clock}"
            return _expression(ctx.text, m, "TIME", value, "time", False)
    elif i["weekday"] is not None and ctx.published is not None:
        day = resolve_weekday(i["weekday"], ctx.published, _tense(ctx, m))
    elif i["offset"] is not None and ctx.published is not None:
        day = ctx.published + timedelta(days=i["offset"])
    else:
        day = ctx.day or ctx.published
    if day is None:
        return _expression(ctx.text, m, "TIME", f"XXXX-XX-XX{clock}", "time", False)
    return _expression(ctx.text, m, "TIME", f"{day.isoformat()}{clock}", "time", True)


def _resolve(ctx: _Context, m: _Mention) -> TimeExpression | None:
    kind = m.kind
    if kind == "date":
        return _resolve_date(ctx, m)
    if kind == "clock_date":
        return _resolve_clock_date(ctx, m)
    if kind == "month":
        return _resolve_month(ctx, m)
    if kind == "year":
        return _resolve_year(ctx, m)
    if kind == "decade":
        return _resolve_decade(ctx, m)
    if kind == "century":
        return _resolve_century(ctx, m)
    if kind == "quarter":
        return _resolve_quarter(ctx, m)
    if kind == "season":
        return _resolve_season(ctx, m)
    if kind == "weekday":
        return _resolve_weekday(ctx, m)
    if kind == "set_weekday":
        part = m.info.get("part")
        code = _vocabulary().parts_of_day.get(part.lower(), "") if part else ""
        value = f"XXXX-WXX-{m.info['weekday'] + 1}" + (f"T{code}" if code else "")
        return _expression(ctx.text, m, "SET", value, "day", False)
    if kind == "deictic":
        return _resolve_deictic(ctx, m)
    if kind == "reference":
        return _expression(ctx.text, m, "DATE", m.info["value"], "reference", False)
    if kind == "relative":
        return _resolve_relative(ctx, m)
    if kind == "year_adjective":
        return _resolve_year_adjective(ctx, m)
    if kind == "ago":
        return _resolve_ago(ctx, m)
    if kind == "duration":
        value = _period(m.info["count"], m.info["unit"], m.info.get("half", False))
        return _expression(ctx.text, m, "DURATION", value, m.info["unit"], False)
    if kind == "set":
        return _expression(ctx.text, m, "SET", m.info["value"], "set", False)
    if kind == "holiday":
        return _resolve_holiday(ctx, m)
    if kind == "clock":
        return _resolve_clock(ctx, m)
    raise AssertionError(f"unknown mention kind {kind!r}")


_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till)\s*", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s*and\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _order_range(
    ctx: _Context, previous: TimeExpression, current: TimeExpression
) -> tuple[TimeExpression, TimeExpression]:
    """Make a range's ends follow each other.

    In "from Monday to Wednesday", "between Dec. 28 and Jan. 3" or "Dec. 28 - Jan. 3" the end
    cannot come before the start, as resolving each end alone may put it. In the future
    tense the end moves a week (or a year) later, otherwise the start moves a week (or a
    year) earlier: "the strike lasted from Monday to Wednesday", published on a Tuesday,
    ran from Monday of the week before. ("Friday and Thursday" is a list, not a range.)
    """
    between = ctx.text[previous.end : current.start]
    is_range = bool(_RANGE_LINK.fullmatch(between)) or bool(
        _RANGE_AND.fullmatch(between)
        and _BETWEEN.search(ctx.text, max(0, previous.start - 12), previous.start)
    )
    if not (is_range and previous.anchored and current.anchored):
        return previous, current
    if not (_DAY_VALUE.fullmatch(previous.value) and _DAY_VALUE.fullmatch(current.value)):
        return previous, current
    first, last = date.fromisoformat(previous.value), date.fromisoformat(current.value)
    if last >= first:
        return previous, current
    by_week = _weekday_number(current.text.split()[-1]) is not None
    if tense_at(ctx.text, previous.start, current.end) == FUTURE:
        moved = (
            last + timedelta(days=7) if by_week else _safe_date(last.year + 1, last.month, last.day)
        )
        if moved is None or moved < first:
            return previous, current
        return previous, dataclasses.replace(current, value=moved.isoformat())
    moved = (
        first - timedelta(days=7) if by_week else _safe_date(first.year - 1, first.month, first.day)
    )
    if moved is None or moved > last:
        return previous, current
    return dataclasses.replace(previous, value=moved.isoformat()), current


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def find_dates(text: str, published: str | date | None) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in text order, resolved against ``published``.

    ``published`` is the publication date (ISO string, ``date`` or ``datetime``); with none,
    relative expressions keep unknown digits and ``anchored=False``. Offsets are into
    ``text``; spans never overlap. Never raises on odd input: a text with nothing temporal
    gives an empty list.
    """
    if not text:
        return []
    grammar = _grammar()
    triggers = _trigger_spans(text, grammar)
    mentions: list[_Mention] = []
    for rank, rule in enumerate(grammar.rules):
        if rule.triggers is None:
            windows = [(0, len(text))]
        else:
            spans = [span for kind in rule.triggers for span in triggers.get(kind, ())]
            if not spans:
                continue
            windows = _windows(spans, len(text), rule.reach)
        # The windows are disjoint, so no match is found twice.
        for lo, hi in windows:
            for match in rule.pattern.finditer(text, lo, hi):
                for mention in rule.handler(match, text):
                    mention.rank = rank
                    mentions.append(mention)
    chosen = _select(mentions)
    _extend_positions(text, chosen, grammar)
    ctx = _Context(text=text, published=parse_published(published))
    found: list[TimeExpression] = []
    for mention in chosen:
        try:
            expression = _resolve(ctx, mention)
        except (OverflowError, ValueError):
            # A value off the calendar ("99999999 days ago"): the expression is left out.
            continue
        if expression is None:
            continue
        if found and expression.type == "DATE" and found[-1].type == "DATE":
            found[-1], expression = _order_range(ctx, found[-1], expression)
        ctx.remember(expression)
        found.append(expression)
    return found
