"""Furniture rules: read ``clean/rules/furniture.toml`` and match its rules against lines.

A rule file is data (see its header for the fields). :class:`FurnitureRules` compiles it:
every rule of a scope becomes one alternation, and each line is tried only against the rules
that can start with its first character (worked out from the parsed patterns), so a line
costs one regular-expression call per scope, not one per rule. :mod:`storyline.clean.furniture`
decides which lines to try with which scope; this module only answers "which rule, if any,
fits this line, and what did its groups capture".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "SCOPES",
    "FurnitureRules",
    "Rule",
    "RuleError",
    "RuleHit",
    "default_rules",
    "headline_like",
    "is_sentence",
    "load_rules",
]

SCOPES = ("line", "prefix", "suffix", "leading", "trailing", "block")

# A link in a "Read next" list, or what follows "Also read:", is a headline: the UCI
# headlines (6,366 of them) have at most 19 words.
BLOCK_LINE_MAX_WORDS = 20

# An ad marker at the end of a line must sit in its last 80 characters (the longest marker
# in the rules, "Advertisement - Scroll to continue reading", has 41); searching only
# there keeps the suffix scan from walking every long paragraph.
SUFFIX_WINDOW = 80

_CLOSING = "\"”’'»)]"
# What may precede an ad marker stuck to a paragraph: the end of a sentence.
_SUFFIX_AFTER = '.!?…"”’»)\\]'
_ABBREVIATION_END = re.compile(r"(?:[A-Z]\.){2,}$")
_GROUP_NAME = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_GROUP_REF = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
_WORD_LIST = re.compile(r"\{\{(\w+)\}\}")


def is_sentence(text: str) -> bool:
    """Whether a line ends with a full stop (after any closing quotes) that does not end an
    abbreviation like "U.S.": a sentence, whatever else it looks like."""
    end = text.rstrip(_CLOSING)
    return end.endswith(".") and not _ABBREVIATION_END.search(end)


def headline_like(text: str) -> bool:
    """A short line that does not end a sentence: a headline, a link's title."""
    if len(text.split()) > BLOCK_LINE_MAX_WORDS:
        return False
    return bool(text.rstrip(_CLOSING)) and not is_sentence(text)


class RuleError(ValueError):
    """A furniture rule file that cannot be used (names the rule and what is wrong)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One furniture rule of ``furniture.toml`` (see that file for what each field means)."""

    id: str
    reason: str
    pattern: str
    scopes: tuple[str, ...]
    ignore_case: bool = True
    max_words: int | None = None
    headline_after: bool = False
    alone: bool = False
    block_reason: str | None = None
    hints: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fitted a line, its match, the hints its groups captured, and where in
    the matched text the removal starts."""

    rule: Rule
    match: re.Match[str]
    hints: dict[str, str]
    start: int


class _Alternation:
    """Some rules of one scope as a single regular expression, tried once per line.

    Each rule becomes a named group ``_r<i>``; its hint groups are renamed ``_h<i>_<name>``
    so that names stay unique. The alternation finds the first rule (in file order) whose
    pattern fits; when that rule's extra conditions (``max_words``, ``headline_after``)
    fail, the later rules are tried one by one (rare: only on near-misses).
    """

    def __init__(self, scope: str, rules: list[tuple[int, Rule]]):
        self.scope = scope
        self.rules = rules
        self.by_group = {f"_r{index}": position for position, (index, _) in enumerate(rules)}
        parts = [_rule_group(index, rule) for index, rule in rules]
        self.single = [re.compile(self._wrap(part)) for part in parts]
        self.regex = re.compile(self._wrap("|".join(parts))) if parts else None

    def _wrap(self, alternation: str) -> str:
        if self.scope == "suffix":
            # Starting with the sentence end (not a look-behind) lets the engine skip to the
            # few places where one is, instead of trying every position of the window.
            return rf"[{_SUFFIX_AFTER}][ \t]*(?:{alternation})\s*$"
        return alternation

    def _apply(self, regex: re.Pattern[str], text: str) -> re.Match[str] | None:
        if self.scope == "prefix":
            return regex.match(text)
        if self.scope == "suffix":
            return regex.search(text, max(0, len(text) - SUFFIX_WINDOW))
        return regex.fullmatch(text)

    def find(self, text: str) -> RuleHit | None:
        """The first rule that fits ``text`` (a stripped line, or for the suffix scope the
        raw line), with the hints its groups captured."""
        if self.regex is None:
            return None
        match = self._apply(self.regex, text)
        if match is None:
            return None
        return self._hit(match, text)

    def _hit(self, match: re.Match[str], text: str) -> RuleHit | None:
        position = self.by_group[match.lastgroup or ""]
        while True:
            index, rule = self.rules[position]
            if _conditions_hold(rule, match, text):
                hints = {}
                for name in rule.hints:
                    value = match.group(f"_h{index}_{name}")
                    if value and value.strip():
                        hints[name] = value.strip()
                start = match.start() + 1 if self.scope == "suffix" else match.start()
                return RuleHit(rule, match, hints, start)
            position += 1
            while position < len(self.rules):
                found = self._apply(self.single[position], text)
                if found is not None:
                    match = found
                    break
                position += 1
            else:
                return None


class _ScopeMatcher:
    """The rules of one scope, dispatched on a line's first character.

    Trying 30 alternatives on every line of every article is most of the cleaning time;
    a rule can only match a line that starts with one of its possible first characters
    (worked out from the parsed pattern), so each line is tried against the few rules that
    can start with its first character, plus those whose start could be anything.
    """

    def __init__(self, scope: str, rules: list[tuple[int, Rule]]):
        self.scope = scope
        self.rules = rules
        self.starts = [None if scope == "suffix" else _first_chars(rule) for _, rule in rules]
        self.everything = _Alternation(scope, rules)
        self._by_char: dict[str, _Alternation] = {}
        self._by_subset: dict[tuple[int, ...], _Alternation] = {}

    def find(self, text: str) -> RuleHit | None:
        if self.scope == "suffix" or not text:
            return self.everything.find(text)
        alternation = self._by_char.get(text[0]) or self.for_char(text[0])
        return alternation.find(text)

    def for_char(self, char: str) -> _Alternation:
        """The rules of this scope that a line starting with ``char`` can match."""
        subset = tuple(
            i for i, start in enumerate(self.starts) if start is None or start.admits(char)
        )
        alternation = self._by_subset.get(subset)
        if alternation is None:
            alternation = _Alternation(self.scope, [self.rules[i] for i in subset])
            self._by_subset[subset] = alternation
        self._by_char[char] = alternation
        return alternation


# Character sets larger than this in a pattern's first position are kept as classes.
_FIRST_SET_LIMIT = 512


@dataclass(frozen=True, slots=True)
class _Start:
    """The characters a rule's match can start with: some characters, plus maybe every word
    character (``\\w``), every decimal digit (``\\d``) or every non-word character."""

    chars: frozenset[str]
    word: bool = False
    digit: bool = False
    nonword: bool = False

    def admits(self, char: str) -> bool:
        if char in self.chars:
            return True
        word = char.isalnum() or char == "_"
        return (
            (self.word and word) or (self.digit and char.isdecimal()) or (self.nonword and not word)
        )


def _first_chars(rule: Rule) -> _Start | None:
    """What a line matched by ``rule`` can start with (both cases of letters), or None when
    that could be anything (or the pattern is beyond this analysis)."""
    try:
        start, nullable = _first_of_sequence(re._parser.parse(rule.pattern).data)
    except Exception:  # an analysis gap only costs speed: the rule is tried on every line
        return None
    if start is None or nullable or (start.word and start.nonword):
        return None
    chars = start.chars | {c.swapcase() for c in start.chars} | {c.casefold() for c in start.chars}
    return _Start(frozenset(chars), start.word, start.digit, start.nonword)


_NOTHING = _Start(frozenset())


def _union(a: _Start, b: _Start) -> _Start:
    return _Start(a.chars | b.chars, a.word or b.word, a.digit or b.digit, a.nonword or b.nonword)


def _first_of_sequence(items: Any) -> tuple[_Start | None, bool]:
    found = _NOTHING
    for op, value in items:
        start, nullable = _first_of_item(op, value)
        if start is None:
            return None, False
        found = _union(found, start)
        if not nullable:
            return found, False
    return found, True


def _first_of_item(op: Any, value: Any) -> tuple[_Start | None, bool]:
    c = re._constants
    if op is c.LITERAL:
        return _Start(frozenset(chr(value))), False
    if op is c.IN:
        if value and value[0][0] is c.NEGATE:
            rest = {item for kind, item in value[1:] if kind is c.CATEGORY}
            if len(rest) == len(value) - 1 and c.CATEGORY_WORD in rest:
                return _Start(frozenset(), nonword=True), False
            return None, False
        start = _NOTHING
        for kind, item in value:
            if kind is c.LITERAL:
                start = _union(start, _Start(frozenset(chr(item))))
            elif kind is c.RANGE and item[1] - item[0] < _FIRST_SET_LIMIT:
                chars = frozenset(chr(code) for code in range(item[0], item[1] + 1))
                start = _union(start, _Start(chars))
            elif kind is c.CATEGORY and item is c.CATEGORY_WORD:
                start = _union(start, _Start(frozenset(), word=True))
            elif kind is c.CATEGORY and item is c.CATEGORY_DIGIT:
                start = _union(start, _Start(frozenset(), digit=True))
            elif kind is c.CATEGORY and item is c.CATEGORY_SPACE:
                continue  # lines are stripped: they never start with white space
            else:
                return None, False
        return start, False
    if op is c.SUBPATTERN:
        return _first_of_sequence(value[3])
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(value)
    if op is c.BRANCH:
        union = _NOTHING
        nullable = False
        for branch in value[1]:
            start, empty = _first_of_sequence(branch)
            if start is None:
                return None, False
            union = _union(union, start)
            nullable = nullable or empty
        return union, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        start, empty = _first_of_sequence(value[2])
        return start, empty or value[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _NOTHING, True
    return None, False


def _rule_group(index: int, rule: Rule) -> str:
    pattern = _GROUP_NAME.sub(lambda m: f"(?P<_h{index}_{m.group(1)}>", rule.pattern)
    pattern = _GROUP_REF.sub(lambda m: f"(?P=_h{index}_{m.group(1)})", pattern)
    flags = "(?i:" if rule.ignore_case else "(?:"
    return f"(?P<_r{index}>{flags}{pattern}))"


def _conditions_hold(rule: Rule, match: re.Match[str], text: str) -> bool:
    if rule.max_words is not None and len(text.split()) > rule.max_words:
        return False
    if rule.headline_after:
        rest = text[match.end() :].strip()
        return bool(rest) and headline_like(rest)
    return True


class FurnitureRules:
    """A compiled rule set: one matcher per scope, plus the reasons of built-in removals."""

    def __init__(self, rules: list[Rule], builtin: dict[str, str]):
        self.rules = tuple(rules)
        self.builtin = dict(builtin)
        indexed = list(enumerate(self.rules))
        self.matchers = {
            scope: _ScopeMatcher(scope, [(i, r) for i, r in indexed if scope in r.scopes])
            for scope in SCOPES
        }
        self._body_rules: dict[str, tuple[_Alternation | None, ...]] = {}
        self._suffix = self.matchers["suffix"].everything
        self.suffix_search = self._suffix.regex.search if self._suffix.regex else None

    def body_rules(self, char: str) -> tuple[_Alternation | None, ...]:
        """The line, prefix and block rules a line starting with ``char`` may match (None
        where there are none), looked up once per character."""
        found = self._body_rules.get(char)
        if found is None:
            found = tuple(
                alternation if alternation.regex is not None else None
                for alternation in (
                    self.matchers[scope].for_char(char) for scope in ("line", "prefix", "block")
                )
            )
            self._body_rules[char] = found
        return found

    def find(self, scope: str, text: str) -> RuleHit | None:
        """The first rule of ``scope`` that fits the stripped line ``text``."""
        return self.matchers[scope].find(text)

    def find_suffix(self, line: str) -> RuleHit | None:
        """An ad marker (a suffix rule) ending the raw ``line`` after a sentence's end."""
        if self.suffix_search is None:
            return None
        match = self.suffix_search(line, max(0, len(line) - SUFFIX_WINDOW))
        return self.suffix_hit(match, line) if match is not None else None

    def suffix_hit(self, match: re.Match[str], line: str) -> RuleHit | None:
        """The hit for a match of :attr:`suffix_search` (the regular expression's ``search``
        over every suffix rule, None when there are none) in ``line``."""
        return self._suffix._hit(match, line)

    @classmethod
    def from_toml(cls, text: str, source: str = "furniture rules") -> FurnitureRules:
        """Parse and check a rule file; raises :class:`RuleError` naming the bad rule."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RuleError(f"{source}: not valid TOML: {error}") from error
        words = {str(k): str(v) for k, v in data.get("words", {}).items()}
        builtin = {str(k): str(v) for k, v in data.get("builtin", {}).items()}
        for name in ("headline", "headline_repeat", "whitespace"):
            builtin.setdefault(name, name.replace("_", " "))
        rules = [_parse_rule(item, words, source) for item in data.get("rule", [])]
        return cls(rules, builtin)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the rules in a worker rather than shipping compiled alternations.
        return (FurnitureRules, (list(self.rules), self.builtin))


def _parse_rule(item: Any, words: dict[str, str], source: str) -> Rule:
    if not isinstance(item, dict):
        raise RuleError(f"{source}: a [[rule]] entry is not a table")
    rule_id = str(item.get("id") or "").strip()
    where = f"{source}: rule {rule_id or '(no id)'}"
    if not rule_id or not str(item.get("reason") or "").strip():
        raise RuleError(f"{where}: needs an id and a reason")
    scopes = item.get("scope", "line")
    scopes = (scopes,) if isinstance(scopes, str) else tuple(scopes)
    unknown = [s for s in scopes if s not in SCOPES]
    if not scopes or unknown:
        raise RuleError(f"{where}: scope must be one of {', '.join(SCOPES)}, got {unknown}")

    def expand(match: re.Match[str]) -> str:
        if match.group(1) not in words:
            raise RuleError(f"{where}: no word list {match.group(1)!r} in [words]")
        return f"(?:{words[match.group(1)]})"

    pattern = _WORD_LIST.sub(expand, str(item.get("pattern") or ""))
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise RuleError(f"{where}: bad pattern: {error}") from error
    if not pattern or compiled.match("") is not None:
        raise RuleError(f"{where}: the pattern matches an empty line, so it would match any")
    if "block" in scopes and not item.get("block_reason"):
        raise RuleError(f"{where}: a block rule needs a block_reason")
    if item.get("headline_after") and scopes != ("prefix",):
        raise RuleError(f"{where}: headline_after only applies to the prefix scope")
    max_words = item.get("max_words")
    return Rule(
        id=rule_id,
        reason=str(item["reason"]).strip(),
        pattern=pattern,
        scopes=scopes,
        ignore_case=bool(item.get("ignore_case", True)),
        max_words=int(max_words) if max_words is not None else None,
        headline_after=bool(item.get("headline_after", False)),
        alone=bool(item.get("alone", False)),
        block_reason=str(item["block_reason"]) if item.get("block_reason") else None,
        hints=tuple(dict.fromkeys(_GROUP_NAME.findall(pattern))),
    )


def load_rules(path: str | Path | None = None) -> FurnitureRules:
    """Read a rule file (the shipped ``clean/rules/furniture.toml`` when ``path`` is None)."""
    if path is None:
        return default_rules()
    return FurnitureRules.from_toml(Path(path).read_text("utf-8"), source=str(path))


@cache
def default_rules() -> FurnitureRules:
    """The rules shipped with storyline, compiled once per process."""
    resource = resources.files("storyline.clean").joinpath("rules/furniture.toml")
    return FurnitureRules.from_toml(resource.read_text("utf-8"), source="furniture.toml")
