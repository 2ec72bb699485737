"""Article identity: a content hash of the normalised text and the outlet (or URL).

The same article read again, from any format and in any order, gets the same id, so storing it
again changes nothing; the same text from two outlets is two articles (a wire copy and its
republication), which grouping later links as copies.
"""

from __future__ import annotations

import hashlib
import unicodedata

from storyline.model import Article
from storyline.pipeline import Stage, Stats

__all__ = ["Identify", "article_id", "normalise_content"]

# Typographic variants that differ between copies of one text (curly vs straight quotes,
# dash styles, no-break spaces) and must not make two ids.
_VARIANTS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
    }
)
ID_PREFIX = "ar_"
ID_HEX_LENGTH = 16  # 64 bits: no collision expected below billions of articles


def normalise_content(title: str | None, text: str | None) -> str:
    """Title and text in the form identity compares them: NFKC, case-folded, typographic
    variants unified, white space collapsed."""
    joined = f"{title or ''}\n{text or ''}"
    # ASCII is its own NFKC form and holds no typographic variant: most wire copy skips both.
    if not joined.isascii():
        joined = unicodedata.normalize("NFKC", joined).translate(_VARIANTS)
    # str.split() breaks at exactly the characters regex \s matches (str.isspace), and
    # joining its parts is a quarter of the time of re.sub plus strip.
    return " ".join(joined.casefold().split())


def article_id(title: str | None, text: str | None, outlet: str | None, url: str | None) -> str:
    """The deterministic id of an article: ``ar_`` + 16 hex digits of a SHA-256 over its
    normalised content and its outlet (its URL when the outlet is unknown)."""
    owner = (outlet or "").casefold() or (url or "").strip()
    digest = hashlib.sha256(f"{owner}\x1f{normalise_content(title, text)}".encode()).hexdigest()
    return ID_PREFIX + digest[:ID_HEX_LENGTH]


class Identify(Stage):
    """Gives every article its content-hash id."""

    name = "identify"
    requires = frozenset({"text", "title", "outlet", "url"})
    assigns = frozenset({"id"})

    def process(self, article: Article, stats: Stats) -> Article | None:
        article.id = article_id(article.title, article.text, article.outlet, article.url)
        return article
