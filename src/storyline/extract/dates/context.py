"""What relative expressions hang on while a text is resolved: the publication day, the last
dates mentioned and the narrative's reference time; and how a resolved mention becomes a
:class:`TimeExpression`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.extract.dates.calendar_math import _quarter_of
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.mention import _Mention
from storyline.extract.dates.tense import tense_at


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
