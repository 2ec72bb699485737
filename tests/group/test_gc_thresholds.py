"""Grouping raises the collector's thresholds while it decides (and, in a store, while it
saves) and puts back what it found, also when a batch fails. The articles are invented."""

from __future__ import annotations

import gc

import pytest

import storyline.group as group_module
from storyline.group import GC_THRESHOLDS, Grouper
from storyline.model import Article


def _article(id_: str) -> Article:
    return Article(
        source="t",
        format="text",
        id=id_,
        title="Harbour cranes stop at Port Amsel",
        text="The cranes of the eastern terminal stopped on Monday, the port authority said.",
        published="2031-05-04T06:00:00",
    )


def test_the_thresholds_are_raised_while_deciding_and_put_back_after() -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    grouper = Grouper()
    decide = grouper._decide

    def watching(entry):  # what the collector is set to while an article is decided
        seen.append(gc.get_threshold())
        return decide(entry)

    grouper._decide = watching  # type: ignore[method-assign]
    grouper.add([_article("a1"), _article("a2")])
    assert seen and all(t == GC_THRESHOLDS for t in seen)
    assert gc.get_threshold() == before


def test_the_thresholds_are_put_back_when_a_batch_fails(monkeypatch) -> None:
    before = gc.get_threshold()
    grouper = Grouper()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(grouper, "_add_chunks", broken)
    with pytest.raises(RuntimeError):
        grouper.add([_article("b1")])
    assert gc.get_threshold() == before
    assert group_module._gc_depth == 0


def test_grouping_a_store_keeps_them_raised_while_it_saves(tmp_path, monkeypatch) -> None:
    import storyline.grouping as grouping
    from storyline.store import Store

    before = gc.get_threshold()
    with Store(tmp_path / "s.db") as store:
        store.add_articles([_article("c1"), _article("c2")])
    seen: list[tuple[int, ...]] = []
    save = grouping.save_grouper

    def watching(conn, grouper):  # what the collector is set to as the state is saved
        seen.append(gc.get_threshold())
        return save(conn, grouper)

    monkeypatch.setattr(grouping, "save_grouper", watching)
    assert grouping.group(tmp_path / "s.db").articles == 2
    assert seen == [GC_THRESHOLDS]
    assert gc.get_threshold() == before
