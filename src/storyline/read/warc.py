"""WARC (and ARC) web archives: each HTML response record is an article.

A ``response`` record whose HTTP status is 200 and whose content type is HTML becomes an
article labelled ``SOURCE@N`` (N counts every record of the archive from 1) with the
decoded page in ``html`` — the :class:`~storyline.read.html.HtmlText` stage extracts its
text — the ``WARC-Target-URI`` as ``url``, the ``WARC-Date`` as ``fetched`` and the
``WARC-Record-ID`` as ``external_id``. Every other record (request, metadata, warcinfo,
redirects, 404s, images) is passed over and counted as ``warc_records_passed_over``.

Archives arrive whole or gzipped record by record, already gunzipped by the dispatcher or
not. A damaged record is skipped with its reason; a truncated archive keeps every record
read before the break and reports the rest.

We read with warcio rather than fastwarc: reading is a small share of what a WARC article
costs. In runs of ``benchmarks/html_extraction.py`` on our shared 2-core machine,
``read_warc`` took 1.0 to 5.3 ms per record while the page's extraction and cleaning took
29 to 52 ms, so a faster parser would save a few percent at most; warcio is pure Python,
so it installs everywhere.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read.decode import decode_text
from storyline.read.errors import ReadError
from storyline.read.html import page_charset

__all__ = ["read_warc"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_HEADER_BLOCK_CUT = "the archive ends inside its header block"
# What a truncated or corrupt compressed stream raises while it is read.
_BROKEN_STREAM = (EOFError, zlib.error, gzip.BadGzipFile)
# What warcio raises on some malformed records, beyond its own ArchiveLoadFailed: a response
# record without a WARC-Target-URI raises AttributeError in its HTTP header parser.
_MALFORMED_RECORD = (AttributeError, TypeError, KeyError, IndexError)


class _UntilBroken(io.RawIOBase):
    """A stream that ends where the stream it wraps breaks, remembering why and where.

    Read through ``read1``, a truncated gzip hands over every byte it can decompress
    before it raises; a plain ``read(n)`` would lose the last buffer with the error, and
    warcio would take the ``EOFError`` for the clean end of the archive.
    """

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.error: BaseException | None = None
        self.position = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        reader = getattr(self.stream, "read1", self.stream.read)
        try:
            data = reader(len(buffer))
        except _BROKEN_STREAM as error:
            self.error = error
            return 0
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def _starts_with(stream: BinaryIO, magic: bytes) -> bool:
    """Whether the stream starts with ``magic``, without consuming it."""
    if hasattr(stream, "peek"):
        return stream.peek(len(magic))[: len(magic)] == magic
    if stream.seekable():
        start = stream.tell()
        head = stream.read(len(magic))
        stream.seek(start)
        return head == magic
    return False


def _first_line(error: BaseException) -> str:
    """The error's first line, fit to be one line of a report: warcio quotes the bytes it
    could not read ("Unknown archive format, first line: [...]"), which is binary noise,
    not a reason; what is left is printable and at most 200 characters."""
    lines = str(error).strip().splitlines()
    line = lines[0].split(", first line:", 1)[0] if lines else type(error).__name__
    line = "".join(c if c.isprintable() else "?" for c in line)
    return line if len(line) <= 200 else line[:199] + "…"


def _next_record(records: Iterator[ArcWarcRecord]) -> tuple[ArcWarcRecord | None, bool]:
    """The next record, and whether warcio found the previous record's length wrong.

    warcio writes that finding to stderr as a multi-line warning; we catch it so it can
    be reported as one line about the record it concerns.
    """
    with contextlib.redirect_stderr(io.StringIO()) as warnings:
        record = next(records, None)
    return record, bool(warnings.getvalue().strip())


def _html_content_type(record: ArcWarcRecord) -> str | None:
    """The record's HTTP Content-Type when it is a 200 HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";", 1)[0].strip().lower() not in _HTML_TYPES:
        return None
    return content_type


def _incompleteness(record: ArcWarcRecord) -> str | None:
    """Why the record is incomplete, or None when it is whole (reads the rest of it).

    A record the archive ends in has fewer bytes than its ``Content-Length``, or no
    ``Content-Length`` at all when the archive ends inside its header block.
    """
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if record.length is None:
        return _HEADER_BLOCK_CUT
    if getattr(raw, "limit", 0) > 0:
        return "record cut short"
    return None


class _Archive:
    """Walks the records of one archive, keeping count of where it is."""

    def __init__(self, source: str, stream: BinaryIO, stats: Stats):
        # The dispatcher gunzips whole-file and record-by-record gzip alike; a caller that
        # hands us the raw .warc.gz takes the same path, and truncation is caught the same.
        if _starts_with(stream, _GZIP_MAGIC):
            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        self.source = source
        self.stats = stats
        self.guarded = _UntilBroken(stream)
        self.iterator = ArchiveIterator(self.guarded, arc2warc=True)
        self.number = 0  # records met so far, the last one perhaps incomplete
        self.complete = 0  # records read to their end
        self.broken: str | None = None  # why reading stopped early, if it did

    def records(self) -> Iterator[tuple[str, ArcWarcRecord]]:
        """Each record with its ``SOURCE@N`` label, until the archive ends or breaks."""
        records = iter(self.iterator)
        while True:
            try:
                record, previous_misfit = _next_record(records)
            except (ArchiveLoadFailed, ValueError) as error:
                if self.number == 0:
                    raise ReadError(f"not a WARC archive: {_first_line(error)}") from error
                self.number += 1
                self.broken = _first_line(error)
                return
            except _MALFORMED_RECORD as error:
                self.number += 1
                self.broken = f"malformed record headers (warcio raised {type(error).__name__})"
                return
            if previous_misfit and self.number:
                self.stats.skip(
                    f"{self.source}@{self.number}",
                    "WARC record length does not match its Content-Length (damaged archive)",
                )
            if record is None:
                if self.guarded.position > self.iterator.offset:
                    self.number += 1
                    self.broken = _HEADER_BLOCK_CUT
                return
            self.number += 1
            yield f"{self.source}@{self.number}", record

    def finish(self) -> None:
        """Report an archive that broke off (raise ReadError when no record was whole)."""
        if self.guarded.error is not None:
            why = _first_line(self.guarded.error)
            self.broken = f"{self.broken}: {why}" if self.broken else why
        if self.broken is None:
            return
        if self.number > self.complete:
            where = f"it breaks off in record {self.number}"
        else:
            where = f"it breaks off after record {self.number}" if self.number else "it breaks off"
        if self.complete == 0:
            raise ReadError(f"truncated or corrupt WARC archive: {where} ({self.broken})")
        self.stats.skip(
            self.source,
            f"truncated WARC archive: {where} ({self.broken}); "
            + (
                "the record before it was read"
                if self.complete == 1
                else f"the {self.complete} records before it were read"
            ),
        )


def read_warc(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """Yield one article per HTML response record, labelled ``SOURCE@N``.

    Raises :class:`ReadError` when the input is not a WARC/ARC archive, or breaks off
    before its first record ends.
    """
    archive = _Archive(source, stream, stats)
    for where, record in archive.records():
        content_type = _html_content_type(record)
        payload = b""
        if content_type is not None:
            try:
                payload = record.content_stream().read()
            except (*_BROKEN_STREAM, ValueError, OSError) as error:
                archive.complete += 1
                stats.skip(where, f"unreadable WARC record payload: {_first_line(error)}")
                continue
        archive.broken = _incompleteness(record)
        if archive.broken is not None:
            break
        archive.complete += 1
        if content_type is None:
            stats.count("warc_records_passed_over")
            continue
        try:
            markup = decode_text(payload, page_charset(payload, content_type))
        except ReadError as error:
            stats.skip(where, f"HTML record: {error}")
            continue
        headers = record.rec_headers
        warc_meta = {"content_type": content_type}
        digest = headers.get_header("WARC-Payload-Digest")
        if digest:
            warc_meta["payload_digest"] = digest
        yield Article(
            source=where,
            format="warc",
            html=markup,
            body="",
            external_id=headers.get_header("WARC-Record-ID"),
            url=headers.get_header("WARC-Target-URI"),
            fetched=headers.get_header("WARC-Date"),
            meta={"warc": warc_meta},
        )
    archive.finish()
