"""The attribution record the finder makes, and the state every step of it reads: the
tokens of one text, the word lists, the outlet mentions and the surnames it names."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.attribution.lexicon import CueForm, Lexicon
from storyline.extract.attribution.limits import MAX_TITLE_TOKENS
from storyline.extract.sentences import (
    POSSESSIVE,
    QUOTE_MARKS,
    Doc,
)

if TYPE_CHECKING:
    from storyline.extract.speakers import OutletMention, Speaker


@dataclass(slots=True)
class Attribution:
    cue: tuple[int, int]  # tokens
    form: CueForm
    content: tuple[int, int]  # characters
    kind: str
    subject: tuple[int, int] | None = None  # tokens
    description: tuple[int, int] | None = None  # an apposition after the name, tokens
    listener: tuple[int, int] | None = None  # tokens
    inherit: bool = False  # the subject is the clause's ("..., saying", "and insisted")
    trailing_at: int | None = None  # token of the comma or quote mark before the subject
    speaker: Speaker | None = None
    via: str | None = None
    region: tuple[int, int] = (0, 0)


class FinderBase:
    """The text one finder reads and the primitives every step shares: a cue's region, the
    words inside a quote, and the record of an attribution."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        mentions: list[OutletMention],
        surnames: Container[str],
    ):
        self.lex = lexicon
        self.doc = doc
        self.text = doc.text
        self.mentions = mentions
        # surnames of the people the article names in full (see speakers.People)
        self.surnames = surnames
        self.antecedents: dict[int, tuple[int, int]] = {}  # "who" token -> its noun phrase

    def _region(self, i: int) -> tuple[int, int]:
        """The tokens a cue is read in: its sentence, or its sentence within a quote."""
        doc = self.doc
        q = doc.quote_of[i]
        if q < 0:
            return doc.bounds[doc.sid[i]]
        a, b = doc.raw_bounds[doc.raw_sid[i]]
        qa, qb = doc.quotes[q]
        return max(a, qa + 1), min(b, qb)

    def _make(
        self,
        i: int,
        end: int,
        form: CueForm,
        content: tuple[int, int, str],
        subject: tuple[int, int] | None,
        description: tuple[int, int] | None,
        r0: int,
        r1: int,
        trailing_at: int | None = None,
    ) -> Attribution:
        c0, c1, kind = content
        return Attribution(
            cue=(i, end),
            form=form,
            content=(c0, c1),
            kind=kind,
            subject=subject,
            description=description,
            region=(r0, r1),
            trailing_at=trailing_at,
        )

    def _closes_quote(self, j: int) -> bool:
        return j in self.doc.opener_of

    def _direct(self, open_mark: int, close: int) -> tuple[int, int, str] | None:
        """The words inside a quote (its marks and a trailing comma left out)."""
        doc = self.doc
        a = doc.ends[open_mark]
        if close < doc.n and doc.words[close] in QUOTE_MARKS:
            b = doc.starts[close]
        else:  # left open: it runs to the end of its paragraph
            b = doc.ends[min(close, doc.n) - 1]
        while b > a and self.text[b - 1] in " ,\n\t":
            b -= 1
        if b - a < 2:
            return None
        return a, b, "direct"

    def _quoted_title(self, open_mark: int, close: int) -> bool:
        """Whether the quote ``open_mark``–``close`` is the title of a show, book or event
        named in a setting ("on “Meet the Press,”", "on Fox's “Hannity,”", "in an interview
        with “The View”"): a few capitalised words after a preposition, a possessive or a
        name, not anyone's words."""
        doc, lex = self.doc, self.lex
        words = [x for x in range(open_mark + 1, close) if doc.words[x] not in ",."]
        if not words or len(words) > MAX_TITLE_TOKENS or open_mark == 0:
            return False
        if not doc.caps[words[0]] or any(
            not doc.words[x][0].isalnum() or not (doc.caps[x] or len(doc.lower[x]) <= 4)
            for x in words
        ):
            return False
        before = doc.lower[open_mark - 1]
        return (
            before in lex.prepositions
            or POSSESSIVE.search(before) is not None
            or (doc.caps[open_mark - 1] and doc.words[open_mark - 1][0].isalpha())
        )
