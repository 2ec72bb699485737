"""Quantities in the event similarity."""

from __future__ import annotations

from dataclasses import replace

from storyline.group import Grouper, GroupSettings
from storyline.group.events import article_vectors, similarity
from storyline.group.features import extract_features, numbers
from storyline.group.state import Entry
from storyline.model import Article

RAID = (
    "The Varnland coast guard seized {} smugglers off Port Ostrey on Sunday after a chase "
    "of {} hours, a coast guard spokesman in Port Ostrey said."
)


def _article(aid: str, title: str, text: str) -> Article:
    return Article(
        source=f"test:{aid}", format="jsonl", id=aid, title=title, body=text, outlet="Feed"
    )


def test_numbers_are_normalised_and_years_left_out() -> None:
    text = "In 2019 a 4.6 quake hit; 1,200 fled, a $137 Million fund, 3.5 per cent, 17 dead."
    assert numbers(text) == ["4.6", "1200", "137 million", "3.5 percent", "17"]
    assert numbers("Updated 2013-09-18 13:59, scores 3-1, on 12/25/2008") == []


def test_days_and_hours_tell_time_not_quantity() -> None:
    text = (
        "On March 5, 23 fishermen were rescued at 7 p.m. and 4 more on 12 December; "
        "Jan. 30 saw 11 Mayors meet at 10 am, 9 of them from Ostrey, on the 3rd of May."
    )
    assert numbers(text) == ["23", "4", "11", "9"]
    # Large figures beside a month name stay quantities; so do hours without a.m./p.m.
    assert numbers("In March 1,200 fled; 45 March arrivals; 14 amendments") == [
        "1200",
        "45",
        "14",
    ]


def _score(grouper: Grouper, settings: GroupSettings, text: str, level: str) -> float:
    article = _article("r2", "Smugglers seized off Port Ostrey", text)
    features = extract_features(article)
    entry = Entry("r2", ("~", "r2"), article.title or "", None, None, None, features)
    vectors = article_vectors(grouper.state, entry)
    states = grouper.state.events if level == "event" else grouper.state.stories
    cluster = next(iter(states.values()))
    sim = similarity(settings, level, vectors, False, None, cluster, features.year)
    assert sim is not None
    return sim.value


def test_the_same_figures_bring_an_article_closer_to_an_event_not_to_a_story() -> None:
    grouper = Grouper()
    grouper.add([_article("r1", "Smugglers seized off Port Ostrey", RAID.format(14, 6))])
    settings = GroupSettings()
    flat = replace(settings, numbers_weight=0.0)
    same, other = (_score(grouper, settings, RAID.format(*n), "event") for n in ((14, 6), (31, 9)))
    flat_same, flat_other = (
        _score(grouper, flat, RAID.format(*n), "event") for n in ((14, 6), (31, 9))
    )
    assert same - other > flat_same - flat_other > 0.0  # the figures count beyond their words
    for text in (RAID.format(14, 6), RAID.format(31, 9)):
        assert _score(grouper, settings, text, "story") == _score(grouper, flat, text, "story")


def test_one_number_alone_is_no_quantity_evidence() -> None:
    # One stated number is a unit vector: it would match any text stating it at full
    # strength ("2 brothers", "2 soldiers"). An article needs two numbers to be compared on them.
    grouper = Grouper()
    grouper.add([_article("r1", "Smugglers seized off Port Ostrey", RAID.format(14, 6))])
    settings = GroupSettings()
    flat = replace(settings, numbers_weight=0.0)
    single = RAID.replace("{} hours", "several hours").format(14)
    assert numbers(single) == ["14"]
    assert _score(grouper, settings, single, "event") == _score(grouper, flat, single, "event")
    two = RAID.format(14, 9)  # two numbers, one of them the event's: compared on them
    assert _score(grouper, settings, two, "event") != _score(grouper, flat, two, "event")
