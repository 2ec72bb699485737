"""Grouping: copies, events and stories, found online.

    from storyline.group import Grouper
    grouper = Grouper()
    update = grouper.add(articles)          # any batch, any order, as often as you like
    for story in grouper.stories():         # newest activity first
        print(story["title"], [e["date"] for e in story["events"]])

The :class:`Grouper` decides every article in canonical order: publication time, then id,
undated articles last. Articles that arrive late (before already-decided ones, within
``GroupSettings.lateness_days``) make it take back the decisions after them and decide again,
so the same set of articles gives the same events, stories and ids in one batch or many, in any
order. An event stops taking articles a week (``GroupSettings.event_max_span_days``) after its
first date, so that every event closes and leaves memory however long its matter is reported
(the story goes on). Ids are ``ev_``/``st_`` plus a digest of the founding (earliest) article;
a merge keeps the older id and the other becomes an alias; an id once shown never names anything
else.

Modules: :mod:`~storyline.group.features` (what an article is described by),
:mod:`~storyline.group.copies` (near-duplicates), :mod:`~storyline.group.events`,
:mod:`~storyline.group.stories`, :mod:`~storyline.group.state` (the online state and its undo
journal) and :mod:`~storyline.group.persist` (tables in a SQLite store).
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.group.copies import CopyIndex, Fingerprint, fingerprint
from storyline.group.embeddings import Embedder, unit
from storyline.group.events import (
    absorb_lone_events,
    article_vectors,
    beyond_span,
    decide_event,
    dense_vector,
    event_record,
    index_terms,
    weigh_features,
)
from storyline.group.features import (
    DocumentFrequencies,
    Features,
    Vector,
    embedding_text,
    extract_features,
    sort_key,
)
from storyline.group.state import Entry, GroupSettings, GroupState
from storyline.group.stories import decide_story, story_record
from storyline.model import Article, Skip

__all__ = [
    "PREPARE_FIELDS",
    "GroupSettings",
    "GroupState",
    "GroupUpdate",
    "Grouper",
    "Prepared",
    "Weighed",
    "WeighingAhead",
    "fewer_collections",
    "prepare",
    "provisional_id",
]


#: Cyclic garbage collection thresholds while a batch is decided. Deciding allocates millions
#: of small dicts and tuples that live on (centroids, postings, undo records), and at Python's
#: default (700 allocations) the collector keeps scanning them: 1.7 s of the 17.5 s CPU that
#: deciding Reuters-21578 took, against 0.6 s at (50,000, 20, 10), which took end to end
#: through the store from 745 to 770 art/s. At these thresholds collection takes 0.4 s and
#: the group phase 0.5-1.0 s less (two paired runs: 19.8, 19.4 s against 18.8, 19.0 s); the
#: 1,000,000-article stream peaked at 1,284 MB, as at the thresholds before (1,283 MB, same
#: grouping settings): deciding makes no cyclic garbage to speak of, what it scans is alive.
#: ``benchmarks/clusters.py --gc-thresholds 700,10,10`` runs the default. Collection still
#: runs, less often; the thresholds found are put back after.
GC_THRESHOLDS = (300_000, 50, 10)

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds to :data:`GC_THRESHOLDS` for the block; the
    outermost block (whatever the thread) puts back what it found. Deciding runs in one;
    a caller that goes on to save what was decided holds one around both (the collector
    would otherwise scan the whole window again as the records and the state are built)."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(*GC_THRESHOLDS)
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
                _gc_saved = None


def provisional_id(article: Article) -> str:
    """An id for an article that has none: a digest of its title, text and outlet."""
    text = article.text if article.text is not None else article.body
    basis = "\x1f".join((article.title or "", text or "", article.outlet or ""))
    return "a_" + hashlib.sha1(basis.encode()).hexdigest()[:16]


@dataclass(slots=True)
class Weighed:
    """An article's sparse TF-IDF sub-vectors, weighed under the document frequencies of
    ``token`` (:attr:`DocumentFrequencies.token`): the grouper takes them when its own
    frequencies hold that token as it decides the article, and weighs the article itself
    otherwise. ``buckets``: the article's distinct frequency buckets, which counting it
    steps (whatever the token)."""

    token: tuple[int, int]
    vectors: dict[str, Vector]
    buckets: np.ndarray

    @classmethod
    def of(cls, df: DocumentFrequencies, features: Features) -> Weighed:
        """``features`` weighed under ``df`` (not counted)."""
        return cls(df.token, weigh_features(df, features), df.distinct_buckets(features))


@dataclass(slots=True)
class Prepared:
    """An article described for grouping: all the grouper reads of it, computed from the
    article alone (no grouping state), so that another process can make it
    (:func:`prepare`; picklable). ``embedding_text`` is set when asked for (an embedder);
    ``weighed`` when a :class:`WeighingAhead` weighed it."""

    id: str
    key: tuple[str, str]
    title: str
    outlet: str | None
    origin_outlet: str | None
    features: Features
    fingerprint: Fingerprint
    embedding_text: str | None = None
    weighed: Weighed | None = None


class WeighingAhead:
    """Weighs described articles ahead of a grouper (in another process, say).

    Deciding an article starts with weighing it under the document frequencies of every
    article decided before it (:func:`~storyline.group.events.weigh_features`), a sixth of
    the deciding. A process that describes the articles in the order the grouper will decide
    them (pieces of a batch in canonical order, such as a store's publication order) can
    weigh them too: it keeps a copy of the grouper's frequencies (``df``, as the grouper
    held them before the first piece) and counts each article after weighing it, as the
    grouper does. Each article carries the :attr:`~DocumentFrequencies.token` it was weighed
    under; the grouper uses the weights only when its own frequencies hold the same token
    (see :class:`Weighed`), so the decisions are the same in any case: an article the
    grouper decides in another place (a late one, one it decides again) is weighed again.
    """

    def __init__(self, df: DocumentFrequencies):
        self.df = df

    def weigh(self, prepared: Iterable[Prepared]) -> None:
        """Weigh ``prepared`` (one piece, any order) in canonical order and count them."""
        df = self.df
        for item in sorted(prepared, key=lambda p: p.key):
            weighed = item.weighed = Weighed.of(df, item.features)
            df.add(item.features, item.id, weighed.buckets)
            # The grouper needs the words' buckets only to weigh an article again (rare):
            # they are hashed again then, not sent.
            item.features.buckets = None


#: The article fields :func:`prepare` reads (a reader of stored articles needs no others:
#: :meth:`storyline.store.Store.iter_articles` ``fields``).
PREPARE_FIELDS = ("id", "title", "text", "published", "outlet", "origin_outlet", "source")


def prepare(article: Article, embedding: bool = False) -> Prepared:
    """Describe ``article`` for :meth:`Grouper.add` (features, sort key, copy fingerprint).

    A missing id is made from the content (:func:`provisional_id`). Raises on bad input
    (:meth:`Grouper.add` lists such articles as skipped).
    """
    if not article.id:
        article.id = provisional_id(article)
    return Prepared(
        id=article.id,
        key=sort_key(article),
        title=(article.title or "").strip(),
        outlet=article.outlet,
        origin_outlet=article.origin_outlet,
        features=extract_features(article),
        fingerprint=fingerprint(article),
        embedding_text=embedding_text(article) if embedding else None,
    )


@dataclass
class GroupUpdate:
    """What one :meth:`Grouper.add` changed.

    ``events``/``stories``: records (see :meth:`Grouper.event`) of every event or story that
    was created or changed, including those that closed in this batch (``closed`` lists
    their ids: they left memory and will not change again). ``aliases``: ids that no longer
    name a live cluster, mapped to the one that holds their articles now. ``late``: articles
    that arrived more than ``lateness_days`` behind and were decided out of their place.
    """

    added: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    skipped: list[Skip] = field(default_factory=list)
    late: int = 0


class Grouper:
    """Online grouping of articles into copies, events and stories (see the module doc)."""

    def __init__(
        self,
        settings: GroupSettings | None = None,
        state: GroupState | None = None,
        embedder: Embedder | None = None,
    ):
        self.settings = settings or GroupSettings()
        self.state = state or GroupState()
        #: Optional sentence embedder (:mod:`storyline.group.embeddings`): new articles get a
        #: dense vector, mixed into every similarity. None groups on sparse vectors alone.
        self.embedder = embedder
        self.copies = CopyIndex()
        #: Weights made ahead (:class:`WeighingAhead`) of entries not decided yet.
        self._weighed: dict[str, Weighed] = {}
        self.archive: dict[str, dict[str, Any]] = {}
        self.story_archive: dict[str, dict[str, Any]] = {}
        # A restored state brings its articles' fingerprints back into the copy index.
        for entry in sorted(self.state.entries.values(), key=lambda e: e.key):
            if entry.fingerprint is not None:
                self.copies.add(entry.id, entry.fingerprint, entry.day)

    # -- adding --------------------------------------------------------------------------

    def add(self, articles: Iterable[Article | Prepared]) -> GroupUpdate:
        """Attach a batch of articles; return what changed.

        Articles need ``id`` (a provisional one is made from the content when missing),
        ``title``, ``text`` (or ``body``), ``published`` (ISO, or None), ``outlet`` and
        ``origin_outlet``; or they come already described by :func:`prepare` (in another
        process, say). An article id seen before is ignored. Bad input never raises: it is
        listed in ``update.skipped`` with a reason.
        """
        return self.add_chunks([articles])

    def add_chunks(
        self, chunks: Iterable[Iterable[Article | Prepared]], ordered: bool = False
    ) -> GroupUpdate:
        """Attach one batch given in pieces; the same result as :meth:`add` of all of them.

        Each piece is decided as soon as it arrives (a piece that holds an article belonging
        before decided ones takes those decisions back first, as a late batch does), and the
        window is closed and reported once, at the end: the pieces of a batch in canonical
        order (a store's publication order) cost no undoing, and a producer can read and
        describe the next piece while this one is decided. ``ordered``: no piece reaches
        further back than ``lateness_days`` behind the pieces before it (a store's
        publication order; a feed a few hours out of order), so decisions older than the
        window become final as the batch goes (their undo records and features leave memory:
        the batch holds the window, not all its articles); the result is the same.
        """
        with fewer_collections():
            return self._add_chunks(chunks, ordered)

    def _add_chunks(
        self, chunks: Iterable[Iterable[Article | Prepared]], ordered: bool
    ) -> GroupUpdate:
        state = self.state
        update = GroupUpdate()
        shown_before = set(state.events) | set(state.stories)
        state.touched = set()
        vanished: set[str] = set()
        # Undated articles arrive "now": the newest time seen before this batch, whatever
        # piece they come in.
        arrival = state.newest_day
        newest = state.newest_day
        for articles in chunks:
            new = self._enter(articles, update, arrival)
            if not new:
                continue
            new.sort(key=lambda e: e.key)
            for entry in new:
                if entry.day is not None and (newest is None or entry.day > newest):
                    newest = entry.day
            # Take back every decision that a new article should have come before.
            first = new[0].key
            pending = list(new)
            if state.journal and state.journal[-1][0] > first:
                undone = state.rollback(max(first, _after(state.committed_key)))
                pending.extend(state.entries[i] for i in undone)
                pending.sort(key=lambda e: e.key)
                vanished.update(
                    cid
                    for cid in shown_before
                    if cid not in state.events and cid not in state.stories
                )
            update.late += sum(1 for e in new if e.key <= state.committed_key)
            # Clusters no later dated article can join (an event founded more than a span
            # before the article just decided, a cluster whose last date lies more than its
            # gap before it) sleep: lookups for articles dated from here on skip them
            # (undated and older articles still look there; see events.candidates).
            settings = self.settings
            for entry in pending:
                self._decide(entry)
                if entry.day is not None:
                    state.sleep(entry.day, settings)
            update.added += len(new)
            if ordered and newest is not None:
                self._commit_steps(newest - self.settings.lateness_days)
        if not update.added:
            return update
        state.newest_day = newest
        self._commit()
        update.closed = self._close()
        self._report(update, shown_before, vanished)
        return update

    def _enter(
        self,
        articles: Iterable[Article | Prepared],
        update: GroupUpdate,
        arrival: float | None,
    ) -> list[Entry]:
        """Window entries of the new articles (copies linked), embedded when the grouper
        has an embedder."""
        new: list[Entry] = []
        embedded: list[Entry] = []
        texts: list[str] = []
        embedding = self.embedder is not None
        # Full texts are only embedded when their comparisons use it (dense_weight > 0).
        full_texts = self.settings.dense_weight > 0.0
        for article in articles:
            entry, text = self._entry(article, update, embedding, arrival)
            if entry is not None:
                new.append(entry)
                headline = entry.features is not None and entry.features.headline_only
                if embedding and (headline or full_texts):
                    embedded.append(entry)
                    texts.append(text or "")
        if self.embedder is not None and embedded:
            self._embed(embedded, texts, update)
        return new

    def _entry(
        self,
        article: Article | Prepared,
        update: GroupUpdate,
        embedding: bool,
        arrival: float | None,
    ) -> tuple[Entry | None, str | None]:
        """The window entry of a new article (None, with a skip, when it cannot be read;
        None when its id was seen before), and the text to embed when ``embedding``."""
        state = self.state
        if isinstance(article, Prepared):
            prepared = article
            if prepared.id in state.entries:
                return None, None
        else:
            try:
                if article.id and article.id in state.entries:
                    return None, None
                prepared = prepare(article, embedding)
            except Exception as error:  # one bad article must not stop the batch
                update.skipped.append(
                    Skip(
                        article.source or str(article.id),
                        f"cannot group: {type(error).__name__}: {error}",
                    )
                )
                return None, None
            if prepared.id in state.entries:  # a provisional id seen before
                return None, None
        features = prepared.features
        entry = Entry(
            id=prepared.id,
            key=prepared.key,
            title=prepared.title,
            outlet=prepared.outlet,
            origin_outlet=prepared.origin_outlet,
            day=features.day,
            features=features,
            arrival_day=features.day if features.day is not None else arrival,
            fingerprint=prepared.fingerprint,
        )
        state.entries[entry.id] = entry
        if prepared.weighed is not None:
            self._weighed[entry.id] = prepared.weighed
        for other in self.copies.add(entry.id, prepared.fingerprint, entry.day):
            entry.copies.append(other)
            state.entries[other].copies.append(entry.id)
        return entry, prepared.embedding_text

    def _embed(self, entries: list[Entry], texts: list[str], update: GroupUpdate) -> None:
        """Give each new entry its dense vector, in one call to the embedder. When the
        embedder fails, the batch is grouped on sparse vectors alone and the failure is
        reported once (the articles are not lost)."""
        assert self.embedder is not None
        try:
            rows = self.embedder.encode(texts)
            if len(rows) != len(entries):
                raise ValueError(f"{len(rows)} vectors for {len(entries)} texts")
        except Exception as error:  # a broken model must not lose the batch
            update.skipped.append(
                Skip("embeddings", f"grouped without embeddings: {type(error).__name__}: {error}")
            )
            return
        for entry, row in zip(entries, rows, strict=True):
            if entry.features is not None:
                entry.features.dense = unit(row) if any(row) else None

    def _decide(self, entry: Entry) -> None:
        state, settings = self.state, self.settings
        state.begin(entry.key)
        weighed = self._weighed.pop(entry.id, None) if self._weighed else None
        parents = [
            state.entries[c]
            for c in entry.copies
            if c in state.entries
            and state.entries[c].key < entry.key
            and state.entries[c].event is not None
        ]
        # A copy joins its original's event, unless that event's span is full (a text
        # republished for weeks must not keep one event open for ever).
        events = [
            (p, state.events[state.resolve("event", p.event or "")])
            for p in sorted(parents, key=lambda e: e.key)
        ]
        events = [(p, e) for p, e in events if not beyond_span(settings, e, entry.day)]
        if events:
            parent, event = events[0]
            story = state.stories[state.resolve("story", event.parent or "")]
            state.add_member("event", event, entry, None)
            state.add_member("story", story, entry, None)
            state.assign(entry, event.id, story.id, parent.id)
            # A copy counts as a document too: then the frequencies an article is weighed
            # under depend on the articles before it alone, not on decisions (a second
            # process can weigh ahead: WeighingAhead).
            state.count_document(entry, weighed.buckets if weighed is not None else None)
            return
        assert entry.features is not None
        if weighed is not None and weighed.token == state.df.token:
            vectors = weighed.vectors
            vectors["dense"] = dense_vector(entry.features.dense)
        else:
            vectors = article_vectors(state, entry)
        terms = index_terms(settings, vectors)
        event, is_new, nearby = decide_event(state, settings, entry, vectors, terms)
        if is_new:
            story = decide_story(state, settings, entry, vectors, terms)
            state.set_parent(event, story)
        else:
            story = state.stories[state.resolve("story", event.parent or "")]
        state.add_member("event", event, entry, vectors)
        state.add_member("story", story, entry, vectors)
        if not is_new:
            # Grown by this article, the event may now reach one-article events near it.
            event = absorb_lone_events(state, settings, event, nearby)
            story = state.stories[state.resolve("story", event.parent or "")]
        state.index_terms("event", event, terms)
        state.index_terms("story", story, terms)
        for level, cluster in (("event", event), ("story", story)):
            limit = settings.max_centroid_terms
            if any(len(v) > 2 * limit for s, v in cluster.sums.items() if s != "dense"):
                state.trim(level, cluster, limit)
        state.assign(entry, event.id, story.id, None)
        state.count_document(entry, weighed.buckets if weighed is not None else None)

    # -- the window ----------------------------------------------------------------------

    def _horizon(self) -> float | None:
        newest = self.state.newest_day
        return None if newest is None else newest - self.settings.lateness_days

    def _commit(self) -> None:
        """Commit the decisions older than the lateness horizon: they are final."""
        state, horizon = self.state, self._horizon()
        if horizon is None:
            return
        self._commit_steps(horizon)
        # Copies are only looked for among articles near in time.
        limit = horizon - self.settings.event_max_gap_days - 7.0
        for article_id in [
            i for i, (_, day) in self.copies.items.items() if day is not None and day < limit
        ]:
            self.copies.remove(article_id)
            if article_id in state.entries:
                state.entries[article_id].fingerprint = None

    def _commit_steps(self, horizon: float) -> None:
        """Make final the journal steps of articles older than ``horizon``: their undo
        records and their features leave memory."""
        state = self.state
        keep_from = 0
        for step_key, _ in state.journal:
            entry = state.entries.get(step_key[1])
            day = (
                None
                if entry is None
                else (entry.day if entry.day is not None else entry.arrival_day)
            )
            if day is None or day >= horizon:
                break
            keep_from += 1
            state.committed_key = step_key
            if entry is not None:
                entry.features = None
        if keep_from:
            del state.journal[:keep_from]

    def _close(self) -> list[str]:
        """Close events and stories no article can reach any more (their last date is too old,
        or their span is full); they leave memory."""
        state, settings, horizon = self.state, self.settings, self._horizon()
        if horizon is None:
            return []
        closed: list[str] = []
        event_limit = horizon - settings.event_max_gap_days
        # An event whose span is full takes no article dated at or after the horizon either.
        span_limit = horizon - settings.event_max_span_days
        for event in sorted(state.events.values(), key=lambda c: c.founder):
            if event.last_day is None or (
                event.last_day >= event_limit
                and (event.first_day is None or event.first_day >= span_limit)
            ):
                continue
            if any(state.entries[m].features is not None for m in event.members):
                continue
            record = event_record(state, event)
            if settings.keep_closed:
                self.archive[event.id] = record
            self._forget("event", event)
            for member in event.members:
                self.copies.remove(member)
                entry = state.entries.pop(member, None)
                # The story keeps going without the ids of articles that left memory (its
                # centroid, counts and dates keep what they said).
                if entry is not None and entry.story is not None:
                    story = state.stories.get(state.resolve("story", entry.story))
                    if story is not None:
                        story.members.pop(member, None)
            parent = state.stories.get(state.resolve("story", event.parent or ""))
            if parent is not None and not settings.keep_closed:
                # Nothing reads a closed event's id from a live story when closed records are
                # not kept (the store holds them, by story id).
                parent.children.pop(event.id, None)
            closed.append(event.id)
        story_limit = horizon - settings.story_max_gap_days
        for story in sorted(state.stories.values(), key=lambda c: c.founder):
            if story.last_day is None or story.last_day >= story_limit:
                continue
            if any(child in state.events for child in story.children):
                continue
            record = story_record(state, story, self.archive)
            if settings.keep_closed:
                self.story_archive[story.id] = record
            else:
                for child in story.children:
                    self.archive.pop(child, None)
            self._forget("story", story)
            closed.append(story.id)
        return closed

    def _forget(self, level: str, cluster: Any) -> None:
        self.state.unindex(level, cluster)
        del self.state.clusters(level)[cluster.id]
        self.state.touched.add(cluster.id)

    def _report(self, update: GroupUpdate, shown_before: set[str], vanished: set[str]) -> None:
        state = self.state
        for cid in sorted(state.touched):
            if cid in state.events:
                update.events.append(event_record(state, state.events[cid]))
            elif cid in state.stories:
                update.stories.append(story_record(state, state.stories[cid], self.archive))
            elif cid in self.archive:
                update.events.append(self.archive[cid])
            elif cid in self.story_archive:
                update.stories.append(self.story_archive[cid])
        # An id shown before that no longer names a live cluster now points to the cluster
        # holding its founding article (a merge already recorded it; a replay may not have).
        gone = sorted(
            (shown_before | vanished) - set(state.events) - set(state.stories) - set(update.closed)
        )
        founders = self._founders() if any(c not in state.aliases for c in gone) else {}
        for cid in gone:
            if cid in self.archive or cid in self.story_archive:
                continue
            if cid not in state.aliases:
                founder = founders.get(cid)
                entry = state.entries.get(founder) if founder else None
                if entry is not None:
                    target = entry.event if cid.startswith("ev_") else entry.story
                    if target and target != cid:
                        state.aliases[cid] = target
            if cid in state.aliases:
                level = "event" if cid.startswith("ev_") else "story"
                update.aliases[cid] = state.resolve(level, cid)

    def _founders(self) -> dict[str, str]:
        """Founding article of every id ever founded in the live window."""
        found: dict[str, str] = {}
        for entry in self.state.entries.values():
            for prefix in ("ev_", "st_"):
                found[_cluster_id(prefix, entry.id)] = entry.id
        return found

    # -- reading -------------------------------------------------------------------------

    def resolve(self, cluster_id: str) -> str:
        """The id that ``cluster_id`` goes by now (itself unless it was merged away)."""
        level = "event" if cluster_id.startswith("ev_") else "story"
        return self.state.resolve(level, cluster_id)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event's record (an alias gives the event it was merged into), or None."""
        event_id = self.resolve(event_id)
        if event_id in self.state.events:
            return event_record(self.state, self.state.events[event_id])
        return self.archive.get(event_id)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story's record with its timeline, or None."""
        story_id = self.resolve(story_id)
        if story_id in self.state.stories:
            return story_record(self.state, self.state.stories[story_id], self.archive)
        return self.story_archive.get(story_id)

    def events(self) -> list[dict[str, Any]]:
        """Every event (live and kept closed ones), oldest first."""
        records = [event_record(self.state, c) for c in self.state.events.values()]
        records.extend(self.archive.values())
        return sorted(records, key=lambda r: (r["first_date"] or "~", r["id"]))

    def stories(self) -> list[dict[str, Any]]:
        """Every story with its timeline, newest activity first (undated stories last)."""
        records = [story_record(self.state, c, self.archive) for c in self.state.stories.values()]
        records.extend(self.story_archive.values())
        return sorted(
            records, key=lambda r: (r["last_date"] is None, _negated(r["last_date"] or ""), r["id"])
        )

    def assignments(self) -> dict[str, tuple[str, str]]:
        """``article id -> (event id, story id)`` for every article in memory (live, and in
        closed events kept in memory)."""
        state = self.state
        places = {}
        for record in self.archive.values():
            story = state.resolve("story", record["story"] or "")
            for article_id in record["articles"]:
                places[article_id] = (record["id"], story)
        for e in state.entries.values():
            places[e.id] = (
                state.resolve("event", e.event or ""),
                state.resolve("story", e.story or ""),
            )
        return places


def _after(key: tuple[str, str]) -> tuple[str, str]:
    """The smallest key strictly after ``key`` (ids never contain U+0000)."""
    return (key[0], key[1] + "\x00") if key != ("", "") else key


def _negated(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def _cluster_id(prefix: str, founder: str) -> str:
    from storyline.group.state import cluster_id

    return cluster_id(prefix, founder)
