"""Direct quotations attributed without a leading cue word: a name and a colon ("Clinton:
“…”"), a phrase after the quotation with any verb ("“…,” she beamed."), a bracketed cue
("(as Smith put it)"), a bare attribution sentence before it ("Lau said in a statement.
“…”"), and a quotation interrupted by its attribution ("“A,” she said. “B.”")."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from storyline.extract.attribution.content import TAIL_PUNCT
from storyline.extract.attribution.lexicon import CueForm
from storyline.extract.attribution.limits import (
    MAX_APPOSITION_TOKENS,
    MAX_INTERRUPTION_TOKENS,
    MAX_NAME_TOKENS,
    MAX_SETTING_TOKENS,
    MAX_SUBJECT_TOKENS,
    MIN_UNCUED_QUOTE_TOKENS,
)
from storyline.extract.attribution.record import Attribution, FinderBase
from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    DOUBLE,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
)

#: The cue of a quotation introduced by a colon alone ("Clinton: “…”").
_COLON = CueForm(
    words=(":",),
    role="speech",
    listener=False,
    continues=False,
    source_after=False,
    trails=False,
    raising=False,
)


#: The cue of a quotation whose attribution follows it with a verb no cue group lists
#: ("“…,” an angry Hollande retaliated.").
_TAIL_VERB = CueForm(
    words=("",),
    role="speech",
    listener=False,
    continues=False,
    source_after=False,
    trails=True,
    raising=False,
)


#: The cue of a quotation no cue word, colon or tail attributes ("Rubio also bemoaned a climate
#: in which people “literally hate each other because they differ.”"): the quote mark itself.
UNCUED = CueForm(
    words=("",),
    role="quotation",
    listener=False,
    continues=False,
    source_after=False,
    trails=False,
    raising=False,
)

#: Cue roles whose subject may be the speaker of a quotation next to it ("Bystrom agreed.
#: “…”"); stances, intents and evidence name what is praised, wanted or shown instead.
SPOKEN_ROLES = frozenset({"speech", "belief"})


class Quotations(FinderBase):
    """The quotation rules that run after the cue pass."""

    def _join_interrupted(self, found: list[Attribution]) -> None:
        """A quotation interrupted by its attribution runs on: "“A,” she said, “B.”" and
        "“A,” Trump said. “B.”" (in the same paragraph) are one quote from A to B, unless B
        has an attribution of its own ("“B,” he added")."""
        doc = self.doc
        for attribution in found:
            if attribution.kind != "direct" or attribution.trailing_at is None:
                continue
            r1 = attribution.region[1]
            k = attribution.cue[1]
            while (
                k < r1
                and doc.words[k] not in QUOTE_MARKS
                and k - attribution.cue[1] < MAX_INTERRUPTION_TOKENS
            ):
                k += 1
            if k >= r1:
                if r1 >= doc.n or doc.words[r1 - 1] not in SENTENCE_ENDS:
                    continue
                k = r1  # the quotation goes on in the next sentence
            if doc.newline[k] or k not in doc.close_of or doc.quote_of[k] >= 0:
                continue
            if k < r1 and doc.words[k - 1] != ",":
                continue
            close = doc.close_of[k]
            content = self._direct(k, close)
            if content is None:
                continue
            b0, b1 = content[0], content[1]
            if any(
                other is not attribution
                and other.content[0] < b1
                and b0 < other.content[1]
                and not (b0 <= doc.starts[other.cue[0]] < b1)
                for other in found
            ):
                continue
            attribution.content = (attribution.content[0], b1)

    def _colon_quotes(self, found: list[Attribution]) -> list[Attribution]:
        """Quotations introduced by a name and a colon with no cue word ("Clinton: “…”",
        "Republican pollster Daron Shaw: “…”", "From the report: “…”"): the colon is the cue,
        the phrase before it the speaker. Quotations some cue already took are left alone."""
        doc, lex = self.doc, self.lex
        taken = sorted(a.content for a in found)
        out: list[Attribution] = []
        for k in range(1, doc.n - 1):
            if doc.words[k] != ":" or k + 1 not in doc.close_of or doc.quote_of[k] >= 0:
                continue
            content = self._direct(k + 1, doc.close_of[k + 1])
            if content is None or any(a < content[1] and content[0] < b for a, b in taken):
                continue
            r0, r1 = self._region(k)
            subject = self._name_before(k - 1, r0) or self._subject(k - 1, r0)
            if subject is not None and not self._named(subject):
                subject = None  # "Wait, it gets better: “…”": no one named
            if subject is None and self._ends_sentence(doc.close_of[k + 1], r1):
                # "Trump leaned in and boomed: “…”", "A footnote in the report makes that
                # clear: “…”": a clause ends in the colon, its subject speaks
                subject = self._clause_subject(r0, r1, k)
                if subject is not None and not (
                    self._named(subject, proper=True)
                    or doc.lower[subject[0]] in lex.singular | lex.plural | lex.first
                ):
                    subject = None  # "Wait, it gets better: “…”", "The plan has parts: “…”"
            if subject is None:
                continue
            out.append(self._make(k, k + 1, _COLON, content, subject, None, r0, r1))
        return out

    def _aside_quotes(
        self, found: list[Attribution], bare: list[tuple[int, int, CueForm, Attribution | None]]
    ) -> list[Attribution]:
        """A cue set off right after a quotation — in brackets, or "as X put it" — attributes
        that quotation: "… “dead on arrival,” as Smith put it.", "“…” (Smith said) and …".
        Only cues that found nothing else to read are considered."""
        doc, lex = self.doc, self.lex
        out: list[Attribution] = []
        for i, end, form, _ in bare:
            if doc.quote_of[i] >= 0:
                continue
            r0, r1 = self._region(i)
            before = self._skip_back(i - 1, r0)
            if before < r0 or not doc.words[before][0].isalpha():
                continue
            subject = self._subject(before, r0)
            if subject is None or not (
                self._named(subject, proper=True) or doc.lower[subject[0]] in lex.pronouns
            ):
                continue
            k = subject[0] - 1
            if k >= r0 and doc.lower[k] == "as":
                k -= 1
            if k >= r0 and doc.words[k] == "(":
                k -= 1
            if k >= r0 and doc.words[k] == ",":
                k -= 1
            if k < r0 or k not in doc.opener_of or k == subject[0] - 1:
                continue  # no aside: "“…” Smith said" is the finder's own case
            j = end
            while j < r1 and (doc.lower[j] == "it" or doc.lower[j] in lex.subject_skip):
                j += 1
            if j < r1 and not (
                doc.words[j] == ")" or doc.words[j] in CLAUSE_PUNCT or doc.words[j] in SENTENCE_ENDS
            ):
                continue
            content = self._direct(doc.opener_of[k], k)
            if content is None or any(
                x.content[0] < content[1] and content[0] < x.content[1] for x in found + out
            ):
                continue
            out.append(self._make(i, end, form, content, subject, None, r0, r1, trailing_at=k))
        return out

    def _next_sentence_quotes(
        self, found: list[Attribution], bare: list[tuple[int, int, CueForm]]
    ) -> list[Attribution]:
        """A sentence that only says who spoke ("Sam Lau said in a statement.", "Bystrom
        agreed.") attributes the quotation the next sentence opens with. A cue that read
        its setting as its words gives the quotation instead; one that found nothing to
        read makes a new attribution. Quotations some cue already took are left alone."""
        doc = self.doc
        out: list[Attribution] = []
        candidates: list[tuple[int, int, CueForm, Attribution | None]] = [
            (a.cue[0], a.cue[1], a.form, a)
            for a in found
            if a.kind != "direct"
            and a.form.role in SPOKEN_ROLES
            and not a.form.raising
            and a.trailing_at is None
        ]
        candidates += [(i, end, form, None) for i, end, form in bare]
        for i, end, form, attribution in candidates:
            if doc.quote_of[i] >= 0:
                continue
            r0, r1 = doc.bounds[doc.sid[i]]
            if r1 >= doc.n or doc.words[r1 - 1] != "." or not self._setting_only(end, r1 - 1):
                continue
            if r1 not in doc.close_of or doc.quote_of[r1] >= 0:
                continue
            content = self._direct(r1, doc.close_of[r1])
            if content is None or any(
                x.content[0] < content[1] and content[0] < x.content[1]
                for x in found + out
                if x is not attribution
            ):
                continue
            if attribution is not None:
                if attribution.subject is None and not attribution.inherit:
                    continue
                attribution.content = (content[0], content[1])
                attribution.kind = "direct"
                continue
            before = self._skip_back(i - 1, r0)
            if before < r0 or not doc.words[before][0].isalpha():
                continue
            subject = self._subject(before, r0)
            if subject is None or not (
                self._named(subject, proper=True) or doc.lower[subject[0]] in self.lex.pronouns
            ):
                continue
            out.append(self._make(i, end, form, content, subject, None, r0, r1))
        return out

    def _setting_only(self, a: int, b: int) -> bool:
        """Whether tokens ``a``–``b`` hold at most a setting or time of a statement ("in a
        statement", "on Tuesday", "to reporters"): nothing that could be its words."""
        doc, lex = self.doc, self.lex
        if a >= b:
            return True
        if b - a > MAX_SETTING_TOKENS:
            return False
        first = doc.lower[a]
        if not (
            first in lex.lead_preposition
            or first in lex.time
            or first in lex.weekdays
            or first in lex.prepositions
        ):
            return False
        return all(
            doc.words[k][0].isalnum() or doc.words[k] in ",'’" for k in range(a, b)
        ) and not any(doc.lower[k] in ("that", "whether", "if") for k in range(a, b))

    def _named(self, subject: tuple[int, int], proper: bool = False) -> bool:
        """Whether a phrase names someone: a capitalised word (with ``proper``, one that is
        not a capitalised determiner: "The plan" names no one), or a noun for a person."""
        doc, lex = self.doc, self.lex
        a, b = subject
        last = doc.lower[b - 1]
        articles = lex.definite | lex.indefinite | lex.determiners if proper else frozenset()
        return (
            any(
                doc.caps[x] and doc.words[x][0].isalpha() and doc.lower[x] not in articles
                for x in range(a, b)
            )
            or last in lex.role_nouns
            or last in lex.description_nouns
        )

    def _ends_sentence(self, close: int, r1: int) -> bool:
        """Whether a quotation closing at token ``close`` ends its sentence or paragraph."""
        doc = self.doc
        after = close + 1
        return after >= min(r1, doc.n) or doc.newline[after] or doc.words[after] in SENTENCE_ENDS

    def _tail_quotes(self, found: list[Attribution]) -> list[Attribution]:
        """Quotations that open their sentence, end in a comma, "?" or "!" and are followed
        by a short phrase with a verb belong to that phrase's subject ("“…,” an angry
        Hollande retaliated.", "“…?” asked the boy."), also when the verb is no cue word; a
        cue there that read the words after it instead ("“…,” Baker wrote in a letter dated
        Tuesday") takes the quotation. Quotations some cue already took are left alone."""
        doc, lex = self.doc, self.lex
        out: list[Attribution] = []
        for o, c in doc.quotes:
            if c >= doc.n or doc.words[c] not in QUOTE_MARKS or c - o < 2:
                continue
            r0, r1 = doc.bounds[doc.sid[o]]
            lead = r0
            while lead < o and doc.lower[lead] in lex.leading_conjunctions:
                lead += 1
            if lead != o:
                continue
            t0 = c + 1
            if doc.words[c - 1] not in TAIL_PUNCT:
                if t0 < r1 and doc.words[t0] == ",":
                    t0 += 1  # "„…“, sagte sie" and "'…', he said": the comma outside
                else:
                    continue
            t1 = t0
            while t1 < r1 and (
                not (
                    doc.words[t1] in CLAUSE_PUNCT
                    or doc.words[t1] in SENTENCE_ENDS
                    or doc.words[t1] in QUOTE_MARKS
                )
                or self._initial_stop(t1)
            ):
                t1 += 1
            if t1 - t0 < 2:
                continue
            content = self._direct(o, c)
            if content is None:
                continue
            a, b = content[0], content[1]
            if any(x.content[0] < b and a < x.content[1] for x in found + out):
                continue
            cue_at = next((x for x in found if t0 <= x.cue[0] < t1), None)
            if (
                cue_at is not None
                and cue_at.subject is not None
                and t0 <= cue_at.subject[0] < cue_at.cue[0]
            ):
                # the tail's own cue read a setting after it as its words ("“…,” Baker
                # wrote in a letter dated Tuesday")
                cue_at.content = (a, b)
                cue_at.kind = "direct"
                cue_at.trailing_at = c
                continue
            tail = self._tail_attribution(t0, t1) or self._apposed_tail(t0, t1, r1)
            if tail is None:
                continue
            v, v_end, subject = tail
            cue_at = cue_at or next((x for x in found if x.cue[0] == v), None)
            if cue_at is not None and cue_at.cue[0] == v:
                cue_at.content = (a, b)
                cue_at.kind = "direct"
                cue_at.trailing_at = c
                cue_at.inherit = False
                cue_at.subject = subject
                continue
            out.append(self._make(v, v_end, _TAIL_VERB, content, subject, None, r0, r1, c))
        return out

    def _apposed_tail(self, t0: int, t1: int, r1: int) -> tuple[int, int, tuple[int, int]] | None:
        """A name, its description set off by commas, then the verb and at most a listener
        and a setting to the sentence end: "“…,” Ramon Diaz, chairman of the commission
        (PCGG), told Reuters.", "“…,” Gavin Herbert, president of the group said in the
        report." Returns the verb (start, end) and the name."""
        doc, lex = self.doc, self.lex
        if t1 >= r1 or doc.words[t1] != "," or t1 - t0 > MAX_NAME_TOKENS:
            return None
        if not all(doc.caps[x] or doc.words[x] == "." for x in range(t0, t1)):
            return None
        # the description, with room for its commas and an abbreviation in brackets
        limit = min(r1, t1 + MAX_APPOSITION_TOKENS + 6)
        for v in range(t1 + 2, limit):
            if doc.words[v] in QUOTE_MARKS or doc.words[v] in SENTENCE_ENDS:
                return None
            if not self._tail_verb(v):
                continue
            j = v + 1
            listener = self._listener(j, r1) if doc.lower[v] in lex.cue_words else None
            if listener is not None:
                j = listener[1]
            end = r1 - 1 if doc.words[r1 - 1] in SENTENCE_ENDS else r1
            if self._setting_only(j, end):
                return v, v + 1, (t0, t1)
            return None
        return None

    def _initial_stop(self, k: int) -> bool:
        """Whether token ``k`` is the full stop of an initial or a title ("James A. Baker",
        "Mrs. Clinton"), not a sentence end."""
        doc = self.doc
        return (
            doc.words[k] == "."
            and k > 0
            and not doc.space[k]
            and doc.caps[k - 1]
            and (len(doc.words[k - 1]) == 1 or doc.lower[k - 1] in self.lex.abbreviations)
        )

    def _tail_verb(self, k: int) -> bool:
        """Whether token ``k`` can be the verb of an attribution after a quotation."""
        doc, lex = self.doc, self.lex
        lower = doc.lower[k]
        if doc.caps[k] or not lower.isalpha():
            return False
        if lower in lex.tail_verbs or lower in lex.cue_words:
            return True
        return len(lower) > 3 and lower.endswith("ed") and lower not in lex.function_words

    def _tail_attribution(self, t0: int, t1: int) -> tuple[int, int, tuple[int, int]] | None:
        """The verb (start, end) and subject of the phrase ``t0``–``t1`` after a quotation:
        "asked the boy" (verb first) or "an angry Hollande retaliated on Monday" (subject
        first, then anything)."""
        doc, lex = self.doc, self.lex
        if self._tail_verb(t0):
            e = t0 + 1
            while e < t1 and doc.lower[e] not in lex.subject_stop and e - t0 <= MAX_SUBJECT_TOKENS:
                e += 1
            while e > t0 + 1 and (
                doc.lower[e - 1] in lex.prepositions or doc.lower[e - 1] in lex.determiners
            ):
                e -= 1
            first = doc.lower[t0 + 1]
            if e > t0 + 1 and (
                doc.caps[t0 + 1]
                or first in lex.definite
                or first in lex.indefinite
                or first in lex.pronouns
            ):
                return t0, t0 + 1, (t0 + 1, e)
            return None
        for v in range(t0 + 1, min(t1, t0 + MAX_SUBJECT_TOKENS + 1)):
            if not self._tail_verb(v):
                continue
            before = self._skip_back(v - 1, t0)
            subject = self._subject(before, t0) if before >= t0 else None
            last = doc.lower[subject[1] - 1] if subject is not None else ""
            if last in lex.determiners or last in lex.definite or last in lex.indefinite:
                continue  # "an exhausted Ilse Marrow retaliated": an adjective in -ed
            if subject is None or not (
                subject[0] == t0
                or (
                    # "an angry Ilse Marrow": the name is the subject, its adjectives lead
                    doc.lower[t0] in lex.indefinite | lex.definite
                    and all(
                        doc.words[x].isalpha() and not doc.caps[x]
                        for x in range(t0 + 1, subject[0])
                    )
                )
            ):
                return None
            if not (
                any(doc.caps[x] and doc.words[x][0].isalpha() for x in range(*subject))
                or last in lex.pronouns
                or last in lex.role_nouns
                or last in lex.description_nouns
                or doc.lower[t0] in lex.definite
                or doc.lower[t0] in lex.indefinite
            ):
                return None
            return v, v + 1, subject
        return None

    def _uncued_quotes(self, found: list[Attribution]) -> list[Attribution]:
        """Quoted clauses inside a sentence that no cue took ("… a climate in which people
        “literally hate each other because they differ.”"): in news writing such quotation
        marks give someone's words even when the verb is no cue word ("bemoaned", "offered").
        The quotation is its own content, the sentence's subject its speaker (or none). A
        quotation must hold :data:`MIN_UNCUED_QUOTE_TOKENS` words and end in its own
        punctuation (a clause, not a scare-quoted term or a title), and not open its sentence
        (those continue a quotation attributed before, or stand alone)."""
        doc = self.doc
        taken = [x.content for x in found]
        out: list[Attribution] = []
        breaks = [k for k in range(1, doc.n) if doc.newline[k]]

        def paragraph(k: int) -> int:  # the paragraph of token k, counted from 0
            return bisect.bisect_right(breaks, k)

        for (o, c), closed in zip(doc.quotes, doc.closed, strict=True):
            if not closed or c >= doc.n or doc.words[o] not in DOUBLE:
                continue
            if c - o - 1 < MIN_UNCUED_QUOTE_TOKENS:
                continue
            if doc.quote_of[o] >= 0 or doc.newline[o] or doc.words[o - 1] == ":":
                # nested in another quotation, opening its paragraph, or after a colon
                # that named no speaker ("Wait, it gets better: “…”")
                continue
            r0, r1 = doc.bounds[doc.sid[o]]
            if all(doc.lower[x] in self.lex.leading_conjunctions for x in range(r0, o)):
                continue  # opens its sentence
            content = self._direct(o, c)
            if content is None or any(a < content[1] and content[0] < b for a, b in taken):
                continue
            if self._quoted_title(o, c):
                continue
            # "“A,” said Sherman, speaking of politicians, “B.”": B goes on with the speaker
            # of the sentence so far; otherwise the sentence's subject speaks
            donor = self._last_speaker_before(
                o,
                found,
                lambda x: x.region == (r0, r1),  # noqa: B023
            )
            if donor is not None:
                subject, description = donor.subject, donor.description
            else:
                subject, description = self._clause_subject(r0, r1, o), None
            if subject is None or not self._person_like(subject):
                # "“…,” she says. It's “this new journalism.”": the paragraph's last speaker
                donor = self._last_speaker_before(
                    o,
                    found,
                    lambda x: paragraph(x.cue[0]) == paragraph(o),  # noqa: B023
                )
                if donor is not None:
                    subject, description = donor.subject, donor.description
                elif subject is None:
                    continue
            out.append(self._make(o, o + 1, UNCUED, content, subject, description, r0, r1))
        return out

    def _person_like(self, subject: tuple[int, int]) -> bool:
        """Whether a subject can be someone who speaks: a name, a noun for a person, or a
        personal pronoun ("he", "they", not "it")."""
        lex = self.lex
        first = POSSESSIVE.sub("", self.doc.lower[subject[0]])
        if first in lex.singular | lex.plural | lex.first:
            return subject[1] - subject[0] == 1
        return first not in lex.pronouns and self._named(subject, proper=True)

    def _last_speaker_before(
        self, k: int, found: list[Attribution], where: Callable[[Attribution], bool]
    ) -> Attribution | None:
        """The attribution of speech or belief with a subject whose cue comes last before
        token ``k``, among those ``where`` accepts."""
        donors = [
            x
            for x in found
            if x.cue[0] < k and x.subject is not None and x.form.role in SPOKEN_ROLES and where(x)
        ]
        return max(donors, key=lambda x: x.cue[0], default=None)
