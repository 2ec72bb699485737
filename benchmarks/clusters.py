"""Events and stories benchmark: quality beside baselines, speed, memory, order independence.

One run prints:

1. quality at event and story level on ``../shared/data/ecbplus`` and
   ``../shared/data/uci-headlines``: storyline beside TF-IDF + agglomerative clustering
   (average linkage, cosine, ONE distance threshold tuned here on the ecbplus events and kept
   for every set and level) and, when the ``embeddings`` extra (sentence-transformers) is
   installed, the same agglomerative clustering over MiniLM embeddings. storyline has two rows:
   the grouper fed the input articles directly (input ids), and what ``storyline eval
   clusters`` does (ingest into a fresh store, group there, score by input id);
2. speed and peak memory: ingest + group through a SQLite store on ``reuters21578`` (what a
   user's run does), then read + copies + clustering in memory on ``reuters21578`` and on a
   long stream made from it (``benchmarks/news_stream.py``), each in a fresh process;
3. order independence: articles whose event changes between the canonical run and shuffled
   arrival orders fed in small batches.

Options let a developer run a quick subset, e.g.::

    python benchmarks/clusters.py --sets ecbplus --no-speed --no-order
    python benchmarks/clusters.py --no-quality --stream-size 50000

Never collected as a test (no ``test_`` names).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline.evaluate.clusters import (  # noqa: E402
    cluster_scores,
    evaluate_clusters,
    read_gold,
)
from storyline.group import Grouper, GroupSettings  # noqa: E402
from storyline.grouping import GROUP_BATCH_SIZE  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Stats  # noqa: E402
from storyline.read import read_inputs  # noqa: E402

SETS = ("ecbplus", "uci-headlines")
#: Distance thresholds tried when tuning the TF-IDF baseline on the ecbplus events.
BASELINE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def _read(path: Path) -> list[Article]:
    articles = list(read_inputs([str(path)], Stats()))
    for article in articles:
        article.id = article.external_id
    return articles


def _storyline(articles: list[Article]) -> tuple[dict[str, tuple[str, str]], float]:
    grouper = Grouper()
    started = time.perf_counter()
    grouper.add(articles)
    seconds = time.perf_counter() - started
    return grouper.assignments(), seconds


def _tfidf_agglomerative(articles: list[Article], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [f"{a.title or ''}\n{a.body or ''}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(docs)
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return list(model.fit_predict(matrix.toarray()))


def _embedding_agglomerative(articles: list[Article], threshold: float) -> list[int] | None:
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError:
        return None
    from sklearn.cluster import AgglomerativeClustering

    model = SentenceTransformer("all-MiniLM-L6-v2")
    docs = [f"{a.title or ''}\n{(a.body or '')[:1000]}" for a in articles]
    vectors = model.encode(docs, normalize_embeddings=True)
    clustering = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return list(clustering.fit_predict(vectors))


def _row(name: str, data: str, level: str, scores: dict[str, Any], extra: str = "") -> str:
    return (
        f"| {name:<36} | {data:<13} | {level:<5} | {scores['bcubed_f1']:.3f} | "
        f"{scores['bcubed_precision']:.3f} | {scores['bcubed_recall']:.3f} | "
        f"{scores['pairwise_f1']:.3f} | {scores['ami']:.3f} | "
        f"{scores['predicted_clusters']:>5} | {scores['gold_clusters']:>5} | {extra} |"
    )


def quality(shared: Path, sets: list[str], levels: list[str], baselines: bool) -> None:
    print("## Quality (B-cubed F1 / P / R, pairwise F1, AMI, clusters predicted / gold)\n")
    print("| system | data | level | B3 F1 | B3 P | B3 R | pair F1 | AMI | pred | gold | speed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    threshold = None
    if baselines:
        # Tune the one baseline threshold on the ecbplus events, as a practitioner would.
        ecb = _read(shared / "data/ecbplus/articles.jsonl")
        gold = read_gold(shared / "data/ecbplus/gold.tsv")
        truth = [gold[a.id]["event"] for a in ecb]
        best = max(
            BASELINE_GRID,
            key=lambda t: cluster_scores([str(x) for x in _tfidf_agglomerative(ecb, t)], truth)[
                "bcubed_f1"
            ],
        )
        threshold = best
    for name in sets:
        folder = shared / "data" / name
        articles = _read(folder / "articles.jsonl")
        gold = read_gold(folder / "gold.tsv")
        articles = [a for a in articles if a.id in gold]
        places, seconds = _storyline(articles)
        speed = f"{len(articles) / seconds:,.0f} art/s"
        base = None
        embedded = None
        if threshold is not None:
            base = [str(x) for x in _tfidf_agglomerative(articles, threshold)]
            labels = _embedding_agglomerative(articles, threshold)
            embedded = None if labels is None else [str(x) for x in labels]
        for level in levels:
            truth = [gold[a.id][level] for a in articles]
            pred = [places[a.id][0 if level == "event" else 1] for a in articles]
            print(_row("storyline", name, level, cluster_scores(pred, truth), speed))
            # What `storyline eval clusters` reports: ingest (clean, date, content ids) into a
            # fresh store, group there. Content ids change the processing order of undated
            # articles, which a single pass is sensitive to; both rows are shown.
            stored = evaluate_clusters(folder / "articles.jsonl", folder / "gold.tsv", level)
            print(
                _row(
                    "storyline via store (eval clusters)",
                    name,
                    level,
                    stored,
                    f"{stored['articles_per_s']:,.0f} art/s end to end",
                )
            )
            if base is not None:
                print(
                    _row(
                        f"TF-IDF + agglomerative (d={threshold})",
                        name,
                        level,
                        cluster_scores(base, truth),
                    )
                )
            if embedded is not None:
                print(
                    _row(
                        f"MiniLM + agglomerative (d={threshold})",
                        name,
                        level,
                        cluster_scores(embedded, truth),
                    )
                )
    if threshold is not None and embedded is None:
        print(
            "\nEmbedding baseline: not run (install the `embeddings` extra: sentence-transformers)."
        )
    print()


def _peak_mb() -> float:
    """This process's peak resident memory in MB.

    ``VmHWM`` from /proc where there is one: ``ru_maxrss`` survives ``exec`` on Linux, so a
    worker started from a large parent would report the parent's peak as its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _speed_worker(path: str, size: int, batch: int) -> dict[str, Any]:
    """Run in a fresh process: read + group; report rate and peak memory."""
    from news_stream import news_stream

    started = time.perf_counter()
    corpus = [a for a in read_inputs([path], Stats()) if (a.body or "").strip()]
    for article in corpus:
        article.id = article.external_id
    read_seconds = time.perf_counter() - started
    stream = corpus if size <= 0 else news_stream(corpus, size)
    grouper = Grouper(GroupSettings(keep_closed=False))
    checkpoints = []
    count = 0
    group_seconds = 0.0
    buffer: list[Article] = []
    every = max(batch, (size if size > 0 else len(corpus)) // 5)
    for article in stream:
        buffer.append(article)
        if len(buffer) >= batch:
            t = time.perf_counter()
            grouper.add(buffer)
            group_seconds += time.perf_counter() - t
            count += len(buffer)
            buffer = []
            if count % every < batch:
                rss = _peak_mb()
                checkpoints.append((count, round(rss)))
    if buffer:
        t = time.perf_counter()
        grouper.add(buffer)
        group_seconds += time.perf_counter() - t
        count += len(buffer)
    return {
        "articles": count,
        "read_seconds": round(read_seconds, 2),
        "group_seconds": round(group_seconds, 2),
        "group_per_s": round(count / group_seconds) if group_seconds else None,
        "end_to_end_per_s": round(count / (group_seconds + (read_seconds if size <= 0 else 0))),
        "peak_mb": round(_peak_mb()),
        "peak_mb_at": checkpoints,
        "live_events": len(grouper.state.events),
        "live_articles": len(grouper.state.entries),
    }


def _store_worker(path: str) -> dict[str, Any]:
    """Run in a fresh process: what a user's run does, ingest into a new SQLite store and
    group there (storyline.ingest.ingest, then storyline.grouping.group)."""
    import tempfile

    from storyline.grouping import group
    from storyline.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as folder:
        db = str(Path(folder) / "bench.db")
        started = time.perf_counter()
        ingested = ingest([path], db)
        ingest_seconds = time.perf_counter() - started
        grouped = group(db)
        total = time.perf_counter() - started
    return {
        "articles": ingested.read,
        "ingest_per_s": round(ingested.read / ingest_seconds),
        "group_per_s": round(grouped.articles / grouped.seconds) if grouped.seconds else None,
        "end_to_end_per_s": round(ingested.read / total),
        "peak_mb": round(_peak_mb()),
        "events": grouped.events,
    }


def speed(shared: Path, stream_size: int, batch: int) -> None:
    path = shared / "data/reuters21578/articles.jsonl"
    print("## Speed and memory (read + copies + events + stories, one process)\n")
    out = subprocess.run(
        [sys.executable, __file__, "--store-worker", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        print(f"reuters21578 through the store: failed: {out.stderr.strip().splitlines()[-1:]}")
    else:
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"End to end as a user runs it (ingest into a new SQLite store, then group there) "
            f"on reuters21578: {r['articles']:,} articles, ingest {r['ingest_per_s']:,} art/s, "
            f"group {r['group_per_s']:,} art/s, end to end {r['end_to_end_per_s']:,} art/s, "
            f"peak {r['peak_mb']:,} MB, {r['events']:,} events.\n"
        )
    print(
        "| data | articles | group art/s | end-to-end art/s | peak MB | peak MB along "
        "the way | live events / articles at end |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    runs = [("reuters21578", 0)]
    if stream_size > 0:
        runs.append((f"stream from reuters ({stream_size:,})", stream_size))
    for label, size in runs:
        out = subprocess.run(
            [sys.executable, __file__, "--speed-worker", str(path), str(size), str(batch)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(f"| {label} | failed: {out.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        along = ", ".join(f"{n:,}: {mb}" for n, mb in r["peak_mb_at"])
        print(
            f"| {label} | {r['articles']:,} | {r['group_per_s']:,} | "
            f"{r['end_to_end_per_s']:,} | {r['peak_mb']:,} | {along} | "
            f"{r['live_events']:,} / {r['live_articles']:,} |"
        )
    print(
        "\n(end-to-end on reuters includes reading the JSONL; the stream is generated in "
        "memory, so its end-to-end figure is grouping only.)\n"
    )


def order(shared: Path, sets: list[str], shuffles: int, batch: int) -> None:
    print(
        "## Order independence (articles whose event or story changes vs one batch in "
        "canonical order)\n"
    )
    print("| data | arrival | batch size | events changed | stories changed | ids equal |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in sets:
        articles = _read(shared / "data" / name / "articles.jsonl")
        reference, _ = _storyline(articles)
        for seed in range(1, shuffles + 1):
            shuffled = list(articles)
            random.Random(seed).shuffle(shuffled)
            grouper = Grouper()
            for start in range(0, len(shuffled), batch):
                grouper.add(shuffled[start : start + batch])
            places = grouper.assignments()
            events = sum(1 for a in articles if places[a.id][0] != reference[a.id][0])
            stories = sum(1 for a in articles if places[a.id][1] != reference[a.id][1])
            print(
                f"| {name} | shuffle {seed} | {batch} | {events} | {stories} | "
                f"{'yes' if places == reference else 'no'} |"
            )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared data folder (default: ../shared beside the repo)",
    )
    parser.add_argument(
        "--sets",
        default=",".join(SETS),
        help="quality/order sets, comma-separated (ecbplus, uci-headlines)",
    )
    parser.add_argument("--levels", default="event,story")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-baselines", action="store_true", help="storyline rows only")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-order", action="store_true")
    parser.add_argument(
        "--stream-size",
        type=int,
        default=1_000_000,
        help="articles in the generated stream (0: skip the stream)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=GROUP_BATCH_SIZE,
        help="articles per add() in the speed runs (default: the batch storyline's group uses)",
    )
    parser.add_argument("--shuffles", type=int, default=2)
    parser.add_argument("--order-batch", type=int, default=250)
    parser.add_argument("--speed-worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--store-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_worker:
        print(json.dumps(_store_worker(args.store_worker)))
        return 0
    if args.speed_worker:
        path, size, batch = args.speed_worker
        print(json.dumps(_speed_worker(path, int(size), int(batch))))
        return 0
    if not (args.shared / "data").is_dir():
        print(
            f"shared data not found at {args.shared} (pass --shared); nothing to measure",
            file=sys.stderr,
        )
        return 2
    sets = [s for s in args.sets.split(",") if s]
    print(
        f"# storyline clusters benchmark\n\nmachine: {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    if not args.no_quality:
        quality(args.shared, sets, args.levels.split(","), not args.no_baselines)
    if not args.no_speed:
        speed(args.shared, args.stream_size, args.batch)
    if not args.no_order:
        order(args.shared, sets, args.shuffles, args.order_batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
