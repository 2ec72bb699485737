"""The furniture cleaner: rules, headline, blocks, precision, offsets, the Clean stage."""

from __future__ import annotations

import pickle
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from storyline.clean.furniture import (
    Clean,
    FurnitureRules,
    RuleError,
    clean,
    default_rules,
)
from storyline.model import Article
from storyline.pipeline import Pipeline, Stats

CLEAN_FIXTURES = FIXTURES / "clean"
EXPECTED = tomllib.loads((CLEAN_FIXTURES / "expected.toml").read_text("utf-8"))

# A paragraph of invented reporting to put furniture next to.
LEAD = (
    "Dockworkers at Port Amsel voted on Monday to strike from Tuesday over night shifts, "
    "their union said."
)
TAIL = '"We have waited long enough," union leader Mara Ostrander said on Monday evening.'


def assert_invariants(body: str, result) -> None:
    """text is body minus the removals, and the removals are sorted, disjoint, and say what
    they cut."""
    position = 0
    pieces = []
    for removal in result.removals:
        assert position <= removal.start < removal.end <= len(body)
        assert removal.text == body[removal.start : removal.end]
        assert removal.rule and removal.reason
        pieces.append(body[position : removal.start])
        position = removal.end
    pieces.append(body[position:])
    assert result.text == "".join(pieces)


def rules_of(result) -> list[str]:
    return [r.rule for r in result.removals if r.rule != "whitespace"]


# -- the rule file --------------------------------------------------------------------------


def test_shipped_rules_load_and_each_has_a_reason():
    rules = default_rules()
    assert len(rules.rules) >= 30
    for rule in rules.rules:
        assert rule.id and rule.reason and rule.scopes
    assert {"headline", "headline_repeat", "whitespace"} <= set(rules.builtin)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('id = "x"\nreason = "r"\npattern = "a("', "bad pattern"),
        ('id = "x"\nreason = "r"\npattern = "a?"', "matches an empty line"),
        ('id = "x"\nreason = "r"\nscope = "middle"\npattern = "a"', "scope must be one of"),
        ('id = "x"\nreason = "r"\nscope = "block"\npattern = "a"', "block_reason"),
        ('id = "x"\npattern = "a"', "needs an id and a reason"),
        ('id = "x"\nreason = "r"\npattern = "{{nope}}"', "no word list 'nope'"),
        ('id = "x"\nreason = "r"\nheadline_after = true\npattern = "a"', "prefix scope"),
    ],
)
def test_bad_rules_are_refused_with_the_rule_named(rule, message):
    with pytest.raises(RuleError, match=message) as error:
        FurnitureRules.from_toml(f"[[rule]]\n{rule}\n", source="mine.toml")
    assert "mine.toml" in str(error.value)


def test_a_rule_file_of_our_own_is_used_and_its_groups_become_hints():
    rules = FurnitureRules.from_toml(
        '[[rule]]\nid = "slug"\nreason = "a slug line"\nscope = "leading"\n'
        "pattern = '''slug:\\s*(?P<slug>\\S+)'''\n"
    )
    result = clean(f"Slug: port-strike-vote\n{LEAD}", rules=rules)
    assert result.text == LEAD
    assert result.hints == {"slug": "port-strike-vote"}
    assert rules_of(result) == ["slug"]


# -- furniture lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Read Next:", "read_next"),
        ("You might also like", "read_next"),
        ("Also Read: Dockworkers' union names new negotiating team", "also_read"),
        ("Source link", "continue_reading"),
        ("Leave A Reply", "comment_form"),
        ("Your email address will not be published. Required fields are marked *", "comment_form"),
        ("Image: Shutterstock/Example", "image_credit"),
        ("(Photo: Jan Esk/Harbor Daily)", "image_credit"),
        ("Market News and Data brought to you by Example APIs", "sponsor"),
        ("© 2026 The Amsel Courier. All rights reserved.", "copyright"),
        ("Copyright 2026 Northwind Wire", "copyright"),
        ("All Rights Reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("(Reporting by Edda Lunde; Editing by Piet Aalto)", "reporting_credit"),
        ("Share", "share_residue"),
        ("Tweet", "share_residue"),
        ("0 Comments", "comment_form"),
        ("Facebook | Twitter | WhatsApp", "share_residue"),
        ("Follow us on Telegram and X for the latest updates.", "social_prompt"),
        ("Sign up for our newsletter", "newsletter_prompt"),
        ("Tags: Port Amsel, strike", "tags"),
        ("* * *", "separator"),
        ("Advertisement", "ad_marker"),
        ("ADVERTISEMENT - SCROLL TO CONTINUE", "ad_marker"),
        ("Anzeige", "ad_marker"),
        ("Publicité", "ad_marker"),
        ("Реклама", "ad_marker"),
        ("广告", "ad_marker"),
        ("اضافة اعلان", "ad_marker"),
        ("Story continues below advertisement", "ad_marker"),
    ],
)
def test_a_furniture_line_goes_with_its_rule(line, rule):
    body = f"{LEAD}\n\n{line}\n\n{TAIL}"
    result = clean(body)
    assert rules_of(result) == [rule]
    assert result.text == f"{LEAD}\n\n{TAIL}"
    assert_invariants(body, result)


@pytest.mark.parametrize(
    "line",
    [
        "The advertisement, which ran on Tuesday, drew complaints from the union.",
        "Also read together, the two statements suggest the ministry had decided.",
        "Copyright law was not part of the dispute, Feld said.",
        "Reporting by the Courier found that at least 40 ships waited at anchor.",
        "First published in 1990, the port's safety manual has not been revised.",
        "Share prices of the two shipping lines fell on Tuesday.",
        "Join us on Saturday at the harbour, Ostrander told the crowd.",
        '"This mess was brought to you by the ministry, and it will clean it up," she said.',
        "(C) The union's third demand, on pensions, was dropped.",
        "Photo opportunities were few: the union banned cameras from the hall.",
        "More than 3,000 workers took part in the vote.",
        "Source: a union official said the vote would be close.",
        "Related talks on the ferry timetable will start in April.",
        "Comment is free, but facts are sacred, the editor wrote.",
    ],
)
def test_a_sentence_of_reporting_stays_whatever_words_it_holds(line):
    body = f"{LEAD}\n{line}\n{TAIL}"
    result = clean(body)
    assert line in result.text
    assert rules_of(result) == []


def test_an_ad_marker_stuck_to_a_paragraph_goes_alone():
    body = f"{LEAD}Anzeige\n{TAIL} Реклама\nThe ministry said it saw the advertisement"
    result = clean(body)
    assert result.text == f"{LEAD}\n{TAIL}\nThe ministry said it saw the advertisement"
    assert [r.text for r in result.removals] == ["Anzeige", " Реклама"]
    assert_invariants(body, result)


def test_a_read_next_heading_takes_its_list_but_not_reporting_after_it():
    links = "Read Next\nUnion names new team\nWho is Mara Ostrander?\n"
    result = clean(f"{LEAD}\n\n{links}")
    assert result.text == LEAD
    assert rules_of(result) == ["read_next"] * 3

    result = clean(f"{LEAD}\n\nRead Next:\n{TAIL}\n")
    assert result.text == f"{LEAD}\n\n{TAIL}"
    assert rules_of(result) == ["read_next"]


def test_a_lone_number_goes_only_between_blank_lines():
    assert rules_of(clean(f"{LEAD}\n\n0\n\n{TAIL}")) == ["lone_number"]
    assert rules_of(clean(f"{LEAD}\nWeek to Mar 13\n77,020\nWeek to Mar 20\n91,150\n")) == []


def test_hard_wrapped_lines_that_continue_a_sentence_are_never_furniture():
    body = (
        "Shipping agents said the queue\nhad fallen to\n12\nfrom 19, and the\nadvertisement\nran."
    )
    result = clean(body)
    assert result.text == body
    assert result.title is None


def test_a_trailing_wire_sign_off_goes():
    result = clean(f"{LEAD}\n{TAIL}\nREUTER\n")
    assert result.text == f"{LEAD}\n{TAIL}"
    assert rules_of(result) == ["wire_signoff"]


# -- headline and header --------------------------------------------------------------------


def test_the_first_line_is_the_headline_when_it_looks_like_one():
    body = f"Port Amsel dockworkers vote to strike\n{LEAD}\n{TAIL}"
    result = clean(body)
    assert result.title == "Port Amsel dockworkers vote to strike"
    assert result.text == f"{LEAD}\n{TAIL}"
    assert [(r.rule, r.start, r.end) for r in result.removals] == [("headline", 0, 38)]


@pytest.mark.parametrize(
    "first",
    [
        "According to the union, the vote was close.",  # a sentence
        "(Northwind Wire) Dockworkers voted",  # a byline lead
        "strike vote at the port",  # lower case
        "Strike",  # too short
    ],
)
def test_a_first_line_that_is_no_headline_stays(first):
    result = clean(f"{first}\n{LEAD}")
    assert result.title is None
    assert result.text.startswith(first)


def test_a_headline_running_on_into_the_next_line_is_a_sentence():
    body = "Final crop figures for Veloria timber\nexports were released on Monday."
    assert clean(body, title="Final crop figures for Veloria timber").text == body


def test_repeated_headlines_go_and_the_first_becomes_the_title():
    title = "Trump-free test: Port Amsel talks resume"
    body = f"{title}\n\n{title}\n{title}\n{LEAD}\n\n{title}\n{TAIL}"
    result = clean(body)
    assert result.title == title
    assert result.text == f"{LEAD}\n\n{TAIL}"
    assert rules_of(result) == ["headline", "headline_repeat", "headline_repeat", "headline_repeat"]
    assert_invariants(body, result)


def test_a_headline_written_twice_on_one_line_is_split():
    title = "Port Amsel ‘Braces’ for Strike"
    body = f"{title} {title}\n\n{LEAD}"
    result = clean(body)
    assert result.title == title
    first, second = [r for r in result.removals if r.rule != "whitespace"]
    assert (first.rule, first.text) == ("headline", f"{title} ")
    assert (second.rule, second.text) == ("headline_repeat", f"{title}\n")
    assert result.text == LEAD


def test_a_given_title_is_kept_and_its_lines_removed_in_any_quote_style():
    body = (
        "Union says 'no' to ten-hour shifts | Harbor Daily\n"
        + LEAD
        + "\nUnion Says ‘No’ To Ten-Hour Shifts"
    )
    result = clean(body, title="Union says 'no' to ten-hour shifts | Harbor Daily")
    assert result.title == "Union says 'no' to ten-hour shifts | Harbor Daily"
    assert result.text == LEAD
    assert rules_of(result) == ["headline", "headline_repeat"]


def test_header_lines_become_hints_and_a_title_header_the_title():
    body = (
        " date 2026-03-02 200\nTitle: Dockworkers vote to strike\nURL: https://harbordaily.example/a\n"
        "Source: Harbor Daily\nPublished: March 2, 2026 19:32\nAuthor: Oskar Vemund\n"
        f"Dockworkers vote to strike\n{LEAD}"
    )
    result = clean(body)
    assert result.title == "Dockworkers vote to strike"
    assert result.text == LEAD
    assert result.hints == {
        "date": "2026-03-02",
        "title": "Dockworkers vote to strike",
        "url": "https://harbordaily.example/a",
        "site_name": "Harbor Daily",
        "author": "Oskar Vemund",
    }
    assert rules_of(result)[-1] == "headline"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("8:24am:", "time_line"),
        ("Posted at 5:31 PM ET", "time_line"),
        ("9.30pm", "time_line"),
        ("Updated 2 hours ago", "header_updated"),
        ("Last modified on Mon 2 Mar 2026 14.20 GMT", "header_updated"),
    ],
)
def test_a_time_of_day_or_an_update_time_above_the_text_goes(line, rule):
    body = f"{line}\n{LEAD}"
    result = clean(body, title="Dockworkers vote to strike")
    assert rules_of(result) == [rule]
    assert result.text == LEAD


@pytest.mark.parametrize(
    "first",
    ["6.37", "UPDATED: 3 dead in warehouse shooting", "Updated figures show 40 ships at anchor"],
)
def test_a_number_or_a_labelled_headline_above_the_text_is_no_time_stamp(first):
    # A lone "6.37" heads a table of rates; "UPDATED: <headline>" is a headline.
    body = f"{first}\n{LEAD}"
    result = clean(body, title="Dockworkers vote to strike")
    assert result.text == body
    assert "updated" not in result.hints


def test_header_lines_are_only_header_lines_at_the_top():
    body = f"{LEAD}\nSource: Harbor Daily\n{TAIL}"
    assert clean(body).text == body


def test_a_republishing_notice_leaves_the_origin_and_the_republisher():
    notice = (
        "This content is courtesy of, and  owned and copyrighted by, "  # spacing varies
        "https://www.example-wire.example and its author. If you want it removed, please "
        "contact mirror.example using the form."
    )
    result = clean(f"{LEAD}\n{TAIL}\n{notice}")
    assert result.text == f"{LEAD}\n{TAIL}"
    assert result.hints == {
        "origin": "https://www.example-wire.example",
        "republisher": "mirror.example",
    }


@pytest.mark.parametrize(
    ("notice", "hints"),
    [
        (
            "This article was originally published on example-wire.example. Read the original.",
            {"origin": "example-wire.example"},
        ),
        ("This story first appeared in The Lindvik Herald.", {"origin": "The Lindvik Herald"}),
        ("Republished with permission from Northwind Wire.", {"origin": "Northwind Wire"}),
        ("Originally published at example-wire.example.", {"origin": "example-wire.example"}),
        ("This article was reprinted on mirror.example.", {"republisher": "mirror.example"}),
    ],
)
def test_republishing_notices_name_the_origin_or_the_republisher(notice, hints):
    result = clean(f"{LEAD}\n{notice}")
    assert result.text == LEAD
    assert result.hints == hints


def test_white_space_keeps_one_blank_line_between_paragraphs():
    body = f"\n\n  \n{LEAD}\n\n\n   \n\n{TAIL}\n\n\n"
    result = clean(body)
    assert result.text == f"{LEAD}\n\n{TAIL}"
    assert {r.rule for r in result.removals} == {"whitespace"}
    assert_invariants(body, result)


@pytest.mark.parametrize("body", ["", "\n\n", "Share", "0\n", "Advertisement\n\nREUTER"])
def test_bodies_of_only_furniture_or_nothing_give_empty_text(body):
    result = clean(body)
    assert result.text == ""
    assert_invariants(body, result)


# -- invented articles ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invented_articles_clean_as_expected(name):
    expected = EXPECTED[name]
    body = (CLEAN_FIXTURES / name).read_text("utf-8")
    result = clean(body)
    assert_invariants(body, result)
    assert (result.title or "") == expected["title"]
    fired = [r.rule for r in result.removals]
    for rule in expected.get("removed", []):
        assert rule in fired, f"{rule} did not fire"
    for rule, count in expected.get("count", {}).items():
        assert fired.count(rule) == count, rule
    for snippet in expected.get("gone", []):
        assert snippet not in result.text
    for snippet in expected.get("kept", []):
        assert snippet in result.text
    for key, value in expected.get("hints", {}).items():
        assert result.hints.get(key) == value
    if expected.get("keep_all_lines_after_title"):
        for line in body.splitlines()[1:]:
            assert line in result.text


# -- offsets, with random bodies ------------------------------------------------------------

LINES = st.sampled_from(
    [
        LEAD,
        TAIL,
        "",
        "  ",
        "Share",
        "0",
        "12",
        "Read Next:",
        "Advertisement",
        "Also Read: A B C",
        "Port Amsel talks resume",
        "Port Amsel talks resume Port Amsel talks resume",
        f"{LEAD}Anzeige",
        "REUTER",
        "© 2026 Example Courier. All rights reserved.",
        "Title: Port Amsel talks resume",
        " date 2026-03-02 200",
        "short line",
        "the end of a",
        "sentence that was wrapped",
        "\t",
        "Source link",
        "Реклама",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(LINES, max_size=14),
    st.sampled_from([None, "Port Amsel talks resume"]),
    st.sampled_from(["\n", "\n\n", "\n \n"]),
)
def test_text_is_always_the_body_minus_the_removals(lines, title, joiner):
    body = joiner.join(lines)
    result = clean(body, title)
    assert_invariants(body, result)
    article = Article(
        source="t", format="text", body=body, text=result.text, removals=result.removals
    )
    for offset, char in enumerate(result.text):
        assert body[article.to_body_offset(offset)] == char


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t:©0Ш广"), max_size=80))
def test_any_text_at_all_cleans_without_error(body):
    assert_invariants(body, clean(body))


# -- the stage ------------------------------------------------------------------------------


def test_the_stage_sets_text_removals_title_and_adds_hints_without_overwriting():
    article = Article(
        source="a.txt",
        format="text",
        body=f"Source: Courier\nTitle: Talks resume\n{LEAD}",
        meta={"hints": {"site_name": "Harbor Daily"}, "kept": 1},
    )
    stats = Stats()
    out = Clean().process(article, stats)
    assert out is article
    assert article.text == LEAD and article.title == "Talks resume"
    assert [r.rule for r in article.removals] == ["header_source", "header_title"]
    assert article.meta == {
        "hints": {"site_name": "Harbor Daily", "title": "Talks resume"},
        "kept": 1,
    }
    assert stats.counts["cleaned"] == 1 and stats.counts["removed_header_title"] == 1


def test_the_stage_declares_its_contract_and_fits_a_pipeline():
    assert Clean.name == "clean"
    assert Clean.requires == {"body"}
    assert Clean.assigns == {"text", "removals", "title", "meta"}
    Pipeline([Clean()])


def test_the_stage_pickles_with_default_and_own_rules():
    own = FurnitureRules.from_toml('[[rule]]\nid = "x"\nreason = "r"\npattern = "xx"\n')
    for stage in (Clean(), Clean(own)):
        copy = pickle.loads(pickle.dumps(stage))
        article = Article(source="a", format="text", body=f"{LEAD}\nxx\nShare")
        copy.process(article, Stats())
        assert article.text.startswith(LEAD)


def test_cleaning_is_deterministic():
    body = (CLEAN_FIXTURES / "page_noise.txt").read_text("utf-8")
    assert clean(body) == clean(body)


def test_in_hard_wrapped_text_only_a_paragraph_end_is_searched_for_ad_markers():
    wrapped = "Shipping agents said the queue\nhad fallen to twelve ships.Anzeige\nfrom nineteen"
    assert clean(f"{wrapped} a week earlier.\nAnd the\nport reopened.").text.count("Anzeige") == 1
    result = clean(f"{wrapped} a week\nearlier, the port said.Anzeige\n\nThe end\nof it.")
    assert [r.text for r in result.removals] == ["Anzeige"]


def test_prepare_compiles_the_shipped_rules_only_when_they_are_used():
    from storyline.clean.furniture_rules import default_rules

    own = default_rules()
    default_rules.cache_clear()
    Clean(rules=own).prepare()  # a stage given its rules compiles none
    assert default_rules.cache_info().currsize == 0
    Clean().prepare()
    assert default_rules.cache_info().currsize == 1
