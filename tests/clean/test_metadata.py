"""Metadata: publication dates, language, outlet and origin; and the demo corpus."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from storyline.clean.furniture import Clean
from storyline.clean.metadata import (
    Metadata,
    byline_outlet,
    detect_language,
    detect_language_code,
    plainly_english,
)
from storyline.clean.published import dateline_date, parse_date, too_late
from storyline.model import Article
from storyline.pipeline import Pipeline, Stats
from storyline.read import read_inputs

NOW = "2026-04-01T12:00:00+00:00"
TEXT = (
    "Dockworkers at Port Amsel voted on Monday to strike from Tuesday over night shifts and a "
    "plan to automate the cranes of the eastern terminal, their union said. About 3,200 "
    "dockworkers are expected to stay away from the quays."
)


def run(body: str = TEXT, **fields) -> Article:
    """An article through Clean and Metadata, with the run's clock fixed at NOW."""
    article = Article(source="t.txt", format="text", body=body, **fields)
    stats = Stats()
    for stage in (Clean(), Metadata(now=NOW)):
        article = stage.process(article, stats)
    return article


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-03-03", "2026-03-03"),
        ("2026-03-03T10:15:00Z", "2026-03-03T10:15:00+00:00"),
        ("2026-03-03T10:15:00+0100", "2026-03-03T10:15:00+01:00"),
        ("2026-03-03 10:15", "2026-03-03T10:15:00"),
        ("1987-02-26T15:01:01", "1987-02-26T15:01:01"),
        ("Tue, 03 Mar 2026 10:15:00 GMT", "2026-03-03T10:15:00+00:00"),
        ("Fri, 13 Mar 2026 11:05:00 +0100", "2026-03-13T11:05:00+01:00"),
        ("March 3, 2026", "2026-03-03"),
        ("Tuesday, 3 March 2026 12:40 CET", "2026-03-03T12:40:00+01:00"),
        ("Monday, March 9, 2026 - 3:20 pm", "2026-03-09T15:20:00"),
        ("3 mars 2026", "2026-03-03"),
        ("3. März 2026", "2026-03-03"),
        ("03.03.2026", "2026-03-03"),
        ("2026/03/03", "2026-03-03"),
        ("25/03/2026", "2026-03-25"),
        ("03/25/2026", "2026-03-25"),
        ("Dec 23 2025, 6:11p", "2025-12-23T18:11:00"),
        ("Dec 23 2025, 6:11 PST", "2025-12-23T06:11:00-08:00"),
        ("Dec 23 2025, 12:05 a.m.", "2025-12-23T00:05:00"),
        # US regional zones take the offset the region's clock had that day (EST, then EDT).
        ("February 9, 2026, 7:32 p. m. ET", "2026-02-09T19:32:00-05:00"),
        ("July 9, 2026, 7:32 p.m. ET", "2026-07-09T19:32:00-04:00"),
        ("Mar 8 2026, 3:30 AM ET", "2026-03-08T03:30:00-04:00"),  # the morning clocks went on
        ("July 9, 2026 7:32 PT", "2026-07-09T07:32:00-07:00"),
        ("Jan 9, 2026 7:32 CT", "2026-01-09T07:32:00-06:00"),
        ("Tuesday, 3 March 2026 12:40 IST", "2026-03-03T12:40:00"),  # India or Ireland: no zone
    ],
)
def test_dates_are_read_and_normalised_to_iso(value, iso):
    parsed = parse_date(value)
    assert parsed is not None and parsed.iso == iso


@pytest.mark.parametrize(
    "value",
    [
        "",
        "March 3",
        "last Tuesday",
        "2 days ago",
        "3/4/2026",
        "2026-02-30",
        "0001-01-01",
        "soon",
        "403",
    ],
)
def test_a_date_missing_a_part_or_ambiguous_is_not_guessed(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("lead", "iso"),
    [
        ("WASHINGTON, March 3, 2026 (Reuters) - The ...", "2026-03-03"),
        ("PORT AMSEL, 19 March 2026 — Veloria's Labour Court ...", "2026-03-19"),
        ("PORT AMSEL, March 13 (Northwind Wire) — no year here", None),
        ("The court ruled on March 3, 2026 that ...", None),
    ],
)
def test_a_dateline_gives_a_date_only_with_its_year(lead, iso):
    parsed = dateline_date(lead)
    assert (parsed.iso if parsed else None) == iso


def test_a_date_after_the_limit_is_late_allowing_for_time_zones():
    limit = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    assert not too_late(parse_date("2026-03-03"), limit)
    assert not too_late(parse_date("2026-03-04"), limit)  # already the 4th at UTC+14
    assert too_late(parse_date("2026-03-05"), limit)
    assert not too_late(parse_date("2026-03-03T12:05:00Z"), limit)
    assert too_late(parse_date("2026-03-03T13:00:00Z"), limit)


def test_published_prefers_the_input_then_the_header_then_the_dateline():
    lead = "PORT AMSEL, March 2, 2026 (Northwind Wire) — " + TEXT
    assert run(lead, published="2026-03-03T09:00:00Z").published == "2026-03-03T09:00:00+00:00"
    header = run(f"Published: March 4, 2026\n{lead}")
    assert header.published == "2026-03-04"
    assert header.meta["hints"]["published_from"] == "header"
    dated = run(lead)
    assert dated.published == "2026-03-02"
    assert dated.meta["hints"]["published_from"] == "dateline"
    assert run(TEXT).published is None


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("MARCH 2, 2026", "2026-03-02"),
        ("Monday, March 2, 2026 | 5:00 PM", "2026-03-02T17:00:00"),
        ("10:24 AM, MON 2 MAR 2026", "2026-03-02"),
        ("3/27/2026 @ 10:05AM", "2026-03-27T10:05:00"),
        ("4/27/2026 @ 10:05AM", None),  # after the run's clock
        ("3/2/2026", None),  # day or month first? no guess
        ("3/2 / 26 at 1:30 PM", None),  # nor the century
        ("3/28/26", None),
        ("MAR 2", None),  # nor the year
        ("March 2, 2026, 7:32 p. m. ET", "2026-03-02T19:32:00-05:00"),
        ("March 2, 2026-UNITED STATES-", "2026-03-02"),  # a place in capitals after it
        ("MARCH 2, 2026 - PORT AMSEL", "2026-03-02"),
        ("VELORIA, March 2, 2026", "2026-03-02"),  # a place in capitals before it
        (
            "Posted: Mar 2, 2026 8:20 AM ET Last Updated: Mar 2, 2026 8:10 PM ET",
            "2026-03-02T08:20:00-05:00",
        ),
    ],
)
def test_a_title_that_is_only_a_date_line_gives_way_to_the_headline(stamp, published):
    body = "Port Amsel dockworkers vote to strike\n" + TEXT
    article = run(body, title=stamp)
    assert article.title == "Port Amsel dockworkers vote to strike"
    assert article.text == TEXT
    assert article.published == published
    assert article.meta["hints"]["title_stamp"] == stamp
    if published:
        assert article.meta["hints"]["published_from"] == "header"


@pytest.mark.parametrize(
    ("stamp", "updated", "published"),
    [
        ("Updated: March 2, 2026 20:09 IST", "March 2, 2026 20:09 IST", "2026-03-02T20:09:00"),
        (
            "updated 8:41 p. m. EST, Mon March 2, 2026",
            "8:41 p. m. EST, Mon March 2, 2026",
            "2026-03-02",
        ),
        (
            "Last Updated: Monday, 2 March 2026, 02:24 GMT",
            "Monday, 2 March 2026, 02:24 GMT",
            "2026-03-02T02:24:00+00:00",
        ),
        ("8:24am:", None, None),
        ("Posted at 5:31 PM ET", None, None),
    ],
)
def test_a_title_that_is_only_an_update_or_a_clock_time_gives_way_to_the_headline(
    stamp, updated, published
):
    # The page's update time (or a bare time of day) is no headline. An update time is kept as
    # such, and dates the article only as what it is (published then or before).
    article = run("Port Amsel dockworkers vote to strike\n" + TEXT, title=stamp)
    assert article.title == "Port Amsel dockworkers vote to strike"
    assert article.text == TEXT
    assert article.meta["hints"]["title_stamp"] == stamp
    assert article.meta["hints"].get("updated") == updated
    assert article.published == published
    assert article.meta["hints"].get("published_from") == ("updated" if published else None)


def test_an_update_time_dates_an_article_only_when_nothing_else_does():
    body = "Updated: March 4, 2026 09:00 GMT\n" + TEXT
    assert run(body, published="2026-03-02").published == "2026-03-02"
    dated = run("March 2, 2026\n" + body)
    assert (dated.published, dated.meta["hints"]["published_from"]) == ("2026-03-02", "header")
    updated = run(body)
    assert updated.published == "2026-03-04T09:00:00+00:00"
    assert updated.meta["hints"]["published_from"] == "updated"
    # An age is no date, and is not reported as an unreadable one.
    aged = run("Updated 2 hours ago\n" + TEXT)
    assert aged.published is None
    assert "date_rejected" not in aged.meta["hints"]


@pytest.mark.parametrize(
    "headline",
    [
        "UPDATED: 3 dead in warehouse shooting",
        "Update: 2 cranes down at Port Amsel",
        "Date: Port Amsel's new night shifts",
        "7.45 News",
        "WASHINGTON, March 2",
    ],
)
def test_a_headline_with_a_label_or_a_number_is_no_time_stamp(headline):
    article = run("Port Amsel dockworkers vote to strike\n" + TEXT, title=headline)
    assert article.title == headline
    assert "title_stamp" not in article.meta.get("hints", {})


def test_an_updated_headline_opening_the_text_is_the_title_not_a_header():
    # "UPDATED: <a headline>" was cut as an update-time header, losing the headline.
    article = run("UPDATED: 3 dead in warehouse shooting\n\n" + TEXT)
    assert article.title == "UPDATED: 3 dead in warehouse shooting"
    assert "updated" not in article.meta.get("hints", {})
    stamped = run("Updated 2 hours ago\n\n" + TEXT, title="Port Amsel dockworkers vote to strike")
    assert stamped.text == TEXT
    assert stamped.meta["hints"]["updated"] == "2 hours ago"


@pytest.mark.parametrize(
    "headline", ["March 2, 2026 - Dockers vote to strike", "MARCH 2 - PORT AMSEL STRIKE"]
)
def test_a_headline_that_opens_with_a_date_is_no_date_line(headline):
    # Words in lower case after the date, or capitals after a date without its year: a
    # headline, which the text's first line does not replace.
    article = run("Port Amsel dockworkers vote to strike\n" + TEXT, title=headline)
    assert article.title == headline
    assert "title_stamp" not in article.meta.get("hints", {})


@pytest.mark.parametrize("headline", ["Sept. 11", "MARCH 2"])
def test_a_month_and_day_title_stays_when_no_headline_opens_the_text(headline):
    # "Sept. 11" may be the headline itself: without a headline line to replace it, it stays.
    article = run(TEXT, title=headline, published="2026-03-02")
    assert article.title == headline
    assert article.text == TEXT
    assert "title_stamp" not in article.meta.get("hints", {})
    # A date with its year is a time stamp whatever follows: no headline reads so.
    stamped = run(TEXT, title="March 2, 2026")
    assert stamped.meta["hints"]["title_stamp"] == "March 2, 2026"


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("on March 2, 2026 at 4:31 AM, updated March 2, 2026 at 8:33 AM", "2026-03-02T04:31:00"),
        ("on Mar 2 2026", "2026-03-02"),
        ("First Published: March 2, 2026 4:59 PM EST", "2026-03-02T16:59:00-05:00"),
        ("on March 2nd, 2026", "2026-03-02"),
        ("Posted March 2nd, 2026 at 5:19 pm", "2026-03-02T17:19:00"),
        ("MONDAY, MARCH 2ND, 2026 AT 10:49 AM", "2026-03-02T10:49:00"),
        ("on March 2, 2026 11:41am | Updated on March 3, 2026 9:02am", "2026-03-02T11:41:00"),
        ("2nd of March 2026", "2026-03-02"),
    ],
)
def test_a_timestamp_line_above_the_text_gives_the_date_and_goes(stamp, published):
    article = run(f"{stamp}\n{TEXT}", title="Port Amsel dockworkers vote to strike")
    assert article.published == published
    assert article.text == TEXT
    assert article.meta["hints"]["published_from"] == "header"


def test_a_sentence_that_opens_with_a_date_is_text_not_a_timestamp():
    body = f"On March 2, 2026, the dockworkers of Port Amsel voted to strike.\n{TEXT}"
    article = run(body, title="Port Amsel dockworkers vote to strike")
    assert article.text.startswith("On March 2, 2026, the dockworkers")
    assert article.published is None


@pytest.mark.parametrize(
    "title",
    ["Strike called for March 2, 2026", "TOP 10 PORTS OF 2026", "Port Amsel, March 2026"],
)
def test_a_title_mentioning_a_date_stays_the_title(title):
    article = run("Port Amsel dockworkers vote to strike\n" + TEXT, title=title)
    assert article.title == title
    assert "title_stamp" not in article.meta["hints"]


def test_a_date_later_than_the_fetch_is_refused_with_its_reason():
    article = run(TEXT, published="2026-03-20", fetched="2026-03-10T08:00:00Z")
    assert article.published is None
    reason = article.meta["hints"]["date_rejected"]
    assert "2026-03-20 (input) is later than the fetch time 2026-03-10T08:00:00+00:00" in reason


def test_a_date_later_than_the_run_is_refused():
    article = run(TEXT, published="2027-01-01")
    assert article.published is None
    assert "later than the time of the run" in article.meta["hints"]["date_rejected"]


def test_an_unreadable_date_is_reported_and_the_next_source_used():
    article = run(f" date 2026-03-02 200\n{TEXT}", published="sometime soon")
    assert article.published == "2026-03-02"
    assert "unreadable date 'sometime soon' (input)" in article.meta["hints"]["date_rejected"]


# -- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (TEXT, "en"),
        (
            "Die Hafenarbeiter in Port Amsel haben am Montag für einen Streik gestimmt, der am "
            "Dienstag beginnen soll, teilte ihre Gewerkschaft mit.",
            "de",
        ),
        (
            "Les dockers de Port Amsel ont voté lundi une grève qui doit commencer mardi, a "
            "annoncé leur syndicat.",
            "fr",
        ),
        (
            "Докеры порта Амсель в понедельник проголосовали за забастовку, которая начнётся во "
            "вторник, сообщил их профсоюз.",
            "ru",
        ),
    ],
)
def test_the_language_is_detected(text, code):
    assert detect_language(None, text) == code


ENGLISH_RUN = (
    "Dock workers in Port Amsel said on Monday that they would strike from Tuesday, and the "
    "union that speaks for them said the owners of the port had not answered its letter. "
    "The strike, which was called after talks broke down, is the first in ten years."
)


def _no_py3langid(monkeypatch):
    import storyline.clean.metadata as metadata

    def refuse():
        raise AssertionError("py3langid was asked")

    monkeypatch.setattr(metadata, "_identifier", refuse)


def test_plainly_english_text_is_english_without_asking_py3langid(monkeypatch):
    _no_py3langid(monkeypatch)
    assert plainly_english(ENGLISH_RUN)
    assert detect_language("Port strike called", ENGLISH_RUN) == "en"


@pytest.mark.parametrize(
    "sample",
    [
        # Another language in Latin letters, with the odd English-looking word.
        "De havenarbeiders van Port Amsel hebben maandag besloten om dinsdag te staken, of "
        "de eigenaars nu antwoorden of niet, zei hun vakbond in een verklaring aan de pers. "
        "Het is de eerste staking in tien jaar in de haven van de stad.",
        # A title in another script above an English cookie banner.
        "दिल्ली में हड़ताल: बंदरगाह के कर्मचारी मंगलवार से काम बंद करेंगे, संघ ने दी जानकारी\n"
        "We use cookies to ensure that we give you the best experience on our website and "
        "the sites of their partners, which may track the pages you visit.",
        # Too few words to be sure of anything.
        "The port strike and the talks that were held on Monday",
        # An earnings table: numbers and abbreviations, no running text.
        "Shr 37 cts vs 41 cts Net 35 mln vs 38 mln Revs 412 mln vs 398 mln Nine mths Shr "
        "1.32 dlrs vs 1.18 dlrs Net 123 mln vs 106 mln Revs 1.2 billion vs 1.1 billion",
    ],
)
def test_the_english_shortcut_leaves_everything_else_to_py3langid(sample):
    assert not plainly_english(sample)


def test_a_non_english_text_still_gets_its_own_language_with_the_shortcut_in_place():
    dutch = (
        "De havenarbeiders van Port Amsel hebben maandag besloten om dinsdag te staken, zei "
        "hun vakbond. Het is de eerste staking in tien jaar in de haven van de stad, en de "
        "eigenaars hebben nog niet geantwoord op de brief van de vakbond."
    )
    assert detect_language(None, dutch) == "nl"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # An earnings table under its headline: py3langid's best guess is "no linguistic
        # content" at p 0.16.
        (
            "Amsel Harbor Corp <Ahc> 4Th Qtr Net",
            "Shr 45 cts vs 58 cts\nNet 1.1 mln vs 829,000\nRevs 12.3 mln vs 9.8 mln\nYear\n"
            "Shr 1.90 dlrs vs 1.71 dlrs\nNet 4.2 mln vs 3.9 mln",
        ),
    ],
)
def test_a_language_py3langid_can_only_guess_is_no_language(title, text):
    assert detect_language_code(title, text) is None
    assert run(text, title=title).language is None


def test_a_title_case_headline_is_read_in_lower_case():
    # As written py3langid calls it Danish (p 0.08); in lower case, English (p 0.71).
    assert detect_language("Velmora Central Bank Sets Rate Cut After Strike", "") == "en"
    assert detect_language("PORT WORKERS VOTE TO STRIKE OVER NIGHT SHIFTS", "") == "en"
    # German capitalises its nouns: a German line stays German either way.
    assert detect_language("Die Hafenarbeiter Stimmen Für Einen Unbefristeten Streik", "") == "de"
    assert detect_language("Der Hafen als Arbeitgeber und Umschlagplatz der Region", "") == "de"


def test_short_sentences_keep_a_language_py3langid_is_fairly_sure_of():
    assert detect_language(None, "Die Hafenarbeiter in Amsel stimmten am Montag für einen "
                           "unbefristeten Streik.") == "de"
    assert detect_language(None, "Os estivadores de Amsel votaram na segunda-feira por uma "
                           "greve por tempo indeterminado.") == "pt"
    assert detect_language("Port strike ends after nine days", "") == "en"


def test_too_little_text_has_no_language_unless_declared():
    assert detect_language("Port strike", "") is None
    assert run("Port strike ends").language is None
    assert run("Port strike ends", meta={"hints": {"html_lang": "en-GB"}}).language == "en"
    assert run(TEXT, language="EN_us").language == "en"


# -- outlets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("(MENAFN) US President Donald Trump said", "MENAFN"),
        ("WASHINGTON (AP) — The Senate voted", "Associated Press"),
        ("LONDON, March 3 (Reuters) - Shares fell", "Reuters"),
        ("PORT AMSEL, March 13 (Northwind Wire) — Veloria's government", "Northwind Wire"),
        ("PORT AMSEL, March 13 (Some Local Paper) — The council", "Some Local Paper"),
        ("(Photo) The council met", None),  # a bracketed word that is no outlet
        ("Dockworkers (about 3,200) — all of them", None),
        ("The union said", None),
    ],
)
def test_a_byline_lead_names_the_outlet(lead, outlet):
    assert byline_outlet(lead) == outlet


def test_the_outlet_is_canonical_from_the_input_field_or_the_url():
    assert run(outlet="NYT").outlet == "The New York Times"
    assert run(url="https://www.nytimes.com/2026/03/03/world/a.html").outlet == (
        "The New York Times"
    )
    article = run(f"Source: harbordaily.example\n{TEXT}")
    assert article.outlet == "Harbor Daily"
    assert article.meta["hints"]["outlet_from"] == "site_name"


def test_an_unknown_outlet_stays_as_given_and_is_never_guessed():
    assert run(f"Source:  The  Lindvik   Herald \n{TEXT}").outlet == "The Lindvik Herald"
    assert run(url="https://www.lindvik-herald.example/a").outlet is None
    assert run(TEXT).outlet is None


def test_a_sponsor_line_names_the_outlet_only_when_it_is_a_known_one():
    known = run(f"{TEXT}\n\nMarket News and Data brought to you by Benzinga APIs")
    assert known.outlet == "Benzinga"
    assert known.meta["hints"]["outlet_from"] == "sponsor"
    assert run(f"{TEXT}\n\nThis page brought to you by Acme Insurance").outlet is None


def test_a_republished_copy_has_the_republisher_as_outlet_and_the_notice_as_origin():
    notice = (
        "This content is courtesy of, and  owned and copyrighted by, https://www.rt.com and its "
        "author. If you are the author, please contact USSANews.com using the contact page."
    )
    article = run(f"{TEXT}\n{notice}")
    assert (article.outlet, article.origin_outlet) == ("USSANews", "RT")
    assert article.text == TEXT
    # A known site the copy was published on wins over the republisher the notice names.
    assert run(f"{TEXT}\n{notice}", url="https://newsmirror.example/a").outlet == "NewsMirror"
    assert run(f"{TEXT}\n{notice}", url="https://mirror.example/a").outlet == "USSANews"


def test_a_wire_story_carried_by_another_outlet_has_the_wire_as_origin():
    body = f"PORT AMSEL, March 2, 2026 (Northwind Wire) — {TEXT}"
    carried = run(body, url="https://www.harbordaily.example/port/a")
    assert (carried.outlet, carried.origin_outlet) == ("Harbor Daily", "Northwind Wire")
    # From an unknown site, the wire is the origin, not the publisher of this copy.
    unknown = run(body, url="https://lindvik-herald.example/port/a")
    assert (unknown.outlet, unknown.origin_outlet) == (None, "Northwind Wire")
    assert run(body).outlet == "Northwind Wire"  # no URL at all: the lead is all we have
    own = run(body, outlet="Northwind Wire")
    assert (own.outlet, own.origin_outlet) == ("Northwind Wire", None)


def test_url_and_title_are_tidied():
    article = run(f"URL: https://harbordaily.example/a\n{TEXT}", title="  Port   strike\n ends ")
    assert article.url == "https://harbordaily.example/a"
    assert article.title == "Port strike ends"
    assert run(url="not a url").url is None


# -- the stage --------------------------------------------------------------------------------


def test_the_stage_declares_its_contract_and_needs_clean_before_it():
    assert Metadata.name == "metadata"
    assert Metadata.requires == {"text", "title", "meta"}
    assert {"published", "language", "outlet", "origin_outlet", "url", "title"} <= Metadata.assigns
    Pipeline([Clean(), Metadata()])
    with pytest.raises(ValueError, match="E001"):
        Pipeline([Metadata()])


def test_the_stage_pickles_and_gives_the_same_answer_twice():
    stage = pickle.loads(pickle.dumps(Metadata(now=NOW)))
    first, second = run(outlet="Reuters"), run(outlet="Reuters")
    assert first.to_dict() == second.to_dict()
    article = Clean().process(Article(source="a", format="text", body=TEXT), Stats())
    assert stage.process(article, Stats()).language == "en"


# -- the demo corpus --------------------------------------------------------------------------

DEMO = REPO / "examples" / "demo"


def demo_articles() -> dict[str, Article]:
    stats = Stats()
    pipeline = Pipeline([Clean(), Metadata(now=NOW)])
    paths = [str(DEMO / "text"), str(DEMO / "wire.jsonl")]
    articles = {Path(a.source).name: a for a in pipeline.run(read_inputs(paths, stats), stats)}
    assert not stats.skipped
    return articles


def test_the_demo_corpus_has_its_outlets_dates_and_copies():
    articles = demo_articles()
    assert len(articles) >= 14
    for name, article in articles.items():
        assert article.title and article.text and article.language == "en", name
        assert article.outlet in {
            "The Amsel Courier",
            "Northwind Wire",
            "Harbor Daily",
            "NewsMirror",
        }, name
        assert article.published and article.published.startswith("2026-03"), name
        assert "\n\n\n" not in article.text and article.text == article.text.strip()

    wire = articles["wire.jsonl:1"]
    carried = articles["harbor-daily-2026-03-02-strike-vote-wire.txt"]
    mirrored = articles["newsmirror-2026-03-03-port-amsel-dockworkers-vote-to-strike.txt"]
    assert wire.text == carried.text == mirrored.text  # one wire copy carried by two outlets
    assert (carried.outlet, carried.origin_outlet) == ("Harbor Daily", "Northwind Wire")
    assert (mirrored.outlet, mirrored.origin_outlet) == ("NewsMirror", "Northwind Wire")
    assert "courtesy of" not in mirrored.text and "Reporting by" not in wire.text

    edited = articles["harbor-daily-2026-03-19-court-ruling.txt"]
    assert edited.published == "2026-03-19"  # from the dateline
    assert edited.text != articles["wire.jsonl:4"].text
    assert edited.text.split("\n\n")[1] in articles["wire.jsonl:4"].text  # lightly edited

    arabic = articles["harbor-daily-2026-03-05-first-talks.txt"]
    assert "إعلان" not in arabic.text and "on the ministry steps." in arabic.text


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=120),
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=30)),
)
def test_any_input_gives_metadata_without_error(body, published, fetched, url, outlet):
    article = run(body, published=published, fetched=fetched, url=url, outlet=outlet)
    assert "metadata_error" not in article.meta["hints"]
    assert article.published is None or parse_date(article.published) is not None
    assert article.language is None or len(article.language) == 2


def test_every_language_py3langid_knows_maps_to_iso_639_1_or_to_nothing():
    from storyline.clean.metadata import _identifier, _iso639_1

    table = _iso639_1()
    for code in _identifier().nb_classes:
        assert len(code) == 2 or code in table, f"{code} missing from rules/languages.toml"
    assert all(len(value) in (0, 2) for value in table.values())


def test_prepare_loads_the_language_model_and_release_drops_it():
    from storyline.clean import metadata

    metadata._identifier.cache_clear()
    stage = Metadata()
    stage.prepare()
    assert metadata._identifier.cache_info().currsize == 1
    stage.release()
    assert metadata._identifier.cache_info().currsize == 0
