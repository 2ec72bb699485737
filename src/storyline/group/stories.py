"""Stories: the events about one matter over weeks.

When an article founds a new event, the event looks for its story: the active story whose
centroid (all the story's articles) is closest to the article, on the same sub-vectors as
events but with a looser threshold and a reach of weeks instead of days. Events of one story
share topic words ("rehab", "heavyweight title", "peace talks") more than the names and numbers
that separate one development from the next, so the story decision is the looser one. An
article that joins an existing event joins that event's story. Two stories merge when an event
merge brings them together, or when a new event reaches both and their centroids are close.

A story's timeline orders its events by date; undated events come last and say so.
"""

from __future__ import annotations

from typing import Any

from storyline.group.events import (
    candidates,
    cluster_similarity,
    event_record,
    iso_day,
    merge_clusters,
    similarity,
)
from storyline.group.features import Vector
from storyline.group.state import Cluster, Entry, GroupSettings, GroupState

__all__ = ["decide_story", "story_record"]


def decide_story(
    state: GroupState,
    settings: GroupSettings,
    entry: Entry,
    vectors: dict[str, Vector],
    terms: list[str],
) -> Cluster:
    """The story a new event founded by ``entry`` belongs to (existing, or new)."""
    assert entry.features is not None
    headline = entry.features.headline_only
    scored: list[tuple[float, tuple[str, str], Cluster]] = []
    for cluster in candidates(state, settings, "story", terms, vectors, entry.day):
        sim = similarity(settings, "story", vectors, headline, entry.day, cluster)
        if sim is not None and sim.ratio >= 1.0:
            scored.append((sim.ratio, cluster.founder, cluster))
    if not scored:
        return state.new_cluster("story", entry)
    scored.sort(key=lambda item: (-item[0], item[1]))
    best = scored[0][2]
    merge_ratio = settings.story_merge_ratio
    for _, _, other in scored[1:]:
        if other.id not in state.stories or best.id not in state.stories:
            continue
        if cluster_similarity(settings, "story", best, other) >= merge_ratio:
            best = merge_clusters(state, "story", best, other)
    return best


def _timeline_key(event: dict[str, Any]) -> tuple[int, str, str]:
    return (0 if event["first_date"] else 1, event["first_date"] or "", event["id"])


def story_record(
    state: GroupState, cluster: Cluster, archive: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON shape of a story: ``{id, title, first_date, last_date, events: [...]}`` with
    its events in date order (undated last, ``date: null``).

    Closed events come from ``archive`` (their records, kept when the events left memory).
    """
    events = []
    for child in cluster.children:
        if child in state.events:
            events.append(event_record(state, state.events[child]))
        elif archive is not None and child in archive:
            events.append(archive[child])
    events.sort(key=_timeline_key)
    # The story is named after its largest event (most articles), the older on ties.
    title = ""
    if events:
        # max keeps the first of equals: the earliest on the timeline among the largest.
        largest = max(events, key=lambda e: len(e["articles"]))
        title = largest["title"]
    return {
        "id": cluster.id,
        "title": title,
        "first_date": iso_day(cluster.first_day),
        "last_date": iso_day(cluster.last_day),
        "events": events,
    }
