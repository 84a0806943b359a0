"""A matcher's lookup tables, grown entry by entry (and per session view by the restorer), equal
what one pass over all the entries builds: the former build, kept here as the specification."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mask.mask_testing import detect
from veil.config import Policy, Settings
from veil.mask import Masker, Restorer
from veil.mask import restorer as R
from veil.mask.names import parse_name
from veil.mask.placeholders import BASE_TYPES, CANONICAL, TypeNames, squash
from veil.mask.restorer import SessionMatcher
from veil.vault import Vault, open_vault
from veil.vault.base import VaultEntry

T = "t"


def _reference(entries: list[VaultEntry]) -> dict[str, Any]:
    """The former build's tables: one pass over the entries, then the ambiguous literals, the
    conflicting name parts and the name parts that are whole replacements taken out."""
    placeholders: dict[tuple[str, int, str], str] = {}
    spelled: dict[str, str] = {}
    literals: dict[str, str] = {}
    lit_reps: dict[str, str] = {}
    ambiguous: set[str] = set()
    for e in entries:
        if e.shared or e.operator == "redact":
            continue
        m = CANONICAL.fullmatch(e.replacement)
        if m and e.operator == "placeholder":
            placeholders[(m.group(1), int(m.group(2)), m.group(3) or "")] = e.original
            continue
        k = squash(e.replacement)
        if not k:
            continue
        spelled.setdefault(R._spelling(e.replacement), e.original)
        lit_reps.setdefault(R._spelling(e.replacement), e.replacement)
        if k in literals and squash(literals[k]) != squash(e.original):
            ambiguous.add(k)
        literals.setdefault(k, e.original)
    for k in ambiguous:
        literals.pop(k, None)
    names: dict[str, tuple[str, str]] = {}
    conflicts: set[str] = set()
    for e in entries:
        if e.entity_type != "PERSON" or e.shared or e.operator not in ("pseudonym", "synthetic"):
            continue
        op, rp = parse_name(e.original), parse_name(e.replacement)
        if len(op.order) != len(rp.order) or len(op.order) < 2:
            continue
        for i, j in zip(op.order, rp.order, strict=True):
            o = e.original[op.spans[i][0] : op.spans[i][1]]
            r = e.replacement[rp.spans[j][0] : rp.spans[j][1]]
            if len(r) < 2 or len(o) < 2:
                continue
            key = r.casefold()
            if key in names and names[key][1] != o:
                conflicts.add(key)
            names.setdefault(key, (r, o))
    for key in conflicts | set(spelled):
        names.pop(key, None)
    types = TypeNames.of(BASE_TYPES | {t for t, _, _ in placeholders})
    first = set(types.first_chars)
    max_len = types.max_len
    reps = list(lit_reps.values())
    if reps:
        max_len = max(max_len, 3 * max(len(r) for r in reps))
        first |= {c for r in reps for c in (r[0].upper(), r[0].lower())}
    if names:
        max_len = max(max_len, max(len(w) for w in names) + 1)
        first |= {f[0] for t in names for f in (names[t][0], t.upper())}
    return {"placeholders": placeholders, "spelled": list(spelled.items()),
            "literals": list(literals.items()),
            "names": [(k, v[1]) for k, v in names.items()], "max_len": max_len,
            "first_chars": frozenset(first), "runs": R._runs(reps) + R._runs(list(names))}


def _tables_of(m: SessionMatcher) -> dict[str, Any]:
    # the dictionaries' order decides the runs: compared as lists
    return {"placeholders": m.placeholders, "spelled": list(m.spelled.items()),
            "literals": list(m.literals.items()), "names": list(m.names.items()),
            "max_len": m.max_len, "first_chars": m.first_chars,
            "runs": [items if kind == R._LITERAL else tuple(t for t, _ in items)
                     for kind, items in m.runs]}


_PEOPLE = ["Jane Doe", "Jane Roe", "John Doe", "Ann Lee", "Omar Haddad", "Li Wei"]
_FAKES = ["Kathy Mclaughlin", "Kathy Brown", "Omar Haddad", "Mclaughlin Kathy", "Bo Tran",
          "Li Wei", "Ann Leeds"]
_POOL = (
    [VaultEntry("PERSON", o, r, op, 0.0) for o in _PEOPLE for r in _FAKES
     for op in ("pseudonym", "synthetic")]
    + [VaultEntry("PHONE", o, r, "pseudonym", 0.0)
       for o in ("4111 1111", "4111-1111", "5222 0000") for r in ("+1 415 555", "+1-415-555")]
    + [VaultEntry("LOCATION", "Paris", r, "pseudonym", 0.0) for r in ("Kathy", "Brown", "wei")]
    + [VaultEntry("EMAIL", "a@x.org", "b@y.net", "synthetic", 0.0),
       VaultEntry("PERSON", "Jane", "Kathy", "pseudonym", 0.0, shared=True),
       VaultEntry("PERSON", "Jane Doe", "[PERSON_1]", "placeholder", 0.0),
       VaultEntry("PERSON", "Jane Roe", "[PERSON_1]", "placeholder", 0.0),
       VaultEntry("PERSON", "Jane", "[PERSON_1_FIRST]", "placeholder", 0.0),
       VaultEntry("CUSTOMER_ID", "C-1", "[CUSTOMER_ID_1]", "placeholder", 0.0),
       VaultEntry("PHONE", "5222 0000", "[REDACTED]", "redact", 0.0),
       VaultEntry("PERSON", "X Y", "...", "pseudonym", 0.0)]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_POOL), max_size=40), st.lists(st.integers(1, 6), max_size=12))
def test_tables_grown_piece_by_piece_equal_one_pass(entries, cuts) -> None:  # type: ignore[no-untyped-def]
    grown = R._Tables()
    start = 0
    for size in [*cuts, len(entries)]:
        grown.add(entries[start : start + size])
        start += size
        if start >= len(entries):
            break
    want = _reference(entries)
    assert _tables_of(SessionMatcher.of(grown.copy())) == want
    assert _tables_of(SessionMatcher.build(entries)) == want


def test_a_matcher_keeps_its_tables_as_the_session_grows() -> None:
    grown = R._Tables()
    grown.add(_POOL[:3])
    first = SessionMatcher.of(grown.copy())
    before = _tables_of(first)
    grown.add(_POOL[3:])  # a conflict and a whole replacement take name parts out
    assert _tables_of(first) == before
    assert _tables_of(SessionMatcher.of(grown.copy())) == _reference(_POOL)


def test_a_whole_replacement_takes_a_name_part_out_whichever_comes_first() -> None:
    person = VaultEntry("PERSON", "Jane Doe", "Kathy Mclaughlin", "pseudonym", 0.0)
    place = VaultEntry("LOCATION", "Paris", "Kathy", "pseudonym", 0.0)
    for entries in ([person, place], [place, person]):
        grown = R._Tables()
        for e in entries:
            grown.add([e])
        assert list(grown.names) == ["mclaughlin"]
        assert _tables_of(SessionMatcher.of(grown)) == _reference(entries)


def test_the_restorers_whole_session_tables_follow_two_writers(tmp_path, master_key) -> None:
    # ids arrive out of order in one process's view: the tables are built again in id order
    s = Settings(home=tmp_path, master_key=master_key, vault_backend="sqlite")
    a, b = open_vault(s), open_vault(s)
    try:
        pa, pb = (Masker(v, Policy(default_operator="pseudonym")) for v in (a, b))
        r = Restorer(a)

        def write(masker: Masker, person: str, **kw: Any) -> None:
            text = f"Ask {person}"
            masker.mask(text, detect(text, [("PERSON", person)]), tenant=T, session="s", **kw)

        write(pa, "Jane Doe")
        r.matcher(tenant=T, session="s")  # tables of the session so far, extended from there
        stale = a.view(T, "s")
        write(pb, "Omar Haddad")  # the other process: an id a's view has not read yet
        write(pa, "Li Wei", view=stale)  # a's own: a later id, added to a's view first
        view = a.view(T, "s")
        assert view.added_since(0) != view.entries  # the case tested
        m = r.matcher(tenant=T, session="s")
        assert _tables_of(m) == _tables_of(SessionMatcher.build(view.entries, view.types))
        assert [o for _, o in _tables_of(m)["spelled"]] == ["Jane Doe", "Omar Haddad", "Li Wei"]
    finally:
        a.close()
        b.close()


def test_the_restorer_extends_a_sessions_tables_entry_by_entry(vault: Vault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    m, r = Masker(vault, Policy(default_operator="pseudonym")), Restorer(vault)
    added: list[int] = []
    add = R._Tables.add

    def counted(self: R._Tables, entries: Any) -> None:
        entries = list(entries)
        if self is r._views[vault.view(T, "g")].tables.tables:  # the restorer's, not a reference's
            added.append(len(entries))
        add(self, entries)

    monkeypatch.setattr(R._Tables, "add", counted)
    for k in range(12):
        text = f"Write to Person{k} Lastname{k} at p{k}@example.org"
        res = m.mask(text, detect(text, [("PERSON", f"Person{k} Lastname{k}"),
                                         ("EMAIL", f"p{k}@example.org")]),
                     tenant=T, session="g")
        answer = " / ".join(e.replacement for e in res.entities)
        assert r.restore(answer, tenant=T, session="g") == \
            f"Person{k} Lastname{k} / p{k}@example.org"
        matcher = r.matcher(tenant=T, session="g")
        view = vault.view(T, "g")
        assert _tables_of(matcher) == _tables_of(SessionMatcher.build(view.entries, view.types))
    assert added == [2] * 12  # each request's two new entries, never the whole session again
