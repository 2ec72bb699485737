"""``group``: attach stored articles to copies, events and stories, online.

Articles not yet grouped are given to the grouper (restored from the store) in chunks; the
changes of a batch of chunks and the grouper's state are saved in one transaction, so a rerun
goes on where the last one stopped and regrouping what is already grouped never happens.

On a machine with more than one core, a second process reads the next chunk from the store,
describes its articles (features, copy fingerprints: :func:`storyline.group.prepare`) and
weighs them under the document frequencies the grouper will hold when it decides them
(:class:`storyline.group.WeighingAhead`) while this one decides the current chunk; decisions
are the same either way (the grouper decides in one order whatever describes the articles,
and weighs again any article whose frequencies turn out otherwise).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from storyline.group import (
    GC_THRESHOLDS,
    PREPARE_FIELDS,
    GroupSettings,
    Prepared,
    WeighingAhead,
    fewer_collections,
    prepare,
)
from storyline.group.embeddings import Embedder
from storyline.group.persist import load_grouper, save_grouper, save_update
from storyline.model import Article
from storyline.store import DEFAULT_DB, Store

__all__ = ["GroupResult", "group", "ungrouped_ids"]

#: Articles grouped between two saves (one transaction each; a last remainder of less than a
#: quarter of this joins the batch before it). The online state is saved with
#: every batch (tens of MB on a large window), so batches are large. How a batch is cut into
#: chunks never changes a decision; where batches end can, on dated articles: events closed at
#: the end of a batch no longer compete for the candidate slots of the next one.
GROUP_BATCH_SIZE = 20000

#: Articles read and described at once (:meth:`~storyline.group.Grouper.add_chunks` decides a
#: batch chunk by chunk, with the result of one batch): small enough that a second process
#: describes the next chunk while this one decides, large enough to amortise the hand-over.
GROUP_CHUNK_SIZE = 1000

#: Below this many articles everything runs in this process (starting a second one costs
#: more than it saves).
PARALLEL_MIN_ARTICLES = 4000


@dataclass
class GroupResult:
    """How many articles were grouped, and how many events and stories the store holds."""

    articles: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"grouped": self.articles, "events": self.events, "stories": self.stories,
                "seconds": round(self.seconds, 3)}


def ungrouped_ids(store: Store) -> list[str]:
    """Stored articles that no event holds yet, in publication order (undated last)."""
    return [r[0] for r in store.db.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles) "
        "ORDER BY published IS NULL, published, id")]


def group(db: str | Path | Store = DEFAULT_DB, *, batch_size: int = GROUP_BATCH_SIZE,
          settings: GroupSettings | None = None,
          embedder: Embedder | None = None,
          parallel: bool | None = None) -> GroupResult:
    """Group every stored article that is not in an event yet; return what was done.

    ``settings`` other than the defaults are for experiments on a fresh store: the online
    state saved in a store carries on with the settings it was grouped with. ``embedder``
    (:func:`storyline.group.embeddings.load_embedder`, the ``embeddings`` extra) adds dense
    vectors to the articles grouped now. ``parallel``: describe articles in a second process
    (None: when the machine has more than one core, the store is a file and there are at
    least :data:`PARALLEL_MIN_ARTICLES` articles); the result is the same either way.
    """
    store = db if isinstance(db, Store) else Store(db)
    try:
        started = time.perf_counter()
        ids = ungrouped_ids(store)
        result = GroupResult()
        if ids:  # restoring the online state is the costly part: only when there is work
            grouper = load_grouper(store.db, settings)
            grouper.embedder = embedder
            if parallel is None:
                parallel = (
                    (os.cpu_count() or 1) > 1
                    and store.path != ":memory:"
                    and len(ids) >= PARALLEL_MIN_ARTICLES
                )
            # Batches as before (one transaction each), each given to the grouper in chunks
            # that the describing process reads ahead.
            id_batches = _batches(ids, batch_size)
            last = len(id_batches) - 1
            batches = [
                _tapered(batch, head=parallel and i == 0, tail=parallel and i == last)
                for i, batch in enumerate(id_batches)
            ]
            chunks = [chunk for batch in batches for chunk in batch]
            described = (
                _described_elsewhere(
                    store.path, chunks, embedder is not None,
                    WeighingAhead(grouper.state.df.copy()),
                )
                if parallel
                else (store.iter_articles(chunk, PREPARE_FIELDS) for chunk in chunks)
            )
            for batch in batches:
                # Through the save too: at Python's thresholds the collector made a
                # generation-1 and a full pass over the window as the batch ended and the
                # records and the state were built (0.27 s on Reuters-21578; one 0.1 s
                # generation-1 pass is left, once the thresholds are put back).
                with fewer_collections():
                    update = grouper.add_chunks(islice(described, len(batch)), ordered=True)
                    with store.transaction():
                        save_update(store.db, update)
                        save_grouper(store.db, grouper)
                result.articles += update.added
        result.events = int(store.db.execute("SELECT count(*) FROM events").fetchone()[0])
        result.stories = int(store.db.execute("SELECT count(*) FROM stories").fetchone()[0])
        result.seconds = time.perf_counter() - started
        return result
    finally:
        if store is not db:
            store.close()


def _chunks(ids: Sequence[str], size: int) -> list[Sequence[str]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _batches(ids: Sequence[str], size: int) -> list[Sequence[str]]:
    """``ids`` in batches of ``size``, the last one taking a remainder of less than a
    quarter batch: a few hundred articles past a batch are not worth a save of the whole
    state (0.4 s on Reuters' month), and no batch grows past 1.25 sizes."""
    batches = _chunks(ids, size)
    if len(batches) > 1 and len(batches[-1]) * 4 < size:
        batches[-2:] = [ids[(len(batches) - 2) * size :]]
    return batches


def _tapered(ids: Sequence[str], head: bool, tail: bool) -> list[Sequence[str]]:
    """``ids`` in chunks, the first ones smaller when ``head`` (an eighth of a chunk, then
    half as large again each time) and the last ones, in the reverse order, when ``tail``.

    A small first chunk: deciding waits only for it to be described. Small last chunks:
    when the describing process is the slower one, deciding waits for each chunk, and what
    is left to decide after the last one arrives is that chunk alone.
    """
    ramp, size = [], max(1, GROUP_CHUNK_SIZE // 8)
    while size < GROUP_CHUNK_SIZE:
        ramp.append(size)
        size = size * 3 // 2
    start, end = 0, len(ids)
    front: list[Sequence[str]] = []
    back: list[Sequence[str]] = []
    for size in ramp:
        if head and start < end:
            front.append(ids[start : min(start + size, end)])
            start = min(start + size, end)
        if tail and start < end:
            back.append(ids[max(end - size, start) : end])
            end = max(end - size, start)
    return front + _chunks(ids[start:end], GROUP_CHUNK_SIZE) + back[::-1]


#: At most this many chunks are read and described ahead of the one being decided.
_AHEAD = 2

_worker_store: Store | None = None  # each describing process opens the store once
_worker_weighing: WeighingAhead | None = None  # ... and weighs with its own frequencies


def _start_describing(weighing: WeighingAhead) -> None:
    global _worker_weighing
    _worker_weighing = weighing
    # Describing a chunk allocates hundreds of thousands of small dicts, lists and strings
    # that live until the chunk is sent; this process makes no cyclic garbage to speak of,
    # so it collects as rarely as deciding does (storyline.group.GC_THRESHOLDS): 3% less CPU
    # here on Reuters-21578.
    gc.set_threshold(*GC_THRESHOLDS)


def _describe(path: str, embedding: bool, ids: Sequence[str]) -> list[Prepared | Article]:
    """Read the articles of ``ids``, describe and weigh them (in the second process). An
    article that cannot be described goes back as it is: the grouper skips it with the
    reason."""
    global _worker_store
    if _worker_store is None or _worker_store.path != path:
        _worker_store = Store(path)
    out: list[Prepared | Article] = []
    for article in _worker_store.iter_articles(ids, PREPARE_FIELDS):
        try:
            out.append(prepare(article, embedding))
        except Exception:  # the grouper reports it, as it does in one process
            out.append(article)
    if _worker_weighing is not None:
        _worker_weighing.weigh(item for item in out if isinstance(item, Prepared))
    return out


def _described_elsewhere(
    path: str, chunks: list[Sequence[str]], embedding: bool, weighing: WeighingAhead
) -> Iterator[list[Prepared | Article]]:
    """The chunks' articles, read, described and weighed in a second process, in order; at
    most :data:`_AHEAD` chunks wait, so memory stays flat however many articles there are."""
    context = multiprocessing.get_context()
    work = partial(_describe, path, embedding)
    with context.Pool(1, initializer=_start_describing, initargs=(weighing,)) as pool:
        pending: deque[AsyncResult[list[Prepared | Article]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(work, (list(chunk),)))
            if len(pending) > _AHEAD:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
