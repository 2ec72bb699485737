"""``save_update`` writes a batch's records statement by statement: the rows must be those
event by event writing gave, whatever the order of the records. Records are made by hand."""

from __future__ import annotations

import sqlite3
from itertools import permutations
from typing import Any

from storyline.group import GroupUpdate
from storyline.group.persist import migrate_groups, save_update, stored_event


def _event(id_: str, articles: list[str], copies: dict[str, list[str]] | None = None,
           story: str = "st_1", inferred: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": id_, "title": f"Ferry strike at Port Amsel ({id_}) — día 2", "date": "2031-05-04",
        "first_date": "2031-05-04", "last_date": "2031-05-04", "story": story,
        "articles": articles, "copies": copies or {}, "outlets": ["Amsel Courier"],
        "inferred_dates": inferred or [],
    }


def _story(id_: str) -> dict[str, Any]:
    return {"id": id_, "title": "Ferry strike", "first_date": "2031-05-04",
            "last_date": "2031-05-04", "events": []}


def _tables(conn: sqlite3.Connection) -> tuple[list[Any], ...]:
    return tuple(
        conn.execute(q).fetchall()
        for q in (
            "SELECT article_id, event_id, role, canonical_id, date_inferred FROM event_articles"
            " ORDER BY article_id",
            "SELECT article_id, canonical_id FROM copies ORDER BY article_id",
            "SELECT id, story_id, article_count, closed FROM events ORDER BY id",
            "SELECT id, closed FROM stories ORDER BY id",
        )
    )


def _store() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    migrate_groups(conn)
    # An earlier batch: ev_a held a1, a2 and a3 (a3 a copy of a1).
    save_update(conn, GroupUpdate(
        events=[_event("ev_a", ["a1", "a2", "a3"], {"a1": ["a3"]})], stories=[_story("st_1")]
    ))
    return conn


def test_rows_follow_the_records_in_any_order() -> None:
    # This batch: a2 moved to ev_b, a3 left ev_a for ev_b as the copy of a new b1, and
    # ev_a closed; the undated b2 takes the event's date.
    records = [
        _event("ev_a", ["a1"]),
        _event("ev_b", ["b1", "a2", "a3", "b2"], {"b1": ["a3"]}, inferred=["b2"]),
    ]
    results = []
    for order in permutations(records):
        conn = _store()
        save_update(conn, GroupUpdate(events=list(order), stories=[_story("st_1")],
                                      closed=["ev_a"]))
        results.append(_tables(conn))
    assert all(result == results[0] for result in results)
    articles, copies, events, stories = results[0]
    assert articles == [
        ("a1", "ev_a", "canonical", "a1", 0),
        ("a2", "ev_b", "canonical", "a2", 0),
        ("a3", "ev_b", "copy", "b1", 0),
        ("b1", "ev_b", "canonical", "b1", 0),
        ("b2", "ev_b", "canonical", "b2", 1),
    ]
    assert copies == [("a3", "b1")]
    assert events == [("ev_a", "st_1", 1, 1), ("ev_b", "st_1", 4, 0)]
    assert stories == [("st_1", 0)]


def test_an_event_that_loses_an_article_to_no_record_loses_its_row() -> None:
    conn = _store()
    save_update(conn, GroupUpdate(events=[_event("ev_a", ["a1", "a3"], {"a1": ["a3"]})]))
    assert [r[0] for r in _tables(conn)[0]] == ["a1", "a3"]


def test_a_record_reads_back_as_written() -> None:
    conn = _store()
    record = _event("ev_c", ["c1"], story="st_2")
    save_update(conn, GroupUpdate(events=[record]))
    assert stored_event(conn, "ev_c") == record
