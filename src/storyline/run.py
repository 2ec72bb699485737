"""``run``: the main job — ingest (with grouping), annotation, and a report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.annotate import AnnotateResult, annotate
from storyline.group.embeddings import load_embedder
from storyline.grouping import GroupResult, group
from storyline.ingest import IngestResult, ingest
from storyline.report import write_report
from storyline.store import DEFAULT_DB, Store

__all__ = ["RunResult", "run"]


@dataclass
class RunResult:
    """What ingest and annotation did, and where the report was written. When nothing at all
    could be read (``ingest.ok`` is False) the run stopped there: no grouping, annotation or
    report (None)."""

    ingest: IngestResult
    grouping: GroupResult | None
    annotation: AnnotateResult | None
    report: Path | None


def run(
    paths: Iterable[str | Path],
    db: str | Path = DEFAULT_DB,
    out: str | Path = "storyline-report",
    *,
    workers: int = 1,
    progress: bool = False,
    use_model: bool = False,
    embeddings: bool = False,
) -> RunResult:
    """Ingest ``paths`` into ``db`` (grouping them into events and stories), annotate what
    is not annotated yet (entities, quotes, cited sources, dates; ``use_model``: entity types
    from the spaCy model of the ``nlp`` extra), and write the report of the whole store to
    ``out``. ``embeddings``: group with the sentence embeddings of the ``embeddings`` extra
    (raises :class:`~storyline.group.embeddings.EmbeddingsMissingError` before reading
    anything when it is not installed). When nothing at all could be read (a mistyped path,
    say), the run stops after ingest and writes no report."""
    embedder = load_embedder() if embeddings else None
    with Store(db) as store:
        result = ingest(paths, store, workers=workers, progress=progress, command="run")
        if not result.ok:
            return RunResult(result, None, None, None)
        grouping = group(store, embedder=embedder)
        annotation = annotate(store, workers=workers, use_model=use_model)
        page = write_report(store, result, out)
    return RunResult(result, grouping, annotation, page)
