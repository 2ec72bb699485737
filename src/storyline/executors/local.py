"""Run a pipeline in-process or over a local pool of processes.

The caller's iterator of articles (the readers) is consumed in this process; batches of
articles go through the pipeline's stages (in-process, or in worker processes), and processed
batches come back in input order, so the caller stores them in one place. At most
``2 × workers`` batches are in flight: memory stays flat however long the input is.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from storyline.model import Article
from storyline.pipeline import Pipeline, Stats

__all__ = ["DEFAULT_BATCH_SIZE", "LocalExecutor"]

#: Articles per batch: one store transaction each. 256 keeps a transaction well under a
#: second on Reuters-size articles while amortising commit and inter-process costs.
DEFAULT_BATCH_SIZE = 256

_worker_pipeline: Pipeline | None = None  # set once in each worker process by _init_worker


def _init_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _process_batch(batch: list[Article]) -> tuple[list[Article], Stats]:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    stats = Stats()
    return list(_worker_pipeline.run(batch, stats)), stats


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


class LocalExecutor:
    """Runs a pipeline on this machine: in-process (``workers=1``) or over a process pool.

    ``workers=0`` means one worker per CPU core.
    """

    def __init__(self, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE):
        self.workers = workers if workers > 0 else (os.cpu_count() or 1)
        self.batch_size = batch_size

    def run(
        self, pipeline: Pipeline, articles: Iterable[Article], stats: Stats
    ) -> Iterator[list[Article]]:
        """Yield the processed articles batch by batch, in input order; counts go to ``stats``."""
        if self.workers == 1:
            for batch in _batches(articles, self.batch_size):
                yield list(pipeline.run(batch, stats))
            return
        # The platform default (fork on Linux) starts workers fast and needs no import guard
        # in the calling script; stages are picklable all the same, for other executors.
        context = multiprocessing.get_context()
        with context.Pool(self.workers, initializer=_init_worker, initargs=(pipeline,)) as pool:
            pending: deque[AsyncResult[tuple[list[Article], Stats]]] = deque()
            for batch in _batches(articles, self.batch_size):
                pending.append(pool.apply_async(_process_batch, (batch,)))
                if len(pending) >= 2 * self.workers:
                    yield self._collect(pending.popleft(), stats)
            while pending:
                yield self._collect(pending.popleft(), stats)

    @staticmethod
    def _collect(result: AsyncResult[tuple[list[Article], Stats]], stats: Stats) -> list[Article]:
        processed, delta = result.get()
        stats += delta
        return processed
