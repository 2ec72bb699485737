"""The entry point, :func:`find_dates`: scan a text with the grammar, choose among the
matches, resolve them in text order."""

from __future__ import annotations

from datetime import date

from storyline.extract.dates.calendar_math import parse_published
from storyline.extract.dates.context import _Context
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.grammar import _grammar
from storyline.extract.dates.mention import _Mention
from storyline.extract.dates.ranges import _order_range
from storyline.extract.dates.resolve import _resolve
from storyline.extract.dates.scan import _extend_positions, _select, _trigger_spans, _windows


def find_dates(text: str, published: str | date | None) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in text order, resolved against ``published``.

    ``published`` is the publication date (ISO string, ``date`` or ``datetime``); with none,
    relative expressions keep unknown digits and ``anchored=False``. Offsets are into
    ``text``; spans never overlap. Never raises on odd input: a text with nothing temporal
    gives an empty list.
    """
    if not text:
        return []
    grammar = _grammar()
    triggers = _trigger_spans(text, grammar)
    mentions: list[_Mention] = []
    for rank, rule in enumerate(grammar.rules):
        if rule.triggers is None:
            windows = [(0, len(text))]
        else:
            spans = [span for kind in rule.triggers for span in triggers.get(kind, ())]
            if not spans:
                continue
            windows = _windows(spans, len(text), rule.reach)
        # The windows are disjoint, so no match is found twice.
        for lo, hi in windows:
            for match in rule.pattern.finditer(text, lo, hi):
                for mention in rule.handler(match, text):
                    mention.rank = rank
                    mentions.append(mention)
    chosen = _select(mentions)
    _extend_positions(text, chosen, grammar)
    ctx = _Context(text=text, published=parse_published(published))
    found: list[TimeExpression] = []
    for mention in chosen:
        try:
            expression = _resolve(ctx, mention)
        except (OverflowError, ValueError):
            # A value off the calendar ("99999999 days ago"): the expression is left out.
            continue
        if expression is None:
            continue
        if found and expression.type == "DATE" and found[-1].type == "DATE":
            found[-1], expression = _order_range(ctx, found[-1], expression)
        ctx.remember(expression)
        found.append(expression)
    return found
