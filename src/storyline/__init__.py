"""storyline: turn news articles from many outlets into stories a reader can trust.

The library is the product; the CLI only calls these functions::

    import storyline
    result = storyline.ingest(["articles/"], db="storyline.db")
    for record in storyline.articles("storyline.db"):
        print(record["title"], record["outlet"], record["published"])
"""

from storyline.ingest import IngestResult, default_pipeline, ingest
from storyline.model import Article, Removal, Skip
from storyline.query import ArticleNotFound, article, articles, search
from storyline.run import RunResult, run
from storyline.store import Store

__all__ = [
    "Article",
    "ArticleNotFound",
    "IngestResult",
    "Removal",
    "RunResult",
    "Skip",
    "Store",
    "article",
    "articles",
    "default_pipeline",
    "ingest",
    "run",
    "search",
]
