"""``storyline eval quotes``: how well :func:`storyline.extract.quotes.find_quotes` finds
attributions, scored against gold in PolNeAR's format.

The gold file is JSONL, one article a line: ``{"id", "attributions": [{"source": [s, e],
"cue": [s, e], "content": [s, e]}, ...]}``, offsets into that article's input ``text`` (end
exclusive); ``source`` or ``cue`` may be missing. The articles file is any input storyline
reads (JSONL with ``id`` and ``text``); articles without a gold line are not scored.

Definitions:

- **match**: a predicted content span matches a gold content span when they overlap by at
  least half of the shorter of the two. Pairs are made one to one, greedily, largest overlap
  ratio first (ties: the larger share of the longer span, so an exact match wins; then
  earlier gold, then earlier prediction); ``precision`` is matched
  predictions over predictions, ``recall`` matched gold over gold, ``f1`` their harmonic mean.
- **speech_recall**: recall over the gold attributions whose cue contains a verb or phrase of
  saying — one of the fixed list ``[subsets] speech`` of ``extract/data/speech_verbs.toml``
  (said, told, according to, added, wrote, …) as whole words, case ignored. That list is
  kept apart from the finder's cue groups, so the subset does not move with the finder.
- **direct_recall**: recall over the gold attributions whose content holds a double quotation
  mark (``"``, ``“``, ``”``, ``„``, ``«``, ``»``); apostrophe-like single marks do not count.
- **source_accuracy**: among matched pairs, the share whose speaker is right: the predicted
  speaker's mention span (``speaker.start``–``speaker.end``) overlaps the gold source span by
  at least one character, or — when the gold attribution has no source — no speaker was
  predicted. A speaker resolved to a name elsewhere (a pronoun, an inherited subject) is
  judged by the mention it was found at, which is what the gold source marks.
- **articles_per_s**: articles over the seconds spent inside the finder, reading and scoring
  left out.

Gold offsets point into the input text. When the articles given have been cleaned (their
``text`` is set and differs from ``body`` by ``removals``), the finder runs on the clean text
and every predicted span is mapped back to the input with :meth:`Article.to_body_offset`
before scoring.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from storyline.extract.quotes import find_quotes, reported_speech_subset
from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read import read_inputs

__all__ = [
    "GoldAttribution",
    "Predicted",
    "evaluate_quotes",
    "format_quote_scores",
    "load_attribution_gold",
    "match_attributions",
    "predicted_from_quotes",
    "score_quotes",
]

#: A prediction and a gold span match when their overlap is at least this share of the
#: shorter span (the rule the benchmark fixes for every system).
MATCH_OVERLAP = 0.5

_DOUBLE_QUOTES = re.compile(r'["“”„«»]')


class _SpeakerLike(Protocol):
    start: int
    end: int


class _QuoteLike(Protocol):
    start: int
    end: int
    speaker: _SpeakerLike | None


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: character spans into the input text (``None`` when absent),
    and whether it belongs to the reported-speech and direct-quote subsets."""

    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    speech: bool
    direct: bool


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attribution as scored: content span and speaker mention span."""

    content: tuple[int, int]
    speaker: tuple[int, int] | None


@cache
def _speech_pattern() -> re.Pattern[str]:
    forms = sorted(reported_speech_subset(), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"(?<![\w’'])(?:{alternatives})(?![\w’'])", re.I)


def _span(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    start, end = int(value[0]), int(value[1])
    return (start, end) if end > start else None


def gold_from_record(record: dict[str, Any], text: str) -> list[GoldAttribution]:
    """The attributions of one gold line, classified against the article's input text."""
    gold: list[GoldAttribution] = []
    speech = _speech_pattern()
    for item in record.get("attributions") or []:
        content = _span(item.get("content"))
        if content is None:
            continue
        cue = _span(item.get("cue"))
        cue_text = text[cue[0] : cue[1]] if cue else ""
        gold.append(
            GoldAttribution(
                content=content,
                source=_span(item.get("source")),
                cue=cue,
                speech=bool(cue_text and speech.search(cue_text)),
                direct=bool(_DOUBLE_QUOTES.search(text[content[0] : content[1]])),
            )
        )
    return gold


def load_attribution_gold(path: str | Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Gold lines by article id, and one reason per line that could not be read."""
    records: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or "id" not in record:
                    raise ValueError("not an object with an id")
                records[str(record["id"])] = record
            except ValueError as error:
                problems.append(f"{path}:{number}: unreadable gold line: {error}")
    return records, problems


def _ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return 0.0
    return overlap / min(a[1] - a[0], b[1] - b[0])


def match_attributions(
    predicted: Sequence[Predicted], gold: Sequence[GoldAttribution]
) -> list[tuple[int, int]]:
    """One-to-one ``(predicted index, gold index)`` pairs whose content spans overlap by at
    least :data:`MATCH_OVERLAP` of the shorter, largest ratio first."""
    candidates: list[tuple[float, float, int, int]] = []
    for g, item in enumerate(gold):
        for p, guess in enumerate(predicted):
            ratio = _ratio(guess.content, item.content)
            if ratio >= MATCH_OVERLAP:
                a, b = guess.content, item.content
                cover = (min(a[1], b[1]) - max(a[0], b[0])) / max(a[1] - a[0], b[1] - b[0])
                candidates.append((-ratio, -cover, g, p))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, g, p in candidates:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        pairs.append((p, g))
    return pairs


def _speaker_right(guess: Predicted, item: GoldAttribution) -> bool:
    if item.source is None:
        return guess.speaker is None
    if guess.speaker is None:
        return False
    return min(guess.speaker[1], item.source[1]) > max(guess.speaker[0], item.source[0])


def score_quotes(
    articles: Iterable[tuple[Sequence[Predicted], Sequence[GoldAttribution]]],
) -> dict[str, Any]:
    """Precision, recall, F1, subset recalls and source accuracy over ``(predicted, gold)``
    pairs of lists, one pair per article (definitions in the module docstring)."""
    counts = dict.fromkeys(
        (
            "articles",
            "predicted",
            "gold",
            "matched",
            "speech_gold",
            "speech_matched",
            "direct_gold",
            "direct_matched",
            "source_right",
        ),
        0,
    )
    for predicted, gold in articles:
        pairs = match_attributions(predicted, gold)
        counts["articles"] += 1
        counts["predicted"] += len(predicted)
        counts["gold"] += len(gold)
        counts["matched"] += len(pairs)
        counts["speech_gold"] += sum(g.speech for g in gold)
        counts["direct_gold"] += sum(g.direct for g in gold)
        for p, g in pairs:
            counts["speech_matched"] += gold[g].speech
            counts["direct_matched"] += gold[g].direct
            counts["source_right"] += _speaker_right(predicted[p], gold[g])

    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    precision = share(counts["matched"], counts["predicted"])
    recall = share(counts["matched"], counts["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speech_recall": share(counts["speech_matched"], counts["speech_gold"]),
        "direct_recall": share(counts["direct_matched"], counts["direct_gold"]),
        "source_accuracy": share(counts["source_right"], counts["matched"]),
        **counts,
    }


def predicted_from_quotes(
    quotes: Iterable[_QuoteLike], article: Article | None = None
) -> list[Predicted]:
    """Quotes as scored spans; with a cleaned ``article`` (``text`` set), spans found in the
    clean text are mapped back to the input ``body``."""
    mapped = article is not None and article.text is not None and bool(article.removals)

    def back(start: int, end: int) -> tuple[int, int]:
        if not mapped:
            return start, end
        assert article is not None
        return article.to_body_offset(start), article.to_body_offset(end - 1) + 1

    out: list[Predicted] = []
    for quote in quotes:
        speaker = quote.speaker
        out.append(
            Predicted(
                back(quote.start, quote.end),
                back(speaker.start, speaker.end) if speaker is not None else None,
            )
        )
    return out


Finder = Callable[[str], Iterable[_QuoteLike]]


def evaluate_quotes(
    articles_path: str | Path,
    gold_path: str | Path,
    *,
    finder: Finder | None = None,
    prepare: Callable[[Article], Article] | None = None,
) -> dict[str, Any]:
    """Run ``finder`` (default :func:`find_quotes`) over every article that has gold and
    score it: ``precision``, ``recall``, ``f1``, ``speech_recall``, ``direct_recall``,
    ``source_accuracy``, ``articles_per_s``, the counts behind them, and ``skipped`` (one
    reason per article or gold line that could not be used).

    ``prepare`` may transform each article before extraction (e.g. the cleaning stage); when
    it leaves a clean ``text``, the finder reads that and spans are mapped back to the input.
    """
    find = finder or find_quotes
    records, problems = load_attribution_gold(gold_path)
    stats = Stats()
    scored: list[tuple[list[Predicted], list[GoldAttribution]]] = []
    elapsed = 0.0
    seen: set[str] = set()
    for article in read_inputs([str(articles_path)], stats):
        key = article.external_id
        if key is None or key not in records:
            continue
        seen.add(key)
        gold = gold_from_record(records[key], article.body)
        if prepare is not None:
            article = prepare(article)
        text = article.text if article.text is not None else article.body
        began = time.perf_counter()
        try:
            quotes = list(find(text))
        except Exception as error:  # a finder bug must not end the evaluation: count it
            problems.append(f"{article.source}: finder failed ({type(error).__name__}: {error})")
            quotes = []
        elapsed += time.perf_counter() - began
        scored.append((predicted_from_quotes(quotes, article), gold))
    result = score_quotes(scored)
    result["articles_per_s"] = round(len(scored) / elapsed, 1) if elapsed > 0 else 0.0
    missing = sorted(set(records) - seen)
    problems.extend(str(skip) for skip in stats.skipped)
    if missing:
        problems.append(
            f"{len(missing)} gold articles not found in {articles_path} (first: {missing[0]})"
        )
    result["skipped"] = problems
    return result


def format_quote_scores(result: dict[str, Any]) -> str:
    """The scores as the few lines ``storyline eval quotes`` prints."""
    lines = [
        f"articles          {result['articles']}",
        f"attributions      gold {result['gold']}, predicted {result['predicted']}, "
        f"matched {result['matched']}",
        f"precision         {result['precision']:.3f}",
        f"recall            {result['recall']:.3f}",
        f"F1                {result['f1']:.3f}",
        f"speech recall     {result['speech_recall']:.3f}  (of {result['speech_gold']})",
        f"direct recall     {result['direct_recall']:.3f}  (of {result['direct_gold']})",
        f"source accuracy   {result['source_accuracy']:.3f}  (of {result['matched']} matched)",
        f"articles/s        {result['articles_per_s']:.1f}",
    ]
    for problem in result.get("skipped", []):
        lines.append(f"skipped: {problem}")
    return "\n".join(lines)
