"""Temporal expressions: storyline against dateparser on TimeBank, and speed on Reuters.

    .venv/bin/python benchmarks/timex.py [--shared ../shared] [--reuters 3000] [--no-dateparser]
        [--json]

Scores DATE expressions of ``<shared>/data/timebank/timex.jsonl`` (TimeML gold; never copied
into the repository) with :func:`storyline.evaluate.timex.evaluate_timex`: span precision,
recall and F1 (overlap), value accuracy on found full-day dates, accuracy on weekday names,
articles per second. Beside storyline it runs the baseline on the same documents:
``dateparser.search.search_dates`` with the publication date as ``RELATIVE_BASE`` (every
date it returns counts as a DATE), then again with ``PREFER_DATES_FROM='past'``.

Then it times ``find_dates`` (all types) on the first ``--reuters`` Reuters-21578 articles
with a body (``<shared>/data/reuters21578``), the size of article the ingest sees. Exits with
a clear message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.evaluate.timex import evaluate_timex, load_timex_gold  # noqa: E402
from storyline.extract.dates import find_dates, parse_published, resolve_weekday  # noqa: E402

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    value: str


def dateparser_finder(prefer: str | None) -> Any:
    """A finder over ``dateparser.search.search_dates``: offsets are recovered by finding
    each returned substring in the text after the previous one."""
    from dateparser.search import search_dates

    def find(text: str, published: str | None) -> list[_Found]:
        settings: dict[str, Any] = {}
        day = parse_published(published)
        if day is not None:
            settings["RELATIVE_BASE"] = datetime(day.year, day.month, day.day)
        if prefer:
            settings["PREFER_DATES_FROM"] = prefer
        try:
            results = search_dates(text, languages=["en"], settings=settings) or []
        except Exception as error:  # a baseline's crash must not end the benchmark
            print(
                f"dateparser failed on a document: {type(error).__name__}: {error}", file=sys.stderr
            )
            return []
        found: list[_Found] = []
        cursor = 0
        for substring, moment in results:
            start = text.find(substring, cursor)
            if start < 0:
                start = text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            found.append(_Found(start, start + len(substring), moment.date().isoformat()))
        return found

    return find


def weekday_ceiling(gold: Path) -> tuple[int, int]:
    """How many gold weekday names (DATE) have as value the most recent or the coming such
    weekday from the publication date: the most any rule anchored on that date can get right
    (the others follow the story's own time, or are annotation slips)."""
    documents, _ = load_timex_gold(gold)
    reachable = total = 0
    for document in documents:
        for timex in document.timexes:
            name = timex.text.strip().rstrip(".,").removesuffix("'s").removesuffix("’s")
            if timex.type != "DATE" or name.lower() not in WEEKDAYS or not document.dct:
                continue
            total += 1
            past = resolve_weekday(name, document.dct).isoformat()
            coming = resolve_weekday(name, document.dct, "future").isoformat()
            reachable += timex.value[:10] in (past, coming)
    return reachable, total


def reuters_speed(path: Path, limit: int) -> dict[str, Any]:
    texts: list[tuple[str, str | None]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("text"):
                texts.append((record["text"], record.get("published")))
            if len(texts) >= limit:
                break
    find_dates("Warm-up on Tuesday.", "2025-08-20")  # compiling the grammar is a one-off
    began = time.perf_counter()
    expressions = sum(len(find_dates(text, published)) for text, published in texts)
    seconds = time.perf_counter() - began
    return {
        "articles": len(texts),
        "mean_chars": round(sum(len(t) for t, _ in texts) / max(1, len(texts))),
        "expressions": expressions,
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 1) if seconds else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--reuters", type=int, default=3000, help="Reuters articles to time (0: skip)"
    )
    parser.add_argument("--no-dateparser", action="store_true", help="skip the baseline rows")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    gold = args.shared / "data" / "timebank" / "timex.jsonl"
    if not gold.exists():
        print(f"shared data not present: {gold} (benchmarks read ../shared beside the repo)")
        return 2
    find_dates("Warm-up on Tuesday.", "2025-08-20")
    rows: list[tuple[str, dict[str, Any]]] = [("storyline", evaluate_timex(gold))]
    if not args.no_dateparser:
        rows.append(("dateparser (RELATIVE_BASE)", evaluate_timex(gold, dateparser_finder(None))))
        rows.append(
            (
                "dateparser (+ PREFER_DATES_FROM=past)",
                evaluate_timex(gold, dateparser_finder("past")),
            )
        )
    speed = None
    reuters = args.shared / "data" / "reuters21578" / "articles.jsonl"
    if args.reuters and reuters.exists():
        speed = reuters_speed(reuters, args.reuters)

    reachable, weekdays = weekday_ceiling(gold)
    if args.json:
        ceiling = {"reachable": reachable, "weekdays": weekdays}
        report = {"timebank": dict(rows), "weekday_ceiling": ceiling, "reuters_speed": speed}
        print(json.dumps(report, indent=2))
        return 0
    first = rows[0][1]
    print(
        f"TimeBank DATE expressions: {first['documents']} documents, "
        f"{first['gold_dates']} gold dates, {first['value_count']} found full-day values, "
        f"{first['weekday_count']} found weekday names (storyline)"
    )
    header = ("finder", "span P", "span R", "span F1", "value acc", "weekday acc", "art/s")
    widths = (38, 7, 7, 8, 10, 12, 8)
    print(
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    )
    for name, result in rows:
        cells = (
            name,
            f"{result['span_precision']:.3f}",
            f"{result['span_recall']:.3f}",
            f"{result['span_f1']:.3f}",
            f"{result['value_accuracy']:.3f} ({result['value_count']})",
            f"{result['weekday_accuracy']:.3f} ({result['weekday_count']})",
            f"{result['articles_per_s']:.1f}",
        )
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
    print(
        f"\nGold weekday names whose value is the most recent or the coming such weekday from "
        f"the publication date: {reachable}/{weekdays} ({reachable / max(1, weekdays):.3f}), "
        "the ceiling of any rule anchored on the publication date"
    )
    if speed:
        print(
            f"\nReuters-21578 speed (find_dates, all types, one core): {speed['articles']} "
            f"articles of {speed['mean_chars']} characters on average, "
            f"{speed['expressions']} expressions, {speed['seconds']} s, "
            f"{speed['articles_per_s']} articles/s"
        )
    elif args.reuters:
        print(f"\nReuters speed skipped: shared data not present: {reuters}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
