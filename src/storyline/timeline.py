"""Reading events and stories back: the stories, one story's timeline, one event.

Records come from the grouping tables (see :mod:`storyline.group.persist`); a merged-away id
still finds what it was merged into. Stored articles not grouped yet are grouped first, so
what these functions show always covers the whole store.

Each event also says when its articles report that it happened (``reported_date``), from the
time expressions annotation resolved against each article's publication date: "on Monday"
in articles of Tuesday 3 March is 2 March, whatever day the articles came out.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.group.persist import stored_event, stored_stories, stored_story
from storyline.grouping import group
from storyline.store import DEFAULT_DB, Store, open_existing

__all__ = ["StoryNotFound", "event", "stories", "story", "story_article_ids"]


class StoryNotFound(LookupError):
    """No story or event has that id (or alias)."""


def _full_id(store: Store, table: str, key: str) -> str:
    """``key`` itself, or the one id of ``table`` it is a prefix of (4+ characters)."""
    if len(key) < 4:
        return key
    rows = store.db.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
        (key, key + "\U0010ffff")).fetchall()
    return rows[0][0] if len(rows) == 1 else key


#: How far before its first publication an event's reported date may lie. Reports of a
#: development come out within days; a date further back is background ("in 2014").
REPORTED_DATE_WINDOW_DAYS = 7
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T|$)")
#: An article naming a day outright ("March 2, 2026") counts for more than one whose day was
#: worked out from the publication date ("on Monday"): resolution can err, a written date not.
EXPLICIT_DATE_WEIGHT = 2


def _event_members(event: dict[str, Any]) -> list[str]:
    members = list(event["articles"])
    for copies in event.get("copies", {}).values():
        members += [c for c in copies if c not in members]
    return members


def _add_reported_dates(store: Store, events: list[dict[str, Any]]) -> None:
    """Set each event's ``reported_date``: ``{date, articles}`` for the calendar day its
    articles name most (in a window before its last publication; a written date counts
    double), with the articles that name it; ``None`` when no article names a day in that
    window or annotation has not run."""
    members = {e["id"]: _event_members(e) for e in events}
    wanted = sorted({a for ids in members.values() for a in ids})
    days: dict[str, dict[str, int]] = {}
    for chunk in range(0, len(wanted), 500):
        part = wanted[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for article_id, value, anchored in store.db.execute(
            "SELECT article_id, value, anchored FROM time_expressions "
            f"WHERE type IN ('DATE', 'TIME') AND article_id IN ({marks})", part):
            if _DAY.match(value):  # a day, or a part of one ("2026-03-02TEV")
                weight = EXPLICIT_DATE_WEIGHT if not anchored else 1
                named = days.setdefault(article_id, {})
                named[value[:10]] = named.get(value[:10], 0) + weight
    for event in events:
        event["reported_date"] = _reported_date(event, members[event["id"]], days)


def _reported_date(event: dict[str, Any], members: list[str],
                   days: dict[str, dict[str, int]]) -> dict[str, Any] | None:
    first, last = event.get("first_date"), event.get("last_date")
    if not first or not last:
        return None  # undated reports give relative dates no anchor
    start = (date.fromisoformat(first[:10]) - timedelta(days=REPORTED_DATE_WINDOW_DAYS))
    end = last[:10]
    votes: Counter[str] = Counter()
    for article_id in members:
        for day, weight in days.get(article_id, {}).items():
            if start.isoformat() <= day <= end:
                votes[day] += weight
    if not votes:
        return None
    # The day the articles name most (every mention counts: the development an article is
    # about is the day it keeps coming back to); a tie goes to the later day, since news
    # reports what just happened and looks back for background.
    best = max(votes, key=lambda d: (votes[d], d))
    return {"date": best,
            "articles": [a for a in members if best in days.get(a, ())]}


def stories(db: str | Path | Store = DEFAULT_DB) -> list[dict[str, Any]]:
    """Every story, newest activity first: ``{id, title, first_date, last_date, events:
    [{id, title, date, articles, copies}, ...]}`` with events in date order (undated last)."""
    with open_existing(db) as store:
        group(store)
        found = stored_stories(store.db)
        _add_reported_dates(store, [e for s in found for e in s["events"]])
        return found


def story(story_id: str, db: str | Path | Store = DEFAULT_DB) -> dict[str, Any]:
    """One story (by id, alias or unique id prefix) with its timeline: events in date order,
    undated last (an unknown date is ``null``)."""
    with open_existing(db) as store:
        group(store)
        found = stored_story(store.db, _full_id(store, "stories", story_id))
        if found is None:
            raise StoryNotFound(f"no story {story_id!r}")
        _add_reported_dates(store, found["events"])
    return found


def event(event_id: str, db: str | Path | Store = DEFAULT_DB) -> dict[str, Any]:
    """One event with its articles (each with outlet, date and title), copies and outlets."""
    with open_existing(db) as store:
        group(store)
        found = stored_event(store.db, _full_id(store, "events", event_id))
        if found is None:
            raise StoryNotFound(f"no event {event_id!r}")
        _add_reported_dates(store, [found])
        members = _event_members(found)
        found["article_details"] = [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "origin_outlet": a.origin_outlet,
             "published": a.published, "url": a.url}
            for a in store.iter_articles(members)
        ]
    return found


def story_article_ids(store: Store, story_id: str) -> list[str]:
    """Every article of a story, copies included (raises StoryNotFound)."""
    group(store)
    found = stored_story(store.db, _full_id(store, "stories", story_id))
    if found is None:
        raise StoryNotFound(f"no story {story_id!r}")
    ids: list[str] = []
    for item in found["events"]:
        ids.extend(item["articles"])
        for copies in item.get("copies", {}).values():
            ids.extend(copies)
    return sorted(set(ids))
