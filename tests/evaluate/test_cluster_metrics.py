"""Clustering metrics on tiny hand-made clusterings whose values are worked out by hand."""

from __future__ import annotations

import json

import pytest

from storyline.evaluate.clusters import bcubed, cluster_scores, evaluate_clusters, pairwise


def test_perfect_clustering_scores_one() -> None:
    labels = ["a", "a", "b", "c", "c", "c"]
    scores = cluster_scores(["x", "x", "y", "z", "z", "z"], labels)
    assert scores["bcubed_f1"] == 1.0 and scores["pairwise_f1"] == 1.0
    assert scores["ari"] == 1.0 and scores["ami"] == 1.0
    assert scores["predicted_clusters"] == scores["gold_clusters"] == 3


def test_bcubed_by_hand() -> None:
    # gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}
    gold = ["g1", "g1", "g1", "g2", "g2"]
    pred = ["p1", "p1", "p2", "p2", "p2"]
    precision, recall, f1 = bcubed(pred, gold)
    # precision: items 1,2 -> 1; item 3 -> 1/3; items 4,5 -> 2/3
    assert precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # recall: items 1,2 -> 2/3; item 3 -> 1/3; items 4,5 -> 1
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_pairwise_by_hand() -> None:
    gold = ["g1", "g1", "g1", "g2", "g2"]
    pred = ["p1", "p1", "p2", "p2", "p2"]
    # predicted pairs: (1,2) (3,4) (3,5) (4,5) = 4, of which (1,2) and (4,5) are gold: 2;
    # gold pairs: (1,2) (1,3) (2,3) (4,5) = 4.
    assert pairwise(pred, gold) == pytest.approx((0.5, 0.5, 0.5))


def test_all_singletons_and_all_in_one() -> None:
    gold = ["g1", "g1", "g2", "g2"]
    precision, recall, _ = bcubed(["a", "b", "c", "d"], gold)
    assert (precision, recall) == (1.0, 0.5)
    precision, recall, _ = bcubed(["a"] * 4, gold)
    assert (precision, recall) == (0.5, 1.0)
    assert pairwise(["a", "b", "c", "d"], gold)[0] == 1.0  # nothing predicted together


def test_mismatched_lengths_are_an_error() -> None:
    with pytest.raises(ValueError):
        bcubed(["a"], ["a", "b"])


def test_evaluate_clusters_reads_groups_and_scores(tmp_path) -> None:
    rows = [
        (
            "d1",
            "Kestrel Dam bursts above Velmora",
            "The Kestrel Dam above Velmora burst, "
            "mayor Ilse Brandvold ordered the evacuation of the Tamsin valley.",
        ),
        (
            "d2",
            "Velmora evacuates as Kestrel Dam fails",
            "Mayor Ilse Brandvold ordered the "
            "Tamsin valley evacuated after the Kestrel Dam above Velmora failed.",
        ),
        (
            "p1",
            "Pellam leads Strand in Orsk Harbor poll",
            "Tobias Pellam leads Wenna Strand in the Orsk Harbor mayoral poll of 800 voters.",
        ),
    ]
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "text": x, "published": "2031-03-03T08:00:00"}) + "\n"
            for i, t, x in rows
        )
    )
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "id\tevent\tstory\nd1\tflood\tdam\nd2\tflood\tdam\np1\tpoll\tpoll\nzz\tgone\tgone\n"
    )
    result = evaluate_clusters(articles, gold, level="event")
    for key in (
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "pairwise_f1",
        "ari",
        "ami",
        "predicted_clusters",
        "gold_clusters",
        "articles_per_s",
    ):
        assert key in result
    assert result["bcubed_f1"] == 1.0
    assert result["articles"] == 3 and result["missing"] == 1
    with pytest.raises(ValueError):
        evaluate_clusters(articles, gold, level="topic")


def test_evaluate_clusters_scores_every_input_id_of_a_stored_copy(tmp_path) -> None:
    text = "The Kestrel Dam above Velmora burst; mayor Ilse Brandvold ordered an evacuation."
    rows = [("d1", "Kestrel Dam bursts", text), ("d1-again", "Kestrel Dam bursts", text)]
    rows.append(("p1", "Pellam leads Strand", "Tobias Pellam leads Wenna Strand in a poll."))
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "text": x, "published": "2031-03-03"}) + "\n"
            for i, t, x in rows
        )
    )
    gold = tmp_path / "gold.tsv"
    gold.write_text("id\tevent\tstory\nd1\tflood\tdam\nd1-again\tflood\tdam\np1\tpoll\tpoll\n")
    # Ingest stores one article for the two equal inputs; both input ids are still scored.
    result = evaluate_clusters(articles, gold, level="story")
    assert result["articles"] == 3 and result["missing"] == 0
    assert result["bcubed_f1"] == 1.0
