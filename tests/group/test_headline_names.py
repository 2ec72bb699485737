"""Names of headlines, as the stream writes their words (capitals that say nothing)."""

from __future__ import annotations

import json

from storyline.group import Grouper
from storyline.group.events import article_vectors
from storyline.group.features import DocumentFrequencies, casing, extract_features
from storyline.model import Article


def _features(title: str, text: str = ""):
    return extract_features(Article(source="test", format="text", title=title, text=text))


def _dated(id_: str, title: str, text: str, hour: int) -> Article:
    published = f"2031-04-02T{hour:02d}:00:00+00:00"
    return Article(source="t", format="text", id=id_, title=title, text=text, published=published)


def test_casing_tells_meaningful_capitals_from_empty_ones() -> None:
    capital, lower, unsure = casing("Shares of Vextron rose after the launch.")
    assert capital == ["vextron"] and "launch" in lower and unsure == ["share"]
    # Every word of a title-case line is capitalised: none of them says "name".
    capital, lower, unsure = casing("Vextron Unveils Folding Phone At Spring Event")
    assert capital == [] and {"vextron", "unveil", "phone"} <= set(unsure)


def test_a_headline_takes_as_names_the_words_the_stream_writes_as_names() -> None:
    table = DocumentFrequencies()
    headline = _features("Vextron Unveils Folding Phone At Spring Event")
    before = table.stream_names(headline)
    assert "vextron" not in before and "unveil" not in before
    table.add(_features("Phones", "Analysts said Vextron would unveil a phone that folds."))
    table.add(_features("Spring sale", "Retailers unveil discounts as the phone market slows."))
    after = table.stream_names(headline)
    assert "vextron" in after  # written capitalised inside a sentence
    assert "unveil" not in after and "phone" not in after  # written in lower case


def test_a_capital_inside_a_sentence_case_headline_stays_a_name() -> None:
    table = DocumentFrequencies()
    headline = _features("Flood warning issued for Marrowby after storm")
    assert "marrowby" in table.stream_names(headline)


def test_casing_counts_undo_exactly_and_survive_saving() -> None:
    table = DocumentFrequencies()
    table.add(_features("Phones", "Analysts said Vextron would unveil a phone."))
    capital, lower = table.capital.tobytes(), table.lower.tobytes()
    extra = _features("Vextron", "Critics said the vextron design was dull.")
    table.add(extra)
    table.remove(extra)
    assert table.capital.tobytes() == capital and table.lower.tobytes() == lower
    restored = DocumentFrequencies.from_dict(json.loads(json.dumps(table.to_dict())))
    assert restored.is_name("vextron") and not restored.is_name("unveil")


def test_headline_vectors_use_the_names_the_stream_has_seen() -> None:
    grouper = Grouper()
    text = "Analysts said Vextron would unveil a phone that folds in half."
    grouper.add([_dated("full", "Phone maker shows new model", text, 9)])
    grouper.add([_dated("headline", "Vextron Unveils Folding Phone At Spring Event", "", 12)])
    entry = grouper.state.entries["headline"]
    assert entry.features is not None and entry.features.headline_only
    names = article_vectors(grouper.state, entry)["names"]
    assert "vextron" in names and "unveil" not in names
