"""Weighing ahead (:class:`storyline.group.WeighingAhead`): weights made by a describing process
under its own copy of the document frequencies are taken only when the grouper's frequencies
hold the same token, and the decisions are those of a grouper that weighs everything itself.
The articles are invented."""

from __future__ import annotations

import json
import random

import pytest

import storyline.group as group_module
from storyline.group import Grouper, Prepared, WeighingAhead, prepare
from storyline.group.features import DocumentFrequencies, extract_features
from storyline.grouping import GROUP_CHUNK_SIZE, _tapered
from storyline.model import Article

TOWNS = ["Lindqvist", "Marrow Point", "Essenby", "Calder Ford", "Oyelaran"]
OFFICIALS = ["Petra Vasquez-Holm", "Dagny Orrell", "Emeka Stroud", "Hollis Ferrante"]
MATTERS = [
    ("bridge", "closed", "after inspectors found cracks in two of its piers"),
    ("teachers' strike", "spread", "to a third district as talks with the council stalled"),
    ("water plant", "failed", "leaving twelve thousand homes under a boil notice"),
    ("harbour fire", "spread", "through three warehouses before crews contained it"),
]


def _reports(n: int, seed: int = 11) -> list[Article]:
    """Invented reports over six weeks, with the same matters told again and again, and an
    exact republication of the report before every ninth report (a copy)."""
    rng = random.Random(seed)
    out: list[Article] = []
    for i in range(n):
        if i % 9 == 8:
            title, body, when = out[-1].title, out[-1].body, out[-1].published
            outlet = "Essenby Ledger"
        else:
            town, official = rng.choice(TOWNS), rng.choice(OFFICIALS)
            thing, verb, rest = rng.choice(MATTERS)
            day = 1 + (i * 42) // n
            when = f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}T{rng.randrange(24):02d}:00:00"
            title = f"{town} {thing} {verb}, {official} says"
            body = (
                f"The {thing} in {town} {verb} on Tuesday {rest}. {official} said the {thing} "
                f"would be reviewed by the regional board, and residents of "
                f"{rng.choice(TOWNS)} were told to expect an update within {i % 7 + 2} days."
            )
            outlet = rng.choice(["Calder Post", "Marrow Point Daily", "Regional Wire"])
        out.append(Article(source=f"test:{i}", format="jsonl", id=f"r{i:04d}", title=title,
                           body=body, outlet=outlet, published=when))
    return out


def _canonical(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "~", a.id))


def _records(grouper: Grouper) -> str:
    return json.dumps([grouper.assignments(), grouper.events(), grouper.stories()], sort_keys=True)


def _plain(articles: list[Article], weighings: list[str]) -> tuple[Grouper, list[str]]:
    """A grouper that weighs every article itself, and the ids it weighed (then forgotten
    by ``weighings``, which goes on counting for the next grouper)."""
    grouper = Grouper()
    grouper.add(articles)
    weighed = weighings[:]
    weighings.clear()
    return grouper, weighed


def _weighed(pieces: list[list[Article]], df: DocumentFrequencies) -> list[list[Prepared]]:
    ahead = WeighingAhead(df)
    out = []
    for piece in pieces:
        prepared = [prepare(article) for article in piece]
        ahead.weigh(prepared)
        out.append(prepared)
    return out


@pytest.fixture
def weighings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the grouper weighs itself."""
    seen: list[str] = []
    weigh = group_module.article_vectors

    def counted(state, entry):  # type: ignore[no-untyped-def]
        seen.append(entry.id)
        return weigh(state, entry)

    monkeypatch.setattr(group_module, "article_vectors", counted)
    return seen


def test_the_token_names_the_counted_documents_whatever_their_order() -> None:
    one = extract_features(Article(source="a", format="jsonl", title="Bridge closed",
                                   body="Inspectors closed the Lindqvist bridge."))
    two = extract_features(Article(source="b", format="jsonl", title="Strike spreads",
                                   body="The teachers' strike spread to Essenby."))
    forward, backward = DocumentFrequencies(), DocumentFrequencies()
    forward.add(one, "a")
    forward.add(two, "b")
    backward.add(two, "b")
    backward.add(one, "a")
    assert forward.token == backward.token != DocumentFrequencies().token
    assert forward.counts == backward.counts and forward.capital == backward.capital
    # Another document of the same size gives another token.
    other = DocumentFrequencies()
    other.add(one, "a")
    other.add(two, "c")
    assert other.token[0] == forward.token[0] and other.token != forward.token
    # Taking a document back gives back the token before it; a saved table keeps its token.
    copied = forward.copy()
    forward.remove(two, "b")
    single = DocumentFrequencies()
    single.add(one, "a")
    assert forward.token == single.token
    assert copied.token == backward.token  # the copy did not move with the original
    assert DocumentFrequencies.from_dict(copied.to_dict()).token == copied.token


def test_copies_are_counted_as_documents() -> None:
    articles = _reports(45)
    grouper = Grouper()
    grouper.add(articles)
    copies = [e for e in grouper.state.entries.values() if e.copy_of is not None]
    assert copies
    assert grouper.state.df.documents == len(articles)


def test_weights_made_ahead_in_order_are_taken_and_decide_the_same(
    weighings: list[str],
) -> None:
    articles = _canonical(_reports(180))
    plain, weighed_by_plain = _plain(articles, weighings)
    assert len(weighed_by_plain) > 100  # every article but copies
    pieces = [articles[i : i + 20] for i in range(0, len(articles), 20)]
    ahead = Grouper()
    ahead.add_chunks(_weighed(pieces, DocumentFrequencies()), ordered=True)
    assert weighings == []
    assert _records(ahead) == _records(plain)
    assert ahead.state.df.token == plain.state.df.token


def test_weights_made_under_other_frequencies_are_weighed_again(weighings: list[str]) -> None:
    articles = _canonical(_reports(90))
    plain, weighed_by_plain = _plain(articles, weighings)
    # The describing side counted one article the grouper never saw: no token matches.
    df = DocumentFrequencies()
    df.add(extract_features(Article(source="x", format="jsonl", title="Unrelated",
                                    body="A ferry timetable changed.")), "x")
    ahead = Grouper()
    ahead.add_chunks(_weighed([articles[:45], articles[45:]], df), ordered=True)
    assert sorted(weighings) == sorted(weighed_by_plain)
    assert _records(ahead) == _records(plain)


def test_pieces_out_of_order_weigh_again_what_moved_and_decide_the_same(
    weighings: list[str],
) -> None:
    articles = _canonical(_reports(160))
    plain, _ = _plain(articles, weighings)
    pieces = [articles[i : i + 20] for i in range(0, len(articles), 20)]
    pieces[2], pieces[3] = pieces[3], pieces[2]  # a piece arrives a day late
    ahead = Grouper()
    ahead.add_chunks(_weighed(pieces, DocumentFrequencies()))
    assert 0 < len(weighings) < len(articles) // 2
    assert _records(ahead) == _records(plain)


@pytest.mark.parametrize("count", [0, 1, 7, 130, 900, 3000, 20532])
def test_tapered_chunks_cover_the_ids_in_order_small_at_both_ends(count: int) -> None:
    ids = [f"a{i}" for i in range(count)]
    chunks = _tapered(ids, head=True, tail=True)
    assert [i for chunk in chunks for i in chunk] == ids
    assert all(chunks) and all(len(c) <= GROUP_CHUNK_SIZE for c in chunks)
    if count >= 3000:
        assert len(chunks[0]) == len(chunks[-1]) == GROUP_CHUNK_SIZE // 8
    plain = _tapered(ids, head=False, tail=False)
    assert all(len(c) == GROUP_CHUNK_SIZE for c in plain[:-1])
