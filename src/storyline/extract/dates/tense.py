"""The tense of the verb that governs an expression (:func:`tense_at`): whether "Tuesday"
is the one just past or the one to come.

No parser: the sentence around the expression is read for cue words from ``temporal.toml``
("will", "is scheduled to", "said", -ed forms, present-tense schedule verbs).
"""

from __future__ import annotations

import re

from storyline.extract.dates.vocabulary import _Vocabulary, _vocabulary

PAST = "past"


FUTURE = "future"


#: A past-tense verb right before "on" and a date ("was signed on Oct. 30"): the date is when
#: the past event happened. (Elsewhere a past verb may set a deadline still ahead: "extended
#: the offer to Nov. 16", "declared a dividend payable Dec. 15".)
PAST_ON = "past-on"


#: How far (in characters) to look around an expression for the verb that governs it. A news
#: sentence rarely runs past 300 characters; the search also stops at the sentence's end.
TENSE_WINDOW = 300


#: How many words away from the expression a tense cue may be to count. A judgement, not
#: tuned on any set: the governing verb usually sits within a dozen words of its adverbial
#: ("said in a statement released in Brussels on Tuesday"); further away it usually belongs to
#: another clause.
TENSE_MAX_WORDS = 14


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[;:]")


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*\n")


def _ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` closes an abbreviation ("Aug.", "U.S.", "J.") rather than
    a sentence."""
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    return bool(word) and (
        word.group(1).lower() in _vocabulary().abbreviations or len(word.group(1)) == 1
    )


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins (looking back at most TENSE_WINDOW)."""
    begin = max(0, start - TENSE_WINDOW)
    for match in _SENTENCE_END.finditer(text, begin, start):
        if not (match.group().startswith(".") and _ends_abbreviation(text, match.start())):
            begin = match.end()
    return begin


def _sentence_end(text: str, end: int) -> int:
    """Where the sentence holding ``end`` ends (looking ahead at most TENSE_WINDOW)."""
    for match in _SENTENCE_END.finditer(text, end, min(len(text), end + TENSE_WINDOW)):
        if not (match.group().startswith(".") and _ends_abbreviation(text, match.start())):
            return match.start() + 1
    return min(len(text), end + TENSE_WINDOW)


def _is_past_form(word: str, vocab: _Vocabulary) -> bool:
    """Whether a lower-case word reads as a past form: listed, or a regular -ed form."""
    if word in vocab.past_cues:
        return True
    return (
        len(word) > 4
        and word.endswith("ed")
        and word not in vocab.not_past_ed
        and not (word.endswith("eed") and word not in ("agreed", "freed", "guaranteed"))
    )


def _index_before(words: list[str], index: int, vocab: _Vocabulary) -> int:
    """The index of the word before ``words[index]``, skipping adverbs ("is also expected",
    "will be formally signed"); -1 if none."""
    before = index - 1
    while before >= 0 and (
        words[before] in vocab.adverbs_between
        or (words[before].endswith("ly") and len(words[before]) > 4)
    ):
        before -= 1
    return before


def _word_before(words: list[str], index: int, vocab: _Vocabulary) -> str:
    """The word before ``words[index]``, skipping adverbs; "" if none."""
    before = _index_before(words, index, vocab)
    return words[before] if before >= 0 else ""


#: How many words a reported clause's subject may take between the reporting verb and its
#: verb ("said that the two envoys were due"). A judgement, as SUBORDINATE_SUBJECT_WORDS.
REPORTED_SUBJECT_WORDS = 4


def _after_reporting_verb(words: list[str], index: int, vocab: _Vocabulary) -> bool:
    """Whether a reporting verb ("said", "told") stands at most REPORTED_SUBJECT_WORDS words
    before ``words[index]`` (with "that" and the clause's subject between)."""
    begin = max(0, index - REPORTED_SUBJECT_WORDS - 1)
    return any(word in vocab.reporting_verbs for word in words[begin:index])


def _cue(words: list[str], index: int, vocab: _Vocabulary) -> str | None:
    """The tense a word marks in its place (``None`` for no cue)."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    after = words[index + 2] if index + 2 < len(words) else ""
    if (
        word in vocab.perfect_modals
        and following == "have"
        and (after == "been" or _is_past_form(after, vocab))
    ):
        # "would have resumed on Monday", "must have sunk on Monday": a past, real or not.
        return PAST
    if word in vocab.future_with_to and (
        following == "for"
        or (
            following == "to"
            and after not in vocab.to_not_infinitive
            and after not in vocab.numbers
        )
    ):
        return FUTURE
    if word in vocab.future_cues or word.endswith(vocab.future_suffixes):
        return FUTURE
    if word in vocab.future_after_present_be and following != "to":
        # "is due in Kyiv on Monday"; backshifted in reported speech, "said the envoy was
        # due in Kyiv on Monday". ("due to" + verb is handled above; "due to an inflow" is
        # a cause.)
        be = _index_before(words, index, vocab)
        if be >= 0 and (
            words[be] in vocab.present_be
            or (words[be] in vocab.past_be and _after_reporting_verb(words, be, vocab))
        ):
            return FUTURE
    if word in vocab.progressive_schedule_verbs and _word_before(words, index, vocab) in (
        vocab.present_be
    ):
        # "the envoys are meeting on Friday". Not backshifted: "said the man was leaving a
        # bar on Friday when ..." is as often a past scene.
        return FUTURE
    if word in vocab.schedule_verbs and (
        index == 0 or words[index - 1] not in vocab.not_before_schedule
    ):
        return FUTURE
    if _is_past_form(word, vocab):
        return PAST
    return None


#: How many words a subordinate clause's subject may take between its conjunction and its
#: verb ("as soon as trading opened", "until the central bank reopened"). A judgement: a
#: subject of one to three words covers most news clauses of this kind.
SUBORDINATE_SUBJECT_WORDS = 3


def _in_subordinate_clause(words: list[str], index: int, vocab: _Vocabulary) -> bool:
    """Whether the verb at ``index`` opens a temporal subordinate clause ("as soon as trading
    opened"): its tense follows the main clause's, which governs the expression."""
    for gap in range(SUBORDINATE_SUBJECT_WORDS + 1):
        for phrase in vocab.subordinators:
            stop = index - gap
            if stop - len(phrase) >= 0 and tuple(words[stop - len(phrase) : stop]) == phrase:
                return True
    return False


def _governing_tense(words: list[str], vocab: _Vocabulary, *, deferred: bool = False) -> str | None:
    """The first tense cue in ``words`` (the words before an expression, in text order)
    reading leftwards from the expression; a participle after be/been/have/to defers to the
    cue before its auxiliary ("will be held" is future, "was held" past). ``deferred``: the
    expression follows "until" or "to", so a verb that moves an event ("postponed the vote
    until Monday") points ahead whatever its tense."""
    index = len(words) - 1
    scanned = 0
    while index >= 0 and scanned < TENSE_MAX_WORDS:
        word = words[index]
        if word in vocab.clause_breaks:
            return None
        if deferred and word in vocab.deferral_verbs:
            return FUTURE
        tense = _cue(words, index, vocab)
        if tense == PAST and _in_subordinate_clause(words, index, vocab):
            index -= 1
            scanned += 1
            continue
        if tense == PAST and word not in ("was", "were", "had", "has", "did"):
            # A participle after be/been/have/to takes the tense of what governs them.
            before = _index_before(words, index, vocab)
            if before >= 0 and words[before] in vocab.participle_auxiliaries:
                index = before - 1
                scanned += 1
                continue
        if tense is not None:
            return tense
        index -= 1
        scanned += 1
    return None


def tense_at(text: str, start: int, end: int, *, left: bool = True) -> str | None:
    """The tense of the verb that governs ``text[start:end]``: "past", "future" or ``None``.

    Looks in the expression's sentence: first at the words right before it ("since Monday"
    is past, "as early as Tuesday" future, "the funeral is Saturday" a schedule, so future),
    then leftwards for the nearest tense cue ("will", "is scheduled to", "said", "-ed" forms;
    a participle after "be" or "have" takes the tense of its auxiliary, so "will be held" is
    future, but a modal perfect, "would have resumed", is past; a present-tense schedule
    verb, "the envoys meet Monday", or a present "be" with "due", "expected" or a
    progressive, "are meeting Monday", is future; an intention verb before an infinitive,
    "agreeing to meet again on Saturday", is future, though not before "to a ..."; a past
    form opening a temporal clause, "as soon as trading opened", defers to the main clause;
    a verb that moves an event, "postponed the vote until Monday", is future), then
    rightwards ("On Tuesday, the council will vote"; there a past form dates the act it
    names even before "to": "On Friday, the ministry planned to pay" is past), and last, in
    a sentence with no cue at all, an infinitive ("Envoys to meet in Geneva on Monday", a
    headline) is future. The cue words live in ``temporal.toml``. ``left=False`` skips the
    words before the expression: a possessive ("Wednesday's ruling") names an event of its
    own that the verb before it does not govern.
    """
    vocab = _vocabulary()
    if not left:
        return _right_tense(text, end, vocab)
    before = text[_sentence_start(text, start) : start]
    tail = before[-30:].lower().rstrip()
    if tail.endswith(" on") or tail == "on":
        tail = tail[:-2].rstrip()
    for phrase in vocab.past_prepositions:
        if _ends_with_word(tail, phrase):
            return PAST
    for phrase in vocab.future_prepositions:
        if _ends_with_word(tail, phrase):
            return FUTURE
    if any(_ends_with_word(tail, be) for be in vocab.present_be):
        return FUTURE
    deferred = any(_ends_with_word(tail, word) for word in vocab.deferral_prepositions)
    found = _WORD.findall(before)
    left_words = [w.lower() for w in found]
    tense = _governing_tense(left_words, vocab, deferred=deferred)
    if tense is not None:
        return tense
    if any(w in vocab.clause_breaks for w in left_words[-TENSE_MAX_WORDS:]):
        return None
    tense = _right_tense(text, end, vocab, fronted=True)
    if tense is None and _in_headline(text, end) and _in_infinitive(found, vocab):
        return FUTURE
    return tense


def _ends_with_word(tail: str, phrase: str) -> bool:
    """Whether ``tail`` ends with ``phrase`` as whole words."""
    return tail.endswith(phrase) and (
        len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalpha()
    )


_CLOSED = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def _in_headline(text: str, end: int) -> bool:
    """Whether the sentence holding ``text[:end]`` has no closing full stop, question or
    exclamation mark: a headline or a caption, which a body sentence is not."""
    return _CLOSED.search(text[: _sentence_end(text, end)]) is None


def _in_infinitive(words: list[str], vocab: _Vocabulary) -> bool:
    """Whether the words of a sentence before an expression (original case, in text order)
    hold an infinitive ("to" and a lower-case word that is no determiner, pronoun or number)
    and no tense cue at all: a headline's "Envoys to meet in Geneva on Monday", which
    announces what is ahead. A cue anywhere before (even beyond TENSE_MAX_WORDS) may govern the
    infinitive ("expects to post ... a loss for the quarter"), so then nothing is said."""
    infinitive = any(
        words[index].lower() == "to"
        and words[index + 1].islower()
        and words[index + 1] not in vocab.to_not_infinitive
        and words[index + 1] not in vocab.numbers
        and words[index + 1] not in vocab.weekdays
        for index in range(len(words) - 1)
    )
    if not infinitive:
        return False
    lower = [w.lower() for w in words]
    return all(_cue(lower, index, vocab) is None for index in range(len(lower)))


def _right_tense(text: str, end: int, vocab: _Vocabulary, *, fronted: bool = False) -> str | None:
    right = text[end : _sentence_end(text, end)]
    right_words = [w.lower() for w in _WORD.findall(right)][:TENSE_MAX_WORDS]
    for index, word in enumerate(right_words):
        if word in vocab.clause_breaks:
            break
        tense = _cue(right_words, index, vocab)
        if (
            fronted
            and tense == FUTURE
            and _is_past_form(word, vocab)
            and (index == 0 or right_words[index - 1] not in vocab.be_forms)
        ):
            # A fronted adverbial dates the verb it stands before: in "On Friday, the
            # government planned to pay" the planning happened on Friday, in the past.
            tense = PAST
        if tense is not None:
            # "Tuesday's vote will be ..." / "On Tuesday the minister said ...": the first
            # cue after the expression is its verb or that verb's auxiliary.
            return tense
    return None


def _governed_by_speech(text: str, start: int, end: int) -> bool:
    """Whether the verb nearest to ``text[start:end]`` in its sentence reports speech ("said
    on Friday", "told reporters Tuesday", "On Friday, the minister said"): the first tense cue
    or reporting verb leftwards, or else rightwards, is one of ``temporal.toml``'s reporting
    verbs."""
    vocab = _vocabulary()
    before = text[_sentence_start(text, start) : start]
    left = [w.lower() for w in _WORD.findall(before)][-TENSE_MAX_WORDS:]
    for index in range(len(left) - 1, -1, -1):
        if left[index] in vocab.clause_breaks:
            return False
        if left[index] in vocab.reporting_verbs:
            return True
        if _cue(left, index, vocab) is not None:
            return False
    right = [w.lower() for w in _WORD.findall(text[end : _sentence_end(text, end)])]
    for index, word in enumerate(right[:TENSE_MAX_WORDS]):
        if word in vocab.clause_breaks:
            return False
        if word in vocab.reporting_verbs:
            return True
        if _cue(right, index, vocab) is not None:
            return False
    return False
