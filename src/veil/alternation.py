"""Many literals as one regex alternation, shaped as a prefix tree."""

from __future__ import annotations

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
