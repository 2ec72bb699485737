"""The vocabulary of dates (month and weekday names, number words, units, holidays, tense
cues...), loaded once from ``extract/data/temporal.toml`` and normalised for look-ups."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class _Unit:
    letter: str
    count: int
    time: bool
    calendar: bool


@dataclass(frozen=True)
class _Vocabulary:
    """The contents of ``temporal.toml``, normalised for look-ups (all keys lower case)."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    month_context_before: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    numbers: dict[str, float]
    fuzzy_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, _Unit]
    unit_plurals: dict[str, str]
    seasons: dict[str, str]
    season_start_month: dict[str, int]
    parts_of_day: dict[str, str]
    deictic_days: dict[str, int]
    references: dict[str, str]
    determiners: dict[str, tuple[int, bool]]
    positions: tuple[str, ...]
    holidays: dict[str, dict[str, int]]
    sets: dict[str, str]
    decade_words: tuple[str, ...]
    season_prepositions: frozenset[str]
    the_unit_not_before: frozenset[str]
    time_zones: tuple[str, ...]
    year_first: int
    year_last: int
    year_not_before: frozenset[str]
    year_not_after: frozenset[str]
    future_cues: frozenset[str]
    future_suffixes: tuple[str, ...]
    future_with_to: frozenset[str]
    to_not_infinitive: frozenset[str]
    present_be: frozenset[str]
    past_be: frozenset[str]
    future_after_present_be: frozenset[str]
    progressive_schedule_verbs: frozenset[str]
    perfect_modals: frozenset[str]
    deferral_verbs: frozenset[str]
    deferral_prepositions: tuple[str, ...]
    past_prepositions: tuple[str, ...]
    future_prepositions: tuple[str, ...]
    past_cues: frozenset[str]
    not_past_ed: frozenset[str]
    participle_auxiliaries: frozenset[str]
    be_forms: frozenset[str]
    schedule_verbs: frozenset[str]
    not_before_schedule: frozenset[str]
    subordinators: tuple[tuple[str, ...], ...]
    reporting_verbs: frozenset[str]
    adverbs_between: frozenset[str]
    clause_breaks: frozenset[str]
    abbreviations: frozenset[str]


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in table.items()}


@cache
def _vocabulary() -> _Vocabulary:
    """Load ``temporal.toml`` once per process."""
    text = resources.files("storyline.extract").joinpath("data/temporal.toml").read_text("utf-8")
    data = tomllib.loads(text)
    tense = data["tense"]
    units = {
        name: _Unit(
            letter=spec["letter"],
            count=int(spec.get("count", 1)),
            time=bool(spec.get("time", False)),
            calendar=bool(spec.get("calendar", False)),
        )
        for name, spec in data["units"].items()
    }
    return _Vocabulary(
        months=_lower_keys(data["months"]),
        month_abbreviations=_lower_keys(data["month_abbreviations"]),
        ambiguous_months=frozenset(data["month_rules"]["ambiguous"]),
        month_context_before=frozenset(data["month_rules"]["month_context_before"]),
        weekdays=_lower_keys(data["weekdays"]),
        weekday_abbreviations=_lower_keys(data["weekday_abbreviations"]),
        numbers={k.lower(): float(v) for k, v in data["numbers"].items()},
        fuzzy_numbers=tuple(data["fuzzy_numbers"]["words"]),
        ordinals=_lower_keys(data["ordinals"]),
        units=units,
        unit_plurals=_lower_keys(data["unit_plurals"]),
        seasons=_lower_keys(data["seasons"]),
        season_start_month=dict(data["season_start_month"]),
        parts_of_day=_lower_keys(data["parts_of_day"]),
        deictic_days=_lower_keys(data["deictic_days"]),
        references=_lower_keys(data["references"]),
        determiners={
            k.lower(): (int(v["step"]), bool(v.get("anaphoric", False)))
            for k, v in data["relative_determiners"].items()
        },
        positions=tuple(data["position_modifiers"]["words"]),
        holidays=_lower_keys(data["holidays"]),
        sets=_lower_keys(data["sets"]),
        decade_words=tuple(data["decades"]["words"]),
        season_prepositions=frozenset(data["context"]["season_prepositions"]),
        the_unit_not_before=frozenset(data["context"]["the_unit_not_before"]),
        time_zones=tuple(data["clock"]["time_zones"]),
        year_first=int(data["years"]["first"]),
        year_last=int(data["years"]["last"]),
        year_not_before=frozenset(data["years"]["not_before"]),
        year_not_after=frozenset(data["years"]["not_after"]),
        future_cues=frozenset(tense["future"]),
        future_suffixes=tuple(tense["future_suffixes"]),
        future_with_to=frozenset(tense["future_with_to"]),
        to_not_infinitive=frozenset(tense["to_not_infinitive"]),
        present_be=frozenset(tense["present_be"]),
        past_be=frozenset(tense["past_be"]),
        future_after_present_be=frozenset(tense["future_after_present_be"]),
        progressive_schedule_verbs=frozenset(tense["progressive_schedule_verbs"]),
        perfect_modals=frozenset(tense["perfect_modals"]),
        deferral_verbs=frozenset(tense["deferral_verbs"]),
        deferral_prepositions=tuple(tense["deferral_prepositions"]),
        past_prepositions=tuple(tense["past_prepositions"]),
        future_prepositions=tuple(tense["future_prepositions"]),
        past_cues=frozenset(tense["past"]),
        not_past_ed=frozenset(tense["not_past_ed"]),
        participle_auxiliaries=frozenset(tense["participle_auxiliaries"]),
        be_forms=frozenset(tense["be_forms"]),
        schedule_verbs=frozenset(tense["schedule_verbs"]),
        not_before_schedule=frozenset(tense["not_before_schedule"]),
        subordinators=tuple(tuple(p.split()) for p in tense["subordinators"]),
        reporting_verbs=frozenset(tense["reporting_verbs"]),
        adverbs_between=frozenset(tense["adverbs_between"]),
        clause_breaks=frozenset(tense["clause_breaks"]),
        abbreviations=frozenset(data["sentences"]["abbreviations"]),
    )
