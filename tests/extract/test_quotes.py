"""find_quotes: direct, indirect and mixed attributions, speakers and the outlet they came
through, on invented sentences that cover the hard cases; and the seeds' expectations."""

from __future__ import annotations

import pytest

from storyline.extract.quotes import Quote, find_quotes, sentence_spans


def _by_cue(quotes: list[Quote], cue: str) -> list[Quote]:
    return [q for q in quotes if q.cue is not None and q.cue.text.lower() == cue]


def _one(text: str, cue: str) -> Quote:
    found = _by_cue(find_quotes(text), cue)
    assert len(found) == 1, [q.to_dict() for q in find_quotes(text)]
    return found[0]


def _offsets_hold(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.content
        if q.speaker is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text


def test_trailing_attribution_with_pronoun_resolved_to_the_named_person():
    text = (
        "Mayor Alma Torvik opened the new bridge on Friday. "
        "“This bridge joins two halves of one city,” she said."
    )
    q = _one(text, "said")
    assert q.kind == "direct"
    assert q.content == "This bridge joins two halves of one city"
    assert q.speaker is not None
    assert q.speaker.name == "Alma Torvik"
    assert text[q.speaker.start : q.speaker.end] == "she"
    _offsets_hold(text, find_quotes(text))


def test_inverted_trailing_attribution_keeps_title_as_description():
    text = "“We will not pay for it,” said Finance Minister Oskar Brandt of Veldoria."
    q = _one(text, "said")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Oskar Brandt"


def test_leading_attribution_with_colon_and_straight_quotes():
    text = 'The harbour master, Ines Kalder, was blunt. Kalder said: "The port is full."'
    q = _one(text, "said")
    assert q.kind == "direct" and q.content == "The port is full."
    assert q.speaker is not None and q.speaker.name == "Ines Kalder"


def test_quote_spanning_sentences_is_one_quote():
    text = (
        "“The river rose overnight. We moved the children first. Then the animals,” "
        "farmer Pieter Olm told reporters."
    )
    q = _one(text, "told")
    assert q.kind == "direct"
    assert q.content.startswith("The river rose") and q.content.endswith("Then the animals")
    assert q.speaker is not None and q.speaker.name == "Pieter Olm"


def test_quote_continuing_into_the_next_paragraph():
    text = (
        "Councillor Maren Ost said: “The budget is late.\n\n"
        "“It is late because nobody read it,” she added.\n\n"
        "The council meets again next week."
    )
    q = _one(text, "said")
    assert q.kind == "direct"
    assert "nobody read it" in q.content  # the quote runs on into the second paragraph


def test_nested_quote_keeps_outer_and_inner_speakers():
    text = (
        "Coach Ravi Denholm met the players on Monday. "
        "“He said, basically, ‘I’m finished,’” a club official told the Harbour Gazette."
    )
    quotes = find_quotes(text)
    outer = _one(text, "told")
    assert outer.kind == "direct" and "I’m finished" in outer.content
    assert outer.speaker is not None and outer.speaker.name is None
    assert outer.speaker.description == "a club official"
    inner = [q for q in quotes if q.content.startswith("I’m finished")]
    assert inner and inner[0].speaker is not None
    assert inner[0].speaker.name == "Ravi Denholm"
    _offsets_hold(text, quotes)


def test_odd_number_of_quote_marks_does_not_spoil_the_article():
    text = (
        "“The first quote never closes, said nobody in particular.\n\n"
        "Later, “the second one is fine,” said Tomas Reyne.\n\n"
        "“And the third,” Reyne added."
    )
    quotes = find_quotes(text)
    contents = [q.content for q in quotes]
    assert "the second one is fine" in contents
    assert "And the third" in contents
    _offsets_hold(text, quotes)


def test_indirect_speech_with_that_and_without():
    text = (
        "Governor Lena Vasquez said that the dam would hold. "
        "Engineers say the spillway needs repairs."
    )
    quotes = find_quotes(text)
    said = _by_cue(quotes, "said")[0]
    assert said.kind == "indirect" and said.content == "that the dam would hold"
    say = _by_cue(quotes, "say")[0]
    assert say.content == "the spillway needs repairs"
    assert say.speaker is not None and say.speaker.description == "Engineers"


def test_mixed_quote_called_it():
    text = "Opposition leader Hana Roux called the plan “a slow-motion disaster.”"
    q = _one(text, "called")
    assert q.kind == "mixed"
    assert "slow-motion disaster" in q.content
    assert q.speaker is not None and q.speaker.name == "Hana Roux"


def test_according_to_an_outlet_is_the_speaker_and_the_via():
    text = "The mine will close in June, according to the BBC."
    q = _one(text, "according to")
    assert q.content == "The mine will close in June"
    assert q.speaker is not None and q.speaker.name == "BBC"
    assert q.via == "BBC"


def test_according_to_people_at_sentence_start():
    text = "According to two officials familiar with the talks, the deal is off."
    q = _one(text, "according to")
    assert q.content == "the deal is off"
    assert q.speaker is not None
    assert q.speaker.description == "two officials familiar with the talks"
    assert q.via is None


def test_told_the_outlet_gives_via_and_keeps_description():
    text = "“We are leaving,” a senior diplomat told the NYT on Sunday."
    q = _one(text, "told")
    assert q.via == "The New York Times"
    assert q.speaker is not None and q.speaker.name is None
    assert q.speaker.description == "a senior diplomat"


def test_interview_with_an_outlet_gives_via_and_it_carries_to_added():
    text = (
        "In an interview with CNN on Tuesday, Premier Jonas Wirth said he would stay. "
        "“I am not going anywhere,” he added."
    )
    quotes = find_quotes(text)
    said = _by_cue(quotes, "said")[0]
    assert said.via == "CNN"
    added = _by_cue(quotes, "added")[0]
    assert added.speaker is not None and added.speaker.name == "Jonas Wirth"
    assert added.via == "CNN"


def test_outlet_reports_is_speaker_and_via():
    text = "Reuters reports that the strike has ended."
    q = _one(text, "reports")
    assert q.speaker is not None and q.speaker.name == "Reuters"
    assert q.via == "Reuters"
    assert q.content == "that the strike has ended"


def test_the_magazine_stands_for_the_last_outlet_named():
    text = (
        "The Atlantic has reported on the split. "
        "Two aides told the magazine that the minister was furious."
    )
    q = _one(text, "told")
    assert q.via == "The Atlantic"


def test_source_of_an_outlet_in_the_description():
    text = "One Reuters source claimed, “The vote was rigged.”"
    q = _one(text, "claimed")
    assert q.kind == "direct" and q.content == "The vote was rigged."
    assert q.speaker is not None and q.speaker.description == "One Reuters source"
    assert q.via == "Reuters"


def test_definite_description_resolved_to_the_named_holder():
    text = (
        "Kremlin spokesman Dmitry Peskov spoke on Monday. "
        "The Kremlin spokesman said the talks were useful."
    )
    q = _one(text, "said")
    assert q.speaker is not None
    assert q.speaker.name == "Dmitry Peskov"
    assert q.speaker.description == "The Kremlin spokesman"


def test_indefinite_description_is_never_resolved():
    text = "Kremlin spokesman Dmitry Peskov spoke. A spokesman said the talks failed."
    q = _one(text, "said")
    assert q.speaker is not None and q.speaker.name is None
    assert q.speaker.description == "A spokesman"


def test_surname_is_expanded_to_the_full_name():
    text = "Senator Ada Quill arrived late. Quill said the vote would wait."
    q = _one(text, "said")
    assert q.speaker is not None and q.speaker.name == "Ada Quill"


def test_apposition_gives_name_and_description():
    text = "Bo Lind, the union's chief negotiator, told members that a deal was close."
    q = _one(text, "told")
    assert q.speaker is not None
    assert q.speaker.name == "Bo Lind"
    assert q.speaker.description == "the union's chief negotiator"
    assert q.content == "that a deal was close"


def test_they_resolves_to_the_group_that_spoke():
    text = (
        "Officials briefed on the meeting said the mood was tense. "
        "They also said no deal was signed."
    )
    quotes = _by_cue(find_quotes(text), "said")
    assert quotes[1].speaker is not None
    assert quotes[1].speaker.description == "Officials briefed on the meeting"


def test_participle_speaks_for_the_clause_subject():
    text = "Mayor Iris Dunmore closed the park, saying the trees were unsafe."
    q = _one(text, "saying")
    assert q.speaker is not None and q.speaker.name == "Iris Dunmore"
    assert q.content == "the trees were unsafe"


def test_nouns_and_passives_are_not_cues():
    text = (
        "The attacks on the city continued. His remarks were brief. "
        "The plan was announced by the ministry. Sources cited by the paper were vague."
    )
    cues = {q.cue.text.lower() for q in find_quotes(text) if q.cue}
    assert not cues & {"attacks", "remarks", "announced", "cited"}


def test_bad_input_never_raises():
    assert find_quotes("") == []
    assert find_quotes("   \n\n ") == []
    for text in [
        "“",
        "”",
        '"',
        "said",
        "“said”",
        "'' '' ``",
        "according to",
        "he said,",
        "“" * 50,
        "A: “B” C ‘D’ E’ ‘F",
        "\x00\x01 said \ufffd",
    ]:
        for q in find_quotes(text):
            assert text[q.start : q.end] == q.content


def test_output_is_deterministic_and_serialisable():
    text = "“Yes,” Ana Prell said. Prell added that the road was closed, according to AP."
    first = [q.to_dict() for q in find_quotes(text)]
    assert first == [q.to_dict() for q in find_quotes(text)]
    assert set(first[0]) == {"content", "start", "end", "kind", "speaker", "cue", "via"}
    assert set(first[0]["speaker"]) == {"name", "entity_id", "description", "start", "end"}


def test_sentence_spans_keep_quotes_whole():
    text = "“One. Two,” she said. Then she left."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["“One. Two,” she said.", "Then she left."]


# -- rules added for direct quotes and speakers ----------------------------------------------


def test_quote_introduced_by_a_name_and_a_colon():
    text = (
        "Two mayors answered. Mayor Alma Torvik: “The bridge opens in May.” "
        "The council then adjourned."
    )
    q = _one(text, ":")
    assert q.kind == "direct" and q.content == "The bridge opens in May."
    assert q.speaker is not None and q.speaker.name == "Alma Torvik"


def test_colon_without_anyone_named_before_it_is_no_attribution():
    text = "Wait, it gets better:\n\n“The ferry will be free on Sundays.”"
    assert _by_cue(find_quotes(text), ":") == []


def test_quoted_only_cue_needs_a_quotation():
    text = "“Vote Torvik, save the harbour,” read the banner."
    q = _one(text, "read")
    assert q.kind == "direct" and q.content == "Vote Torvik, save the harbour"
    assert _by_cue(find_quotes("Oskar Brandt read the budget on Monday."), "read") == []


def test_quote_alone_in_a_paragraph_continues_the_previous_speaker():
    text = (
        "“We rebuilt the pier in six weeks,” Ines Kalder told the Veldoria Herald.\n\n"
        "“Nobody thought we could.”\n\n"
        "The pier reopened on Friday.\n\n"
        "“This one belongs to nobody.”"
    )
    quotes = find_quotes(text)
    alone = [q for q in quotes if q.content == "Nobody thought we could."]
    assert len(alone) == 1
    assert alone[0].speaker is not None and alone[0].speaker.name == "Ines Kalder"
    assert text[alone[0].speaker.start : alone[0].speaker.end] == "Ines Kalder"
    assert not [q for q in quotes if q.content == "This one belongs to nobody."]
    _offsets_hold(text, quotes)


def test_quote_interrupted_by_its_attribution_runs_from_a_to_b():
    text = "“The port is full,” Kalder said. “We turned away four ships today.” Then she left."
    q = _one(text, "said")
    assert q.kind == "direct"
    assert q.content.startswith("The port is full") and q.content.endswith("four ships today.")


def test_second_part_with_its_own_cue_is_not_joined():
    text = "“The port is full,” Kalder said. “We turned ships away,” she added."
    assert _one(text, "said").content == "The port is full"
    assert _one(text, "added").content == "We turned ships away"


def test_quote_closed_by_a_period_then_a_bare_attribution():
    text = "Brandt left early.\n\n“We lost the vote and we will appeal.” Brandt said."
    q = _one(text, "said")
    assert q.kind == "direct" and q.content == "We lost the vote and we will appeal."


def test_inverted_source_with_a_lower_case_description_before_the_name():
    text = "“The timing is bad,” said harbour party boss Ines Kalder, though she later relented."
    q = _one(text, "said")
    assert q.kind == "direct" and q.content == "The timing is bad"
    assert q.speaker is not None and q.speaker.name == "Ines Kalder"


def test_long_apposition_after_a_quotation():
    text = (
        "“Nothing we build now will be ready before winter,” Oskar Brandt, director of the "
        "Coastal Works Office at the regional ministry of transport, said."
    )
    q = _one(text, "said")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Oskar Brandt"


def test_pronouns_take_the_gender_of_first_names_and_titles():
    text = (
        "Senator Maria Lund met Governor Peter Holm on Monday. She said the deal was close. "
        "He said nothing was agreed. Mr. Lund, her husband, said he was proud."
    )
    quotes = find_quotes(text)
    names = {q.content: q.speaker.name for q in quotes if q.speaker}
    assert names["the deal was close"] == "Maria Lund"
    assert names["nothing was agreed"] == "Peter Holm"
    assert names["he was proud"] == "Lund"  # "Mr. Lund" is not Maria Lund


def test_an_object_before_a_participle_is_not_the_speaker():
    text = "The town council released a statement on Monday saying the pier was safe."
    q = _one(text, "saying")
    assert q.speaker is not None
    assert text[q.speaker.start : q.speaker.end].lower().startswith("the town")


def test_opening_participle_phrase_is_not_the_subject():
    text = (
        "Speaking at the harbour, Mayor Alma Torvik thanked the crews, calling them the "
        "city's quiet heroes."
    )
    q = _one(text, "calling")
    assert q.speaker is not None and q.speaker.name == "Alma Torvik"


def test_dateline_is_not_the_subject():
    text = "VELDORIA CITY (Wire) - Minister Oskar Brandt toured the port and said it would grow."
    q = _one(text, "said")
    assert q.speaker is not None and q.speaker.name == "Oskar Brandt"


def test_relative_pronoun_with_an_adverbial_is_the_subject():
    text = "Kalder met Oskar Brandt, who last year threatened to close the port."
    q = _one(text, "threatened")
    assert q.speaker is not None and q.speaker.name == "Oskar Brandt"


def test_time_phrases_between_subject_and_cue_are_skipped():
    for text in (
        "Senator Maria Lund last week said the port would close.",
        "Senator Maria Lund less than two weeks ago said the port would close.",
    ):
        q = _one(text, "said")
        assert q.speaker is not None and q.speaker.name == "Maria Lund", text


def test_initials_with_periods_stay_in_the_subject():
    text = "The reviews came back clear, and the F.B.I. has said it found nothing."
    q = _one(text, "said")
    assert q.speaker is not None
    assert text[q.speaker.start : q.speaker.end] == "the F.B.I."


def test_with_and_a_participle_names_the_speaker():
    text = "The vote passed, with Senator Maria Lund telling reporters it was a good day."
    q = _one(text, "telling")
    assert q.speaker is not None and q.speaker.name == "Maria Lund"


def test_cue_forms_left_out_by_calibration_are_not_cues():
    text = "Most states now allow it, and the council wants to change the rules."
    assert find_quotes(text) == []


def test_quotation_ending_in_a_nested_question_keeps_its_attribution():
    text = "“She asked me, ‘What can we do to help?’” Kalder told reporters on Tuesday."
    q = _one(text, "told")
    assert q.kind == "direct" and q.content.startswith("She asked me")
    assert q.speaker is not None and q.speaker.name == "Kalder"


def test_quotation_in_brackets_is_the_content():
    text = "Members were angry (“I want my dues back,” wrote Ines Kalder, a welder, online)."
    q = _one(text, "wrote")
    assert q.kind == "direct" and q.content == "I want my dues back"


def test_a_quoted_show_after_told_is_the_listener():
    text = "“Of course he is fair game,” Brandt told “Morning Harbour,” adding nothing more."
    q = _one(text, "told")
    assert q.kind == "direct" and q.content == "Of course he is fair game"


# -- the seeds (read from ../shared/seeds when present) --------------------------------------


def _seed(seeds_dir, number: str) -> str:
    [path] = sorted(seeds_dir.glob(f"{number}_*"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("number", ["000", "001"])
def test_seed_im_out_quote_comes_from_an_unnamed_source_via_the_nyt(seeds_dir, number):
    quotes = find_quotes(_seed(seeds_dir, number))
    outer = [q for q in quotes if "I’m out" in q.content and q.content.startswith("He said")]
    assert outer, "the “I'm out” quote was not found"
    quote = outer[0]
    assert quote.kind == "direct"
    assert quote.via == "The New York Times"
    assert quote.speaker is not None and quote.speaker.name in (None, "The New York Times")
    assert "source" in (quote.speaker.description or "").lower()


@pytest.mark.parametrize(
    ("numbers", "name"),
    [
        (("000", "001"), "Dmitry Peskov"),
        (("002",), "Steve Witkoff"),
        (("002", "003"), "Sergey Lavrov"),
    ],
)
def test_seed_speakers_are_quoted(seeds_dir, numbers, name):
    for number in numbers:
        speakers = {q.speaker.name for q in find_quotes(_seed(seeds_dir, number)) if q.speaker}
        assert name in speakers, f"{name} is not quoted in seed {number}"


# -- quotations whose attribution has no cue word, or sits in another sentence -------------


@pytest.mark.parametrize(
    ("text", "verb", "speaker"),
    [
        ("“The levee will hold,” an exhausted Ilse Marrow retaliated.", "retaliated", "Marrow"),
        ("“Is the ferry running?” pressed Tomas Veil of the harbour board.", "pressed", "Veil"),
        ("“This is a win for the whole valley,” I confessed.", "confessed", "I"),
        ("“We are staying put,” the orchard owner went on, smiling.", "went", "owner"),
    ],
)
def test_quotation_opening_its_sentence_belongs_to_the_phrase_after_it(text, verb, speaker):
    found = [q for q in find_quotes(text) if q.cue is not None and q.cue.text.startswith(verb)]
    assert len(found) == 1, [q.to_dict() for q in find_quotes(text)]
    q = found[0]
    assert q.kind == "direct"
    assert q.content.startswith(("The levee", "Is the ferry", "This is", "We are"))
    assert q.speaker is not None
    assert speaker in text[q.speaker.start : q.speaker.end]
    _offsets_hold(text, find_quotes(text))


def test_title_opening_a_sentence_is_no_quotation_of_the_phrase_after_it():
    text = "“The Salt Road,” a drama about smugglers, returned to screens in October."
    assert find_quotes(text) == []


def test_quotation_takes_the_cue_after_it_over_the_setting_that_follows_the_cue():
    text = (
        '"The archive will be handed over in full," Chief Archivist Pella J. Orne wrote in '
        "a letter dated Tuesday and filed with the district court."
    )
    q = _one(text, "wrote")
    assert q.kind == "direct"
    assert q.content == "The archive will be handed over in full"
    assert q.speaker is not None and q.speaker.name is not None and "Orne" in q.speaker.name


def test_quotation_with_comma_outside_low_quote_marks():
    text = "„We will not sell the mill“, the owner insisted."
    q = _one(text, "insisted")
    assert q.kind == "direct" and q.content == "We will not sell the mill"


def test_clause_ending_in_a_colon_introduces_the_quotation_after_it():
    text = "Governor Rasa Lund leaned in and boomed: “We rebuild, starting tomorrow.”"
    q = _one(text, ":")
    assert q.kind == "direct" and q.content == "We rebuild, starting tomorrow."
    assert q.speaker is not None and q.speaker.name == "Rasa Lund"


def test_colon_after_a_clause_without_a_named_subject_introduces_nothing():
    assert find_quotes("Wait, it gets better: “They never paid the bill.”") == []


def test_bare_attribution_sentence_takes_the_quotation_that_follows():
    text = (
        "Dara Imre, a spokeswoman for the water board, said in a statement. "
        "“The reservoir is safe. Testing continues daily.”"
    )
    quotes = _by_cue(find_quotes(text), "said")
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct"
    assert q.content == "The reservoir is safe. Testing continues daily."
    assert q.speaker is not None and q.speaker.name == "Dara Imre"


def test_bare_agreement_sentence_takes_the_quotation_that_follows():
    text = 'Professor Lio Banerji agreed. "The vote is closer than anyone expected."'
    q = _one(text, "agreed")
    assert q.kind == "direct" and q.content == "The vote is closer than anyone expected."


def test_cue_set_off_by_commas_after_a_conjunction_reads_the_clause_after_it():
    text = "But, Kessler added, he did not support closing the bridge “for months.”"
    q = _one(text, "added")
    assert q.content == "he did not support closing the bridge “for months.”"
    assert q.kind == "mixed"
    assert q.speaker is not None and "Kessler" in text[q.speaker.start : q.speaker.end]


def test_cue_set_off_by_commas_inside_a_clause_reads_the_whole_clause():
    text = "The new toll, Mayor Oyelaran said, would be “a tax on commuters.”"
    q = _one(text, "said")
    assert q.content == "The new toll, Mayor Oyelaran said, would be “a tax on commuters.”"
    assert q.kind == "mixed"


def test_cue_set_off_by_commas_before_a_participle_keeps_the_clause_before():
    text = "The economy is strong, the minister said, adding that jobs grew."
    q = _one(text, "said")
    assert q.content == "The economy is strong"


def test_quotation_carried_over_paragraphs_goes_to_the_previous_speaker():
    text = (
        "“We are not leaving,” said Maren Solt, who has run the bakery for 20 years.\n\n"
        "“This street is our home. They will have to carry us out.\n\n"
        "“The council knows it.”\n\nThe council did not reply."
    )
    carried = [q for q in find_quotes(text) if q.content.startswith("This street")]
    assert len(carried) == 1
    q = carried[0]
    assert q.kind == "direct" and q.content.rstrip(".").endswith("The council knows it")
    assert q.speaker is not None and q.speaker.name == "Maren Solt"
    _offsets_hold(text, find_quotes(text))


def test_straight_single_quotes_are_a_quotation_and_run_on_after_the_attribution():
    text = "'We will appeal,' Ridley said. 'The evidence is on our side.'"
    q = _one(text, "said")
    assert q.kind == "direct"
    assert q.content == "We will appeal,' Ridley said. 'The evidence is on our side."
    assert q.speaker is not None and q.speaker.name == "Ridley"


def test_headline_with_single_quotes_and_says():
    q = _one("'We will rebuild' says mayor after floods", "says")
    assert q.kind == "direct" and q.content == "We will rebuild"


def test_quotation_before_a_description_set_off_by_commas_and_the_name():
    text = "“We will appeal,” the mill’s chief executive, Jane Orlov, said on Monday."
    q = _one(text, "said")
    assert q.kind == "direct" and q.content == "We will appeal"
    assert q.speaker is not None and q.speaker.name == "Jane Orlov"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Mayor Quist called the plan a “giveaway,” a jab at her rival.",
            "the plan a “giveaway,”",
        ),
        (
            "Quist said the vote was “rigged,” sparking an uproar in the hall.",
            "the vote was “rigged,”",
        ),
    ],
)
def test_content_ends_at_a_quoted_phrase_a_new_phrase_follows(text, content):
    found = [q for q in find_quotes(text) if q.content.startswith(content[:8])]
    assert len(found) == 1, [q.to_dict() for q in find_quotes(text)]
    assert found[0].content == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The toll is “a tax on commuters,” as Mayor Quist put it.",
            "put it",
            "a tax on commuters",
        ),
        ("The toll is “a tax on commuters” (as Quist put it).", "put it", "a tax on commuters"),
        ("“The toll is dead” (Quist said) and nobody mourns it.", "said", "The toll is dead"),
    ],
)
def test_cue_set_off_after_a_quotation_attributes_it(text, cue, content):
    q = _one(text, cue)
    assert q.kind == "direct" and q.content == content
    assert q.speaker is not None and "Quist" in text[q.speaker.start : q.speaker.end]


def test_quotation_wrapped_over_lines_of_wire_copy_is_found():
    text = (
        "Grain traders in the port of Velm said on Tuesday that the\n"
        "harvest was late and that exports would fall this quarter.\n"
        '"We have never seen a season like this one, and the barges\n'
        'are still empty," said Ona Pell, a broker at Velm Grain Co.\n'
        '"Nobody expects prices to hold," she added.\n'
        "Shipments resumed on Friday after a week of delays caused by\n"
        "low water on the river."
    )
    direct = [q for q in _by_cue(find_quotes(text), "said") if q.kind == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert q.content == "We have never seen a season like this one, and the barges\nare still empty"
    assert q.speaker is not None and q.speaker.name == "Ona Pell"
    assert _one(text, "added").content.startswith("Nobody expects prices to hold")


@pytest.mark.parametrize(
    "text",
    [
        "„We will not sell the mill,“ the owner said.",
        "»We will not sell the mill«, the owner said.",
        "‚We will not sell the mill‘, the owner said.",
        "« We will not sell the mill », the owner said.",
        "``We will not sell the mill,'' the owner said.",
    ],
)
def test_unusual_quote_marks_open_and_close_a_quotation(text):
    q = _one(text, "said")
    assert q.kind == "direct" and q.content.strip() == "We will not sell the mill"
