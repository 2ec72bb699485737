"""Copies: exact and near-duplicate texts, the canonical copy, every outlet kept.
The texts are invented."""

from __future__ import annotations

import random

from storyline.group import Grouper
from storyline.group.copies import CopyIndex, canonical_copy, copy_groups, fingerprint
from storyline.group.features import article_day
from storyline.model import Article

WIRE = (
    "VELMORA, March 3 - The Kestrel Dam above Velmora burst before dawn on Monday, sending a "
    "wall of water through the Tamsin river valley and forcing the evacuation of about 4,000 "
    "residents, mayor Ilse Brandvold said. Rescue crews from Velmora and Dunreach searched "
    "flooded farms through the morning, and the regional water board said it had warned of "
    "seepage at the dam last autumn. No deaths had been reported by midday, the mayor said, "
    "but dozens of people were missing and two bridges on the valley road were closed."
)


def _article(
    id: str,
    text: str,
    outlet: str,
    published: str | None = "2031-03-03T08:00:00",
    origin: str | None = None,
    title: str = "Dam bursts above Velmora",
) -> Article:
    return Article(
        source=f"test:{id}",
        format="jsonl",
        id=id,
        title=title,
        body=text,
        outlet=outlet,
        published=published,
        origin_outlet=origin,
    )


def _copies_of(articles: list[Article]) -> list[list[str]]:
    index = CopyIndex()
    links = {}
    for article in articles:
        links[article.id] = index.add(article.id, fingerprint(article), article_day(article))
    return [g for g in copy_groups(links) if len(g) > 1]


def test_exact_and_lightly_edited_copies_are_found_rewrites_are_not() -> None:
    edited = WIRE.replace("VELMORA, March 3 - ", "").replace(" through the morning", "")
    edited += " The Northern Courier contributed to this report."
    rewrite = (
        "Thousands fled the Tamsin valley after the Kestrel Dam failed near Velmora. "
        "Mayor Ilse Brandvold said rescuers were still searching farms, and that the "
        "water board had been warned about leaks months ago."
    )
    groups = _copies_of(
        [
            _article("a", WIRE, "Wire Service"),
            _article("b", WIRE, "Velmora Gazette"),
            _article("c", edited, "Dunreach Daily"),
            _article("d", rewrite, "Northern Courier"),
        ]
    )
    assert groups == [["a", "b", "c"]]


def test_copies_far_apart_in_time_are_not_copies() -> None:
    groups = _copies_of(
        [
            _article("a", WIRE, "Wire Service"),
            _article("b", WIRE, "Archive Site", published="2031-06-01T00:00:00"),
        ]
    )
    assert groups == []


def test_identical_headlines_of_feed_items_are_copies() -> None:
    groups = _copies_of(
        [
            _article("a", "", "Feed A", title="Kestrel Dam bursts above Velmora"),
            _article("b", "", "Feed B", title="Kestrel dam bursts above Velmora!"),
            _article("c", "", "Feed C", title="Velmora evacuates after dam failure"),
        ]
    )
    assert groups == [["a", "b"]]


def test_canonical_is_the_origin_outlets_copy_else_the_earliest_ties_by_id() -> None:
    members = [
        ("x", ("2031-03-03T09:00:00", "x"), "Velmora Gazette", "Wire Service"),
        ("y", ("2031-03-03T10:00:00", "y"), "Wire Service", None),
        ("z", ("2031-03-03T08:00:00", "z"), "Dunreach Daily", None),
    ]
    assert canonical_copy(members) == "y"
    assert canonical_copy([m for m in members if m[0] != "y"]) == "z"
    tied = [
        ("q", ("2031-03-03T08:00:00", "q"), "A", None),
        ("p", ("2031-03-03T08:00:00", "p"), "B", None),
    ]
    assert canonical_copy(tied) == "p"


def test_copies_are_one_item_of_their_event_with_every_outlet_kept() -> None:
    articles = [
        _article("b", WIRE, "Velmora Gazette", "2031-03-03T09:00:00", origin="Wire Service"),
        _article("a", WIRE, "Wire Service", "2031-03-03T10:00:00"),
        _article("c", WIRE, "Dunreach Daily", "2031-03-03T07:00:00"),
    ]
    grouper = Grouper()
    grouper.add(articles)
    places = grouper.assignments()
    assert len({places[i][0] for i in "abc"}) == 1
    event = grouper.event(places["a"][0])
    assert event is not None
    assert event["copies"] == {"a": ["b", "c"]}
    assert event["outlets"] == ["Dunreach Daily", "Velmora Gazette", "Wire Service"]
    # Only the first copy in time order entered the event's centroid.
    cluster = grouper.state.events[event["id"]]
    assert cluster.weight == 1 and len(cluster.members) == 3


def test_copy_groups_do_not_depend_on_order() -> None:
    edited = WIRE.replace("VELMORA, March 3 - ", "")
    articles = [_article(str(n), WIRE if n % 2 else edited, f"Outlet {n}") for n in range(8)]
    expected = _copies_of(articles)
    for seed in range(3):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert _copies_of(shuffled) == expected


def test_forgotten_articles_leave_nothing_behind_in_the_index() -> None:
    # The copy index of a long stream holds only what is live: removing every article
    # leaves no digest and no LSH bucket (empty buckets would grow with history).
    edits = [WIRE.replace("4,000", f"{4000 + i:,}") for i in range(6)]
    articles = [_article(f"w{i}", text, f"Outlet {i}") for i, text in enumerate(edits)]
    index = CopyIndex()
    found = [index.add(a.id, fingerprint(a), article_day(a)) for a in articles]
    assert found[-1] == [f"w{i}" for i in range(5)]  # light edits are copies
    for article in articles:
        index.remove(article.id)
        index.remove(article.id)  # forgetting twice is harmless
    assert len(index) == 0 and not index.digests
    assert all(not band for band in index.bands)


def test_fingerprints_are_those_of_hashing_each_shingle() -> None:
    # The fast path hashes shingles in bulk; the signature must be the one MinHash gives
    # when fed the shingles one by one (saved states and indexes rely on it).
    import zlib

    import numpy as np
    from datasketch import MinHash

    from storyline.group import copies

    printed = fingerprint(_article("x", WIRE, "Velmora Gazette"))
    words = copies._WORD.findall(WIRE[: copies.FINGERPRINT_CHARS].lower())
    shingles = {" ".join(words[i : i + 4]).encode() for i in range(len(words) - 3)}
    slow = MinHash(
        num_perm=copies.NUM_PERM,
        hashfunc=zlib.crc32,
        seed=1,
        scheme="affine32",
    )
    for shingle in sorted(shingles):
        slow.update(shingle)
    assert printed.signature is not None
    assert np.array_equal(printed.signature, np.asarray(slow.hashvalues, dtype=np.uint64))
