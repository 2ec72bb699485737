"""Article ids: the same text from the same outlet gets the same id whatever its typography,
case or white space; another outlet or another word gets another id. The texts are invented."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from storyline.identify import _VARIANTS, article_id, normalise_content

TEXT = "Dockers at Port Amsel walked out on Monday.\n\nIt's the third strike this year - a record."


def test_typography_case_and_white_space_do_not_change_the_id() -> None:
    variant = (
        "DOCKERS at Port\u00a0Amsel  walked out on Monday.\n"
        "It\u2019s the third\u200b strike this year \u2014 a record.  "
    )
    assert article_id("Strike", TEXT, "Amsel Post", None) == article_id(
        "  strike ", variant, "AMSEL POST", None
    )


def test_another_outlet_or_another_word_changes_the_id() -> None:
    first = article_id("Strike", TEXT, "Amsel Post", None)
    assert article_id("Strike", TEXT, "Harbour Daily", None) != first
    assert article_id("Strike", TEXT.replace("third", "fourth"), "Amsel Post", None) != first
    assert article_id("Strike", TEXT, None, "https://amsel.example/strike") != first


def _reference(title: str | None, text: str | None) -> str:
    """The normal form as first written: NFKC, variants, case-fold, regex white space."""
    joined = f"{title or ''}\n{text or ''}"
    joined = unicodedata.normalize("NFKC", joined).translate(_VARIANTS).casefold()
    return re.sub(r"\s+", " ", joined).strip()


_PIECES = [
    *"ab Z.\t\n\r\x0b\x0c\x1c\x1f\x85",
    *"\u00a0\u2009\u202f\u200b\u2019\u201c\u2014\u3000",  # spaces, quotes, dashes
    "\u00c9", "e\u0301", "\ufb01", "\u2160", "\u00df", "\u0130",  # NFKC and case-folding
]
_SAMPLE = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(_SAMPLE, _SAMPLE)
def test_the_normal_form_is_the_one_first_written(title: str, text: str) -> None:
    # The ASCII shortcut and str.split() must give what NFKC and the regex gave, so that
    # ids of stored articles do not change.
    assert normalise_content(title, text) == _reference(title, text)
