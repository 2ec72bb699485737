"""Two events that time kept apart merge when a later report reaches both and their
centroids are 1.5 join thresholds close. The articles are invented."""

from __future__ import annotations

import pytest

from storyline.group import Grouper, GroupSettings
from storyline.group.events import cluster_similarity
from storyline.model import Article


def _article(id_: str, published: str | None, title: str, text: str) -> Article:
    return Article(source="t", format="text", id=id_, title=title, text=text, published=published)


FIRE = _article(
    "mill-1",
    "2031-05-04T06:00:00",
    "Fire destroys Tamsin flour mill in Velmora",
    "A fire destroyed the Tamsin flour mill in Velmora overnight. Fire chief Ada Oduya said "
    "forty firefighters fought the blaze for six hours and that nobody was hurt.",
)
# Nearly three days later (time damps the similarity to a quarter), and worded apart.
OWNER = _article(
    "mill-2",
    "2031-05-06T23:00:00",
    "Owner vows to rebuild burned Velmora mill",
    "Piet Varga, who owns the Tamsin flour mill in Velmora, said on Wednesday he would rebuild "
    "it within a year and keep paying its thirty workers. Investigators have not named a cause.",
)
# Undated (decided last, with no time damping): close to both.
SUMMARY = _article(
    "mill-3",
    None,
    "Velmora's Tamsin mill lost to fire",
    "Fire chief Ada Oduya said the Tamsin flour mill in Velmora burned for six hours; "
    "the owner said he would rebuild the mill.",
)


def test_a_report_reaching_two_close_events_merges_them() -> None:
    settings = GroupSettings()
    grouper = Grouper(settings)
    grouper.add([FIRE, OWNER])
    state = grouper.state
    first, second = (
        state.events[state.resolve("event", state.entries[i].event or "")]
        for i in ("mill-1", "mill-2")
    )
    assert first.id != second.id  # time alone keeps them apart
    # Between the new ratio and the old one (2.0): the case this calibration changes.
    assert 1.5 <= cluster_similarity(settings, "event", first, second) < 2.0
    grouper.add([SUMMARY])
    places = grouper.assignments()
    assert places["mill-1"][0] == places["mill-2"][0] == places["mill-3"][0]


def test_a_stricter_ratio_keeps_them_apart() -> None:
    grouper = Grouper(GroupSettings(event_merge_ratio=2.0))
    grouper.add([FIRE, OWNER, SUMMARY])
    places = grouper.assignments()
    assert places["mill-1"][0] != places["mill-2"][0]


def _cluster(name: str, years: dict[int, int], day: float | None = None):
    from storyline.group.state import SUBVECTORS, Cluster

    sums = {sub: {} for sub in SUBVECTORS}
    sums["body"] = {"quake": 0.8, "province": 0.6}
    norms2 = {sub: 0.0 for sub in SUBVECTORS}
    norms2["body"] = 1.0
    return Cluster(
        id=name,
        founder=("~", name),
        sums=sums,
        norms2=norms2,
        years=years,
        first_day=day,
        last_day=day,
    )


def test_events_with_no_year_in_common_are_damped_before_merging() -> None:
    settings = GroupSettings()
    same = cluster_similarity(settings, "event", _cluster("a", {2031: 2}), _cluster("b", {2031: 1}))
    apart = cluster_similarity(
        settings, "event", _cluster("a", {2024: 2}), _cluster("b", {2031: 1})
    )
    unknown = cluster_similarity(settings, "event", _cluster("a", {}), _cluster("b", {2031: 1}))
    assert apart == pytest.approx(same * settings.undated_year_factor)
    assert unknown == same  # a side that tells no year is not damped
    # Stories may span years: not damped.
    story = cluster_similarity(
        settings, "story", _cluster("a", {2024: 2}), _cluster("b", {2031: 1})
    )
    assert story == cluster_similarity(
        settings, "story", _cluster("a", {2031: 2}), _cluster("b", {2031: 1})
    )


def test_two_dated_events_are_told_apart_by_their_dates_not_their_years() -> None:
    # As for joins, the year rule stands in for time only where a side has no date.
    settings = GroupSettings()
    late_december = _cluster("a", {2030: 1}, day=22279.0)
    early_january = _cluster("b", {2031: 1}, day=22282.0)
    undated = _cluster("c", {2031: 1})
    assert cluster_similarity(settings, "event", late_december, early_january) == (
        cluster_similarity(settings, "event", _cluster("d", {2031: 1}, day=22279.0), early_january)
    )
    assert cluster_similarity(settings, "event", late_december, undated) == pytest.approx(
        cluster_similarity(settings, "event", early_january, undated) * settings.undated_year_factor
    )
