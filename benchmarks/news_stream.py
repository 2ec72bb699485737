"""A long, realistic news stream made from a small dated corpus (for speed and memory runs).

``news_stream(articles, size)`` yields ``size`` articles cycling through ``articles``: each
pass re-dates the corpus into a later stretch of time (so the stream runs forward for months),
perturbs each text (drops and swaps a few words, changes numbers) so later passes are new
articles rather than exact copies, and jitters publication times by up to a few hours so the
arrival order is not the time order (late arrivals exercise the grouper's rollback). Every
run with the same arguments yields the same stream.

Run it alone to write a JSONL stream: ``python benchmarks/news_stream.py IN.jsonl N > OUT``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from storyline.model import Article

#: Articles per simulated day: a large newsroom's full wire and feed intake.
ARTICLES_PER_DAY = 2000
#: Publication times move by up to this many hours either way.
JITTER_HOURS = 6.0
#: Share of words dropped, and of adjacent pairs swapped, in each perturbed text.
DROP_RATE = 0.03
SWAP_RATE = 0.02

_NUMBER = re.compile(r"\d+")


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    kept = [w for w in words if rng.random() >= DROP_RATE]
    for i in range(len(kept) - 1):
        if rng.random() < SWAP_RATE:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)), " ".join(kept))


def news_stream(articles: Sequence[Article], size: int, seed: int = 0) -> Iterator[Article]:
    """Yield ``size`` perturbed, re-dated, jittered articles made from ``articles``."""
    if not articles:
        return
    rng = random.Random(seed)
    start = datetime(2030, 1, 1)
    seconds_per_article = 86400.0 / ARTICLES_PER_DAY
    for n in range(size):
        base = articles[n % len(articles)]
        cycle = n // len(articles)
        moment = start + timedelta(
            seconds=n * seconds_per_article + rng.uniform(-JITTER_HOURS, JITTER_HOURS) * 3600
        )
        text = base.text if base.text is not None else base.body
        yield Article(
            source=f"stream:{n}",
            format="jsonl",
            id=f"s{n:08d}",
            title=_perturb(base.title or "", rng) if cycle else base.title,
            body=_perturb(text or "", rng) if cycle else (text or ""),
            outlet=base.outlet,
            published=moment.strftime("%Y-%m-%dT%H:%M:%S"),
        )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: news_stream.py IN.jsonl N > OUT.jsonl", file=sys.stderr)
        return 2
    from storyline.pipeline import Stats
    from storyline.read import read_inputs

    corpus = [a for a in read_inputs([argv[0]], Stats()) if (a.body or "").strip()]
    for article in news_stream(corpus, int(argv[1])):
        print(
            json.dumps(
                {
                    "id": article.id,
                    "title": article.title,
                    "text": article.body,
                    "outlet": article.outlet,
                    "published": article.published,
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
