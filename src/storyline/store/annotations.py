"""Storing and loading what the extractors found: mentions, quotes, cited sources, dates.

An article's annotations are replaced as a whole (delete, insert) in the batch's transaction,
and the article is marked with the extractor version, so re-annotating is idempotent and a
newer version of the extractors redoes exactly the articles an older one annotated.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from storyline.model import Article
from storyline.store.sqlite import Store

__all__ = [
    "annotated_count",
    "load_dates",
    "load_mentions",
    "load_quotes",
    "load_sources",
    "quote_id",
    "save_annotations",
    "unannotated_ids",
]

_TABLES = ("mentions", "quotes", "cited_sources", "time_expressions")
_NON_WORD = re.compile(r"\W+")


def quote_id(content: str) -> str:
    """The id shared by the same quoted words wherever they appear: ``qt_`` + 16 hex of a hash
    of the words (case, accents, punctuation and spacing ignored)."""
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", content).casefold()).strip()
    return "qt_" + hashlib.sha256(words.encode()).hexdigest()[:16]


def save_annotations(store: Store, articles: Sequence[Article], version: str) -> None:
    """Replace the annotations of ``articles`` and mark them annotated by ``version``."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db = store.db
    with store.transaction():
        for article in articles:
            key = (article.id,)
            for table in _TABLES:
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", key)
            db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(article.id, m.start, m.end, m.text, m.type, m.canonical, m.entity_key, m.how)
                 for m in article.mentions],
            )
            db.executemany(
                "INSERT OR REPLACE INTO quotes VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_quote_row(article.id or "", q) for q in article.quotes],
            )
            db.executemany(
                "INSERT OR REPLACE INTO cited_sources VALUES (?, ?, ?, ?, ?)",
                [(article.id, c.start, c.end, c.outlet, c.sentence)
                 for c in article.cited_sources],
            )
            db.executemany(
                "INSERT OR REPLACE INTO time_expressions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(article.id, t.start, t.end, t.text, t.type, t.value, t.granularity,
                  int(t.anchored)) for t in article.dates],
            )
            db.execute("INSERT OR REPLACE INTO annotated VALUES (?, ?, ?)",
                       (article.id, version, now))


def _quote_row(article_id: str, quote: Any) -> tuple[Any, ...]:
    speaker, cue = quote.speaker, quote.cue
    return (
        quote_id(quote.content), article_id, quote.start, quote.end, quote.content, quote.kind,
        speaker.name if speaker else None, speaker.entity_id if speaker else None,
        speaker.description if speaker else None, speaker.start if speaker else None,
        speaker.end if speaker else None,
        cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
        quote.via,
    )


def unannotated_ids(store: Store, version: str | None) -> list[str]:
    """Ids of stored articles not yet annotated by ``version`` of the extractors (``None``:
    not annotated by any version)."""
    return [r[0] for r in store.db.execute(
        "SELECT a.id FROM articles a LEFT JOIN annotated n ON n.article_id = a.id "
        "WHERE n.version IS NULL OR (? IS NOT NULL AND n.version != ?) ORDER BY a.id",
        (version, version))]


def annotated_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM annotated").fetchone()[0])


def _where(article_ids: Sequence[str] | None, extra: str = "", params: tuple[Any, ...] = ()
           ) -> tuple[str, tuple[Any, ...]]:
    clauses, values = [], list(params)
    if extra:
        clauses.append(extra)
    if article_ids is not None:
        clauses.append("t.article_id IN (SELECT value FROM json_each(?))")
        values.append(json.dumps(list(article_ids)))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", tuple(values)


def _rows(store: Store, sql: str, params: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    for row in store.db.execute(sql, params):
        yield dict(row)


def load_quotes(store: Store, article_ids: Sequence[str] | None = None,
                speaker: str | None = None) -> list[dict[str, Any]]:
    """Quote occurrences (with their article's outlet and date), earliest article first."""
    extra, params = "", ()
    if speaker:
        extra = ("(t.speaker_name LIKE ? OR t.speaker_description LIKE ? "
                 "OR t.speaker_entity_id = ?)")
        pattern = f"%{speaker}%"
        params = (pattern, pattern, speaker)
    where, values = _where(article_ids, extra, params)
    return list(_rows(store, (
        "SELECT t.*, a.outlet, a.published FROM quotes t JOIN articles a ON a.id = t.article_id"
        f"{where} ORDER BY a.published IS NULL, a.published, t.article_id, t.char_start"
    ), values))


def load_mentions(store: Store, article_ids: Sequence[str] | None = None
                  ) -> list[dict[str, Any]]:
    """Entity mentions, by article then position."""
    where, values = _where(article_ids)
    return list(_rows(store, f"SELECT t.* FROM mentions t{where} "
                             "ORDER BY t.article_id, t.char_start", values))


def load_sources(store: Store, article_ids: Sequence[str] | None = None
                 ) -> list[dict[str, Any]]:
    """Cited sources with the citing article's own outlet and date."""
    where, values = _where(article_ids)
    return list(_rows(store, (
        "SELECT t.*, a.outlet AS article_outlet, a.published FROM cited_sources t "
        f"JOIN articles a ON a.id = t.article_id{where} "
        "ORDER BY a.published IS NULL, a.published, t.article_id, t.char_start"
    ), values))


def load_dates(store: Store, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Time expressions, by article then position."""
    where, values = _where(article_ids)
    return list(_rows(store, f"SELECT t.* FROM time_expressions t{where} "
                             "ORDER BY t.article_id, t.char_start", values))
