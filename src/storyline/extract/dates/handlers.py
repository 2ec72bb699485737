"""Rule handlers: each reads one regex match into mentions (start, end, kind and what was
read), or rejects it when a check fails ("May" as a verb, "March" as a noun, "Monday's
child")."""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.dates.calendar_math import _period
from storyline.extract.dates.mention import (
    _capitalised,
    _inside_name,
    _Mention,
    _month_number,
    _month_ok,
    _next_word,
    _parse_year,
    _previous_word,
    _weekday_number,
    _word_number,
)
from storyline.extract.dates.vocabulary import _vocabulary


def _day_and_month(match: re.Match[str], text: str) -> dict[str, Any] | None:
    """What a "March 3" or "3 March" match says, or None when it is not a date after all (a
    month word that is no month here, a weekday not written as one)."""
    if not _month_ok(match, text, standalone=False):
        return None
    wd = match.group("wd")
    if wd and not _capitalised(wd):
        return None
    return {
        "month": _month_number(match.group("month")),
        "day": int(match.group("day")),
        "weekday": _weekday_number(wd),
        "year_text": match.group("year"),
    }


def _on_month_day(match: re.Match[str], text: str) -> list[_Mention]:
    info = _day_and_month(match, text)
    if info is None:
        return []
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
    info = _day_and_month(match, text)
    if info is None:
        return []
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
