"""Tokens, quote marks and sentences: the text as the quote finder reads it.

:class:`Doc` splits a text into tokens, pairs its quote marks per paragraph (straight and
curly, a closing mark used as an opening one, nested single quotes inside double ones, an
opening mark left open continuing into a paragraph that opens with a quote mark) and splits
it into sentences on end punctuation and line breaks, abbreviations and initials excepted;
sentence ends inside a quotation do not split it, so "“A. B,” he said" is one sentence.

A hard-wrapped text (wire copy, e-mail, plain-text archives: lines cut at a fixed width in
mid-sentence) has line breaks that are no paragraph breaks; there only a blank line, or a
line that ends a sentence well short of the width, ends a paragraph, so a quotation wrapped
over two lines stays one quotation.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

__all__ = [
    "CLAUSE_PUNCT",
    "DOUBLE",
    "POSSESSIVE",
    "QUOTE_MARKS",
    "SENTENCE_ENDS",
    "Doc",
    "SentenceWords",
]

_LINE_BREAK = re.compile("\n")
_TOKEN = re.compile(r"''|``|\d[\d,.]*\d|\w(?:[\w'’.\-]*\w)?|[^\w\s]")
# Double quotation marks, with the typewriter pairs '' and `` that some archives use.
DOUBLE = frozenset({'"', "“", "”", "„", "«", "»", "''", "``"})
_DOUBLE_OPEN = frozenset({"“", "„", "«", "``"})
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = frozenset("‘‹‚")
_SINGLE_CLOSE = frozenset("’›")
QUOTE_MARKS = DOUBLE | _SINGLE_OPEN | _SINGLE_CLOSE | {"'"}
_SPACE_LIKE_BEFORE = frozenset("([{—–-/")
_PUNCT_AFTER = frozenset(",.;:!?)]}—–…")
SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»", "›", "''"})
CLAUSE_PUNCT = frozenset(",;:()[]—–")
POSSESSIVE = re.compile(r"['’]s?$")


#: Longest sentence read as the bare attribution of the quotation before it ("Former
#: Secretary of State Hillary Clinton said." is 7 tokens); longer ones are sentences of their
#: own. Set on polnear/train.
MAX_BARE_ATTRIBUTION_TOKENS = 8

#: A text is hard-wrapped when it has at least this many lines, its lines are at most
#: :data:`WRAP_MAX_WIDTH` characters, and at least :data:`WRAP_UNENDED_SHARE` of them end in
#: mid-sentence (no end punctuation). Paragraph-per-line news text ends nearly every line
#: with a sentence; Reuters-21578's wire copy (wrapped near 70) ends about two in three
#: lines mid-sentence.
WRAP_MIN_LINES = 4
WRAP_MAX_WIDTH = 100
WRAP_UNENDED_SHARE = 0.4
#: In a hard-wrapped text, a line that ends a sentence and is shorter than this share of the
#: wrap width (its longest lines) ends a paragraph; a full line is a wrap.
WRAP_SHORT_LINE = 0.75


_LINE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _soft_breaks(text: str) -> set[int]:
    """The offsets of the line breaks of a hard-wrapped text that only wrap a line (see
    the module docstring); empty for any other text."""
    lines = text.split("\n")
    filled = [line.rstrip() for line in lines if line.strip()]
    if len(filled) < WRAP_MIN_LINES:
        return set()
    width = max(len(line) for line in filled)
    if width > WRAP_MAX_WIDTH:
        return set()
    unended = sum(1 for line in filled[:-1] if not _LINE_END.search(line))
    if unended < WRAP_UNENDED_SHARE * (len(filled) - 1):
        return set()
    soft: set[int] = set()
    offset = 0
    for k, line in enumerate(lines[:-1]):
        offset += len(line)
        stripped = line.rstrip()
        following = lines[k + 1]
        if (
            stripped
            and following.strip()
            and not following[:1].isspace()
            and not (_LINE_END.search(stripped) and len(stripped) < WRAP_SHORT_LINE * width)
        ):
            soft.add(offset)
        offset += 1  # the line break itself
    return soft


class SentenceWords(Protocol):
    """The word lists sentence splitting needs (the cue lexicon provides them)."""

    @property
    def abbreviations(self) -> frozenset[str]: ...

    @property
    def cue_words(self) -> frozenset[str]: ...

    @property
    def elisions(self) -> frozenset[str]: ...


class Doc:
    """The text as tokens, with its quote spans and sentences."""

    def __init__(self, text: str, lexicon: SentenceWords):
        self.text = text
        self.lex = lexicon
        spans = [m.span() for m in _TOKEN.finditer(text)]
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        words = [text[a:b] for a, b in spans]
        self.starts, self.ends, self.words = starts, ends, words
        self.n = n = len(words)
        self.lower = [w.lower() for w in words]
        self.caps = [w[0].isupper() for w in words]
        # whitespace (or the text start) before each token, and a line break before it
        self.space = [True] + [s > e for s, e in zip(starts[1:], ends, strict=False)]
        # a line break is whitespace, never inside a token: it marks the token after it
        newline = [True] + [False] * (n - 1) if n else [True]
        soft = _soft_breaks(text)
        for match in _LINE_BREAK.finditer(text):
            if match.start() in soft:
                continue
            index = bisect.bisect_left(starts, match.start())
            if index < n:
                newline[index] = True
        self.newline = newline
        # words the text also writes in lower case: a capital at a sentence start is not a
        # name then ("Engineers say")
        self.common_words = {w for w, cap in zip(self.lower, self.caps, strict=True) if not cap}
        self.quotes: list[tuple[int, int]] = []  # (opening mark, closing mark or end) tokens
        self.closed: list[bool] = []
        self.inner: dict[int, int] = {}  # nested opening mark -> closing mark
        self.quote_of = [-1] * n  # token -> the top-level quote whose inside holds it
        self._pair_quotes()
        self.raw_bounds = self._split_sentences()
        self.bounds = self._merge_in_quotes(self.raw_bounds)
        self.sid = [0] * n  # token -> its sentence (quotations kept whole)
        for index, (a, b) in enumerate(self.bounds):
            self.sid[a:b] = [index] * (b - a)
        self.raw_sid = [0] * n  # token -> its sentence (split inside quotations too)
        for index, (a, b) in enumerate(self.raw_bounds):
            self.raw_sid[a:b] = [index] * (b - a)

    # quote marks

    def _mark(self, i: int) -> str:
        """Whether the quote mark at token ``i`` opens, closes, or could do either."""
        w = self.words[i]
        before = self.space[i] or self.words[i - 1] in _SPACE_LIKE_BEFORE
        after = (
            i + 1 == self.n
            or self.space[i + 1]
            or self.words[i + 1] in _PUNCT_AFTER
            or self.words[i + 1] in QUOTE_MARKS
        )
        if w in _DOUBLE_OPEN or w in _SINGLE_OPEN:
            return "close" if (after and not before) else "open"
        if w in _DOUBLE_CLOSE or w in _SINGLE_CLOSE:
            return "open" if (before and not after) else "close"
        if before and not after:
            return "open"
        if after and not before:
            return "close"
        return "either"

    def _pair_quotes(self) -> None:
        words, n = self.words, self.n
        paragraphs: list[tuple[int, int]] = []
        start = 0
        for i in range(1, n):
            if self.newline[i]:
                paragraphs.append((start, i))
                start = i
        if n:
            paragraphs.append((start, n))
        carry: int | None = None
        for p, (a, b) in enumerate(paragraphs):
            open_at = carry
            carry = None
            first = a + 1 if open_at is not None else a
            for i in range(first, b):
                if words[i] not in DOUBLE:
                    continue
                kind = self._mark(i)
                if open_at is None:
                    if kind != "close":
                        open_at = i
                elif kind != "open":
                    self._add_quote(open_at, i, True)
                    open_at = None
                else:  # a quote left open before a new one opens: it ends there
                    self._add_quote(open_at, i, False)
                    open_at = i
            if open_at is not None:
                following = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
                if (
                    following is not None
                    and words[following] in DOUBLE
                    and self._mark(following) != "close"
                ):
                    carry = open_at
                else:
                    self._add_quote(open_at, b, False)
        self._pair_single_quotes(paragraphs)
        order = sorted(range(len(self.quotes)), key=lambda q: self.quotes[q][0])
        self.quotes = [self.quotes[q] for q in order]
        self.closed = [self.closed[q] for q in order]
        for index, (a, b) in enumerate(self.quotes):
            self.quote_of[a + 1 : b] = [index] * (b - a - 1)
        self._pair_nested()
        self.opener_of: dict[int, int] = {}  # closing mark -> opening mark
        self.close_of: dict[int, int] = {}  # opening mark -> closing mark (or paragraph end)
        for (a, b), closed in zip(self.quotes, self.closed, strict=True):
            self.close_of[a] = b
            if closed:
                self.opener_of[b] = a
        for a, b in self.inner.items():
            self.close_of[a] = b
            self.opener_of[b] = a

    def _add_quote(self, open_at: int, close: int, closed: bool) -> None:
        if close > open_at + 1:
            self.quotes.append((open_at, close))
            self.closed.append(closed)

    def _pair_single_quotes(self, paragraphs: list[tuple[int, int]]) -> None:
        """Single quotes outside double ones ('hold the line'): quotes of their own. Curly
        ones pair as they open and close; a straight one (British style, headlines:
        "'We will win,' she said") opens only before a word that is no elision ("'em",
        "'90s") and closes only after end punctuation or a word not ending in "s" (not the
        apostrophe of "voters' choice"), within its paragraph."""
        inside = [False] * self.n
        for a, b in self.quotes:
            for i in range(a, min(b + 1, self.n)):
                inside[i] = True
        for a, b in paragraphs:
            open_at: int | None = None
            for i in range(a, b):
                w = self.words[i]
                if inside[i] or (w not in _SINGLE_OPEN and w not in _SINGLE_CLOSE and w != "'"):
                    continue
                kind = self._mark(i)
                if w == "'":
                    if kind == "open" and open_at is None and self._straight_opens(i, b):
                        open_at = i
                    elif (
                        kind == "close"
                        and open_at is not None
                        and self.words[open_at] == "'"
                        and (
                            self.words[i - 1] in _PUNCT_AFTER or not self.lower[i - 1].endswith("s")
                        )
                    ):
                        self._add_quote(open_at, i, True)
                        open_at = None
                elif kind == "open" and w in _SINGLE_OPEN:
                    open_at = i
                elif kind == "close" and open_at is not None:
                    self._add_quote(open_at, i, True)
                    open_at = None

    def _straight_opens(self, i: int, end: int) -> bool:
        """Whether a straight single quote at token ``i`` opens a quotation: a word follows
        that is no elision ("'em", "'til", "'90s")."""
        if i + 1 >= end:
            return False
        nxt = self.words[i + 1]
        return nxt[0].isalpha() and self.lower[i + 1] not in self.lex.elisions

    def _pair_nested(self) -> None:
        """Single quotes inside a double quote ("She said, basically, ‘We’re done’")."""
        for index, (a, b) in enumerate(self.quotes):
            if self.words[a] not in DOUBLE:
                continue
            open_at: int | None = None
            for i in range(a + 1, b):
                w = self.words[i]
                if w not in _SINGLE_OPEN and w not in _SINGLE_CLOSE and w != "'":
                    continue
                kind = self._mark(i) if i != a + 1 else "open"
                if kind != "close" and open_at is None and w != "’":
                    open_at = i
                elif kind != "open" and open_at is not None:
                    self.inner[open_at] = i
                    open_at = None
            del index

    # sentences

    def _split_sentences(self) -> list[tuple[int, int]]:
        words, n, lower = self.words, self.n, self.lower
        bounds: list[tuple[int, int]] = []
        start = 0
        i = 0
        while i < n:
            if i > start and self.newline[i]:
                bounds.append((start, i))
                start = i
            if words[i] in SENTENCE_ENDS:
                j = i + 1
                while j < n and not self.space[j] and words[j] in _CLOSERS:
                    j += 1
                if j < n and not self.newline[j] and self.space[j] and self._starts_sentence(j):
                    # "Mr. Smith" goes on, but "said Jo Roe of Acme Corp. “…”" ends: a
                    # quotation opens a sentence of its own
                    abbreviation = (
                        words[i] == "."
                        and i > 0
                        and not self.space[i]
                        and (
                            lower[i - 1] in self.lex.abbreviations
                            or (len(words[i - 1]) == 1 and words[i - 1].isalpha())
                        )
                        and not (words[j] in DOUBLE and self._mark(j) == "open")
                    )
                    if not abbreviation:
                        bounds.append((start, j))
                        start = j
                i = j
                continue
            i += 1
        if start < n:
            bounds.append((start, n))
        return bounds

    def _starts_sentence(self, j: int) -> bool:
        w = self.words[j]
        return w[0].isupper() or w[0].isdigit() or w in QUOTE_MARKS or w in "([“‘"

    def _merge_in_quotes(self, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join sentences split inside a quote, so a quote and its attribution are one."""
        merged: list[tuple[int, int]] = []
        closes = {b for (_, b) in self.quotes}
        for a, b in bounds:
            end_mark = self._end_inside_quote(a)  # "?" of "…?’”", "." of "… emails.”"
            if merged and (
                self.quote_of[a] >= 0
                or a in closes
                or (
                    a - 1 in closes
                    and end_mark in ("?", "!")
                    and not self.newline[a]
                    and self._cue_within(a, b)
                )
                or (
                    a - 1 in closes
                    and end_mark in (".", "…")
                    and not self.newline[a]
                    and self._cue_within(a, b)
                    and self._only_attribution(a, b)
                )
            ):
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged

    def _end_inside_quote(self, a: int) -> str:
        """The end punctuation just inside the closing quote marks before token ``a`` ("?"
        of "…?’”"), or "" when there is none."""
        p = a - 1
        while p >= 0 and self.words[p] in _CLOSERS:
            p -= 1
        return self.words[p] if p >= 0 and p < a - 1 and self.words[p] in SENTENCE_ENDS else ""

    def _cue_within(self, a: int, b: int) -> bool:
        """Whether a sentence opens with a short subject and a cue ("“Not fit!” Trump
        tweeted"): it is the attribution of the quotation before it."""
        for k in range(a, min(b, a + 5)):
            if self.lower[k] in self.lex.cue_words and not self.caps[k]:
                return k > a
            if self.words[k] in CLAUSE_PUNCT:
                return False
        return False

    def _only_attribution(self, a: int, b: int) -> bool:
        """Whether a sentence is nothing but a short subject, a cue and its end ("“…
        emails.” Trump said."): a quotation closed by a period before it is its content.
        Anything more ("Trump said he ...") makes it a sentence of its own."""
        if b - a > MAX_BARE_ATTRIBUTION_TOKENS or self.words[b - 1] not in SENTENCE_ENDS:
            return False
        cue = next(
            (k for k in range(a, b) if self.lower[k] in self.lex.cue_words and not self.caps[k]),
            b,
        )
        return all(self.words[k] in SENTENCE_ENDS for k in range(cue + 1, b))

    # helpers

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a] : self.ends[b - 1]]
