"""Reading events and stories back: the stories, one story's timeline, one event.

Records come from the grouping tables (see :mod:`storyline.group.persist`); a merged-away id
still finds what it was merged into. Stored articles not grouped yet are grouped first, so
what these functions show always covers the whole store.
"""

from __future__ import annotations

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


def stories(db: str | Path | Store = DEFAULT_DB) -> list[dict[str, Any]]:
    """Every story, newest activity first: ``{id, title, first_date, last_date, events:
    [{id, title, date, articles, copies}, ...]}`` with events in date order (undated last)."""
    with open_existing(db) as store:
        group(store)
        return stored_stories(store.db)


def story(story_id: str, db: str | Path | Store = DEFAULT_DB) -> dict[str, Any]:
    """One story (by id, alias or unique id prefix) with its timeline: events in date order,
    undated last (an unknown date is ``null``)."""
    with open_existing(db) as store:
        group(store)
        found = stored_story(store.db, _full_id(store, "stories", story_id))
    if found is None:
        raise StoryNotFound(f"no story {story_id!r}")
    return found


def event(event_id: str, db: str | Path | Store = DEFAULT_DB) -> dict[str, Any]:
    """One event with its articles (each with outlet, date and title), copies and outlets."""
    with open_existing(db) as store:
        group(store)
        found = stored_event(store.db, _full_id(store, "events", event_id))
        if found is None:
            raise StoryNotFound(f"no event {event_id!r}")
        members = list(found["articles"])
        for copies in found.get("copies", {}).values():
            members.extend(c for c in copies if c not in members)
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
