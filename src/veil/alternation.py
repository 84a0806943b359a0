"""Regexes of many words made cheap for the engine: an alternation of literals as a prefix
tree, and a lookahead of the characters a pattern can start with, read from its parsed form
(with the parsed-class and branch readers the literal marks share)."""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any


def trie_pattern(sequences: list[list[str]]) -> str:
    """One alternation of many literals as a prefix tree of regex atoms.

    A flat ``a|b|c...`` over thousands of replacements makes the engine try every branch at
    every position; a tree shares prefixes. Optional tails are greedy, so the longest
    replacement wins, as with a longest-first alternation.
    """
    root: dict[str, Any] = {}
    for seq in sequences:
        node = root
        for atom in seq:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else (branches[0] if len(branches) == 1 else group)

    return emit(root)


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class that the first character of every match of ``pattern`` belongs to,
    read from its parsed form (past a leading lookaround or anchor); None when that cannot be
    told (a start that may be empty, a category such as ``\\w``, verbose flags). Where the
    start may be read case-insensitively the class is too (``(?i:[...])``): the regex engine
    folds its characters as it folds the pattern's.

    A lookahead made of it before an alternation of many words lets the engine give up a
    position after one test instead of trying every branch there (an organisation's legal
    form after each space of a ~1 KB prompt: 30 against 16 us)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    if (parsed.state.flags | flags) & re.VERBOSE:
        return None
    folds = [bool((parsed.state.flags | flags) & re.IGNORECASE)]
    found = _firsts(list(parsed), folds)
    if not found:
        return None
    chars = "[" + "".join(re.escape(c) for c in sorted(found)) + "]"
    return f"(?i:{chars})" if folds[0] else chars


def _firsts(items: list[tuple[Any, Any]], folds: list[bool]) -> set[str] | None:
    """The characters a match of this sequence can start with (None: unknown); ``folds[0]``
    set where one of them is read case-insensitively."""
    if not items:
        return None  # may be empty: the next item's characters would count too
    if _zero_width(items[:1]):
        # a lookaround, "^", "\b", or a group of them: the first character is the next
        # item's, of which this only keeps some
        return _firsts(items[1:], folds)
    op, av = items[0]
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return class_chars(av, 512)
    if op is sre.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            folds[0] = True
        return _firsts(list(sub), folds)
    if op is sre.BRANCH:
        return branch_union(av[1], lambda branch: _firsts(branch, folds))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _firsts(list(av[2]), folds)
    return None


def starts_with(pattern: str, flags: int = 0) -> str:
    """``(?=[...])`` of :func:`first_chars`, to put before ``pattern``; empty when unknown."""
    chars = first_chars(pattern, flags)
    return "" if chars is None else f"(?={chars})"


def compile_ahead(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled after the lookahead of its first characters: the same matches,
    and a position whose character starts none is given up after one test, before a leading
    lookbehind or the branches of an alternation are tried there (the name heuristics' verb
    pattern over a ~1 KB prompt: 54 against 20 us)."""
    return re.compile(starts_with(pattern, flags) + pattern, flags)


def _zero_width(items: list[tuple[Any, Any]]) -> bool:
    """Whether this sequence matches no character: lookarounds, anchors, groups of them."""
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.SUBPATTERN and _zero_width(list(av[3])):
            continue
        if op is sre.BRANCH and all(_zero_width(list(b)) for b in av[1]):
            continue
        return False
    return True


def class_chars(items: list[tuple[Any, Any]], widest: int) -> set[str] | None:
    """The characters of a parsed class (``[...]``'s items); None for a negated class, a
    category (``\\d``, ``\\s``) or a range of ``widest`` characters or more."""
    out: set[str] = set()
    for kind, arg in items:
        if kind is sre.LITERAL:
            out.add(chr(arg))
        elif kind is sre.RANGE and arg[1] - arg[0] < widest:
            out.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return out


def branch_union(
    branches: list[Any], read: Callable[[list[tuple[Any, Any]]], set[str] | None]
) -> set[str] | None:
    """What ``read`` finds in each branch of a parsed alternation, together; None as soon as
    one branch cannot be read."""
    out: set[str] = set()
    for branch in branches:
        got = read(list(branch))
        if got is None:
            return None
        out |= got
    return out
