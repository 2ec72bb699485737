"""Which side of the publication day a bare weekday falls on, from the verb that governs it:
future-oriented complements ("agreeing to meet again on Saturday"), "to" as a preposition,
present "be" with "due" / "expected" / a progressive / a bare weekday, counterfactual modal
perfects, verbs that move an event ("postponed until Monday"), headline infinitives, and a
weekday followed by the week it falls in ("Monday last week"); with month and year ends.

Every sentence is invented. Dates worth knowing: Wednesday 20 August 2025, Wednesday 31
December 2025, Thursday 1 January 2026, Friday 2 January 2026, Saturday 28 February 2026.
"""

from __future__ import annotations

import pytest

from storyline.extract.dates import find_dates


def values(text: str, published: str) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in find_dates(text, published) if e.type == "DATE"]


def last_value(text: str, published: str) -> str:
    return values(text, published)[-1][1]


@pytest.mark.parametrize(
    ("published", "saturday"),
    [
        ("2025-08-20", "2025-08-23"),
        # across the year end: Wednesday 31 December 2025 and Friday 2 January 2026
        ("2025-12-31", "2026-01-03"),
        ("2026-01-02", "2026-01-03"),
    ],
)
def test_agreeing_to_meet_again_is_the_following_saturday(published, saturday):
    text = (
        "The Veloria and Orlan delegations ended their talks in Corvain on Tuesday, agreeing "
        "to meet again on Saturday."
    )
    assert values(text, published)[-1] == ("Saturday", saturday)
    text = "The two envoys parted on Monday after agreeing to meet again on Saturday."
    assert last_value(text, published) == saturday


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour board hoped to settle the dispute on Saturday.",
        "The unions, vowing to strike on Saturday, left the hall.",
        "The ministry offered to reopen the pier on Saturday.",
    ],
)
def test_an_infinitive_after_a_verb_of_intention_is_ahead(sentence):
    assert last_value(sentence, "2025-08-20") == "2025-08-23"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Orlan rebels agreed to a ceasefire on Monday.",
        "The Veloria board agreed to the merger Monday.",
        "Dockers returned to the pier on Monday.",
    ],
)
def test_to_before_a_determiner_or_a_name_is_a_preposition_not_an_infinitive(sentence):
    assert last_value(sentence, "2026-01-01") == "2025-12-29"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Corvain mayor is due in court on Monday.",
        "The envoy is expected in Orlan on Monday.",
        "The two ministers are meeting on Monday.",
        "The envoy is travelling to Orlan on Monday.",
        "The final is on Monday.",
        "The funeral is Monday.",
    ],
)
def test_present_be_announces_a_schedule(sentence):
    # Published Wednesday 31 December 2025: the coming Monday is in 2026.
    assert last_value(sentence, "2025-12-31") == "2026-01-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy was expected in Orlan on Monday.",
        "The two ministers were meeting on Monday.",
        "The funeral was Monday.",
        "Police are holding two dockers arrested on Monday.",
        "The Orlan senator is coming off a strong debate on Monday.",
    ],
)
def test_past_be_or_a_nearer_past_verb_keeps_the_weekday_behind(sentence):
    assert last_value(sentence, "2025-12-31") == "2025-12-29"


def test_due_backshifted_in_reported_speech_still_looks_ahead():
    text = "The Orlan ministry told reporters that the envoy was due in Corvain on Monday."
    assert last_value(text, "2025-12-31") == "2026-01-05"
    # "due to" a noun gives a cause, and a reported progressive may be a past scene.
    text = "The bank said the rise was due to an inflow of deposits on Monday."
    assert last_value(text, "2025-12-31") == "2025-12-29"
    text = "Police said the docker was leaving a bar on Monday when he was hit."
    assert values(text, "2025-12-31")[0] == ("Monday", "2025-12-29")


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks would have resumed on Monday.",
        "The bonus should have been paid on Monday.",
        "The ferry must have sunk on Monday.",
    ],
)
def test_a_modal_perfect_looks_back(sentence):
    assert last_value(sentence, "2026-01-01") == "2025-12-29"


def test_a_modal_with_have_to_looks_ahead():
    assert last_value("The dockers would have to pay on Monday.", "2026-01-01") == "2026-01-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "The court postponed the hearing until Monday.",
        "The deadline was extended to Monday.",
        "The vote has been put off till Monday.",
        "The council adjourned until Monday.",
    ],
)
def test_a_verb_that_moves_an_event_points_ahead(sentence):
    # Published Saturday 28 February 2026: the coming Monday is 2 March.
    assert last_value(sentence, "2026-02-28") == "2026-03-02"


@pytest.mark.parametrize(
    "sentence",
    [
        "The port stayed closed until Monday.",
        "The krone moved sharply lower until Monday.",
    ],
)
def test_until_after_another_past_verb_stays_behind(sentence):
    assert last_value(sentence, "2026-02-28") == "2026-02-23"


def test_a_headline_infinitive_is_ahead():
    assert last_value("Veloria envoys to meet in Corvain on Monday", "2025-12-31") == ("2026-01-05")
    # A cue anywhere before the infinitive governs it instead.
    text = "The strike made it hard for the port to clear the backlog on Monday."
    assert last_value(text, "2025-12-31") == "2025-12-29"
    # A body sentence, closed by its full stop, is no headline: nothing says it is ahead.
    assert last_value("A vote to sell the pier on Monday.", "2025-12-31") == "2025-12-29"


@pytest.mark.parametrize(
    ("sentence", "weekday", "value"),
    [
        ("The ferry sank Monday last week.", "Monday", "2025-12-22"),
        ("The vote is set for Friday of next week.", "Friday", "2026-01-09"),
        ("The dockers met Tuesday this week.", "Tuesday", "2025-12-30"),
    ],
)
def test_a_weekday_with_its_week_is_that_week_s_day(sentence, weekday, value):
    # Thursday 1 January 2026 is in ISO week 2026-W01, which starts on Monday 29 December.
    assert values(sentence, "2026-01-01")[0] == (weekday, value)


def test_on_tuesday_in_an_article_of_new_year_s_day_is_the_tuesday_before():
    text = "The Corvain port authority said on Tuesday that the cranes would stay idle."
    assert values(text, "2026-01-01") == [("Tuesday", "2025-12-30")]


@pytest.mark.parametrize(
    ("published", "value"),
    [
        ("2025-12-29", "2026-01-05"),  # published on a Monday: the Monday a week on
        ("2025-12-31", "2026-01-05"),
        ("2026-01-01", "2026-01-05"),
    ],
)
def test_next_monday_across_the_year_end(published, value):
    text = "The Veloria ferry service will resume next Monday."
    assert values(text, published) == [("next Monday", value)]


def test_last_monday_across_the_year_end():
    assert values("The ferry sank last Monday.", "2026-01-02") == [("last Monday", "2025-12-29")]
    assert values("The ferry sank last Monday.", "2025-12-29") == [("last Monday", "2025-12-22")]
