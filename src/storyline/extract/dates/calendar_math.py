"""Calendar arithmetic: publication dates, weeks, quarters, the day a weekday name refers to
(:func:`resolve_weekday`) and the year of a date written without one."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from storyline.extract.dates.tense import FUTURE, PAST, PAST_ON
from storyline.extract.dates.vocabulary import _vocabulary

#: A date written without a year that falls at most this many days (about a quarter) after
#: publication is taken in the coming weeks, whatever the tense: explicit dates a few weeks
#: ahead are scheduled events (payment dates, deadlines, meetings) even in past-tense
#: sentences ("declared a dividend payable Dec. 15"). Checked on TimeBank (TempEval-3
#: training): of its dates written without a year, those meant ahead lay at most 98 days
#: ahead, and of those meant in the past only one had its next occurrence within 90 days.
NEAR_FUTURE_DAYS = 90


#: With the future tense a date without a year is the coming one, unless that is more than
#: half a year away and the past one is nearer: then the tense cue was most likely another
#: clause's ("hoped she would bring aid to the victims of the Aug. 7 blasts").
FUTURE_TENSE_REACH_DAYS = 183


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


def _year_range_ok(year: int | None) -> bool:
    vocab = _vocabulary()
    return year is not None and vocab.year_first <= year <= vocab.year_last


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
