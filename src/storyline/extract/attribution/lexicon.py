"""The word lists of ``data/speech_verbs.toml`` (cue forms, subject and grammar words),
loaded once and indexed for the finder."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


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
        self.fronting = _words(subject["fronting"])
        self.counts = _words(subject["counts"])
        self.time_plurals = _words(subject["time_plurals"])
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
