"""The five founding articles (``../shared/seeds``): what cleaning and metadata must find.

Skipped when the shared data is absent. Nothing of the seeds is copied here: the tests
name only what the issue states about them and check the rest generically.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import shared_path
from storyline.clean.furniture import Clean
from storyline.clean.metadata import Metadata
from storyline.model import Article
from storyline.pipeline import Pipeline, Stats
from storyline.read import read_inputs

# A line of this many words or more is a paragraph: each of its sentences must survive.
PARAGRAPH_WORDS = 8
# Fragments (split at . ! ?) shorter than this are abbreviations or markers, not sentences.
SENTENCE_WORDS = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    folder = shared_path("seeds")
    stats = Stats()
    pipeline = Pipeline([Clean(), Metadata()])
    articles = {
        Path(a.source).name[:3]: a for a in pipeline.run(read_inputs([str(folder)], stats), stats)
    }
    assert not stats.skipped
    assert sorted(articles) == ["000", "001", "002", "003", "004"]
    return articles


def rules(article: Article) -> list[str]:
    return [r.rule for r in article.removals if r.rule != "whitespace"]


def test_000_is_menafns_dated_and_titled(seeds):
    article = seeds["000"]
    assert article.outlet == "MENAFN"
    assert article.published == "2025-05-28"
    assert article.title == "Trump declares possibility of exiting Ukraine discussions"
    assert article.text.startswith("(MENAFN) ")
    assert rules(article) == ["header_date", "headline"]


def test_003_is_republished_by_ussanews_with_rt_as_origin_and_loses_its_notice(seeds):
    article = seeds["003"]
    assert (article.outlet, article.origin_outlet) == ("USSANews", "RT")
    assert "courtesy of" not in article.text and "USSANews" not in article.text
    assert rules(article)[-1] == "republish_notice"
    assert article.text.endswith("said last week.")


def test_004_is_benzingas_and_loses_all_its_furniture(seeds):
    article = seeds["004"]
    assert article.outlet == "Benzinga"
    assert article.title is not None
    # the headline stands twice on the first line; it is the title, once, and not in the text
    assert article.body.startswith(f"{article.title} {article.title}")
    assert article.title not in article.text
    for furniture in (
        "Also Read:",
        "Read Next",
        "Image:",
        "brought to you by",
        "Source link",
        "You might also like",
        "Leave A Reply",
        "Your email address",
    ):
        assert furniture not in article.text, furniture
    assert not re.search(r"^\s*0\s*$", article.text, re.M)  # the lone "0"
    assert {
        "headline",
        "headline_repeat",
        "lone_number",
        "also_read",
        "read_next",
        "image_credit",
        "sponsor",
        "continue_reading",
        "comment_form",
    } <= set(rules(article))
    # the text ends with the last paragraph of reporting, the one before "Read Next:"
    read_next = min(r.start for r in article.removals if r.rule == "read_next")
    last_paragraph = article.body[:read_next].rstrip().rsplit("\n", 1)[-1]
    assert len(last_paragraph.split()) > 8 and article.text.endswith(last_paragraph)


def test_002_loses_two_of_its_three_headlines_and_the_ad_marker(seeds):
    article = seeds["002"]
    assert rules(article).count("headline") == 1
    assert rules(article).count("headline_repeat") == 2
    assert article.title not in article.text
    marker = [r for r in article.removals if r.rule == "ad_marker"]
    assert len(marker) == 1 and marker[0].text.strip() == "اضافة اعلان"
    assert "اضافة" not in article.text
    # the paragraph it stuck to stays whole
    line = next(x for x in article.body.splitlines() if "اضافة اعلان" in x)
    assert line.replace("اضافة اعلان", "").rstrip() + "\n" in article.text


def test_001_has_no_furniture_and_no_guessed_metadata(seeds):
    article = seeds["001"]
    assert rules(article) == []
    assert article.title is None and article.outlet is None and article.published is None


def test_every_seed_is_english(seeds):
    assert {a.language for a in seeds.values()} == {"en"}


def test_no_seed_loses_a_sentence_of_reporting(seeds):
    # The furniture lines long enough to pass for paragraphs, named by how they start.
    gone_on_purpose = {
        "003": ("This content is courtesy of",),  # the republisher's notice
        "004": ("Also Read:", "Market News and Data brought to you by"),
    }
    for name, article in seeds.items():
        for line in article.body.splitlines():
            line = line.strip()
            if len(line.split()) < PARAGRAPH_WORDS:
                continue
            if article.title and not line.replace(article.title, "").strip():
                continue  # the headline, once or written over again: now the title
            if line.startswith(gone_on_purpose.get(name, ())):
                assert line not in article.text
                continue
            for sentence in _SENTENCE_END.split(line):
                if len(sentence.split()) >= SENTENCE_WORDS:
                    assert sentence.strip() in article.text, (name, sentence)


def test_offsets_of_the_clean_text_map_back_to_the_body(seeds):
    for article in seeds.values():
        assert article.text is not None
        for offset, char in enumerate(article.text):
            assert article.body[article.to_body_offset(offset)] == char
