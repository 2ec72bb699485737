"""Ranges ("from Monday to Wednesday", "Dec. 28 - Jan. 3"): their ends, resolved one by one,
are put back in order."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from storyline.extract.dates.calendar_math import _safe_date
from storyline.extract.dates.context import _Context
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.mention import _weekday_number
from storyline.extract.dates.tense import FUTURE, tense_at

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
