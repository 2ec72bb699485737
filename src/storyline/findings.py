"""What storyline found in the stored articles: quotes, entities, cited sources, claims.

Plain, JSON-ready data for the CLI, the REST API and the web pages. Every item points back to
its article by id and to its words by character offsets into that article's clean text.
Each function looks at the whole store, or at one story (``story=ID``) or one article
(``article=ID``, an id, id prefix or input id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.extract.entities import EntityIndex, Mention
from storyline.query import ArticleNotFound
from storyline.store import DEFAULT_DB, Store, open_existing
from storyline.store.annotations import load_mentions, load_quotes, load_sources
from storyline.timeline import story_article_ids

Db = str | Path | Store


def _scope(store: Store, story: str | None, article: str | None) -> list[str] | None:
    """The article ids asked about (None: all), after annotating what is not annotated yet."""
    from storyline.annotate import annotate

    annotate(store, missing_only=True)
    if story is not None:
        return story_article_ids(store, story)
    if article is not None:
        found = store.get_article(article)
        if found is None or found.id is None:
            raise ArticleNotFound(f"no article {article!r}")
        return [found.id]
    return None

__all__ = ["cited_sources", "claims", "entities", "quotes"]


def _speaker(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["speaker_start"] is None:
        return None
    return {"name": row["speaker_name"], "entity_id": row["speaker_entity_id"],
            "description": row["speaker_description"], "start": row["speaker_start"],
            "end": row["speaker_end"]}


def _occurrence(row: dict[str, Any]) -> dict[str, Any]:
    cue = None
    if row["cue_start"] is not None:
        cue = {"text": row["cue"], "start": row["cue_start"], "end": row["cue_end"]}
    return {
        "article_id": row["article_id"], "content": row["content"],
        "start": row["char_start"], "end": row["char_end"], "kind": row["kind"],
        "speaker": _speaker(row), "cue": cue, "via": row["via"],
        "outlet": row["outlet"], "published": row["published"],
    }


def quotes(db: Db = DEFAULT_DB, *, story: str | None = None, article: str | None = None,
           speaker: str | None = None) -> list[dict[str, Any]]:
    """Quotes, each once with every article that carries it.

    A quote is ``{id, article_id, content, start, end, kind, speaker: {name, entity_id,
    description, start, end} | null, cue, via, outlet, published, occurrences: [...]}``: the
    top-level fields are its earliest occurrence, ``occurrences`` lists all of them (the
    same words in other articles, each with its own speaker and ``via`` as that article
    tells it). ``speaker`` narrows to quotes whose speaker name or description contains it.
    """
    with open_existing(db) as store:
        rows = load_quotes(store, _scope(store, story, article), speaker)
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        occurrence = _occurrence(row)
        item = grouped.get(row["quote_id"])
        if item is None:
            grouped[row["quote_id"]] = {"id": row["quote_id"], **occurrence,
                                        "occurrences": [occurrence]}
            continue
        item["occurrences"].append(occurrence)
        for key in ("speaker", "via"):  # a later carrier may name what the first left out
            if item[key] is None and occurrence[key] is not None:
                item[key] = occurrence[key]
    return list(grouped.values())


def entities(db: Db = DEFAULT_DB, *, story: str | None = None, article: str | None = None
             ) -> list[dict[str, Any]]:
    """People, organisations and places under one canonical name each:
    ``{id, name, type, aliases, mentions: [{article_id, start, end, text}], description}``,
    most mentioned first."""
    with open_existing(db) as store:
        rows = load_mentions(store, _scope(store, story, article))
    index = EntityIndex()
    by_article: dict[str, list[Mention]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(Mention(
            start=row["char_start"], end=row["char_end"], text=row["text"], type=row["type"],
            canonical=row["canonical"], entity_key=row["entity_id"], how=row["how"] or "name"))
    for article_id, mentions in by_article.items():
        index.add(article_id, mentions)
    found = [e.to_dict() for e in index.entities()]
    found.sort(key=lambda e: (-len(e["mentions"]), e["type"], e["name"]))
    return found


def cited_sources(db: Db = DEFAULT_DB, *, story: str | None = None,
                  article: str | None = None) -> list[dict[str, Any]]:
    """Every outlet an article cites as its source, with the sentence, beside the article's
    own outlet: ``{article_id, outlet, start, end, sentence, article_outlet, published}``."""
    with open_existing(db) as store:
        rows = load_sources(store, _scope(store, story, article))
    return [
        {"article_id": r["article_id"], "outlet": r["outlet"], "start": r["char_start"],
         "end": r["char_end"], "sentence": r["sentence"], "article_outlet": r["article_outlet"],
         "published": r["published"]}
        for r in rows
    ]


def claims(story: str, db: Db = DEFAULT_DB) -> list[dict[str, Any]]:
    """The claims of a story: ``{id, text, article_id, start, end, articles, outlets,
    cited_sources, first_date, conflicts_with, occurrences}``; extractive, each claim's text
    is a sentence of its earliest article. Copies are included, so every outlet that
    carried a claim is listed."""
    from storyline.extract.claims import find_claims

    with open_existing(db) as store:
        articles = list(store.iter_articles(_scope(store, story, None) or []))
    return [c.to_dict() for c in find_claims(articles)]
