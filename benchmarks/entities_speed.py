"""Speed of entity finding on Reuters-21578 (one process, so one core).

    .venv/bin/python benchmarks/entities_speed.py [--shared ../shared] [--limit 5000] [--model]

Reads ``<shared>/data/reuters21578/articles.jsonl`` (never copied into the repository), runs
:func:`storyline.extract.entities.find_entities` on every article with a body and prints a
table: articles, characters, mentions by type and by how they were found, seconds and
articles per second. ``--model`` also types OTHER mentions with the spaCy model of the
``nlp`` extra. Exits with a clear message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.extract.entities import find_entities, gazetteer

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, default=5000, help="articles to run (0: all)")
    parser.add_argument("--model", action="store_true", help="use the spaCy model (extra nlp)")
    args = parser.parse_args()

    path = args.shared / "data" / "reuters21578" / "articles.jsonl"
    if not path.exists():
        print(f"shared data not present: {path} (benchmarks read ../shared beside the repo)")
        return 2
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("text"):
                articles.append((record["text"], record.get("title")))
            if args.limit and len(articles) >= args.limit:
                break

    gazetteer()  # loading the tables is a one-off cost, not a per-article one
    if args.model:
        find_entities("Warm-up for the model.", use_model=True)
    types: Counter[str] = Counter()
    hows: Counter[str] = Counter()
    began = time.perf_counter()
    for text, title in articles:
        for mention in find_entities(text, title, use_model=args.model):
            types[mention.type] += 1
            hows[mention.how] += 1
    seconds = time.perf_counter() - began

    chars = sum(len(text) for text, _ in articles)
    rows = [
        ("path", "model-free rules" + (" + spaCy model" if args.model else "")),
        ("articles", f"{len(articles)}"),
        ("mean characters", f"{chars / max(len(articles), 1):.0f}"),
        ("mentions", f"{sum(types.values())}"),
        *((f"  type {name}", f"{n}") for name, n in sorted(types.items())),
        *((f"  found by {name}", f"{n}") for name, n in sorted(hows.items())),
        ("seconds", f"{seconds:.2f}"),
        ("articles/s", f"{len(articles) / seconds:.0f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
