"""A story's record: its events in timeline order, named after its largest event."""

from __future__ import annotations

from storyline.group.state import Cluster, GroupState
from storyline.group.stories import story_record


def _event(eid: str, date: str | None, size: int) -> dict[str, object]:
    return {
        "id": eid,
        "title": f"title of {eid}",
        "first_date": date,
        "articles": [f"{eid}-a{i}" for i in range(size)],
    }


def test_a_story_is_named_after_its_largest_event_the_earliest_on_ties() -> None:
    archive = {
        "ev_late": _event("ev_late", "2025-08-20", 3),
        "ev_undated": _event("ev_undated", None, 3),
        "ev_early": _event("ev_early", "2025-08-02", 3),
        "ev_small": _event("ev_small", "2025-08-01", 1),
    }
    story = Cluster(id="st_x", founder=("2025-08-01", "a"), children=dict.fromkeys(archive))
    record = story_record(GroupState(), story, archive)
    assert [e["id"] for e in record["events"]] == ["ev_small", "ev_early", "ev_late", "ev_undated"]
    assert record["title"] == "title of ev_early"
    archive["ev_undated"]["articles"] = ["u1", "u2", "u3", "u4"]
    assert story_record(GroupState(), story, archive)["title"] == "title of ev_undated"
