"""RSS and Atom feed files: one article per entry.

The body is the entry's full content when the feed carries it, else its summary, else
empty: a headline-only item is a valid article. HTML content becomes plain text with one
paragraph per line; it is not run through trafilatura's main-content extraction: a feed
item holds only the article, so there is no furniture to find, and trafilatura returns
nothing at all for a one-paragraph summary.

The feed's title is left as ``meta["hints"]["site_name"]`` for the outlet stage; the entry's
author and tags go to ``meta``.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

import feedparser
import lxml.etree
import lxml.html

from storyline.model import Article
from storyline.pipeline import Stats
from storyline.read.errors import ReadError

__all__ = ["feed_html_text", "read_feed"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# Elements after which a reader sees a new line; everything else flows inline.
_BLOCKS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "address", "figure", "figcaption"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "main", "nav"),
        *("article", "aside", "section", "ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tfoot", "tr"),
    }
)
_INVISIBLE = "//script | //style | //noscript | //template"
_TAG = re.compile(r"<[^>]*>")
# Marks a block edge while the text is gathered: a private-use character, taken out of
# the fragment first so that only our marks remain.
_BREAK = "\ue000"
# Characters XML cannot hold (C0 controls but tab, newline and carriage return): lxml refuses
# to set a text holding one, and a feed item may carry one (a stray NUL or escape byte).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _outside_xml(match: re.Match[str]) -> str:
    """A character XML cannot hold: a vertical tab or form feed separates like a space; the
    others (a NUL, an escape) go."""
    return " " if match.group() in "\x0b\x0c" else ""


def _tidy_lines(text: str) -> str:
    """One paragraph per line: runs of spaces collapsed, blank lines left out."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def feed_html_text(fragment: str) -> str:
    """The plain text of an HTML fragment: each block (paragraph, list item, heading,
    ``<br>``-separated line) on its own line, whitespace collapsed as a browser does,
    markup and scripts gone.
    """
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(
            _NOT_XML.sub(_outside_xml, fragment.replace(_BREAK, "")), create_parent="div"
        )
    except (lxml.etree.ParserError, ValueError):
        # lxml refuses a few odd fragments (e.g. an XML declaration inside); a plain tag
        # strip keeps their words, which is what matters for a feed item's text.
        return _tidy_lines(_TAG.sub(" ", fragment))
    for element in root.xpath(_INVISIBLE):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = _BREAK + (element.text or "")
            element.tail = _BREAK + (element.tail or "")
    # Line breaks in the markup are spaces to a browser; only block edges break lines.
    blocks = (" ".join(block.split()) for block in root.text_content().split(_BREAK))
    return "\n".join(block for block in blocks if block)


def _detail_text(value: Any, detail: Any) -> str:
    """A feed text field as plain text, converting it when the feed says it is HTML."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type") if isinstance(detail, dict) else None
    if kind in _HTML_TYPES:
        return feed_html_text(value)
    return _tidy_lines(value)


def _entry_body(entry: dict[str, Any]) -> str:
    """The entry's full content when present, else its summary, else ""."""
    for content in entry.get("content") or []:
        text = _detail_text(content.get("value"), content)
        if text:
            return text
    return _detail_text(entry.get("summary"), entry.get("summary_detail"))


def _iso(moment: Any) -> str | None:
    """A feedparser struct time (always UTC) as an ISO 8601 date-time."""
    if not isinstance(moment, time.struct_time):
        return None
    try:
        return datetime(*moment[:6], tzinfo=UTC).isoformat()
    except ValueError:
        return None


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _first_line(error: Any) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def read_feed(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """Yield one article per feed entry, labelled ``SOURCE#N`` (N from 1).

    Raises :class:`ReadError` when the input is not an RSS/Atom feed at all, or is a
    feed without entries. An entry with no title, no text and no link is skipped.
    """
    # A stream, never bytes or a str: feedparser would take those for a file name or a
    # URL to fetch.
    parsed = feedparser.parse(io.BytesIO(stream.read()))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise ReadError(f"not an RSS/Atom feed: {_first_line(parsed.get('bozo_exception'))}")
        if not parsed.get("version"):
            raise ReadError("not an RSS/Atom feed: no rss, feed or rdf element")
        raise ReadError("feed has no entries")
    feed = parsed.get("feed") or {}
    site_name = _one_line(_detail_text(feed.get("title"), feed.get("title_detail")))
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#{number}"
        title = _one_line(_detail_text(entry.get("title"), entry.get("title_detail")))
        body = _entry_body(entry)
        link = _one_line(entry.get("link"))
        if not (title or body or link):
            stats.skip(where, "feed entry with no title, no text and no link")
            continue
        published, date_source = _iso(entry.get("published_parsed")), "feed:published"
        if published is None:
            # Atom requires only <updated>; for most feeds it is the publication time.
            published, date_source = _iso(entry.get("updated_parsed")), "feed:updated"
        hints: dict[str, Any] = {}
        if site_name:
            hints["site_name"] = site_name
        if published:
            hints["date_source"] = date_source
        meta: dict[str, Any] = {"hints": hints} if hints else {}
        author = _one_line(entry.get("author"))
        if author:
            meta["author"] = author
        tags = [_one_line(tag.get("term")) for tag in entry.get("tags") or []]
        if any(tags):
            meta["tags"] = list(dict.fromkeys(tag for tag in tags if tag))
        yield Article(
            source=where,
            format="feed",
            body=body,
            external_id=_one_line(entry.get("id")) or link,
            title=title,
            url=link,
            published=published,
            meta=meta,
        )
