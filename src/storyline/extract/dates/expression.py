"""The record :func:`storyline.extract.dates.find_dates` returns: one temporal expression, its
span, TimeML type and value."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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
