import pytest

from storyline.model import Article
from storyline.pipeline import Pipeline, PipelineError, Stage, Stats


class Upper(Stage):
    name = "upper"
    requires = frozenset({"body"})
    assigns = frozenset({"text"})

    def process(self, article, stats):
        article.text = article.body.upper()
        stats.count("uppered")
        return article


class DropEmpty(Stage):
    name = "drop-empty"
    requires = frozenset({"text"})

    def process(self, article, stats):
        if not article.text.strip():
            stats.drop("empty text", article)
            return None
        return article


def test_pipeline_checks_requirements_when_built():
    with pytest.raises(PipelineError, match="E001 stage 'drop-empty' requires \\['text'\\]"):
        Pipeline([DropEmpty(), Upper()])
    assert Pipeline([Upper(), DropEmpty()]).assigns >= {"text", "body"}


def test_pipeline_runs_stages_and_counts_drops():
    stats = Stats()
    articles = [
        Article(source=f"s{i}", format="text", body=b) for i, b in enumerate(["a", " ", "c"])
    ]
    kept = list(Pipeline([Upper(), DropEmpty()]).run(articles, stats))
    assert [a.text for a in kept] == ["A", "C"]
    assert stats.counts["uppered"] == 3
    assert stats.counts["dropped_empty_text"] == 1
    assert [str(s) for s in stats.skipped] == ["s1: empty text"]


def test_stats_merge():
    a, b = Stats(), Stats()
    a.count("read", 2)
    b.count("read", 3)
    b.skip("x.txt", "binary data, not text")
    a += b
    assert a.counts["read"] == 5 and a.counts["skipped"] == 1
    assert a.skip_reasons() == {"binary data, not text": 1}
