"""Plain text files: the whole file is one article's body, as read.

Header lines (` date 2025-05-28 403`, `Title: ...`, `URL: ...`) and the headline stay in
``body``: the clean stage turns them into metadata and records their removal, so every
character of the file stays accounted for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read.decode import decode_text

__all__ = ["read_text"]


def read_text(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """Yield the one article of a text file (raises ReadError for empty or binary input)."""
    body = decode_text(stream.read())
    yield Article(source=source, format="text", body=body.replace("\r\n", "\n"))
