"""``storyline eval timex``: how well :func:`storyline.extract.dates.find_dates` finds and
resolves DATE expressions against TimeML gold.

The gold file is JSONL, one document a line: ``{"id", "dct", "text", "timexes": [{"start",
"end", "type", "value", "text"}]}`` with offsets into ``text`` and ``dct`` the publication
date. Only gold DATE expressions are scored, against the finder's DATE expressions:

- span precision / recall / F1, relaxed (TempEval's lenient match): a gold span is found
  when a predicted span overlaps it; a predicted span is right when it overlaps a gold span;
- ``value_accuracy``: among found gold dates with a full-day value (YYYY-MM-DD), the share
  whose best-overlapping prediction names that day (its value starts with it: "Wednesday
  night" valued 2000-01-05TNI is right for a gold 2000-01-05, the question being whether
  the day is right);
- ``weekday_accuracy``: the same among found gold dates whose text is a weekday name.

``articles_per_s`` times the finder alone, not the scoring.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from storyline.extract.dates import find_dates

__all__ = ["GoldDocument", "GoldTimex", "evaluate_timex", "load_timex_gold", "score_timex"]

_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAY_TEXT = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?[.,]?", re.I
)


class _Predicted(Protocol):
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold time expression: offsets into its document's text, type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold document: its text, publication date (``dct``) and time expressions."""

    id: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...]


def load_timex_gold(path: str | Path) -> tuple[list[GoldDocument], list[str]]:
    """The documents of a gold JSONL file, and one reason per line that could not be read."""
    documents: list[GoldDocument] = []
    problems: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                timexes = tuple(
                    GoldTimex(
                        int(t["start"]),
                        int(t["end"]),
                        str(t["type"]),
                        str(t["value"]),
                        str(t.get("text", "")),
                    )
                    for t in data.get("timexes", [])
                )
                documents.append(
                    GoldDocument(
                        str(data.get("id", number)), data.get("dct"), str(data["text"]), timexes
                    )
                )
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"line {number}: {type(error).__name__}: {error}")
    return documents, problems


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def _day_of(value: str) -> str:
    """The day a value names ("2000-01-05TNI" -> "2000-01-05"), else the value itself."""
    return value[:10] if _FULL_DAY.match(value) else value


def score_timex(
    documents: Sequence[GoldDocument], predictions: Sequence[Sequence[_Predicted]]
) -> dict[str, Any]:
    """Score predicted spans and values (one list per document, DATE only) against the gold
    DATE expressions of ``documents``; see the module docstring for the definitions."""
    gold_total = predicted_total = gold_found = predicted_right = 0
    day_total = day_right = weekday_total = weekday_right = 0
    for document, predicted in zip(documents, predictions, strict=True):
        gold = [t for t in document.timexes if t.type == "DATE"]
        gold_total += len(gold)
        predicted_total += len(predicted)
        for p in predicted:
            if any(_overlap(p.start, p.end, g.start, g.end) > 0 for g in gold):
                predicted_right += 1
        for g in gold:
            overlapping = [
                (_overlap(p.start, p.end, g.start, g.end), -i, p)
                for i, p in enumerate(predicted)
                if _overlap(p.start, p.end, g.start, g.end) > 0
            ]
            if not overlapping:
                continue
            gold_found += 1
            best = max(overlapping, key=lambda item: item[:2])[2]
            correct = _day_of(best.value) == g.value
            if _FULL_DAY.fullmatch(g.value):
                day_total += 1
                day_right += correct
            if _WEEKDAY_TEXT.fullmatch(g.text.strip()):
                weekday_total += 1
                weekday_right += correct
    precision = predicted_right / predicted_total if predicted_total else 0.0
    recall = gold_found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(documents),
        "gold_dates": gold_total,
        "predicted_dates": predicted_total,
        "span_precision": round(precision, 4),
        "span_recall": round(recall, 4),
        "span_f1": round(f1, 4),
        "value_accuracy": round(day_right / day_total, 4) if day_total else 0.0,
        "value_count": day_total,
        "weekday_accuracy": round(weekday_right / weekday_total, 4) if weekday_total else 0.0,
        "weekday_count": weekday_total,
    }


Finder = Callable[[str, str | None], Iterable[Any]]


def _storyline_dates(text: str, published: str | None) -> list[Any]:
    return [e for e in find_dates(text, published) if e.type == "DATE"]


def evaluate_timex(gold_path: str | Path, finder: Finder | None = None) -> dict[str, Any]:
    """Run ``finder`` (default: storyline's DATE expressions) over every gold document and
    score it: ``span_precision``, ``span_recall``, ``span_f1``, ``value_accuracy``,
    ``weekday_accuracy``, their counts, ``articles_per_s`` and ``skipped`` (unreadable lines).

    A finder takes ``(text, published)`` and returns objects with ``start``, ``end`` and
    ``value``; every one it returns is scored as a DATE prediction.
    """
    documents, problems = load_timex_gold(gold_path)
    find = finder or _storyline_dates
    predictions: list[list[Any]] = []
    elapsed = 0.0
    for document in documents:
        began = time.perf_counter()
        predicted = list(find(document.text, document.dct))
        elapsed += time.perf_counter() - began
        predictions.append(predicted)
    result = score_timex(documents, predictions)
    result["articles_per_s"] = round(len(documents) / elapsed, 1) if elapsed > 0 else 0.0
    result["skipped"] = problems
    return result
