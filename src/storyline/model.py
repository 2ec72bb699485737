"""The records that flow through storyline.

One :class:`Article` flows through the pipeline; every stage adds to it. Anything storyline
later shows about an article (a removal, a quote, a date) points back to it by id and to its
text by character offsets, so that every sentence a user sees can be traced to its words.

Offsets: ``Article.body`` is the article text as read (after format decoding: the JSONL
``text``, the text of a plain file, what trafilatura extracted from an HTML page).
``Article.text`` is the clean text: ``body`` with the spans in ``Article.removals`` cut out,
nothing else changed. :meth:`Article.to_body_offset` maps an offset in ``text`` back to
``body``, so spans found in clean text can be scored against gold spans in the input.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "Removal", "Skip", "restore_body"]


@dataclass(slots=True)
class Removal:
    """One span of ``Article.body`` that cleaning cut out, and why.

    ``start``/``end`` are offsets into ``body`` (end exclusive); ``rule`` is the id of the
    rule that fired (from ``clean/rules/furniture.toml`` or a built-in like ``headline``);
    ``reason`` is a short human sentence; ``text`` is the removed text, for display.
    """

    start: int
    end: int
    rule: str
    reason: str
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        # Spelled out: dataclasses.asdict deep-copies every field, 20 times slower.
        return {"start": self.start, "end": self.end, "rule": self.rule,
                "reason": self.reason, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removal:
        return cls(**{k: data[k] for k in ("start", "end", "rule", "reason", "text") if k in data})


def restore_body(text: str, removals: list[Removal]) -> str:
    """Rebuild the body from the clean text and the removals (each removal keeps its text).

    Storage keeps ``text`` and ``removals`` only; this gives back ``body`` exactly, provided
    every removal carries the text it cut (cleaning always records it).
    """
    parts: list[str] = []
    position = 0  # in text
    cursor = 0  # in body
    for removal in sorted(removals, key=lambda r: r.start):
        keep = removal.start - cursor
        parts.append(text[position : position + keep])
        parts.append(removal.text)
        position += keep
        cursor = removal.end
    parts.append(text[position:])
    return "".join(parts)


@dataclass(slots=True)
class Skip:
    """An input (or part of one) that could not be read, with a one-line reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Article:
    """A news article as it moves through the pipeline.

    Readers set ``source``, ``format``, ``body`` (or ``html``) and whatever metadata the
    input carries; later stages fill in the rest. ``meta`` keeps every extra key an input
    carried (JSONL keys we do not model, header lines, feed and WARC fields) plus hints that
    stages leave for each other under ``meta["hints"]``.
    """

    source: str
    format: str
    body: str = ""
    html: str | None = None
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin_outlet: str | None = None
    published: str | None = None
    fetched: str | None = None
    language: str | None = None
    text: str | None = None
    removals: list[Removal] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    # Annotations, with offsets into ``text`` (see storyline.extract): entity mentions,
    # quotes, outlets the article cites as its sources, and time expressions.
    mentions: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    cited_sources: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)

    # -- offsets -----------------------------------------------------------------------

    def to_body_offset(self, offset: int) -> int:
        """Map an offset in the clean ``text`` to the same character in ``body``.

        An offset that falls exactly where a span was removed maps to the character after
        the removed span (the same character it names in ``text``).
        """
        shift = 0
        for removal in sorted(self.removals, key=lambda r: r.start):
            if removal.start - shift > offset:
                break
            shift += removal.end - removal.start
        return offset + shift

    def to_text_offset(self, offset: int) -> int:
        """Map an offset in ``body`` to the clean ``text``; inside a removed span it maps to
        where that span was cut."""
        spans = sorted(self.removals, key=lambda r: r.start)
        starts = [r.start for r in spans]
        index = bisect.bisect_right(starts, offset)
        removed = 0
        for removal in spans[:index]:
            if offset < removal.end:
                return removal.start - removed
            removed += removal.end - removal.start
        return offset - removed

    # -- serialisation -----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (removals and annotations as dicts)."""
        data = {name: getattr(self, name) for name in self.__slots__}
        for name in ("removals", *_ANNOTATIONS):
            data[name] = [item.to_dict() if hasattr(item, "to_dict") else item
                          for item in data[name]]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output (annotations stay plain dicts)."""
        values = {k: v for k, v in data.items() if k in cls.__slots__ and k != "removals"}
        values["removals"] = [Removal.from_dict(r) for r in data.get("removals") or []]
        return cls(**values)


_ANNOTATIONS = ("mentions", "quotes", "cited_sources", "dates")
