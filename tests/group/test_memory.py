"""Memory stays flat on a long stream: a story that goes on for months keeps only what is live
(ids of articles and events that left memory are taken out), the copy index holds the recent
articles only, and taking decisions back still works after that. Invented reports."""

from __future__ import annotations

from storyline.group import Grouper, GroupSettings
from storyline.model import Article


def _siege(days: int, per_day: int = 3) -> list[Article]:
    """Daily reports of one invented matter (one story, a new event every week or so)."""
    out = []
    for day in range(days):
        for n in range(per_day):
            date = f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}T{8 + 3 * n:02d}:00:00"
            out.append(
                Article(
                    source=f"test:{day}-{n}",
                    format="jsonl",
                    id=f"s{day:03d}-{n}",
                    published=date,
                    outlet=["Harbor Wire", "Ambrel Post", "Coastal Times"][n],
                    title=f"Siege of Port Ambrel enters day {day + 1}",
                    body=(
                        "Rebels led by Tomas Velk still hold the Port Ambrel lighthouse; "
                        f"negotiator Sanna Orlov met them for the {day + 1}th time as the "
                        f"siege of Port Ambrel went on, and {n + day % 5} boats left the bay."
                    ),
                )
            )
    return out


def test_a_story_of_months_holds_only_its_live_articles_and_events() -> None:
    settings = GroupSettings(keep_closed=False)
    grouper = Grouper(settings)
    articles = _siege(100)
    for start in range(0, len(articles), 6):
        grouper.add(articles[start : start + 6])
    stories = list(grouper.state.stories.values())
    assert len(stories) == 1  # one matter, one story, for all hundred days
    story = stories[0]
    assert story.founder[1] == articles[0].id  # the same story since day one
    assert set(story.members) <= set(grouper.state.entries)  # only what is live
    assert len(story.members) < 60
    assert set(story.children) <= set(grouper.state.events)
    assert len(grouper.copies) <= len(grouper.state.entries)
    assert len(grouper.state.journal) < 40


def test_decisions_taken_back_after_ids_left_memory_match_one_batch() -> None:
    articles = _siege(70)
    whole = Grouper(GroupSettings(keep_closed=False))
    whole.add(articles)
    online = Grouper(GroupSettings(keep_closed=False))
    # Day by day, each day's first report arriving with the next day's (late, within the
    # lateness window, after the day's later reports were decided): the journal takes
    # decisions back after ids left the story.
    held: list[Article] = []
    for day in range(70):
        today = articles[3 * day : 3 * day + 3]
        online.add(today[1:] + held)
        held = today[:1]
    online.add(held)
    places = online.assignments()
    for article_id, (event, story) in places.items():
        assert whole.assignments().get(article_id, (event, story)) == (event, story)
    assert len({s for _, s in places.values()}) == 1


def test_closed_events_follow_their_story_into_a_merge_in_the_store() -> None:
    import sqlite3

    from storyline.group import GroupUpdate
    from storyline.group.persist import migrate_groups, save_update, stored_story

    conn = sqlite3.connect(":memory:")
    migrate_groups(conn)
    event = {
        "id": "ev_old",
        "title": "Siege of Port Ambrel begins",
        "date": "2031-01-02",
        "first_date": "2031-01-02",
        "last_date": "2031-01-02",
        "story": "st_b",
        "articles": ["s1"],
        "copies": {},
        "outlets": ["Harbor Wire"],
        "inferred_dates": [],
    }
    story = {"id": "st_b", "title": "Siege", "first_date": "2031-01-02", "last_date": None}
    live = {**story, "id": "st_a"}
    # The event closed (left memory) while its story went on; later the story merged away.
    save_update(conn, GroupUpdate(events=[event], stories=[story, live], closed=["ev_old"]))
    save_update(conn, GroupUpdate(aliases={"st_b": "st_a"}))
    merged = stored_story(conn, "st_b")  # the alias reads the story it went into
    assert merged is not None and merged["id"] == "st_a"
    assert [(e["id"], e["story"]) for e in merged["events"]] == [("ev_old", "st_a")]


def test_an_id_live_again_after_a_merge_was_taken_back_is_no_alias() -> None:
    import sqlite3

    from storyline.group import GroupUpdate
    from storyline.group.persist import migrate_groups, resolve_id, save_update

    conn = sqlite3.connect(":memory:")
    migrate_groups(conn)
    story = {"id": "st_b", "title": "Siege", "first_date": "2031-01-02", "last_date": None}
    save_update(conn, GroupUpdate(stories=[story, {**story, "id": "st_a"}]))
    save_update(conn, GroupUpdate(aliases={"st_b": "st_a"}))
    assert resolve_id(conn, "st_b") == "st_a"
    # A late article undid the merge: st_b is reported live again.
    save_update(conn, GroupUpdate(stories=[story]))
    assert resolve_id(conn, "st_b") == "st_b"


_SYLLABLES = ("ka", "lo", "mi", "ru", "te", "so", "vi", "ne", "da", "pu", "ge", "zo")


def _changing_siege(days: int) -> list[Article]:
    """The siege, each day with words of its own (a matter whose vocabulary keeps moving)."""
    out = _siege(days)
    for article in out:
        day = int(article.id[1:4])
        n = len(_SYLLABLES)
        words = [
            _SYLLABLES[(day + k) % n] + _SYLLABLES[(day // n + 3 * k) % n] + "nor"
            for k in range(4)
        ]
        article.body = f"{article.body} Witnesses spoke of {', '.join(words)} and more."
    return out


def _index_from_clusters(grouper: Grouper) -> dict[str, dict[str, dict[str, int]]]:
    state = grouper.state
    rebuilt: dict[str, dict[str, dict[str, int]]] = {"event": {}, "story": {}}
    for level in ("event", "story"):
        for cluster in state.clusters(level).values():
            for term, count in cluster.indexed.items():
                rebuilt[level].setdefault(term, {})[cluster.id] = count
    return rebuilt


def _live_index(grouper: Grouper) -> dict[str, dict[str, dict[str, int]]]:
    state = grouper.state
    live: dict[str, dict[str, dict[str, int]]] = {"event": {}, "story": {}}
    for level in ("event", "story"):
        for postings in (state.index[level], state.asleep[level]):
            for term, slot in postings.items():
                for cid, count in slot.items():
                    live[level].setdefault(term, {})[cid] = count
    return live


def test_a_long_story_keeps_a_bounded_centroid_and_index() -> None:
    limit = 12
    grouper = Grouper(GroupSettings(keep_closed=False, max_centroid_terms=limit))
    articles = _changing_siege(90)
    for start in range(0, len(articles), 9):
        grouper.add(articles[start : start + 9])
    (story,) = grouper.state.stories.values()
    assert story.weight > 100
    for sub, sums in story.sums.items():
        assert len(sums) <= 2 * limit, sub
    # Index keys outside the centroid go once there are more than 4 * limit of them.
    assert len(story.indexed) < 6 * limit
    # The posting lists are exactly what the clusters say they are indexed under.
    assert _live_index(grouper) == _index_from_clusters(grouper)


def test_decisions_taken_back_across_trims_match_one_batch() -> None:
    settings = GroupSettings(keep_closed=False, max_centroid_terms=12)
    articles = _changing_siege(40)
    whole = Grouper(settings)
    whole.add(articles)
    online = Grouper(settings)
    undone: list[tuple[object, ...]] = []
    take_back = online.state._undo

    def spy(record: tuple[object, ...]) -> None:
        undone.append(record)
        take_back(record)

    online.state._undo = spy  # type: ignore[method-assign]
    held: list[Article] = []
    for day in range(40):  # each day's first report arrives late, with the next day's
        today = articles[3 * day : 3 * day + 3]
        online.add(today[1:] + held)
        held = today[:1]
    online.add(held)
    # Trims that took index keys out were taken back too.
    assert any(r[0] == "trim" and r[5] for r in undone)
    assert online.assignments() == whole.assignments()
    assert _live_index(online) == _index_from_clusters(online)
    for level in ("event", "story"):
        for cid, cluster in online.state.clusters(level).items():
            other = whole.state.clusters(level)[cid]
            assert cluster.indexed == other.indexed
            assert cluster.sums == other.sums


def test_trim_records_of_version_2_states_read_back_without_index_keys() -> None:
    from storyline.group.state import _record

    old = ["trim", "story", "st_x", {"body": {"siege": 1.0}}, {"body": 1.0}, 64]
    assert _record(old, version=2) == (
        "trim", "story", "st_x", {"body": {"siege": 1.0}}, {"body": 1.0}, []
    )
    new = ["trim", "story", "st_x", {}, {"body": 1.0}, [["siege", 2]]]
    assert _record(new) == ("trim", "story", "st_x", {}, {"body": 1.0}, [("siege", 2)])


def test_a_trim_keeps_the_heaviest_words_and_breaks_ties_by_word() -> None:
    from storyline.group.state import Cluster, GroupState

    state = GroupState()
    cluster = Cluster(id="ev_x", founder=("", "a"))
    weights = {"siege": 0.9, "port": 0.7, "zeta": 0.2, "alpha": 0.2, "mid": 0.2, "low": 0.1}
    cluster.sums["body"] = dict(weights)
    state.trim("event", cluster, 4)
    # siege and port, then two of the three words at 0.2 in word order: alpha, mid.
    assert cluster.sums["body"] == {"siege": 0.9, "port": 0.7, "alpha": 0.2, "mid": 0.2}
    assert abs(cluster.norms2["body"] - (0.81 + 0.49 + 0.04 + 0.04)) < 1e-12
