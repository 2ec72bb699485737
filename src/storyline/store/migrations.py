"""The store's schema, as an ordered list of named migrations.

Each migration runs once, in its own transaction, and is recorded in ``schema_migrations``;
opening a store applies the ones it has not seen yet. Never edit a migration that has shipped:
add a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["MIGRATIONS", "apply_migrations", "run_script"]

Migration = Callable[[sqlite3.Connection], None]


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute a multi-statement SQL script inside the caller's transaction.

    ``Connection.executescript`` commits any open transaction first, which would break the
    one-transaction-per-migration promise; this splits the script into complete statements
    (trigger bodies included) and executes them one by one instead.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip().strip(";").strip():
                db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement at the end of a script: {statement[:80]!r}")


def m001_articles(db: sqlite3.Connection) -> None:
    """Articles (clean text and what was removed), every input they arrived from, runs."""
    run_script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            outlet TEXT,
            origin_outlet TEXT,
            published TEXT,
            fetched TEXT,
            language TEXT,
            url TEXT,
            format TEXT NOT NULL,
            source TEXT NOT NULL,          -- the first input it was read from
            external_id TEXT,              -- that input's own id, if any
            text TEXT NOT NULL,            -- clean text
            removals TEXT NOT NULL,        -- JSON list of removals (offsets into the body)
            meta TEXT NOT NULL,            -- JSON: extra input keys and stage hints
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);

        -- Every input an article arrived from: re-reading an input adds nothing; the same
        -- article from another input adds a row, so every input id stays findable.
        CREATE TABLE article_inputs (
            source TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            external_id TEXT,
            format TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (source, article_id)
        );
        CREATE INDEX article_inputs_article ON article_inputs(article_id);
        CREATE INDEX article_inputs_external ON article_inputs(external_id);

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            inputs TEXT NOT NULL,          -- JSON list of the paths given
            started_at TEXT NOT NULL,
            finished_at TEXT,
            counts TEXT,                   -- JSON counters
            skipped TEXT                   -- JSON list of [source, reason]
        );
        """,
    )


def m002_search(db: sqlite3.Connection) -> None:
    """Full-text search over titles and clean texts (FTS5, kept in step by triggers)."""
    run_script(
        db,
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    )


def m003_annotations(db: sqlite3.Connection) -> None:
    """What the extractors found in each article, with offsets into its clean text."""
    run_script(
        db,
        """
        -- Which articles were annotated, by which version of the extractors.
        CREATE TABLE annotated (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            version TEXT NOT NULL,
            annotated_at TEXT NOT NULL
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,            -- PERSON, ORG, PLACE, OTHER
            canonical TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            how TEXT,
            PRIMARY KEY (article_id, char_start, char_end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        -- One row per occurrence; quote_id is shared by the same words in other articles.
        CREATE TABLE quotes (
            quote_id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            content TEXT NOT NULL,
            kind TEXT NOT NULL,            -- direct, indirect, mixed
            speaker_name TEXT,
            speaker_entity_id TEXT,
            speaker_description TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            via TEXT,                      -- the outlet the words came through
            PRIMARY KEY (article_id, char_start, char_end)
        );
        CREATE INDEX quotes_quote ON quotes(quote_id);
        CREATE INDEX quotes_speaker ON quotes(speaker_name);
        CREATE TABLE cited_sources (
            article_id TEXT NOT NULL REFERENCES articles(id),
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            outlet TEXT NOT NULL,
            sentence TEXT NOT NULL,
            PRIMARY KEY (article_id, char_start, char_end)
        );
        CREATE INDEX cited_sources_outlet ON cited_sources(outlet);
        CREATE TABLE time_expressions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,            -- TimeML: DATE, TIME, DURATION, SET
            value TEXT NOT NULL,
            granularity TEXT,
            anchored INTEGER NOT NULL,
            PRIMARY KEY (article_id, char_start, char_end)
        );
        CREATE INDEX time_expressions_value ON time_expressions(value);
        """,
    )


def m004_groups(db: sqlite3.Connection) -> None:
    """Copies, events and stories, and the online grouping state (see storyline.group.persist)."""
    from storyline.group.persist import migrate_groups

    migrate_groups(db)


def m005_search_by_batch(db: sqlite3.Connection) -> None:
    """New articles enter the search index once per stored batch, not row by row.

    :meth:`storyline.store.Store.add_articles` indexes a batch's new rows in one statement,
    in rowid order. The insert trigger indexed them one statement per row: indexing the
    Reuters set took 2.1 s that way and takes 0.6 s now, for an index of the same size and
    the same search results. The triggers that keep the index in step on deletes and
    updates stay.
    """
    db.execute("DROP TRIGGER IF EXISTS articles_fts_insert")


#: Every migration, in the order it is applied. Append only.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_articles", m001_articles),
    ("002_search", m002_search),
    ("003_annotations", m003_annotations),
    ("004_groups", m004_groups),
    ("005_search_by_batch", m005_search_by_batch),
]


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations ``db`` has not seen, each in its own transaction; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM schema_migrations")}
    applied = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            # A migration run by another process meanwhile must not run twice.
            if db.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                db.execute("ROLLBACK")
                continue
            migration(db)
            db.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
