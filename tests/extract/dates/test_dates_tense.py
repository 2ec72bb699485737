"""Tense rules of ``extract/dates/tense.py`` that place a weekday ahead or behind: present-tense
schedules, subordinate clauses, fronted adverbials, and weekday + date pairs and modifiers
around month and year ends.

Every sentence is invented. Dates worth knowing: Wednesday 31 December 2025, Thursday 1 January
2026, Wednesday 1 October 2025, Thursday 30 October 2025, Saturday 28 February 2026.
"""

from __future__ import annotations

import pytest

from storyline.extract.dates import find_dates, tense_at


def weekday_value(text: str, published: str) -> str:
    found = [e for e in find_dates(text, published) if e.type == "DATE"]
    assert len(found) == 1, found
    return found[0].value


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        # across the year end: published on Wednesday 31 December 2025
        ("Netanya and Orlov meet separately Monday with the envoy.", "2025-12-31", "2026-01-05"),
        ("The trial of the Veloria dockers opens Tuesday.", "2026-01-01", "2026-01-06"),
        ("The council reconvenes Thursday after the holiday.", "2025-12-31", "2026-01-01"),
        # across a month end: published on Saturday 28 February 2026
        ("The envoy arrives Monday in Orlan.", "2026-02-28", "2026-03-02"),
    ],
)
def test_a_present_tense_schedule_is_the_coming_day(sentence, published, value):
    assert weekday_value(sentence, published) == value


@pytest.mark.parametrize(
    "sentence",
    [
        "They did not meet Monday, officials said.",
        "The two envoys could not meet Monday.",
        "The heads of the two unions met Monday.",
    ],
)
def test_a_schedule_verb_after_an_auxiliary_or_a_past_verb_is_not_a_schedule(sentence):
    assert weekday_value(sentence, "2026-01-01") == "2025-12-29"


def test_a_past_verb_in_a_temporal_clause_takes_the_main_clause_tense():
    text = "Traders were likely to buy the stock as soon as trading opened Monday."
    assert weekday_value(text, "2025-10-30") == "2025-11-03"
    text = "The port stayed shut until the dockers returned Monday."
    assert weekday_value(text, "2025-10-30") == "2025-10-27"


def test_a_fronted_weekday_dates_the_past_plan_not_the_planned_act():
    assert weekday_value("On Friday, the ministry planned to pay the claims.", "2025-10-01") == (
        "2025-09-26"
    )
    # Placed after the plan, the weekday is the planned act's: the coming one.
    assert weekday_value("The ministry planned to pay the claims on Friday.", "2025-10-01") == (
        "2025-10-03"
    )
    # "is set to" is a schedule whichever side the weekday stands on.
    assert weekday_value("On Friday, parliament is set to vote.", "2025-10-01") == "2025-10-03"


def test_tense_at_reads_a_present_schedule_as_future():
    text = "The two ministers meet Monday."
    assert tense_at(text, text.index("Monday"), text.index("Monday") + 6) == "future"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The board will meet on Tuesday, Dec. 30, 2025.", "2025-12-30"),
        ("The board met on Tuesday, Dec. 30.", "2025-12-30"),
        ("The pier reopens Friday, Jan. 2.", "2026-01-02"),
    ],
)
def test_a_weekday_written_with_its_date_is_that_date_across_the_year_end(sentence, value):
    found = find_dates(sentence, "2026-01-01")
    assert [(e.value, e.type) for e in found] == [(value, "DATE")]


def test_this_next_and_last_across_the_year_end():
    text = "The port will close next Tuesday and reopen this Friday; it closed last Monday."
    found = [(e.text, e.value) for e in find_dates(text, "2025-12-31")]
    assert found == [
        ("next Tuesday", "2026-01-06"),
        ("this Friday", "2026-01-02"),
        ("last Monday", "2025-12-29"),
    ]
