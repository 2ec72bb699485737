"""A first report left alone joins the event that forms after it (events.absorb_lone_events).
The articles are invented."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from storyline.group import Grouper, GroupSettings
from storyline.group.events import absorb_lone_events, cluster_similarity
from storyline.group.state import SUBVECTORS, Cluster, Entry, GroupState
from storyline.model import Article


def _article(id_: str, published: str, title: str, text: str) -> Article:
    return Article(source="t", format="text", id=id_, title=title, text=text, published=published)


# The first word of it, before anyone knew what had happened: too little in common with either
# later report for them to join it on their own.
BRIEF = _article(
    "bridge-1",
    "2031-03-03T06:10:00",
    "Doleth: traffic diverted",
    "Police closed the Varna bridge in Doleth early on Monday after part of it fell into the "
    "water.",
)
MAYOR = _article(
    "bridge-2",
    "2031-03-03T09:40:00",
    "Mayor orders checks on every span after deadly collapse",
    "Mayor Ilse Kornat ordered engineers to inspect all thirty spans in the city after the Varna "
    "road bridge in Doleth collapsed, killing four people. Eleven were rescued from the river. "
    "The opposition said warnings about corroded cables had been ignored since the last council "
    "budget, and the transport ministry promised an independent inquiry into the maintenance "
    "contracts.",
)
HOSPITAL = _article(
    "bridge-3",
    "2031-03-03T11:05:00",
    "Families wait at Doleth hospital",
    "Relatives gathered outside the regional hospital as doctors treated survivors of the Varna "
    "road bridge collapse in Doleth, where four people died and eleven were rescued from the "
    "river. Red Cross volunteers handed out blankets and coffee, and a school gym was opened for "
    "drivers stranded on the closed motorway while mayor Ilse Kornat visited the wards.",
)
REPORTS = [BRIEF, MAYOR, HOSPITAL]


def _events(grouper: Grouper) -> dict[str, str]:
    return {article: places[0] for article, places in grouper.assignments().items()}


def test_the_first_report_joins_the_event_that_formed_after_it() -> None:
    alone = Grouper(GroupSettings(event_lone_merge_ratio=0.0))
    alone.add(REPORTS)
    before = _events(alone)
    # Without the lone-event merge the brief stays a one-article event of its own.
    assert before["bridge-2"] == before["bridge-3"] != before["bridge-1"]

    grouper = Grouper()
    grouper.add(REPORTS)
    events = _events(grouper)
    assert len(set(events.values())) == 1
    # The merge keeps the older id: the event is named after the first report.
    assert events["bridge-1"] == before["bridge-1"]
    assert grouper.resolve(before["bridge-2"]) == before["bridge-1"]


@pytest.mark.parametrize("seed", range(4))
def test_the_same_event_in_any_order_and_any_batches(seed: int) -> None:
    whole = Grouper()
    whole.add(REPORTS)
    rng = random.Random(seed)
    shuffled = list(REPORTS)
    rng.shuffle(shuffled)
    cut = rng.randrange(1, len(shuffled))
    grouper = Grouper()
    grouper.add(shuffled[:cut])
    grouper.add(shuffled[cut:])
    assert _events(grouper) == _events(whole)
    assert len(set(_events(grouper).values())) == 1


# -- the rule, on events made by hand ---------------------------------------------------------


def _event(
    state: GroupState,
    name: str,
    words: dict[str, float],
    day: float | None = 22000.0,
    weight: int = 1,
    headlines: int = 0,
    last: float | None = None,
) -> Cluster:
    sums: dict[str, dict[str, float]] = {sub: {} for sub in SUBVECTORS}
    # The words stand for the titles too, so that a headline would be close on its own scale.
    sums["body"], sums["title"] = dict(words), dict(words)
    norms2 = dict.fromkeys(SUBVECTORS, 0.0)
    norms2["body"] = norms2["title"] = sum(w * w for w in words.values())
    cluster = Cluster(
        id=f"ev_{name}",
        founder=(str(day), name),
        sums=sums,
        norms2=norms2,
        first_day=day,
        last_day=day if last is None else last,
        weight=weight,
        headlines=headlines,
    )
    for k in range(weight):
        member = f"{name}-{k}"
        entry = Entry(member, (str(day), member), "", None, None, day, None)
        entry.event = cluster.id
        state.entries[member] = entry
        cluster.members[member] = None
    state.events[cluster.id] = cluster
    return cluster


GROWN = {"bridge": 0.6, "collapse": 0.6, "doleth": 0.5}
LIKE_IT = {"bridge": 0.7, "doleth": 0.7}
UNLIKE = {"budget": 0.8, "council": 0.6}


def _absorbs(settings: GroupSettings, **lone: object) -> bool:
    state = GroupState()
    grown = _event(state, "grown", GROWN, weight=3)
    other = _event(state, "lone", lone.pop("words", LIKE_IT), **lone)  # type: ignore[arg-type]
    kept = absorb_lone_events(state, settings, grown, [grown, other])
    return other.id not in state.events or kept.id == other.id


def test_a_close_one_article_event_is_taken_in_and_a_remote_one_is_not() -> None:
    settings = GroupSettings()
    state = GroupState()
    grown, like = _event(state, "grown", GROWN, weight=3), _event(state, "a", LIKE_IT)
    assert cluster_similarity(settings, "event", grown, like) >= 1.0
    assert _absorbs(settings)
    assert not _absorbs(settings, words=UNLIKE)
    assert not _absorbs(GroupSettings(event_lone_merge_ratio=0.0))


def test_only_one_article_full_text_events_within_one_events_time_are_taken_in() -> None:
    settings = GroupSettings()
    assert not _absorbs(settings, weight=2)  # two articles: the merge ratio decides
    assert not _absorbs(settings, weight=1, headlines=1)  # a headline
    # Dates: beyond the event gap, or too long together, stays apart; undated is within reach.
    assert not _absorbs(settings, day=22000.0 + settings.event_max_gap_days + 0.5)
    assert _absorbs(settings, day=None)
    state = GroupState()
    week = _event(state, "week", GROWN, day=22000.0, weight=3, last=22006.0)
    inside = _event(state, "in", LIKE_IT, day=22005.0)
    after = _event(state, "out", LIKE_IT, day=22008.0)
    # Two days after the event's last date is within the gap, and close enough to pass damped;
    # but the event would then span eight days.
    damped = cluster_similarity(settings, "event", week, after) * math.exp(
        -2.0 / settings.event_time_scale_days
    )
    assert damped >= settings.event_lone_merge_ratio
    kept = absorb_lone_events(state, settings, week, [after, inside])
    assert after.id in state.events and inside.id not in state.events
    assert set(kept.members) == {"week-0", "week-1", "week-2", "in-0"}


def test_days_between_damp_as_for_a_join() -> None:
    settings = GroupSettings()
    state = GroupState()
    grown, like = _event(state, "grown", GROWN, weight=3), _event(state, "a", LIKE_IT)
    value = cluster_similarity(settings, "event", grown, like)
    # A ratio just below the undamped value: met the same day, not two days apart.
    just_met = GroupSettings(event_lone_merge_ratio=value * 0.95)
    assert _absorbs(just_met)
    assert not _absorbs(just_met, day=22002.0)


def test_the_older_event_keeps_its_id() -> None:
    state = GroupState()
    grown = _event(state, "grown", GROWN, day=22001.0, weight=3)
    older = _event(state, "older", LIKE_IT, day=22000.0)
    kept = absorb_lone_events(state, GroupSettings(), grown, [older])
    assert kept.id == older.id and grown.id not in state.events
    assert state.aliases[grown.id] == older.id
    assert set(kept.members) == {"grown-0", "grown-1", "grown-2", "older-0"}
    assert all(state.entries[m].event == older.id for m in kept.members)


def test_every_pair_of_lone_events_is_judged_alone() -> None:
    # Two lone events near one grown event: each is judged against the event as it stands.
    settings = GroupSettings()
    for words in itertools.permutations([LIKE_IT, UNLIKE]):
        state = GroupState()
        grown = _event(state, "grown", GROWN, weight=3)
        first, second = _event(state, "x", words[0]), _event(state, "y", words[1])
        kept = absorb_lone_events(state, settings, grown, [first, second])
        taken = {c.id for c in (first, second) if c.id not in state.events or c is kept}
        liked = first if words[0] is LIKE_IT else second
        assert taken == {liked.id}
