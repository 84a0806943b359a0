"""`veil terms add|remove|list|import` over the SQLite TermStore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veil.cli.app import app
from veil.detect import TermStore

runner = CliRunner()


def _veil(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["terms", *args])
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "t.sqlite3")


def test_add_list_remove_roundtrip(db: str) -> None:
    code, out, _ = _veil("add", "Ronald Regan", "--type", "customer", "--exclude", "Airport",
                         "--tenant", "acme", "--db", db)
    assert code == 0, out
    code, out, _ = _veil("add", "Project Falcon", "--tenant", "acme", "--db", db,
                         "--require", "launch", "--case-sensitive")
    assert code == 0
    code, out, _ = _veil("list", "--tenant", "acme", "--db", db, "--json")
    assert code == 0
    rules = {r["term"]: r for r in json.loads(out)}
    assert rules["Ronald Regan"]["type"] == "CUSTOMER"
    assert rules["Ronald Regan"]["exclude_context"] == ["Airport"]
    assert rules["Project Falcon"]["case_sensitive"] is True
    assert rules["Project Falcon"]["require_context"] == ["launch"]
    # the store the engine reads sees the same rules, and they apply their context
    eng_db = TermStore(db).database("acme")
    hits = [d.text for d in eng_db.analyze(
        "Invoice for Ronald Regan, due on Friday as agreed. The plane leaves from Ronald Regan "
        "Airport.")]
    assert hits == ["Ronald Regan"]
    # tenants are separate
    code, out, _ = _veil("list", "--tenant", "other", "--db", db)
    assert code == 0 and out.strip() == ""
    code, out, _ = _veil("list", "--tenants", "--db", db)
    assert out.split() == ["acme"]
    code, out, _ = _veil("remove", "Ronald Regan", "--tenant", "acme", "--db", db)
    assert code == 0 and "removed 1" in out
    code, out, _ = _veil("list", "--tenant", "acme", "--db", db)
    assert "Ronald Regan" not in out and "Project Falcon" in out


def test_remove_missing_term_is_a_clear_error(db: str) -> None:
    code, _, err = _veil("remove", "Nobody", "--tenant", "acme", "--db", db)
    assert code == 2
    assert "no such term" in err and "veil terms list" in err


def test_add_rejects_invalid_rule(db: str) -> None:
    code, _, err = _veil("add", "X", "--window", "-3", "--db", db)
    assert code == 2 and "window" in err


def test_import_yaml_and_csv(tmp_path: Path, db: str) -> None:
    y = tmp_path / "t.yaml"
    y.write_text("- term: Jaguar\n  type: customer\n  require_context: [invoice]\n- Bluebird\n")
    code, out, _ = _veil("import", str(y), "--tenant", "acme", "--db", db)
    assert code == 0 and "imported 2 terms" in out
    c = tmp_path / "t.csv"
    c.write_text("term,type,exclude_context\nOrion,PROJECT,belt|constellation\n")
    code, out, _ = _veil("import", str(c), "--tenant", "acme", "--db", db, "--replace")
    assert code == 0 and "imported 1 term " in out
    rules = TermStore(db).list("acme")
    assert [(r.term, r.type, r.exclude_context) for r in rules] == [
        ("Orion", "PROJECT", ["belt", "constellation"])]


def test_import_bad_file_writes_nothing(tmp_path: Path, db: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- term: Good\n- {term: Bad, window: -1}\n")
    code, _, err = _veil("import", str(bad), "--tenant", "acme", "--db", db)
    assert code == 2 and "invalid term" in err
    assert TermStore(db).list("acme") == []
    code, _, err = _veil("import", str(tmp_path / "missing.yaml"), "--db", db)
    assert code == 2 and "cannot read terms file" in err


def test_default_db_lives_under_veil_home(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "home"))
    code, _, _ = _veil("add", "Zephyr", "--tenant", "t1")
    assert code == 0
    assert [r.term for r in TermStore(tmp_path / "home" / "terms.sqlite3").list("t1")] == ["Zephyr"]
