"""The stage contract, the pipeline that checks it, and the run statistics.

A stage is a small object with one job: it takes an iterator of :class:`Article` and yields
articles. It declares the fields it ``requires`` and the fields it ``assigns``; building a
:class:`Pipeline` checks that every requirement is assigned by an earlier stage (or is one of
the fields every reader sets). A stage that drops an article says why through
``stats.drop(reason, article)``; the reason is counted and kept for the run summary.

Stages know nothing of where they run: an executor (``storyline.executors``) decides whether
a pipeline runs in-process or over a pool of processes, and merges the :class:`Stats`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import ClassVar

from storyline.model import Article, Skip

__all__ = ["READER_FIELDS", "Pipeline", "PipelineError", "Stage", "Stats"]

#: Fields every reader sets (possibly to ``None``); stages may require them freely.
READER_FIELDS = frozenset({"source", "format", "body", "html", "external_id", "meta"})


class PipelineError(ValueError):
    """A pipeline whose stages do not fit together (code E001: a missing requirement)."""


@dataclass
class Stats:
    """Counts and skipped inputs of a run; merges across workers with ``+=``.

    ``counts`` holds named counters (``read``, ``kept``, ``dropped_<reason>``...);
    ``skipped`` holds one :class:`Skip` per input, or part of an input, that was not read.
    """

    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[Skip] = field(default_factory=list)

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def skip(self, source: str, reason: str) -> None:
        """Record an input that could not be read (it is counted as ``skipped``)."""
        self.skipped.append(Skip(source, reason))
        self.counts["skipped"] += 1

    def drop(self, reason: str, article: Article) -> None:
        """Record an article a stage dropped, with its reason."""
        self.skip(article.source, reason)
        self.counts[f"dropped_{reason.split(':')[0].strip().replace(' ', '_')}"] += 1

    def __iadd__(self, other: Stats) -> Stats:
        self.counts.update(other.counts)
        self.skipped.extend(other.skipped)
        return self

    def skip_reasons(self) -> Counter[str]:
        """How many inputs were skipped for each reason (the reason's text before any ':')."""
        return Counter(s.reason.split(":")[0].strip() for s in self.skipped)


class Stage:
    """Base class of a pipeline stage.

    Subclasses set ``name``, ``requires`` and ``assigns`` and implement :meth:`process`
    for one article (return it, or ``None`` after calling ``stats.drop``). Stages that need
    the whole stream override :meth:`run`. A stage must be picklable and hold no state
    shared between workers.
    """

    name: ClassVar[str] = "stage"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def process(self, article: Article, stats: Stats) -> Article | None:
        raise NotImplementedError

    def prepare(self) -> None:
        """Load now what processing would load on the first article (a model, compiled
        rules), so that worker processes forked afterwards share it instead of each loading
        its own. Optional for a stage, and never needed: processing loads what is missing.
        Must not raise; what fails to load here fails again, and is reported, per article.
        """

    def release(self) -> None:
        """Let go of what :meth:`prepare` loaded, in a process that will process no more
        articles (the parent of forked workers): a later article loads it again."""

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        """Yield every article :meth:`process` keeps."""
        for article in articles:
            kept = self.process(article, stats)
            if kept is not None:
                yield kept

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Pipeline:
    """An ordered list of stages whose requirements were checked when it was built."""

    def __init__(self, stages: Sequence[Stage], provided: Iterable[str] = READER_FIELDS):
        available = set(provided)
        for stage in stages:
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"E001 stage {stage.name!r} requires {sorted(missing)}, which no earlier "
                    "stage assigns: put a stage that assigns them before it"
                )
            available |= set(stage.assigns)
        self.stages = list(stages)
        self.assigns = frozenset(available)

    def prepare(self) -> None:
        """:meth:`Stage.prepare` every stage, side by side: loading a model is mostly
        decompressing it, which releases the GIL, so it costs no more than the slowest."""
        preparing = [s for s in self.stages if type(s).prepare is not Stage.prepare]
        if not preparing:
            return
        with ThreadPoolExecutor(len(preparing)) as pool:
            for done in [pool.submit(stage.prepare) for stage in preparing]:
                done.result()

    def release(self) -> None:
        """:meth:`Stage.release` every stage."""
        for stage in self.stages:
            stage.release()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        """Run every stage over ``articles`` lazily, in order."""
        stream: Iterable[Article] = articles
        for stage in self.stages:
            stream = stage.run(stream, stats)
        yield from stream

    def __repr__(self) -> str:
        return "Pipeline(" + " -> ".join(s.name for s in self.stages) + ")"
