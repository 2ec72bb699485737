"""The jobs after ingest: grouping and annotation work through the store, idempotently."""

import json
from pathlib import Path

import storyline
from storyline.grouping import group, ungrouped_ids
from storyline.store import Store
from storyline.store.annotations import annotated_count, quote_id

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def test_annotation_runs_once_per_article_and_can_be_redone(tmp_path):
    db = tmp_path / "s.db"
    storyline.ingest([DEMO / "text"], db)
    first = storyline.annotate(db)
    assert first.articles == len(storyline.articles(db)) > 0
    assert first.counts["quotes"] > 0 and first.counts["mentions"] > 0
    assert storyline.annotate(db).articles == 0
    with Store(db) as store:
        before = store.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert annotated_count(store) == first.articles
    again = storyline.annotate(db, redo=True)
    assert again.articles == first.articles
    with Store(db) as store:  # replaced, not added twice
        assert store.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == before


def test_the_same_words_share_a_quote_id_whatever_the_punctuation():
    curly, straight = "She said, in effect, ‘We’re done,’", "She said, in effect, 'We're done.'"
    assert quote_id(curly) == quote_id(straight)
    assert quote_id("We will stay out") != quote_id("We will not stay out")


def test_grouping_is_incremental_and_keeps_event_ids(tmp_path):
    db = tmp_path / "s.db"
    storyline.ingest([DEMO / "wire.jsonl"], db)
    with Store(db) as store:
        assert group(store).articles > 0
        assert ungrouped_ids(store) == []
        assert group(store).articles == 0  # nothing new: nothing done
    early = {e["id"]: set(e["articles"]) for s in storyline.stories(db) for e in s["events"]}
    storyline.ingest([DEMO / "text"], db)
    later = {e["id"]: set(e["articles"]) for s in storyline.stories(db) for e in s["events"]}
    for event_id, members in early.items():  # events seen before keep their id and articles
        resolved = next(i for i, m in later.items() if members <= m)
        assert resolved == event_id or event_id not in later


def test_run_reports_every_step(tmp_path):
    out = tmp_path / "report"
    result = storyline.run([DEMO / "wire.jsonl"], tmp_path / "s.db", out)
    assert result.ingest.added == result.grouping.articles == result.annotation.articles
    assert json.loads((out / "report.json").read_text())["run"]["ingested"] == result.ingest.added
