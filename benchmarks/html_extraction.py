"""HTML text extraction against the Scrapinghub article-extraction benchmark.

Reads ``<shared>/data/article-extraction/`` (181 gzipped pages and ``ground-truth.json``
with the gold ``articleBody`` of each page) and scores, against the gold bodies:

- ``trafilatura``: trafilatura alone, called as the benchmark's own runner calls it
  (``trafilatura.extract(html, include_comments=False)``, page decoded as UTF-8);
- ``storyline``: our path, ``read_html`` + the ``HtmlText`` stage, then the furniture
  ``Clean`` stage when ``storyline.clean.furniture`` provides one (scoring ``article.text``);
- ``storyline via WARC``: the same pages packed (before timing) into a record-gzipped WARC,
  read by ``read_warc`` and then the same stages; the time ``read_warc`` alone took is
  printed too, since it says what a faster WARC parser could save.

The score is the benchmark's published measure: each text is split into ``\\w+`` tokens,
4-token shingles are counted, and per page TP/FP/FN are the shingle-count overlaps,
normalised to sum to 1 so long pages weigh no more than short ones; precision is the mean
over pages with any predicted shingle, recall the mean over pages with any gold shingle,
and F1 is computed from those two means.

Each system runs in its own child process so that its peak memory (max RSS) is its own.

    .venv/bin/python benchmarks/html_extraction.py [--shared ../shared] [--limit N] [--tune]

``--tune`` also scores trafilatura under the option sets ``HtmlOptions`` was chosen from.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHINGLE_SIZE = 4  # the benchmark's n-gram size
_TOKEN = re.compile(r"\w+")

# Option sets compared by --tune (the first is trafilatura's default).
TUNING = [
    {},
    {"favor_precision": True},
    {"favor_recall": True},
    {"fast": True},
    {"include_tables": False},
    {"favor_precision": True, "fast": True},
    {"favor_precision": True, "include_tables": False},
]


# -- scoring --------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Counted 4-token shingles of ``text`` (a text shorter than 4 tokens is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    last = max(1, len(tokens) - SHINGLE_SIZE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(last) if tokens[i:])


def match(gold: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) shares of shingles between a gold and a predicted text."""
    truth, guess = shingles(gold), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over every page of ``gold`` (a missing prediction is "")."""
    matches = [match(gold[key], predicted.get(key) or "") for key in gold]
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- systems --------------------------------------------------------------------------


def load(folder: Path, limit: int | None) -> tuple[dict[str, str], dict[str, bytes]]:
    """The gold bodies and the raw (gunzipped) page bytes, by page hash."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    gold = {key: truth[key].get("articleBody") or "" for key in keys}
    pages = {
        key: gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()) for key in keys
    }
    return gold, pages


def run_trafilatura(pages: dict[str, bytes], options: dict) -> dict[str, str]:
    import trafilatura

    return {
        key: trafilatura.extract(raw.decode("utf-8"), include_comments=False, **options) or ""
        for key, raw in pages.items()
    }


def _stages() -> list:
    from storyline.read.html import HtmlText

    stages = [HtmlText()]
    try:
        from storyline.clean.furniture import Clean  # written in parallel; used once present
    except ImportError:
        pass
    else:
        stages.append(Clean())
    return stages


def _texts(articles, stages, stats, key_of) -> tuple[dict[str, str], str]:
    texts: dict[str, str] = {}
    for stage in stages:
        articles = stage.run(articles, stats)
    for article in articles:
        texts[key_of(article)] = article.text if article.text is not None else article.body
    return texts, " + ".join(stage.name for stage in stages)


def run_storyline(pages: dict[str, bytes]) -> tuple[dict[str, str], dict[str, int], str]:
    """Our texts, the run's counts, and which stages ran."""
    from storyline.pipeline import Stats
    from storyline.read.html import read_html

    stats = Stats()
    stages = _stages()

    def articles():
        for key, raw in pages.items():
            yield from read_html(key, io.BytesIO(raw), stats)

    texts, names = _texts(articles(), stages, stats, lambda article: article.source)
    return texts, dict(stats.counts), f"read_html + {names}"


def pack_warc(pages: dict[str, bytes]) -> tuple[bytes, list[str]]:
    """The pages as 200 responses of a record-gzipped WARC, and their keys in record order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for key, raw in pages.items():
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://pages.example/{key}",
                "response",
                payload=io.BytesIO(raw),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"},
            )
        )
    return buffer.getvalue(), list(pages)


def run_storyline_warc(archive: bytes, keys: list[str]) -> tuple[dict[str, str], dict, str]:
    """Our texts from the packed archive (``keys`` in record order), counts, stages."""
    from storyline.pipeline import Stats
    from storyline.read.warc import read_warc

    stats = Stats()
    started = time.perf_counter()
    articles = list(read_warc("pages.warc.gz", io.BytesIO(archive), stats))
    reading = time.perf_counter() - started
    texts, names = _texts(
        iter(articles),
        _stages(),
        stats,
        lambda article: keys[int(article.source.split("@")[1]) - 1],
    )
    note = f"read_warc + {names}; read_warc alone {1000 * reading / len(keys):.1f} ms/record"
    return texts, dict(stats.counts), note


def child(args: argparse.Namespace) -> None:
    """Run one system (in this child process) and print its result as one JSON line."""
    gold, pages = load(args.folder, args.limit)
    packed = pack_warc(pages) if args.system == "storyline-warc" else None
    started = time.perf_counter()
    note = ""
    if args.system == "trafilatura":
        texts = run_trafilatura(pages, json.loads(args.options))
    else:
        texts, counts, note = run_storyline_warc(*packed) if packed else run_storyline(pages)
        dropped = sum(v for k, v in counts.items() if k.startswith("dropped_"))
        note += f"; {dropped} pages dropped" if dropped else ""
    elapsed = time.perf_counter() - started
    p, r, f1 = score(gold, texts)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "pages": len(pages),
                "precision": p,
                "recall": r,
                "f1": f1,
                "pages_per_s": len(pages) / elapsed,
                "peak_mib": peak_kib / 1024,
                "note": note,
            }
        )
    )


def spawn(args: argparse.Namespace, system: str, options: dict | None = None) -> dict:
    command = [
        sys.executable,
        __file__,
        "--shared",
        str(args.shared),
        "--system",
        system,
        "--options",
        json.dumps(options or {}),
    ]
    if args.limit:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{system} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared data folder (default: <repo>/../shared)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N pages (by hash)")
    parser.add_argument(
        "--tune",
        action="store_true",
        help="also score trafilatura under the option sets we chose from",
    )
    parser.add_argument(
        "--system", choices=["trafilatura", "storyline", "storyline-warc"], help=argparse.SUPPRESS
    )
    parser.add_argument("--options", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.folder = args.shared / "data" / "article-extraction"
    if not (args.folder / "ground-truth.json").exists():
        sys.exit(f"benchmark data not found: {args.folder} (pass --shared PATH)")
    if args.system:
        child(args)
        return

    rows = [("trafilatura (defaults)", spawn(args, "trafilatura"))]
    rows.append(("storyline", spawn(args, "storyline")))
    rows.append(("storyline via WARC", spawn(args, "storyline-warc")))
    if args.tune:
        for options in TUNING[1:]:
            label = "trafilatura " + ",".join(f"{k}={v}" for k, v in options.items())
            rows.append((label, spawn(args, "trafilatura", options)))
    print(f"{'system':<56} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'peak MiB':>8}")
    for label, row in rows:
        print(
            f"{label:<56} {row['pages']:>5} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['f1']:>6.3f} {row['pages_per_s']:>8.1f} {row['peak_mib']:>8.0f}"
        )
    for label, row in rows:
        if row["note"]:
            print(f"{label}: {row['note']}")


if __name__ == "__main__":
    main()
