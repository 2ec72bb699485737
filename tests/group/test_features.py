"""Grouping features: document frequencies (exact undo, compact saving) and title weights."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.group.features import DocumentFrequencies, extract_features
from storyline.model import Article


def _features(title: str, body: str = ""):
    return extract_features(Article(source="test", format="text", title=title, body=body))


def test_document_frequencies_undo_exactly_and_round_trip_through_json() -> None:
    table = DocumentFrequencies()
    first = _features("Kestrel Dam bursts above Velmora", "The Kestrel Dam burst at dawn.")
    second = _features("Velmora evacuates", "Mayor Ilse Brandvold ordered the evacuation.")
    table.add(first)
    snapshot = table.counts.tobytes()
    table.add(second)
    table.remove(second)
    assert table.counts.tobytes() == snapshot and table.documents == 1
    table.add(second)
    saved = json.dumps(table.to_dict())
    assert len(saved) < 100_000  # a compressed table, not a list of a million buckets
    restored = DocumentFrequencies.from_dict(json.loads(saved))
    assert restored.documents == 2 and restored.counts == table.counts
    vector = {"kestrel": 1, "velmora": 2}
    assert restored.weigh(vector) == table.weigh(vector)


def test_a_flatter_idf_keeps_a_shared_common_word_heavy_in_a_title() -> None:
    table = DocumentFrequencies()
    for n in range(20):
        table.add(_features(f"Snowden speaks at festival number{n}"))
    counts = {"snowden": 1, "rareword": 1}
    full = table.weigh(counts, sublinear=False)
    flat = table.weigh(counts, sublinear=False, idf_power=0.5)
    # "snowden" is in every title seen, "rareword" in none: full IDF lets the rare word
    # dominate; its square root narrows the gap.
    assert full["rareword"] > flat["rareword"] > flat["snowden"] > full["snowden"]
    assert abs(sum(w * w for w in flat.values()) - 1.0) < 1e-9


def _words_one_by_one(text: str) -> list[str]:
    """words() as first written: match by match, lower-cased, stemmed, stopwords out."""
    from storyline.group.features import _WORD, _stem, _words

    stop, _ = _words()
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 2 or word in stop:
            continue
        out.append(_stem(word))
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["The", "dam", "burst", "İ", "İstanbul", "ﬁnal", "O'Neill", "Kyiv’s", "A", "of", "x",
             "Strikers", "walked", "3.5%", "Ærø", "ΣΟΦΙΑ", "co-op", "—", "\n", " ", ".", "_"]
        ),
        max_size=40,
    ).map("".join)
)
def test_words_are_those_of_the_word_by_word_reading(text: str) -> None:
    from storyline.group.features import words

    assert words(text) == _words_one_by_one(text)
