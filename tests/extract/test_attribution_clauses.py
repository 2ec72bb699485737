"""Inherited subjects: relative clauses, fronted phrases and time phrases before the
subject (invented sentences)."""

from __future__ import annotations

from storyline.extract.quotes import Quote, find_quotes


def _by_cue(text: str, cue: str) -> Quote:
    found = [q for q in find_quotes(text) if q.cue is not None and q.cue.text == cue]
    assert len(found) == 1, [q.to_dict() for q in find_quotes(text)]
    return found[0]


def _mention(text: str, quote: Quote) -> str:
    assert quote.speaker is not None, quote.to_dict()
    return text[quote.speaker.start : quote.speaker.end]


def test_coordinated_cue_in_a_relative_clause_speaks_for_who():
    text = (
        "Mr. Dalby, who has both endorsed the mayor and criticized her budget, "
        "spoke at the rally on Monday."
    )
    quote = _by_cue(text, "criticized")
    assert _mention(text, quote) == "who"
    assert quote.speaker is not None and quote.speaker.name == "Dalby"


def test_gerund_in_a_relative_clause_speaks_for_who():
    text = "Voters met Ana Ruiz, who surprised the council by declaring that the tax was dead."
    quote = _by_cue(text, "declaring")
    assert _mention(text, quote) == "who"


def test_question_word_is_no_relative_clause():
    text = "Reporters asked who planned the event, saying that the answer mattered."
    quote = _by_cue(text, "saying")
    assert quote.speaker is None or _mention(text, quote) != "who"


def test_fronted_gerund_phrase_speaks_for_the_main_subject():
    text = "Besides attacking the governor, Senator Tom Wells praised the new port plan."
    quote = _by_cue(text, "attacking")
    assert _mention(text, quote) == "Senator Tom Wells"


def test_time_phrase_before_a_gerund_is_not_the_subject():
    text = "One month after announcing her support for Hale, Maria Lund still believes he can win."
    quote = _by_cue(text, "announcing")
    assert _mention(text, quote) == "Maria Lund"


def test_subordinate_clause_keeps_its_own_subject():
    text = "When Dorn opened his campaign by talking about crime, his rivals denounced him at once."
    quote = _by_cue(text, "talking about")
    assert _mention(text, quote) == "Dorn"


def test_opening_preposition_phrase_is_not_the_subject():
    text = "Like Carver, Menzel rejected the plan, arguing that the port was too small."
    quote = _by_cue(text, "arguing")
    assert _mention(text, quote) == "Menzel"


def test_count_opening_a_subject_is_still_the_subject():
    text = "One senior aide criticized the plan, saying the port was too small."
    quote = _by_cue(text, "saying")
    assert _mention(text, quote) == "One senior aide"
