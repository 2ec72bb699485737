"""Readers: turn paths (files, folders, globs, ``-``) into articles.

One reader per format, each ``read_X(source, stream, stats) -> Iterator[Article]`` over a
binary stream. :func:`read_inputs` expands the paths, opens each input (through gzip when it
is gzipped), decides its format from the name and the first bytes, and calls the reader. An
input that cannot be read becomes one line in ``stats.skipped`` and the run goes on.

Source labels name where an article came from: ``PATH`` for a text or HTML file,
``PATH:LINE`` for a JSONL line, ``PATH#N`` for the N-th entry of a feed, ``PATH@N`` for the
N-th record of a WARC archive (1-based); ``<stdin>`` stands for standard input.
"""

from __future__ import annotations

import glob
import gzip
import importlib
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read.decode import looks_binary
from storyline.read.errors import ReadError

__all__ = ["FORMATS", "InputReader", "ReadError", "expand_paths", "read_inputs", "sniff_format"]

Reader = Callable[[str, BinaryIO, Stats], Iterator[Article]]

#: Every input format and the function that reads it ("module:function", imported on first
#: use so that a run over JSONL never pays for importing the HTML stack).
FORMATS: dict[str, str] = {
    "text": "storyline.read.text:read_text",
    "jsonl": "storyline.read.jsonl:read_jsonl",
    "json": "storyline.read.jsonl:read_json",
    "html": "storyline.read.html:read_html",
    "feed": "storyline.read.feed:read_feed",
    "warc": "storyline.read.warc:read_warc",
}

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}

_GZIP_MAGIC = b"\x1f\x8b"

# Files found while walking a folder that are evidently not articles (configuration, code,
# images, archives): reported as skipped with their type instead of being read as text.
_NOT_ARTICLES = frozenset({
    ".toml", ".yaml", ".yml", ".ini", ".cfg", ".conf", ".csv", ".tsv", ".py", ".js", ".css",
    ".sh", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".pdf", ".zip", ".tar",
    ".7z", ".mp3", ".mp4", ".db", ".sqlite", ".db-wal", ".db-shm", ".parquet",
})


def _reader(format: str) -> Reader:
    module, _, name = FORMATS[format].partition(":")
    return getattr(importlib.import_module(module), name)


def sniff_format(name: str, head: bytes) -> str:
    """The format of an input from its name (without ``.gz``) and its first bytes.

    The extension decides when it is a known one; otherwise the content does: ``WARC/``,
    a JSON object or list, an RSS/Atom/RDF root, an HTML document, or plain text.
    """
    suffix = Path(name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    lower = start.lower()
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    if any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if any(tag in lower for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    return "text"


def expand_paths(paths: Iterable[str], stats: Stats) -> Iterator[str]:
    """Each input path: files as given, folders walked (sorted, hidden entries left out),
    globs expanded, ``-`` for standard input; a path that matches nothing is skipped."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    found = True
                    suffix = Path(name[:-3] if name.endswith(".gz") else name).suffix.lower()
                    if suffix in _NOT_ARTICLES:
                        stats.skip(os.path.join(root, name), f"not an article format ({suffix})")
                    else:
                        yield os.path.join(root, name)
            if not found:
                stats.skip(path, "empty folder")
        elif os.path.exists(path):
            yield path
        elif any(ch in path for ch in "*?["):
            matches = sorted(glob.glob(path, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not matches:
                stats.skip(path, "no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from expand_paths([match], stats)
            yield from files
        else:
            stats.skip(path, "no such file or folder")


class _CountingReader(io.RawIOBase):
    """Wraps a raw file and counts the bytes read from it (for an honest progress bar)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.position += n or 0
        return n or 0

    def close(self) -> None:
        self.raw.close()
        super().close()


class InputReader:
    """Reads every input of a run in order, yielding articles and counting bytes done.

    ``total_bytes`` is the size on disk of every input (0 when unknown, e.g. stdin);
    ``bytes_done`` grows as inputs are read, so a progress bar can show a true rate and ETA.
    """

    def __init__(self, paths: Iterable[str], stats: Stats):
        self.stats = stats
        self.paths = list(expand_paths(paths, stats))
        self.total_bytes = sum(os.path.getsize(p) for p in self.paths if p != "-")
        self._done_files = 0
        self._current: _CountingReader | None = None

    @property
    def bytes_done(self) -> int:
        return self._done_files + (self._current.position if self._current else 0)

    def __iter__(self) -> Iterator[Article]:
        for path in self.paths:
            yield from self._read_one(path)

    def _open(self, path: str) -> BinaryIO:
        if path == "-":
            return io.BufferedReader(io.BytesIO(sys.stdin.buffer.read()))  # type: ignore[arg-type]
        self._current = _CountingReader(open(path, "rb"))  # noqa: SIM115 - closed in _read_one
        return io.BufferedReader(self._current, buffer_size=1 << 16)

    def _read_one(self, path: str) -> Iterator[Article]:
        source = "<stdin>" if path == "-" else path
        stats = self.stats
        try:
            stream = self._open(path)
        except OSError as error:
            stats.skip(source, f"cannot open: {error.strerror or error}")
            return
        produced = 0
        try:
            head = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
            name = path
            if head.startswith(_GZIP_MAGIC):
                stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
                head = stream.peek(4096)[:4096]
                name = path[:-3] if path.lower().endswith(".gz") else path
            if not head.strip():
                raise ReadError("empty input")
            format = sniff_format(name, head)
            if format in ("text", "html", "feed", "jsonl", "json") and looks_binary(head):
                raise ReadError("binary data, not text")
            for article in _reader(format)(source, stream, stats):
                produced += 1
                yield article
            stats.count(f"inputs_{format}")
        except ReadError as error:
            stats.skip(source, str(error))
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            detail = f" after {produced} articles" if produced else ""
            stats.skip(source, f"truncated or corrupt gzip{detail}: {error}")
        except UnicodeDecodeError:
            stats.skip(source, "invalid UTF-8 and no other text encoding fits")
        except Exception as error:  # a reader bug must not end the run: report and go on
            stats.skip(source, f"unreadable ({type(error).__name__}: {error})")
        finally:
            stream.close()
            if self._current is not None and path != "-":
                self._done_files += os.path.getsize(path)
                self._current = None


def read_inputs(paths: Iterable[str], stats: Stats) -> Iterator[Article]:
    """Yield the articles of every input in order (see :class:`InputReader`)."""
    yield from InputReader(paths, stats)
