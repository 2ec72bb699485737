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


def test_straight_single_quotes_pair_as_a_quotation():
    doc = _doc("'We will appeal,' Ridley said.")
    assert len(doc.quotes) == 1
    a, b = doc.quotes[0]
    assert doc.span_text(a + 1, b) == "We will appeal,"


def test_apostrophes_of_plurals_and_elisions_open_no_quotation():
    doc = _doc("The growers' union loved rock 'n' roll and the '90s, Ridley said.")
    assert doc.quotes == []


def test_a_plural_apostrophe_does_not_close_a_straight_single_quote():
    doc = _doc("'The growers' union will strike,' Ridley said.")
    assert len(doc.quotes) == 1
    a, b = doc.quotes[0]
    assert doc.span_text(a + 1, b) == "The growers' union will strike,"


_WRAPPED = (
    "Grain traders in the port of Velm said on Tuesday that the\n"
    "harvest was late and that exports would fall this quarter.\n"
    '"We have never seen a season like this one, and the barges\n'
    'are still empty," said Ona Pell, a broker at Velm Grain Co.\n'
    "Shipments resumed on Friday after a week of delays caused by\n"
    "low water on the river.\n"
    "The port authority said it would publish new figures soon."
)


def test_a_quotation_wrapped_over_lines_of_a_hard_wrapped_text_stays_whole():
    doc = _doc(_WRAPPED)
    assert len(doc.quotes) == 1 and doc.closed == [True]
    a, b = doc.quotes[0]
    assert doc.span_text(a + 1, b).startswith("We have never seen")
    assert doc.span_text(a + 1, b).endswith("still empty,")


def test_a_paragraph_per_line_text_keeps_its_line_breaks_as_paragraphs():
    doc = _doc("One short line.\nAnother line ends here.\nA third one.\nAnd a fourth.")
    assert sum(doc.newline) == 4


def test_an_abbreviation_before_an_opening_quotation_ends_the_sentence():
    doc = _doc('"Prices will rise," said Ona Pell of Velm Grain Co. "Nobody doubts it."')
    assert len(_sentences(doc)) == 2
