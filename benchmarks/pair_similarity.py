"""Pair similarity across outlets: storyline's event and story similarity on SemEval-2022 Task 8.

``../shared/data/semeval8`` holds English article pairs from different outlets, scored by
people for "same story" (1 = very similar ... 4 = very dissimilar). Clustering sets say
whether a grouping is right; these pairs say whether the similarity under it ranks pairs the
way readers do when two outlets word one story differently. The grouper sees an article
against a one-article cluster (:func:`storyline.group.events.similarity`, undated, document
frequencies counted over every text of the set, as a stream would have them). Printed beside
plain TF-IDF cosine (sublinear, fitted on the same texts) and each sub-vector alone:

- Spearman and Pearson correlation with the human score, sign flipped (higher is better);
- ROC AUC of telling "very similar" pairs (score <= 1.5) from the rest.

The texts carry no separate title, so the title sub-vector is empty on both sides: it lowers
every similarity alike and changes no ranking. Run::

    python benchmarks/pair_similarity.py

Never collected as a test (no ``test_`` names).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.group import GroupSettings  # noqa: E402
from storyline.group.events import article_vectors, similarity  # noqa: E402
from storyline.group.features import Features, Vector, extract_features  # noqa: E402
from storyline.group.state import Cluster, Entry, GroupState  # noqa: E402
from storyline.model import Article  # noqa: E402

#: An article's entry and its weighed sub-vectors.
Described = tuple[Entry, dict[str, Vector]]

#: Human scores at or below this count as "very similar" for the AUC.
SAME = 1.5


def _entry(index: int, features: Features) -> Entry:
    key = ("", f"p{index}")
    return Entry(key[1], key, "", None, None, None, features)


def _similarity(
    state: GroupState,
    settings: GroupSettings,
    level: str,
    a: Described,
    b: Described,
) -> float:
    """``a`` against a cluster holding only ``b`` (entries with their vectors), as the grouper
    would compare them."""
    (entry_a, vectors_a), (entry_b, vectors_b) = a, b
    cluster = Cluster(id="c", founder=entry_b.key)
    state.add_member(level, cluster, entry_b, vectors_b)
    assert entry_a.features is not None
    found = similarity(settings, level, vectors_a, False, None, cluster, entry_a.features.year)
    return 0.0 if found is None else found.value


def _dot(a: Vector, b: Vector) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def report(shared: Path) -> str:
    """The table for ``shared``'s semeval8 pairs (a one-line reason when they are absent)."""
    path = shared / "data/semeval8/training_set.jsonl"
    if not path.is_file():
        return f"semeval8 pairs not found at {path}: pair similarity not measured\n"
    from scipy.stats import pearsonr, spearmanr
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import roc_auc_score

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = [text for row in rows for text in (row["text1"], row["text2"])]
    human = [float(row["overall"]) for row in rows]
    state = GroupState()
    entries = []
    for index, text in enumerate(texts):
        features = extract_features(Article(source="semeval8", format="text", body=text, text=text))
        state.df.add(features)
        entries.append(_entry(index, features))

    # Every text weighed once, under the frequencies of the whole set.
    described = [(entry, article_vectors(state, entry)) for entry in entries]

    def pairs(score: Callable[[Described, Described], float]) -> list[float]:
        return [score(described[2 * k], described[2 * k + 1]) for k in range(len(rows))]

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    scored: list[tuple[str, list[float]]] = [
        (
            "TF-IDF cosine (baseline)",
            [float(matrix[2 * k].multiply(matrix[2 * k + 1]).sum()) for k in range(len(rows))],
        ),
    ]
    settings = GroupSettings()
    for label, level, chosen in (
        ("storyline event similarity", "event", settings),
        ("  same, numbers sub-vector off", "event", replace(settings, numbers_weight=0.0)),
        ("storyline story similarity", "story", settings),
    ):
        scored.append(
            (label, pairs(lambda a, b, s=chosen, lv=level: _similarity(state, s, lv, a, b)))
        )
    for sub in ("body", "names", "numbers"):
        scored.append(
            (f"  {sub} cosine alone", pairs(lambda a, b, sub=sub: _dot(a[1][sub], b[1][sub])))
        )
    same = [score <= SAME for score in human]
    lines = [
        f"## Pair similarity across outlets (semeval8: {len(rows)} pairs, "
        f"{sum(same)} very similar)\n",
        "| similarity | Spearman (-rho) | Pearson (-r) | AUC very similar |",
        "| --- | --- | --- | --- |",
    ]
    for label, values in scored:
        lines.append(
            f"| {label} | {-spearmanr(values, human)[0]:.3f} | {-pearsonr(values, human)[0]:.3f} "
            f"| {roc_auc_score(same, values):.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    print(report(args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
