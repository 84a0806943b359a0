from __future__ import annotations

import time
from pathlib import Path

import pytest

from veil.config import Policy, TermRule
from veil.detect import DetectionEngine, TermDatabase, TermStore, load_terms_file
from veil.errors import ConfigError


def hits(db: TermDatabase, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in db.analyze(text)]


def test_case_insensitive_whole_words() -> None:
    db = TermDatabase([TermRule(term="Project Falcon", type="project"),
                       TermRule(term="db-prod-01", type="HOSTNAME")])
    assert hits(db, "status of project falcon on db-prod-01.") == [
        ("PROJECT", "project falcon"), ("HOSTNAME", "db-prod-01")]
    assert hits(db, "db-prod-012 and Project Falcons") == []


def test_case_sensitive() -> None:
    db = TermDatabase([TermRule(term="Apple", type="CUSTOMER", case_sensitive=True)])
    assert hits(db, "an apple a day") == []
    assert hits(db, "Apple renewed") == [("CUSTOMER", "Apple")]


def test_exclude_context_reagan() -> None:
    db = TermDatabase([TermRule(term="Ronald Reagan", type="PERSON",
                                exclude_context=["Airport", "Washington National"])])
    assert hits(db, "Our customer Ronald Reagan called about his invoice.") == [
        ("PERSON", "Ronald Reagan")]
    assert hits(db, "I land at Ronald Reagan Airport tonight") == []
    assert hits(db, "I land at ronald reagan  airport tonight") == []


def test_exclude_adjacent_even_with_zero_window() -> None:
    db = TermDatabase([TermRule(term="Mercury", type="PROJECT", exclude_context=["Freddie"],
                                window=0)])
    assert hits(db, "Mercury launch") == [("PROJECT", "Mercury")]
    # exclude phrase directly after is always honoured
    db2 = TermDatabase([TermRule(term="Ronald Reagan", exclude_context=["Airport"], window=0)])
    assert hits(db2, "Ronald Reagan Airport") == []


def test_require_context() -> None:
    db = TermDatabase([TermRule(term="Jaguar", type="CUSTOMER", require_context=["account",
                                                                               "invoice"])])
    assert hits(db, "a jaguar in the zoo") == []
    assert hits(db, "the Jaguar account is overdue") == [("CUSTOMER", "Jaguar")]


def test_load_yaml_and_csv(tmp_path: Path) -> None:
    y = tmp_path / "terms.yaml"
    y.write_text("terms:\n  - Falcon\n  - term: Ronald Reagan\n    type: person\n"
                 "    exclude_context: [Airport]\n", encoding="utf-8")
    rules = load_terms_file(y)
    assert [(r.term, r.type) for r in rules] == [("Falcon", "SENSITIVE_TERM"),
                                                 ("Ronald Reagan", "PERSON")]
    c = tmp_path / "terms.csv"
    c.write_text("term,type,case_sensitive,exclude_context\nAcme,customer,true,Road|Street\n",
                 encoding="utf-8")
    (r,) = load_terms_file(c)
    assert r.case_sensitive and r.exclude_context == ["Road", "Street"] and r.type == "CUSTOMER"


def test_bad_terms_file(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("terms: [ {type: X} ]", encoding="utf-8")
    with pytest.raises(ConfigError, match="term"):
        load_terms_file(bad)
    with pytest.raises(ConfigError):
        load_terms_file(tmp_path / "missing.yaml")
    (tmp_path / "s.yaml").write_text("terms: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML"):
        load_terms_file(tmp_path / "s.yaml")


def test_store_per_tenant(tmp_path: Path) -> None:
    store = TermStore(tmp_path / "terms.sqlite3")
    store.add("acme", TermRule(term="Falcon", type="PROJECT"))
    store.add_many("acme", [TermRule(term="Osprey", type="PROJECT")])
    store.add("globex", TermRule(term="Hydra", type="PROJECT"))
    assert [r.term for r in store.list("acme")] == ["Falcon", "Osprey"]
    assert store.tenants() == ["acme", "globex"]
    db = store.database("acme")
    assert [d.text for d in db.analyze("Falcon and Hydra")] == ["Falcon"]
    assert store.remove("acme", "Falcon") == 1
    assert [d.text for d in store.database("acme").analyze("Falcon and Osprey")] == ["Osprey"]
    store.close()
    # persisted
    again = TermStore(tmp_path / "terms.sqlite3")
    assert [r.term for r in again.list("acme")] == ["Osprey"]


def test_ten_thousand_terms_are_cheap() -> None:
    rules = [TermRule(term=f"customer {i:05d}", type="CUSTOMER") for i in range(10_000)]
    db = TermDatabase(rules)
    text = "nothing here " * 80 + " customer 04242 paid"
    db.analyze(text)  # build
    t0 = time.process_time()  # CPU time: a busy host does not count
    out = db.analyze(text)
    elapsed = time.process_time() - t0
    assert [d.text for d in out] == ["customer 04242"]
    assert elapsed < 0.5  # generous bound: one automaton pass, not 10k regexes


def test_engine_uses_policy_terms_and_tenant_db(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("- term: Osprey\n  type: PROJECT\n", encoding="utf-8")
    policy = Policy(ner=False, terms=[TermRule(term="Falcon", type="PROJECT")], terms_file=f)
    eng = DetectionEngine(policy, terms=TermDatabase([TermRule(term="Hydra", type="PROJECT")]))
    assert [d.text for d in eng.analyze("Falcon, Osprey and Hydra")] == [
        "Falcon", "Osprey", "Hydra"]
