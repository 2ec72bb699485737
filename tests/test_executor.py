"""LocalExecutor: batches come back in input order, turned by ``finish`` into what the caller
wants where they were processed; forked workers share what the stages prepared before, and
the parent lets go of it."""

import os

import pytest

from storyline.executors import LocalExecutor
from storyline.model import Article
from storyline.pipeline import Pipeline, Stage, Stats


class Stamp(Stage):
    """Notes in each article the process that processed it and the process that prepared
    the stage, as that process finds it."""

    name = "stamp"
    requires = frozenset({"body"})
    assigns = frozenset({"meta"})
    prepared_by: int | None = None  # on the class: what a forked worker inherits

    def prepare(self):
        type(self).prepared_by = os.getpid()

    def release(self):
        type(self).prepared_by = None

    def process(self, article, stats):
        article.meta["processed_by"] = os.getpid()
        article.meta["prepared_by"] = type(self).prepared_by
        stats.count("stamped")
        return article


@pytest.fixture(autouse=True)
def unprepared():
    Stamp.prepared_by = None
    yield
    Stamp.prepared_by = None


def _articles(n):
    return [Article(source=f"s{i}", format="text", body=f"body {i}") for i in range(n)]


def _summary(batch):
    """A finish function: what the caller gets back instead of the articles."""
    return [(a.source, a.meta["processed_by"], a.meta["prepared_by"]) for a in batch]


def test_finish_turns_each_batch_in_process():
    stats = Stats()
    out = list(LocalExecutor(workers=1, batch_size=4).run(
        Pipeline([Stamp()]), _articles(10), stats, finish=_summary
    ))
    assert [len(batch) for batch in out] == [4, 4, 2]
    assert [row[0] for batch in out for row in batch] == [f"s{i}" for i in range(10)]
    assert {row[1] for batch in out for row in batch} == {os.getpid()}
    assert stats.counts["stamped"] == 10


def test_workers_finish_batches_in_order_and_share_what_the_parent_prepared():
    stats = Stats()
    out = list(LocalExecutor(workers=2, batch_size=3).run(
        Pipeline([Stamp()]), _articles(20), stats, finish=_summary
    ))
    rows = [row for batch in out for row in batch]
    assert [row[0] for row in rows] == [f"s{i}" for i in range(20)]
    assert os.getpid() not in {row[1] for row in rows}  # finished in the workers
    # The workers were forked after this process prepared the stage: none prepared again;
    # this process let go of it once they were.
    assert {row[2] for row in rows} == {os.getpid()}
    assert Stamp.prepared_by is None
    assert stats.counts["stamped"] == 20


def test_without_finish_the_articles_come_back():
    out = list(LocalExecutor(workers=2, batch_size=3).run(
        Pipeline([Stamp()]), _articles(7), Stats()
    ))
    assert [a.source for batch in out for a in batch] == [f"s{i}" for i in range(7)]


def test_pipeline_prepares_every_stage():
    class Other(Stamp):
        name = "other"
        prepared_by = None

    Pipeline([Stamp(), Other()]).prepare()
    assert Stamp.prepared_by == Other.prepared_by == os.getpid()


def test_a_stage_whose_rules_cannot_load_still_prepares_and_reports_per_article(monkeypatch):
    # A broken rule file must not end the run before the first article: each article says why.
    from storyline.clean import furniture
    from storyline.clean.furniture import Clean

    def broken():
        raise ValueError("bad rule")

    monkeypatch.setattr(furniture, "default_rules", broken)
    stats = Stats()
    out = list(LocalExecutor(workers=2, batch_size=2).run(
        Pipeline([Clean()]), _articles(3), stats
    ))
    assert [a.meta["hints"]["clean_error"] for batch in out for a in batch] == [
        "ValueError: bad rule"
    ] * 3
    assert stats.counts["clean_failed"] == 3
