"""What is said: the content a cue introduces ("that …", ": “…”", the rest of the
clause) or trails ("…,” he said."), and where that content ends."""

from __future__ import annotations

from storyline.extract.attribution.lexicon import CueForm
from storyline.extract.attribution.limits import (
    MAX_LISTENER_TOKENS,
    MAX_SUBJECT_TOKENS,
    MIN_CONTENT_TOKENS,
    OPENER_LOOKAHEAD,
)
from storyline.extract.attribution.record import FinderBase
from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    DOUBLE,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
)

#: What ends the words of a quotation that an attribution follows: "“…,” she said",
#: "“…?” he asked", "“…!” they chanted", "“… —” she went on".
TAIL_PUNCT = frozenset({",", "?", "!", "—", "–", "…"})


class Contents(FinderBase):
    """The span of words a cue introduces or follows."""

    def _skippable(self, k: int) -> bool:
        """Tokens that may stand between a cue and its content: a setting, a time, an
        adverb ("said in a statement on Tuesday that", "said, basically, ‘…’")."""
        doc, lex = self.doc, self.lex
        w, lower = doc.words[k], doc.lower[k]
        return (
            w == ","
            or (doc.caps[k] and w[0].isalpha())
            or lower in lex.prepositions
            or lower in ("a", "an", "the", "to", "this", "last", "his", "her", "their", "its")
            or lower in lex.time
            or lower in lex.setting
            or (len(lower) > 4 and lower.endswith("ly"))
            or lower[0].isdigit()
            or POSSESSIVE.search(lower) is not None
        )

    def _post_is_adjunct(
        self, end: int, r1: int, form: CueForm, strong: bool, r0: int, punct: int
    ) -> bool:
        """Whether what follows a cue leaves it trailing its content: nothing, a listener,
        or a time or setting ("he said on Tuesday", "a source told the NYT, ..."), and no
        "that", colon or quotation opening within reach. ``strong``: a quotation closes
        right before the subject ("“…,” she said ..."), so any phrase may follow; otherwise
        a phrase may follow only when what precedes is not itself a leading adverbial
        ("In an interview, Trump said on Tuesday ...")."""
        doc, lex = self.doc, self.lex
        adverbial = self._adverbial_lead(r0, punct)
        weak_ok = strong or not adverbial
        j = end
        if form.listener:
            listener = self._listener(end, r1)
            if listener is not None:
                j = listener[1]
        if j >= r1:
            return True
        w, lower = doc.words[j], doc.lower[j]
        if w == "," and j + 1 < r1 and j + 1 in doc.close_of:
            # "X said, “…”" leads; "“A,” she said, “B”" continues A, but not when the
            # quotation before is a phrase inside a clause ("Remarking upon Clinton's
            # “genuine empathy,” Starr said, “…”")
            if not strong or doc.words[punct - 1] != ",":
                return False
            close = punct if punct in doc.opener_of else punct - 1
            opened = doc.opener_of.get(close, r0)
            return all(doc.lower[x] in lex.leading_conjunctions for x in range(r0, opened))
        if (
            strong
            and form.listener
            and j in doc.close_of
            and doc.close_of[j] - j <= MAX_LISTENER_TOKENS
            and j + 1 < r1
            and doc.caps[j + 1]
        ):
            return True  # "“…,” Fiorina told “Fox and Friends,” ...": a show, not content
        if w == "," and not weak_ok and j + 1 < r1 and doc.words[j + 1][0].isalnum():
            return False  # "In contrast, Berkman said, there seem to be ...": it leads
        if w in ",;—–)" or w in SENTENCE_ENDS:
            return True
        if lower == "that" or w == ":" or j in doc.close_of:
            return False
        if not weak_ok or (
            not strong
            and not (
                lower in lex.lead_preposition or lower in lex.time or lower in lex.post_adjuncts
            )
        ):
            return False
        if strong:
            # "Sunday on Fox's “Morning Futures,” Rep. Issa said Clinton ...": a title in
            # a setting, then a clause
            return not (adverbial and doc.caps[j] and lower not in lex.time)
        for k in range(j + 1, min(r1, j + OPENER_LOOKAHEAD)):
            if doc.lower[k] == "that" or doc.words[k] == ":" or k in doc.close_of:
                return False
            if doc.words[k] in ",;" or doc.words[k] in SENTENCE_ENDS:
                break
        return True

    def _adverbial_lead(self, r0: int, punct: int) -> bool:
        """Whether tokens ``r0``–``punct`` open with a preposition or subordinator: a
        setting or condition, not content ("Soon after X was booed, Canova wrote ...")."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < punct and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        return a < punct and (
            doc.lower[a] in lex.lead_preposition
            or doc.lower[a] in lex.subordinators
            or doc.lower[a] in lex.weekdays
        )

    def _conjunction_lead(self, r0: int, end: int) -> bool:
        """Whether the sentence up to a cue ending at ``end`` is only a conjunction and its
        comma, then the subject and the cue ("But, Carson added, ...", "Instead, Trump told
        CNN, ...")."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < end and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        return (
            r0 < a < end
            and doc.words[a] == ","
            and not any(
                doc.words[k] in CLAUSE_PUNCT or doc.words[k] in QUOTE_MARKS
                for k in range(a + 1, end)
            )
        )

    def _continuation(self, j: int, r1: int) -> int | None:
        """The end character of a clause that goes on after a cue set off by commas ("The
        policy, Trump said, would be …": ``j`` is the comma after the cue), else ``None``
        (a participle, another cue or a conjunction follows: "…, he said, adding")."""
        doc, lex = self.doc, self.lex
        if j + MIN_CONTENT_TOKENS >= r1 or doc.words[j] != ",":
            return None
        nxt = doc.lower[j + 1]
        if (
            not doc.words[j + 1][0].isalpha()
            or doc.caps[j + 1]
            or nxt in lex.cue_words
            or nxt in lex.coordinators
            or nxt in lex.subordinators
            or nxt in lex.prepositions
            or nxt in lex.time
            or nxt in lex.weekdays
            or nxt.endswith("ing")
            or nxt in ("who", "which", "that", "whose", "citing", "noting")
        ):
            return None
        k = r1
        while k > j + 1 and doc.words[k - 1] in SENTENCE_ENDS | CLAUSE_PUNCT:
            k -= 1
        if k - (j + 1) < MIN_CONTENT_TOKENS:
            return None
        return doc.ends[k - 1]

    def _content_after(
        self, end: int, r1: int, form: CueForm
    ) -> tuple[tuple[int, int, str] | None, tuple[int, int] | None]:
        """What a leading cue introduces, and who was told (for cues of telling)."""
        doc = self.doc
        listener = self._listener(end, r1) if form.listener else None
        j = listener[1] if listener else end
        k = j
        while k < min(r1, j + OPENER_LOOKAHEAD):
            w, lower = doc.words[k], doc.lower[k]
            if lower == "that":
                return self._content_span(k, r1), listener
            if w == ":":
                if k + 1 in doc.close_of:
                    return self._direct(k + 1, doc.close_of[k + 1]), listener
                return self._content_span(k + 1, r1), listener
            if w in QUOTE_MARKS:
                if k in doc.close_of:
                    close = doc.close_of[k]
                    if self._title_then_that(k, close, r1):
                        # "said on ABC's “This Week” that …": a show in the setting
                        k = close + 1
                        continue
                    return self._direct(k, close), listener
                break
            if not self._skippable(k) or (
                doc.caps[k] and (k == j or not self._skippable(k - 1) or doc.words[k - 1] == ",")
            ):
                break  # a name right after the cue opens the content: "said Putin is ..."
            k += 1
        if (
            j + 1 < r1
            and doc.words[j] == ","
            and (
                self._adverbial_lead(self._region(j)[0], j)
                or self._conjunction_lead(self._region(j)[0], end)
            )
        ):
            # "In contrast, Berkman said, there seem to be ...", "But, Carson added, he did
            # not ...": what follows the comma
            return self._content_span(j + 1, r1), listener
        if j < r1 and doc.words[j] in CLAUSE_PUNCT | SENTENCE_ENDS:
            return None, listener  # "than he expected, ...": nothing is said
        return self._content_span(j, r1), listener

    def _title_then_that(self, open_mark: int, close: int, r1: int) -> bool:
        """Whether a quote after a cue is a title in its setting, "that" following it."""
        doc = self.doc
        after = close + 1
        if after < r1 and doc.words[after] == ",":
            after += 1
        return (
            close < r1
            and after < r1
            and doc.lower[after] == "that"
            and self._quoted_title(open_mark, close)
        )

    def _participle_content(
        self, end: int, r1: int, at_start: bool, form: CueForm
    ) -> tuple[int, int, str] | None:
        """ "Citing sources, the NYT reported" reads to the comma; "..., saying X" to the end."""
        doc = self.doc
        if not at_start or (end < r1 and doc.words[end] in ",:"):
            return self._content_after(end, r1, form)[0]  # "Adding, “…”"
        k = end
        while k < r1 and doc.words[k] != ",":
            k += 1
        if k >= r1:
            return self._content_after(end, r1, form)[0]
        return self._content_span(end, k)

    def _content_span(self, j: int, r1: int) -> tuple[int, int, str] | None:
        """Content from token ``j`` to the end of its clause, or the quote it opens."""
        doc, lex = self.doc, self.lex
        if j >= r1:
            return None
        close = doc.close_of.get(j)
        if close is not None:
            tail = close + 1
            while tail < r1 and (doc.words[tail] in SENTENCE_ENDS or doc.words[tail] == ","):
                tail += 1
            if tail >= r1 or close >= r1:
                return self._direct(j, close)
        k = j
        while k < r1:
            w = doc.words[k]
            if w == ";" and k > j:
                break
            if w == "," and k + 1 < r1 and k > j:
                nxt = doc.lower[k + 1]
                if (nxt in lex.cue_words and nxt.endswith("ing")) or nxt == "according":
                    break
            if k > j + 1 and self._coordinated_clause(k, r1):
                break
            if k > j and self._ends_at_quoted_phrase(k, r1):
                k += 1
                break
            k += 1
        while k > j and (doc.words[k - 1] in SENTENCE_ENDS or doc.words[k - 1] in ",;:—–"):
            k -= 1
        if k <= j or not any(doc.words[x][0].isalnum() for x in range(j, k)):
            return None
        kind = "mixed" if any(doc.words[x] in DOUBLE for x in range(j, k)) else "indirect"
        return doc.starts[j], doc.ends[k - 1], kind

    def _ends_at_quoted_phrase(self, k: int, r1: int) -> bool:
        """Whether a quoted phrase closing at token ``k`` with a comma ends the content,
        because a new phrase starts after it: "called him a “moderate,” a subtle dig …",
        "said it was “absurd,” sparking …", "would “win big,” for instance, and …",
        "has the “best experience,” Trump is …"."""
        doc, lex = self.doc, self.lex
        if k not in doc.opener_of or doc.words[k] not in DOUBLE or doc.words[k - 1] != ",":
            return False
        if k + 1 >= r1 or doc.words[k + 1] in QUOTE_MARKS:
            return False
        nxt = doc.lower[k + 1]
        return (
            (nxt.endswith("ing") and not doc.caps[k + 1] and len(nxt) > 4)
            or nxt in lex.definite
            or nxt in lex.indefinite
            or nxt in lex.prepositions
            or (doc.caps[k + 1] and nxt not in lex.pronouns and doc.words[k + 1][0].isalpha())
        )

    def _coordinated_clause(self, k: int, r1: int) -> bool:
        """Whether token ``k`` joins a second verb phrase to the clause, which ends the
        content before it: "called the merger “a terrible deal” and ranked Fiorina ...",
        "said both are “non-entities,” but he gave ...", "and accused him of ..."."""
        doc, lex = self.doc, self.lex
        if doc.lower[k] not in ("and", "but") or k + 1 >= r1 or doc.quote_of[k] >= 0:
            return False
        nxt = doc.lower[k + 1]
        if doc.caps[k + 1] or not nxt[0].isalpha():
            return False
        if nxt in lex.cue_words:
            return True
        if doc.lower[k] == "but" and (nxt in lex.singular or nxt in lex.plural):
            return True
        return len(nxt) > 4 and nxt.endswith("ed") and doc.words[k - 1] not in ("and", ",")

    def _content_before(self, r0: int, stop: int) -> tuple[int, int, str] | None:
        """Content of a trailing cue: the region up to token ``stop`` (the comma or closing
        quote mark before the source)."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < stop and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        if stop - a < MIN_CONTENT_TOKENS:
            return None
        close = stop if stop in doc.opener_of else stop - 1
        opened = doc.opener_of.get(close)
        if opened is not None and (
            opened <= a
            or doc.words[opened - 1] in (":", "(")
            or (
                doc.words[opened - 1] == ","
                and (
                    any(doc.lower[x] in self.lex.cue_words for x in range(a, opened))
                    or doc.words[close - 1] in TAIL_PUNCT
                )
            )
        ):
            # the quotation itself, also when a colon, an attribution of its own or an
            # opening phrase leads into it ("… especially fundraising: “…,” he said",
            # "Whatever the outcome, “we stay,” she said": the quotation ends in its comma)
            return self._direct(opened, close)
        if (
            a in doc.close_of
            and doc.close_of[a] < stop
            and doc.words[doc.close_of[a] - 1] in TAIL_PUNCT
            and stop - doc.close_of[a] <= MAX_SUBJECT_TOKENS
            and not any(doc.words[x] in QUOTE_MARKS for x in range(doc.close_of[a] + 1, stop))
        ):
            # "“…,” the company's chief executive, Jane Roe, said": the quotation, then the
            # speaker's description set off by commas
            return self._direct(a, doc.close_of[a])
        k = stop
        while k > a and doc.words[k - 1] in ",;:—–":
            k -= 1
        if k <= a:
            return None
        kind = "mixed" if any(doc.words[x] in DOUBLE for x in range(a, k)) else "indirect"
        return doc.starts[a], doc.ends[k - 1], kind
