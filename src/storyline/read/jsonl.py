"""JSON Lines in the generic format: one article object per line.

``{"id", "title", "text", "url", "outlet", "published"}`` (see ``../shared/data/README.md``);
``id`` becomes ``external_id``; every other key is kept in ``meta``. storyline's own export
uses the same format, so an export reads back in. A malformed line is skipped with its line
number and the rest of the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read.decode import wide_encoding
from storyline.read.errors import ReadError

__all__ = ["article_from_object", "read_jsonl"]

# Keys of the generic format that map onto Article fields; the rest go to meta.
_FIELDS = {
    "title": "title",
    "text": "body",
    "url": "url",
    "outlet": "outlet",
    "published": "published",
    "fetched": "fetched",
    "language": "language",
    "origin_outlet": "origin_outlet",
}


def _string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


def article_from_object(source: str, obj: Any, format: str = "jsonl") -> Article:
    """Build an article from one decoded JSON object (raises ReadError when it is not one)."""
    if not isinstance(obj, dict):
        raise ReadError(f"expected a JSON object, got {type(obj).__name__}")
    values: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in obj.items():
        field = _FIELDS.get(key)
        if field is not None and _string(value) is not None:
            values[field] = _string(value)
        elif key != "id":
            meta[key] = value
    external = _string(obj.get("id"))
    body = values.pop("body", None) or ""  # as given: gold offsets point into it
    if not body.strip() and not (values.get("title") or "").strip():
        raise ReadError("no title and no text")
    return Article(
        source=source, format=format, body=body, external_id=external, meta=meta, **values
    )


def read_jsonl(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """Yield one article per good line; bad lines are skipped as ``SOURCE:LINE``.

    Lines are UTF-8, or UTF-16 or UTF-32 when a byte-order mark opens the file. Such a file
    (rare) is decoded whole; when its text breaks off, the whole lines before the break are
    read and the rest is skipped with the reason."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    encoding = wide_encoding(head)
    if encoding is None:
        yield from _read_lines(source, stream, stats)
        return
    data = stream.read()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        text = data[: error.start].decode(encoding, "replace")
        text = text[: text.rfind("\n") + 1]  # the broken line goes with the rest
        stats.skip(
            f"{source}:{text.count(chr(10)) + 1}",  # the line it breaks off in
            f"the file's {encoding.upper()} text breaks off in this line; the lines before "
            "were read",
        )
        if not text:
            return
    # Split at newlines only, as bytes are: a JSON string may hold a raw U+2028.
    yield from _read_lines(source, text.split("\n"), stats)


def _read_lines(
    source: str, lines: Iterable[bytes] | Iterable[str], stats: Stats
) -> Iterator[Article]:
    number = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError:
            stats.skip(where, "invalid UTF-8 in JSON line")
            continue
        except ValueError as error:
            stats.skip(where, f"malformed JSON line: {error}")
            continue
        try:
            article = article_from_object(where, obj)
        except ReadError as error:
            stats.skip(where, str(error))
            continue
        yield article
    if number == 0:
        raise ReadError("empty input")


def read_json(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """A ``.json`` file holding one article object or a list of them."""
    try:
        data = json.loads(stream.read())
    except (ValueError, UnicodeDecodeError) as error:
        raise ReadError(f"malformed JSON: {error}") from error
    items = data if isinstance(data, list) else [data]
    for number, obj in enumerate(items, start=1):
        where = f"{source}:{number}" if isinstance(data, list) else source
        try:
            yield article_from_object(where, obj, format="json")
        except ReadError as error:
            stats.skip(where, str(error))
