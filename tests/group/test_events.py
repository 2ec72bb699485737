"""Events and stories, online: attachment, order independence, batches, headlines, dates,
merges. The articles are invented (made-up towns, people and outlets)."""

from __future__ import annotations

import random

import pytest

from storyline.group import Grouper, GroupSettings
from storyline.group.state import GroupState, cluster_id
from storyline.model import Article

# Two stories: a dam failure in the invented town of Velmora (two events: the flood on
# 3 March, the arrest of the engineer on 6 March), and a mayoral race in Orsk Harbor.
FLOOD = [
    (
        "flood-1",
        "2031-03-03T06:10:00",
        "Velmora Gazette",
        "Dam bursts above Velmora, flooding the river valley",
        "The Kestrel Dam above Velmora burst before dawn on Monday, sending a wall of water "
        "through the Tamsin river valley. Mayor Ilse Brandvold ordered the evacuation of 4,000 "
        "residents. Rescue crews from Velmora and Dunreach searched flooded farms.",
    ),
    (
        "flood-2",
        "2031-03-03T08:40:00",
        "Northern Courier",
        "Thousands evacuated as Kestrel Dam fails near Velmora",
        "Thousands of residents fled the Tamsin valley after the Kestrel Dam failed near "
        "Velmora. Mayor Ilse Brandvold said rescue crews were searching flooded farms and that "
        "the evacuation of 4,000 people was under way.",
    ),
    (
        "flood-3",
        "2031-03-03T12:05:00",
        "Dunreach Daily",
        "Kestrel Dam collapse floods Tamsin valley farms",
        "Floodwater from the collapsed Kestrel Dam covered farms across the Tamsin valley. "
        "Velmora mayor Ilse Brandvold thanked rescue crews from Dunreach; 4,000 residents were "
        "evacuated from the river valley.",
    ),
]
ARREST = [
    (
        "arrest-1",
        "2031-03-05T15:00:00",
        "Velmora Gazette",
        "Engineer arrested over Kestrel Dam inspection reports",
        "Police arrested Corvin Halloway, the engineer who signed the Kestrel Dam inspection "
        "reports, on charges of falsifying safety records. Prosecutor Mara Quennell said "
        "Halloway approved the dam despite cracks found in 2029.",
    ),
    (
        "arrest-2",
        "2031-03-05T18:30:00",
        "Northern Courier",
        "Kestrel Dam inspector Corvin Halloway charged with falsifying records",
        "Corvin Halloway, who inspected the Kestrel Dam, was charged with falsifying safety "
        "records, prosecutor Mara Quennell announced. Investigators say Halloway knew of cracks "
        "in the dam since 2029.",
    ),
]
RACE = [
    (
        "race-1",
        "2031-03-04T10:00:00",
        "Harbor Herald",
        "Orsk Harbor mayoral race: Pellam leads Strand in new poll",
        "Councillor Tobias Pellam leads incumbent Wenna Strand by six points in the Orsk Harbor "
        "mayoral race, a poll of 800 voters found. Pellam campaigns on ferry fares; Strand on "
        "the new container terminal.",
    ),
    (
        "race-2",
        "2031-03-04T16:20:00",
        "Coastal Times",
        "Pellam pulls ahead of Strand in Orsk Harbor mayoral poll",
        "A poll of 800 Orsk Harbor voters puts Tobias Pellam six points ahead of mayor Wenna "
        "Strand. The ferry fares and the container terminal dominate the mayoral campaign.",
    ),
]


def _articles(rows=FLOOD + ARREST + RACE, dated: bool = True) -> list[Article]:
    return [
        Article(
            source=f"test:{i}",
            format="jsonl",
            id=i,
            published=when if dated else None,
            outlet=outlet,
            title=title,
            body=text,
        )
        for i, when, outlet, title, text in rows
    ]


def _partition(grouper: Grouper) -> dict[str, tuple[str, str]]:
    return grouper.assignments()


def test_each_development_is_one_event_and_every_article_has_a_place() -> None:
    grouper = Grouper()
    grouper.add(_articles())
    places = _partition(grouper)
    assert set(places) == {row[0] for row in FLOOD + ARREST + RACE}
    assert len({places[i][0] for i, *_ in FLOOD}) == 1
    assert len({places[i][0] for i, *_ in ARREST}) == 1
    assert len({places[i][0] for i, *_ in RACE}) == 1
    assert places["flood-1"][0] != places["arrest-1"][0]
    assert places["flood-1"][0] != places["race-1"][0]


def test_the_flood_and_the_arrest_are_one_story_the_race_another() -> None:
    grouper = Grouper()
    grouper.add(_articles())
    places = _partition(grouper)
    assert places["flood-1"][1] == places["arrest-1"][1]
    assert places["race-1"][1] != places["flood-1"][1]
    story = grouper.story(places["flood-1"][1])
    assert story is not None
    assert [e["date"] for e in story["events"]] == ["2031-03-03", "2031-03-05"]
    assert story["first_date"] == "2031-03-03" and story["last_date"] == "2031-03-05"


def test_ids_are_deterministic_and_named_after_the_founding_article() -> None:
    grouper = Grouper()
    grouper.add(_articles())
    places = _partition(grouper)
    assert places["flood-2"][0] == cluster_id("ev_", "flood-1")
    assert places["arrest-2"][1] == cluster_id("st_", "flood-1")


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_shuffled_orders_and_batches_give_identical_events_and_ids(seed: int) -> None:
    reference = Grouper()
    reference.add(_articles())
    expected = _partition(reference)
    shuffled = _articles()
    random.Random(seed).shuffle(shuffled)
    grouper = Grouper()
    size = 1 + seed % 3
    for start in range(0, len(shuffled), size):
        grouper.add(shuffled[start : start + size])
    assert _partition(grouper) == expected
    assert grouper.events() == reference.events()
    assert grouper.stories() == reference.stories()


def test_one_batch_or_one_article_at_a_time_on_a_larger_set() -> None:
    # Within the lateness window (three days) any arrival order gives the same result.
    rows = []
    for n in range(40):
        rows.append(
            (
                f"x{n:02d}",
                f"2031-04-{1 + n % 3:02d}T{n % 24:02d}:00:00",
                f"Outlet {n % 5}",
                f"Harbor {n % 7} report number {n}",
                f"Story {n % 7} about the harbor of town {n % 7} and its ferry {n % 3}. "
                f"Captain Name{n % 7} spoke to reporters.",
            )
        )
    reference = Grouper()
    reference.add(_articles(rows))
    grouper = Grouper()
    shuffled = _articles(rows)
    random.Random(7).shuffle(shuffled)
    for article in shuffled:
        grouper.add([article])
    assert _partition(grouper) == _partition(reference)


def test_articles_later_than_the_lateness_window_are_counted() -> None:
    grouper = Grouper()
    newest = (
        "later",
        "2031-03-20T00:00:00",
        "Feed",
        "Ferry strike in Orsk Harbor",
        "Ferry crews in Orsk Harbor walked out over pay.",
    )
    grouper.add(_articles([*ARREST, newest]))  # the arrest is now final: 14 days behind
    early = _articles(FLOOD)
    update = grouper.add(early)
    assert update.late == 3
    assert set(_partition(grouper)) >= {"flood-1", "flood-2", "flood-3"}


def test_adding_the_same_article_again_changes_nothing() -> None:
    grouper = Grouper()
    grouper.add(_articles())
    before = grouper.events()
    update = grouper.add(_articles())
    assert update.added == 0
    assert grouper.events() == before


def test_headline_only_items_cluster_on_the_title_scale() -> None:
    rows = [
        ("h1", "2031-03-03T07:00:00", "Feed A", "Kestrel Dam bursts, Velmora valley flooded", ""),
        (
            "h2",
            "2031-03-03T07:30:00",
            "Feed B",
            "Velmora evacuates 4,000 after Kestrel Dam fails",
            "",
        ),
        ("h3", "2031-03-03T08:00:00", "Feed C", "Kestrel Dam failure: Velmora floods", ""),
        ("h4", "2031-03-04T09:00:00", "Feed D", "Pellam leads Strand in Orsk Harbor poll", ""),
        ("h5", "2031-03-04T09:30:00", "Feed E", "Orsk Harbor poll: Pellam ahead of Strand", ""),
    ]
    grouper = Grouper()
    grouper.add(_articles(rows))
    places = _partition(grouper)
    assert places["h1"][0] == places["h2"][0] == places["h3"][0]
    assert places["h4"][0] == places["h5"][0]
    assert places["h1"][0] != places["h4"][0]


def test_headlines_join_full_articles_of_their_event() -> None:
    rows = [
        *FLOOD,
        (
            "h1",
            "2031-03-03T09:00:00",
            "Feed A",
            "Kestrel Dam fails above Velmora, 4,000 evacuated",
            "",
        ),
    ]
    grouper = Grouper()
    grouper.add(_articles(rows))
    places = _partition(grouper)
    assert places["h1"][0] == places["flood-1"][0]


def test_undated_articles_take_their_events_date_marked_inferred() -> None:
    articles = _articles()
    articles[1].published = None  # flood-2
    grouper = Grouper()
    grouper.add(articles)
    event = grouper.event(_partition(grouper)["flood-2"][0])
    assert event is not None
    assert event["date"] == "2031-03-03"
    assert event["inferred_dates"] == ["flood-2"]
    assert event["articles"][-1] == "flood-2"  # undated last


def test_all_undated_still_groups_and_the_timeline_says_dates_are_unknown() -> None:
    grouper = Grouper()
    grouper.add(_articles(dated=False))
    places = _partition(grouper)
    assert len({places[i][0] for i, *_ in FLOOD}) == 1
    story = grouper.story(places["flood-1"][1])
    assert story is not None and story["first_date"] is None
    assert all(e["date"] is None for e in story["events"])


def test_a_merge_keeps_the_older_id_and_records_the_alias() -> None:
    # Two halves of one event, each too far from the other for a strict threshold; a later
    # report that tells both halves reaches both events, whose centroids are then close.
    blast = (
        "Quarry blast shakes Lindqvist village. The explosion at the Lindqvist quarry "
        "rattled windows and cracked the old chapel. Foreman Odo Marrek said the charge "
        "went off early."
    )
    hurt = (
        "Lindqvist quarry workers injured. Three quarry workers were taken to Brannholm "
        "hospital with burns after the explosion. Foreman Odo Marrek was among the injured."
    )
    rows = [
        ("m1", "2031-05-01T08:00:00", "Feed A", "Quarry blast shakes Lindqvist", blast),
        ("m2", "2031-05-01T09:00:00", "Feed B", "Quarry workers injured at Lindqvist", hurt),
    ]
    grouper = Grouper(GroupSettings(event_threshold=0.6, event_merge_ratio=0.5))
    grouper.add(_articles(rows))
    first = _partition(grouper)
    older, younger = cluster_id("ev_", "m1"), cluster_id("ev_", "m2")
    assert (first["m1"][0], first["m2"][0]) == (older, younger)
    bridge = (
        "m3",
        "2031-05-01T10:00:00",
        "Feed C",
        "Lindqvist quarry blast injures workers",
        blast + " " + hurt,
    )
    update = grouper.add(_articles([bridge]))
    places = _partition(grouper)
    assert places["m1"][0] == places["m2"][0] == places["m3"][0] == older
    assert update.aliases == {younger: older}
    assert grouper.resolve(younger) == older
    event = grouper.event(younger)
    assert event is not None and event["id"] == older


def _quarry_rows() -> list[tuple[str, str, str, str, str]]:
    blast = (
        "Quarry blast shakes Lindqvist village. The explosion at the Lindqvist quarry "
        "rattled windows and cracked the old chapel. Foreman Odo Marrek said the charge "
        "went off early."
    )
    hurt = (
        "Lindqvist quarry workers injured. Three quarry workers were taken to Brannholm "
        "hospital with burns after the explosion. Foreman Odo Marrek was among the injured."
    )
    return [
        ("m1", "2031-05-01T08:00:00", "Feed A", "Quarry blast shakes Lindqvist", blast),
        ("m2", "2031-05-01T09:00:00", "Feed B", "Quarry workers injured at Lindqvist", hurt),
        ("m3", "2031-05-01T10:00:00", "Feed C", "Lindqvist quarry blast injures", blast + hurt),
    ]


def test_a_merge_is_taken_back_exactly_even_after_a_round_trip_through_json() -> None:
    import json

    settings = GroupSettings(event_threshold=0.6, event_merge_ratio=0.5)
    rows = _quarry_rows()
    grouper = Grouper(settings)
    grouper.add(_articles(rows[:2]))
    before = json.loads(json.dumps({c: e.to_dict() for c, e in grouper.state.events.items()}))
    grouper.add(_articles(rows[2:]))
    assert len(grouper.state.events) == 1
    # The merge's undo record survives saving and restoring the state as JSON...
    state = GroupState.from_dict(json.loads(json.dumps(grouper.state.to_dict())))
    # ...and taking back the bridging article restores both events word for word.
    state.rollback(state.entries["m3"].key)
    after = json.loads(json.dumps({c: e.to_dict() for c, e in state.events.items()}))
    assert len(before) == 2 and after == before
    assert not state.aliases


def test_a_late_article_that_founds_earlier_renames_nothing_silently() -> None:
    grouper = Grouper()
    grouper.add(_articles(FLOOD[1:]))
    shown = _partition(grouper)["flood-2"][0]
    update = grouper.add(_articles(FLOOD[:1]))
    now = _partition(grouper)["flood-2"][0]
    assert now == cluster_id("ev_", "flood-1")
    assert update.aliases[shown] == now
    assert grouper.event(shown)["id"] == now


def test_state_round_trips_through_plain_data() -> None:
    grouper = Grouper()
    grouper.add(_articles(FLOOD + RACE))
    restored = Grouper(state=GroupState.from_dict(grouper.state.to_dict()))
    restored.add(_articles(ARREST))
    reference = Grouper()
    reference.add(_articles())
    assert _partition(restored) == _partition(reference)


def test_bad_input_is_skipped_with_a_reason() -> None:
    bad = Article(
        source="test:bad", format="jsonl", id="bad", title=None, body="", published="not a date"
    )
    grouper = Grouper()
    update = grouper.add([bad, *_articles(FLOOD)])
    assert update.added >= 3
    assert "bad" in _partition(grouper)  # unparseable date: treated as undated


def test_old_events_close_and_leave_memory_in_a_long_stream() -> None:
    rows = []
    for day in range(1, 61):
        rows.append(
            (
                f"d{day:02d}",
                "2031-01-01T00:00:00",
                "Feed",
                f"Topic{day} unique{day}",
                f"Word{day} another{day} thing{day} Person{day} met Person{day}x.",
            )
        )
    articles = _articles(rows)
    for day, article in enumerate(articles):
        article.published = f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}T12:00:00"
    grouper = Grouper(GroupSettings(keep_closed=False))
    for article in articles:
        grouper.add([article])
    assert len(grouper.state.entries) < 15
    assert len(grouper.state.events) < 15


def test_saved_to_sqlite_and_read_back_with_timelines() -> None:
    import sqlite3

    from storyline.group.persist import (
        load_grouper,
        migrate_groups,
        save_grouper,
        save_update,
        stored_event,
        stored_stories,
        stored_story,
    )

    conn = sqlite3.connect(":memory:")
    migrate_groups(conn)
    migrate_groups(conn)  # idempotent
    grouper = Grouper()
    save_update(conn, grouper.add(_articles(FLOOD + RACE)))
    save_grouper(conn, grouper)
    resumed = load_grouper(conn)
    save_update(conn, resumed.add(_articles(ARREST)))
    stories = stored_stories(conn)
    assert [s["id"] for s in stories] == [cluster_id("st_", "flood-1"), cluster_id("st_", "race-1")]
    story = stored_story(conn, cluster_id("st_", "flood-1"))
    assert story is not None
    assert [e["id"] for e in story["events"]] == [
        cluster_id("ev_", "flood-1"),
        cluster_id("ev_", "arrest-1"),
    ]
    event = stored_event(conn, cluster_id("ev_", "arrest-1"))
    assert event is not None and event["articles"] == ["arrest-1", "arrest-2"]
    rows = conn.execute("SELECT COUNT(*) FROM event_articles").fetchone()[0]
    assert rows == len(FLOOD + ARREST + RACE)
    # The saved state reads back as exactly what the grouper held (every float to the bit).
    import json

    save_grouper(conn, resumed)
    saved = conn.execute("SELECT value FROM group_state WHERE key = 'state'").fetchone()[0]
    assert isinstance(saved, str)
    assert json.loads(saved) == json.loads(json.dumps(resumed.state.to_dict()))


def test_mentioned_year_is_the_most_frequent_standalone_year() -> None:
    from storyline.group.features import mentioned_year

    assert mentioned_year("Elections of 2019 and 2024; the 2024 vote.") == 2024
    assert mentioned_year("Posted 11/27/2005 7:21 AM") == 2005
    assert mentioned_year("2019 then 2024") == 2024  # ties: the latest
    assert mentioned_year("a bill of 2,013 dollars, 1.2019 units, code 120199") is None


def test_undated_articles_from_another_year_are_damped_at_the_event_level_only() -> None:
    from storyline.group.events import article_vectors, similarity
    from storyline.group.features import extract_features
    from storyline.group.state import Entry

    text = (
        "Voters in Brenmoor cast ballots in the {} parliamentary election; turnout reached "
        "61 percent, the Brenmoor election commission said."
    )
    rows = [("v1", None, "Feed", "Brenmoor votes", text.format(2019))]
    grouper = Grouper()
    grouper.add(_articles(rows, dated=False))
    event = next(iter(grouper.state.events.values()))
    story = next(iter(grouper.state.stories.values()))
    assert event.years == {2019: 1}

    def score(year: int, level: str, factor: float) -> float:
        article = _articles([("v2", None, "Feed", "Brenmoor votes", text.format(year))])[0]
        features = extract_features(article)
        entry = Entry("v2", ("~", "v2"), article.title or "", None, None, None, features)
        vectors = article_vectors(grouper.state, entry)
        cluster = event if level == "event" else story
        damped = GroupSettings(undated_year_factor=factor)
        sim = similarity(damped, level, vectors, False, None, cluster, features.year)
        assert sim is not None
        return sim.value

    assert score(2024, "event", 0.5) == pytest.approx(0.5 * score(2024, "event", 1.0))
    assert score(2019, "event", 0.5) == score(2019, "event", 1.0)  # the same year
    assert score(2024, "story", 0.5) == score(2024, "story", 1.0)  # stories span years


def test_a_matter_reported_every_day_goes_on_as_new_events_of_one_story() -> None:
    # Forty daily reports of one invented siege: one event would never close and would keep
    # every article in memory; the span cap closes it and the story carries on.
    rows = [
        (
            f"s{day:02d}",
            f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}T09:00:00",
            "Harbor Wire",
            f"Siege of Port Ambrel enters day {day + 1}",
            "Rebels led by Tomas Velk still hold the Port Ambrel lighthouse; negotiator "
            "Sanna Orlov met them again as the siege of Port Ambrel went on.",
        )
        for day in range(40)
    ]
    settings = GroupSettings(keep_closed=False)
    grouper = Grouper(settings)
    for article in _articles(rows):
        grouper.add([article])
    live = len(grouper.state.entries)
    assert live <= settings.event_max_span_days + settings.lateness_days + 4
    spans = [
        (e["first_date"], e["last_date"]) for e in (grouper.event(i) for i in grouper.state.events)
    ]
    assert all(e is not None for e in spans)
    assert len({a[1] for a in grouper.assignments().values()}) == 1  # one story
