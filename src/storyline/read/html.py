"""HTML pages: read the markup, then extract the article text and its metadata.

Reading and extraction are two steps. :func:`read_html` only decodes the page (with the
charset the page declares) and yields an article carrying the markup in ``html``; the
:class:`HtmlText` stage, which runs in worker processes, turns the markup into ``body``
with trafilatura and fills ``title``, ``url`` and ``published`` from the page's metadata.
The WARC reader yields articles with ``html`` set too, so both inputs share the stage.

Dates come, in order of trust, from JSON-LD ``datePublished``, the OpenGraph
``article:published_time`` tag, and htmldate's markup analysis; the source that gave the
date is left in ``meta["hints"]["date_source"]``. A date later than ``article.fetched``
is never used.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, BinaryIO

from lxml.html import HtmlElement
from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document

from storyline.model import Article
from storyline.pipeline import Stage, Stats
from storyline.read.decode import decode_text

__all__ = [
    "HtmlOptions",
    "HtmlText",
    "Page",
    "extract_page",
    "iso_date",
    "not_later_than",
    "page_charset",
    "read_html",
]

# The HTML standard's encoding pre-scan looks at the first 1024 bytes; pages in the wild
# put long comments or scripts before <meta charset>, so we look a little further.
_CHARSET_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# htmldate's own lower bound (1995-01-01): no news page on the web is older, so an earlier
# structured date is a placeholder (0001-01-01, 1970-01-01) rather than a publication date.
_EARLIEST_YEAR = 1995

# A date without a time zone (or a bare day) is local time somewhere; the furthest-ahead
# time zone is UTC+14, so such a date is "later than the fetch" only when it is later
# than the fetch time read in that zone.
_LATEST_UTC_OFFSET = timedelta(hours=14)
# ...and the furthest-behind zone is UTC-12, where a day ends 12 hours after it does in UTC.
_LATEST_DAY_END_AFTER_UTC = timedelta(hours=12)

_JSONLD_SCRIPTS = "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
_OPENGRAPH_DATE = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @property='og:article:published_time']/@content"
)
# schema.org types whose datePublished is the article's own: NewsArticle, ReportageNews,
# BlogPosting, LiveBlogPosting, Article... and WebPage, which many CMSs date instead. A
# WebSite's or an Organization's datePublished is when the site began, never the article.
_ARTICLE_TYPE = re.compile(r"article|posting|news|^webpage$", re.I)
_JSONLD_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """The trafilatura settings :class:`HtmlText` extracts with.

    Calibrated on the 181 pages of the Scrapinghub article-extraction benchmark
    (``benchmarks/html_extraction.py``, shingle F1 against the gold bodies): trafilatura's
    defaults score F1 0.960 (P 0.942, R 0.978); ``favor_precision`` 0.964 (P 0.958,
    R 0.971), the best single switch and the one that matches our precision-first rule;
    ``fast`` 0.962; ``favor_recall`` 0.959; ``include_tables=False`` 0.957;
    ``favor_precision`` with ``fast`` 0.946; ``deduplicate`` 0.951 (and it keeps a cache
    shared across pages, which a worker must not have), so it stays off. With these
    settings our whole path (``read_html``, ``HtmlText``, then the furniture ``Clean``
    stage) scores 0.967 (P 0.964, R 0.969). ``--tune`` on the benchmark reruns the table.

    ``extensive_date_search`` lets htmldate guess dates from free text; off, it dated
    179 of the 181 pages instead of 181, and we prefer no date to a guessed one.
    """

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    fast: bool = False
    extensive_date_search: bool = False


@dataclass(slots=True)
class Page:
    """What :func:`extract_page` found in one HTML page.

    ``text`` is the main text, paragraphs separated by newlines; ``published`` is an ISO
    date or date-time and ``date_source`` names where it came from (``jsonld``,
    ``opengraph``, ``htmldate``); ``site_name`` is the publisher the page declares (never
    one made up from the URL); ``url`` is the canonical URL when the page gives one.
    """

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    date_source: str | None = None
    site_name: str | None = None
    author: str | None = None
    description: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)


# -- reading --------------------------------------------------------------------------


def _known_codec(name: bytes | str | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def page_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset to decode a page with: the HTTP ``Content-Type`` header's, else the one
    the markup declares (``<meta charset>``, ``http-equiv``, XML declaration), else None.

    A page that declares a legacy single-byte charset but is valid UTF-8 with non-ASCII
    bytes is UTF-8: content management systems often keep an old declaration after
    moving to UTF-8, and real Latin-1 text is almost never valid UTF-8 by accident.
    """
    declared = None
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        declared = _known_codec(match.group(1)) if match else None
    if declared is None:
        head = data[:_CHARSET_SCAN_BYTES]
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared = _known_codec(match.group(1)) if match else None
    if declared == "utf-8":
        return "utf-8-sig"  # also drops a byte-order mark
    if declared is not None and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return declared
        return "utf-8-sig"
    return declared


def read_html(source: str, stream: BinaryIO, stats: Stats) -> Iterator[Article]:
    """Yield the one article of an HTML page: the decoded markup in ``html``, ``body``
    empty until :class:`HtmlText` extracts it (raises ReadError for empty, binary or
    undecodable input)."""
    data = stream.read()
    markup = decode_text(data, page_charset(data))
    yield Article(source=source, format="html", html=markup, body="")


# -- dates ----------------------------------------------------------------------------


def _parse_iso(value: str) -> datetime | date | None:
    """An ISO 8601 date or date-time, or None for anything else."""
    value = value.strip()
    if len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def iso_date(value: Any) -> str | None:
    """``value`` as an ISO date (``2026-03-12``) or date-time (with its offset when it has
    one), or None when it is not an ISO 8601 date of a plausible year."""
    if not isinstance(value, str):
        return None
    parsed = _parse_iso(value)
    if parsed is None or parsed.year < _EARLIEST_YEAR:
        return None
    if isinstance(parsed, datetime):
        return parsed.isoformat(timespec="seconds")
    return parsed.isoformat()


def _fetch_bounds(fetched: str | None) -> tuple[datetime, datetime] | None:
    """The fetch time as an instant (aware) and as the latest local time it may be
    anywhere on Earth (naive); None when ``fetched`` is unset or not ISO 8601.

    A fetch time without zone is UTC (WARC-Date always is). A bare fetch day ends at
    23:59:59 local time, which is at the latest 12 hours after 23:59:59 UTC.
    """
    when = _parse_iso(fetched) if fetched else None
    if when is None:
        return None
    if not isinstance(when, datetime):
        end_of_day = datetime(when.year, when.month, when.day, 23, 59, 59)
        return end_of_day.replace(tzinfo=UTC) + _LATEST_DAY_END_AFTER_UTC, end_of_day
    instant = when if when.tzinfo else when.replace(tzinfo=UTC)
    return instant, (instant.astimezone(UTC) + _LATEST_UTC_OFFSET).replace(tzinfo=None)


def not_later_than(published: str, fetched: str | None) -> bool:
    """True unless ``published`` is evidently later than the ``fetched`` time.

    A zoned date-time is compared as an instant; a day or a date-time without zone may be
    local time anywhere, so it is compared with the fetch time as read in the
    furthest-ahead zone (UTC+14). An unset or unparsable ``fetched`` gives True.
    """
    bounds = _fetch_bounds(fetched)
    stated = _parse_iso(published)
    if bounds is None or stated is None:
        return True
    instant, latest_local = bounds
    if isinstance(stated, datetime):
        if stated.tzinfo is not None:
            return stated <= instant
        return stated <= latest_local
    return stated <= latest_local.date()


def _jsonld_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object inside a JSON-LD value (through lists and ``@graph``)."""
    if depth > _JSONLD_MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _jsonld_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, list | dict):
                yield from _jsonld_objects(item, depth + 1)


def _is_article_type(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds)


def _jsonld_dates(tree: HtmlElement) -> list[str]:
    """``datePublished`` values of the page's JSON-LD articles (and web pages)."""
    found: list[str] = []
    for script in tree.xpath(_JSONLD_SCRIPTS):
        raw = (script.text or "").strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(raw.rstrip(";"), strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; htmldate still reads the markup
        for obj in _jsonld_objects(data):
            stamp = obj.get("datePublished")
            if isinstance(stamp, str) and _is_article_type(obj):
                found.append(stamp)
    return found


def _page_date(
    tree: HtmlElement, found_by_htmldate: str | None, fetched: str | None
) -> tuple[str | None, str | None]:
    """The publication date and its source: the most trusted candidate that is an ISO
    date. When that one is later than the fetch time the page's metadata is wrong, and
    no date is better than a less trusted one: (None, None)."""
    candidates = [("jsonld", value) for value in _jsonld_dates(tree)]
    candidates += [("opengraph", value) for value in tree.xpath(_OPENGRAPH_DATE)]
    candidates.append(("htmldate", found_by_htmldate))
    for source, value in candidates:
        stamp = iso_date(value)
        if stamp is not None:
            return (stamp, source) if not_later_than(stamp, fetched) else (None, None)
    return None, None


def _htmldate_ceiling(fetched: str | None) -> str:
    """The latest day htmldate may return: today, or the fetch day when that is earlier
    (both read in the furthest-ahead zone, as in :func:`not_later_than`)."""
    ceiling = (datetime.now(UTC) + _LATEST_UTC_OFFSET).replace(tzinfo=None)
    bounds = _fetch_bounds(fetched)
    if bounds is not None:
        ceiling = min(ceiling, bounds[1])
    return ceiling.date().isoformat()


# -- extraction -----------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _declared_site_name(site_name: Any, url: str | None) -> str | None:
    """trafilatura falls back to the URL's domain for a site name; that is not something
    the page declared (the outlet stage reads the URL itself), so it is left out."""
    name = _clean(site_name)
    if name is None:
        return None
    host = (url or "").split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
    if host and name.lower().removeprefix("www.") == host:
        return None
    return name


def extract_page(
    markup: str,
    url: str | None = None,
    fetched: str | None = None,
    options: HtmlOptions | None = None,
) -> Page | None:
    """The main text and metadata of one HTML page, or None when it has no article text.

    ``url`` is where the page was fetched from (it helps trafilatura and htmldate);
    ``fetched`` is when, and no date later than it is returned.
    """
    options = options or HtmlOptions()
    tree = load_html(markup) if markup and markup.strip() else None
    if tree is None:
        return None
    document = bare_extraction(
        tree,  # trafilatura works on a copy, so the tree stays whole for our date look-up
        url=url,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        include_tables=options.include_tables,
        fast=options.fast,
        include_comments=False,
        with_metadata=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": options.extensive_date_search,
            "max_date": _htmldate_ceiling(fetched),
        },
    )
    if not isinstance(document, Document):
        return None
    text = (document.text or "").strip()
    if not text:
        return None
    published, date_source = _page_date(tree, document.date, fetched)
    canonical = _clean(document.url)
    tags = [*(document.categories or []), *(document.tags or [])]
    return Page(
        text=text,
        title=_clean(document.title),
        url=canonical,
        published=published,
        date_source=date_source,
        site_name=_declared_site_name(document.sitename, canonical or url),
        author=_clean(document.author),
        description=_clean(document.description),
        language=_clean(tree.get("lang")),
        tags=list(dict.fromkeys(t for t in (_clean(tag) for tag in tags) if t)),
    )


class HtmlText(Stage):
    """Turn each article's ``html`` into its ``body`` and metadata; drop pages without text.

    Fills ``title``, ``url`` and ``published`` only where the reader left them unset;
    leaves the page's publisher in ``meta["hints"]["site_name"]``, the date's source in
    ``meta["hints"]["date_source"]``, the canonical URL in ``meta["hints"]["canonical_url"]``
    and the ``<html lang>`` in ``meta["hints"]["html_lang"]``; sets ``html`` to None.
    Articles without ``html`` pass through untouched.
    """

    name = "html"
    requires = frozenset({"html"})
    assigns = frozenset({"body", "title", "url", "published", "meta"})

    def __init__(self, options: HtmlOptions | None = None):
        self.options = options or HtmlOptions()

    def process(self, article: Article, stats: Stats) -> Article | None:
        if article.html is None:
            return article
        markup, article.html = article.html, None
        try:
            page = extract_page(markup, article.url, article.fetched, self.options)
        except Exception as error:  # a parser bug on one odd page must not end the run
            detail = (str(error).strip().splitlines() or [""])[0]
            stats.drop(f"HTML extraction failed: {type(error).__name__}: {detail}", article)
            return None
        if page is None:
            stats.drop("no article text in HTML page", article)
            return None
        article.body = page.text
        article.title = article.title or page.title
        article.url = article.url or page.url
        article.published = article.published or page.published
        hints = article.meta.setdefault("hints", {})
        found = {
            "site_name": page.site_name,
            "date_source": page.date_source if article.published == page.published else None,
            "canonical_url": page.url,
            "html_lang": page.language,
        }
        hints.update({key: value for key, value in found.items() if value})
        for key, value in (
            ("author", page.author),
            ("description", page.description),
            ("tags", page.tags),
        ):
            if value and key not in article.meta:
                article.meta[key] = value
        stats.count("html_extracted")
        return article
