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

Calibration: the limits below were set once on PolNeAR's training split (never on dev) and
are general reading rules, not fitted to any file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    DOUBLE,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
    Doc,
)

if TYPE_CHECKING:
    from storyline.extract.speakers import OutletMention, Speaker

__all__ = [
    "Attribution",
    "CueForm",
    "Finder",
    "Lexicon",
    "lexicon",
    "reported_speech_subset",
    "speech_cue_forms",
]

#: Longest subject of a cue, in tokens ("Officials close to the talks" is 5, "A later report
#: by the Financial Times" 7); longer runs are nearly always a clause, not a subject
#: (checked on polnear/train).
MAX_SUBJECT_TOKENS = 12
#: Longest source after "according to" or an inverted cue ("said Smith, the mayor").
MAX_SOURCE_AFTER_TOKENS = 12
#: How far after a cue (tokens) its content may open with "that", ":" or a quote mark:
#: "said in a statement on Tuesday that" is 7.
OPENER_LOOKAHEAD = 10
#: Longest listener after a cue of telling ("told CNN's State of the Union").
MAX_LISTENER_TOKENS = 6
#: Longest personal name, in tokens, once titles are taken off ("Martin Luther King Jr").
MAX_NAME_TOKENS = 4
#: Longest apposition between a name and its cue ("Steve Witkoff, Trump's special envoy,").
MAX_APPOSITION_TOKENS = 10
#: Longest aside between dashes or brackets skipped between a subject and its cue.
MAX_PARENTHETICAL_TOKENS = 25
#: Longest relative clause between a name and its cue ("Petrilli, who thinks ..., called").
MAX_RELATIVE_TOKENS = 30
#: Longest dateline before a wire story's first sentence ("ORLANDO, Fla. (Reuters) -" is 8).
MAX_DATELINE_TOKENS = 12
#: Longest source and setting between a cue and the rest of the quotation it interrupts
#: ("“A,” said Sen. Harry Reid (D-Nev.) on Tuesday, “B”" is 11).
MAX_INTERRUPTION_TOKENS = 12
#: Longest determiner phrase taken as the subject a sentence opens with when it has no noun
#: for people ("The government", "The email", "The Louisville crowd" are 1 and 2 words after
#: the determiner); longer runs are usually the subject and its verb phrase.
MAX_DETERMINER_PHRASE_TOKENS = 2
#: A trailing cue needs at least this many tokens of content before it.
MIN_CONTENT_TOKENS = 2
#: A sentence that ends in a cue and at most this many tokens of setting ("said in a
#: statement on Tuesday.") attributes the quotation after it: the longest settings seen in
#: polnear/train ("told reporters at a campaign stop in Iowa on Monday") are about 10.
MAX_SETTING_TOKENS = 10


@dataclass(frozen=True, slots=True)
class CueForm:
    words: tuple[str, ...]
    role: str
    listener: bool
    continues: bool
    source_after: bool
    trails: bool
    raising: bool
    quoted_only: bool = False

    @property
    def participle(self) -> bool:
        return self.words[0].endswith("ing")


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.lower().rstrip(".") for item in items)


class Lexicon:
    """The word lists of ``data/speech_verbs.toml``, indexed for the finder."""

    def __init__(self, data: dict[str, Any]):
        self.cues: dict[str, list[CueForm]] = {}
        self.speech_forms: set[str] = set()
        for group in data.get("cue", []):
            for surface in group["forms"]:
                form = CueForm(
                    words=tuple(surface.lower().split()),
                    role=group["role"],
                    listener=bool(group.get("listener", False)),
                    continues=bool(group.get("continues", False)),
                    source_after=bool(group.get("source_after", False)),
                    trails=bool(group.get("trails", True)),
                    raising=bool(group.get("raising", False)),
                    quoted_only=bool(group.get("quoted_only", False)),
                )
                if form.role == "speech":
                    self.speech_forms.add(surface.lower())
                forms = self.cues.setdefault(form.words[0], [])
                if all(f.words != form.words for f in forms):
                    forms.append(form)
        for forms in self.cues.values():
            forms.sort(key=lambda f: -len(f.words))
        # words that are a cue on their own (not "in" of "in the words of")
        self.cue_words = frozenset(
            w for w, forms in self.cues.items() if any(len(f.words) == 1 for f in forms)
        )
        subject = data["subject"]
        self.subject_stop = _words(subject["stop"])
        self.subject_skip = _words(subject["skip"])
        self.lead_preposition = _words(subject["lead_preposition"])
        self.time = _words(subject["time"])
        pronouns = data["pronouns"]
        self.singular = _words(pronouns["singular"])
        self.plural = _words(pronouns["plural"])
        self.first = _words(pronouns["first"])
        self.pronouns = self.singular | self.plural | self.first | _words(pronouns["other"])
        self.listeners = _words(pronouns["object"])
        descriptions = data["descriptions"]
        self.indefinite = _words(descriptions["indefinite"])
        self.definite = _words(descriptions["definite"])
        self.description_nouns = _plurals(_words(descriptions["nouns"]))
        roles = data["roles"]
        self.role_words = _words(roles["words"])
        self.role_nouns = _plurals(_words(roles["nouns"]))
        self.not_person = _words(roles["not_person"])
        self.anaphora = tuple(sorted(_words(data["outlet_anaphora"]["nouns"]), key=len))
        self.abbreviations = _words(data["sentences"]["abbreviations"])
        self.elisions = _words(data["sentences"].get("elisions", []))
        self.speech_subset = frozenset(f.lower() for f in data["subsets"]["speech"])
        self.noun_forms = _words(data["filters"]["noun_forms"])
        grammar = data["grammar"]
        self.prepositions = _words(grammar["prepositions"])
        self.be = frozenset(grammar["be"])
        self.noun_markers = _words(grammar["noun_markers"])
        self.determiners = _words(grammar["determiners"])
        self.coordinators = _words(grammar["coordinators"])
        self.leading_conjunctions = _words(grammar["leading_conjunctions"])
        self.post_adjuncts = _words(grammar["post_adjuncts"])
        self.asides = _words(grammar["asides"])
        self.subordinators = _words(grammar["subordinators"])
        self.weekdays = _words(grammar["weekdays"])
        self.name_particles = _words(grammar["name_particles"])
        self.tail_verbs = _words(data.get("quotation_tail", {}).get("verbs", []))
        # a participle after these speaks for its clause ("..., saying", "by noting")
        self.participle_leads = (
            self.prepositions | self.coordinators | {"when", "while", "also", "even"}
        )
        self.setting = _words(data["filters"]["setting"])
        self.function_words = (
            self.subject_stop
            | self.lead_preposition
            | self.definite
            | self.indefinite
            | self.pronouns
            | _words(data["subject"]["sentence_openers"])
        )


def _plurals(words: frozenset[str]) -> frozenset[str]:
    out = set(words)
    for word in words:
        out.add(word + "s")
        if word.endswith(("s", "sh", "ch", "x")):
            out.add(word + "es")
        if word.endswith("y"):
            out.add(word[:-1] + "ies")
        if word.endswith("man"):
            out.add(word[:-3] + "men")
        if word == "person":
            out.add("people")
    return frozenset(out)


@cache
def lexicon() -> Lexicon:
    path = resources.files("storyline.extract").joinpath("data/speech_verbs.toml")
    return Lexicon(tomllib.loads(path.read_text("utf-8")))


def speech_cue_forms() -> frozenset[str]:
    """Every cue form of role ``speech`` the finder reads (lower case): verbs and phrases of
    saying and reporting."""
    return frozenset(lexicon().speech_forms)


def reported_speech_subset() -> frozenset[str]:
    """The fixed verbs of saying that define the reported-speech subset of ``storyline eval
    quotes`` (``[subsets]`` of the data file; independent of the cue groups)."""
    return lexicon().speech_subset


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

#: Cue roles whose subject may be the speaker of a quotation next to it ("Bystrom agreed.
#: “…”"); stances, intents and evidence name what is praised, wanted or shown instead.
_SPOKEN = frozenset({"speech", "belief"})

#: What ends the words of a quotation that an attribution follows: "“…,” she said",
#: "“…?” he asked", "“…!” they chanted", "“… —” she went on".
_TAIL_PUNCT = frozenset({",", "?", "!", "—", "–", "…"})


# -- attributions ----------------------------------------------------------------------------


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


class Finder:
    """Finds the attributions of one text (tokens in, :class:`Attribution` out)."""

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

    # cue matching

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

    # the main pass

    def run(self) -> list[Attribution]:
        found: list[Attribution] = []
        bare: list[tuple[int, int, CueForm, Attribution | None]] = []
        for i, end, form in self.cues():
            attribution = self._attribute(i, end, form)
            if attribution is not None and (not form.quoted_only or attribution.kind == "direct"):
                found.append(attribution)
            elif form.role in _SPOKEN and not form.raising:
                bare.append((i, end, form, attribution))
        found.extend(self._colon_quotes(found))
        found.extend(self._tail_quotes(found))
        found.extend(self._aside_quotes(found, bare))
        found.extend(
            self._next_sentence_quotes(found, [(i, e, f) for i, e, f, a in bare if a is None])
        )
        found.sort(key=lambda a: a.cue[0])
        self._inherit_subjects(found)
        self._cut_at_trailing(found)
        self._join_interrupted(found)
        return found

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
            and a.form.role in _SPOKEN
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
            if doc.words[c - 1] not in _TAIL_PUNCT:
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

    def _region(self, i: int) -> tuple[int, int]:
        """The tokens a cue is read in: its sentence, or its sentence within a quote."""
        doc = self.doc
        q = doc.quote_of[i]
        if q < 0:
            return doc.bounds[doc.sid[i]]
        a, b = doc.raw_bounds[doc.raw_sid[i]]
        qa, qb = doc.quotes[q]
        return max(a, qa + 1), min(b, qb)

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
            # "to say", "refused to tell": the speaker is the clause's
            # "X acknowledged that A but emphasized that B": the subject is the clause's
            content, listener = self._content_after(end, r1, form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            attribution.listener = listener
            return attribution
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
            content, listener = self._content_after(end, r1, form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            attribution.listener = listener
            return attribution
        if subject is None and before >= r0 and doc.words[before] == ",":
            # "Trump summed up Clinton as “terrible,” denounced her record": the clause's
            content, listener = self._content_after(end, r1, form)
            if content is None:
                return None
            attribution = self._make(i, end, form, content, None, None, r0, r1)
            attribution.inherit = True
            attribution.listener = listener
            return attribution
        if subject is not None:
            punct = self._skip_back(subject[0] - 1, r0)
            if punct >= r0 and (doc.words[punct] in ",;" or self._closes_quote(punct)):
                strong = self._closes_quote(punct) or (
                    doc.words[punct] == "," and punct - 1 >= r0 and self._closes_quote(punct - 1)
                )
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

    # looking backwards

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

    def _closes_quote(self, j: int) -> bool:
        return j in self.doc.opener_of

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
                    and (len(doc.words[j - 1]) == 1 or "." in doc.words[j - 1])
                )
            ):
                break  # a sentence end, not the initials of "the F.B.I."
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

    # looking forwards

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

    def _content_after(
        self, end: int, r1: int, form: CueForm
    ) -> tuple[tuple[int, int, str] | None, tuple[int, int] | None]:
        """What a leading cue introduces, and who was told (for cues of telling)."""
        doc = self.doc
        listener = self._listener(end, r1) if form.listener else None
        j = listener[1] if listener else end
        for k in range(j, min(r1, j + OPENER_LOOKAHEAD)):
            w, lower = doc.words[k], doc.lower[k]
            if lower == "that":
                return self._content_span(k, r1), listener
            if w == ":":
                if k + 1 in doc.close_of:
                    return self._direct(k + 1, doc.close_of[k + 1]), listener
                return self._content_span(k + 1, r1), listener
            if w in QUOTE_MARKS:
                if k in doc.close_of:
                    return self._direct(k, doc.close_of[k]), listener
                break
            if not self._skippable(k) or (
                doc.caps[k] and (k == j or not self._skippable(k - 1) or doc.words[k - 1] == ",")
            ):
                break  # a name right after the cue opens the content: "said Putin is ..."
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
                and any(doc.lower[x] in self.lex.cue_words for x in range(a, opened))
            )
        ):
            # the quotation itself, also when a colon or an attribution of its own leads
            # into it ("… especially fundraising: “…,” he said")
            return self._direct(opened, close)
        if (
            a in doc.close_of
            and doc.close_of[a] < stop
            and doc.words[doc.close_of[a] - 1] in _TAIL_PUNCT
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

    # after the pass

    def _inherit_subjects(self, found: list[Attribution]) -> None:
        """A participle or coordinated cue speaks for its clause's subject: the speaker of
        the nearest attribution before it in the sentence, else the sentence's subject; the
        sentence's subject also wins over a speaker that comes after it (one of a clause
        inside the sentence)."""
        for index, attribution in enumerate(found):
            if not attribution.inherit:
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
