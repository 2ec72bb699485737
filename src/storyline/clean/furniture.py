"""Site furniture: find the headline, read the header lines, cut what is not the article.

:func:`clean` takes an article's ``body`` (the text as read) and returns its clean ``text``
with one :class:`~storyline.model.Removal` per span it cut, so that ``text`` is exactly
``body`` minus the removed spans. What counts as furniture is data: the rules in
``clean/rules/furniture.toml`` (id, reason, pattern, scope), matched by
:mod:`storyline.clean.furniture_rules`. The cleaner itself knows the headline (the first
line when it looks like one, or the title the input gave), its repeats, where in the text
each scope of rules applies, and white space.

Precision comes first: a line of reporting must survive. Rules match whole lines (or a
line's start, or an ad marker stuck to a paragraph's end), never words inside a sentence;
lines that continue a hard-wrapped sentence are never taken; a line that ends with a full
stop is never a headline; a "Read next" list is only cut as a block when everything after
its heading is short headline-like lines or furniture.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from dataclasses import dataclass, field
from itertools import accumulate

from storyline.clean.furniture_rules import (
    SUFFIX_WINDOW,
    FurnitureRules,
    Rule,
    RuleError,
    RuleHit,
    default_rules,
    headline_like,
    is_sentence,
    load_rules,
)
from storyline.model import Article, Removal
from storyline.pipeline import Stage, Stats

__all__ = [
    "Clean",
    "CleanResult",
    "FurnitureRules",
    "RuleError",
    "clean",
    "default_rules",
    "load_rules",
]

# A headline is a short line. The 6,366 UCI headlines have 9 words at the median and at
# most 19; the seeds' headline lines 7 to 20. 25 leaves room for wordy ones; first
# paragraphs are longer, and a line ending in a full stop is never taken anyway.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250

# A text is hard-wrapped (wire copy, e-mail) when at least 2 of its first 15 lines run on
# into a next line that starts in lower case: Reuters 1987 copy has a median of 5 such
# pairs (85% of its texts reach 2); the seeds, whose paragraphs are lines, have none.
HARD_WRAP_WINDOW = 15
HARD_WRAP_MIN_PAIRS = 2

# Characters that end a sentence, a heading or a label: a line ending in one of them is not
# continued by the next line.
_TERMINAL = frozenset(".!?…:;\"”’'»)]*")
_CLOSING = "\"”’'»)]"
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)
# A full stop ending a word of two letters or more, then a capital: a sentence ends inside.
_TWO_SENTENCES = re.compile(r"[^\W\d_]{2}[.!?][\"”’']?\s+[A-Z]")
_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){2,}")
_WORD = re.compile(r"\S+")
# A date line that is only a month and a day ("MAR 2", "Sept. 11"): as a title it may be a
# real headline, so it is a time stamp only when a headline opens the text (see ``clean``).
_MONTH_DAY = re.compile(r"[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?", re.I)


# -- the headline -------------------------------------------------------------------------


def _norm(text: str) -> str:
    """A line as headlines are compared: case, quote style, spacing and end dot ignored."""
    text = " ".join(text.translate(_QUOTES).casefold().split())
    return text.strip("\"' ").rstrip(".")


def _title_keys(title: str) -> dict[str, int]:
    """The normalised forms a title's line may take, with their word counts: the title,
    and each side of a "Headline | Site" split that is long enough to be a headline."""
    keys = {}
    whole = _norm(title)
    if whole:
        keys[whole] = len(whole.split())
    for separator in (" | ", " - ", " :: ", " / "):
        if separator in whole:
            for part in whole.split(separator):
                part = part.strip()
                if len(part.split()) >= HEADLINE_MIN_WORDS:
                    keys.setdefault(part, len(part.split()))
    return keys


def _copies(stripped: str) -> tuple[int, int]:
    """``(k, w)`` when the line is one text of ``w`` words written ``k`` times (k = 2, 3),
    as scraped pages do with their headline; ``(1, len(words))`` otherwise."""
    words = stripped.split()
    for k in (3, 2):
        if len(words) % k == 0 and len(words) >= k * HEADLINE_MIN_WORDS:
            w = len(words) // k
            first = words[:w]
            if all(words[c * w : (c + 1) * w] == first for c in range(1, k)):
                return k, w
    return 1, len(words)


class _TitleMatcher:
    """Recognises lines that are the headline (once, or written 2-3 times on one line)."""

    # A line differs from its title's normalised form by a few characters at most (quotes,
    # spacing, an end dot); lines further off in length are not compared at all.
    LENGTH_SLACK = 8

    def __init__(self, title: str):
        self.keys = _title_keys(title)
        lengths = [len(key) for key in self.keys] or [0]
        self.lengths = tuple(set(lengths))
        slack = self.LENGTH_SLACK
        self.single = (min(lengths) - slack, max(lengths) + slack)
        # No line shorter than lo or longer than hi (the title written three times) is one.
        self.lo, self.hi = self.single[0], 3 * max(lengths) + 2 + slack
        self.initials = frozenset(key[0] for key in self.keys)
        # What a title line can start with, in either case: the loop tests this first.
        self.starts = frozenset(
            {c for key in self.keys for c in (key[0], key[0].upper())} | set("\"'‘’“”«")
        )

    def copies(self, stripped: str) -> tuple[int, int]:
        """``(k, w)``: the line is the title written ``k`` times, ``w`` words each; (0, 0)
        when it is not the title."""
        # Cheap filters first: a title line starts with the title's first letter (or a
        # quote) and is about as long as the title, or two or three times as long.
        initial = stripped[0].casefold()
        if initial not in self.initials and initial not in "\"'‘’“”«":
            return 0, 0
        if is_sentence(stripped):
            # The title of some inputs is their first sentence: that stays in the text.
            return 0, 0
        size = len(stripped)
        slack = self.LENGTH_SLACK
        if self.single[0] <= size <= self.single[1] and _norm(stripped) in self.keys:
            return 1, len(stripped.split())
        if not any(abs(size - k * n - k + 1) <= slack for n in self.lengths for k in (2, 3)):
            return 0, 0
        k, w = _copies(stripped)
        if k > 1 and _norm(" ".join(stripped.split()[:w])) in self.keys:
            return k, w
        return 0, 0


def _looks_like_headline(
    stripped: str, words: int, following: str | None, blank_between: bool, wrapped: bool
) -> bool:
    """Whether the first line of a text without a known title is its headline."""
    if not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS or len(stripped) > HEADLINE_MAX_CHARS:
        return False
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«"):
        return False
    end = stripped.rstrip(_CLOSING)
    if not end or end[-1] in ",;:-–—" or is_sentence(stripped):
        return False
    if following is None or following[0].islower() or _TWO_SENTENCES.search(stripped):
        return False
    # In hard-wrapped text every line is short; only a line set apart is a headline.
    return blank_between or not wrapped


def _hard_wrapped(stripped: list[str]) -> bool:
    """Whether the text's lines are wrapped at a width rather than at paragraph ends."""
    pairs = 0
    for j in range(min(len(stripped) - 1, HARD_WRAP_WINDOW)):
        line, following = stripped[j], stripped[j + 1]
        if line and following and line[-1] not in _TERMINAL and following[0].islower():
            pairs += 1
            if pairs >= HARD_WRAP_MIN_PAIRS:
                return True
    return False


# -- cleaning -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What :func:`clean` found: the clean text, every removal (sorted, not overlapping,
    offsets into the body), the title, and the hints read from header and notice lines
    (``date``, ``url``, ``site_name``, ``origin``, ``republisher``, ``sponsor``, ...)."""

    text: str
    removals: list[Removal]
    title: str | None
    hints: dict[str, str] = field(default_factory=dict)


Span = tuple[int, int, str, str]


def _opens_with_headline(body: str) -> bool:
    """Whether the first line of ``body`` that holds anything looks like a headline."""
    first = next((line.strip() for line in body.split("\n", 20) if line.strip()), "")
    return bool(first) and headline_like(first)


# The leading rules whose lines say only when: a date, a time of day, or an update time.
_TIME_RULES = frozenset({"date_line", "time_line", "header_updated"})


def _time_stamp(rules: FurnitureRules, line: str) -> RuleHit | None:
    """The hit of ``line`` when it is nothing but a time stamp: a date line, a time of day,
    an update time, or a publication header whose value is a date line ("Posted: Nov 27, 2005
    8:20 AM ET"); else None. ("Date: Tinder's new feature" is a header by its label alone.)"""
    stamp = rules.find("leading", line)
    if stamp is None:
        return None
    if stamp.rule.id in _TIME_RULES:
        return stamp
    if stamp.rule.id == "header_published":
        inner = rules.find("leading", stamp.hints.get("date", ""))
        if inner is not None and inner.rule.id == "date_line":
            return stamp
    return None


def clean(body: str, title: str | None = None, rules: FurnitureRules | None = None) -> CleanResult:
    """Cut site furniture out of ``body`` and find its title.

    ``title`` is the title the input gave, if any; lines repeating it are cut (the first
    one as ``headline``). Without one, a ``Title:`` header line or the first line, when it
    looks like a headline, becomes the title. A given title that is only a time stamp
    ("DECEMBER 16, 2026", "3/27/2026 @ 10:05AM", "8:24am:", "Updated: November 11, 2011
    20:09 IST": a scraper took the page's time stamp for the headline) counts as none: its
    date goes to the hints as a header's would, under ``date`` (an update time under
    ``updated``), and it is kept under ``title_stamp``. A title of only a month and a day ("MAR
    2", but also the headline "Sept. 11") counts as none only when the text opens with a
    headline line to take its place. The result's ``text`` is ``body`` minus the removed
    spans, character for character.
    """
    rules = rules or default_rules()
    hints: dict[str, str] = {}
    if title:
        line = " ".join(title.split())
        stamp = _time_stamp(rules, line)
        if stamp is not None and (not _MONTH_DAY.fullmatch(line) or _opens_with_headline(body)):
            hints.update(stamp.hints)
            hints["title_stamp"] = title
            title = None
    lines = body.split("\n")
    count = len(lines)
    # offsets[j] is where line j starts: the lengths of the lines before it plus newlines.
    offsets = [total + j for j, total in enumerate(accumulate(map(len, lines), initial=0))]
    stripped = [line.strip() for line in lines]
    cut: dict[int, list[Span]] = {}
    partial: dict[int, Span] = {}
    builtin = rules.builtin

    def line_end(j: int) -> int:
        return offsets[j] + len(lines[j]) + (1 if j < count - 1 else 0)

    def take(j: int, rule_id: str, reason: str, found: dict[str, str] | None = None) -> None:
        cut[j] = [(offsets[j], line_end(j), rule_id, reason)]
        for key, value in (found or {}).items():
            hints.setdefault(key, value)

    def take_copies(j: int, k: int, w: int, first_rule: str) -> None:
        """Cut a headline line written ``k`` times: the first copy as ``first_rule``, the
        rest as repeats."""
        if k == 1:
            take(j, first_rule, builtin[first_rule])
            return
        starts = [m.start() for m in _WORD.finditer(lines[j])]
        second = offsets[j] + starts[w]
        cut[j] = [
            (offsets[j], second, first_rule, builtin[first_rule]),
            (second, line_end(j), "headline_repeat", builtin["headline_repeat"]),
        ]

    def alone(j: int) -> bool:
        """Whether line ``j`` stands between blank (or cut) lines or the text's edges."""
        return (j == 0 or not stripped[j - 1] or j - 1 in cut) and (
            j == count - 1 or not stripped[j + 1]
        )

    def run_on(j: int) -> bool:
        """Whether line ``j`` runs on into the next one (which starts in lower case): then
        it is the start of a sentence, not a headline, whatever its words."""
        return j + 1 < count and stripped[j + 1][:1].islower()

    titles = _TitleMatcher(title) if title else None
    wrapped = _hard_wrapped(stripped)

    # The leading block: header lines, the headline and its repeats, top-of-page furniture.
    first = 0
    headline_taken = False
    while first < count:
        text = stripped[first]
        if not text:
            first += 1
            continue
        if titles is not None:
            k, w = titles.copies(text)
            if k and not run_on(first):
                take_copies(first, k, w, "headline_repeat" if headline_taken else "headline")
                headline_taken = True
                first += 1
                continue
        hit = rules.find("leading", text)
        if hit is not None:
            take(first, hit.rule.id, hit.rule.reason, hit.hints)
            first += 1
            if titles is None and hints.get("title"):
                title = " ".join(hints["title"].split())
                titles = _TitleMatcher(title)
            continue
        hit = rules.find("line", text)
        if hit is not None and hit.rule.alone and not alone(first):
            hit = None
        hit = hit or rules.find("prefix", text)
        if hit is not None:
            take(first, hit.rule.id, hit.rule.reason, hit.hints)
            first += 1
            continue
        if titles is not None or headline_taken:
            break
        following, blank_between = None, False
        for j in range(first + 1, count):
            if stripped[j]:
                following = stripped[j]
                break
            blank_between = True
        # An ad marker stuck to the line's end is not part of it ("... said.Anzeige").
        marker = rules.find_suffix(lines[first])
        candidate = lines[first][: marker.start].strip() if marker else text
        k, w = _copies(candidate)
        if not _looks_like_headline(candidate, w, following, blank_between, wrapped):
            break
        title = " ".join(candidate.split()[:w])
        titles = _TitleMatcher(title)
        take_copies(first, k, w, "headline")
        headline_taken = True
        first += 1

    # The body: repeats of the headline, furniture lines, ad markers stuck to paragraphs.
    # (The ad-marker search runs on every line: called directly, not through find_suffix.)
    suffix_search = rules.suffix_search
    openers: list[tuple[int, Rule]] = []
    previous: str | None = None
    for j in range(first, count):
        text = stripped[j]
        if not text:
            previous = None
            continue
        if titles is not None and text[0] in titles.starts and titles.lo <= len(text) <= titles.hi:
            k, w = titles.copies(text)
            if k and not run_on(j):
                take_copies(j, k, w, "headline_repeat")
                previous = None
                continue
        # A line after one that does not end a sentence continues it when it starts in lower
        # case or with a digit, and always in hard-wrapped text.
        continues = (
            previous is not None
            and previous[-1] not in _TERMINAL
            and (wrapped or text[0].islower() or text[0].isdigit())
        )
        if not continues:
            line_rules, prefix_rules, block_rules = rules.body_rules(text[0])
            hit = line_rules.find(text) if line_rules else None
            if hit is not None and hit.rule.alone and not alone(j):
                hit = None
            if hit is None and prefix_rules:
                hit = prefix_rules.find(text)
            if hit is not None:
                take(j, hit.rule.id, hit.rule.reason, hit.hints)
                previous = None
                continue
            hit = block_rules.find(text) if block_rules else None
            if hit is not None:
                take(j, hit.rule.id, hit.rule.reason, hit.hints)
                openers.append((j, hit.rule))
                previous = None
                continue
        # In hard-wrapped text a line running on into the next is no paragraph end, where
        # ad markers stick: not searched (most lines of wire copy, a fifth of its time).
        hit = None
        if suffix_search is not None and not (wrapped and j + 1 < count and stripped[j + 1]):
            line = lines[j]
            found = suffix_search(line, max(0, len(line) - SUFFIX_WINDOW))
            hit = rules.suffix_hit(found, line) if found is not None else None
        if hit is not None:
            start = offsets[j] + hit.start
            partial[j] = (start, offsets[j] + len(lines[j]), hit.rule.id, hit.rule.reason)
            for key, value in hit.hints.items():
                hints.setdefault(key, value)
        previous = text

    # A "Read next" heading takes the list under it when nothing after it is reporting.
    for opener, rule in openers:
        after = range(opener + 1, count)
        if all(
            not stripped[j]
            or j in cut
            or rules.find("trailing", stripped[j])
            or headline_like(stripped[j])
            for j in after
        ):
            for j in after:
                if stripped[j] and j not in cut:
                    hit = rules.find("trailing", stripped[j])
                    if hit is not None:
                        take(j, hit.rule.id, hit.rule.reason, hit.hints)
                    else:
                        take(j, rule.id, rule.block_reason or rule.reason)
            break

    # The trailing block: sign-offs after the last line of text.
    for j in range(count - 1, first - 1, -1):
        if not stripped[j] or j in cut:
            continue
        hit = rules.find("trailing", stripped[j])
        if hit is None:
            break
        take(j, hit.rule.id, hit.rule.reason, hit.hints)

    spans: list[Span] = []
    for j in sorted(cut.keys() | partial.keys()):
        spans.extend(cut[j] if j in cut else [partial[j]])
    spans = _with_whitespace(body, spans, builtin["whitespace"])
    removals = [
        Removal(start, end, rule_id, reason, body[start:end])
        for start, end, rule_id, reason in spans
    ]
    return CleanResult(_cut(body, spans), removals, title, hints)


def _cut(body: str, spans: list[Span]) -> str:
    """``body`` without the (sorted, disjoint) spans."""
    pieces = []
    position = 0
    for start, end, _, _ in spans:
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _with_whitespace(body: str, spans: list[Span], reason: str) -> list[Span]:
    """Add ``whitespace`` removals to the furniture spans: white space before and after the
    text, and every run of blank lines beyond one, so paragraphs stay one blank line apart.
    Found on the text left after the furniture, then mapped back to body offsets."""
    kept: list[tuple[int, int]] = []  # body spans that survive, in order
    position = 0
    for start, end, _, _ in spans:
        if start > position:
            kept.append((position, start))
        position = max(position, end)
    if position < len(body):
        kept.append((position, len(body)))
    text = "".join(body[a:b] for a, b in kept)
    lead = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    gaps: list[tuple[int, int]] = []
    if lead:
        gaps.append((0, lead))
    gaps.extend((m.start() + 1, m.end() - 1) for m in _BLANK_RUN.finditer(text, lead, tail))
    if tail < len(text) and tail >= lead:
        gaps.append((tail, len(text)))
    if not gaps:
        return spans
    # Map text offsets to body offsets through the kept spans.
    text_starts = []
    total = 0
    for a, b in kept:
        text_starts.append(total)
        total += b - a
    extra: list[Span] = []
    for gap_start, gap_end in gaps:
        index = bisect.bisect_right(text_starts, gap_start) - 1
        cursor = gap_start
        while cursor < gap_end:
            a, b = kept[index]
            piece_start = a + cursor - text_starts[index]
            piece_end = min(b, a + gap_end - text_starts[index])
            if extra and extra[-1][1] == piece_start:
                extra[-1] = (extra[-1][0], piece_end, "whitespace", reason)
            else:
                extra.append((piece_start, piece_end, "whitespace", reason))
            cursor += piece_end - piece_start
            index += 1
    return sorted(spans + extra)


# -- the stage ----------------------------------------------------------------------------


class Clean(Stage):
    """Cuts site furniture out of each article and finds its title.

    Sets ``text`` (``body`` minus the removed spans), ``removals`` (one per span, with its
    rule and reason), ``title`` (the input's, a ``Title:`` header, or the headline line) and
    adds the hints read from header and notice lines to ``meta["hints"]`` without
    overwriting a reader's. Counts ``cleaned`` and ``removed_<rule>`` per removal.
    """

    name = "clean"
    requires = frozenset({"body"})
    assigns = frozenset({"text", "removals", "title", "meta"})

    def __init__(self, rules: FurnitureRules | None = None):
        self.rules = rules

    def prepare(self) -> None:
        """Compile the shipped rules (0.3 s) unless the stage was given its own."""
        if self.rules is None:
            # A rule file that does not load is reported per article, as process() meets it.
            with contextlib.suppress(Exception):
                default_rules()

    def process(self, article: Article, stats: Stats) -> Article | None:
        body = article.body or ""
        try:
            result = clean(body, article.title, self.rules)
        except Exception as error:  # a rule bug on one odd text must not end the run
            article.text, article.removals = body, []
            article.meta.setdefault("hints", {})["clean_error"] = f"{type(error).__name__}: {error}"
            stats.count("clean_failed")
            return article
        article.text = result.text
        article.removals = result.removals
        article.title = result.title
        if result.hints:
            hints = article.meta.setdefault("hints", {})
            for key, value in result.hints.items():
                hints.setdefault(key, value)
        stats.count("cleaned")
        for removal in result.removals:
            stats.count(f"removed_{removal.rule}")
        return article
