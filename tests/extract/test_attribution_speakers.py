"""Speakers described by an organisation: "X of Acme said" names X, not Acme (invented
sentences)."""

from __future__ import annotations

from storyline.extract.quotes import Quote, find_quotes


def _said(text: str) -> Quote:
    found = [q for q in find_quotes(text) if q.cue is not None and q.cue.text == "said"]
    assert len(found) == 1, [q.to_dict() for q in find_quotes(text)]
    return found[0]


def test_surname_of_an_organisation_names_the_person():
    quote = _said("Smith of Acme Corp said the plant would close.")
    assert quote.speaker is not None
    assert quote.speaker.name == "Smith"
    assert quote.speaker.description == "Smith of Acme Corp"


def test_full_name_of_an_abbreviated_company_is_still_a_speaker():
    quote = _said("John Smith of Acme Corp. said the plant would close.")
    assert quote.speaker is not None and quote.speaker.name == "John Smith"


def test_person_of_an_outlet_speaks_and_the_outlet_is_the_via():
    quote = _said("Jane Roe of the BBC said the report held up.")
    assert quote.speaker is not None and quote.speaker.name == "Jane Roe"
    assert quote.via == "BBC"


def test_organisation_named_across_of_is_one_name():
    quote = _said("Bank of Lisbon said profits rose.")
    assert quote.speaker is not None and quote.speaker.name == "Bank of Lisbon"


def test_spokesman_for_an_organisation_stays_a_description():
    quote = _said("A spokesman for Acme Corp said the plant would close.")
    assert quote.speaker is not None
    assert quote.speaker.name is None
    assert quote.speaker.description == "A spokesman for Acme Corp"


def test_organisation_set_off_by_commas_and_a_clause_after_the_cue():
    quote = _said("Tom Reyes, of Acme Corp, said the deal was dead.")
    assert quote.content == "the deal was dead"
    assert quote.speaker is not None and quote.speaker.name == "Tom Reyes"
