"""The restorer's per-view scope index picks exactly the entries a full read of the session
would, in the same order, however the session's entries arrived."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mask.mask_testing import detect
from veil.config import Policy, Settings
from veil.mask import Masker, Restorer
from veil.mask.placeholders import canonical
from veil.mask.restorer import _ScopeIndex
from veil.vault import Vault, open_vault
from veil.vault.base import VaultEntry

T = "t"


def _reference(entries: list[VaultEntry], scope: frozenset[str]) -> list[VaultEntry]:
    """The former full scan, kept as the specification."""
    families = {canonical(r) for r in scope}
    return [e for e in entries if e.replacement in scope
            or (e.operator == "placeholder" and canonical(e.replacement) in families)]


def _fill(a: Vault, b: Vault) -> list[str]:
    """A session written by two processes (two vaults on one file): placeholders, linked
    variants ("Jane" after "Jane Doe"), pseudonyms; the first process sees the second one's
    lower ids only after its own higher ones, so its view's arrival order is not id order."""
    pm, pb = Masker(a, Policy()), Masker(b, Policy())
    ps = Masker(a, Policy(default_operator="pseudonym"))
    people = [("Jane", "Doe"), ("Omar", "Haddad"), ("Li", "Wei"), ("Ana", "Silva")]
    for first, last in people:
        full = f"{first} {last}"
        pm.mask(f"{full} wrote", detect(f"{full} wrote", [("PERSON", full)]), tenant=T,
                session="s")
        pm.mask(f"{first} again", detect(f"{first} again", [("PERSON", first)]), tenant=T,
                session="s")
    stale = a.view(T, "s")
    for k in range(6):  # the other process: ids a's view has not read yet
        mail = f"user{k}@example.org"
        pb.mask(f"mail {mail}", detect(f"mail {mail}", [("EMAIL", mail)]), tenant=T, session="s")
    # a's own commit: ids after b's, added to a's view before b's are read
    phone = "+44 20 7946 0958"
    ps.mask(f"call {phone} or Karl Berg",
            detect(f"call {phone} or Karl Berg", [("PHONE", phone), ("PERSON", "Karl Berg")]),
            tenant=T, session="s", view=stale)
    view = a.view(T, "s")
    reps = [e.replacement for e in view.entries]
    assert len(reps) == 4 * 2 + 6 + 2
    assert any(r.endswith("_FIRST]") for r in reps)  # linked variants are there
    return reps


def test_scope_index_follows_two_writers(tmp_path, master_key) -> None:
    s = Settings(home=tmp_path, master_key=master_key, vault_backend="sqlite")
    a, b = open_vault(s), open_vault(s)
    try:
        reps = _fill(a, b)
        view = a.view(T, "s")
        added = view.added_since(0)
        assert added != view.entries  # arrival order differs from id order: the case tested
        index = _ScopeIndex()
        index.extend(view)
        scopes = [frozenset(), frozenset(reps), frozenset({"[PERSON_1]"}),
                  frozenset({"[PERSON_2_FIRST]"}), frozenset({reps[-1], "not a replacement"})]
        for scope in scopes:
            assert index.select(scope) == _reference(view.entries, scope)
        assert len(index.select(frozenset({"[PERSON_1]"}))) == 2  # the person and "Jane"
    finally:
        a.close()
        b.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_scope_index_equals_a_full_scan(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("scope")
    s = Settings(home=home, master_key="A" * 43 + "=", vault_backend="sqlite")
    a, b = open_vault(s), open_vault(s)
    try:
        reps = _fill(a, b)
        view = a.view(T, "s")
        index = _ScopeIndex()
        index.extend(view)
        noise = ["[PERSON_9]", "[EMAIL_1_FIRST]", "PERSON_1", "Jane"]
        scope = frozenset(data.draw(st.lists(st.sampled_from(reps + noise), max_size=8)))
        assert index.select(scope) == _reference(view.entries, scope)
    finally:
        a.close()
        b.close()


def test_restorer_index_grows_with_the_view(vault: Vault) -> None:
    m, r = Masker(vault, Policy()), Restorer(vault)
    scopes = []
    for k in range(30):
        text = f"Write to Person{k} Lastname{k} at p{k}@example.org"
        res = m.mask(text, detect(text, [("PERSON", f"Person{k} Lastname{k}"),
                                         ("EMAIL", f"p{k}@example.org")]),
                     tenant=T, session="g")
        scope = frozenset(e.replacement for e in res.entities)
        scopes.append((res, scope))
        # each answer restores its own values only, through the index built so far
        answer = " / ".join(e.replacement for e in res.entities)
        assert r.restore(answer, tenant=T, session="g", scope=scope) == \
            f"Person{k} Lastname{k} / p{k}@example.org"
    view = vault.view(T, "g")
    index = r._views[view].scopes
    assert index.indexed == len(view) == 60  # read once, entry by entry, as the view grew
    first, scope = scopes[0]
    # an earlier answer's placeholder is not restored in a later request's scope
    assert r.restore(first.entities[0].replacement, tenant=T, session="g",
                     scope=scopes[-1][1]) == first.entities[0].replacement


def test_one_session_grown_by_threads_restores_each_request(vault: Vault) -> None:
    """Four threads grow one session at once (pseudonyms: the known people and the name parts
    in use are read while another thread extends them); every request restores its own text
    through its scope."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    m, r = Masker(vault, Policy(default_operator="pseudonym")), Restorer(vault)
    barrier = threading.Barrier(4)

    def work(t: int) -> int:
        barrier.wait()
        ok = 0
        for k in range(1, 26):
            person = f"Zorana{t}x{k}y Quillfeather{t}x{k}y"
            earlier = f"Quillfeather{t}x{k - 1}y"  # an earlier person by surname (k = 0: none)
            text = f"Ask {person} (q{t}x{k}@example.org) and {earlier}."
            values = [("PERSON", person), ("EMAIL", f"q{t}x{k}@example.org")]
            if k > 1:
                values.append(("PERSON", earlier))
            res = m.mask(text, detect(text, values), tenant=T, session="threads")
            scope = frozenset(e.replacement for e in res.entities)
            assert not any(v in res.masked for _, v in values)
            ok += r.restore(res.masked, tenant=T, session="threads", scope=scope) == text
        return ok

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(work, range(4))) == [25, 25, 25, 25]
    assert len(vault.view(T, "threads")) >= 4 * 25 * 2
