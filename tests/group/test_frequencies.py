"""Document frequencies: the vectorised :meth:`DocumentFrequencies.weigh` gives, bit for bit,
what weighing word by word gives (a decision at a threshold must not move when the code gets
faster); counting is undone exactly, casing included; casing words land in the buckets their
own hash names; features survive the pickling that carries them between processes."""

from __future__ import annotations

import math
import pickle
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.group.features import (
    CASE_BUCKETS,
    DocumentFrequencies,
    Features,
    _hash_buckets,
    case_buckets,
    extract_features,
    term_buckets,
)
from storyline.model import Article


def _word_by_word(
    table: DocumentFrequencies, counts: dict[str, int], sublinear: bool, idf_power: float
) -> dict[str, float]:
    """The plain form: each word's weight in turn, then each divided by the norm."""
    n = table.documents + 1
    buckets = _hash_buckets(counts)
    weights = {}
    for term, count in counts.items():
        idf = math.log(n / (table.counts[buckets[term]] + 1)) + 1.0
        if idf_power != 1.0:
            idf **= idf_power
        weights[term] = (1.0 + math.log(count)) * idf if sublinear else idf
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()}


def _document(counts: dict[str, int]) -> Features:
    return Features(body=dict(counts), title={}, names={}, day=None, headline_only=False)


_WORDS = st.text(alphabet="abcdefgh", min_size=1, max_size=4)
_COUNTS = st.dictionaries(_WORDS, st.integers(min_value=1, max_value=9), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    seen=st.lists(_COUNTS, max_size=12),
    counts=_COUNTS,
    sublinear=st.booleans(),
    idf_power=st.sampled_from([1.0, 0.5, 0.75]),
)
def test_weigh_equals_weighing_word_by_word(
    seen: list[dict[str, int]], counts: dict[str, int], sublinear: bool, idf_power: float
) -> None:
    table = DocumentFrequencies()
    for words in seen:  # documents counted before, so that frequencies differ by word
        table.add(_document(words))
    got = table.weigh(counts, sublinear=sublinear, idf_power=idf_power)
    assert list(got.items()) == list(_word_by_word(table, counts, sublinear, idf_power).items())


def test_counting_a_document_is_undone_exactly_and_counts_each_bucket_once() -> None:
    table = DocumentFrequencies()
    first = Features(
        body={"kessan": 2, "ceasefire": 1},
        title={"kessan": 1},
        names={"okonkwo": 1},
        day=None,
        headline_only=False,
        cased={"okonkwo": 1, "kessan": 0, "talks": -1},
    )
    second = _document({"ceasefire": 3})
    table.add(first)
    table.add(second)
    bucket = term_buckets(first)["ceasefire"]
    assert table.counts[bucket] == 2  # once per document, not per occurrence
    assert table.counts[term_buckets(first)["kessan"]] == 1  # body and title: one document
    assert table.is_name("okonkwo") and not table.is_name("talks")
    table.remove(first)
    table.remove(second)
    assert table.documents == 0
    assert not any(table.counts) and not any(table.capital) and not any(table.lower)


def test_a_casing_word_has_the_bucket_of_its_own_hash_whether_or_not_it_has_a_frequency() -> None:
    features = Features(
        body={"kessan": 1},
        title={},
        names={},
        day=None,
        headline_only=False,
        cased={"kessan": 0, "harriet": 1},  # "harriet" is in no sub-vector
    )
    expected = {w: zlib.crc32(w.encode()) & (CASE_BUCKETS - 1) for w in ("kessan", "harriet")}
    assert case_buckets(features) == expected


def test_features_pickle_back_to_equal_features() -> None:
    article = Article(
        source="test",
        format="text",
        title="Gov. Okonkwo orders evacuation of Velmora",
        body="Governor Okonkwo said 4,500 residents left Velmora on Tuesday. In 2024 ...",
        published="2025-03-04T10:00:00Z",
    )
    features = extract_features(article)
    case_buckets(features)  # a field set after describing travels too
    again = pickle.loads(pickle.dumps(features))
    assert again == features and again.buckets == features.buckets
    assert again.cased_buckets == features.cased_buckets and again.numbers == features.numbers
