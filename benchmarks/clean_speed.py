"""Speed of the clean and metadata stages on Reuters-21578 (articles per second, one core).

Reads ``<shared>/data/reuters21578/articles.jsonl`` into articles first (reading is not
timed), then times, over the same articles, ``Clean`` alone, ``Metadata`` alone (with and
without language detection) and the two together, and prints one table. Also counts what
cleaning removed, by rule, as a sanity check (Reuters copy has little furniture: its
"REUTER" sign-offs).

    .venv/bin/python benchmarks/clean_speed.py [--shared ../shared] [--limit N] [--repeat R]
        [--min-chars 1000 --max-chars 3000]   # "Reuters-size" articles only
    .venv/bin/python benchmarks/clean_speed.py --calibrate   # LANGUAGE_MIN_LETTERS

``--calibrate`` prints the tables the language constants of ``clean/metadata.py`` were
chosen from: py3langid's accuracy on the English UCI headlines by number of letters
(``LANGUAGE_MIN_LETTERS``), how often the first N characters of a page give the same
language as the whole page, with the time each N costs (``LANGUAGE_SAMPLE_CHARS``), on
every shared set how often the English shortcut answers and py3langid disagrees
(``ENGLISH_MIN_SHARE``), how often py3langid is right by the probability it gives
(``LANGUAGE_MIN_PROBABILITY``), and what reading Title Case in lower case changes
(``LANGUAGE_TITLE_CASE_SHARE``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.clean.furniture import Clean, clean  # noqa: E402
from storyline.clean.metadata import (  # noqa: E402
    LANGUAGE_FIRST_CHARS,
    LANGUAGE_MIN_LETTERS,
    LANGUAGE_MIN_PROBABILITY,
    LANGUAGE_SAMPLE_CHARS,
    LANGUAGE_SURE,
    LANGUAGE_TITLE_CASE_SHARE,
    Metadata,
    _identifier,
    _py3langid_answer,
    detect_language,
    plainly_english,
)
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Stats  # noqa: E402
from storyline.read.jsonl import article_from_object  # noqa: E402


def load(path: Path, limit: int | None, sizes: tuple[int, int]) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            obj = json.loads(line)
            if not sizes[0] <= len((obj.get("text") or "").strip()) <= sizes[1]:
                continue
            articles.append(article_from_object(f"{path}:{number}", obj))
            if limit and len(articles) >= limit:
                break
    return articles


def fresh(articles: list[Article]) -> list[Article]:
    """Copies, so that every timed pass starts from the articles as read."""
    return [Article.from_dict(a.to_dict()) for a in articles]


def timed(label: str, stages: list, articles: list[Article], repeat: int) -> tuple[str, float]:
    best = float("inf")
    for _ in range(repeat):
        batch = fresh(articles)
        stats = Stats()
        # CPU time of this process: other work on a shared machine does not count as ours.
        start = time.process_time()
        for article in batch:
            for stage in stages:
                stage.process(article, stats)
        best = min(best, time.process_time() - start)
    return label, len(articles) / best


class _NoLanguage(Metadata):
    """Metadata with language detection switched off, to show what detection costs."""

    def process(self, article: Article, stats: Stats) -> Article | None:
        article.language = "en"
        return super().process(article, stats)


def speed(args: argparse.Namespace) -> int:
    path = Path(args.shared) / "data" / "reuters21578" / "articles.jsonl"
    if not path.exists():
        print(f"shared data not present: {path} (pass --shared DIR)", file=sys.stderr)
        return 2
    articles = load(path, args.limit, (args.min_chars, args.max_chars))
    if not articles:
        print("no article of that size", file=sys.stderr)
        return 2
    sizes = sorted(len(a.body) for a in articles)
    print(
        f"{len(articles)} Reuters articles of {args.min_chars}-{args.max_chars} characters, "
        f"median {sizes[len(sizes) // 2]}, mean {sum(sizes) / len(sizes):.0f}; CPU time, "
        f"best of {args.repeat}"
    )
    detect_language("warm up", "Load the language model before timing.")
    now = "2026-01-01T00:00:00+00:00"
    cleaned = fresh(articles)
    for article in cleaned:
        Clean().process(article, Stats())
    rows = [
        timed("clean", [Clean()], articles, args.repeat),
        ("metadata (language on)", timed("", [Metadata(now=now)], cleaned, args.repeat)[1]),
        ("metadata (language off)", timed("", [_NoLanguage(now=now)], cleaned, args.repeat)[1]),
        timed("clean + metadata", [Clean(), Metadata(now=now)], articles, args.repeat),
    ]
    print(f"\n{'stages':28} {'articles/s':>11} {'ms/article':>11}")
    for label, rate in rows:
        print(f"{label:28} {rate:11,.0f} {1000 / rate:11.3f}")
    removed = Counter(r.rule for a in articles for r in clean(a.body, a.title).removals)
    print("\nremovals by rule: " + ", ".join(f"{k} {v}" for k, v in removed.most_common()))
    return 0


def calibrate(args: argparse.Namespace) -> int:
    """The two tables the language constants of ``clean/metadata.py`` were chosen from."""
    shared = Path(args.shared) / "data"
    headlines = shared / "uci-headlines" / "articles.jsonl"
    pages = shared / "article-extraction" / "ground-truth.json"
    reuters = shared / "reuters21578" / "articles.jsonl"
    for path in (headlines, pages, reuters):
        if not path.exists():
            print(f"shared data not present: {path} (pass --shared DIR)", file=sys.stderr)
            return 2
    identifier = _identifier()
    letters = re.compile(r"[^\W\d_]")
    buckets: dict[int, Counter[str]] = {}
    with headlines.open(encoding="utf-8") as lines:
        for line in lines:
            title = json.loads(line).get("title") or ""
            count = len(letters.findall(title))
            if not count:
                continue
            bucket = min(count // 10 * 10, 80)
            code = identifier.classify(title)[0]
            buckets.setdefault(bucket, Counter())["en" if code == "en" else "other"] += 1
    print("UCI headlines (English): share py3langid calls English, by letters in the title")
    print(f"{'letters':>8} {'headlines':>10} {'English':>8}")
    for bucket in sorted(buckets):
        seen = buckets[bucket]
        total = seen["en"] + seen["other"]
        label = f"{bucket}+" if bucket == 80 else f"{bucket}-{bucket + 9}"
        print(f"{label:>8} {total:10} {seen['en'] / total:8.1%}")

    gold = json.loads(pages.read_text("utf-8"))
    corpora = {
        "pages": [b for b in (v.get("articleBody") or "" for v in gold.values()) if len(b) >= 1500],
        "reuters": [a.title + "\n" + a.body for a in load(reuters, 1500, (1000, 3000))],
    }
    print(
        "\nThe language of the first N characters against that of the whole text: agreement,"
        "\nshare of answers py3langid is sure of (p >= 0.99), CPU ms per text; 'adaptive' is"
        "\ndetect_language (300 characters, 1,000 when unsure). pages: article-extraction gold"
        "\nbodies of 1,500+ characters; reuters: 1,500 Reuters texts of 1-3 KB."
    )
    print(f"{'set':>8} {'N':>9} {'texts':>6} {'agree':>7} {'sure':>7} {'ms':>7}")
    for name, texts in corpora.items():
        whole = [identifier.classify(text)[0] for text in texts]
        for size in (200, 300, 600, 1000, "adaptive"):
            start = time.process_time()
            if size == "adaptive":
                found = [(detect_language(None, text), 1.0) for text in texts]
            else:
                found = [identifier.classify(text[:size]) for text in texts]
            spent = (time.process_time() - start) / len(texts) * 1000
            agree = sum(code == w for (code, _), w in zip(found, whole, strict=True))
            sure = f"{sum(p >= 0.99 for _, p in found) / len(texts):7.1%}"
            print(
                f"{name:>8} {size:>9} {len(texts):6} {agree / len(texts):7.1%} "
                f"{sure if size != 'adaptive' else '-':>7} {spent:7.3f}"
            )
    english_shortcut(Path(args.shared) / "data", gold)
    by_probability(Path(args.shared) / "data", gold)
    return 0


def _shared_texts(shared: Path, gold: dict[str, Any]) -> dict[str, list[str]]:
    """Title and text of every article of the shared sets, by set (what Metadata reads)."""
    sets: dict[str, list[str]] = {}
    for name, pattern in (
        ("reuters", "reuters21578/articles.jsonl"),
        ("ecbplus", "ecbplus/articles.jsonl"),
        ("uci", "uci-headlines/articles.jsonl"),
        ("polnear", "polnear/*/articles.jsonl"),
    ):
        for path in sorted(shared.glob(pattern)):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    obj = json.loads(line)
                    sets.setdefault(name, []).append(
                        f"{obj.get('title') or ''}\n{obj.get('text') or ''}"
                    )
    timex = shared / "timebank" / "timex.jsonl"
    if timex.exists():
        with timex.open(encoding="utf-8") as lines:
            sets["timebank"] = ["\n" + json.loads(line)["text"] for line in lines]
    for path in sorted((shared / "semeval8").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                obj = json.loads(line)
                sets.setdefault("semeval8", []).extend(
                    ["\n" + obj["text1"], "\n" + obj["text2"]]
                )
    sets["pages"] = ["\n" + (v.get("articleBody") or "") for v in gold.values()]
    return sets


def english_shortcut(shared: Path, gold: dict[str, Any]) -> None:
    """How often ``plainly_english`` answers without py3langid (ENGLISH_MIN_SHARE and the
    markers of clean/rules/languages.toml), and how often py3langid, asked as before the
    shortcut, says something else on those texts."""
    identifier = _identifier()
    print(
        "\nThe English shortcut (plainly_english on the first 300 characters): share of texts"
        "\nit answers, and of those, how many py3langid calls another language (which ones)."
    )
    print(f"{'set':>9} {'texts':>7} {'shortcut':>9} {'other':>6}  py3langid says")
    for name, texts in _shared_texts(shared, gold).items():
        taken = [t for t in texts if plainly_english(t[:LANGUAGE_FIRST_CHARS])]
        other: Counter[str] = Counter()
        for text in taken:
            code, probability = identifier.classify(text[:LANGUAGE_FIRST_CHARS])
            if probability < LANGUAGE_SURE and len(text) > LANGUAGE_FIRST_CHARS:
                code, _ = identifier.classify(text[:LANGUAGE_SAMPLE_CHARS])
            if code != "en":
                other[str(code)] += 1
        share = len(taken) / len(texts) if texts else 0.0
        print(
            f"{name:>9} {len(texts):7} {share:9.1%} {sum(other.values()):6}  "
            f"{dict(other.most_common()) or ''}"
        )


def by_probability(shared: Path, gold: dict[str, Any]) -> None:
    """How often py3langid's answer is right, by the probability it gives, on the texts it
    is asked about (not plainly English, at least LANGUAGE_MIN_LETTERS letters): Reuters and
    UCI headlines (English), and the sentences of 20-120 characters of the gold pages in
    another language (the language py3langid is sure of on the whole page); then what
    reading Title-Case samples in lower case changes, by the share of capitalised words that
    makes a sample Title Case (LANGUAGE_TITLE_CASE_SHARE)."""
    identifier = _identifier()
    letters = re.compile(r"[^\W\d_]")

    def asked(sample: str) -> bool:
        """Whether detect_language_code asks py3langid about ``sample``."""
        return len(letters.findall(sample[:LANGUAGE_SAMPLE_CHARS])) >= LANGUAGE_MIN_LETTERS and (
            not plainly_english(sample[:LANGUAGE_FIRST_CHARS])
        )

    shared_texts = _shared_texts(shared, gold)
    sets = {name: [("en", text) for text in shared_texts[name]] for name in ("reuters", "uci")}
    sentences = []
    for page in gold.values():
        body = page.get("articleBody") or ""
        code, probability = identifier.classify(body[:3000])
        if code == "en" or probability < LANGUAGE_SURE:
            continue
        for part in re.split(r"(?<=[.!?。])\s+|\n+", body):
            if 20 <= len(part.strip()) <= 120:
                sentences.append((str(code), "\n" + part.strip()))
    sets["pages, other languages"] = sentences
    shares: list[float | None] = [None, 0.6, LANGUAGE_TITLE_CASE_SHARE, 0.8]
    # (gold code, py3langid's answer) of every text it is asked about, by set and share.
    found = {
        (name, share): [
            (g, _py3langid_answer(text[:LANGUAGE_SAMPLE_CHARS], share))
            for g, text in texts
            if asked(text)
        ]
        for name, texts in sets.items()
        for share in shares
    }
    bands = [0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1.01]
    print(
        "\npy3langid's answers by the probability it gives (texts it is asked about, Title "
        "Case\nin lower case): how many, and the share it gets right. pages: sentences of "
        "20-120\ncharacters of the non-English gold pages, against the language of the whole "
        "page."
    )
    header = "".join(f"{f'{lo:g}-{hi:g}' if hi < 1 else f'{lo:g}+':>14}" for lo, hi in
                     pairwise(bands))
    print(f"{'set':>24}{header}")
    for name in sets:
        cells = []
        for lo, hi in pairwise(bands):
            inside = [
                g == a[0] for g, a in found[name, LANGUAGE_TITLE_CASE_SHARE] if lo <= a[1] < hi
            ]
            cells.append(
                f"{len(inside):6} {sum(inside) / len(inside):6.1%}" if inside else f"{'-':>13}"
            )
        print(f"{name:>24}" + "".join(f"{c:>14}" for c in cells))
    print(
        f"\nAt probability {LANGUAGE_MIN_PROBABILITY} or more (below it: no language), the "
        "texts py3langid is asked\nabout that come out right / with no language / wrong, "
        "Title Case read as written or in\nlower case at a share of capitalised words:"
    )
    print(f"{'set':>24}" + "".join(
        f"{'as written' if v is None else f'lower > {v:g}':>22}" for v in shares))
    for name in sets:
        cells = []
        for share in shares:
            answers = found[name, share]
            right = sum(1 for g, a in answers if a[1] >= LANGUAGE_MIN_PROBABILITY and a[0] == g)
            wrong = sum(1 for g, a in answers if a[1] >= LANGUAGE_MIN_PROBABILITY and a[0] != g)
            cells.append(f"{right} / {len(answers) - right - wrong} / {wrong}")
        print(f"{name:>24}" + "".join(f"{c:>22}" for c in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="best of R timed passes")
    parser.add_argument("--min-chars", type=int, default=1, help="skip shorter texts")
    parser.add_argument("--max-chars", type=int, default=10**9, help="skip longer texts")
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="print language-detection accuracy by text length instead",
    )
    args = parser.parse_args()
    return calibrate(args) if args.calibrate else speed(args)


if __name__ == "__main__":
    raise SystemExit(main())
