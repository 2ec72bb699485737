"""storyline: turn news articles from many outlets into stories a reader can trust.

The library is the product; the CLI only calls these functions::

    import storyline
    result = storyline.ingest(["articles/"], db="storyline.db")
    for record in storyline.articles("storyline.db"):
        print(record["title"], record["outlet"], record["published"])
    for story in storyline.timeline("storyline.db"):
        print(story["title"], [event["date"] for event in story["events"]])
    storyline.quotes("storyline.db", story=story["id"], speaker="Peskov")
"""

from storyline.annotate import AnnotateResult, annotate
from storyline.findings import cited_sources, claims, entities, quotes
from storyline.grouping import GroupResult
from storyline.ingest import IngestResult, default_pipeline, ingest
from storyline.model import Article, Removal, Skip
from storyline.query import ArticleNotFound, article, articles, search
from storyline.run import RunResult, run
from storyline.store import Store
from storyline.timeline import StoryNotFound, event, stories, story

__all__ = [
    "AnnotateResult",
    "Article",
    "ArticleNotFound",
    "GroupResult",
    "IngestResult",
    "Removal",
    "RunResult",
    "Skip",
    "Store",
    "StoryNotFound",
    "annotate",
    "article",
    "articles",
    "cited_sources",
    "claims",
    "default_pipeline",
    "entities",
    "event",
    "ingest",
    "quotes",
    "run",
    "search",
    "stories",
    "story",
]
