"""Calibrate the claim thresholds on invented sentence pairs, and show them on the seeds.

    .venv/bin/python benchmarks/claims_calibration.py [--pairs tests/fixtures/claim_pairs.toml]
        [--shared ../shared] [--verbose]

Each story of the pairs file becomes a story of one-sentence articles; ``find_claims`` runs
over it at each merge threshold, and the table gives, per threshold, precision / recall / F1
of "same claim" decisions over the labelled pairs (a pair is predicted the same claim when both
sentences end in one claim) and of conflict links (a pair is predicted conflicting when its two
claims point at each other; "compatible" pairs, which only must not conflict, count for
neither side of "same"). The row of the shipped threshold is marked. ``--verbose`` prints
every pair's similarity and outcome. When ``../shared/seeds`` is present, the claims carried by
more than one seed and the conflicts found among them are printed too (ids and carriers only).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

from storyline.extract import claims as claims_module
from storyline.extract.claims import find_claims
from storyline.model import Article

REPO = Path(__file__).resolve().parents[1]
THRESHOLDS = [0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.60]


def _story_articles(sentences: list[str]) -> list[Article]:
    return [
        Article(
            source=f"s{i:02d}",
            format="text",
            body=text,
            text=text,
            id=f"s{i:02d}",
            outlet=f"Outlet {i % 5}",
            published="2024-03-01",
        )
        for i, text in enumerate(sentences)
    ]


def _evaluate(stories: dict[str, list[dict[str, str]]]) -> dict[str, object]:
    same = {"tp": 0, "fp": 0, "fn": 0}
    conflict = {"tp": 0, "fp": 0, "fn": 0}
    outcomes = []
    for pairs in stories.values():
        sentences = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
        articles = _story_articles(sentences)
        ids = {text: a.id for text, a in zip(sentences, articles, strict=True)}
        found = find_claims(articles)
        claim_of = {o.article_id: c for c in found for o in c.occurrences}
        for pair in pairs:
            ca, cb = claim_of.get(ids[pair["a"]]), claim_of.get(ids[pair["b"]])
            merged = ca is not None and ca is cb
            linked = ca is not None and cb is not None and cb.id in ca.conflicts_with
            label = pair["label"]
            if label == "same":
                same["tp" if merged else "fn"] += 1
            elif merged and label != "compatible":
                same["fp"] += 1
            if label == "conflict":
                conflict["tp" if linked else "fn"] += 1
            elif linked:
                conflict["fp"] += 1
            dropped = ca is None or cb is None
            outcomes.append((label, merged, linked, dropped, pair["a"], pair["b"]))
    return {"same": same, "conflict": conflict, "outcomes": outcomes}


def _prf(counts: dict[str, int]) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=REPO / "tests/fixtures/claim_pairs.toml")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    data = tomllib.loads(args.pairs.read_text(encoding="utf-8"))
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for pair in data["pair"]:
        stories[pair["story"]].append(pair)
    labels = defaultdict(int)
    for pair in data["pair"]:
        labels[pair["label"]] += 1
    print(
        f"pairs: {len(data['pair'])} in {len(stories)} stories "
        + ", ".join(f"{k} {v}" for k, v in sorted(labels.items()))
    )

    shipped = claims_module.SAME_CLAIM_SIMILARITY
    print(
        f"{'threshold':>9}  {'same P':>6} {'same R':>6} {'same F1':>7}  "
        f"{'confl P':>7} {'confl R':>7} {'confl F1':>8}"
    )
    for threshold in THRESHOLDS:
        claims_module.SAME_CLAIM_SIMILARITY = threshold
        result = _evaluate(stories)
        sp, sr, sf = _prf(result["same"])  # type: ignore[arg-type]
        cp, cr, cf = _prf(result["conflict"])  # type: ignore[arg-type]
        mark = "  <- shipped" if abs(threshold - shipped) < 1e-9 else ""
        print(
            f"{threshold:>9.2f}  {sp:>6.2f} {sr:>6.2f} {sf:>7.2f}  {cp:>7.2f} {cr:>7.2f} "
            f"{cf:>8.2f}{mark}"
        )
    claims_module.SAME_CLAIM_SIMILARITY = shipped

    if args.verbose:
        result = _evaluate(stories)
        for label, merged, linked, dropped, a, b in result["outcomes"]:  # type: ignore[union-attr]
            sim = claims_module.claim_similarity(a, b)
            flag = "DROPPED " if dropped else ""
            print(
                f"\n{label:<10} sim={sim:.2f} merged={merged} conflict={linked} {flag}\n"
                f"  a: {a}\n  b: {b}"
            )

    seeds = args.shared / "seeds"
    if not seeds.exists():
        print(f"\nseeds not present: {seeds} (skipping the seeds summary)")
        return 0
    articles = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(
            Article(source=str(path), format="text", body=text, text=text, id=path.name[:3])
        )
    found = find_claims(articles)
    shared = [c for c in found if len(c.articles) > 1]
    print(
        f"\nseeds: {len(found)} claims, {len(shared)} carried by more than one seed, "
        f"{sum(1 for c in found if c.conflicts_with)} with a conflict"
    )
    for claim in shared:
        print(
            f"  {claim.id}  carried by {', '.join(claim.articles)}  "
            f"conflicts: {len(claim.conflicts_with)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
