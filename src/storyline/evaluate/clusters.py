"""``storyline eval clusters``: events and stories scored against gold clusterings.

The gold file is tab-separated with the header ``id event story``: each article's gold event
and story. The articles file is any input storyline reads (JSONL with ``id``); each article is
scored under its input ``id``. Articles without a gold line are grouped but not scored; gold
lines without an article are counted in ``missing``.

Definitions (``pred`` and ``gold`` give every scored article one cluster label each):

- **B-cubed** (Bagga & Baldwin 1998): for each article, precision is the share of its
  predicted cluster that shares its gold cluster, recall the share of its gold cluster that
  shares its predicted cluster; both averaged over articles; F1 their harmonic mean.
- **pairwise**: over all pairs of articles, precision is the share of pairs put together that
  are together in gold, recall the share of gold pairs put together.
- **ARI**, **AMI**: adjusted Rand index and adjusted mutual information (scikit-learn).
- **articles_per_s**: articles read over the seconds spent ingesting them into a fresh store
  and grouping them there (copies, events and stories); scoring left out.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

from storyline.group import Grouper, GroupSettings
from storyline.group.embeddings import Embedder
from storyline.model import Article

__all__ = [
    "LEVELS",
    "bcubed",
    "cluster_scores",
    "evaluate_clusters",
    "group_articles",
    "pairwise",
    "read_gold",
]

#: Gold columns that can be scored.
LEVELS = ("event", "story")


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same articles")
    if not pred:
        return 0.0, 0.0, 0.0
    pred_size, gold_size = Counter(pred), Counter(gold)
    both = Counter(zip(pred, gold, strict=True))
    n = len(pred)
    precision = sum(both[(p, g)] / pred_size[p] for p, g in zip(pred, gold, strict=True)) / n
    recall = sum(both[(p, g)] / gold_size[g] for p, g in zip(pred, gold, strict=True)) / n
    return precision, recall, _f1(precision, recall)


def _pairs(sizes: Counter[Any]) -> int:
    return sum(k * (k - 1) // 2 for k in sizes.values())


def pairwise(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 (1.0 precision when no pair is predicted)."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same articles")
    together = _pairs(Counter(zip(pred, gold, strict=True)))
    predicted, gold_pairs = _pairs(Counter(pred)), _pairs(Counter(gold))
    precision = together / predicted if predicted else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def cluster_scores(pred: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    """Every clustering metric of this module for one labelling."""
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    ari = adjusted_rand_score(gold, pred) if pred else 0.0
    ami = adjusted_mutual_info_score(gold, pred) if pred else 0.0
    return {
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "bcubed_f1": round(bf, 4),
        "pairwise_precision": round(pp, 4),
        "pairwise_recall": round(pr, 4),
        "pairwise_f1": round(pf, 4),
        "ari": round(float(ari), 4),
        "ami": round(float(ami), 4),
        "predicted_clusters": len(set(pred)),
        "gold_clusters": len(set(gold)),
    }


def read_gold(path: str | Path) -> dict[str, dict[str, str]]:
    """``id -> {"event": ..., "story": ...}`` from a gold TSV (header ``id event story``)."""
    gold: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("id"):
                gold[row["id"]] = {level: row.get(level) or "" for level in LEVELS}
    return gold


def group_articles(
    articles: Sequence[Article],
    settings: GroupSettings | None = None,
    batch_size: int | None = None,
) -> tuple[Grouper, float]:
    """Group ``articles`` (in batches of ``batch_size``, or all at once); return the grouper
    and the seconds spent grouping."""
    grouper = Grouper(settings)
    size = batch_size or max(1, len(articles))
    started = time.perf_counter()
    for start in range(0, len(articles), size):
        grouper.add(articles[start : start + size])
    return grouper, time.perf_counter() - started


def evaluate_clusters(
    articles_path: str | Path,
    gold_path: str | Path,
    level: str = "event",
    settings: GroupSettings | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """Ingest, group and score, as a user's run would: the articles are ingested into a fresh
    temporary store (:func:`storyline.ingest.ingest`), grouped there
    (:func:`storyline.grouping.group`), and each gold id is scored through the stored article
    it was read as (its input ``id``; copies with equal content share one stored article).

    Returns the metrics of the module doc for ``level`` (``event`` is the gold ``event``
    column, ``story`` the ``story`` column), plus ``articles`` scored, ``missing`` gold ids
    with no grouped article, ``skipped`` inputs, and ``articles_per_s`` over ingest and
    grouping together (end to end). ``settings`` other than the defaults group with those;
    ``embedder`` groups with dense vectors too (the ``embeddings`` extra).
    """
    from storyline.grouping import group
    from storyline.ingest import ingest
    from storyline.store import Store

    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    gold = read_gold(gold_path)
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as folder:
        store = Store(Path(folder) / "eval.db")
        try:
            started = time.perf_counter()
            ingested = ingest([str(articles_path)], store)
            group(store, settings=settings, embedder=embedder)
            seconds = time.perf_counter() - started
            places = _stored_places(store)
        finally:
            store.close()
    scored = [i for i in gold if i in places]
    column = 0 if level == "event" else 1
    pred = [places[i][column] for i in scored]
    truth = [gold[i][level] for i in scored]
    result = cluster_scores(pred, truth)
    result.update(
        {
            "level": level,
            "articles": len(scored),
            "missing": len(gold) - len(scored),
            "skipped": len(ingested.skipped),
            "articles_per_s": round(ingested.read / seconds, 1) if seconds > 0 else None,
        }
    )
    return result


def _stored_places(store: Any) -> dict[str, tuple[str, str]]:
    """``input id -> (event id, story id)`` of every grouped article in ``store``."""
    from storyline.group.persist import resolve_id

    events = {
        event_id: resolve_id(store.db, story_id or "")
        for event_id, story_id in store.db.execute("SELECT id, story_id FROM events")
    }
    stored = dict(store.db.execute("SELECT article_id, event_id FROM event_articles"))
    places: dict[str, tuple[str, str]] = {}
    for external_id, article_id in store.db.execute(
        "SELECT external_id, article_id FROM article_inputs WHERE external_id IS NOT NULL "
        "ORDER BY external_id, article_id"
    ):
        event_id = stored.get(article_id)
        if event_id is not None and external_id not in places:
            places[external_id] = (event_id, events.get(event_id, ""))
    return places
