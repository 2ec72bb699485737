"""The fast paths of grouping decide exactly as the plain ones: a batch given in pieces, articles
described beforehand (in another process), the store's parallel reader, the compact undo
journal and older saved states. The articles are invented (made-up towns, people, outlets)."""

from __future__ import annotations

import json
import pickle
import random
from dataclasses import replace
from functools import reduce
from pathlib import Path

import pytest

from storyline.group import Grouper, GroupSettings, prepare
from storyline.group.state import Cluster, GroupState, _add_vector
from storyline.model import Article

PLACES = ["Velmora", "Dunreach", "Orsk Harbor", "Port Ambrel", "Kestrel Bay", "Tamsin"]
PEOPLE = ["Ilse Brandvold", "Corvin Halloway", "Wenna Strand", "Tobias Pellam", "Sanna Orlov"]
THINGS = [
    ("dam", "burst", "flooding farms along the river valley"),
    ("ferry", "sank", "leaving forty passengers in the cold harbour water"),
    ("mayoral poll", "showed", "a six point lead for the challenger"),
    ("siege", "entered", "its second week as negotiators met the rebels"),
    ("factory fire", "destroyed", "the warehouse and two delivery trucks overnight"),
]


def _stream(n: int, seed: int = 3, undated_every: int = 0) -> list[Article]:
    """Invented reports over some weeks: several matters, each reported many times, with
    republished copies and (optionally) some undated items."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, person = rng.choice(PLACES), rng.choice(PEOPLE)
        thing, verb, rest = rng.choice(THINGS)
        day = 1 + (i * 40) // n
        when = f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}T{rng.randrange(24):02d}:00:00"
        body = (
            f"The {thing} in {place} {verb} on Monday, {rest}. {person} told reporters in "
            f"{place} that the {thing} had been a concern for months, and officials from "
            f"{rng.choice(PLACES)} promised an inquiry into the {thing} within {i % 9 + 2} days."
        )
        out.append(
            Article(
                source=f"test:{i}",
                format="jsonl",
                id=f"a{i:04d}",
                title=f"{place} {thing} {verb}, says {person}",
                body=body,
                outlet=rng.choice(["Velmora Gazette", "Northern Courier", "Harbor Wire"]),
                published=None if undated_every and i % undated_every == 0 else when,
            )
        )
    return out


def _records(grouper: Grouper) -> str:
    return json.dumps(
        [grouper.assignments(), grouper.events(), grouper.stories()], sort_keys=True
    )


@pytest.mark.parametrize("undated_every", [0, 7])
def test_a_batch_in_pieces_decides_as_the_whole_batch(undated_every: int) -> None:
    articles = _stream(240, undated_every=undated_every)
    whole = Grouper(GroupSettings(event_max_span_days=3.0))
    whole.add(articles)
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    pieces = Grouper(GroupSettings(event_max_span_days=3.0))
    update = pieces.add_chunks(ordered[i : i + 25] for i in range(0, len(ordered), 25))
    assert update.added == len(articles)
    assert _records(pieces) == _records(whole)
    # Pieces said to be in order make old decisions final as the batch goes (memory holds
    # the window), with the same result.
    final = Grouper(GroupSettings(event_max_span_days=3.0))
    journal_sizes = []

    def watched():
        for i in range(0, len(ordered), 25):
            journal_sizes.append(len(final.state.journal))
            yield ordered[i : i + 25]

    final.add_chunks(watched(), ordered=True)
    assert _records(final) == _records(whole)
    assert max(journal_sizes) < len(ordered) // 2
    # Pieces out of order take decisions back and still give the same result.
    shuffled = list(articles)
    random.Random(5).shuffle(shuffled)
    mixed = Grouper(GroupSettings(event_max_span_days=3.0))
    mixed.add_chunks(shuffled[i : i + 40] for i in range(0, len(shuffled), 40))
    assert _records(mixed) == _records(whole)


def test_prepared_articles_group_as_articles_and_survive_pickling() -> None:
    articles = _stream(120)
    plain = Grouper()
    plain.add(articles)
    prepared = [pickle.loads(pickle.dumps(prepare(a))) for a in _stream(120)]
    described = Grouper()
    described.add(prepared)
    assert _records(described) == _records(plain)


def test_adding_to_a_vector_is_the_same_arithmetic_as_word_by_word() -> None:
    rng = random.Random(11)
    cluster = Cluster(id="ev_x", founder=("", "x"))
    slow: dict[str, float] = {}
    slow_norm2 = 0.0
    for _ in range(30):
        vector = {f"w{rng.randrange(60)}": rng.random() for _ in range(rng.randrange(1, 20))}
        terms, befores = _add_vector(cluster, "body", vector)
        assert list(terms) == list(vector) and befores == [slow.get(t) for t in vector]
        dot = 0.0
        norm2 = 0.0
        for term, weight in vector.items():
            before = slow.get(term)
            if before is not None:
                dot += before * weight
            slow[term] = weight if before is None else before + weight
            norm2 += weight * weight
        slow_norm2 = slow_norm2 + 2.0 * dot + norm2
        assert cluster.sums["body"] == slow
        assert cluster.norms2["body"] == slow_norm2  # exactly, not approximately
    assert reduce(lambda a, b: a + b, [0.5], 0.0) == 0.5


def _as_version_1(data: dict) -> dict:
    """A saved state in the shape written before the compact journal (version 1)."""
    old = json.loads(json.dumps(data))
    old.pop("version")
    for _, records in old["journal"]:
        for i, record in enumerate(records):
            if record[0] == "add":
                record[4] = {
                    sub: [[t, b] for t, b in zip(terms, befores, strict=True)]
                    for sub, (terms, befores) in record[4].items()
                }
            elif record[0] == "merge":
                kept = next(
                    c for c in old["events"] + old["stories"] if c["id"] == record[2]
                )
                record[6] = len(kept["members"]) - len(record[6])
                record[7] = len(kept["children"]) - len(record[7])
            records[i] = record
    return old


def test_a_state_saved_in_the_older_shape_loads_and_undoes_alike() -> None:
    articles = _stream(160)
    # Every step kept undoable; no lone-event merges, which the code that wrote version 1
    # did not make (the conversion reads each merge's kept event from the live ones).
    grouper = Grouper(GroupSettings(lateness_days=40.0, event_lone_merge_ratio=0.0))
    grouper.add(articles)
    data = json.loads(json.dumps(grouper.state.to_dict()))
    current = GroupState.from_dict(data)
    older = GroupState.from_dict(_as_version_1(data))
    key = sorted(e.key for e in current.entries.values())[40]
    current.rollback(key)
    older.rollback(key)
    assert json.dumps(older.to_dict(), sort_keys=True) == json.dumps(
        current.to_dict(), sort_keys=True
    )


def _store_with(path: Path, articles: list[Article]) -> str:
    from storyline.ingest import ingest

    path.mkdir(parents=True, exist_ok=True)
    source = path / "in.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"id": a.id, "title": a.title, "text": a.body, "outlet": a.outlet}
            row["published"] = a.published
            out.write(json.dumps(row) + "\n")
    db = str(path / "store.db")
    ingest([str(source)], db)
    return db


def _past(articles: list[Article]) -> list[Article]:
    """``articles`` dated in 2024: an ingest takes no publication date from the future (and
    the stream is dated 2031)."""
    return [
        replace(a, published=a.published.replace("2031", "2024") if a.published else None)
        for a in articles
    ]


def _dated(db: str) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchone()[0]
        )
    finally:
        conn.close()


def _grouped_rows(db: str) -> list[tuple[str, ...]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT a.article_id, a.event_id, e.story_id FROM event_articles a "
            "JOIN events e ON e.id = a.event_id ORDER BY a.article_id"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("batch_size", [100, 20000])
def test_grouping_a_store_with_a_second_process_gives_the_same_tables(
    tmp_path: Path, batch_size: int
) -> None:
    # One batch of 20,000 cuts its first chunks small (125 articles, then 175: see
    # grouping._tapered); batches of 100 are one chunk each.
    from storyline.grouping import group

    articles = _past(_stream(300, undated_every=11))
    serial = _store_with(tmp_path / "one", articles)
    assert _dated(serial) > 250
    parallel = _store_with(tmp_path / "two", articles)
    done = group(serial, parallel=False, batch_size=batch_size)
    again = group(parallel, parallel=True, batch_size=batch_size)
    assert done.articles == again.articles > 250  # identical texts are stored once
    assert _grouped_rows(parallel) == _grouped_rows(serial)
    assert len(_grouped_rows(serial)) == done.articles


def test_events_past_their_span_sleep_out_of_dated_lookups_with_the_same_result() -> None:
    """Events founded more than a span before the latest dated decision leave the postings
    that dated lookups walk (a wire's common words would walk every event of a long batch);
    undated articles and late ones still reach them, so nothing changes but the time."""
    articles = _stream(240, undated_every=7)
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    whole = Grouper(GroupSettings(event_max_span_days=3.0))
    whole.add(articles)
    watched = Grouper(GroupSettings(event_max_span_days=3.0))
    seen_asleep = []

    def pieces():
        for i in range(0, len(ordered), 25):
            state = watched.state
            awake = {cid for slot in state.index["event"].values() for cid in slot}
            asleep = {cid for slot in state.asleep["event"].values() for cid in slot}
            assert not awake & state.sleeping
            assert asleep <= state.sleeping
            seen_asleep.append(len(state.sleeping))
            yield ordered[i : i + 25]

    watched.add_chunks(pieces(), ordered=True)
    assert max(seen_asleep) > 10
    assert _records(watched) == _records(whole)
    # A late piece (articles a day behind ones already decided) finds the same events.
    late = Grouper(GroupSettings(event_max_span_days=3.0))
    dated = [a for a in ordered if a.published]
    swapped = dated[:150] + dated[170:200] + dated[150:170] + dated[200:]
    late.add_chunks(swapped[i : i + 10] for i in range(0, len(swapped), 10))
    plain = Grouper(GroupSettings(event_max_span_days=3.0))
    plain.add(dated)
    assert _records(late) == _records(plain)


def _without_sleep(settings: GroupSettings) -> Grouper:
    """A grouper whose lookups walk every cluster (nothing ever sleeps): the reference."""
    grouper = Grouper(settings)
    grouper.state.sleep = lambda day, settings: None  # type: ignore[method-assign]
    return grouper


@pytest.mark.parametrize(
    ("event_gap", "story_gap", "stories_sleep"),
    [(1.0, 2.0, True), (2.0, 4.0, False), (3.0, 30.0, False)],
)
def test_clusters_past_their_last_date_sleep_with_the_same_result(
    event_gap: float, story_gap: float, stories_sleep: bool
) -> None:
    """Events and stories whose last date lies more than their gap behind the latest dated
    decision leave the postings dated lookups walk, as events past their span do; the
    groupings are those of lookups that walk everything, in one piece or many, in order
    or with late pieces."""
    settings = GroupSettings(
        event_max_span_days=6.0, event_max_gap_days=event_gap, story_max_gap_days=story_gap
    )
    articles = _stream(240, undated_every=7)
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    reference = _without_sleep(settings)
    reference.add(articles)
    watched = Grouper(settings)
    most = {"ev_": 0, "st_": 0}

    def pieces():
        for i in range(0, len(ordered), 25):
            state = watched.state
            for level in ("event", "story"):
                awake = {cid for slot in state.index[level].values() for cid in slot}
                asleep = {cid for slot in state.asleep[level].values() for cid in slot}
                assert not awake & state.sleeping
                assert asleep <= state.sleeping
            for prefix in most:
                count = sum(1 for cid in state.sleeping if cid.startswith(prefix))
                most[prefix] = max(most[prefix], count)
            yield ordered[i : i + 25]

    watched.add_chunks(pieces(), ordered=True)
    assert most["ev_"] > 10
    assert most["st_"] > 0 or not stories_sleep
    assert _records(watched) == _records(reference)
    whole = Grouper(settings)
    whole.add(articles)
    assert _records(whole) == _records(reference)
    dated = [a for a in ordered if a.published]
    swapped = dated[:150] + dated[170:200] + dated[150:170] + dated[200:]
    late = Grouper(settings)
    late.add_chunks(swapped[i : i + 10] for i in range(0, len(swapped), 10))
    plain = _without_sleep(settings)
    plain.add(dated)
    assert _records(late) == _records(plain)


def test_a_sleeping_event_that_takes_a_copy_wakes_for_the_reports_after_it() -> None:
    """A copy joins its original's event without a lookup, asleep or not; the later date it
    brings puts the event within reach again, and the next report finds it."""
    settings = GroupSettings(event_max_span_days=6.0, event_max_gap_days=1.0)
    burst = (
        "The Velmora dam burst on Monday, flooding farms along the river valley. Ilse "
        "Brandvold told reporters in Velmora that the dam had worried engineers for months."
    )

    def article(i: int, day: int, title: str, body: str) -> Article:
        return Article(
            source=f"test:{i}", format="jsonl", id=f"b{i:02d}", title=title, body=body,
            outlet=f"Outlet {i}", published=f"2031-03-{day:02d}T10:00:00",
        )

    fillers = [
        article(10 + d, d, f"{town} ferry sank", f"The ferry in {town} sank on day {d}, "
                f"leaving {d + 20} passengers in the cold harbour water, {person} said.")
        for d, town, person in [(2, "Dunreach", "Corvin Halloway"), (3, "Tamsin", "Wenna Strand"),
                                (4, "Orsk Harbor", "Sanna Orlov")]
    ]
    articles = [
        article(1, 1, "Velmora dam bursts", burst),
        *fillers,
        article(2, 5, "Velmora dam bursts", burst),  # republished four days on: a copy
        article(3, 5, "Velmora dam burst floods the valley, says Brandvold",
                "Farms along the Velmora river valley stayed under water after the dam burst, "
                "and Ilse Brandvold said engineers had warned about the Velmora dam for months."),
    ]
    grouper = Grouper(settings)
    asleep_before_copy = []

    def pieces():
        yield articles[:4]
        asleep_before_copy.extend(grouper.state.sleeping)
        yield articles[4:5]
        yield articles[5:]

    grouper.add_chunks(pieces(), ordered=True)
    places = grouper.assignments()
    assert places["b02"][0] == places["b01"][0]  # the copy joined the dam event
    assert places["b01"][0] in asleep_before_copy  # which was asleep when it came
    assert places["b03"][0] == places["b01"][0]  # and the next report found it awake
    reference = _without_sleep(settings)
    reference.add(articles)
    assert _records(grouper) == _records(reference)


def test_a_small_remainder_joins_the_last_batch_instead_of_costing_a_save_of_its_own() -> None:
    from storyline.grouping import _batches

    ids = [f"a{i:05d}" for i in range(25000)]
    assert [len(b) for b in _batches(ids[:20532], 20000)] == [20532]
    assert [len(b) for b in _batches(ids[:25000], 20000)] == [20000, 5000]
    assert [len(b) for b in _batches(ids[:4100], 1000)] == [1000, 1000, 1000, 1100]
    assert [len(b) for b in _batches(ids[:100], 1000)] == [100]
    assert _batches([], 1000) == []
    # Every id once, in order, whatever the cut.
    assert [i for b in _batches(ids[:4100], 1000) for i in b] == ids[:4100]


def _described(prepared) -> tuple:
    return (prepared.id, prepared.key, prepared.title, prepared.outlet, prepared.origin_outlet,
            prepared.features.to_dict(), prepared.fingerprint.to_list(), prepared.embedding_text)


def test_grouping_reads_every_field_that_describing_an_article_uses(tmp_path: Path) -> None:
    # The store gives grouping only PREPARE_FIELDS: a field prepare() starts to read must be
    # added there, or a stored article is described without it.
    from storyline.group import PREPARE_FIELDS
    from storyline.store import Store

    db = _store_with(tmp_path, _past(_stream(60, undated_every=7)))
    with Store(db) as store:
        full = list(store.iter_articles())
        light = list(store.iter_articles(fields=PREPARE_FIELDS))
    assert [_described(prepare(a, True)) for a in light] == [
        _described(prepare(a, True)) for a in full
    ]
