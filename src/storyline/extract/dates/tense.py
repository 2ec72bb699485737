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


def _cue(words: list[str], index: int, vocab: _Vocabulary) -> str | None:
    """The tense a word marks in its place (``None`` for no cue)."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in vocab.future_with_to and following in ("to", "for"):
        return FUTURE
    if word in vocab.future_cues or word.endswith(vocab.future_suffixes):
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


def _governing_tense(words: list[str], vocab: _Vocabulary) -> str | None:
    """The first tense cue in ``words`` (the words before an expression, in text order)
    reading leftwards from the expression; a participle after be/been/have/to defers to the
    cue before its auxiliary ("will be held" is future, "was held" past)."""
    index = len(words) - 1
    scanned = 0
    while index >= 0 and scanned < TENSE_MAX_WORDS:
        word = words[index]
        if word in vocab.clause_breaks:
            return None
        tense = _cue(words, index, vocab)
        if tense == PAST and _in_subordinate_clause(words, index, vocab):
            index -= 1
            scanned += 1
            continue
        if tense == PAST and word not in ("was", "were", "had", "has", "did"):
            # A participle after be/been/have/to takes the tense of what governs them.
            before = index - 1
            while before >= 0 and (
                words[before] in vocab.adverbs_between
                or (words[before].endswith("ly") and len(words[before]) > 4)
            ):
                before -= 1
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

    Looks in the expression's sentence: first at a preposition right before it ("since
    Monday" is past, "as early as Tuesday" future), then leftwards for the nearest tense cue
    ("will", "is scheduled to", "said", "-ed" forms; a participle after "be" or "have" takes
    the tense of its auxiliary, so "will be held" is future; a present-tense schedule verb,
    "the envoys meet Monday", is future; a past form opening a temporal clause, "as soon as
    trading opened", defers to the main clause), then rightwards ("On Tuesday, the council
    will vote"; there a past form dates the act it names even before "to": "On Friday, the
    ministry planned to pay" is past). The cue words live in ``temporal.toml``. ``left=False`` skips
    the words before the expression: a possessive ("Wednesday's ruling") names an event of
    its own that the verb before it does not govern.
    """
    vocab = _vocabulary()
    if not left:
        return _right_tense(text, end, vocab)
    before = text[_sentence_start(text, start) : start]
    tail = before[-30:].lower().rstrip()
    if tail.endswith(" on") or tail == "on":
        tail = tail[:-2].rstrip()
    for phrase in vocab.past_prepositions:
        if tail.endswith(phrase) and (
            len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalpha()
        ):
            return PAST
    for phrase in vocab.future_prepositions:
        if tail.endswith(phrase) and (
            len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalpha()
        ):
            return FUTURE
    left_words = [w.lower() for w in _WORD.findall(before)]
    tense = _governing_tense(left_words, vocab)
    if tense is not None:
        return tense
    if any(w in vocab.clause_breaks for w in left_words[-TENSE_MAX_WORDS:]):
        return None
    return _right_tense(text, end, vocab, fronted=True)


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
