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
    # Without the lone-event merge too: it would take the other one-article event in as well.
    grouper = Grouper(GroupSettings(event_merge_ratio=2.0, event_lone_merge_ratio=0.0))
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
    # Against an undated event of 2031, the year rule damps December 2030 and the shared year
    # spares January 2031 (it vouches for their time: no one-dated damping either).
    assert cluster_similarity(settings, "event", late_december, undated) == pytest.approx(
        cluster_similarity(settings, "event", early_january, undated) * settings.undated_year_factor
    )
    assert cluster_similarity(settings, "event", early_january, undated) == cluster_similarity(
        settings, "event", _cluster("e", {2031: 1}, day=22282.0), early_january
    )


def test_a_dated_and_an_undated_event_need_more_to_merge_than_two_alike() -> None:
    settings = GroupSettings()
    dated = _cluster("a", {}, day=22279.0)
    also_dated = _cluster("b", {}, day=22279.0)
    undated = _cluster("c", {})
    also_undated = _cluster("d", {})
    both_dated = cluster_similarity(settings, "event", dated, also_dated)
    assert settings.one_dated_factor < 1.0
    assert cluster_similarity(settings, "event", dated, undated) == pytest.approx(
        both_dated * settings.one_dated_factor
    )
    assert cluster_similarity(settings, "event", undated, also_undated) == both_dated
    # Stories are not damped.
    assert cluster_similarity(settings, "story", dated, undated) == cluster_similarity(
        settings, "story", dated, also_dated
    )


def test_an_undated_report_needs_more_to_join_a_dated_event() -> None:
    from storyline.group import prepare
    from storyline.group.events import article_vectors, similarity
    from storyline.group.state import Entry

    settings = GroupSettings()
    grouper = Grouper(settings)
    grouper.add([FIRE])
    state = grouper.state
    event = state.events[state.resolve("event", state.entries["mill-1"].event or "")]

    def ratio(article: Article, one_dated_factor: float) -> float:
        prepared = prepare(article)
        entry = Entry(
            id=prepared.id, key=prepared.key, title=prepared.title, outlet=None,
            origin_outlet=None, day=prepared.features.day, features=prepared.features,
        )
        vectors = article_vectors(state, entry)
        tuned = GroupSettings(one_dated_factor=one_dated_factor)
        sim = similarity(tuned, "event", vectors, False, entry.day, event, prepared.features.year)
        assert sim is not None
        return sim.ratio

    assert ratio(SUMMARY, settings.one_dated_factor) == pytest.approx(
        ratio(SUMMARY, 1.0) * settings.one_dated_factor
    )
    # An undated report that names the event's year is not damped by it (the year vouches).
    with_year = _article("mill-5", None, SUMMARY.title, "In May 2031, " + SUMMARY.text)
    assert ratio(with_year, 0.5) == ratio(with_year, 1.0)
    # A dated report the same day is not damped by it.
    same_day = _article("mill-4", "2031-05-04T09:00:00", SUMMARY.title, SUMMARY.text)
    assert ratio(same_day, 0.5) == ratio(same_day, 1.0)
