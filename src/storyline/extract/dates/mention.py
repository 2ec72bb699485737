"""A matched expression before resolution (:class:`_Mention`), and the helpers that read
words of a match: numbers in words, years, month and weekday names, capitalisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.extract.dates.vocabulary import _vocabulary

#: Two-digit years ("'98") belong to the century that puts them at most this many years after
#: the publication year (or after 2000 without one).
TWO_DIGIT_YEAR_LEAD = 10


@dataclass(slots=True)
class _Mention:
    """A matched expression before resolution: its span, its kind and what was read."""

    start: int
    end: int
    kind: str
    info: dict[str, Any] = field(default_factory=dict)
    rank: int = 0


_Handler = Callable[[re.Match[str], str], list[_Mention]]


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"


_DIGITS = "one|two|three|four|five|six|seven|eight|nine"


def _word_number(text: str) -> int | None:
    """The value of "ninety-six", "nineteen", "oh-five"."""
    vocab = _vocabulary()
    total = 0
    for part in re.split(r"[\s-]+", text.lower()):
        if part in ("and", ""):
            continue
        if part == "oh":
            continue
        value = vocab.numbers.get(part)
        if value is None:
            return None
        if value == 100:
            total = (total or 1) * 100
        else:
            total += int(value)
    return total


def _parse_year(text: str, published: date | None) -> int | None:
    """A year written as digits, as "'98", or in words ("nineteen ninety-six")."""
    text = text.strip()
    if text[:1] in ("'", "’"):
        two = int(text[1:3])
        lead = (published.year if published else 2000) + TWO_DIGIT_YEAR_LEAD
        century = lead // 100 * 100
        year = century + two
        return year if year <= lead else year - 100
    if text[:1].isdigit():
        return int(text[:4])
    words = text.lower().split(None, 1)
    if words[0] == "two":
        rest = re.sub(r"^thousand\s*", "", words[1] if len(words) > 1 else "")
        return 2000 + (_word_number(rest) or 0) if rest else 2000
    head = 1900 if words[0] == "nineteen" else 2000
    rest = words[1] if len(words) > 1 else ""
    if rest == "hundred":
        return head
    value = _word_number(rest)
    return None if value is None else head + value


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word at ``start`` follows another capitalised word in the same
    sentence (so is part of a name or a title rather than a sentence opener)."""
    before = text[max(0, start - 40) : start].rstrip()
    if not before or before[-1] in ".!?:;\"'“”‘’(\n" or before.endswith(("``", "--", "_")):
        return False
    word = re.search(r"([A-Za-z]+)$", before)
    return bool(word and word.group(1)[0].isupper())


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z$£€#]+\.?)[\s,(]*$", text[max(0, start - 24) : start])
    return match.group(1).lower().rstrip(".") if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s*([A-Za-z%]+)", text[end : end + 24])
    return match.group(1) if match else ""


def _month_number(word: str) -> int | None:
    vocab = _vocabulary()
    key = word.lower().rstrip(".")
    return vocab.months.get(key) or vocab.month_abbreviations.get(key)


def _weekday_number(word: str | None) -> int | None:
    if not word:
        return None
    vocab = _vocabulary()
    key = word.lower()
    return vocab.weekdays.get(key, vocab.weekday_abbreviations.get(key))


def _month_ok(match: re.Match[str], text: str, standalone: bool) -> bool:
    """A month name counts when it is capitalised; "May"/"March" alone need context."""
    word = match.group("month")
    if not _capitalised(word):
        return False
    if standalone and word.lower() in _vocabulary().ambiguous_months:
        det = match.groupdict().get("det")
        return bool(det) or _previous_word(text, match.start("month")) in (
            _vocabulary().month_context_before
        )
    return True
