"""``run``: the main job — ingest, everything analysed so far, and a report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.ingest import IngestResult, ingest
from storyline.report import write_report
from storyline.store import DEFAULT_DB, Store

__all__ = ["RunResult", "run"]


@dataclass
class RunResult:
    """The ingest summary and where the report was written."""

    ingest: IngestResult
    report: Path


def run(
    paths: Iterable[str | Path],
    db: str | Path = DEFAULT_DB,
    out: str | Path = "storyline-report",
    *,
    workers: int = 1,
    progress: bool = False,
) -> RunResult:
    """Ingest ``paths`` into ``db``, analyse what the store holds, write the report to ``out``."""
    with Store(db) as store:
        result = ingest(paths, store, workers=workers, progress=progress, command="run")
        page = write_report(store, result, out)
    return RunResult(result, page)
