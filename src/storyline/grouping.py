"""``group``: attach stored articles to copies, events and stories, online.

Articles not yet grouped are given to the grouper (restored from the store) in batches; each
batch's changes and the grouper's state are saved in one transaction, so a rerun goes on
where the last one stopped and regrouping what is already grouped never happens.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.group import GroupSettings
from storyline.group.persist import load_grouper, save_grouper, save_update
from storyline.store import DEFAULT_DB, Store

__all__ = ["GroupResult", "group", "ungrouped_ids"]

#: Articles handed to the grouper at once (one transaction each). The online state is saved
#: with every batch (tens of MB on a large window), so batches are large; results do not depend
#: on batch boundaries (the grouper decides in a fixed order whatever the batches).
GROUP_BATCH_SIZE = 20000


@dataclass
class GroupResult:
    """How many articles were grouped, and how many events and stories the store holds."""

    articles: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"grouped": self.articles, "events": self.events, "stories": self.stories,
                "seconds": round(self.seconds, 3)}


def ungrouped_ids(store: Store) -> list[str]:
    """Stored articles that no event holds yet, in publication order (undated last)."""
    return [r[0] for r in store.db.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles) "
        "ORDER BY published IS NULL, published, id")]


def group(db: str | Path | Store = DEFAULT_DB, *, batch_size: int = GROUP_BATCH_SIZE,
          settings: GroupSettings | None = None) -> GroupResult:
    """Group every stored article that is not in an event yet; return what was done.

    ``settings`` other than the defaults are for experiments on a fresh store: the online
    state saved in a store carries on with the settings it was grouped with.
    """
    store = db if isinstance(db, Store) else Store(db)
    try:
        started = time.perf_counter()
        ids = ungrouped_ids(store)
        result = GroupResult()
        if ids:  # restoring the online state is the costly part: only when there is work
            grouper = load_grouper(store.db, settings)
            for start in range(0, len(ids), batch_size):
                chunk: Sequence[str] = ids[start : start + batch_size]
                update = grouper.add(store.iter_articles(chunk))
                with store.transaction():
                    save_update(store.db, update)
                    save_grouper(store.db, grouper)
                result.articles += update.added
        result.events = int(store.db.execute("SELECT count(*) FROM events").fetchone()[0])
        result.stories = int(store.db.execute("SELECT count(*) FROM stories").fetchone()[0])
        result.seconds = time.perf_counter() - started
        return result
    finally:
        if store is not db:
            store.close()
