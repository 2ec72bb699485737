import sqlite3

import pytest

from storyline.model import Article, Removal
from storyline.store import Store
from storyline.store.migrations import MIGRATIONS, apply_migrations


def make(id_, text, source="s", external=None, **fields):
    return Article(
        source=source, format="text", body=text, text=text, id=id_, external_id=external, **fields
    )


def test_migrations_are_recorded_and_not_applied_twice(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    assert [r[0] for r in db.execute("SELECT name FROM schema_migrations ORDER BY name")] == [
        name for name, _ in MIGRATIONS
    ]
    assert apply_migrations(db) == []


def test_adding_the_same_articles_again_changes_nothing_but_inputs(tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = store.add_articles([make("ar_1", "Dockers walked out."), make("ar_2", "Talks.")])
        assert first.added == ["ar_1", "ar_2"] and first.duplicates == []
        again = store.add_articles(
            [
                make("ar_2", "Talks.", source="other.jsonl:3", external="x9"),
                make("ar_2", "Talks.", source="other.jsonl:3"),
            ]
        )
        assert again.added == [] and again.duplicates == ["ar_2", "ar_2"]
        assert store.count_articles() == 2
        assert [i["source"] for i in store.inputs_of("ar_2")] == ["s", "other.jsonl:3"]
        assert store.get_article("x9").id == "ar_2"  # found by its input id


def test_body_is_rebuilt_from_text_and_removals(tmp_path):
    body = "Read Next: more\nDockers walked out."
    article = make("ar_1", "Dockers walked out.")
    article.body = body
    article.removals = [Removal(0, 16, "read-next", "related links", "Read Next: more\n")]
    with Store(tmp_path / "s.db") as store:
        store.add_articles([article])
        back = store.get_article("ar_1")
    assert back.body == body and back.text == "Dockers walked out."


def test_lookup_by_prefix_and_search(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_articles(
            [
                make("ar_abc1", "The dockers of Port Amsel walked out on Monday.", title="Strike"),
                make("ar_abd2", "The ports minister met the union.", title="Talks begin"),
            ]
        )
        assert store.get_article("ar_abc").id == "ar_abc1"
        assert store.get_article("ar_ab") is None  # ambiguous prefix
        hits = store.search("dockers amsel")
        assert [h.article_id for h in hits] == ["ar_abc1"]
        assert "[dockers]" in hits[0].snippet.lower()
        assert {h.article_id for h in store.search('"ports minister" OR strike')} == {
            "ar_abc1",
            "ar_abd2",
        }
        assert store.search('unbalanced "quote') == []  # not FTS syntax: searched as words


def test_a_store_from_before_batch_indexing_finds_every_article(tmp_path, monkeypatch):
    # A store made when new rows entered the search index through a trigger (migrations up
    # to 004): opening it with this version drops the trigger, the articles stored since are
    # indexed by their batch, and the old ones stay found.
    import storyline.store.migrations as migrations

    path = tmp_path / "s.db"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:4])
        with Store(path) as old:
            old.add_articles([make("ar_1", "Dockers of Port Amsel walked out.", title="Strike")])
    with Store(path) as store:
        store.add_articles(
            [
                make("ar_2", "The dockers met the ports minister.", title="Talks"),
                make("ar_3", "Cranes stood idle at the docks.", title="Idle"),
            ]
        )
        store.add_articles([make("ar_2", "The dockers met the ports minister.")])  # again
        trigger = "SELECT 1 FROM sqlite_master WHERE name = 'articles_fts_insert'"
        assert store.db.execute(trigger).fetchone() is None
        indexed = store.db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        assert indexed == store.count_articles() == 3
        # The index holds exactly what the articles say (FTS5 checks it against them).
        store.db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert sorted(h.article_id for h in store.search("dockers")) == ["ar_1", "ar_2"]
        assert [h.article_id for h in store.search("cranes idle")] == ["ar_3"]


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.db") as store:
        bad = make(None, "no id")
        with pytest.raises(ValueError, match="has no id or text"):
            store.add_articles([make("ar_1", "fine"), bad])
        assert store.count_articles() == 0


def test_rows_made_elsewhere_store_what_the_articles_would(tmp_path):
    import pickle

    from storyline.store.sqlite import article_rows

    def stored(store):
        # Every column but ingested_at, the time each row was made.
        return [tuple(r) for r in store.db.execute(
            "SELECT id, title, text, removals, meta, source FROM articles ORDER BY id")]

    batch = [
        make("ar_1", "Dockers walked out.", title="Strike", meta={"hints": {"x": "ü"}},
             removals=[Removal(0, 4, "read-next", "a link", "Read")]),
        make("ar_2", "Talks."),
        make("ar_1", "Dockers walked out.", source="again"),
    ]
    with Store(tmp_path / "a.db") as by_articles, Store(tmp_path / "b.db") as by_rows:
        first = by_articles.add_articles(batch)
        # As an ingest worker sends them: pickled rows of plain values.
        second = by_rows.add_rows(pickle.loads(pickle.dumps(article_rows(batch))))
        assert (first.added, first.duplicates) == (second.added, second.duplicates)
        assert first.added == ["ar_1", "ar_2"] and first.duplicates == ["ar_1"]
        assert stored(by_articles) == stored(by_rows)
        assert by_rows.get_article("ar_1").removals == batch[0].removals


def test_reading_some_fields_gives_those_and_the_defaults(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_articles([make("ar_1", "Dockers walked out.", title="Strike", outlet="Wire",
                                 published="2026-03-02", meta={"hints": {"a": "b"}},
                                 removals=[Removal(0, 4, "read-next", "a link", "Read")])])
        full = store.get_article("ar_1")
        (some,) = store.iter_articles(["ar_1"], fields=("title", "text"))
        assert (some.id, some.source, some.format) == (full.id, full.source, full.format)
        assert (some.title, some.text) == (full.title, full.text)
        assert (some.outlet, some.published, some.meta, some.removals) == (None, None, {}, [])
        assert some.body == ""  # rebuilt only from both text and removals
        (both,) = store.iter_articles(["ar_1"], fields=("text", "removals", "meta"))
        assert (both.body, both.removals, both.meta) == (full.body, full.removals, full.meta)
        assert list(store.iter_articles(["ar_1"], fields=None)) == [full]
        with pytest.raises(ValueError, match="no such article column: colour"):
            list(store.iter_articles(["ar_1"], fields=("colour",)))
