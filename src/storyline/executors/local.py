"""Run a pipeline in-process or over a local pool of processes.

The caller's iterator of articles (the readers) is consumed in this process; batches of
articles go through the pipeline's stages (in-process, or in worker processes), and processed
batches come back in input order, so the caller stores them in one place. A ``finish``
function turns each processed batch into what the caller wants back where the batch was made
(the rows a store writes, say: cheaper to send than the articles). At most ``2 × workers``
batches are in flight: memory stays flat however long the input is.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar, overload

from storyline.model import Article
from storyline.pipeline import Pipeline, Stats

__all__ = ["DEFAULT_BATCH_SIZE", "LocalExecutor"]

#: Articles per batch: one store transaction each. 256 keeps a transaction well under a
#: second on Reuters-size articles while amortising commit and inter-process costs.
DEFAULT_BATCH_SIZE = 256

T = TypeVar("T")

_worker_pipeline: Pipeline | None = None  # set once in each worker process by _init_worker
_worker_finish: Callable[[list[Article]], Any] | None = None


def _init_worker(pipeline: Pipeline, finish: Callable[[list[Article]], Any] | None) -> None:
    global _worker_pipeline, _worker_finish
    _worker_pipeline, _worker_finish = pipeline, finish


def _process_batch(batch: list[Article]) -> tuple[Any, Stats]:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    stats = Stats()
    return _finished(list(_worker_pipeline.run(batch, stats)), _worker_finish), stats


def _finished(batch: list[Article], finish: Callable[[list[Article]], Any] | None) -> Any:
    return batch if finish is None else finish(batch)


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

    @overload
    def run(
        self, pipeline: Pipeline, articles: Iterable[Article], stats: Stats, finish: None = None
    ) -> Iterator[list[Article]]: ...

    @overload
    def run(
        self,
        pipeline: Pipeline,
        articles: Iterable[Article],
        stats: Stats,
        finish: Callable[[list[Article]], T],
    ) -> Iterator[T]: ...

    def run(
        self,
        pipeline: Pipeline,
        articles: Iterable[Article],
        stats: Stats,
        finish: Callable[[list[Article]], Any] | None = None,
    ) -> Iterator[Any]:
        """Yield the processed articles batch by batch, in input order (each batch passed
        through ``finish`` where it was processed, when given); counts go to ``stats``.

        ``finish`` must be picklable (a module-level function) to run in worker processes.
        """
        if self.workers == 1:
            for batch in _batches(articles, self.batch_size):
                yield _finished(list(pipeline.run(batch, stats)), finish)
            return
        # The platform default (fork on Linux) starts workers fast and needs no import guard
        # in the calling script; stages are picklable all the same, for other executors.
        context = multiprocessing.get_context()
        forking = context.get_start_method() == "fork"
        if forking:
            # Forked workers share what the stages load here (a model, compiled rules)
            # instead of each loading its own: on Reuters-21578, 1.4-1.6 s less CPU in the
            # workers for 0.5 s here, 0.1-0.3 s sooner done, one copy of the model in
            # memory instead of one a worker.
            pipeline.prepare()
        with context.Pool(
            self.workers, initializer=_init_worker, initargs=(pipeline, finish)
        ) as pool:
            if forking:
                pipeline.release()  # the workers have it; this process processes nothing
            pending: deque[AsyncResult[tuple[Any, Stats]]] = deque()
            for batch in _batches(articles, self.batch_size):
                pending.append(pool.apply_async(_process_batch, (batch,)))
                if len(pending) >= 2 * self.workers:
                    yield self._collect(pending.popleft(), stats)
            while pending:
                yield self._collect(pending.popleft(), stats)

    @staticmethod
    def _collect(result: AsyncResult[tuple[Any, Stats]], stats: Stats) -> Any:
        processed, delta = result.get()
        stats += delta
        return processed
