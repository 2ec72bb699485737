"""Speed of the whole extraction (entities, quotes, cited sources, dates) over stored articles.

    python benchmarks/extraction_speed.py [--shared ../shared] [--limit 5000] [--workers 1]
                                          [--model]

Ingests the first LIMIT Reuters-21578 records into a temporary store (not timed), then times
``storyline.annotate`` over them: what a `storyline run` spends per article after ingest.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, default=5000, help="records to use (0: all)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", action="store_true",
                        help="with the spaCy model of the nlp extra")
    args = parser.parse_args()
    source = args.shared / "data" / "reuters21578" / "articles.jsonl"
    if not source.exists():
        sys.exit(f"not run: {source} is absent (benchmarks read ../shared)")

    import storyline

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with source.open("rb") as lines, sample.open("wb") as out:
            out.writelines(itertools.islice(lines, args.limit or None))
        db = Path(tmp) / "bench.db"
        storyline.ingest([sample], db)
        started = time.perf_counter()
        result = storyline.annotate(db, workers=args.workers, use_model=args.model)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, workers={args.workers}, "
          f"{'with the nlp extra' if args.model else 'model-free'}")
    print(f"{'articles':>9}{'seconds':>9}{'art/s':>8}{'mentions':>10}{'quotes':>8}"
          f"{'sources':>8}{'dates':>7}{'peak MB':>9}")
    counts = result.counts
    print(f"{result.articles:>9}{seconds:>9.1f}{result.articles / seconds:>8.0f}"
          f"{counts.get('mentions', 0):>10}{counts.get('quotes', 0):>8}"
          f"{counts.get('cited_sources', 0):>8}{counts.get('dates', 0):>7}{peak:>9.0f}")


if __name__ == "__main__":
    main()
