"""The extractors as pipeline stages: each reads an article's clean text and adds to it.

They run after ingest, over stored articles (see :mod:`storyline.annotate`), in any executor.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.extract.dates import find_dates
from storyline.extract.entities import Mention, find_entities
from storyline.extract.quotes import Quote, find_quotes
from storyline.extract.sources import find_cited_sources
from storyline.model import Article
from storyline.pipeline import Stage, Stats

__all__ = ["FindDates", "FindEntities", "FindQuotes", "FindSources", "extract_stages"]


class FindEntities(Stage):
    """People, organisations and places under their canonical names: rules and gazetteers;
    with ``use_model``, the spaCy model of the ``nlp`` extra also types what rules leave
    untyped (ModelMissingError, E401, names the extra when it is not installed)."""

    name = "entities"
    requires = frozenset({"text", "title"})
    assigns = frozenset({"mentions"})

    def __init__(self, use_model: bool = False):
        self.use_model = use_model

    def process(self, article: Article, stats: Stats) -> Article | None:
        article.mentions = find_entities(article.text or "", article.title,
                                         use_model=self.use_model)
        stats.count("mentions", len(article.mentions))
        return article


class FindQuotes(Stage):
    """Quotes with speaker, cue and the outlet they came through; speakers are linked to the
    article's entity mentions where a mention covers the speaker's words or name."""

    name = "quotes"
    requires = frozenset({"text", "mentions"})
    assigns = frozenset({"quotes"})

    def process(self, article: Article, stats: Stats) -> Article | None:
        quotes = find_quotes(article.text or "")
        article.quotes = [_link_speaker(q, article.mentions) for q in quotes]
        stats.count("quotes", len(article.quotes))
        return article


class FindSources(Stage):
    """Outlets the article cites as its sources ("according to The Wall Street Journal")."""

    name = "sources"
    requires = frozenset({"text", "outlet"})
    assigns = frozenset({"cited_sources"})

    def process(self, article: Article, stats: Stats) -> Article | None:
        article.cited_sources = find_cited_sources(article.text or "", article.outlet)
        stats.count("cited_sources", len(article.cited_sources))
        return article


class FindDates(Stage):
    """Time expressions resolved against the publication date ("on Tuesday" → a day)."""

    name = "dates"
    requires = frozenset({"text", "published"})
    assigns = frozenset({"dates"})

    def process(self, article: Article, stats: Stats) -> Article | None:
        article.dates = find_dates(article.text or "", article.published)
        stats.count("dates", len(article.dates))
        return article


def extract_stages(use_model: bool = False) -> list[Stage]:
    """Every extractor, in an order that satisfies their requirements (``use_model``: see
    :class:`FindEntities`)."""
    return [FindEntities(use_model), FindQuotes(), FindSources(), FindDates()]


def _link_speaker(quote: Quote, mentions: list[Mention]) -> Quote:
    """Give the speaker the entity id of the mention that names it: the mention whose
    canonical name is the speaker's name, else a person (then an organisation) mention inside
    the speaker's words ("Kremlin spokesman Dmitry Peskov" → Peskov, not the Kremlin)."""
    speaker = quote.speaker
    if speaker is None or speaker.entity_id is not None:
        return quote
    inside = [m for m in mentions if m.start < speaker.end and speaker.start < m.end]
    ranked = (
        [m for m in mentions if speaker.name and m.canonical == speaker.name]
        + [m for m in inside if m.type == "PERSON"]
        + [m for m in inside if m.type == "ORG"]
    )
    if not ranked:
        return quote
    return replace(quote, speaker=replace(speaker, entity_id=ranked[0].entity_key))
