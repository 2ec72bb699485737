"""Relative expressions: weekdays, "yesterday", "last week", "a year ago", "that year".

A bare weekday resolves against the publication date (:func:`resolve_weekday` with the
governing tense), unless a scene-setting date ("On March 3, ...") has moved the narrative's
reference time: then it is that week's weekday, as TimeML annotates it, except when a
reporting verb governs it ("said on Tuesday" is dated in the publication week).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.dates.calendar_math import (
    _add_months,
    _quarter_of,
    _shift_quarter,
    _week_value,
    resolve_weekday,
)
from storyline.extract.dates.context import _Context, _expression, _tense
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.mention import _Mention
from storyline.extract.dates.tense import (
    FUTURE,
    PAST,
    _governed_by_speech,
    _is_past_form,
    _sentence_start,
)
from storyline.extract.dates.vocabulary import _vocabulary

#: A date that sets a narrative's scene ("On March 3, ...") becomes the reference time of the
#: bare weekdays after it when it lies more than this many days before publication: a bare
#: weekday resolved from the publication date cannot reach it, and a nearer date needs no
#: reference of its own. Fixed by that reasoning (one week), not tuned.
NARRATIVE_MIN_DAYS = 7

#: A scene-setting date further back than this many days is a flashback, not the narrative's
#: time: news names the days of the last two weeks by their weekday and older ones by their
#: date, so the bare weekdays after a flashback are those of the publication week. Checked on
#: TimeBank (TempEval-3): the one narrative set 9 days back dates its weekdays by its scene;
#: the five scene-setting dates 19 days to 50 years back were flashbacks.
NARRATIVE_MAX_DAYS = 14


_AFTER_DATE = re.compile(r"\s+([A-Za-z]+)")


def _sets_scene(text: str, m: _Mention) -> bool:
    """Whether a written date sets the time of the narrative that follows: it opens its
    sentence ("On March 3, the rebels ...", "March 3 -- ...") or stands right before its
    sentence's past verb ("The council on Aug. 6 ordered ..."). A date inside a clause ("the
    invasion of Kuwait on Aug. 2") names an event of its own and sets nothing."""
    before = text[_sentence_start(text, m.start) : m.start].strip().lower()
    if before in ("", "on"):
        return True
    if not re.search(r"(?:^|\s)on$", before):
        return False  # "the week ended Feb. 21 rose": the date completes another verb
    after = _AFTER_DATE.match(text, m.end)
    return bool(after) and _is_past_form(after.group(1).lower(), _vocabulary())


def _set_narrative(ctx: _Context, m: _Mention, day: date) -> None:
    """Let a scene-setting date become (or stop being) the narrative's reference time."""
    if ctx.published is None or not _sets_scene(ctx.text, m):
        return
    lag = (ctx.published - day).days
    ctx.narrative = day if NARRATIVE_MIN_DAYS < lag <= NARRATIVE_MAX_DAYS else None


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
    week = _WEEK_AFTER.match(ctx.text, m.end)
    if det is None and week is not None:
        return _in_named_week(weekday, ctx.published, week.group(1).lower())
    if (
        det is None
        and ctx.narrative is not None
        and not _governed_by_speech(ctx.text, m.start, m.end)
    ):
        return _near_narrative(weekday, ctx.narrative, _tense(ctx, m))
    return resolve_weekday(weekday, ctx.published, _tense(ctx, m), det)


#: A weekday followed by the week it falls in ("Monday last week", "Friday of next week").
_WEEK_AFTER = re.compile(r",?\s+(?:of\s+)?(last|next|this)\s+week\b", re.IGNORECASE)

_WEEK_STEP = {"last": -1, "this": 0, "next": 1}


def _in_named_week(weekday: int, published: date, which: str) -> date:
    """The weekday of the (ISO, Monday-first) week before, of or after the publication day:
    "Monday last week" in an article of Thursday 1 January 2026 is 22 December 2025."""
    monday = published - timedelta(days=published.weekday())
    return monday + timedelta(weeks=_WEEK_STEP[which], days=weekday)


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
