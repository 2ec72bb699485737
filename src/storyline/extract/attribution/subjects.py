"""Who speaks and who listens: the subject before a cue (back over adverbs, asides and
appositions), the source after an inverted cue ("said Smith") and the listener of a cue of
telling ("told CNN")."""

from __future__ import annotations

import re

from storyline.extract.attribution.lexicon import CueForm
from storyline.extract.attribution.limits import (
    MAX_APPOSITION_TOKENS,
    MAX_LISTENER_TOKENS,
    MAX_NAME_TOKENS,
    MAX_PARENTHETICAL_TOKENS,
    MAX_RELATIVE_TOKENS,
    MAX_SOURCE_AFTER_TOKENS,
    MAX_SUBJECT_TOKENS,
)
from storyline.extract.attribution.record import FinderBase
from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
)

# Time nouns of "last week", "two months ago" between a subject and its cue.
_TIME_UNITS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "weekend", "night"}
)


# Words that count or bound such a span ("less than two weeks ago", "a few days ago").
_COUNT_WORDS = frozenset(
    {
        "a",
        "an",
        "few",
        "several",
        "two",
        "three",
        "four",
        "five",
        "six",
        "less",
        "more",
        "than",
        "about",
        "nearly",
        "just",
        "some",
        "many",
        "ten",
    }
)


_AGE = re.compile(r"\d+-year-old$")


class Subjects(FinderBase):
    """The noun phrases around a cue that say who spoke and who was told."""

    def _skip_back(self, j: int, r0: int) -> int:
        """The last token at or before ``j`` that is not an adverb, auxiliary or time word
        of the kind that stands between a subject and its cue ("has also long said")."""
        doc, lex = self.doc, self.lex
        while j >= r0:
            w = doc.lower[j]
            if (w in lex.subject_skip and not doc.caps[j]) or (
                len(w) > 4 and w.endswith("ly") and not doc.caps[j]
            ):
                j -= 1  # "Will wrote" keeps Will
            elif (
                w == ","
                and j - 2 >= r0
                and doc.words[j - 2] == ","
                and (doc.lower[j - 1] in lex.asides or doc.lower[j - 1].endswith("ly"))
            ):
                j -= 3  # "U.S. officials, however, argue"
            elif w in lex.weekdays and doc.caps[j]:
                j -= 1
                if j >= r0 and doc.lower[j] == "on":
                    j -= 1
            elif (
                w in _TIME_UNITS
                and j - 1 >= r0
                and doc.lower[j - 1] in ("last", "this", "next", "that")
            ):
                j -= 2  # "Feinstein last week said"
            elif w == "ago" and j - 1 >= r0 and doc.lower[j - 1] in _TIME_UNITS:
                # "The State Department less than two weeks ago said"
                k = j - 1
                while (
                    k >= r0
                    and j - k <= 6
                    and not doc.caps[k]
                    and (
                        doc.lower[k] in _TIME_UNITS
                        or doc.lower[k] in _COUNT_WORDS
                        or doc.lower[k][0].isdigit()
                    )
                ):
                    k -= 1
                j = k
            elif w == "-" and j - 1 > r0 and doc.words[j - 1] == "-":
                # "The justice -- who has been in a scuffle -- said": a typed dash aside
                k = j - 2
                while (
                    k - 1 >= r0
                    and j - k <= MAX_PARENTHETICAL_TOKENS
                    and not (doc.words[k] == "-" and doc.words[k - 1] == "-")
                ):
                    k -= 1
                if k - 1 < r0 or not (doc.words[k] == "-" and doc.words[k - 1] == "-"):
                    break
                j = k - 2
            elif j > r0 and (
                w in ("—", "–", ")") or (w == "-" and doc.space[j] and doc.words[j - 1] != "-")
            ):
                # "figures — whose party was once respected — both suggested", "Mr. Bush -
                # in a line aimed at Mr. Trump - declared"
                opening = "(" if w == ")" else w
                k = j - 1
                while k >= r0 and j - k <= MAX_PARENTHETICAL_TOKENS and doc.words[k] != opening:
                    k -= 1
                if k < r0 or doc.words[k] != opening or k == j - 1:
                    break
                j = k - 1
            else:
                break
        return j

    def _subject(self, end: int, r0: int) -> tuple[int, int] | None:
        """The noun phrase ending at token ``end`` (inclusive), back to a clause boundary,
        a second determiner, or another cue."""
        doc, lex = self.doc, self.lex
        if end < r0:
            return None
        if doc.lower[end] in lex.pronouns and doc.lower[end] != "one":
            return end, end + 1  # "countries he said had sent": the pronoun is the subject
        j = end
        while j >= r0:
            w = doc.words[j]
            lower = doc.lower[j]
            if w in CLAUSE_PUNCT or w in QUOTE_MARKS or w in "!?":
                break
            if (
                w == "."
                and (doc.space[j] or j == end)
                and not (
                    j > r0
                    and not doc.space[j]
                    and doc.caps[j - 1]
                    and (
                        len(doc.words[j - 1]) == 1
                        or "." in doc.words[j - 1]
                        or doc.lower[j - 1] in lex.abbreviations
                    )
                )
            ):
                break  # a sentence end, not the initials of "the F.B.I." or "Acme Corp."
            if j < end and lower in lex.cue_words and not doc.caps[j]:
                break
            if lower in lex.subject_stop and not (
                lower == "and" and j > r0 and doc.caps[j - 1] and j < end and doc.caps[j + 1]
            ):
                if lower in ("who", "which", "that") and (
                    j == end or self._adjunct_only(j + 1, end)
                ):
                    # "Marco Rubio, who stressed", "Cruz, who last year threatened": the
                    # mention is "who", the speaker the phrase before it
                    k = j - 1
                    if k >= r0 and doc.words[k] == ",":
                        k -= 1
                    antecedent = self._name_before(k, r0) or self._subject(k, r0)
                    if antecedent is None:
                        return None
                    self.antecedents[j] = antecedent
                    return j, j + 1
                break
            if end - j >= MAX_SUBJECT_TOKENS:
                return None
            # a determiner opens the phrase, unless a preposition attaches it to a head
            # before ("the leader of the party")
            if (
                (lower in lex.definite or lower in lex.indefinite)
                and j < end
                and (j - 1 < r0 or doc.lower[j - 1] not in lex.prepositions)
            ):
                j -= 1
                break
            j -= 1
        start = j + 1
        if start > end:
            return None
        start = self._strip_lead(start, end)
        if start > end:
            return None
        # "the arms deal Trump announced": a name after a common noun is a subject of its own
        k = end
        while k > start and doc.caps[k] and doc.words[k][0].isalpha():
            k -= 1
        if (
            start < k < end
            and (doc.lower[start] in lex.definite or doc.lower[start] in lex.indefinite)
            and doc.lower[k] not in lex.description_nouns
            and self._known_name(k + 1, end + 1)
            and doc.words[k][0].isalpha()
            and doc.caps[k + 1]
            and not self._role_like(doc.lower[k])
            and doc.lower[k] not in lex.prepositions
            and doc.lower[k] not in lex.definite
            and doc.lower[k] not in lex.indefinite
            and not POSSESSIVE.search(doc.lower[k])
        ):
            start = k + 1
        return start, end + 1

    def _object_of_verb(self, subject: tuple[int, int], r0: int) -> bool:
        """Whether a phrase found before a participle is the object of a verb rather than a
        subject: a lower-case word that is no function word stands right before it
        ("released a statement", "emailed supporters", "tweeted back at Trump")."""
        doc, lex = self.doc, self.lex
        k = subject[0] - 1
        if k < r0:
            return False
        word = doc.lower[k]
        return (
            word[0].isalpha()
            and not doc.caps[k]
            and word not in lex.function_words
            and word not in lex.prepositions
            and word not in lex.coordinators
            and word not in lex.be
            and word not in lex.subject_skip
            and word not in lex.cue_words
            and word not in ("who", "which", "that", "to")
            and not (len(word) > 4 and word.endswith("ly"))
        )

    def _adjunct_only(self, a: int, end: int) -> bool:
        """Whether tokens ``a``–``end`` between a relative pronoun and its cue are an
        adverbial, not a subject of their own ("who last year threatened", "who has both
        endorsed", "who through his office declined")."""
        doc, lex = self.doc, self.lex
        first = doc.lower[a]
        if doc.caps[a] or first in lex.definite or first in lex.indefinite:
            return False  # "the man who the police said", "who Trump called"
        if first in lex.pronouns:
            return False
        return (
            first in lex.subject_skip
            or first in lex.time
            or first in lex.prepositions
            or (len(first) > 4 and first.endswith("ly"))
        )

    def _known_name(self, a: int, b: int) -> bool:
        """Whether tokens ``a``–``b`` are a person the article names (not "Democrat")."""
        doc, lex = self.doc, self.lex
        if doc.caps[a - 1] or doc.lower[b - 1] in lex.description_nouns:
            return False
        return b - a >= 2 or POSSESSIVE.sub("", doc.lower[b - 1]) in self.surnames

    def _role_like(self, word: str) -> bool:
        lex = self.lex
        return word.rstrip(".") in lex.role_words or word in lex.role_nouns

    def _name_before(self, k: int, r0: int) -> tuple[int, int] | None:
        """The capitalised name (titles and "of" included) ending at token ``k``."""
        doc = self.doc
        if k < r0 or not doc.caps[k] or not doc.words[k][0].isalpha():
            return None
        j = k
        while j - 1 >= r0 and (
            (doc.caps[j - 1] and doc.words[j - 1][0].isalpha())
            or (doc.lower[j - 1] == "of" and j - 2 >= r0 and doc.caps[j - 2])
        ):
            j -= 1
        while j < k and doc.lower[j] in self.lex.function_words:
            j += 1
        return j, k + 1

    def _strip_lead(self, start: int, end: int) -> int:
        """Drop leading conjunctions and a leading time or place phrase ("On Tuesday Trump",
        "in recent days Trump", "with Washington")."""
        doc, lex = self.doc, self.lex
        while start < end and doc.lower[start] in lex.leading_conjunctions:
            start += 1
        if start < end and doc.lower[start] in lex.lead_preposition:
            k = end
            while (
                k > start
                and doc.caps[k]
                and doc.lower[k] not in lex.weekdays
                and doc.lower[k] not in lex.time
            ):
                k -= 1
            if k < end:
                return k + 1
            if doc.lower[end] in lex.pronouns:
                return end
            return start + 1
        return start

    def _apposition(
        self, comma: int, r0: int
    ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        """A subject set off by commas before a cue: ``NAME, DESCRIPTION,`` ("Steve Witkoff,
        Trump's special envoy,"), ``DESCRIPTION, NAME,`` ("Google's chief, Laszlo Bock,"),
        or ``NAME, who …,``. The name and the description, as tokens."""
        doc = self.doc
        end = comma
        if doc.words[comma] != ",":
            if not (self._closes_quote(comma) and doc.words[comma - 1] == ","):
                return None
            comma -= 1  # "Washington, star of television’s “Scandal,” thanked"
        opening = self._opening_name(comma, r0)
        if opening is not None:
            return opening
        k = comma - 1
        while k >= r0 and doc.words[k] != "," and comma - k <= MAX_RELATIVE_TOKENS:
            if (doc.words[k] in QUOTE_MARKS and not self._mark_within(k, r0, end)) or doc.words[
                k
            ] in ";:()":
                return None
            k -= 1
        if k < r0 or doc.words[k] != "," or k + 1 >= comma:
            return None
        relative = doc.lower[k + 1] in ("who", "whose", "which", "including")
        if (
            not relative
            and comma - k > MAX_APPOSITION_TOKENS
            and not (comma - k <= MAX_RELATIVE_TOKENS and self._name_after_quotation(k - 1, r0))
        ):
            return None
        inner = self._name_before(comma - 1, k + 1)
        if not relative and inner is not None and inner == (k + 1, comma):
            outer = self._subject(k - 1, r0)  # DESCRIPTION, NAME,
            if outer is not None and not doc.caps[outer[1] - 1]:
                return inner, outer
            if outer is None:
                return inner, None
        name = self._subject(k - 1, r0)
        if name is None or (not relative and not doc.caps[name[1] - 1]):
            return None  # "The complaint, which was filed Monday, alleged": any phrase
        return name, None if relative else (k + 1, comma)

    def _mark_within(self, k: int, a: int, b: int) -> bool:
        """Whether the quote mark at token ``k`` is a possessive ("Sanders’ campaign") or
        pairs with a mark inside tokens ``a``–``b`` (a title quoted in an apposition)."""
        doc = self.doc
        partner = doc.opener_of.get(k, doc.close_of.get(k))
        if partner is not None:
            return a <= partner <= b
        return (
            doc.words[k] in ("’", "'")
            and not doc.space[k]
            and doc.lower[k - 1].endswith("s")
            and (k + 1 >= doc.n or doc.space[k + 1])
        )

    def _name_after_quotation(self, k: int, r0: int) -> bool:
        """Whether a name ends at token ``k`` right after a quotation ("“…,” Fred Kagan,
        director of …, said"): there its apposition may be long, the clause being the
        attribution of that quotation."""
        name = self._name_before(k, r0)
        if name is None:
            return False
        j = name[0] - 1
        if j >= r0 and self.doc.words[j] == "," and self._closes_quote(j - 1):
            return True
        return j >= r0 and self._closes_quote(j)

    def _opening_name(self, comma: int, r0: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """A sentence that opens with a name and describes it up to the comma before its
        cue: "Greg Raiff, chief executive of Private Jet Services, an aviation firm, said"."""
        doc, lex = self.doc, self.lex
        a = r0
        while a < comma and doc.lower[a] in lex.leading_conjunctions:
            a += 1
        if a < comma and _AGE.match(doc.words[a]):
            a += 1  # "81-year-old Parker Eaton, a nominal Republican ..., said"
        k = a
        while k < comma and k - a <= MAX_NAME_TOKENS + 3 and doc.words[k] != ",":
            w = doc.words[k]
            if not (
                (doc.caps[k] and w[0].isalpha())
                or (w == "." and not doc.space[k])
                or w in "()"
                or (k > a and doc.words[k - 1] == "(")
                or (k > a and doc.lower[k] in lex.name_particles)
            ):
                return None
            k += 1
        if k >= comma or doc.words[k] != "," or k == a or not doc.caps[a]:
            return None
        if comma - k > MAX_RELATIVE_TOKENS or any(
            doc.words[x] in QUOTE_MARKS or doc.words[x] in ";:" for x in range(k, comma)
        ):
            return None
        name = self._name_before(k - 1, a) if doc.words[k - 1] != ")" else (a, k)
        if name is None or (doc.lower[a] in lex.pronouns):
            return None
        return (a, k), (k + 1, comma)

    def _listener(self, end: int, r1: int) -> tuple[int, int] | None:
        """Who was told: a pronoun, an outlet, a name (with its show), or a short phrase."""
        doc, lex = self.doc, self.lex
        if end >= r1:
            return None
        j = end
        lower = doc.lower[j]
        if lower in lex.listeners:
            return j, j + 1
        if end + 1 < r1 and f"{lower} {doc.lower[end + 1]}" in lex.listeners:
            return j, j + 2
        if lower in lex.definite or lower in lex.determiners:
            j += 1
        k = j
        while (
            k < r1
            and k - end < MAX_LISTENER_TOKENS
            and (
                (doc.caps[k] and doc.words[k][0].isalpha())
                or (k > j and doc.lower[k] in ("of", "the") and k + 1 < r1 and doc.caps[k + 1])
            )
        ):
            k += 1
        if k > j:
            return end, k
        for k in range(end + 1, min(r1, end + 4)):  # "told members that", "told party leaders:"
            if doc.lower[k] == "that" or doc.words[k] == ":" or k in doc.close_of:
                if all(doc.words[x][0].isalpha() for x in range(end, k)):
                    return end, k
                break
        if j > end:  # "told the magazine", "told a reporter"
            k = j
            while (
                k < r1
                and k - j < 2
                and doc.words[k][0].isalpha()
                and doc.lower[k] not in ("that", "to", "whether", "if", "about", "in", "on")
            ):
                k += 1
            if k > j:
                return end, k
        return None

    def _source_after(self, end: int, r1: int, form: CueForm) -> tuple[int, int] | None:
        """An inverted source ("said Smith", "added the official"): a name, pronoun or
        determiner phrase running to the end of the clause. After a cue of telling only a
        phrase that ends the sentence ("warned Clinton."): "told The New York Times in
        2015" names the listener."""
        doc, lex = self.doc, self.lex
        if form.role not in ("speech", "belief"):
            return None  # "praised Cruz for ..." names the object, never the speaker
        j = end
        while j < r1 and doc.lower[j] in lex.subject_skip:
            j += 1
        if j >= r1:
            return None
        first = doc.lower[j]
        if (first in lex.weekdays or first in lex.time) and (
            j + 1 >= r1 or not doc.caps[j + 1] or doc.words[j + 1] in SENTENCE_ENDS
        ):
            return None  # "…, said Sunday.": when, not who
        if form.listener and doc.lower[end - 1] in ("told", "tells", "tell", "telling"):
            return None  # "“…,” Butz told The Huffington Post": the listener, not a source
        if first in lex.pronouns and not (
            first == "one" and j + 1 < r1 and doc.words[j + 1][0].isalpha()
        ):  # "said one party activist": a determiner there
            nxt = doc.words[j + 1] if j + 1 < r1 else "."
            return (j, j + 1) if nxt in ",;." or nxt in SENTENCE_ENDS else None
        quoted = end - 2 >= 0 and (
            self._closes_quote(end - 2)
            or (doc.words[end - 2] == "," and self._closes_quote(end - 3))
        )
        if quoted:
            # "…,” said election lawyer Joe Birkenstock.", "said 81-year-old Parker Eaton, ...",
            # "said Republican party boss Reince Priebus, though ...", "said one party
            # activist.": a description that ends in a name or a role, then the clause's end
            k = j
            while (
                k < r1
                and k - j < MAX_SOURCE_AFTER_TOKENS
                and (
                    (
                        doc.words[k] not in CLAUSE_PUNCT
                        and doc.words[k] not in SENTENCE_ENDS
                        and doc.words[k] not in QUOTE_MARKS
                    )
                    or (
                        doc.words[k] == "."
                        and not doc.space[k]
                        and k + 1 < r1
                        and doc.caps[k + 1]
                        and not doc.newline[k + 1]
                    )
                )
                and doc.lower[k] not in lex.cue_words
                and doc.lower[k] not in ("who", "whose", "which", "that")
                and not (k > j and doc.lower[k] in lex.time)
                and not (
                    k > j
                    and doc.lower[k] in lex.lead_preposition
                    and not (doc.lower[k] == "of" and k + 1 < r1 and doc.caps[k + 1])
                )
                and (doc.words[k][0].isalnum() or doc.words[k] == ".")
            ):
                k += 1
            ends_clause = (
                k >= r1
                or doc.words[k] in ",;("
                or doc.words[k] in SENTENCE_ENDS
                or doc.lower[k] in lex.lead_preposition
                or doc.lower[k] in lex.time
                or doc.lower[k] in ("who", "whose")
            )
            last = doc.lower[k - 1] if k > j else ""
            if (
                k > j
                and ends_clause
                and (
                    (doc.caps[k - 1] and doc.words[k - 1][0].isalpha())
                    or last in lex.role_nouns
                    or last in lex.description_nouns
                )
            ):
                return j, k
            if not (doc.caps[j] or first in lex.definite or first in lex.indefinite):
                return None
        if not (
            (doc.caps[j] and doc.words[j][0].isalpha())
            or first in lex.pronouns
            or first in lex.definite
            or first in lex.indefinite
        ):
            return None
        k = j
        while k < r1 and k - j < MAX_SOURCE_AFTER_TOKENS:
            w = doc.words[k]
            if w in CLAUSE_PUNCT or (
                w in SENTENCE_ENDS and (doc.space[k] is False and k + 1 >= r1)
            ):
                break
            if w in QUOTE_MARKS or (w in SENTENCE_ENDS and k + 1 >= r1):
                break
            if (
                doc.lower[k] in ("that", "who", "which")
                or (
                    k > j
                    and doc.lower[k] in lex.lead_preposition
                    and not (doc.lower[k] == "of" and k + 1 < r1 and doc.caps[k + 1])
                )
                or (k > j and doc.lower[k] in lex.time)
            ):
                break
            if k > j and doc.lower[k] in lex.cue_words:
                return None
            if k > j and (doc.lower[k] in lex.be or doc.lower[k] in lex.subject_skip):
                return None  # "said the deal was dead": a clause, not "said the official"
            if doc.lower[k] == "of" and k > j and doc.caps[k - 1]:
                # "says Stu Rothenberg of the Rothenberg Political Report": to the boundary
                while (
                    k < r1
                    and doc.words[k] not in CLAUSE_PUNCT
                    and doc.words[k] not in SENTENCE_ENDS
                    and k - j < MAX_SOURCE_AFTER_TOKENS
                ):
                    k += 1
                break
            if (
                doc.caps[j]
                and not doc.caps[k]
                and doc.words[k][0].isalpha()
                and doc.lower[k] not in lex.name_particles
                and doc.lower[k] != "and"
            ):
                return None  # a name followed by a lower-case word: a clause, not a source
            k += 1
        if k == j or k - j >= MAX_SOURCE_AFTER_TOKENS:
            return None
        if k < r1 and (doc.words[k] == "(" or doc.lower[k] in ("who", "whose")):
            return j, k  # "said Sen. Harry Reid (D-Nev.).", "said a lawyer who ..."
        if form.listener and k < r1 and doc.words[k] not in SENTENCE_ENDS:
            return None
        if (
            k < r1
            and doc.words[k] not in ",;"
            and doc.words[k] not in SENTENCE_ENDS
            and doc.lower[k] not in lex.lead_preposition
            and doc.lower[k] not in lex.time
        ):
            return None  # more follows: "said Fiorina “was involved”" is not inverted
        return j, k
