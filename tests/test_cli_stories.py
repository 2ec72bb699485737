"""Stories, events and who-said-what through the CLI, on the demo corpus (invented)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    out = db.parent / "report"
    result = invoke("run", DEMO, "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    return db


def as_json(*args):
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stories_have_the_issue_shape_and_a_dated_timeline(demo_db):
    stories = as_json("stories", "--db", demo_db)
    assert stories, "the demo corpus is one story at least"
    for story in stories:
        assert set(story) >= {"id", "title", "first_date", "last_date", "events"}
        dates = [e["first_date"] for e in story["events"] if e["first_date"]]
        assert dates == sorted(dates)  # a timeline: events in date order
        for event in story["events"]:
            assert set(event) >= {"id", "title", "date", "articles", "copies"}
            assert event["id"].startswith("ev_")
    strike = max(stories, key=lambda s: len(s["events"]))
    assert strike["first_date"] == "2026-03-02" and len(strike["events"]) >= 4


def test_developments_of_one_matter_days_apart_stay_separate_events(demo_db):
    """Every development of the strike names Port Amsel and its union: shared names alone
    must not fold a later development (ships queueing) into an earlier one (talks failing)."""
    strike = max(as_json("stories", "--db", demo_db), key=lambda s: len(s["events"]))
    titles = [e["title"] for e in strike["events"]]
    assert len(titles) == 10
    assert any("Ships queue" in t for t in titles)
    assert any("Third round" in t for t in titles)


def test_every_article_gets_a_place_once(demo_db):
    articles = {a["id"] for a in as_json("articles", "--db", demo_db)}
    placed = [a for s in as_json("stories", "--db", demo_db) for e in s["events"]
              for a in e["articles"]]
    assert sorted(placed) == sorted(articles)


def test_a_wire_copy_is_listed_under_the_origin_outlets_article(demo_db):
    events = [e for s in as_json("stories", "--db", demo_db) for e in s["events"]]
    outlets = {a["id"]: a["outlet"] for a in as_json("articles", "--db", demo_db)}
    copied = [(canonical, copies) for e in events for canonical, copies in e["copies"].items()]
    assert copied, "the demo's wire story is carried word for word by other outlets"
    canonical, copies = copied[0]
    assert outlets[canonical] == "Northwind Wire"
    assert {outlets[c] for c in copies} >= {"NewsMirror"}


def test_an_event_says_which_day_its_articles_report(demo_db):
    strike = max(as_json("stories", "--db", demo_db), key=lambda s: len(s["events"]))
    vote = strike["events"][0]  # published 2 and 3 March; the vote was on Monday 2 March
    assert vote["reported_date"]["date"] == "2026-03-02"
    texts = {a["id"]: a for a in as_json("articles", "--db", demo_db)}
    assert set(vote["reported_date"]["articles"]) <= set(texts)


def test_story_and_event_pages(demo_db):
    story = as_json("stories", "--db", demo_db)[0]
    page = invoke("story", story["id"][:8], "--db", demo_db).stdout.splitlines()
    assert page[0] == f"{story['id']}  {story['title']}"
    event = story["events"][0]
    shown = invoke("event", event["id"], "--db", demo_db).stdout.splitlines()
    assert shown[0] == f"{event['id']}  {event['title']}"
    assert f"Story:  {story['id']}" in shown
    missing = invoke("story", "st_nothing", "--db", demo_db)
    assert (missing.exit_code, missing.stderr) == (1, "error: no story 'st_nothing'\n")


def test_quotes_name_speakers_and_count_a_shared_quote_once(demo_db):
    quotes = as_json("quotes", "--speaker", "Ostrander", "--db", demo_db)
    assert quotes and all("Ostrander" in (q["speaker"]["name"] or "") for q in quotes)
    for quote in quotes:
        assert set(quote) >= {"article_id", "content", "start", "end", "kind", "speaker", "cue",
                              "via", "occurrences"}
        assert quote["kind"] in {"direct", "indirect", "mixed"}
    shared = [q for q in quotes if len(q["occurrences"]) > 1]
    assert shared, "the wire quote carried by three outlets is one quote"
    assert len({o["article_id"] for o in shared[0]["occurrences"]}) == len(shared[0]["occurrences"])


def test_quote_offsets_point_into_the_clean_text(demo_db):
    texts = {a["id"]: a["text"] for a in as_json("articles", "--db", demo_db)}
    for quote in as_json("quotes", "--db", demo_db):
        for place in quote["occurrences"]:
            assert texts[place["article_id"]][place["start"]:place["end"]] == place["content"]


def test_entities_sources_and_claims(demo_db):
    entities = as_json("entities", "--db", demo_db)
    people = {e["name"] for e in entities if e["type"] == "PERSON"}
    assert {"Mara Ostrander", "Jonas Feld"} <= people
    ostrander = next(e for e in entities if e["name"] == "Mara Ostrander")
    assert "Ostrander" in ostrander["aliases"]

    sources = as_json("sources", "--db", demo_db)
    assert {s["outlet"] for s in sources} >= {"The Amsel Courier", "Northwind Wire"}
    for source in sources:
        assert set(source) >= {"article_id", "outlet", "start", "end", "sentence"}
        assert source["outlet"] != source["article_outlet"]

    story = as_json("stories", "--db", demo_db)[0]["id"]
    claims = as_json("claims", "--story", story, "--db", demo_db)
    assert claims and all(c["id"].startswith("cl_") for c in claims)
    texts = {a["id"]: a["text"] for a in as_json("articles", "--db", demo_db)}
    for claim in claims:  # extractive: the words of an article, at the offsets given
        assert texts[claim["article_id"]][claim["start"]:claim["end"]] == claim["text"]
    assert any(len(c["outlets"]) > 1 for c in claims)


def test_the_report_shows_the_story(demo_db):
    report = json.loads((demo_db.parent / "report" / "report.json").read_text())
    assert report["store"]["stories"] >= 1
    story = report["stories"][0]
    assert story["events"] and story["quotes"] and story["claims"]
    page = (demo_db.parent / "report" / "report.html").read_text()
    assert story["title"] in page and "Who said what" in page
