"""Events: many articles about one development, found online.

Each article, in canonical order (publication time, then id), is compared with the events of
the active window that share its heaviest words (an inverted index gives the candidates, never
all pairs). The comparison combines several sparse sub-vector cosines against the event's
centroid (words, title, names; for events also the quantities stated) and damps it by the time
between the article and the event's dates, in the spirit of Miranda et al. (2018) and Story
Forest. The article joins the best event that reaches the threshold, else founds a new one:
every article gets a place, an article nobody else reported is a one-article event. An event
takes no dated article more than ``GroupSettings.event_max_span_days`` after its first date
(:func:`beyond_span`). When an article reaches two events whose centroids are also close, the
two merge (the older keeps its id); an undated one is held back from an event of other years
(see :func:`cluster_similarity`). An event that grows takes in the one-article events near it
that it now resembles (:func:`absorb_lone_events`): a first report the later ones did not pick.

When the publication date is unknown (on either side), time is told by the texts instead: an
article whose main mentioned year is none of the event's years is damped
(``GroupSettings.undated_year_factor``), which keeps apart two similar events of one kind
years apart (two elections in one country). Stories, which may span years, are not damped.

Headline-only items (feeds) are compared on the title scale: their title against the
titles of the event, with a threshold of its own, since short texts share fewer words and their
cosines run lower. That is a property of the kind of item, not of a data set.
"""

from __future__ import annotations

import heapq
import math
from datetime import UTC, datetime
from typing import Any

from storyline.group.features import (
    TITLE_IDF_POWER,
    DocumentFrequencies,
    Features,
    Vector,
    cosine,
    term_buckets,
)
from storyline.group.state import SUBVECTORS, Cluster, Entry, GroupSettings, GroupState

__all__ = [
    "Similarity",
    "absorb_lone_events",
    "article_vectors",
    "beyond_span",
    "candidates",
    "cluster_similarity",
    "decide_event",
    "dense_vector",
    "index_terms",
    "similarity",
    "weigh_features",
]


#: A word found in more clusters within reach than this does not pick candidates (it still counts
#: in the similarity): such a word ("mln", "pct" on a wire) names no particular event, and
#: walking its postings would make each decision cost as much as the window is large. 64 is
#: above the number of active events that share a rare name in the benchmarks: ECB+, the UCI
#: headlines and the seeds group exactly as with 256 (one UCI cluster fewer, F1 equal).
POSTING_LIMIT = 64

#: An article's quantities sub-vector is compared only when it states at least this many
#: different numbers. One number alone is a unit vector: against any text that states it too
#: ("2 brothers held", "2 soldiers killed") it matches at full strength. On article pairs from
#: different outlets scored by people (SemEval-2022 Task 8, ``benchmarks/pair_similarity.py``)
#: unrelated pairs ranked high that way; asking for two numbers, event similarity ranks the
#: pairs better (Spearman 0.769 -> 0.781), for a small loss on the ECB+ events (mean B-cubed
#: F1 over twelve orders 0.886 -> 0.884). Asking it of the cluster too (a one-article event
#: with one number) loses more on ECB+ (0.880 over six orders); a merge compares two centroids
#: and keeps them as they are.
MIN_NUMBERS = 2


#: The sparse sub-vectors :func:`_combine` weighs, for headlines and for full texts.
_HEADLINE_SUBS = ("title", "names")
_FULL_TEXT_SUBS = ("body", "title", "names", "numbers")


class Similarity:
    """A combined similarity and the threshold of the scale it was measured on."""

    __slots__ = ("threshold", "value")

    def __init__(self, value: float, threshold: float):
        self.value = value
        self.threshold = threshold

    @property
    def ratio(self) -> float:
        """The similarity in units of its threshold: 1.0 or more means "same"."""
        return self.value / self.threshold if self.threshold > 0 else 0.0


def article_vectors(state: GroupState, entry: Entry) -> dict[str, Vector]:
    """The unit TF-IDF sub-vectors of an article under the frequencies seen before it."""
    assert entry.features is not None
    return weigh_features(state.df, entry.features)


def weigh_features(df: DocumentFrequencies, features: Features) -> dict[str, Vector]:
    """The unit TF-IDF sub-vectors of ``features`` under the frequencies ``df`` (the same
    weights whichever process computes them, for tables of the same token)."""
    weigh = df.weigh
    buckets = term_buckets(features)
    return {
        "body": weigh(features.body, buckets=buckets),
        "title": weigh(
            features.title, sublinear=False, idf_power=TITLE_IDF_POWER, buckets=buckets
        ),
        # Names depend on how the stream writes their words (see
        # DocumentFrequencies.stream_names), for headlines and full texts alike.
        "names": weigh(df.stream_names(features), buckets=buckets),
        "numbers": weigh(features.numbers or {}, buckets=buckets),
        "dense": dense_vector(features.dense),
    }


def dense_vector(row: list[float] | None) -> Vector:
    """An embedding as a sub-vector keyed by dimension (empty when there is none)."""
    return {} if not row else {str(i): x for i, x in enumerate(row)}


def _combine(
    settings: GroupSettings,
    cosines: dict[str, float],
    headline: bool,
    has_names: bool,
    has_dense: bool = False,
    has_numbers: bool = False,
) -> float:
    if headline:
        title_w, names_w = settings.headline_title_weight, settings.headline_names_weight
        if not has_names:
            title_w, names_w = title_w + names_w, 0.0
        sparse = title_w * cosines["title"] + names_w * cosines["names"]
        dense_w = settings.headline_dense_weight
    else:
        body_w = settings.body_weight
        title_w, names_w = settings.title_weight, settings.names_weight
        if not has_names:
            body_w, names_w = body_w + names_w, 0.0
        numbers_w = settings.numbers_weight if has_numbers else 0.0
        body_w -= numbers_w
        sparse = (
            body_w * cosines["body"]
            + title_w * cosines["title"]
            + names_w * cosines["names"]
            + numbers_w * cosines["numbers"]
        )
        dense_w = settings.dense_weight
    if not has_dense or dense_w <= 0.0:
        return sparse
    return (1.0 - dense_w) * sparse + dense_w * _rescaled(settings, cosines["dense"])


def _rescaled(settings: GroupSettings, dense_cosine: float) -> float:
    """A dense cosine on the sparse scale: unrelated news sits near ``dense_floor`` in a
    sentence encoder's space (not near 0, as in a sparse one), so the floor maps to 0."""
    floor = settings.dense_floor
    return max(0.0, (dense_cosine - floor) / (1.0 - floor))


def _thresholds(settings: GroupSettings, level: str, headline: bool) -> float:
    if level == "event":
        return settings.event_headline_threshold if headline else settings.event_threshold
    return settings.story_headline_threshold if headline else settings.story_threshold


def _time_factor(
    settings: GroupSettings, level: str, cluster: Cluster, day: float | None
) -> float | None:
    """exp(-gap / scale), or None when the article is outside the cluster's time reach."""
    gap = cluster.gap(day)
    if level == "event":
        limit, scale = settings.event_max_gap_days, settings.event_time_scale_days
    else:
        limit, scale = settings.story_max_gap_days, settings.story_time_scale_days
    if gap > limit:
        return None
    return math.exp(-gap / scale) if gap > 0 else 1.0


def beyond_span(settings: GroupSettings, cluster: Cluster, day: float | None) -> bool:
    """True when ``day`` is more than ``event_max_span_days`` after the event's first date."""
    if day is None or cluster.first_day is None:
        return False
    return day - cluster.first_day > settings.event_max_span_days


def similarity(
    settings: GroupSettings,
    level: str,
    vectors: dict[str, Vector],
    headline_only: bool,
    day: float | None,
    cluster: Cluster,
    year: int | None = None,
) -> Similarity | None:
    """How close an article is to a cluster (None when out of time reach).

    ``year`` is the year the article's text mentions most: at the event level, when the
    article or the cluster is undated, a year that none of the cluster's members mention
    damps the similarity by ``settings.undated_year_factor``; otherwise, when exactly one of
    the two is dated and the article mentions none of the event's years (nothing vouches for
    their time), ``settings.one_dated_factor`` does.
    """
    factor = _time_factor(settings, level, cluster, day)
    if factor is None or (level == "event" and beyond_span(settings, cluster, day)):
        return None
    headline = headline_only or cluster.headline_only
    sums, norms2 = cluster.sums, cluster.norms2
    has_names = bool(vectors["names"]) and norms2["names"] > 0
    has_dense = bool(vectors["dense"]) and norms2["dense"] > 0
    # Quantities tell one development from the next, not one matter from another.
    has_numbers = (
        level == "event" and len(vectors["numbers"]) >= MIN_NUMBERS and norms2["numbers"] > 0
    )
    # Only the cosines the combination weighs are computed (a sub-vector it gives no weight
    # counts as 0, which is what its cosine would add).
    used = _HEADLINE_SUBS if headline else _FULL_TEXT_SUBS
    cosines = dict.fromkeys(SUBVECTORS, 0.0)
    for sub in used:
        if (sub == "numbers" and not has_numbers) or (sub == "names" and not has_names):
            continue
        cosines[sub] = cosine(vectors[sub], sums[sub], math.sqrt(norms2[sub]))
    if has_dense:
        cosines["dense"] = cosine(vectors["dense"], sums["dense"], math.sqrt(norms2["dense"]))
    value = _combine(settings, cosines, headline, has_names, has_dense, has_numbers) * factor
    if (
        level == "event"
        and year is not None
        and cluster.years
        and year not in cluster.years
        and (day is None or cluster.first_day is None)
    ):
        value *= settings.undated_year_factor
    elif level == "event" and (day is None) != (cluster.first_day is None) and not (
        year is not None and year in cluster.years
    ):
        value *= settings.one_dated_factor
    return Similarity(value, _thresholds(settings, level, headline))


def cluster_similarity(settings: GroupSettings, level: str, a: Cluster, b: Cluster) -> float:
    """Similarity of two clusters' centroids, in units of the join threshold of their scale.

    When either event is undated, two events with no year in common (the years their members
    were published in or, when undated, mention most) are damped by
    ``settings.undated_year_factor``, as an article is when it joins: a merge must not join
    two developments of one kind years apart (two castings of one role, two quakes in one
    province) that an undated report reaches both of. Otherwise, when exactly one of the two
    is dated and they have no year in common, ``settings.one_dated_factor`` damps the value,
    as for a join.
    """
    headline = a.headline_only or b.headline_only
    cosines = {}
    for sub in SUBVECTORS:
        x, y = a.sums[sub], b.sums[sub]
        dot = math.fsum([x[t] * y[t] for t in x.keys() & y.keys()])  # any order: see cosine
        norm = math.sqrt(a.norms2[sub] * b.norms2[sub])
        cosines[sub] = dot / norm if norm > 0 else 0.0
    has_names = a.norms2["names"] > 0 and b.norms2["names"] > 0
    has_dense = a.norms2["dense"] > 0 and b.norms2["dense"] > 0
    has_numbers = level == "event" and a.norms2["numbers"] > 0 and b.norms2["numbers"] > 0
    value = _combine(settings, cosines, headline, has_names, has_dense, has_numbers)
    if (
        level == "event"
        and (a.first_day is None or b.first_day is None)
        and a.years
        and b.years
        and a.years.keys().isdisjoint(b.years)
    ):
        value *= settings.undated_year_factor
    elif level == "event" and (a.first_day is None) != (b.first_day is None) and (
        a.years.keys().isdisjoint(b.years)
    ):
        value *= settings.one_dated_factor
    return value / _thresholds(settings, level, headline)


def index_terms(settings: GroupSettings, vectors: dict[str, Vector]) -> list[str]:
    """The article's heaviest words and names, the keys it is indexed and looked up by."""
    # Only the few heaviest are wanted: a partial selection, not a sort of every word.
    single = ((-w, t) for t, w in vectors["body"].items() if "_" not in t)
    terms = [t for _, t in heapq.nsmallest(settings.index_terms, single)]
    for _, term in heapq.nsmallest(4, ((-w, t) for t, w in vectors["names"].items())):
        if term not in terms:
            terms.append(term)
    # Every title word is a key; a headline's word pairs are not (its words find the
    # clusters that hold the pairs).
    for term in sorted(vectors["title"]):
        if "_" not in term and term not in terms:
            terms.append(term)
    return terms


def candidates(
    state: GroupState,
    settings: GroupSettings,
    level: str,
    terms: list[str],
    vectors: dict[str, Vector],
    day: float | None = None,
) -> list[Cluster]:
    """Clusters within reach of ``day`` that share the article's key words, the most
    promising first (bounded).

    Within reach: within the level's time gap of the cluster's dates and, for an event,
    within its span (:func:`similarity` refuses the others); always, when either side is
    undated. Only clusters the article may join are counted and ranked: clusters out of
    reach may or may not still be in memory (they leave it when a batch ends), and a
    decision must not depend on where batches ended.
    """
    postings = state.index[level]
    clusters = state.clusters(level)
    weights = vectors["body"]
    score: dict[str, float] = {}
    # The reach test is inlined: this loop walks the postings of every key word.
    limit = settings.event_max_gap_days if level == "event" else settings.story_max_gap_days
    span = settings.event_max_span_days if level == "event" else math.inf
    # Sleeping clusters (GroupState.sleep) are out of reach of articles dated from the
    # frontier on: undated and late articles (an ordered batch promises none) look there too.
    sleeping = state.asleep[level]
    wake = sleeping and (day is None or (state.frontier is not None and day < state.frontier))
    if day is not None:
        # The reach test (first - limit <= day <= last + limit, day - first <= span) with the
        # article's side computed once; moved across, a bound can differ by a rounding step
        # (the groupings of ECB+, UCI and Reuters do not change).
        first_low, first_high, last_low = day - span, day + limit, day - limit
    for term in terms:
        slot = postings.get(term)
        if wake:
            asleep = sleeping.get(term)
            if asleep:
                slot = {**slot, **asleep} if slot else asleep
        if not slot:
            continue
        weight = weights.get(term, 0.1)
        if day is None:
            if len(slot) > POSTING_LIMIT:
                continue
            for cid in slot:
                score[cid] = score.get(cid, 0.0) + weight
            continue
        if len(slot) <= POSTING_LIMIT:
            # Too short to pass the limit: count the clusters within reach as they come.
            for cid in slot:
                cluster = clusters[cid]
                first, last = cluster.first_day, cluster.last_day
                if first is None or last is None or (
                    first_low <= first <= first_high and last >= last_low
                ):
                    score[cid] = score.get(cid, 0.0) + weight
            continue
        near = []
        # Newest first: a cluster within reach was most likely indexed lately, so a
        # common word finds its limit's worth soonest (the result is the same set).
        for cid in reversed(slot):
            cluster = clusters[cid]
            first, last = cluster.first_day, cluster.last_day
            if first is None or last is None or (
                first_low <= first <= first_high and last >= last_low
            ):
                near.append(cid)
                if len(near) > POSTING_LIMIT:
                    break
        if len(near) > POSTING_LIMIT:
            continue
        for cid in near:
            score[cid] = score.get(cid, 0.0) + weight
    limit = settings.max_candidates
    if len(score) > limit:
        # Keep every cluster scoring at least the limit-th best score (ties included), then
        # order only those: the same result as sorting all, without sorting all.
        floor = heapq.nlargest(limit, score.values())[-1]
        score = {cid: value for cid, value in score.items() if value >= floor}
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], clusters[kv[0]].founder))
    return [clusters[cid] for cid, _ in ranked[:limit]]


def _older(a: Cluster, b: Cluster) -> tuple[Cluster, Cluster]:
    return (a, b) if a.founder <= b.founder else (b, a)


def merge_clusters(state: GroupState, level: str, a: Cluster, b: Cluster) -> Cluster:
    """Merge two clusters; the older (earlier founder) keeps its id. Events of two different
    stories bring their stories together first."""
    kept, absorbed = _older(a, b)
    if level == "event" and kept.parent != absorbed.parent and kept.parent and absorbed.parent:
        story_a = state.stories[state.resolve("story", kept.parent)]
        story_b = state.stories[state.resolve("story", absorbed.parent)]
        if story_a.id != story_b.id:
            merge_clusters(state, "story", story_a, story_b)
    state.merge(level, kept, absorbed)
    return kept


def decide_event(
    state: GroupState,
    settings: GroupSettings,
    entry: Entry,
    vectors: dict[str, Vector],
    terms: list[str],
) -> tuple[Cluster, bool, list[Cluster]]:
    """The event ``entry`` joins (existing, possibly after a merge) or founds; whether it
    is new; and the events it was compared with (for :func:`absorb_lone_events`)."""
    assert entry.features is not None
    headline = entry.features.headline_only
    nearby = candidates(state, settings, "event", terms, vectors, entry.day)
    scored: list[tuple[float, tuple[str, str], Cluster]] = []
    for cluster in nearby:
        sim = similarity(
            settings, "event", vectors, headline, entry.day, cluster, entry.features.year
        )
        if sim is not None and sim.ratio >= 1.0:
            scored.append((sim.ratio, cluster.founder, cluster))
    if not scored:
        return state.new_cluster("event", entry), True, nearby
    scored.sort(key=lambda item: (-item[0], item[1]))
    best = scored[0][2]
    for _, _, other in scored[1:]:
        if other.id not in state.events or best.id not in state.events:
            continue
        headline = best.headline_only or other.headline_only
        merge_ratio = (
            settings.event_headline_merge_ratio if headline else settings.event_merge_ratio
        )
        if cluster_similarity(settings, "event", best, other) >= merge_ratio:
            best = merge_clusters(state, "event", best, other)
    return best, False, nearby


def absorb_lone_events(
    state: GroupState, settings: GroupSettings, event: Cluster, nearby: list[Cluster]
) -> Cluster:
    """Merge into ``event`` (which an article has just joined) the one-article events among
    ``nearby`` that it now reaches, and return the event that holds them (the older id).

    An article that founded an event before the others of its development arrived (the first
    report, a report dated a day early, an undated one decided after them) stays alone when
    none of the later articles chose it: each compares itself with the events before it, and
    the event they form only becomes like the first report as it grows. So whenever an event
    grows, each one-article full-text event the article was compared with is merged into it
    when their centroids' similarity (:func:`cluster_similarity`), damped by the days between
    them as a join is, reaches ``settings.event_lone_merge_ratio`` times the join threshold,
    and their dates fit one event (within ``event_max_gap_days`` of each other, within
    ``event_max_span_days`` together). Headline events are left out. Each merge is journaled
    like any other, so the result does not depend on the order or the batches the articles
    came in.
    """
    ratio = settings.event_lone_merge_ratio
    if ratio <= 0.0 or event.headline_only:
        return event
    for other in nearby:
        if (
            other.weight != 1
            or other.headline_only
            or other.id == event.id
            or other.id not in state.events
        ):
            continue
        factor = _one_event_time_factor(settings, event, other)
        if factor is None:
            continue
        if cluster_similarity(settings, "event", event, other) * factor >= ratio:
            event = merge_clusters(state, "event", event, other)
    return event


def _one_event_time_factor(settings: GroupSettings, a: Cluster, b: Cluster) -> float | None:
    """How time damps two events' similarity when they are to become one, as it damps an
    article's: exp(-gap / scale) for the days between their dated ranges, 1.0 when either is
    undated; None when their dates do not fit one event (more than ``event_max_gap_days``
    apart, or more than ``event_max_span_days`` together)."""
    if a.first_day is None or a.last_day is None or b.first_day is None or b.last_day is None:
        return 1.0
    gap = max(a.first_day, b.first_day) - min(a.last_day, b.last_day)
    together = max(a.last_day, b.last_day) - min(a.first_day, b.first_day)
    if gap > settings.event_max_gap_days or together > settings.event_max_span_days:
        return None
    return math.exp(-gap / settings.event_time_scale_days) if gap > 0 else 1.0


def event_date(first_day: float | None, last_day: float | None) -> str | None:
    """An ISO date, or an ISO interval ``start/end`` when the event spans several days."""
    return _span(iso_day(first_day), iso_day(last_day))


def _span(first: str | None, last: str | None) -> str | None:
    if first is None or last is None:
        return None
    return first if first == last else f"{first}/{last}"


def iso_day(day: float | None) -> str | None:
    """The calendar day (UTC, ISO) of a day number (days since 1970-01-01), or None."""
    if day is None:
        return None
    return datetime.fromtimestamp(day * 86400.0, UTC).date().isoformat()


def event_record(state: GroupState, cluster: Cluster) -> dict[str, Any]:
    """The JSON shape of an event: ``{id, title, date, first_date, last_date, story,
    articles, copies, outlets, inferred_dates}``.

    ``articles`` are in time order (undated last); ``copies`` maps each canonical article to
    the ids of its copies in this event; ``inferred_dates`` lists the undated articles, which
    take the event's date.
    """
    from storyline.group.copies import canonical_copy, copy_groups

    entries = [state.entries[m] for m in cluster.members if m in state.entries]
    entries.sort(key=lambda e: e.key)
    copies: dict[str, list[str]] = {}
    if any(e.copies for e in entries):  # most events hold no copy
        ids = {e.id for e in entries}
        links = {e.id: [c for c in e.copies if c in ids] for e in entries}
        for group in copy_groups(links):
            if len(group) < 2:
                continue
            members = [
                (e.id, e.key, e.outlet, e.origin_outlet)
                for e in (state.entries[g] for g in group)
            ]
            canonical = canonical_copy(members)
            copies[canonical] = [g for g in group if g != canonical]
    founder = state.entries.get(cluster.founder[1])
    title = founder.title if founder else (entries[0].title if entries else "")
    outlets = sorted({e.outlet for e in entries if e.outlet})
    first, last = iso_day(cluster.first_day), iso_day(cluster.last_day)
    return {
        "id": cluster.id,
        "title": title,
        "date": _span(first, last),
        "first_date": first,
        "last_date": last,
        "story": cluster.parent,
        "articles": [e.id for e in entries],
        "copies": dict(sorted(copies.items())),
        "outlets": outlets,
        "inferred_dates": [
            e.id for e in entries if e.day is None and cluster.first_day is not None
        ],
    }
