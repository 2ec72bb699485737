"""The narrative's reference time (``extract/dates/relative.py``): a scene-setting date one to
two weeks before publication dates the bare weekdays after it; flashbacks and dates inside a
clause do not.

Every sentence is invented. Dates worth knowing: Thursday 1 January 2026, Monday 22 December
2025, Wednesday 20 August 2025, Friday 8 August 2025, Monday 2 March 2026, Monday 16 February
2026.
"""

from __future__ import annotations

from storyline.extract.dates import find_dates


def values(text: str, published: str) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in find_dates(text, published)]


def test_a_fronted_date_dates_the_weekdays_after_it_across_the_year_end():
    text = (
        "On Dec. 22, the Veloria harbour board voted to close the north pier. Dockers walked "
        "out Tuesday, and the board met them on Wednesday."
    )
    # From the publication day alone, "Tuesday" would be 30 December.
    assert values(text, "2026-01-01") == [
        ("Dec. 22", "2025-12-22"),
        ("Tuesday", "2025-12-23"),
        ("Wednesday", "2025-12-24"),
    ]


def test_a_date_before_its_past_verb_sets_the_scene_too():
    text = "The Veloria board on Dec. 22 voted to close the pier. Dockers walked out Tuesday."
    assert values(text, "2026-01-01")[-1] == ("Tuesday", "2025-12-23")


def test_in_the_narrative_a_past_weekday_is_the_nearest_and_a_future_one_the_coming():
    text = (
        "On Thursday, Feb. 19, the Orlan mill workers voted to strike. Their union had warned "
        "the owners on Monday, and the mayor said he would visit the mill on Saturday."
    )
    # Around the month end: published Monday 2 March 2026, the scene is 11 days back.
    assert values(text, "2026-03-02") == [
        ("Thursday, Feb. 19", "2026-02-19"),
        ("Monday", "2026-02-16"),
        ("Saturday", "2026-02-21"),
    ]


def test_a_flashback_more_than_two_weeks_back_leaves_weekdays_to_the_publication_date():
    text = (
        "On July 2, the Veloria port council voted to sell the pier. Its chairman resigned on "
        "Monday."
    )
    assert values(text, "2025-08-20")[-1] == ("Monday", "2025-08-18")


def test_a_date_inside_a_clause_sets_no_scene():
    text = "Dockers protested the sale of the pier on Aug. 8 but the chairman resigned on Monday."
    assert values(text, "2025-08-20")[-1] == ("Monday", "2025-08-18")
    text = "The dockers, dismissed on Aug. 8, marched Tuesday."
    assert values(text, "2025-08-20")[-1] == ("Tuesday", "2025-08-19")


def test_a_recent_scene_ends_the_narrative():
    text = (
        "On Aug. 8, the council voted to sell the pier. On Aug. 18, the dockers returned. The "
        "chairman resigned on Monday."
    )
    assert values(text, "2025-08-20")[-1] == ("Monday", "2025-08-18")


def test_modified_weekdays_keep_to_the_publication_date_in_a_narrative():
    text = (
        "On Dec. 22, the Veloria board voted to close the pier. It will reopen next Tuesday; "
        "the dockers met last Monday."
    )
    assert values(text, "2026-01-01")[1:] == [
        ("next Tuesday", "2026-01-06"),
        ("last Monday", "2025-12-29"),
    ]


def test_what_was_said_is_dated_in_the_news_week_even_in_a_narrative():
    text = (
        "Veloria on Dec. 22 suspended payments on its harbour bonds. The finance minister said "
        "on Tuesday that talks would resume, and the dockers walked out Tuesday."
    )
    assert values(text, "2026-01-01")[1:] == [
        ("Tuesday", "2025-12-30"),
        ("Tuesday", "2025-12-23"),
    ]


def test_a_date_that_completes_another_verb_sets_no_scene():
    text = "Sales in the four weeks ended Dec. 20 rose five pct. The shares fell on Monday."
    assert values(text, "2026-01-01")[-1] == ("Monday", "2025-12-29")
