"""Headline titles carry their adjacent word pairs (features.title_terms)."""

from __future__ import annotations

import math

from storyline.group import Grouper, GroupSettings
from storyline.group.events import article_vectors, index_terms
from storyline.group.features import extract_features, title_terms
from storyline.group.state import Entry, GroupState
from storyline.model import Article


def _article(title: str, text: str = "", id: str = "a", published: str | None = None) -> Article:
    return Article(source="test", format="text", id=id, title=title, text=text, published=published)


def _title_vector(title: str) -> dict[str, float]:
    state = GroupState()
    features = extract_features(_article(title))
    entry = Entry(
        id="a",
        key=("", "a"),
        title=title,
        outlet=None,
        origin_outlet=None,
        day=None,
        features=features,
    )
    return article_vectors(state, entry)["title"]


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def test_headline_titles_carry_word_pairs_and_full_texts_do_not() -> None:
    assert title_terms(["petrol", "price", "climb"], True) == [
        "petrol",
        "price",
        "climb",
        "petrol_price",
        "price_climb",
    ]
    assert title_terms(["petrol", "price", "climb"], False) == ["petrol", "price", "climb"]
    headline = extract_features(_article("Petrol prices climb in Dunmore"))
    assert "petrol_price" in headline.title and headline.headline_only
    full = extract_features(
        _article("Petrol prices climb in Dunmore", "Drivers in Dunmore paid more on Monday.")
    )
    assert not any("_" in term for term in full.title)


def test_a_shared_pair_of_words_weighs_more_than_the_same_words_apart() -> None:
    climb = _title_vector("Petrol prices climb")
    together = _title_vector("Petrol prices ease")
    apart = _title_vector("Prices ease for petrol")
    # The same three content words each way; only the phrase "petrol prices" differs.
    assert _cos(climb, together) > _cos(climb, apart) + 0.1


def test_word_pairs_are_not_index_keys() -> None:
    vectors = {
        "body": {},
        "names": {},
        "title": _title_vector("Regulator halts Halvard pipeline talks"),
    }
    terms = index_terms(GroupSettings(), vectors)
    assert "halvard" in terms and "pipeline" in terms
    assert not any("_" in term for term in terms)


def test_headlines_sharing_one_word_stay_apart_from_a_phrase_they_do_not_share() -> None:
    day = "2031-05-06T{:02d}:00:00+00:00"
    prices = [
        "Gas prices climb again in Dunmore",
        "Dunmore gas prices climb for a third week",
        "Gas prices in Dunmore climb to a yearly high",
    ]
    pipeline = [
        "Halvard gas pipeline talks stall",
        "Talks on Halvard gas pipeline stall again",
    ]
    articles = [
        _article(t, id=f"p{i}", published=day.format(8 + i)) for i, t in enumerate(prices)
    ] + [_article(t, id=f"q{i}", published=day.format(12 + i)) for i, t in enumerate(pipeline)]
    grouper = Grouper()
    grouper.add(articles)
    places = grouper.assignments()
    assert len({places[f"p{i}"][0] for i in range(3)}) == 1
    assert len({places[f"q{i}"][0] for i in range(2)}) == 1
    assert places["p0"][0] != places["q0"][0]
