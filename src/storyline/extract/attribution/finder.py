"""Attribution: cue words, and the subject and content each cue introduces.

:class:`Finder` reads one text (a :class:`~storyline.extract.sentences.Doc`) in one pass over
its tokens. Every cue word from ``data/speech_verbs.toml`` starts an attribution: its subject
is the noun phrase before it (or after it: "said Smith", "according to X"); its content is
what follows ("that …", ": “…”", the rest of the clause) or, when the cue trails ("…,” he
said."), what precedes it. A cue inside a quote is read within that quote. Resolving the
subjects to speakers is :mod:`storyline.extract.speakers`' job.

Beyond cue words: a quotation introduced by a name and a colon alone ("Clinton: “…”"), or
by a clause ending in a colon ("Trump leaned in and boomed: “…”"), is attributed with the
colon as its cue; a quotation that opens its sentence and ends in a comma, "?" or "!" goes
to the phrase after it even when its verb is no cue ("“…,” an angry Hollande retaliated.",
"“…,” Ramon Diaz, chairman of the commission, told Reuters."); a cue set off after a
quotation ("… “dead on arrival” (as Smith put it)") attributes it; a sentence that only says
who spoke ("Lau said in a statement.") attributes the quotation the next sentence opens
with; a cue set off by commas inside a clause ("The toll, Quist said, would be …") reads the
whole clause. A quotation interrupted by its attribution ("“A,” she said. “B.”") is one
quote from A to B; cues marked ``quoted_only`` in the data file ("read", "chanting") count
only with a quotation as their content.

The steps live beside this module: :mod:`.subjects` (who), :mod:`.content` (what),
:mod:`.quotations` (quotations without a leading cue), :mod:`.clauses` (the sentence's
subject, after the pass); :mod:`.limits` holds their limits, calibrated once on PolNeAR's
training split (never on dev): general reading rules, not fitted to any file.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.extract.attribution.clauses import Clauses
from storyline.extract.attribution.content import Contents
from storyline.extract.attribution.lexicon import CueForm
from storyline.extract.attribution.limits import (
    MAX_SOURCE_AFTER_TOKENS,
)
from storyline.extract.attribution.quotations import SPOKEN_ROLES, Quotations
from storyline.extract.attribution.record import Attribution
from storyline.extract.attribution.subjects import Subjects
from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    DOUBLE,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
)


class Finder(Quotations, Subjects, Contents, Clauses):
    """Finds the attributions of one text (tokens in, :class:`Attribution` out)."""

    def cues(self) -> Iterable[tuple[int, int, CueForm]]:
        doc, lex = self.doc, self.lex
        i = 0
        while i < doc.n:
            forms = lex.cues.get(doc.lower[i])
            if not forms:
                i += 1
                continue
            for form in forms:
                end = i + len(form.words)
                if end <= doc.n and all(
                    doc.lower[i + k] == form.words[k] for k in range(1, len(form.words))
                ):
                    if self._is_cue(i, end, form):
                        yield i, end, form
                        i = end - 1
                    break
            i += 1

    def _is_cue(self, i: int, end: int, form: CueForm) -> bool:
        """Whether a cue form at ``i`` is used as a cue here (not a noun, an adjective or a
        passive: "drone attacks", "emotionally charged", "sources cited by the outlet")."""
        doc, lex = self.doc, self.lex
        if end < doc.n and doc.lower[end] == "by" and not form.source_after:
            return False
        if i == 0:
            return True
        if (
            doc.caps[i]
            and doc.caps[i - 1]
            and doc.sid[i - 1] == doc.sid[i]
            and doc.words[i - 1][0].isalpha()
            and not form.source_after
        ):
            return False  # inside a name: "United States", "Daily Caller Reports"
        before = self._skip_back(i - 1, doc.bounds[doc.sid[i]][0])
        if before < 0 or doc.sid[before] != doc.sid[i]:
            return True
        prev = doc.lower[before]
        if form.source_after:
            return True
        if prev in lex.noun_markers or (prev in lex.prepositions and not form.participle):
            return False
        if prev in lex.be and not form.participle and form.words[0] != "expected":
            return False
        if POSSESSIVE.search(prev) and len(prev) > 3:
            return False  # "Trump's warning"
        if (
            form.participle
            and before == i - 1
            and prev[0].isalpha()
            and not doc.caps[before]
            and not (
                prev in lex.participle_leads
                or prev in lex.be
                or prev in lex.pronouns
                or prev in lex.description_nouns
                or prev in lex.role_nouns
                or prev in lex.subject_skip
                or prev in ("who", "which", "that")
                or (len(prev) > 4 and prev.endswith("ly"))
            )
        ):
            return False  # "a creative writing professor", "a voice-over saying" aside
        if doc.lower[i] in lex.noun_forms and before == i - 1 and prev[0].isalpha():
            head = (
                (
                    doc.caps[before]
                    and prev not in lex.determiners
                    and prev not in lex.definite
                    and prev not in lex.indefinite
                )  # "Those comments", "Most states": a determiner, not a name
                or prev in lex.pronouns
                or prev in lex.description_nouns
                or prev in lex.role_nouns
                or prev in ("who", "which")
            )
            if not head:
                return False
        return True

    def run(self) -> list[Attribution]:
        found: list[Attribution] = []
        bare: list[tuple[int, int, CueForm, Attribution | None]] = []
        for i, end, form in self.cues():
            attribution = self._attribute(i, end, form)
            if attribution is not None and (not form.quoted_only or attribution.kind == "direct"):
                found.append(attribution)
            elif form.role in SPOKEN_ROLES and not form.raising:
                bare.append((i, end, form, attribution))
        found.extend(self._colon_quotes(found))
        found.extend(self._tail_quotes(found))
        found.extend(self._aside_quotes(found, bare))
        found.extend(
            self._next_sentence_quotes(found, [(i, e, f) for i, e, f, a in bare if a is None])
        )
        found.extend(self._uncued_quotes(found))
        found.sort(key=lambda a: a.cue[0])
        self._inherit_subjects(found)
        self._cut_at_trailing(found)
        self._join_interrupted(found)
        return found

    def _inheriting(
        self, i: int, end: int, form: CueForm, r0: int, r1: int
    ) -> Attribution | None:
        """An attribution whose content follows the cue and whose speaker is the subject of
        the clause it stands in (given later by :mod:`.clauses`); None without content."""
        content, listener = self._content_after(end, r1, form)
        if content is None:
            return None
        attribution = self._make(i, end, form, content, None, None, r0, r1)
        attribution.inherit = True
        attribution.listener = listener
        return attribution

    def _attribute(self, i: int, end: int, form: CueForm) -> Attribution | None:
        r0, r1 = self._region(i)
        if form.source_after:
            return self._according(i, end, form, r0, r1)
        if form.raising:  # "Clinton seems to ...": no one's statement, no speaker
            content = self._content_after(end, r1, form)[0]
            return self._make(i, end, form, content, None, None, r0, r1) if content else None
        doc, lex = self.doc, self.lex
        before = self._skip_back(i - 1, r0)
        if form.participle and before >= r0 and doc.lower[before] in lex.be:
            before = self._skip_back(before - 1, r0)  # "he is telling reporters"
        subject: tuple[int, int] | None = None
        description: tuple[int, int] | None = None
        object_before = False
        if form.participle and (
            before < r0
            or doc.words[before] in CLAUSE_PUNCT
            or self._closes_quote(before)
            or doc.lower[before] in lex.participle_leads
        ):
            # "Citing sources, ...", "..., saying ...", "by noting": the clause's subject
            content = self._participle_content(end, r1, at_start=before < r0, form=form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            return attribution
        if before < r0:
            pass
        elif doc.words[before] in ",;" or self._closes_quote(before):
            # "“…,” said Smith." / "Witkoff, Trump's special envoy, told CNN"
            source = self._source_after(end, r1, form)
            if source is not None:
                content = self._content_before(r0, before)
                if content is not None:
                    return self._make(
                        i, end, form, content, source, None, r0, r1, trailing_at=before
                    )
            apposition = self._apposition(before, r0)
            if apposition is not None:
                subject, description = apposition
        elif doc.lower[before] in lex.coordinators or doc.lower[before] == "to":
            # "to say", "refused to tell", "X acknowledged that A but emphasized that B": the
            # speaker is the clause's subject, found after the pass (:mod:`.clauses`)
            return self._inheriting(i, end, form, r0, r1)
        else:
            subject = self._subject(before, r0)
            if (
                form.participle
                and subject is not None
                and subject[0] - 1 >= r0
                and doc.lower[subject[0] - 1] in lex.prepositions
                and doc.lower[subject[0] - 1] != "with"  # "with McCain telling reporters"
            ):
                subject = None  # "Sanders was on CNN talking about": not CNN's words
                object_before = True
            elif form.participle and subject is not None and self._object_of_verb(subject, r0):
                # "The town released a statement saying", "Carson shared a syllabus ...,
                # writing": the noun is the object; the clause's subject speaks
                subject = None
                object_before = True
        if object_before:
            return self._inheriting(i, end, form, r0, r1)
        if subject is None and before >= r0 and doc.words[before] == ",":
            # "Trump summed up Clinton as “terrible,” denounced her record": the clause's
            # subject speaks
            return self._inheriting(i, end, form, r0, r1)
        if subject is not None:
            punct = self._skip_back(subject[0] - 1, r0)
            if punct >= r0 and (doc.words[punct] in ",;" or self._closes_quote(punct)):
                strong = self._closes_quote(punct) or (
                    doc.words[punct] == "," and punct - 1 >= r0 and self._closes_quote(punct - 1)
                )
                close = punct if self._closes_quote(punct) else punct - 1
                if strong and self._quoted_title(doc.opener_of[close], close):
                    # "Asked on “CBS This Morning,” Sanders said he …": a show in the
                    # setting, not a quotation the cue trails
                    strong = False
                # "“…,” he mocks": after a quotation any cue may trail
                if (form.trails or strong) and self._post_is_adjunct(
                    end, r1, form, strong, r0, punct
                ):
                    content = self._content_before(r0, punct)
                    if content is not None:
                        listener = self._listener(end, r1) if form.listener else None
                        goes_on = (
                            None
                            if content[2] == "direct"
                            else self._continuation(listener[1] if listener else end, r1)
                        )
                        if goes_on is not None:
                            # "The policy, Trump said, would be …": the whole sentence
                            kind = (
                                "mixed"
                                if any(doc.words[x] in DOUBLE for x in range(r0, r1))
                                else "indirect"
                            )
                            content = (content[0], goes_on, kind)
                        attribution = self._make(
                            i, end, form, content, subject, None, r0, r1, trailing_at=punct
                        )
                        attribution.listener = listener
                        return attribution
        content, listener = self._content_after(end, r1, form)
        if content is None:
            return None
        attribution = self._make(i, end, form, content, subject, description, r0, r1)
        attribution.listener = listener
        return attribution

    def _according(self, i: int, end: int, form: CueForm, r0: int, r1: int) -> Attribution | None:
        """ "According to X, CONTENT" and "CONTENT, according to X"."""
        doc, lex = self.doc, self.lex
        j = end
        k = j
        while k < r1 and k - j < MAX_SOURCE_AFTER_TOKENS:
            w = doc.words[k]
            if (
                w in CLAUSE_PUNCT
                or w in QUOTE_MARKS
                or (w in SENTENCE_ENDS and (k + 1 >= r1 or doc.space[k]))
            ):
                break
            k += 1
        if k == j or k - j >= MAX_SOURCE_AFTER_TOKENS:
            return None
        source = (j, k)
        lead = i
        while lead > r0 and doc.lower[lead - 1] in lex.leading_conjunctions | {","}:
            lead -= 1
        if lead == r0:
            start = k + 1 if k < r1 and doc.words[k] == "," else k
            content = self._content_span(start, r1)
            trailing_at = None
        else:
            stop = i - 1 if doc.words[i - 1] in ",(—–" else i
            content = self._content_before(r0, stop)
            trailing_at = stop
        if content is None:
            return None
        return self._make(i, end, form, content, source, None, r0, r1, trailing_at)
