"""Decisions do not depend on where batches end, even when events close between batches."""

from __future__ import annotations

from dataclasses import replace

import pytest

import storyline.group.events as events_module
from storyline.group import Grouper, GroupSettings
from storyline.model import Article


def _article(ident: str, day: str, title: str, text: str) -> Article:
    published = f"{day}T09:00:00+00:00"
    return Article(
        source="t", format="jsonl", id=ident, title=title, text=text, published=published
    )


# An old event whose words the late articles share most; weeks later it is out of reach.
OLD = _article(
    "old",
    "2026-01-02",
    "Velmont harbour strike again halts cranes as dockworkers walk out over pay",
    "Dockworkers at Velmont harbour walked out again over pay, halting the cranes on the "
    "north quay. The strike again stopped container traffic, the port said.",
)
# Something in between that moves time on, so the old event closes between batches.
MIDDLE = _article(
    "middle",
    "2026-01-20",
    "Orchard growers in Tessaly report a late frost",
    "Growers across Tessaly counted losses after a late frost hit the orchards overnight.",
)
LATE_A = _article(
    "late-a",
    "2026-02-10",
    "Velmont harbour dockworkers strike again over new rosters",
    "Dockworkers at Velmont harbour began a second strike over the new night rosters, the "
    "union said, and cranes stood idle on the north quay.",
)
# Shares more of its heaviest words with the old event than with LATE_A, and enough with
# LATE_A to join it.
LATE_B = _article(
    "late-b",
    "2026-02-10",
    "Velmont harbour dockworkers strike again: cranes halted on north quay over pay",
    "Cranes were halted again and container ships waited at the north quay of Velmont "
    "harbour as dockworkers walked out over pay and the new night rosters in the second "
    "strike, port officials said.",
)

# One candidate per decision: what the old event would take from the live one if it counted.
SETTINGS = replace(GroupSettings(), max_candidates=1)


def _events(batches: list[list[Article]]) -> dict[str, str]:
    grouper = Grouper(SETTINGS)
    for batch in batches:
        grouper.add(batch)
    return {article: place[0] for article, place in grouper.assignments().items()}


def test_late_articles_join_each_other_whatever_closed_before() -> None:
    one = _events([[OLD, MIDDLE, LATE_A, LATE_B]])
    many = _events([[OLD], [MIDDLE], [LATE_A, LATE_B]])
    assert one == many
    assert one["late-a"] == one["late-b"]
    assert one["old"] != one["late-a"]


def test_the_fixture_needs_reach_filtering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting out-of-reach events as candidates (the old behaviour) splits the late pair
    in one batch but not in three: the test above would catch its return."""
    everything = events_module.candidates

    def unfiltered(*args: object, **kwargs: object) -> object:
        return everything(*args[:5])  # no day: every cluster in memory counts

    monkeypatch.setattr(events_module, "candidates", unfiltered)
    one = _events([[OLD, MIDDLE, LATE_A, LATE_B]])
    many = _events([[OLD], [MIDDLE], [LATE_A, LATE_B]])
    assert one != many
