"""Resolution of matched mentions to TimeML values: explicit dates, months, years, decades,
centuries, quarters, seasons, holidays, clock times; relative ones are in :mod:`.relative`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.dates.calendar_math import (
    _add_months,
    _nth_weekday,
    _period,
    _pick_year,
    _quarter_of,
    _safe_date,
    _shift_quarter,
    _year_range_ok,
    resolve_weekday,
)
from storyline.extract.dates.context import _Context, _expression, _tense
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.mention import _Mention, _parse_year
from storyline.extract.dates.relative import (
    _resolve_ago,
    _resolve_deictic,
    _resolve_relative,
    _resolve_weekday,
    _resolve_year_adjective,
    _set_narrative,
)
from storyline.extract.dates.tense import FUTURE, PAST, PAST_ON, _is_past_form
from storyline.extract.dates.vocabulary import _vocabulary


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
