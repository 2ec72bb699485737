"""Temporal expressions and their resolution against the publication date.

Every sentence here is invented (made-up councils, ports and people). Dates worth knowing:
Wednesday 20 August 2025, Thursday 1 January 2026 (ISO week 2026-W01 starts on Monday
29 December 2025), Saturday 1 March 2025, Wednesday 31 December 2025.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.dates import (
    TimeExpression,
    find_dates,
    parse_published,
    resolve_weekday,
    tense_at,
)

WEDNESDAY = "2025-08-20"


def dates(text: str, published: str | date | None = WEDNESDAY) -> list[TimeExpression]:
    return find_dates(text, published)


def one(text: str, published: str | date | None = WEDNESDAY) -> TimeExpression:
    found = dates(text, published)
    assert len(found) == 1, found
    return found[0]


def values(text: str, published: str | date | None = WEDNESDAY) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in dates(text, published)]


# -- weekdays ------------------------------------------------------------------------------


def test_a_weekday_is_the_recent_one_by_default():
    found = one("The Veloria port council said on Tuesday that talks had failed.")
    assert (found.text, found.type, found.value, found.granularity, found.anchored) == (
        "Tuesday",
        "DATE",
        "2025-08-19",
        "day",
        True,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will meet on Tuesday.",
        "The sale is scheduled to close Tuesday.",
        "Dockers plan to walk out on Tuesday.",
        "The minister is to visit the port on Tuesday.",
        "Talks are set to resume Tuesday in Corvain.",
        "Ferries could resume as early as Tuesday.",
        "Officials said the ban would be lifted on Tuesday.",
        "On Tuesday, the council will vote on the plan.",
    ],
)
def test_a_weekday_in_the_future_tense_is_the_coming_one(sentence):
    assert one(sentence).value == "2025-08-26"


@pytest.mark.parametrize(
    "sentence",
    [
        "The council met on Tuesday.",
        "The port was closed Tuesday after the storm.",
        "The ministry said on Tuesday that it will appeal.",
        "Lawyers for the union said they would challenge Tuesday's ruling.",
        "The strike has been going on since Tuesday.",
        "Tuesday, the harbour master told reporters the cranes were idle.",
    ],
)
def test_a_weekday_in_the_past_tense_is_the_recent_one(sentence):
    assert one(sentence).value == "2025-08-19"


def test_the_publication_weekday_is_the_publication_day_unless_last_or_next():
    assert one("The council voted on Wednesday.").value == "2025-08-20"
    assert one("The council will vote on Wednesday.").value == "2025-08-20"
    assert one("The council voted last Wednesday.").value == "2025-08-13"
    assert one("The council will vote next Wednesday.").value == "2025-08-27"
    assert one("It is due next Tuesday.").value == "2025-08-26"
    assert one("It sailed last Thursday.").value == "2025-08-14"


def test_weekdays_across_month_and_year_ends():
    # Thursday 1 January 2026: "Monday" is 29 December 2025.
    assert one("Ferries stopped on Monday.", "2026-01-01").value == "2025-12-29"
    assert one("The Corvain mayor resigned on Wednesday.", "2026-01-01").value == "2025-12-31"
    # Wednesday 31 December 2025: the coming Friday is in 2026.
    assert one("The port will reopen on Friday.", "2025-12-31").value == "2026-01-02"
    # Saturday 1 March 2025: Sunday is 23 February.
    assert one("Dockers marched on Sunday.", "2025-03-01").value == "2025-02-23"
    # Leap years: Saturday 1 March 2024, the Thursday before is 29 February.
    assert one("The vote took place Thursday.", "2024-03-01").value == "2024-02-29"


def test_resolve_weekday():
    wednesday = date(2025, 8, 20)
    assert resolve_weekday("Tuesday", wednesday) == date(2025, 8, 19)
    assert resolve_weekday(1, WEDNESDAY, "future") == date(2025, 8, 26)
    assert resolve_weekday("wednesday", wednesday) == wednesday
    assert resolve_weekday("Wednesday", wednesday, "future") == wednesday
    assert resolve_weekday("Wednesday", wednesday, modifier="last") == date(2025, 8, 13)
    assert resolve_weekday("Wednesday", wednesday, modifier="next") == date(2025, 8, 27)
    assert resolve_weekday("Tuesday", wednesday, modifier="next") == date(2025, 8, 26)
    assert resolve_weekday("Thursday", wednesday, modifier="last") == date(2025, 8, 14)
    assert resolve_weekday("Friday", wednesday, modifier="this") == date(2025, 8, 22)
    assert resolve_weekday("Monday", "2026-01-01T09:30:00+00:00") == date(2025, 12, 29)
    assert resolve_weekday("Friday", datetime(2025, 12, 31, 23, 0), "future") == date(2026, 1, 2)
    with pytest.raises(ValueError):
        resolve_weekday("Someday", wednesday)
    with pytest.raises(ValueError):
        resolve_weekday("Monday", "not a date")


def test_weekday_with_a_part_of_the_day():
    evening = one("Protesters gathered outside the port on Monday evening.")
    assert (evening.text, evening.type, evening.value) == (
        "Monday evening",
        "DATE",
        "2025-08-18TEV",
    )
    night = one("The ministry will announce the plan on Thursday night.")
    assert night.value == "2025-08-21TNI"
    assert one("They were freed yesterday morning.").value == "2025-08-19TMO"
    this_morning = one("The strike ended this morning.")
    assert (this_morning.type, this_morning.value) == ("TIME", "2025-08-20TMO")
    assert one("Cranes burned last night.").value == "2025-08-19TNI"


def test_weekday_ranges_keep_their_order():
    # Published on Tuesday 19 August: a past strike from Monday to Wednesday ran 11-13 August.
    assert values("The strike lasted from Monday to Wednesday.", "2025-08-19") == [
        ("Monday", "2025-08-11"),
        ("Wednesday", "2025-08-13"),
    ]
    assert values("The fair will run from Friday to Monday.") == [
        ("Friday", "2025-08-22"),
        ("Monday", "2025-08-25"),
    ]
    # A list is not a range: each day keeps its own reading.
    assert values("in statements made Friday and Thursday", "2025-08-22") == [
        ("Friday", "2025-08-22"),
        ("Thursday", "2025-08-21"),
    ]


# -- relative periods ----------------------------------------------------------------------


def test_last_week_this_month_next_year():
    assert values("Exports fell last week, rose this month and will grow next year.") == [
        ("last week", "2025-W33"),
        ("this month", "2025-08"),
        ("next year", "2026"),
    ]
    assert values("The dockers struck last week.", "2026-01-01") == [("last week", "2025-W52")]
    assert values("Fares rose last month.", "2026-01-15") == [("last month", "2025-12")]
    assert values("It happened earlier this year.", "2026-01-15") == [("earlier this year", "2026")]


def test_ago_and_anaphora():
    assert values("The union was founded two weeks ago.") == [("two weeks ago", "2025-W32")]
    assert values("It opened 10 days ago and closed a year ago.") == [
        ("10 days ago", "2025-08-10"),
        ("a year ago", "2024"),
    ]
    assert values("The plant closed on March 3. The next day, workers marched.") == [
        ("March 3", "2025-03-03"),
        ("The next day", "2025-03-04"),
    ]
    assert values("The plant closed on March 3. Two days later, it reopened.") == [
        ("March 3", "2025-03-03"),
        ("Two days later", "2025-03-05"),
    ]


# -- months, years, dates without a year --------------------------------------------------


def test_in_april_is_the_most_recent_april_unless_future_tense():
    assert one("Exports fell in April.").value == "2025-04"
    assert one("Exports fell in April.", "2025-02-10").value == "2024-04"
    assert one("The new terminal will open in April.", "2025-02-10").value == "2025-04"
    assert one("The new terminal will open in April.").value == "2026-04"
    assert one("Exports fell last April.", "2025-04-15").value == "2024-04"
    assert one("The terminal opens next April.").value == "2026-04"
    assert one("Exports fell in August.").value == "2025-08"


def test_explicit_dates_without_a_year():
    assert one("The pact was signed on March 3.").value == "2025-03-03"
    assert one("The ferry sank on Dec. 28.", "2026-01-05").value == "2025-12-28"
    # A few weeks ahead is a scheduled date, even in a past-tense sentence.
    assert one("The board declared a dividend payable Sept. 15.").value == "2025-09-15"
    assert one("The offer was extended to Oct. 3.").value == "2025-10-03"
    # "<past verb> on <date>" is when it happened.
    assert one("The treaty was signed on Oct. 30.").value == "2024-10-30"
    assert one("The vote will be held on Jan. 10.", "2025-12-20").value == "2026-01-10"
    # A weekday beside the date picks the year in which it falls on that day.
    assert one("The vote took place on Monday, Oct. 26.", "2016-01-04").value == "2015-10-26"


def test_explicit_dates_and_years():
    assert values("The port opened on Aug. 7, 1998, and again on 7 August 2025.") == [
        ("Aug. 7, 1998", "1998-08-07"),
        ("7 August 2025", "2025-08-07"),
    ]
    found = one("Updated 2025-08-19 by the desk.")
    assert (found.value, found.anchored) == ("2025-08-19", False)
    assert one("Filed 19/8/2025.").value == "2025-08-19"
    assert dates("Filed 3/4/2025.") == []  # day and month cannot be told apart
    assert values("Output grew in 1990 and fiscal 1991, and in the 1990s.") == [
        ("1990", "1990"),
        ("fiscal 1991", "1991"),
        ("the 1990s", "199"),
    ]
    assert values("The show runs Aug. 18-20, 2025.", None)[0] == ("Aug. 18", "2025-08-18")


def test_quarters_seasons_holidays():
    assert values(
        "Profit rose in the third quarter. In the year-earlier quarter it fell.", "2025-11-05"
    ) == [("the third quarter", "2025-Q3"), ("the year-earlier quarter", "2024-Q3")]
    assert one("Sales in Q2 2024 were flat.").value == "2024-Q2"
    assert one("Ships were idle last summer.").value == "2024-SU"
    assert one("Ships were idle this summer.").value == "2025-SU"
    assert one("Turnout fell last Thanksgiving.").value == "2024-11-28"
    assert one("The shop will reopen after Christmas.").value == "2025-12-25"


def test_durations_sets_and_references():
    assert [(e.text, e.type, e.value) for e in dates("The blockade lasted two years.")] == [
        ("two years", "DURATION", "P2Y")
    ]
    assert [(e.type, e.value) for e in dates("Ferries sail daily and every Monday.")] == [
        ("SET", "P1D"),
        ("SET", "XXXX-WXX-1"),
    ]
    assert [(e.text, e.value) for e in dates("The port is now closed.")] == [("now", "PRESENT_REF")]


# -- what is not a date -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The union may strike again.",
        "Tens of thousands march through Corvain.",
        "April Rennick, a docker, spoke first.",
        "About 2000 troops and 1,990 people were there.",
        "The fall of the old regime surprised no one.",
        "The paper USA Today reported the story.",
        "Police arrived soon after the blast.",
        "He sang along to This Week in Veloria.",
    ],
)
def test_things_that_are_not_dates(sentence):
    assert [e for e in dates(sentence) if e.type == "DATE"] == []


# -- without a publication date, offsets, robustness --------------------------------------


def test_without_a_publication_date_relative_values_stay_unknown():
    found = one("The council met on Tuesday.", None)
    assert (found.value, found.anchored) == ("XXXX-WXX-2", False)
    assert one("Exports fell last week.", None).value == "XXXX-WXX"
    assert one("The pact was signed on March 3.", None).value == "XXXX-03-03"
    assert one("The pact was signed on March 3, 2024.", "not a date").value == "2024-03-03"


def test_parse_published():
    assert parse_published("2025-08-20T14:02:00+02:00") == date(2025, 8, 20)
    assert parse_published(datetime(2025, 8, 20, 23, 59)) == date(2025, 8, 20)
    assert parse_published("garbage") is None
    assert parse_published("") is None
    assert parse_published(None) is None


def test_tense_at():
    text = "Officials said the vote will be held on Friday."
    start = text.index("Friday")
    assert tense_at(text, start, start + 6) == "future"
    text = "The vote was held on Friday, officials said."
    start = text.index("Friday")
    assert tense_at(text, start, start + 6) == "past"


_WORDS = [
    "on",
    "Tuesday",
    "last",
    "week",
    "May",
    "the",
    "third",
    "quarter",
    "2025",
    "Aug.",
    "7,",
    "ago",
    "two",
    "years",
    "will",
    "said",
    "since",
    "next",
    "-",
    "and",
    "Monday,",
    "Oct.",
    "31",
    "Feb.",
    "30",
    "evening",
    "1990s",
    "from",
    "to",
    "between",
    "early",
    "late",
    "'98",
    "(",
    ")",
    "9",
    "a.m.",
    "noon",
    "Christmas",
    "every",
    "daily",
    "\n\n",
    ".",
    "Q3",
    "mid-1996",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([WEDNESDAY, None, "x"]))
def test_never_crashes_and_offsets_are_sound(words, published):
    text = " ".join(words)
    found = find_dates(text, published)
    previous_end = 0
    for expression in found:
        assert expression.text == text[expression.start : expression.end]
        assert expression.start >= previous_end  # in order, never overlapping
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")
        assert expression.value
        previous_end = expression.end


def test_odd_input():
    assert find_dates("", WEDNESDAY) == []
    assert find_dates("It began 99999999 days ago.", WEDNESDAY) == []
    # A placeholder publication date is no anchor: relative values stay unknown.
    assert values("See you tomorrow, on Monday.", "9999-12-31") == [
        ("tomorrow", "XXXX-XX-XX"),
        ("Monday", "XXXX-WXX-1"),
    ]
    assert find_dates("\x00\ufffd" * 50, WEDNESDAY) == []
    assert [e.value for e in dates("It closed on Feb. 30 and Monday, Feb. 30.")] == []
    assert dates("nothing temporal here at all") == []


def test_a_month_day_match_that_is_no_date_is_dropped_without_error():
    # a weekday not written as one, and "may" the verb: the match is rejected, nothing raised
    for text in ("We met tuesday, March 3, in Amsel.", "Prices may 3 times rise."):
        assert all(isinstance(e.value, str) for e in find_dates(text, "2026-03-05"))
