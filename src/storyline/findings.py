"""What storyline found in the stored articles: quotes, entities, cited sources, claims.

Plain, JSON-ready data for the CLI, the REST API and the web pages. Every item points back to
its article by id and to its words by character offsets into that article's clean text.
Each function takes ``article_ids`` to narrow it (a story's articles, one article) or ``None``
for the whole store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.extract.entities import EntityIndex, Mention
from storyline.store import Store
from storyline.store.annotations import load_mentions, load_quotes, load_sources

__all__ = ["claims", "cited_sources", "entities", "quotes"]


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


def quotes(store: Store, article_ids: Sequence[str] | None = None,
           speaker: str | None = None) -> list[dict[str, Any]]:
    """Quotes, each once with every article that carries it.

    A quote is ``{id, article_id, content, start, end, kind, speaker: {name, entity_id,
    description, start, end} | null, cue, via, outlet, published, occurrences: [...]}``: the
    top-level fields are its earliest occurrence, ``occurrences`` lists all of them (the
    same words in other articles, each with its own speaker and ``via`` as that article
    tells it). ``speaker`` narrows to quotes whose speaker name or description contains it.
    """
    grouped: dict[str, dict[str, Any]] = {}
    for row in load_quotes(store, article_ids, speaker):
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


def entities(store: Store, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """People, organisations and places under one canonical name each:
    ``{id, name, type, aliases, mentions: [{article_id, start, end, text}], description}``,
    most mentioned first."""
    index = EntityIndex()
    by_article: dict[str, list[Mention]] = {}
    for row in load_mentions(store, article_ids):
        by_article.setdefault(row["article_id"], []).append(Mention(
            start=row["char_start"], end=row["char_end"], text=row["text"], type=row["type"],
            canonical=row["canonical"], entity_key=row["entity_id"], how=row["how"] or "name"))
    for article_id, mentions in by_article.items():
        index.add(article_id, mentions)
    found = [e.to_dict() for e in index.entities()]
    found.sort(key=lambda e: (-len(e["mentions"]), e["type"], e["name"]))
    return found


def cited_sources(store: Store, article_ids: Sequence[str] | None = None
                  ) -> list[dict[str, Any]]:
    """Every outlet an article cites as its source, with the sentence, beside the article's
    own outlet: ``{article_id, outlet, start, end, sentence, article_outlet, published}``."""
    return [
        {"article_id": r["article_id"], "outlet": r["outlet"], "start": r["char_start"],
         "end": r["char_end"], "sentence": r["sentence"], "article_outlet": r["article_outlet"],
         "published": r["published"]}
        for r in load_sources(store, article_ids)
    ]


def claims(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The claims of a set of articles (a story): ``{id, text, article_id, start, end,
    articles, outlets, cited_sources, first_date, conflicts_with, occurrences}``; extractive,
    each claim's text is a sentence of its earliest article."""
    from storyline.extract.claims import find_claims

    return [c.to_dict() for c in find_claims(list(store.iter_articles(article_ids)))]
