"""Claims across the articles of a story: invented articles, calibration floors, the seeds."""

from __future__ import annotations

import importlib.util
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.extract.claims import Claim, find_claims, split_sentences
from storyline.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def article(
    id_: str, text: str, outlet: str | None = None, published: str | None = None
) -> Article:
    return Article(
        source=f"{id_}.txt",
        format="text",
        body=text,
        text=text,
        id=id_,
        outlet=outlet,
        published=published,
    )


def claim_with(claims: list[Claim], *words: str) -> Claim:
    found = [c for c in claims if all(w.lower() in c.text.lower() for w in words)]
    assert found, f"no claim with {words}: {[c.text for c in claims]}"
    return found[0]


# An invented story: a dam on a made-up river, told by three made-up outlets.
DAM_A = (
    "Engineers warned on Monday that the Orlen dam on the Vesna River could fail within days "
    "after record rainfall. Authorities evacuated 3,500 residents from the valley below the "
    "dam, the regional governor said. Is the dam safe? Nobody knows. "
    "“We are doing everything we can,” said one engineer."
)
DAM_B = (
    "The Orlen dam on the Vesna River may collapse within days because of record rains, "
    "engineers cautioned. A local football club postponed its weekend match after the "
    "stadium parking lot flooded. Read more: subscribe to our newsletter for daily updates."
)
DAM_C = (
    "The regional governor said 3,500 people had been moved out of the valley below the "
    "Orlen dam. Regional officials said the dam operator has no intention to increase "
    "water releases from the reservoir."
)
DAM_D = (
    "The operator of the Orlen dam is considering new releases of water from the reservoir "
    "to ease pressure on the dam, engineers said."
)


def dam_story() -> list[Article]:
    return [
        article("b", DAM_B, "Vesna Herald", "2024-04-02T09:00:00+02:00"),
        article("a", DAM_A, "Orlen Daily", "2024-04-01T18:00:00Z"),
        article("c", DAM_C, "Valley Radio", "2024-04-03"),
        article("d", DAM_D, "Valley Radio", "2024-04-04"),
    ]


def test_paraphrases_across_articles_are_one_claim_from_the_earliest_carrier():
    claims = find_claims(dam_story())
    collapse = claim_with(claims, "Orlen dam", "fail")
    assert collapse.articles == ["a", "b"]
    assert collapse.outlets == ["Orlen Daily", "Vesna Herald"]
    assert collapse.article_id == "a"  # published first
    assert collapse.first_date == "2024-04-01"
    assert {o.article_id for o in collapse.occurrences} == {"a", "b"}
    evacuation = claim_with(claims, "evacuated 3,500")
    assert evacuation.articles == ["a", "c"]
    # The most widely carried claims come first.
    assert len(claims[0].articles) >= len(claims[-1].articles)


def test_claims_are_extractive_spans_of_their_article():
    story = {a.id: a for a in dam_story()}
    for claim in find_claims(list(story.values())):
        assert claim.text == story[claim.article_id].text[claim.start : claim.end]
        for occurrence in claim.occurrences:
            assert story[occurrence.article_id].text[occurrence.start : occurrence.end]
        assert claim.id.startswith("cl_") and len(claim.id) == 19


def test_unrelated_sentences_are_not_merged():
    claims = find_claims(dam_story())
    football = claim_with(claims, "football club")
    assert football.articles == ["b"]
    assert all("football" not in c.text for c in claims if c is not football)


def test_questions_quotes_short_sentences_and_boilerplate_are_not_claims():
    texts = [c.text for c in find_claims(dam_story())]
    assert not any(t.endswith("?") for t in texts)
    assert not any("Nobody knows" in t for t in texts)
    assert not any(t.startswith("“We are doing") for t in texts)
    assert not any("subscribe" in t.lower() for t in texts)


def test_negation_conflict_links_both_claims():
    claims = find_claims(dam_story())
    refuses = claim_with(claims, "no intention")
    considers = claim_with(claims, "considering new releases")
    assert considers.id in refuses.conflicts_with
    assert refuses.id in considers.conflicts_with
    assert refuses.id != considers.id
    assert refuses.articles == ["c"] and considers.articles == ["d"]


def test_opposite_statements_within_one_article_are_its_own_contrast():
    claims = find_claims([article("c", DAM_C + " " + DAM_D)])
    assert all(not c.conflicts_with for c in claims)


KESSIK_100 = "Shelling of the border town of Kessik killed 100 civilians last week, the army said."
KESSIK_200 = (
    "Shelling of the border town of Kessik killed 200 civilians last week, according to "
    "United Nations monitors."
)
KESSIK_AT_LEAST_90 = (
    "At least 90 civilians were killed by shelling in the border town of Kessik last week, "
    "United Nations monitors said."
)


def test_figure_conflict():
    claims = find_claims([article("x", KESSIK_100), article("y", KESSIK_200)])
    hundred, two_hundred = claim_with(claims, "100 civilians"), claim_with(claims, "200 civilians")
    assert hundred.id != two_hundred.id
    assert hundred.conflicts_with == [two_hundred.id]
    assert two_hundred.conflicts_with == [hundred.id]


def test_a_lower_bound_agrees_with_a_larger_figure():
    claims = find_claims([article("y", KESSIK_200), article("z", KESSIK_AT_LEAST_90)])
    assert all(not c.conflicts_with for c in claims)


def test_claims_do_not_depend_on_article_order():
    story = dam_story()
    forward = [c.to_dict() for c in find_claims(story)]
    backward = [c.to_dict() for c in find_claims(list(reversed(story)))]
    assert forward == backward


@pytest.mark.parametrize(
    "articles",
    [
        [],
        [article("e", "")],
        [article("f", "   \n ")],
        [article("g", "Short. Very short!")],
        [article("h", "\x00\x01 ???? “”")],
        [Article(source="s", format="text", body="x " * 5000)],
    ],
)
def test_odd_input_gives_no_claims_and_no_crash(articles):
    assert isinstance(find_claims(articles), list)


def test_body_and_source_stand_in_for_missing_text_and_id():
    text = "The Orlen dam on the Vesna River could fail within days after record rainfall."
    claims = find_claims([Article(source="feed.xml#3", format="feed", body=text)])
    assert [c.article_id for c in claims] == ["feed.xml#3"]
    assert claims[0].first_date is None and claims[0].outlets == []
    assert isinstance(claims[0].cited_sources, list)


def test_sentence_splitting_keeps_abbreviations_and_reads_wrapped_wire_copy():
    text = (
        "Mr. Holm met Gen. Arkan in St. Petersburg on Jan. 5. They agreed. Then U.S. aid resumed."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Mr. Holm met Gen. Arkan in St. Petersburg on Jan. 5.",
        "They agreed.",
        "Then U.S. aid resumed.",
    ]
    wrapped = (
        "The company said its first quarter\nprofit rose sharply on higher sales\nof its "
        "new engines to airlines in\nAsia and Europe. It expects a\nbetter second quarter as "
        "orders\nkeep growing, it said."
    )
    assert len(split_sentences(wrapped)) == 2
    headline = "Dam Fears Grow\nEngineers warned the dam could fail."
    first_start, first_end = split_sentences(headline)[0]
    assert headline[first_start:first_end] == "Dam Fears Grow"


# -- calibration floors -------------------------------------------------------------------------


def _pair_scores() -> tuple[dict[str, int], dict[str, int]]:
    data = tomllib.loads((FIXTURES / "claim_pairs.toml").read_text(encoding="utf-8"))
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for pair in data["pair"]:
        stories[pair["story"]].append(pair)
    same = {"tp": 0, "fp": 0, "fn": 0}
    conflict = {"tp": 0, "fp": 0, "fn": 0}
    for pairs in stories.values():
        texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
        articles = [article(f"s{i:02d}", t) for i, t in enumerate(texts)]
        ids = {t: a.id for t, a in zip(texts, articles, strict=True)}
        claim_of = {o.article_id: c for c in find_claims(articles) for o in c.occurrences}
        for pair in pairs:
            ca, cb = claim_of.get(ids[pair["a"]]), claim_of.get(ids[pair["b"]])
            merged = ca is not None and ca is cb
            linked = ca is not None and cb is not None and cb.id in ca.conflicts_with
            if pair["label"] == "same":
                same["tp" if merged else "fn"] += 1
            elif merged and pair["label"] != "compatible":
                same["fp"] += 1
            if pair["label"] == "conflict":
                conflict["tp" if linked else "fn"] += 1
            elif linked:
                conflict["fp"] += 1
    return same, conflict


def _f1(counts: dict[str, int]) -> float:
    return 2 * counts["tp"] / (2 * counts["tp"] + counts["fp"] + counts["fn"])


def test_calibration_pairs_stay_above_their_floors():
    # Measured at the shipped thresholds: same-claim F1 0.81, conflict F1 0.96
    # (benchmarks/claims_calibration.py). Lowering these floors needs an explained change.
    same, conflict = _pair_scores()
    assert _f1(same) >= 0.78
    assert _f1(conflict) >= 0.90
    assert conflict["fp"] == 0


# -- the seeds ---------------------------------------------------------------------------------


def test_seeds_withdrawal_claim_is_one_claim_of_000_and_001(seeds_dir):
    articles = [
        article(path.name[:3], path.read_text(encoding="utf-8"))
        for path in sorted(seeds_dir.glob("*.txt"))
    ]
    claims = find_claims(articles)
    withdrawal = [
        c
        for c in claims
        if "Trump" in c.text
        and "consider" in c.text.lower()
        and any(w in c.text.lower() for w in ("withdraw", "pulling out"))
    ]
    assert len(withdrawal) == 1
    assert withdrawal[0].articles == ["000", "001"]
    if importlib.util.find_spec("storyline.extract.sources") is not None:
        assert withdrawal[0].cited_sources == ["The New York Times"]
    # The sanctions claims of 000/001 conflict with the report of new sanctions being weighed.
    assert any(c.conflicts_with and set(c.articles) >= {"000", "001"} for c in claims)
