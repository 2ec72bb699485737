"""Executors decide where a pipeline runs; the stages never know.

``LocalExecutor(workers=1)`` runs in-process; ``LocalExecutor(workers=N)`` runs the per-article
stages over a pool of N processes. A Ray executor with the same ``run`` method can come later.
"""

from storyline.executors.local import LocalExecutor

__all__ = ["LocalExecutor"]
