"""Grouping features: document frequencies (exact undo, compact saving) and title weights."""

from __future__ import annotations

import json
import re

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
    """words() as first written: word characters joined by apostrophes, match by match,
    lower-cased, stemmed, stopwords out."""
    from storyline.group.features import _stem, _words

    stop, _ = _words()
    out = []
    for match in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text):
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
             "Strikers", "walked", "3.5%", "Ærø", "ΣΟΦΙΑ", "co-op", "—", "\n", " ", ".", "_",
             "-", "'", "state-run", "ΟΔΟΣ-Α", "x-'y"]
        ),
        max_size=40,
    ).map("".join)
)
def test_words_are_those_of_the_word_by_word_reading(text: str) -> None:
    from storyline.group.features import words

    # words() is the names and casing pass's words: its hyphenated tokens cut into the same
    # words as the match-by-match reading.
    assert words(text) == _words_one_by_one(text)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, read back character by character (the
    first way it was written)."""
    from storyline.group.features import _SENTENCE_MARKS, _name_abbreviations

    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] not in _SENTENCE_MARKS:
        return False
    if text[i] == ".":
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j:i]
        if (len(word) == 1 and word.isupper()) or word.lower() in _name_abbreviations():
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr", "Mt", "U", "S", "W", "e", "Obama", "said", "1990s", "x-y", "O'Neill", ".",
             ". ", "\n", " ", "\t", "?", "“", "”", ":", ",", "-", "'", "_", "..", "é"]
        ),
        max_size=30,
    ).map("".join)
)
def test_a_word_opens_a_sentence_as_read_back_from_it(text: str) -> None:
    from storyline.group.features import _TOKEN, _TOKEN_SPLIT, _opens

    parts = _TOKEN_SPLIT.split(text)
    matches = list(_TOKEN.finditer(text))
    assert parts[1::2] == [m.group() for m in matches]
    for i, match in enumerate(matches):
        previous = matches[i - 1].group() if i else None
        assert _opens(parts[2 * i], previous) == _starts_sentence(text, match.start())
