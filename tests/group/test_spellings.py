"""Grouping compares names as the gazetteer spells them: outlets that write "Kiev" and
"Kyiv", or "Zelenskyy" and "Zelensky", share the words. The articles are invented."""

from __future__ import annotations

import pytest

from storyline.extract.entities import gazetteer
from storyline.group import Grouper, features
from storyline.group.features import names, words
from storyline.model import Article


def test_the_gazetteer_gives_one_word_spellings_of_one_name() -> None:
    spellings = gazetteer().spelling_variants()
    assert spellings["kiev"] == "kyiv"
    assert spellings["odessa"] == "odesa"
    assert spellings["zelenskyy"] == spellings["zelenskiy"] == "zelensky"
    assert spellings["lukashenka"] == "lukashenko"
    assert spellings["sanchez"] == "sánchez"
    # Not spellings: acronyms (matched by case), first names several people share, other
    # names of a person ("Tony" of Antony Blinken), words of other names.
    assert "prc" not in spellings
    assert "vladimir" not in spellings and "tony" not in spellings
    assert not set(spellings) & {"putin", "trump", "russia", "ukraine"}


def test_grouping_words_and_names_meet_whatever_the_spelling() -> None:
    one = "Drones struck Kiev overnight, Zelenskyy said, and Odessa's port burned."
    other = "Drones struck Kyiv overnight, Zelensky said, and Odesa's port burned."
    assert words(one) == words(other)
    assert names(one) == names(other) == ["kyiv", "zelensky", "odesa"]


@pytest.fixture
def no_spellings(monkeypatch):
    """Grouping as it was without the gazetteer's spellings (to show the test can fail)."""
    monkeypatch.setattr(features, "_spellings", dict)
    features._stem.cache_clear()
    yield
    features._stem.cache_clear()


def _articles() -> list[Article]:
    rows = [
        ("rt", "Kiev blames Moscow for overnight strike on Odessa grain terminal",
         "Officials in Kiev said a drone hit the Odessa grain terminal. Zelenskyy called it "
         "an attack on food supplies and asked Lukashenka to close the border road."),
        ("wire", "Kyiv says Russian drones hit Odesa grain terminal",
         "Drones damaged a grain terminal in Odesa overnight, officials in Kyiv said. "
         "Zelensky said the strike targeted food exports; Lukashenko denied any part."),
    ]
    return [
        Article(source=outlet, format="text", id=outlet, title=title, text=text,
                outlet=outlet, published="2031-05-02T08:00:00+00:00")
        for outlet, title, text in rows
    ]


def _events() -> dict[str, str]:
    grouper = Grouper()
    grouper.add(_articles())
    return {article_id: place[0] for article_id, place in grouper.assignments().items()}


def test_two_outlets_spelling_the_names_apart_report_one_event() -> None:
    events = _events()
    assert events["rt"] == events["wire"]


def test_without_the_spellings_the_two_reports_stay_apart(no_spellings) -> None:
    events = _events()
    assert events["rt"] != events["wire"]
