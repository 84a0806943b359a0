"""A session's matcher cut into runs of replacements (kept compiled) restores what one pattern
of all of them restored, whole and streamed, and a grown session recompiles only its newest
runs."""

from __future__ import annotations

import dataclasses

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil.alternation import trie_pattern
from veil.mask import restorer as R
from veil.mask.restorer import SessionMatcher, StreamRestorer
from veil.vault.base import VaultEntry

# pseudonyms whose longer forms come in later runs than their prefixes ("Ann Lee" first,
# "Ann Leeds" after the filler), numbers whose separators differ, a literal that starts with
# a pseudonym's name part ("Zed Street 5", "Zed" of "Zed Quinn")
_HEAD = [
    ("PERSON", "Jane Doe", "Ann Lee"), ("PERSON", "Ana Silva", "Kathy Mclaughlin"),
    ("PHONE", "+44 20 7946 0959", "+1 415 555 01"), ("EMAIL", "oh@example.org", "ann@lee.ne"),
    ("PERSON", "Maria Rossi", "Lee Ann"), ("PERSON", "Sara Nunez", "Zed Quinn"),
]
_TAIL = [
    ("PERSON", "Omar Haddad", "Ann Leeds"), ("PERSON", "Li Wei", "Ann Lee-Smith"),
    ("PERSON", "Karl Berg", "Kathy Mac"), ("PHONE", "+44 20 7946 0958", "+1 415 555 0100"),
    ("EMAIL", "jd@example.org", "ann@lee.net"), ("LOCATION", "Baker Street 9", "Zed Street 5"),
]
_PSEUDONYMS = _HEAD + _TAIL


def _alpha(k: int) -> str:
    """k in letters ("a", "b", ... "ba"): names hold no digit."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if not k:
            return out


def _entries(n: int) -> list[VaultEntry]:
    """The pseudonyms above, then n more people: several runs of each kind."""
    out = [VaultEntry(t, o, r, "pseudonym", 0.0) for t, o, r in _HEAD]
    out += [VaultEntry("PERSON", f"Real{_alpha(k)} Person{_alpha(k)}",
                       f"Fake{_alpha(k)} Name{_alpha(k % 7)}x{_alpha(k)}", "pseudonym", 0.0)
            for k in range(n)]
    out += [VaultEntry(t, o, r, "pseudonym", 0.0) for t, o, r in _TAIL]
    out.append(VaultEntry("PERSON", "Jo Grant", "[PERSON_1]", "placeholder", 0.0))
    return out


def _one_pattern(m: SessionMatcher, entries: list[VaultEntry]) -> SessionMatcher:
    """The same matcher with the former single pattern: every literal and name part in one
    alternation (kept here as the specification)."""
    lit = {R._spelling(e.replacement): e.replacement for e in entries
           if e.operator != "placeholder" and R.squash(e.replacement)}
    reps = sorted(lit.values(), key=len, reverse=True)
    alts = [r"(?P<lit>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt]))(?:"
            + trie_pattern([R._literal_atoms(r) for r in reps]) + r")(?=s?(?![\p{L}\p{N}])))"]
    tables = R._Tables()
    tables.add(entries)
    if tables.names:
        words = sorted(tables.names, key=len, reverse=True)
        forms = [w for t in words for w in (tables.generated[t], t.upper())]
        alts.append(r"(?P<tok>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt]))(?-i:"
                    + trie_pattern([[regex.escape(c) for c in f] for f in forms])
                    + r")(?![\p{L}\p{N}]))")
    one = regex.compile("|".join(alts), regex.IGNORECASE | regex.V0)
    return dataclasses.replace(m, patterns=(m.patterns[0], one), kinds=(R._TOKEN, R._LITERAL))


_ENTRIES = _entries(90)
_NEW = SessionMatcher.build(_ENTRIES)
_OLD = _one_pattern(_NEW, _ENTRIES)
_WORDS = ([r for _, _, r in _PSEUDONYMS] + [e.replacement for e in _ENTRIES[10:100:7]]
          + ["Ann", "Lee", "LEE", "Kathy", "Mac", "Zed", "ZED", "Zed Street", "Fakem", "FAKEBA",
             "Namedxd", "s", "'s", ",",
             "\\n",
             "[PERSON_1]", "PERSON_1", "ann@lee.net.", "+1 415-555-0100", "ANN LEEDS"])


def test_a_session_of_many_values_is_cut_into_runs_of_each_kind() -> None:
    kinds = _NEW.kinds
    assert kinds[0] == R._TOKEN and kinds.count(R._LITERAL) >= 3 and kinds.count(R._NAME) >= 3
    assert len(_NEW.patterns) == len(kinds)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14),
       st.lists(st.sampled_from([" ", "", "  ", "\n", "-"]), min_size=14, max_size=14))
def test_runs_restore_what_one_pattern_restored(words, gaps) -> None:  # type: ignore[no-untyped-def]
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    assert _NEW.restore(text) == _OLD.restore(text)
    for cut in (1, len(text) // 2, len(text) - 1):  # streamed in two pieces as well
        if 0 < cut < len(text):
            s = StreamRestorer(_NEW)
            assert s.feed(text[:cut]) + s.feed(text[cut:]) + s.flush() == _OLD.restore(text)


def test_the_longest_replacement_wins_across_runs() -> None:
    entries = _entries(90)
    m = SessionMatcher.build(entries)
    runs = R._runs([e.replacement for e in entries[:-1]])  # the placeholder is not a literal
    assert "Ann Lee" in runs[0] and "Ann Leeds" in runs[-1]  # the case tested
    assert m.restore("Dear Ann Leeds and Ann Lee-Smith, Ann Lee, +1 415 555 0100") == \
        "Dear Omar Haddad and Li Wei, Jane Doe, +44 20 7946 0958"
    # a literal wins over a name part at one start: the street, not "Sara Street 5"
    assert m.restore("at Zed Street 5, ask Zed") == "at Baker Street 9, ask Sara"


def _all_runs(entries: list[VaultEntry]) -> list[tuple[str, ...]]:
    lits = [e.replacement for e in entries if e.operator != "placeholder"]
    tables = R._Tables()
    tables.add(entries)
    return R._runs(lits) + R._runs(list(tables.names))


def test_a_grown_session_compiles_only_its_newest_runs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    built: list[object] = []  # every run's pattern made (regex's own cache aside)
    for name in ("_literal_pattern", "_name_pattern"):
        make = getattr(R, name)
        monkeypatch.setattr(R, name, lambda run, make=make: built.append(run) or make(run))
    before = _entries(200)
    first = SessionMatcher.build(before)
    compiled = len(built)
    grown = _entries(203)
    second = SessionMatcher.build(grown, runs=first.runs)
    more = len(built)
    old, new = _all_runs(before), _all_runs(grown)
    changed = [r for r in new if r not in old]
    assert more - compiled == len(changed) and 0 < len(changed) < len(new) // 2
    assert new[0] == old[0] and len(new[0]) >= 128  # the largest run: compiled once
    assert second.patterns[1] is first.patterns[1]
    # only the runs the grown matcher uses are handed on: none it dropped is kept
    assert len(second.runs) == len(second.patterns) - 1
    k = _alpha(202)
    assert SessionMatcher.build(grown).restore(f"Fake{k} Name{_alpha(202 % 7)}x{k}") == \
        f"Real{k} Person{k}"
    assert SessionMatcher.build(grown).restore(f"Dear Fake{k},") == f"Dear Real{k},"


def test_the_restorer_hands_a_sessions_runs_to_its_next_matcher(vault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.mask.mask_testing import detect
    from veil.config import Policy
    from veil.mask import Masker, Restorer

    m, r = Masker(vault, Policy(default_operator="pseudonym")), Restorer(vault)
    built: list[object] = []
    make = R._literal_pattern
    monkeypatch.setattr(R, "_literal_pattern", lambda run: built.append(run) or make(run))
    texts = [f"Write to Person{_alpha(k)} Lastname{_alpha(k)} now" for k in range(40)]
    for t in texts:
        m.mask(t, detect(t, [("PERSON", t[9:-4])]), tenant="t", session="g")
    first = r.matcher(tenant="t", session="g")  # the whole session: one run of 32, one of 8
    assert len(built) == 2
    t = "Write to Personzz Lastnamezz now"
    res = m.mask(t, detect(t, [("PERSON", t[9:-4])]), tenant="t", session="g")
    second = r.matcher(tenant="t", session="g")
    assert second is not first and len(built) == 3  # the run of 32 reused, the last remade
    assert r.restore(res.masked, tenant="t", session="g") == t
    view = vault.view("t", "g")
    assert r._views[view].runs[True] is second.runs
