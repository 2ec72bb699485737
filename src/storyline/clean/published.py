"""Publication dates: read them as written, normalise them to ISO 8601, refuse the future.

:func:`parse_date` reads the forms dates take in inputs, header lines and pages (ISO 8601,
RFC 2822 feed dates, "March 3, 2026 10:15 GMT", "3 mars 2026", "03.03.2026"); it returns
``None`` rather than guessing when a day, a month or a year is missing or the order of
day and month is unclear. :func:`dateline_date` reads the date of a wire dateline
("WASHINGTON, March 3, 2026 (Reuters) -"). :func:`too_late` tells whether a date lies after
the moment the article was fetched. Month names, zones and dateline shapes are data, in
``clean/rules/dates.toml``.
"""

from __future__ import annotations

import email.utils
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["ParsedDate", "as_limit", "dateline_date", "parse_date", "too_late"]

# Dates written without a zone may be local time anywhere: UTC+14 is the furthest ahead a
# clock runs, so a date-only or zone-less value is "in the future" only beyond that.
UNKNOWN_ZONE_SLACK = timedelta(hours=14)
# Servers' clocks differ a little: a zoned time up to 10 minutes after the fetch is kept.
CLOCK_SLACK = timedelta(minutes=10)
# No news article in our inputs predates this; an earlier year is a parsing accident
# (a "0001-01-01" placeholder, a two-digit year read as the first century).
EARLIEST_YEAR = 1800
# A dateline sits at the very start of a text; "PORT AMSEL, Wednesday, September 30, 2026"
# ends within 70 characters, 120 leaves room for a long place name.
DATELINE_WINDOW = 120

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?"
)
_SLASHED_ISO = re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})")
# Pages and scrapers sometimes space the separators ("12/2 / 2010 1:31 AM"): such a date is
# still day-and-month-in-doubt, and must meet the same rule, not fall through to dateparser
# (which reads it either way, by its own guess).
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2}) ?[/-] ?(\d{1,2}) ?[/-] ?(\d{4})(?!\d)")
_DOTTED = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")
_DAY_MONTH = re.compile(
    r"(?<![\w.])(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?(?P<month>[^\W\d_]{3,10})\.?"
    r",?\s+(?:de\s+)?(?P<year>\d{4})(?!\d)"
)
_MONTH_DAY = re.compile(
    r"(?<![\w.])(?P<month>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)"
)
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?(?:\s?m\.?)?(?![a-z]))?\s*(?P<zone>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date as read: ``value`` is a :class:`date` or a :class:`datetime` (aware when the
    zone was known); :attr:`iso` is its ISO 8601 form."""

    value: date | datetime

    @property
    def iso(self) -> str:
        if isinstance(self.value, datetime):
            return self.value.isoformat(timespec="seconds")
        return self.value.isoformat()


@dataclass(frozen=True, slots=True)
class _Calendar:
    months: dict[str, int]
    zones: dict[str, int]
    regional_zones: dict[str, str]
    datelines: tuple[re.Pattern[str], ...]


@cache
def _calendar() -> _Calendar:
    text = resources.files("storyline.clean").joinpath("rules/dates.toml").read_text("utf-8")
    data = tomllib.loads(text)
    months = {name: int(number) for number, names in data["months"].items() for name in names}
    zones = {name: int(hours) for name, hours in data.get("zones", {}).items()}
    regional = {name: str(zone) for name, zone in data.get("regional_zones", {}).items()}
    datelines = tuple(re.compile(item["pattern"]) for item in data.get("dateline", []))
    return _Calendar(months, zones, regional, datelines)


def _zone(text: str | None) -> tzinfo | None:
    """The zone a designator names, or None when unknown or ambiguous: a fixed offset, or for
    a US regional zone ("ET") the region's clock, whose offset depends on the day."""
    if not text:
        return None
    text = text.strip()
    offset = _OFFSET.match(text)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return timezone(-delta if sign == "-" else delta)
    calendar = _calendar()
    hours = calendar.zones.get(text.lower())
    if hours is not None:
        return timezone(timedelta(hours=hours))
    region = calendar.regional_zones.get(text.lower())
    return _region(region) if region is not None else None


@cache
def _region(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # no time-zone database: the time keeps no zone
        return None


def _build(year: str, month: str | int, day: str, time: re.Match[str] | None) -> ParsedDate | None:
    if isinstance(month, str):
        month_number = int(month) if month.isdigit() else _calendar().months.get(month.lower())
    else:
        month_number = month
    if month_number is None:
        return None
    try:
        day_value = date(int(year), month_number, int(day))
    except ValueError:
        return None
    if time is None or time.group("hour") is None:
        return ParsedDate(day_value)
    hour = int(time.group("hour"))
    # "pm", "p.m.", and the bare "p" some sports pages print ("6:11p").
    ampm = (time.groupdict().get("ampm") or "").lower().replace(".", "").replace(" ", "")
    ampm = ampm.rstrip("m")
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    try:
        moment = datetime(
            day_value.year,
            day_value.month,
            day_value.day,
            hour,
            int(time.group("minute")),
            int(time.group("second") or 0),
            tzinfo=_zone(time.group("zone")),
        )
    except ValueError:
        return ParsedDate(day_value)
    return ParsedDate(moment)


def parse_date(value: str | None) -> ParsedDate | None:
    """Read a date or date-time as inputs, headers and pages write it.

    Returns None when ``value`` does not name a day, a month and a year unambiguously
    (a date with its day and month in doubt is not read), or names a year before 1800.
    """
    if not value or not value.strip():
        return None
    text = " ".join(value.split())[:120]
    parsed = _parse(text)
    if parsed is None or parsed.value.year < EARLIEST_YEAR:
        return None
    return parsed


def _parse(text: str) -> ParsedDate | None:
    iso = _ISO.search(text)
    if iso:
        return _build(iso["year"], iso["month"], iso["day"], iso if iso["hour"] else None)
    numeric = _NUMERIC.search(text)
    if numeric:
        # "3/4/2026" is March 4 in the US and April 3 elsewhere: only read it when one of
        # the numbers cannot be a month (or both are the same).
        first, second, year = numeric.groups()
        if int(first) > 12 or first == second:
            return _build(year, second, first, _TIME.search(text, numeric.end()))
        if int(second) > 12:
            return _build(year, first, second, _TIME.search(text, numeric.end()))
        return None
    for pattern in (_SLASHED_ISO, _DOTTED):
        found = pattern.search(text)
        if found:
            return _build(
                found["year"], found["month"], found["day"], _TIME.search(text, found.end())
            )
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        found = pattern.search(text)
        if found and found["month"].lower() in _calendar().months:
            return _build(
                found["year"], found["month"], found["day"], _TIME.search(text, found.end())
            )
    if "," in text and ":" in text:
        # RFC 2822, the date format of RSS: "Tue, 03 Mar 2026 10:15:00 GMT"
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            return ParsedDate(moment)
    if _YEAR.search(text):
        return _parse_other(text)
    return None


def _parse_other(text: str) -> ParsedDate | None:
    """Dates in other shapes and languages, through dateparser with every part required
    and relative expressions ("2 days ago") refused: they would be guesses."""
    try:
        import dateparser
    except ImportError:  # dateparser is a dependency; without it these forms stay unread
        return None
    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "YMD",
    }
    try:
        moment = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    if moment is None:
        return None
    has_time = bool(_TIME.search(text))
    return ParsedDate(moment if has_time else moment.date())


def dateline_date(text: str | None) -> ParsedDate | None:
    """The full date of a wire dateline at the start of ``text`` ("WASHINGTON, March 3,
    2026 (Reuters) -"), or None when there is none or it lacks the year."""
    if not text:
        return None
    head = text[:DATELINE_WINDOW]
    for pattern in _calendar().datelines:
        found = pattern.search(head)
        if found and found["month"].lower() in _calendar().months:
            parsed = _build(found["year"], found["month"], found["day"], None)
            if parsed is not None and parsed.value.year >= EARLIEST_YEAR:
                return parsed
    return None


def too_late(parsed: ParsedDate, limit: datetime) -> bool:
    """Whether ``parsed`` lies after ``limit`` (an aware time: the fetch or the run).

    A date without a zone may be local time anywhere, so it is only late when it is late
    even in the zone furthest ahead (UTC+14); a zoned time may run 10 minutes ahead.
    """
    value = parsed.value
    limit = limit.astimezone(UTC)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value > limit + CLOCK_SLACK
        return value > limit.replace(tzinfo=None) + UNKNOWN_ZONE_SLACK
    return value > (limit + UNKNOWN_ZONE_SLACK).date()


def as_limit(value: str | datetime | None) -> datetime | None:
    """A fetch time as an aware datetime (a zone-less one read as UTC), or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = parse_date(value)
    if parsed is None:
        return None
    moment = parsed.value
    if not isinstance(moment, datetime):
        # A fetch "day" lasts until its end: the article may have been fetched at 23:59.
        moment = datetime(moment.year, moment.month, moment.day, 23, 59, 59)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
