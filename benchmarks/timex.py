"""Temporal expressions: storyline against dateparser on TimeBank, and speed on Reuters.

    .venv/bin/python benchmarks/timex.py [--shared ../shared] [--reuters 3000] [--no-dateparser]
        [--json] [--weekday-misses]

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
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
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


def _weekday_name(text: str) -> str | None:
    name = text.strip().rstrip(".,").removesuffix("'s").removesuffix("’s").lower()
    return name if name in WEEKDAYS else None


def weekday_ceiling(gold: Path) -> tuple[int, int, int]:
    """How many gold weekday names (DATE) have as value the most recent or the coming such
    weekday from the publication date: the most any rule anchored on that date can get right
    (the others follow the story's own time, or are annotation slips); of all of them, and
    of those whose value is a day of another weekday than the name (plain slips)."""
    documents, _ = load_timex_gold(gold)
    reachable = total = off_weekday = 0
    for document in documents:
        for timex in document.timexes:
            name = _weekday_name(timex.text)
            if timex.type != "DATE" or name is None or not document.dct:
                continue
            total += 1
            past = resolve_weekday(name, document.dct).isoformat()
            coming = resolve_weekday(name, document.dct, "future").isoformat()
            reachable += timex.value[:10] in (past, coming)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
                off_weekday += WEEKDAYS[date.fromisoformat(timex.value).weekday()] != name
    return reachable, total, off_weekday


def weekday_misses(gold: Path) -> list[str]:
    """One line per gold weekday name (DATE, full-day value) that storyline finds but dates
    on another day: document, publication day, gold and storyline values, and the sentence
    with the name in brackets, for checking each miss by eye (printed, never stored)."""
    documents, _ = load_timex_gold(gold)
    lines: list[str] = []
    for document in documents:
        found = [e for e in find_dates(document.text, document.dct) if e.type == "DATE"]
        for timex in document.timexes:
            if timex.type != "DATE" or _weekday_name(timex.text) is None:
                continue
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
                continue
            over = [e for e in found if min(e.end, timex.end) > max(e.start, timex.start)]
            if not over or over[0].value[:10] == timex.value:
                continue
            text = document.text
            begin = max(text.rfind(". ", 0, timex.start) + 2, timex.start - 160)
            stop = text.find(". ", timex.end)
            stop = min(stop + 1 if stop >= 0 else len(text), timex.end + 120)
            sentence = (
                text[begin : timex.start] + "[" + timex.text + "]" + text[timex.end : stop]
            ).replace("\n", " ")
            day = parse_published(document.dct)
            lines.append(
                f"{document.id} published {day:%a %Y-%m-%d}: gold "
                f"{date.fromisoformat(timex.value):%a %Y-%m-%d}, storyline {over[0].value}\n"
                f"    {sentence}"
            )
    return lines


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
    parser.add_argument(
        "--weekday-misses",
        action="store_true",
        help="also list every weekday name storyline dates on another day than the gold",
    )
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

    reachable, weekdays, off_weekday = weekday_ceiling(gold)
    if args.json:
        ceiling = {"reachable": reachable, "weekdays": weekdays, "off_weekday": off_weekday}
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
        "the ceiling of any rule anchored on the publication date; "
        f"{off_weekday} gold values fall on another weekday than the name"
    )
    if args.weekday_misses:
        misses = weekday_misses(gold)
        print(f"\nWeekday names storyline dates on another day than the gold ({len(misses)}):")
        print("\n".join(misses))
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
