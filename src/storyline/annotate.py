"""``annotate``: run the extractors over stored articles and store what they find.

Entities, quotes, cited sources and time expressions are found per article, after ingest, so
that ingest stays fast and a better extractor can re-annotate the store without re-reading
any input. Articles already annotated by this version are left alone: a rerun does only
what is missing, and an interrupted run loses at most the batch in flight.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.executors import LocalExecutor
from storyline.extract.stages import extract_stages
from storyline.ingest import default_pipeline
from storyline.pipeline import Pipeline, Stats
from storyline.store import DEFAULT_DB, Store
from storyline.store.annotations import save_annotations, unannotated_ids

__all__ = ["ANNOTATION_VERSION", "AnnotateResult", "annotate"]

#: Bump when an extractor's output changes: stored articles are then annotated again.
ANNOTATION_VERSION = "2"


@dataclass
class AnnotateResult:
    """How many articles were annotated and what was found in them."""

    articles: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"annotated": self.articles, **self.counts, "seconds": round(self.seconds, 3)}


def annotate(db: str | Path | Store = DEFAULT_DB, *, workers: int = 1, redo: bool = False,
             use_model: bool = False, missing_only: bool = False) -> AnnotateResult:
    """Annotate every stored article the current extractors have not annotated yet
    (``redo=True``: every article) and store the results, one transaction per batch.

    ``use_model`` adds the spaCy model of the ``nlp`` extra to entity finding; articles
    annotated without it are annotated again with it (and the other way round).
    ``missing_only`` annotates only articles no version annotated (what a read does before
    it shows annotations, so it never undoes a choice made with ``use_model``).
    """
    version = ANNOTATION_VERSION + ("+nlp" if use_model else "")
    store = db if isinstance(db, Store) else Store(db)
    try:
        started = time.perf_counter()
        ids = ([r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY id")] if redo
               else unannotated_ids(store, None if missing_only else version))
        result = AnnotateResult()
        if not ids:  # the common case for reads: nothing to do, build nothing
            result.seconds = time.perf_counter() - started
            return result
        pipeline = Pipeline(extract_stages(use_model), provided=default_pipeline().assigns)
        stats = Stats()
        for batch in LocalExecutor(workers=workers).run(pipeline, store.iter_articles(ids),
                                                        stats):
            save_annotations(store, batch, version)
            result.articles += len(batch)
        result.counts = {k: v for k, v in sorted(stats.counts.items())}
        result.seconds = time.perf_counter() - started
        return result
    finally:
        if store is not db:
            store.close()
