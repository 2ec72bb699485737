"""The seeds: 000 and 001 report one development (the same New York Times report of late
May 2025); 002, 003 and 004 are other developments of the same story."""

from __future__ import annotations

from storyline.group import Grouper
from storyline.pipeline import Stats
from storyline.read import read_inputs


def _seed_articles(seeds_dir):
    stats = Stats()
    articles = list(read_inputs([str(seeds_dir)], stats))
    try:  # clean the furniture off when the clean stage is there (it dates the seeds too)
        from storyline.ingest import default_pipeline

        articles = list(default_pipeline().run(articles, stats))
    except ImportError:
        pass
    for article in articles:
        article.id = article.source.rsplit("/", 1)[-1][:3]
    return articles


def test_seeds_000_and_001_are_one_event_and_all_five_one_story(seeds_dir) -> None:
    articles = _seed_articles(seeds_dir)
    assert sorted(a.id for a in articles) == ["000", "001", "002", "003", "004"]
    grouper = Grouper()
    grouper.add(articles)
    places = grouper.assignments()
    assert places["000"][0] == places["001"][0]
    for other in ("002", "003", "004"):
        assert places[other][0] != places["000"][0], other
    assert len({places[i][1] for i in places}) == 1
