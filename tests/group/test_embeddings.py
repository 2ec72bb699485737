"""Dense embeddings in grouping, with a stand-in embedder (no model needed)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.group import Grouper, GroupSettings, GroupState
from storyline.group.embeddings import EmbeddingsMissingError, load_embedder, unit
from storyline.group.features import embedding_text
from storyline.model import Article

# Two headlines about one matter with one content word in common (candidates are found through
# shared words), too few to join on words alone, and an unrelated one.
SAME_A = "Harbourside council approves Vellmar ferry contract"
SAME_B = "Ferry deal cleared after long dispute over boats and crews"
OTHER = "Norlund striker breaks ankle in cup semi-final"


class TableEmbedder:
    """Maps each headline to a fixed vector: the first two point the same way."""

    name = "table"

    def __init__(self) -> None:
        self.calls = 0
        self.table = {SAME_A: [1.0, 0.0, 0.0], SAME_B: [0.9, 0.1, 0.0], OTHER: [0.0, 0.0, 1.0]}

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        return [self.table[t] for t in texts]


class BrokenEmbedder:
    name = "broken"

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        raise RuntimeError("model file truncated")


def _headlines() -> list[Article]:
    return [
        Article(
            source="t",
            format="jsonl",
            id=f"h{i}",
            title=title,
            text="",
            published=f"2026-03-02T0{i}:00:00+00:00",
        )
        for i, title in enumerate((SAME_A, SAME_B, OTHER))
    ]


SETTINGS = replace(GroupSettings(), headline_dense_weight=0.5)


def _events(grouper: Grouper) -> dict[str, str]:
    return {article: place[0] for article, place in grouper.assignments().items()}


def test_embedding_text_is_title_and_lead() -> None:
    article = Article(source="t", format="jsonl", id="x", title=" Title ", text="Body " * 400)
    text = embedding_text(article)
    assert text.startswith("Title\nBody")
    assert len(text) <= len("Title\n") + 1000


def test_unit_scales_rows() -> None:
    assert unit([3.0, 4.0]) == pytest.approx([0.6, 0.8])
    assert unit([0.0, 0.0]) == [0.0, 0.0]


def test_dense_vectors_join_headlines_that_share_no_words() -> None:
    plain = Grouper(SETTINGS)
    plain.add(_headlines())
    events = _events(plain)
    assert events["h0"] != events["h1"], "without embeddings the two headlines share nothing"

    embedder = TableEmbedder()
    dense = Grouper(SETTINGS, embedder=embedder)
    dense.add(_headlines())
    events = _events(dense)
    assert events["h0"] == events["h1"]
    assert events["h2"] not in {events["h0"]}
    assert embedder.calls == 1, "one batch is embedded in one call"


def test_default_settings_weigh_embeddings_less_than_words() -> None:
    settings = GroupSettings()
    assert 0.0 <= settings.dense_weight < 0.5
    assert 0.0 < settings.headline_dense_weight < 0.5
    assert 0.0 < settings.dense_floor < 1.0


class CountingEmbedder(TableEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return [[1.0, 0.0, 0.0] for _ in texts]


def test_full_texts_are_embedded_only_when_their_comparisons_use_it() -> None:
    full = Article(
        source="t", format="jsonl", id="f1", title="Ferry contract approved",
        text="The Harbourside council approved the Vellmar ferry contract on Monday.",
        published="2026-03-02T09:00:00+00:00",
    )
    for weight, expected in ((0.0, 3), (0.2, 4)):
        embedder = CountingEmbedder()
        grouper = Grouper(replace(GroupSettings(), dense_weight=weight), embedder=embedder)
        grouper.add([*_headlines(), full])
        assert len(embedder.texts) == expected
        assert (full.title in " ".join(embedder.texts)) == (weight > 0)


def test_a_broken_embedder_loses_no_article() -> None:
    grouper = Grouper(SETTINGS, embedder=BrokenEmbedder())
    update = grouper.add(_headlines())
    assert update.added == 3
    assert len(grouper.assignments()) == 3
    assert [s.source for s in update.skipped] == ["embeddings"]
    assert "model file truncated" in update.skipped[0].reason


class ShortEmbedder:
    name = "short"

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0, 0.0]]  # one vector, whatever it was given


def test_an_embedder_returning_too_few_vectors_loses_no_article() -> None:
    update = Grouper(SETTINGS, embedder=ShortEmbedder()).add(_headlines())
    assert update.added == 3
    assert [s.source for s in update.skipped] == ["embeddings"]
    assert "1 vectors for 3 texts" in update.skipped[0].reason


def test_state_with_dense_centroids_round_trips_and_old_states_load() -> None:
    grouper = Grouper(SETTINGS, embedder=TableEmbedder())
    grouper.add(_headlines()[:2])
    saved = grouper.state.to_dict()
    restored = GroupState.from_dict(saved)
    event = next(iter(restored.events.values()))
    assert event.sums["dense"], "the dense centroid is saved"
    assert restored.to_dict() == saved

    # A state written before the dense sub-vector existed has no "dense" key anywhere.
    for cluster in [*saved["events"], *saved["stories"]]:
        del cluster["sums"]["dense"]
        del cluster["norms2"]["dense"]
    older = GroupState.from_dict(saved)
    assert all("dense" in c.sums for c in older.events.values())
    # Grouping goes on from the restored state, with or without an embedder.
    more = Grouper(SETTINGS, state=older)
    more.add(_headlines()[2:])
    assert len(more.assignments()) == 3


def test_missing_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EmbeddingsMissingError, match=r"storyline\[embeddings\]"):
        load_embedder()
    with pytest.raises(ValueError, match="unknown embedder"):
        load_embedder("word2vec")


def test_cli_reports_missing_extra_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    articles = tmp_path / "a.jsonl"  # type: ignore[operator]
    articles.write_text('{"id": "1", "title": "T", "text": "x"}\n')
    gold = tmp_path / "g.tsv"  # type: ignore[operator]
    gold.write_text("id\tevent\tstory\n1\te\ts\n")
    result = CliRunner().invoke(
        main, ["eval", "clusters", "--articles", str(articles), "--gold", str(gold),
               "--embeddings"]
    )
    assert result.exit_code == 1
    assert "embeddings" in result.output
    assert "Traceback" not in result.output
