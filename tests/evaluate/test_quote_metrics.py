"""The quote metrics: matching, subsets, source accuracy, and evaluate_quotes end to end
on invented articles (and on PolNeAR dev when ../shared is present)."""

from __future__ import annotations

import json

from conftest import shared_path
from storyline.evaluate.quotes import (
    GoldAttribution,
    Predicted,
    evaluate_quotes,
    format_quote_scores,
    gold_from_record,
    match_attributions,
    score_quotes,
)
from storyline.model import Article, Removal


def _gold(content, source=None, speech=True, direct=False):
    return GoldAttribution(content, source, None, speech, direct)


def test_match_needs_half_of_the_shorter_span():
    gold = [_gold((0, 100))]
    assert match_attributions([Predicted((10, 30), None)], gold) == [(0, 0)]  # inside: 100%
    assert match_attributions([Predicted((90, 200), None)], gold) == []  # 10 of 100: no
    assert match_attributions([Predicted((60, 120), None)], gold) == [(0, 0)]  # 40 of 60


def test_matching_is_one_to_one_best_first():
    gold = [_gold((0, 50)), _gold((0, 40))]
    predicted = [Predicted((0, 40), None)]
    pairs = match_attributions(predicted, gold)
    assert pairs == [(0, 1)]  # the exact match wins; the other gold stays unmatched


def test_scores_and_source_accuracy():
    gold = [
        _gold((0, 20), source=(30, 35), speech=True, direct=True),
        _gold((40, 60), source=None, speech=False),
        _gold((70, 90), source=(95, 99), speech=True),
    ]
    predicted = [
        Predicted((0, 20), (31, 33)),  # right content, speaker overlaps the source
        Predicted((40, 60), (0, 5)),  # right content, a speaker where gold has none
        Predicted((200, 210), None),  # nothing there
    ]
    result = score_quotes([(predicted, gold)])
    assert result["matched"] == 2
    assert result["precision"] == round(2 / 3, 4)
    assert result["recall"] == round(2 / 3, 4)
    assert result["speech_recall"] == 0.5
    assert result["direct_recall"] == 1.0
    assert result["source_accuracy"] == 0.5


def test_gold_subsets_are_read_from_the_text():
    text = 'Ann said "yes" and Bob thinks no.'
    record = {
        "attributions": [
            {"source": [0, 3], "cue": [4, 8], "content": [9, 14]},
            {"source": [19, 22], "cue": [23, 29], "content": [30, 32]},
            {"content": [5, 5]},  # empty: ignored
        ]
    }
    gold = gold_from_record(record, text)
    assert [(g.speech, g.direct) for g in gold] == [(True, True), (False, False)]


def _write(tmp_path, articles, gold):
    a = tmp_path / "articles.jsonl"
    g = tmp_path / "attributions.jsonl"
    a.write_text("".join(json.dumps(x) + "\n" for x in articles), encoding="utf-8")
    g.write_text("".join(json.dumps(x) + "\n" for x in gold) + "not json\n", encoding="utf-8")
    return a, g


def test_evaluate_quotes_end_to_end(tmp_path):
    text = "“The bridge is open,” Mayor Ada Lin said. Critics say it is too late."
    q = text.index("The bridge")
    articles = [
        {"id": "a1", "title": "Bridge", "text": text},
        {"id": "unscored", "title": "x", "text": "No gold for this one."},
    ]
    gold = [
        {
            "id": "a1",
            "attributions": [
                {
                    "source": [text.index("Mayor"), text.index(" said")],
                    "cue": [text.index("said"), text.index("said") + 4],
                    "content": [q - 1, text.index(" Mayor")],
                },
                {
                    "source": [text.index("Critics"), text.index("Critics") + 7],
                    "cue": [text.index("say"), text.index("say") + 3],
                    "content": [text.index("it is"), len(text) - 1],
                },
            ],
        }
    ]
    a, g = _write(tmp_path, articles, gold)
    result = evaluate_quotes(a, g)
    for key in (
        "precision",
        "recall",
        "f1",
        "speech_recall",
        "direct_recall",
        "source_accuracy",
        "articles_per_s",
    ):
        assert key in result
    assert result["articles"] == 1
    assert result["recall"] == 1.0 and result["source_accuracy"] == 1.0
    assert result["direct_recall"] == 1.0
    assert any("unreadable gold line" in s for s in result["skipped"])
    assert "precision" in format_quote_scores(result)


def test_clean_text_spans_are_mapped_back_to_the_input(tmp_path):
    body = "JUNK LINE\n“We won,” said Tia Moss.\n"
    articles = [{"id": "c1", "title": "t", "text": body}]
    start = body.index("We won")
    gold = [
        {
            "id": "c1",
            "attributions": [
                {
                    "source": [body.index("Tia"), body.index("Tia") + 8],
                    "cue": [body.index("said"), body.index("said") + 4],
                    "content": [start, start + 6],
                }
            ],
        }
    ]
    a, g = _write(tmp_path, articles, gold)

    def clean(article: Article) -> Article:
        article.removals = [Removal(0, 10, "test", "junk line")]
        article.text = article.body[10:]
        return article

    result = evaluate_quotes(a, g, prepare=clean)
    assert result["matched"] == 1 and result["source_accuracy"] == 1.0


def test_a_failing_finder_is_counted_not_raised(tmp_path):
    a, g = _write(
        tmp_path,
        [{"id": "x", "title": "t", "text": "He said no."}],
        [{"id": "x", "attributions": [{"content": [8, 10]}]}],
    )

    def broken(text: str):
        raise RuntimeError("boom")

    result = evaluate_quotes(a, g, finder=broken)
    assert result["recall"] == 0.0
    assert any("finder failed" in s for s in result["skipped"])


def test_polnear_dev_floors():
    """Pinned floors on PolNeAR dev (measured with benchmarks/quotes.py: F1 0.70, speech
    recall 0.93, source accuracy 0.88); only an explained change may lower them."""
    base = shared_path("data", "polnear", "dev")
    result = evaluate_quotes(base / "articles.jsonl", base / "attributions.jsonl")
    assert result["f1"] >= 0.60
    assert result["speech_recall"] >= 0.80
    assert result["source_accuracy"] >= 0.80
