"""Quotations the finder attributes without a leading cue word, and quoted titles read as a
statement's setting (invented sentences)."""

from __future__ import annotations

from storyline.extract.quotes import Quote, find_quotes


def _covering(text: str, words: str) -> list[Quote]:
    start = text.index(words)
    return [q for q in find_quotes(text) if q.start <= start < q.end]


def test_quoted_clause_after_a_verb_that_is_no_cue_goes_to_the_sentence_subject():
    text = "Marta Quill bemoaned a climate in which voters “simply stop listening to each other.”"
    (quote,) = _covering(text, "simply stop")
    assert quote.content == "simply stop listening to each other."
    assert quote.kind == "direct"
    assert quote.cue is None
    assert quote.speaker is not None and quote.speaker.name == "Marta Quill"


def test_quotation_resumed_after_a_long_interruption_keeps_the_speaker():
    text = (
        "“The vote is lost,” said Ola Brant, speaking of the council majority, "
        "“and we will not pretend otherwise.”"
    )
    (quote,) = _covering(text, "and we will not")
    assert quote.speaker is not None and quote.speaker.name == "Ola Brant"


def test_quotation_after_a_non_person_subject_goes_to_the_paragraph_speaker():
    text = "“It is a stunt,” she says. It's “a new kind of stunt journalism.”"
    (quote,) = _covering(text, "a new kind")
    assert quote.speaker is not None and quote.speaker.description == "she"
    assert text[quote.speaker.start : quote.speaker.end] == "she"


def test_short_scare_quotes_are_not_attributions():
    text = "The mayor's office has been a “total mess” since the spring."
    assert _covering(text, "total mess") == []


def test_quoted_show_before_that_is_the_setting_not_the_content():
    text = "Ben Ostrow said on ABC's “This Week” that he would “take a look” at the bill."
    (quote,) = _covering(text, "that he would")
    assert quote.content == "that he would “take a look” at the bill"
    assert quote.speaker is not None and quote.speaker.name == "Ben Ostrow"
    assert _covering(text, "This Week") == []


def test_quoted_show_before_the_subject_does_not_make_the_cue_trail():
    text = "Asked on “Meet the Press,” Dana Lowe said he would not run again."
    (quote,) = [q for q in find_quotes(text) if q.cue is not None and q.cue.text == "said"]
    assert quote.content == "he would not run again"
    assert quote.speaker is not None and quote.speaker.name == "Dana Lowe"


def test_quotation_after_an_opening_phrase_is_the_content_of_a_trailing_cue():
    text = "Whatever the outcome, “we will stay in the race,” Rita Moss said."
    (quote,) = [q for q in find_quotes(text) if q.cue is not None and q.cue.text == "said"]
    assert quote.content == "we will stay in the race"
    assert quote.kind == "direct"
