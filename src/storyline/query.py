"""Reading the store back: the articles, one article with what was removed, search.

These are the functions the CLI, the REST API and the web pages call; each returns plain,
JSON-ready data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.model import Article
from storyline.store import DEFAULT_DB, Store, open_existing

__all__ = ["ArticleNotFound", "article", "article_record", "articles", "search"]

#: Rules whose removals are bookkeeping (white space) rather than furniture; shown on request.
QUIET_RULES = frozenset({"whitespace"})


class ArticleNotFound(LookupError):
    """No article has that id, id prefix, or input id."""


def article_record(item: Article) -> dict[str, Any]:
    """The public JSON shape of an article (the keys every tool may rely on)."""
    return {
        "id": item.id,
        "external_id": item.external_id,
        "title": item.title,
        "outlet": item.outlet,
        "origin_outlet": item.origin_outlet,
        "published": item.published,
        "language": item.language,
        "url": item.url,
        "source": item.source,
        "format": item.format,
        "fetched": item.fetched,
        "text": item.text,
    }


def articles(db: str | Path | Store = DEFAULT_DB) -> list[dict[str, Any]]:
    """Every stored article, newest publication first (undated last), as records."""
    with open_existing(db) as store:
        return [article_record(a) for a in store.iter_articles()]


def article(key: str, db: str | Path | Store = DEFAULT_DB) -> dict[str, Any]:
    """One article by id, unique id prefix or input id: its record, the inputs it arrived
    from, and every removal (span into the body, rule, reason, removed text)."""
    with open_existing(db) as store:
        found = store.get_article(key)
        if found is None:
            raise ArticleNotFound(f"no article {key!r}")
        record = article_record(found)
        record["inputs"] = store.inputs_of(found.id or "")
        record["removals"] = [r.to_dict() for r in sorted(found.removals, key=lambda r: r.start)]
        record["meta"] = found.meta
        return record


def search(
    query: str, db: str | Path | Store = DEFAULT_DB, limit: int = 20
) -> list[dict[str, Any]]:
    """Articles matching ``query`` (FTS5 over titles and clean texts), best first."""
    with open_existing(db) as store:
        return [
            {
                "id": h.article_id,
                "title": h.title,
                "outlet": h.outlet,
                "published": h.published,
                "snippet": h.snippet,
                "score": round(h.score, 4),
            }
            for h in store.search(query, limit=limit)
        ]
