"""Per-tenant sensitive-term database with context rules, matched with Aho-Corasick.

A term is a value the tenant declares sensitive (customer names, project code names, internal
host names). One automaton holds every term, so matching costs one pass over the text whatever
the number of terms. Context rules make a term sensitive only with (``require_context``) or only
without (``exclude_context``) nearby words: customer "Ronald Regan" is sensitive, while
"Ronald Reagan Airport" is a place.

Storage: inline in the policy, a YAML/CSV file, or a SQLite table an administrator manages per
tenant (:class:`TermStore`).
"""

from __future__ import annotations

import bisect
import builtins
import csv
import json
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import yaml
from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick, Implementation
from pydantic import ValidationError

from veil.casefold import fold_case
from veil.config import TermRule, legacy_term_type
from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.errors import ConfigError

TERM_SCORE = 1.0  # declared by the tenant: certain


def _joined(a: str, b: str) -> bool:
    """True if ``a`` then ``b`` are inside one word: letters run on (``nightjar|ring``), and so
    do digits (``2024|5``). ``_``, ``-`` and a change between letters and digits bound a term,
    so one inside an identifier (``project_nightjar``, ``get-nightjar-status``, ``nightjar2``)
    is found while a longer word that merely starts with it is not."""
    return (a.isalpha() and b.isalpha()) or (a.isdigit() and b.isdigit())


class KeyAutomaton:
    """An Aho-Corasick automaton finding every occurrence of a set of keys, which may be empty
    (ahocorasick-rs)."""

    __slots__ = ("_automaton", "_keys")

    def __init__(self, keys: Iterable[str], *, once: bool = False) -> None:
        self._keys = [k for k in dict.fromkeys(keys) if k]
        # once: searched in one text only; the automaton quickest to build (a DFA, the
        # default for a few keys, is quicker to search: ~66 against ~20 us to build 24 keys)
        self._automaton = AhoCorasick(
            self._keys, matchkind=MATCHKIND_STANDARD,
            implementation=Implementation.NoncontiguousNFA if once else None)

    def __len__(self) -> int:
        return len(self._keys)

    def occurrences(self, hay: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every occurrence in ``hay``, overlapping ones included, by
        end and, at one end, the longest key first."""
        keys = self._keys
        found = [(s, e, keys[k])
                 for k, s, e in self._automaton.find_matches_as_indexes(hay, overlapping=True)]
        found.sort(key=lambda o: (o[1], o[0]))
        return found


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """True if [start, end) does not cut a word at either side (see :func:`_joined`)."""
    if start > 0 and _joined(text[start - 1], text[start]):
        return False
    return not (end < len(text) and _joined(text[end - 1], text[end]))


def _phrase_rx(phrases: Iterable[str]) -> re.Pattern[str] | None:
    ps = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not ps:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


class _CompiledRule:
    __slots__ = ("rule", "require", "exclude")

    def __init__(self, rule: TermRule) -> None:
        self.rule = rule
        self.require = _phrase_rx(rule.require_context)
        self.exclude = _phrase_rx(rule.exclude_context)

    def accepts(self, text: str, start: int, end: int) -> bool:
        if self.rule.case_sensitive and text[start:end] != self.rule.term:
            return False
        w = self.rule.window
        lo, hi = max(0, start - w), min(len(text), end + w)
        if self.exclude is not None:
            # adjacent phrases always count ("Ronald Reagan Airport"), others within the window
            if self.exclude.search(text, lo, start) or self.exclude.search(text, end, hi):
                return False
            j = end
            while j < len(text) and j - end < 3 and text[j] in " \t\n-":
                j += 1
            if self.exclude.match(text, j):
                return False
        return not (self.require is not None and not (
            self.require.search(text, lo, start) or self.require.search(text, end, hi)))


#: A text's words: what :func:`_across_wide_spaces` maps back to.
_WORD = re.compile(r"\S+")


def _across_wide_spaces(
    auto: KeyAutomaton, hay: str, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` and the terms ``hay`` holds with any whitespace between their words -- a line
    wrap (with a trailing space or the next line's indent), a tab, a run of spaces: a key has
    one space between its words, so a term a pasted document or an answer wrapped
    (``Project⏎Nightjar``) was not found. ``hay`` is searched once more with its whitespace
    runs as one space each (split and joined: a regex substitution cost seven times the
    search); where that finds no more terms (a term found in ``hay`` is found there too),
    nothing else is done, else the words' offsets map the new ones back into ``hay``."""
    narrow = " ".join(hay.split())
    if narrow == hay:
        return found  # no whitespace but single spaces between words (nor at the ends)
    more = auto.occurrences(narrow)
    if len(more) <= len(found):
        return found
    seen = {(s, e) for s, e, _ in found}
    if len(narrow) == len(hay):  # each run was one character: offsets hold
        extra = [o for o in more if (o[0], o[1]) not in seen]
        return sorted([*found, *extra], key=lambda o: (o[1], o[0]))
    starts: list[int] = []  # each word's offset in ``narrow``, and in ``hay``
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _WORD.finditer(hay):
        starts.append(pos)
        spans.append(m.span())
        pos += m.end() - m.start() + 1

    def wide(i: int) -> int:
        k = bisect.bisect_right(starts, i) - 1
        return spans[k][0] + i - starts[k]

    extra = [o for o in ((wide(s), wide(e), key) for s, e, key in more)
             if (o[0], o[1]) not in seen]
    return sorted([*found, *extra], key=lambda o: (o[1], o[0]))


class TermDatabase(Recognizer):
    """Sensitive terms of one tenant, usable as a recognizer.

    >>> db = TermDatabase([TermRule(term="Ronald Regan", type="PERSON",
    ...                             exclude_context=["Airport"])])
    """

    name = "terms"
    validated = True
    local_only = True

    def __init__(self, rules: Iterable[TermRule] = (), *, name: str = "terms") -> None:
        self.name = name
        self._rules: dict[str, list[_CompiledRule]] = {}
        self.entities: tuple[str, ...] = ()
        self._automaton: KeyAutomaton | None = None
        self._lock = threading.Lock()
        self._spaced = False  # a term of several words: a text's wide spaces matter
        for r in rules:
            self._add(r)

    # -- building ------------------------------------------------------------------------------
    def _add(self, rule: TermRule) -> None:
        key = " ".join(rule.term.split())  # collapse inner whitespace (a text's: analyze)
        self._rules.setdefault(fold_case(key), []).append(_CompiledRule(rule))
        self._spaced = self._spaced or " " in key
        if rule.type not in self.entities:
            self.entities = tuple(sorted({*self.entities, rule.type}))
        self._automaton = None

    def add(self, rule: TermRule) -> None:
        with self._lock:
            self._add(rule)

    def extend(self, rules: Iterable[TermRule]) -> None:
        with self._lock:
            for r in rules:
                self._add(r)

    def __len__(self) -> int:
        return sum(len(v) for v in self._rules.values())

    @property
    def rules(self) -> list[TermRule]:
        return [c.rule for cs in self._rules.values() for c in cs]

    def _build(self) -> KeyAutomaton:
        with self._lock:
            if self._automaton is None:
                self._automaton = KeyAutomaton(self._rules)
            return self._automaton

    # -- matching ------------------------------------------------------------------------------
    def analyze(self, text: str) -> list[Detection]:
        if not self._rules or not text:
            return []
        auto = self._build()
        if not len(auto):
            return []
        hay = fold_case(text)
        found = auto.occurrences(hay)
        if self._spaced:
            found = _across_wide_spaces(auto, hay, found)
        out: list[Detection] = []
        for start, end, key in found:
            if not at_word_boundaries(text, start, end):
                continue
            for c in self._rules[key]:
                if c.accepts(text, start, end):
                    out.append(Detection(c.rule.type, start, end, TERM_SCORE, self.name,
                                         text[start:end]))
                    break
        return out

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> TermDatabase:
        return cls(load_terms_file(path))


def _rule_from_row(row: dict[str, object], where: str) -> TermRule:
    data = {k: v for k, v in row.items() if v not in (None, "")}
    for key in ("require_context", "exclude_context"):
        val = data.get(key)
        if isinstance(val, str):  # CSV cell: "a|b|c"
            data[key] = [x.strip() for x in val.split("|") if x.strip()]
    if isinstance(data.get("case_sensitive"), str):
        data["case_sensitive"] = str(data["case_sensitive"]).strip().lower() in {"1", "true", "yes"}
    try:
        return TermRule.model_validate(data)
    except ValidationError as e:
        fields = ", ".join(".".join(str(x) for x in err["loc"]) for err in e.errors())
        raise ConfigError(f"invalid term {where} (fields: {fields}); fix the terms file") from None


def load_terms_file(path: str | Path) -> list[TermRule]:
    """Read TermRules from YAML (a list, or ``{terms: [...]}``; a bare string is a term) or CSV
    (header: term,type,case_sensitive,require_context,exclude_context,window; lists use ``|``)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read terms file {p} ({type(e).__name__}); check the path "
                          "and that it is UTF-8") from None
    if p.suffix.lower() == ".csv":
        reader = csv.DictReader(raw.splitlines())
        return [_rule_from_row(dict(r), f"at {p} row {i + 2}") for i, r in enumerate(reader)]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        raise ConfigError(f"terms file {p} is not valid YAML; fix its syntax") from None
    if isinstance(data, dict):
        data = data.get("terms", [])
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"terms file {p} must hold a list of terms (or `terms: [...]`)")
    rules = []
    for i, item in enumerate(data):
        row = {"term": item} if isinstance(item, str) else item
        if not isinstance(row, dict):
            raise ConfigError(f"term #{i + 1} in {p} must be a string or a mapping")
        rules.append(_rule_from_row(row, f"#{i + 1} in {p}"))
    return rules


DEFAULT_TERM_DB = "terms.sqlite3"


def default_term_db_path() -> Path:
    """``<Settings().home>/terms.sqlite3``: where ``veil terms`` keeps the tenants' terms."""
    from veil.config import Settings

    return Settings().home / DEFAULT_TERM_DB


class TermStore:
    """A SQLite table of sensitive terms per tenant, for administrators (add/remove/list).

    ``database(tenant)`` compiles the tenant's terms into a :class:`TermDatabase`; it is cached
    and rebuilt only after a change.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS sensitive_terms ("
                " tenant TEXT NOT NULL, term TEXT NOT NULL, type TEXT NOT NULL,"
                " rule TEXT NOT NULL, PRIMARY KEY (tenant, term, type))")
            self._conn.commit()
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(f"cannot open the term database {self.path} ({type(e).__name__}); "
                              "check the path and permissions") from None
        self._lock = threading.Lock()
        self._cache: dict[str, TermDatabase] = {}

    def add(self, tenant: str, rule: TermRule) -> None:
        self.add_many(tenant, [rule])

    def add_many(self, tenant: str, rules: Iterable[TermRule], *, replace: bool = False) -> int:
        """Add (or overwrite) ``rules`` in one transaction; ``replace`` first removes the
        tenant's other terms in the same transaction."""
        rows = [(tenant, r.term, r.type, r.model_dump_json()) for r in rules]
        with self._lock, self._conn:
            if replace:
                self._conn.execute("DELETE FROM sensitive_terms WHERE tenant = ?", (tenant,))
            self._conn.executemany("INSERT OR REPLACE INTO sensitive_terms VALUES (?, ?, ?, ?)",
                                   rows)
            self._cache.pop(tenant, None)
        return len(rows)

    def remove(self, tenant: str, term: str, type: str | None = None) -> int:
        with self._lock, self._conn:
            if type is None:
                cur = self._conn.execute(
                    "DELETE FROM sensitive_terms WHERE tenant = ? AND term = ?", (tenant, term))
            else:
                cur = self._conn.execute(
                    "DELETE FROM sensitive_terms WHERE tenant = ? AND term = ? AND type = ?",
                    (tenant, term, type.upper()))
            self._cache.pop(tenant, None)
            return cur.rowcount

    def list(self, tenant: str) -> list[TermRule]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT rule FROM sensitive_terms WHERE tenant = ? ORDER BY term", (tenant,)
            ).fetchall()
        return [TermRule.model_validate(legacy_term_type(json.loads(r[0]))) for r in rows]

    def tenants(self) -> builtins.list[str]:  # `list` is a method here
        with self._lock:
            return [r[0] for r in self._conn.execute(
                "SELECT DISTINCT tenant FROM sensitive_terms ORDER BY tenant")]

    def database(self, tenant: str) -> TermDatabase:
        db = self._cache.get(tenant)
        if db is None:
            db = TermDatabase(self.list(tenant))
            self._cache[tenant] = db
        return db

    def close(self) -> None:
        with self._lock:
            self._conn.close()
