"""The SQLite store: articles, the inputs they came from, runs, and full-text search.

Writes are idempotent: an article's id is a content hash, so adding a batch that holds
articles already stored adds only the inputs they arrived from. Each batch is one
transaction: a crash loses at most the batch in flight, and a rerun finishes the job.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.model import Article, Removal, restore_body
from storyline.store.migrations import apply_migrations

__all__ = [
    "DEFAULT_DB",
    "ArticleRow",
    "BatchResult",
    "SearchHit",
    "Store",
    "article_rows",
    "open_existing",
]

DEFAULT_DB = "storyline.db"

_ARTICLE_COLUMNS = (
    "id",
    "title",
    "outlet",
    "origin_outlet",
    "published",
    "fetched",
    "language",
    "url",
    "format",
    "source",
    "external_id",
    "text",
    "removals",
    "meta",
    "ingested_at",
)
_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class BatchResult:
    """What adding one batch did: ids newly stored and ids that were already there."""

    added: list[str]
    duplicates: list[str]


@dataclass(slots=True)
class SearchHit:
    """One full-text search result: the article and a snippet with the match in [brackets]."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


class Store:
    """A storyline database in one SQLite file (created and migrated on open).

    Use as a context manager or call :meth:`close`. ``path=":memory:"`` gives a private
    in-memory store (for tests).
    """

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit (BEGIN ... COMMIT), one per batch.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        apply_migrations(self.db)

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT`` as a context manager (rolled back on error)."""
        return _Transaction(self.db)

    # -- writing --------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> BatchResult:
        """Store a batch in one transaction; articles already stored only gain the input rows.

        Every article must carry an ``id`` and a ``text``. Returns which ids were new and
        which were duplicates (of the store, or of an earlier article in the same batch).
        """
        return self.add_rows(article_rows(articles))

    def add_rows(self, rows: Sequence[ArticleRow]) -> BatchResult:
        """:meth:`add_articles` of articles already turned into rows (:func:`article_rows`,
        which an ingest worker runs next to the articles it made)."""
        now = _now()
        added: list[str] = []
        duplicates: list[str] = []
        with self.transaction():
            ids = list({row[0] for row in rows})
            existing: set[str] = set()
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                existing.update(
                    r[0]
                    for r in self.db.execute(
                        f"SELECT id FROM articles WHERE id IN ({marks})", chunk
                    )
                )
            # New rows get rowids above every stored one: the search index takes them below.
            last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
            new = []
            inputs = []
            for row in rows:
                article_id = row[0]
                inputs.append((row[_SOURCE], article_id, row[_EXTERNAL_ID], row[_FORMAT], now))
                if article_id in existing:
                    duplicates.append(article_id)
                    continue
                existing.add(article_id)
                added.append(article_id)
                new.append(row)
            self.db.executemany(_INSERT_ARTICLE, new)
            # One statement for the batch, in rowid order: a fraction of the time of one per
            # row (see migrations.m005_search_by_batch).
            self.db.execute(
                "INSERT INTO articles_fts (rowid, title, text) "
                "SELECT rowid, title, text FROM articles WHERE rowid > ? ORDER BY rowid",
                (last,),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO article_inputs VALUES (?, ?, ?, ?, ?)", inputs
            )
        return BatchResult(added, duplicates)

    def start_run(self, command: str, inputs: Sequence[str]) -> int:
        """Record the start of a run; returns its id."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (command, inputs, started_at) VALUES (?, ?, ?)",
                (command, json.dumps(list(inputs)), _now()),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self, run_id: int, counts: dict[str, int], skipped: Iterable[tuple[str, str]]
    ) -> None:
        """Record the end of a run with its counters and skipped inputs."""
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, counts = ?, skipped = ? WHERE id = ?",
                (_now(), json.dumps(counts, sort_keys=True), json.dumps(list(skipped)), run_id),
            )

    # -- reading --------------------------------------------------------------------------

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def iter_articles(
        self, ids: Sequence[str] | None = None, fields: Collection[str] | None = None
    ) -> Iterator[Article]:
        """Every stored article (or those of ``ids``), newest publication first, undated last,
        then by id; ``body`` is rebuilt from the text and the removals.

        ``fields``: read only these columns (and ``id``, ``source``, ``format``, which every
        article has) for a reader that needs few of them; the other fields keep
        :class:`Article`'s defaults, and ``body`` is rebuilt only when ``text`` and
        ``removals`` are both read.
        """
        columns = _ARTICLE_COLUMNS
        if fields is not None:
            unknown = set(fields) - set(_ARTICLE_COLUMNS) - {"body"}
            if unknown:
                raise ValueError(f"no such article column: {', '.join(sorted(unknown))}")
            wanted = {"id", "source", "format", *fields}
            columns = tuple(c for c in _ARTICLE_COLUMNS if c in wanted)
        sql = f"SELECT {', '.join(columns)} FROM articles"
        order = " ORDER BY published IS NULL, published DESC, id"
        if ids is None:
            for row in self.db.execute(sql + order):
                yield _article_from_row(row)
            return
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(sql + f" WHERE id IN ({marks})" + order, chunk):
                yield _article_from_row(row)

    def get_article(self, key: str) -> Article | None:
        """An article by id, by a unique id prefix (4+ characters), or by an input's own id."""
        row = self.db.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (key,)
        ).fetchone()
        if row is None and len(key) >= 4:
            rows = self.db.execute(  # a range scan over the primary key
                f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles "
                "WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (key, key + "\U0010ffff"),
            ).fetchall()
            if len(rows) == 1:
                row = rows[0]
        if row is None:
            found = self.db.execute(
                "SELECT DISTINCT article_id FROM article_inputs WHERE external_id = ? LIMIT 2",
                (key,),
            ).fetchall()
            if len(found) == 1:
                return self.get_article(found[0][0])
        return _article_from_row(row) if row is not None else None

    def inputs_of(self, article_id: str) -> list[dict[str, Any]]:
        """Every input the article arrived from, first seen first."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT source, external_id, format, first_seen FROM article_inputs "
                "WHERE article_id = ? ORDER BY rowid",
                (article_id,),
            )
        ]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first.

        The query is FTS5 syntax when it parses as such (``"exact phrase"``, ``a OR b``,
        ``port*``); otherwise its words are searched for, all of them.
        """
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet, "
            "bm25(articles_fts, 4.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score, a.id LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            words = _FTS_TOKEN.findall(query)
            if not words:
                return []
            rows = self.db.execute(sql, (" ".join(f'"{w}"' for w in words), limit)).fetchall()
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]

    def last_run(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None


@contextmanager
def open_existing(db: str | Path | Store) -> Iterator[Store]:
    """The store ``db`` names, for reading: a :class:`Store` is used as it is, a path must
    exist (FileNotFoundError with what to do otherwise) and is closed afterwards."""
    if isinstance(db, Store):
        yield db
        return
    if str(db) != ":memory:" and not Path(db).exists():
        raise FileNotFoundError(f"no storyline database at {db} (run `storyline ingest` first)")
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


#: One article as the ``articles`` table holds it, columns in :data:`_ARTICLE_COLUMNS` order
#: (the last one, ``ingested_at``, is when the row was made).
ArticleRow = tuple[Any, ...]

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})"
)
_SOURCE = _ARTICLE_COLUMNS.index("source")
_EXTERNAL_ID = _ARTICLE_COLUMNS.index("external_id")
_FORMAT = _ARTICLE_COLUMNS.index("format")


def article_rows(articles: Iterable[Article]) -> list[ArticleRow]:
    """The rows :meth:`Store.add_rows` writes for ``articles``: plain strings and numbers,
    cheap to send from the process that made the articles to the one that stores them.

    Raises ``ValueError`` for an article without an ``id`` or a ``text`` (the clean and
    identify stages set them).
    """
    now = _now()
    rows = []
    for article in articles:
        if article.id is None or article.text is None:
            raise ValueError(
                f"{article.source}: article has no id or text; run the "
                "clean and identify stages before storing"
            )
        rows.append((
            article.id,
            article.title,
            article.outlet,
            article.origin_outlet,
            article.published,
            article.fetched,
            article.language,
            article.url,
            article.format,
            article.source,
            article.external_id,
            article.text,
            json.dumps([r.to_dict() for r in article.removals], ensure_ascii=False),
            json.dumps(article.meta, ensure_ascii=False, default=str),
            now,
        ))
    return rows


def _article_from_row(row: sqlite3.Row) -> Article:
    """The article a row of some or all of :data:`_ARTICLE_COLUMNS` holds (``body`` rebuilt
    when both ``text`` and ``removals`` are there)."""
    values = dict(zip(row.keys(), row, strict=True))  # a Row iterates over its values
    values.pop("ingested_at", None)
    if "removals" in values:
        values["removals"] = [Removal.from_dict(r) for r in json.loads(values["removals"])]
        if values.get("text") is not None:
            values["body"] = restore_body(values["text"], values["removals"])
    if "meta" in values:
        values["meta"] = json.loads(values["meta"])
    return Article(**values)
