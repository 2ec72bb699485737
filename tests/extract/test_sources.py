"""find_cited_sources: outlets an article uses as its source, not those it only mentions."""

from __future__ import annotations

import pytest

from storyline.extract.sources import find_cited_sources


def _outlets(text: str, own: str | None = None) -> list[str]:
    return [c.outlet for c in find_cited_sources(text, own)]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The mine will close, according to The Wall Street Journal.", "The Wall Street Journal"),
        ("The New York Times reported late Monday that the talks stalled.", "The New York Times"),
        ("A minister told the NYT that he would resign.", "The New York Times"),
        ("BBC reports that the bridge has reopened.", "BBC"),
        ("The harbour is closed, BBC reports.", "BBC"),
        ("The Atlantic has reported that the envoy was recalled.", "The Atlantic"),
        ("Citing Reuters, the agency said the vote was delayed.", "Reuters"),
        ("In an interview on Tuesday with WABC host Ada Lin, the mayor said no.", "WABC"),
        ("Dana Orr told CNN’s Inside Politics that a deal was near.", "CNN"),
        ("One NYT source said the plan was dead.", "The New York Times"),
        ("A separate report from The Guardian echoed the claim.", "The Guardian"),
    ],
)
def test_citing_phrases(text, outlet):
    assert outlet in _outlets(text)


def test_each_citation_has_its_span_and_sentence():
    text = "Prices rose. The dam failed, according to the BBC. Nobody was hurt."
    [cited] = find_cited_sources(text)
    assert cited.outlet == "BBC"
    assert text[cited.start : cited.end] == "the BBC"
    assert cited.sentence == "The dam failed, according to the BBC."
    assert set(cited.to_dict()) == {"outlet", "start", "end", "sentence"}


def test_the_outlet_and_the_magazine_stand_for_the_last_cited():
    text = (
        "The strike is over, according to The New York Times. Sources cited by the outlet "
        "said talks resume Monday. The Atlantic has reported a split. Aides told the "
        "magazine that the chair would quit."
    )
    cited = find_cited_sources(text)
    anaphors = [(text[c.start : c.end], c.outlet) for c in cited if c.start > 0]
    assert ("the outlet", "The New York Times") in anaphors
    assert ("the magazine", "The Atlantic") in anaphors


def test_mentions_are_not_citations():
    text = (
        "Rival candidates met at a Fox Business debate. The senator once appeared on the "
        "cover of Time. Market data brought to you by Benzinga APIs. People say it rained."
    )
    assert _outlets(text) == []


def test_own_outlet_is_not_a_source_of_itself():
    text = "The BBC has learned that the plan was dropped, BBC reports."
    assert _outlets(text, own="BBC News") == []
    assert _outlets(text) == ["BBC", "BBC"]


def test_bad_input():
    assert find_cited_sources("") == []
    assert find_cited_sources("according to") == []
    assert find_cited_sources("the paper said so") == []  # no outlet named before it


# -- the seeds -------------------------------------------------------------------------------

SEED_SOURCES = {
    "000": {"The New York Times", "The Wall Street Journal"},
    "001": {"The New York Times", "The Wall Street Journal"},
    "002": {"CNN", "WABC", "The Guardian"},
    "003": {"The Atlantic"},
    "004": {"BBC"},
}


@pytest.mark.parametrize("number", sorted(SEED_SOURCES))
def test_seed_cited_sources(seeds_dir, number):
    [path] = sorted(seeds_dir.glob(f"{number}_*"))
    outlets = set(_outlets(path.read_text(encoding="utf-8")))
    assert outlets == SEED_SOURCES[number]
