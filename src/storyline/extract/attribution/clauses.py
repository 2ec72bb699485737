"""The clause a cue sits in: the subject a sentence opens with (after datelines and
opening adverbials), which participles and coordinated cues inherit ("…, saying"), and the
cut of a content that runs into a trailing attribution."""

from __future__ import annotations

from storyline.extract.attribution.limits import (
    MAX_DATELINE_TOKENS,
    MAX_DETERMINER_PHRASE_TOKENS,
    MAX_NAME_TOKENS,
)
from storyline.extract.attribution.record import Attribution, FinderBase
from storyline.extract.sentences import CLAUSE_PUNCT, QUOTE_MARKS, SENTENCE_ENDS


class Clauses(FinderBase):
    """Subjects and cuts that need every attribution of the sentence."""

    def _inherit_subjects(self, found: list[Attribution]) -> None:
        """A participle or coordinated cue speaks for its clause's subject: the speaker of
        the nearest attribution before it in the sentence, else the sentence's subject; the
        sentence's subject also wins over a speaker that comes after it (one of a clause
        inside the sentence)."""
        for index, attribution in enumerate(found):
            if not attribution.inherit and not self._fronting_word(attribution.subject):
                continue
            fronted = self._fronted_subject(*attribution.region, attribution.cue[0])
            if fronted is not None:
                attribution.subject = fronted
                attribution.description = None
                continue
            relative = self._relative_subject(attribution.region[0], attribution.cue[0])
            if relative is not None:
                # "McConnell, who has endorsed Trump and criticized his campaign": the
                # relative clause's "who" speaks (the mention; its antecedent is the name)
                attribution.subject = relative
                attribution.description = None
                continue
            donor = None
            for other in reversed(found[:index]):
                if other.region == attribution.region and other.subject is not None:
                    donor = other
                    break
            if donor is None:
                for other in found[index + 1 :]:
                    if other.region == attribution.region and other.subject is not None:
                        donor = other
                        break
            opening = self._clause_subject(*attribution.region, attribution.cue[0])
            if donor is not None and not (
                opening is not None
                and donor.subject is not None
                and donor.subject[0] > opening[0]
                and donor.trailing_at is None  # "…, Hollande said, noting": his words
            ):
                attribution.subject = donor.subject
                attribution.description = donor.description
            else:
                # the sentence's own subject, rather than one of a clause inside it ("The
                # retired neurosurgeon has given no details about how he planned ..., saying")
                attribution.subject = opening

    def _fronted_subject(self, r0: int, r1: int, cue: int) -> tuple[int, int] | None:
        """The subject of a cue inside the phrase that opens its sentence: a gerund phrase
        before the main clause speaks for the main clause's subject ("Having announced that
        …, Judge Berman proceeded", "Besides attacking X, Mr. Trump asserted", "A day after
        saying X, Rubio …"); a finite clause opened by a subordinator has its own subject
        ("When Trump launched his campaign by talking about …, his critics …"). ``None``
        when the cue is in no such phrase."""
        doc, lex = self.doc, self.lex
        j = self._after_dateline(r0, cue)
        while j < cue and doc.lower[j] in lex.leading_conjunctions:
            j += 1
        if j > cue or any(doc.words[k] in CLAUSE_PUNCT for k in range(j, cue)):
            return None
        first = doc.lower[j]
        if first in lex.pronouns:
            return None
        if j < cue and first in lex.subordinators and not doc.lower[j + 1].endswith("ing"):
            subject = self._clause_subject(j + 1, r1, cue)
            return subject if subject is not None and subject[1] <= cue else None
        gerund = doc.lower[cue].endswith("ing") or (j < cue and doc.lower[cue - 1] == "having")
        if not gerund:
            return None
        if j < cue:
            lead = doc.lower[cue - 1]
            if not (lead in lex.prepositions or lead in lex.subordinators or lead == "having"):
                return None
            if any(
                (doc.caps[k] and doc.words[k][0].isalpha())
                or doc.lower[k] in lex.pronouns
                or doc.lower[k] in lex.cue_words
                or doc.lower[k].endswith("ed")
                for k in range(j + 1, cue - 1)
            ):
                return None  # "In his speech Trump … while claiming": a subject of its own
            if doc.caps[j] and not (
                first in lex.prepositions
                or first in lex.lead_preposition
                or first in lex.subordinators
                or first in lex.fronting
                or self._time_count(j, cue)
                or first in lex.time
                or first in lex.definite
                or first in lex.indefinite
            ):
                return None  # "Trump by declaring": the sentence's subject
        comma = next(
            (
                k
                for k in range(cue + 1, r1)
                if doc.words[k] == "," and doc.quote_of[k] == doc.quote_of[cue]
            ),
            None,
        )
        if comma is None:
            return None
        return self._clause_subject(comma + 1, r1, r1)

    def _fronting_word(self, subject: tuple[int, int] | None) -> bool:
        """Whether a subject found before a cue is only a word that opens a phrase ("Besides
        attacking …", "Having said …"): no one, so the cue inherits its clause's subject."""
        return (
            subject is not None
            and subject[1] - subject[0] == 1
            and self.doc.lower[subject[0]] in self.lex.fronting
        )

    def _time_count(self, j: int, cue: int) -> bool:
        """Whether a count and a time word open at ``j`` ("One month after", "Two weeks
        later"), not a subject ("One operative", "Two past elections")."""
        doc, lex = self.doc, self.lex
        if doc.lower[j] not in lex.counts or j + 1 >= cue:
            return False
        following = doc.lower[j + 1]
        return following in lex.time or following in lex.time_plurals

    def _relative_subject(self, r0: int, cue: int) -> tuple[int, int] | None:
        """The relative pronoun whose clause a cue continues ("Graham, who had endorsed Bush
        and headlined", "a president who hoped to", "Ryan, who surprised Trump by
        declaring"): the nearest "who" or "which" before the cue with no clause punctuation
        or quote mark between them, after a name or noun (not "asked who"). Its
        antecedent is recorded for the speaker's name."""
        doc, lex = self.doc, self.lex
        j = cue - 1
        while j > r0:
            word = doc.words[j]
            if word in CLAUSE_PUNCT or word in QUOTE_MARKS or word in SENTENCE_ENDS:
                return None
            if doc.lower[j] in ("who", "which"):
                break
            j -= 1
        else:
            return None
        prev = doc.lower[j - 1]
        if prev in lex.cue_words or prev in lex.prepositions:
            return None  # "asked who", "wondered which", "of which": not a relative clause
        if j not in self.antecedents:
            k = j - 2 if doc.words[j - 1] == "," else j - 1
            antecedent = self._name_before(k, r0) or self._subject(k, r0)
            if antecedent is not None:
                self.antecedents[j] = antecedent
        return j, j + 1

    def _clause_subject(self, r0: int, r1: int, cue: int) -> tuple[int, int] | None:
        """The subject a sentence opens with — a pronoun, a name, or a short determiner
        phrase — after leading conjunctions, an opening adverbial phrase up to its comma
        ("In an interview with The Wall Street Journal, Trump ...") and a place ("Ohio,")."""
        doc, lex = self.doc, self.lex
        j = self._after_dateline(r0, cue)
        while j < cue and doc.lower[j] in lex.leading_conjunctions:
            j += 1
        # "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton ...": every opening
        # phrase up to its comma
        opening = True
        while j < cue and (
            doc.lower[j] in lex.lead_preposition
            or doc.lower[j] in lex.subordinators
            # "Inside the hall, Trump ...", "Like Corker, Menendez ...": any preposition
            or (doc.lower[j] in lex.prepositions and doc.lower[j] != "of")
            or (doc.lower[j] in lex.fronting and doc.caps[j])
            or self._time_count(j, cue)
            or (
                opening
                and j + 1 < cue
                and doc.words[j + 1] == ","
                and doc.lower[j] not in self.surnames
            )
            or self._opens_adverbial(j, cue)
        ):
            opening = False
            k = j
            while k < cue and doc.words[k] != ",":
                k += 1
            if k >= cue:
                return None
            j = k + 1
            while True:  # "in St. Clairsville, Ohio, Brenda Johnson ..."
                e = j
                while e < cue and doc.caps[e] and doc.words[e][0].isalpha():
                    e += 1
                if e > j and e < cue and doc.words[e] == "," and e - j <= 2:
                    j = e + 1
                else:
                    break
        if j >= cue:
            return None
        if doc.lower[j] in lex.pronouns and not (
            doc.lower[j] == "one" and j + 1 < cue and doc.words[j + 1][0].isalpha()
        ):
            return j, j + 1
        k = j
        if doc.lower[k] in lex.definite or doc.lower[k] in lex.indefinite:
            k += 1
        e = k
        while (
            e < cue
            and e - k < MAX_NAME_TOKENS + 2
            and (
                doc.words[e][0].isalpha()
                # "Mrs. Clinton": the period of a title inside the name
                or (
                    doc.words[e] == "."
                    and e > k
                    and not doc.space[e]
                    and doc.lower[e - 1] in lex.abbreviations
                    and e + 1 < cue
                    and doc.caps[e + 1]
                )
            )
            and (
                doc.caps[e]
                or doc.words[e] == "."
                or (
                    (e > k or k > j)  # after a determiner a common noun may open it
                    and doc.lower[e] not in lex.cue_words
                    and doc.lower[e] not in lex.subject_stop
                    and doc.lower[e] not in lex.subject_skip
                    and not doc.lower[e].endswith(("ed", "ly"))
                )
            )
        ):
            e += 1
        if e == k:
            return None
        if doc.caps[k]:
            return j, e
        # "The billionaire businessman began by ...": up to the last noun for people;
        # "The government, for instance, refused": a determiner and a short phrase
        short = k > j and e - k <= MAX_DETERMINER_PHRASE_TOKENS
        while e > k and not (
            doc.lower[e - 1] in lex.description_nouns or doc.lower[e - 1] in lex.role_nouns
        ):
            e -= 1
        if e > k:
            return j, e
        return (j, k + 1) if short else None

    def _opens_adverbial(self, j: int, cue: int) -> bool:
        """Whether the sentence opens at token ``j`` with a phrase that is not its subject,
        up to a comma: a participle ("Speaking at a town hall, Trump ...", "Asked on Monday
        whether ..., Mrs. Clinton ..."), an adverb or a time ("Hours later, Trump ...",
        "Earlier Wednesday, Schilling ...")."""
        doc, lex = self.doc, self.lex
        if not any(doc.words[k] == "," for k in range(j + 1, cue)):
            return False
        word = doc.lower[j]
        following = doc.lower[j + 1] if j + 1 < cue else ""
        # "Speaking Sunday on ABC, ...", "Asked on Monday whether ..., ..." (not "Manning
        # said", a surname)
        participle = (
            len(word) > 4
            and word not in self.surnames
            and bool(following)
            and following[0].isalpha()
            and (
                (word.endswith("ing") and following not in lex.cue_words)
                or (word.endswith("ed") and not doc.caps[j + 1])
            )
        )
        comma = next(k for k in range(j + 1, cue) if doc.words[k] == ",")
        last = doc.lower[comma - 1]
        return (
            participle
            or word in lex.time
            or word in lex.subject_skip
            or word in lex.weekdays
            or following in ("later", "earlier", "ago")
            or (len(word) > 4 and word.endswith("ly") and not doc.caps[j + 1])  # not "Carly"
            # "But a few days later, Trump ...", "Back in 1999, Mr. Trump ..."
            or last in ("later", "earlier", "ago", "before", "after")
            or (last[0].isdigit() and comma - j <= MAX_DATELINE_TOKENS)
        )

    def _after_dateline(self, r0: int, cue: int) -> int:
        """The first token after a dateline that opens the sentence ("WASHINGTON —",
        "ORLANDO, Fla. (Reuters) -", "New York (AFP) –"), else ``r0``."""
        doc = self.doc
        for k in range(r0, min(cue, r0 + MAX_DATELINE_TOKENS)):
            if doc.words[k] in ("-", "–", "—") and k > r0:
                before = doc.words[k - 1]
                if before == ")" or (before.isupper() and len(before) > 1 and k - 1 == r0):
                    return k + 1
                return r0
            if not (doc.caps[k] or doc.words[k] in ",.()" or doc.words[k][0].isdigit()):
                return r0
        return r0

    def _cut_at_trailing(self, found: list[Attribution]) -> None:
        """A content that runs into a trailing attribution stops before it ("saying X,
        the sources claimed": "saying" says X)."""
        doc = self.doc
        marks = [(a.region, a.trailing_at) for a in found if a.trailing_at is not None]
        if not marks:
            return
        for attribution in found:
            c0, c1 = attribution.content
            for region, at in marks:
                assert at is not None
                cut = doc.starts[at]
                if (
                    region == attribution.region
                    and c0 < cut < c1
                    and doc.starts[attribution.cue[0]] < cut
                ):
                    end = cut
                    while end > c0 and self.text[end - 1] in " ,;:\n\t":
                        end -= 1
                    if end > c0:
                        attribution.content = (c0, end)
