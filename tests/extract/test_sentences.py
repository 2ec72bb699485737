"""sentences.Doc: tokens, line breaks, quote pairing and sentence bounds on invented text."""

from __future__ import annotations

from storyline.extract.attribution import lexicon
from storyline.extract.sentences import Doc


def _doc(text: str) -> Doc:
    return Doc(text, lexicon())


def _sentences(doc: Doc) -> list[str]:
    return [doc.span_text(a, b) for a, b in doc.bounds if b > a]


def test_line_breaks_mark_the_token_after_them():
    doc = _doc("One line.\nTwo lines.\n\n  Three")
    marked = [doc.words[i] for i in range(doc.n) if doc.newline[i]]
    assert marked == ["One", "Two", "Three"]


def test_a_quote_left_open_continues_into_a_paragraph_opening_with_a_quote_mark():
    doc = _doc("“The first part runs on.\n“And the second closes it,” said Brandt.")
    assert len(doc.quotes) == 1 and doc.closed == [True]
    a, b = doc.quotes[0]
    assert doc.words[a] == "“" and doc.words[b] == "”"


def test_one_odd_quote_mark_ends_at_its_paragraph():
    doc = _doc("He said “this never closes.\nA new paragraph with “a quote” in it.")
    assert doc.closed == [False, True]


def test_a_bare_attribution_after_a_closed_quotation_joins_its_sentence():
    doc = _doc("“We lost the vote.” Brandt said. Then the hall emptied.")
    assert _sentences(doc) == ["“We lost the vote.” Brandt said.", "Then the hall emptied."]


def test_a_longer_sentence_after_a_quotation_stays_its_own():
    doc = _doc("“We lost the vote.” Brandt said the appeal would be filed on Monday.")
    assert len(_sentences(doc)) == 2


def test_empty_text():
    doc = _doc("")
    assert doc.n == 0 and doc.quotes == [] and _sentences(doc) == []
