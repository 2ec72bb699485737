"""Speakers: who an attribution is by, and the outlet the words came through.

Subjects found by :mod:`storyline.extract.attribution` are resolved within the article:
"he"/"she" to the closest preceding named person of that gender (when a title or a first
name in ``data/names.toml`` tells it), "they" to the closest preceding group that spoke,
surnames to the full name ("Mr. Clinton" only to a man of that name), definite descriptions
("the Kremlin spokesman") to the person the text gave that role, "I"/"we" inside a quote to
whoever the quote is attributed to. Indefinite descriptions ("a senior official") stay
descriptions. A quotation alone in its paragraph, with no cue, continues the speech of the
last speaker of the paragraph before.

``via`` is the outlet named as the listener ("told the NYT"), in the speaker ("one NYT
source", "according to the BBC"), around the cue ("in an interview with WABC"), or by an
attribution the quote sits inside ("the NYT reported that X said …"); "the outlet", "the
paper", "the magazine" stand for the last outlet named before.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storyline.clean.outlets import outlets
from storyline.extract.attribution import (
    MAX_NAME_TOKENS,
    Attribution,
    Finder,
    Lexicon,
    lexicon,
)
from storyline.extract.sentences import (
    CLAUSE_PUNCT,
    DOUBLE,
    POSSESSIVE,
    QUOTE_MARKS,
    SENTENCE_ENDS,
    Doc,
)

__all__ = [
    "OutletMention",
    "People",
    "Speaker",
    "Speakers",
    "assign_via",
    "attribute_standalone_quotes",
    "find_outlet_mentions",
    "resolve_first_person",
]

#: How far back (in sentences) "they" looks for the group that spoke.
THEY_WINDOW_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an attribution is by.

    ``start``/``end`` is the mention in the text (a name, a pronoun, a description).
    ``name`` is the person, organisation or outlet it stands for when the article says so
    (a pronoun or definite description resolved within the article, a surname expanded to
    the full name); ``description`` is the words that describe the speaker ("a senior
    official", "Kremlin spokesman"), or the pronoun itself when it could not be resolved.
    ``entity_id`` is left for the entity linker.
    """

    name: str | None
    entity_id: str | None
    description: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in a text: canonical ``outlet`` and the span of the mention.

    ``anaphor`` is true for "the outlet", "the paper"... whose ``outlet`` is the last outlet
    named before it; ``ambiguous`` for aliases that are also common words ("Time", "AP").
    """

    outlet: str
    start: int
    end: int
    ambiguous: bool = False
    anaphor: bool = False


# -- outlets named in the text ---------------------------------------------------------------


@cache
def _outlet_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    surfaces: dict[str, tuple[str, bool]] = {}
    for outlet in outlets().entries:
        ambiguous = set(outlet.ambiguous)
        for name in outlet.names:
            forms = [name]
            if name[:4] in ("The ", "the "):
                forms.append(name[4:])
            for form in forms:
                # An ambiguous alias is only taken with its exact capitalisation, and its
                # bare form ("Post" of "the Post") is not taken at all.
                if form != name and name in ambiguous:
                    continue
                surfaces.setdefault(form, (outlet.name, name in ambiguous))
    alternatives = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    # "\b" and the lookahead on first letters let the engine skip most positions at once
    # (twice as fast on long articles); they do not change what matches
    firsts = "".join(sorted({re.escape(s[0]) for s in surfaces} | {"T", "t"}))
    pattern = re.compile(
        rf"\b(?<![\w.@/])(?=[{firsts}])(?:(?:[Tt]he\s+)?)({alternatives})(?![\w@]|\.\w)"
    )
    return pattern, surfaces


def find_outlet_mentions(text: str) -> list[OutletMention]:
    """Every outlet of ``clean/data/outlets.toml`` named in ``text``, and every "the outlet",
    "the paper", "the magazine"... resolved to the last unambiguous outlet named before it
    (dropped when there is none). Sorted by position; spans include a leading "the"."""
    pattern, surfaces = _outlet_pattern()
    found: list[OutletMention] = []
    for match in pattern.finditer(text):
        outlet, ambiguous = surfaces[match.group(1)]
        if ambiguous and _sentence_initial(text, match.start()):
            continue  # "Time will tell", "People say": a common word, not the outlet
        found.append(OutletMention(outlet, match.start(), match.end(), ambiguous))
    anaphora = _anaphor_pattern().finditer(text)
    resolved: list[OutletMention] = []
    named = [m for m in found if not m.ambiguous]
    starts = [m.start for m in named]
    for match in anaphora:
        index = bisect.bisect_left(starts, match.start()) - 1
        if index >= 0:
            resolved.append(
                OutletMention(named[index].outlet, match.start(), match.end(), anaphor=True)
            )
    return sorted(found + resolved, key=lambda m: (m.start, m.end))


@cache
def _anaphor_pattern() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(lexicon().anaphora, key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+(?:{nouns})\b(?!\s+(?:of|which|who)\b)")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n"


@dataclass(frozen=True, slots=True)
class Person:
    start: int
    end: int
    name: str
    role: frozenset[str]
    subject: bool  # the subject of its sentence, or a speaker
    gender: str | None = None  # "male", "female", or None when the text does not tell


class People:
    """Named people of the article, in order, with the roles the text gives them."""

    def __init__(self, doc: Doc, lexicon: Lexicon, mentions: list[OutletMention]):
        self.doc, self.lex = doc, lexicon
        lex = lexicon
        self.mentions: list[Person] = []  # people named, in text order
        self.full: dict[str, list[Person]] = {}
        self.roles: list[Person] = []
        outlet_spans = sorted((m.start, m.end) for m in mentions if not m.anaphor)
        i = 0
        while i < doc.n:
            if not (doc.caps[i] and doc.words[i][0].isalpha()):
                i += 1
                continue
            j = i + 1
            while (
                j < doc.n
                and doc.sid[j] == doc.sid[i]
                and (
                    (doc.caps[j] and doc.words[j][0].isalpha())
                    or (doc.lower[j] in lex.name_particles and j + 1 < doc.n and doc.caps[j + 1])
                    or (doc.words[j] == "." and len(doc.words[j - 1]) == 1 and not doc.space[j])
                )
            ):
                j += 1
            self._run(i, j, outlet_spans)
            i = j
        self.mentions.sort(key=lambda p: p.start)
        self.starts = [p.start for p in self.mentions]

    def _run(self, i: int, j: int, outlet_spans: list[tuple[int, int]]) -> None:
        doc, lex = self.doc, self.lex
        while i < j and (doc.lower[i] in lex.function_words or doc.lower[i] in lex.cue_words):
            i += 1
        if i >= j:
            return
        start, end = doc.starts[i], doc.ends[j - 1]
        if j - i == 1 and not (
            doc.lower[i] in self.full
            or (i > 0 and (is_role(lex, doc.lower[i - 1]) or doc.lower[i - 1] in lex.role_nouns))
        ):
            return  # a lone capitalised word is a person only after a title or as a surname
        index = bisect.bisect_left(outlet_spans, (end, end))
        if any(a < end and start < b for a, b in outlet_spans[max(0, index - 3) : index]):
            return
        k = j
        while k > i and not is_role(lex, doc.lower[k - 1]):
            k -= 1
        tokens = [doc.words[x] for x in range(k, j) if doc.words[x] != "."]
        if not tokens or len(tokens) > MAX_NAME_TOKENS:
            return
        for token in tokens:
            lower = POSSESSIVE.sub("", token.lower()).rstrip(".")
            if (
                lower in lex.not_person
                or lower in lex.cue_words
                or lower in lex.function_words
                or (lower.endswith("ly") and len(lower) > 4)
            ):
                return
        if any(POSSESSIVE.search(t) for t in tokens[:-1]):
            return
        name = " ".join(tokens)
        name = POSSESSIVE.sub("", name) if POSSESSIVE.search(tokens[-1]) else name
        role = self._role_before(k) | self._role_after(j)
        subject = self._is_subject(i)
        titled = self.title_gender(k) or _gender_of_words(role)
        if len(tokens) >= 2:
            gender = titled or _gender_of_name(name)
            person = Person(doc.starts[k], doc.ends[j - 1], name, role, subject, gender)
            self.mentions.append(person)
            self.full.setdefault(name.split()[-1].lower(), []).append(person)
            if role:
                self.roles.append(person)
        elif k > i or role or name.lower() in self.full:
            full = self.expand(name, doc.starts[k], titled)
            gender = titled or _gender_of_name(full)
            person = Person(doc.starts[k], doc.ends[j - 1], full, role, subject, gender)
            self.mentions.append(person)
            if role:
                self.roles.append(person)

    def _is_subject(self, i: int) -> bool:
        """Whether the name starting at token ``i`` opens its sentence or clause."""
        doc, lex = self.doc, self.lex
        a = doc.bounds[doc.sid[i]][0]
        k = i - 1
        while k >= a and (
            is_role(lex, doc.lower[k])
            or doc.lower[k] in lex.role_nouns
            or doc.lower[k] in lex.definite
            or doc.caps[k]
        ):
            k -= 1
        return k < a or doc.words[k] == "," or (k == a and doc.lower[k] in lex.leading_conjunctions)

    def _role_before(self, k: int) -> frozenset[str]:
        """Title words in front of a name ("Kremlin spokesman", "Russian Foreign Minister")."""
        doc, lex = self.doc, self.lex
        a = k
        while a > 0 and k - a < 5 and doc.sid[a - 1] == doc.sid[k]:
            w = doc.lower[a - 1]
            if (
                w in lex.function_words
                or doc.words[a - 1] in CLAUSE_PUNCT
                or doc.words[a - 1] in QUOTE_MARKS
                or w in SENTENCE_ENDS
            ):
                break
            if not (
                doc.caps[a - 1] or is_role(lex, w) or w in lex.role_nouns or POSSESSIVE.search(w)
            ):
                break
            a -= 1
        words = [POSSESSIVE.sub("", doc.lower[x]).rstrip(".") for x in range(a, k)]
        if not any(is_role(lex, w) or w in lex.role_nouns for w in words):
            return frozenset()
        return frozenset(words)

    def _role_after(self, j: int) -> frozenset[str]:
        """An apposition after a name ("Steve Witkoff, Trump's special envoy,")."""
        doc, lex = self.doc, self.lex
        if j >= doc.n or doc.words[j] != ",":
            return frozenset()
        k = j + 1
        while (
            k < doc.n
            and k - j <= 6
            and doc.words[k] not in ",.;:"
            and doc.words[k] not in QUOTE_MARKS
        ):
            k += 1
        if k >= doc.n or doc.words[k] != "," or k == j + 1:
            return frozenset()
        if doc.lower[k - 1] not in lex.role_nouns:
            return frozenset()
        return frozenset(
            POSSESSIVE.sub("", doc.lower[x]).rstrip(".")
            for x in range(j + 1, k)
            if doc.lower[x] not in lex.definite and doc.lower[x] not in lex.indefinite
        )

    def title_gender(self, k: int) -> str | None:
        """The gender a title right before token ``k`` gives ("Mrs. Clinton", "Mr Holm")."""
        doc = self.doc
        j = k - 1
        if j >= 0 and doc.words[j] == "." and not doc.space[j]:
            j -= 1
        if j < 0:
            return None
        return _names().titles.get(doc.lower[j])

    def expand(self, name: str, before: int, gender: str | None = None) -> str:
        """A surname as the full name the article gave it (the latest one before
        ``before``, else the first one after), among people of ``gender`` when it is known
        ("Mr. Clinton" is not Hillary Clinton)."""
        if " " in name:
            return name
        people = self.full.get(name.lower())
        if people and gender is not None:
            people = [p for p in people if p.gender in (None, gender)]
        if not people:
            return name
        earlier = [p for p in people if p.start < before]
        return (earlier[-1] if earlier else people[0]).name

    def add(self, start: int, end: int, name: str) -> None:
        """Record a speaker as a named person mentioned as a subject."""
        index = bisect.bisect_left(self.starts, start)
        if index < len(self.starts) and self.starts[index] == start:
            known = self.mentions[index]
            self.mentions[index] = Person(start, end, known.name, known.role, True, known.gender)
            return
        self.starts.insert(index, start)
        self.mentions.insert(
            index, Person(start, end, name, frozenset(), True, _gender_of_name(name))
        )

    def antecedent(
        self, position: int, sentence_start: int, gender: str | None = None
    ) -> Person | None:
        """The person "he" or "she" at ``position`` stands for: the closest subject among
        the people named since ``sentence_start``, else the closest person named before;
        people of the other ``gender`` are passed over ("she" is not "Peter Holm")."""
        index = bisect.bisect_left(self.starts, position) - 1
        closest: Person | None = None
        while index >= 0:
            person = self.mentions[index]
            index -= 1
            if person.end > position:
                continue
            if gender is not None and person.gender not in (None, gender):
                continue
            if closest is None:
                closest = person
            if person.start < sentence_start:
                break
            if person.subject:
                return person
        return closest

    def holder(self, words: frozenset[str], position: int) -> str | None:
        """The person the text gave a role containing ``words``, latest before
        ``position``."""
        for person in reversed(self.roles):
            if person.start < position and words <= person.role:
                return person.name
        return None


@dataclass(frozen=True, slots=True)
class _Names:
    """The gender cues of ``data/names.toml``: word -> "male" or "female"."""

    pronouns: dict[str, str]
    titles: dict[str, str]
    first_names: dict[str, str]


@cache
def _names() -> _Names:
    path = resources.files("storyline.extract").joinpath("data/names.toml")
    data = tomllib.loads(path.read_text("utf-8"))

    def table(section: str) -> dict[str, str]:
        return {
            word.lower().rstrip("."): gender
            for gender in ("male", "female")
            for word in data[section][gender]
        }

    return _Names(table("pronouns"), table("titles"), table("first_names"))


def _gender_of_words(words: frozenset[str]) -> str | None:
    """The gender the title words of a role give ("spokeswoman"), if exactly one."""
    found = {_names().titles[w] for w in words if w in _names().titles}
    return found.pop() if len(found) == 1 else None


def _gender_of_name(name: str) -> str | None:
    """The gender a person's first name gives ("Maria Lund"), if the name has a first name
    the data file knows."""
    parts = name.split()
    if len(parts) < 2:
        return None
    return _names().first_names.get(parts[0].lower().rstrip("."))


def is_role(lex: Lexicon, word: str) -> bool:
    return word.rstrip(".") in lex.role_words


class Speakers:
    """Turns subject spans into :class:`Speaker` records, resolving what the text allows."""

    def __init__(self, finder: Finder, people: People):
        self.finder = finder
        self.people = people
        self.groups: list[tuple[int, int, str]] = []  # plural descriptions that spoke

    def speaker(self, attribution: Attribution) -> Speaker | None:
        doc, lex = self.finder.doc, self.finder.lex
        if attribution.subject is None:
            return None
        a, b = attribution.subject
        start, end = doc.starts[a], doc.ends[b - 1]
        antecedent = self.finder.antecedents.get(a) if b - a == 1 else None
        if antecedent is not None:
            # "Harvey, who acknowledged": the mention is "who", the speaker Harvey
            resolved = self.speaker(
                Attribution(attribution.cue, attribution.form, (0, 0), "", subject=antecedent)
            )
            if resolved is not None:
                return Speaker(resolved.name, None, resolved.description, start, end)
        if attribution.description is not None:
            da, db = attribution.description
            name = self._name(a, b)
            if name is not None:
                self.people.add(start, end, name)
            return Speaker(
                name,
                None,
                doc.span_text(da, db),
                min(start, doc.starts[da]),
                max(end, doc.ends[db - 1]),
            )
        if b - a == 1 and doc.lower[a] in lex.pronouns:
            return self._pronoun(attribution, doc.lower[a], doc.words[a], start, end)
        outlet = self._outlet(start, end)
        if outlet is not None and not outlet[1]:
            # "Joel Pollak of Breitbart California", "a reporter for the NYT": a person
            # who works for the outlet speaks; the outlet is the ``via``
            person = self._name_tokens(a, b)
            if person is not None and doc.ends[person[1] - 1] <= self._outlet_start(start, end):
                name = self._name(a, b)
                if name is not None:
                    self.people.add(start, end, name)
                    return Speaker(name, None, self._description(a, b, name), start, end)
        if outlet is not None:
            text = doc.span_text(a, b)
            whole = outlet[1]
            return Speaker(outlet[0], None, None if whole else text, start, end)
        name = self._name(a, b)
        description = self._description(a, b, name)
        if name is None:
            name = self._resolve_description(a, b, start)
            if description is not None and (
                is_plural(lex, doc.lower[b - 1]) or is_plural(lex, doc.lower[a])
            ):
                self.groups.append((doc.sid[a], start, description))
        else:
            self.people.add(start, end, name)
        return Speaker(name, None, description, start, end)

    def _outlet(self, start: int, end: int) -> tuple[str, bool] | None:
        """The outlet named in a span, and whether the span is just that outlet."""
        for m in self.finder.mentions:
            if m.start >= start and m.end <= end and not m.ambiguous:
                whole = m.start == start and end - m.end <= 2
                return m.outlet, whole
        return None

    def _outlet_start(self, start: int, end: int) -> int:
        """Where the first outlet named in a span begins (``end`` if none)."""
        return min(
            (m.start for m in self.finder.mentions if m.start >= start and m.end <= end),
            default=end,
        )

    def _name_tokens(self, a: int, b: int) -> tuple[int, int] | None:
        """The proper name heading a subject phrase, without titles, as tokens."""
        doc, lex = self.finder.doc, self.finder.lex
        # "Joel Pollak of Breitbart California", "Smith of Acme Corp" (Smith named before):
        # the head comes before the preposition
        for k in range(a + 1, b):
            if doc.lower[k] not in lex.prepositions:
                continue
            head = doc.lower[k - 1]
            if (
                doc.caps[k - 1]
                and head in lex.not_person
                and all(
                    (doc.caps[x] and doc.words[x][0].isalpha()) or doc.lower[x] in lex.definite
                    for x in range(k + 1, b)
                )
            ):
                # "Bank of America", "the University of Iowa": one name across "of"
                start = k - 1
                while (
                    start - 1 >= a
                    and doc.caps[start - 1]
                    and doc.words[start - 1][0].isalpha()
                    and doc.lower[start - 1] not in lex.function_words
                    and not is_role(lex, doc.lower[start - 1])
                ):
                    start -= 1
                return start, b
            if (
                doc.caps[k - 1]
                and not is_role(lex, head)
                and (
                    (
                        k - 2 >= a
                        and doc.caps[k - 2]
                        and not is_role(lex, doc.lower[k - 2])
                        and doc.lower[k - 2] not in lex.function_words
                    )
                    or POSSESSIVE.sub("", head) in self.finder.surnames
                    or (
                        # "Ito of Marlow Securities": a lone word that is no common noun
                        # ("Bank of America", "University of Iowa" name one thing)
                        k - 1 == a
                        and k + 1 < b
                        and doc.caps[k + 1]
                        and head not in lex.not_person
                        and head not in doc.common_words
                        and head not in lex.function_words
                    )
                )
            ):
                b = k
                break
            if not doc.caps[k - 1] and (
                doc.lower[k - 1] in lex.role_nouns or doc.lower[k - 1] in lex.description_nouns
            ):
                # "a spokesman for Acme Corp": the name is whom the speaker works for
                after = k + 1
                while after < b and doc.lower[after] in lex.definite:
                    after += 1
                if after < b and doc.caps[after]:
                    return None
        if not doc.caps[b - 1] or not doc.words[b - 1][0].isalpha():
            return None
        k = b
        while k > a and doc.caps[k - 1] and doc.words[k - 1][0].isalpha():
            if is_role(lex, doc.lower[k - 1]):
                break
            k -= 1
        while k < b and (doc.lower[k] in lex.function_words or is_role(lex, doc.lower[k])):
            k += 1
        if k >= b:
            return None
        if b - k == 1 and (
            doc.lower[k] in lex.description_nouns
            or doc.lower[k] in lex.role_nouns
            or (doc.bounds[doc.sid[k]][0] == k and doc.lower[k] in doc.common_words)
        ):
            return None  # "Officials said", "Engineers say": people, not a name
        return k, b

    def _name(self, a: int, b: int) -> str | None:
        doc = self.finder.doc
        span = self._name_tokens(a, b)
        if span is None:
            return None
        k, e = span
        name = " ".join(doc.words[x] for x in range(k, e))
        if POSSESSIVE.search(doc.words[e - 1]):
            name = POSSESSIVE.sub("", name)
        return self.people.expand(name, doc.starts[a], self.people.title_gender(k))

    def _description(self, a: int, b: int, name: str | None) -> str | None:
        """The words of a subject that say who the speaker is: all of it when it names no
        one, else the title in front of the name ("Kremlin spokesman")."""
        doc, lex = self.finder.doc, self.finder.lex
        if name is None:
            return doc.span_text(a, b)
        span = self._name_tokens(a, b)
        if span is None:
            return None
        k, e = span
        if e < b:
            return doc.span_text(a, b)
        x = a
        while x < k and doc.lower[x] in lex.definite | lex.indefinite:
            x += 1
        if x >= k:
            return None
        return doc.span_text(x, k)

    def _resolve_description(self, a: int, b: int, position: int) -> str | None:
        """A definite description ("the Kremlin spokesman") as the person who held it."""
        doc, lex = self.finder.doc, self.finder.lex
        first = doc.lower[a]
        if first not in lex.definite and not POSSESSIVE.search(first):
            return None
        if doc.lower[b - 1] not in lex.role_nouns:
            return None
        words = frozenset(
            POSSESSIVE.sub("", doc.lower[x]).rstrip(".")
            for x in range(a, b)
            if doc.lower[x] not in lex.definite
        )
        return self.people.holder(words, position)

    def _pronoun(
        self, attribution: Attribution, pronoun: str, text: str, start: int, end: int
    ) -> Speaker:
        doc, lex = self.finder.doc, self.finder.lex
        sentence = doc.sid[attribution.cue[0]]
        if pronoun in lex.singular:
            first = doc.bounds[max(0, sentence - 2)][0]
            gender = _names().pronouns.get(pronoun)
            person = self.people.antecedent(start, doc.starts[first], gender)
            if person is not None:
                return Speaker(person.name, None, None, start, end)
        elif pronoun in lex.plural:
            for sid, position, description in reversed(self.groups):
                if position < start and sentence - sid <= THEY_WINDOW_SENTENCES:
                    return Speaker(None, None, description, start, end)
        return Speaker(None, None, text, start, end)


def is_plural(lex: Lexicon, word: str) -> bool:
    return (word in lex.description_nouns and word.endswith("s")) or word in ("people", "police")


def resolve_first_person(finder: Finder, found: list[Attribution]) -> None:
    """ "I"/"we" inside a quote speak for whoever the quote is attributed to."""
    lex = finder.lex
    for attribution in found:
        speaker = attribution.speaker
        if speaker is None or speaker.name is not None:
            continue
        if (speaker.description or "").lower() not in lex.first:
            continue
        for outer in found:
            o0, o1 = outer.content
            if (
                outer is not attribution
                and o0 <= speaker.start < o1
                and outer.speaker
                and outer.speaker.name
            ):
                attribution.speaker = Speaker(
                    outer.speaker.name, None, None, speaker.start, speaker.end
                )
                break


def attribute_standalone_quotes(finder: Finder, found: list[Attribution]) -> None:
    """A quotation that is a paragraph of its own, with no cue, continues the speech of the
    last speaker quoted in the paragraph before it ("“…,” Sexton said.¶“…”"): it is added
    with that speaker, cue and outlet. Runs of such paragraphs all go to that speaker, and
    so does a quotation carried over several paragraphs with no cue after it ("¶“A …¶“B.”",
    each paragraph opening with a quote mark, the last one closing it). A quotation that
    some attribution already covers, also one inside it ("“… I told them that.”"), is left
    alone (on polnear/train adding those cost precision and found nothing)."""
    doc = finder.doc
    if not doc.quotes:
        return
    breaks = [i for i in range(1, doc.n) if doc.newline[i]]

    def paragraph(i: int) -> int:  # the paragraph of token i, counted from 0
        return bisect.bisect_right(breaks, i)

    taken = [a.content for a in found]
    last: dict[int, Attribution] = {}  # paragraph -> its last speech attribution with a speaker
    for attribution in found:
        if attribution.speaker is not None and attribution.form.role == "speech":
            at = paragraph(attribution.cue[0])
            if at not in last or last[at].cue[0] < attribution.cue[0]:
                last[at] = attribution
    added: list[Attribution] = []
    for (a, b), closed in zip(doc.quotes, doc.closed, strict=True):
        if not closed or not (a == 0 or doc.newline[a]) or doc.words[a] not in DOUBLE:
            continue
        after = b + 1
        while after < doc.n and not doc.newline[after] and doc.words[after] in SENTENCE_ENDS:
            after += 1
        if after < doc.n and not doc.newline[after]:
            continue  # more follows in the paragraph: its own cue or none
        previous = last.get(paragraph(a) - 1)
        if previous is None:
            continue
        c0, c1 = doc.ends[a], doc.starts[b]
        if any(x < c1 and c0 < y for x, y in taken):
            continue
        continued = Attribution(
            cue=previous.cue,
            form=previous.form,
            content=(c0, c1),
            kind="direct",
            subject=previous.subject,
            speaker=previous.speaker,
            via=previous.via,
            region=(a, min(b + 1, doc.n)),
        )
        added.append(continued)
        last[paragraph(b)] = continued
    found.extend(added)


def assign_via(finder: Finder, found: list[Attribution]) -> None:
    """The outlet each attribution's words came through (see the module docstring)."""
    doc = finder.doc
    mentions = [m for m in finder.mentions if not m.ambiguous]
    for attribution in found:
        spans = []
        if attribution.listener is not None:
            a, b = attribution.listener
            spans.append((doc.starts[a], doc.ends[b - 1]))
        if attribution.speaker is not None:
            spans.append((attribution.speaker.start, attribution.speaker.end))
        for start, end in spans:
            for m in mentions:
                if m.start >= start and m.end <= end:
                    attribution.via = m.outlet
                    break
            if attribution.via:
                break
        if attribution.via is None:
            attribution.via = _setting_outlet(finder, attribution, mentions)
    # words inside what an outlet (or a source it quotes) reported came through it
    for attribution in found:
        if attribution.via is not None:
            continue
        cue = doc.starts[attribution.cue[0]]
        for outer in found:
            if (
                outer is not attribution
                and outer.via
                and outer.content[0] <= cue < outer.content[1]
            ):
                attribution.via = outer.via
                break
    previous: Attribution | None = None
    for attribution in found:
        if (
            attribution.via is None
            and attribution.form.continues
            and previous is not None
            and previous.speaker is not None
            and attribution.speaker is not None
            and previous.speaker.name is not None
            and previous.speaker.name == attribution.speaker.name
        ):
            attribution.via = previous.via
        if attribution.speaker is not None and attribution.speaker.name is not None:
            previous = attribution


def _setting_outlet(
    finder: Finder, attribution: Attribution, mentions: list[OutletMention]
) -> str | None:
    """An outlet named around the cue as the setting: "in an interview with WABC", "said on
    CNN", "..., according to the BBC" — outside the content."""
    doc = finder.doc
    r0, r1 = attribution.region
    lo, hi = doc.starts[r0], doc.ends[r1 - 1]
    c0, c1 = attribution.content
    for m in mentions:
        if not (lo <= m.start < hi) or (c0 <= m.start < c1):
            continue
        before = finder.text[max(lo, m.start - 60) : m.start].lower()
        if _SETTING.search(before):
            return m.outlet
    return None


_SETTING = re.compile(
    r"(?:\binterview(?:ed)?\b(?:\s+\S+){0,4}\s+(?:with|on|by|to)|\b(?:told|speaking\s+(?:to|with|on)"
    r"|spoke\s+(?:to|with|on)|appear(?:ed|ing)?\s+on|appearance\s+on|said\s+on|wrote\s+in"
    r"|writing\s+in|according\s+to|via|statement\s+to|comments\s+to|remarks\s+to))\s*$"
)
