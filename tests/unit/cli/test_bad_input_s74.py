"""Bad input to the ``veil`` command line: a clear one-line error with exit code 2 (usage
errors too), never a traceback, nothing created for an unknown name, nothing lost, and no
secret, prompt or detected value in what is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.shell import run_veil
from tests.unit.vault.shared import EMAIL, key_ids, new_key
from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault.crypto import PREVIOUS

_run = run_veil


@pytest.fixture
def vault(home: Path) -> Path:
    """A vault whose tenant ``acme`` masked EMAIL as [EMAIL_1] in session ``s1``."""
    with SQLiteVault(Settings()) as v:
        v.get_or_create("acme", "s1", entity_type="EMAIL", original=EMAIL,
                        operator="placeholder", exact_key=EMAIL,
                        propose=lambda counter, attempt: f"[EMAIL_{counter}]")
        return v.path


# ------------------------------------------------------------------------------ veil vault
def test_rotate_tenant_key_of_an_unknown_tenant_creates_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    before = key_ids(vault)
    code, out, err = _run(monkeypatch, capsys, "vault", "rotate-tenant-key", "acmee")
    assert code == 2 and "no tenant 'acmee'" in err and "data key" not in out
    assert key_ids(vault) == before
    code, out, _ = _run(monkeypatch, capsys, "vault", "rotate-tenant-key", "acme")
    assert code == 0 and "re-encrypted 1" in out


def test_rotate_tenant_key_refuses_a_name_the_audit_log_cannot_record(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    before = key_ids(vault)
    for name in ("", "acme corp"):
        code, _, err = _run(monkeypatch, capsys, "vault", "rotate-tenant-key", name)
        assert code == 2 and "must be an identifier" in err
    assert key_ids(vault) == before  # nothing rotated unaudited


@pytest.mark.parametrize("argv", [["rotate-tenant-key", "acme"], ["finish-master-rotation"],
                                  ["rotate-master-key", "--generate"]])
def test_vault_commands_on_a_misspelt_home_create_no_vault(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        argv: list[str]) -> None:
    code, _, err = _run(monkeypatch, capsys, "vault", *argv)
    assert code == 2 and "no vault at" in err and "nothing was created" in err
    assert not home.exists()


def test_finish_master_rotation_without_the_new_key_drops_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path) -> None:
    old, new = new_key(), new_key()
    monkeypatch.setenv("VEIL_MASTER_KEY", old)
    with SQLiteVault(Settings()) as v:
        v.keys("acme")
        path = v.path
    monkeypatch.setenv("VEIL_NEW_MASTER_KEY", new)
    assert _run(monkeypatch, capsys, "vault", "rotate-master-key")[0] == 0
    monkeypatch.delenv("VEIL_NEW_MASTER_KEY")  # a new shell, the new key not at hand
    code, out, err = _run(monkeypatch, capsys, "vault", "finish-master-rotation")
    assert code == 2 and "nothing was dropped" in err and "dropped" not in out
    assert any(k.endswith(PREVIOUS) for k in key_ids(path))
    assert old not in out + err and new not in out + err
    monkeypatch.setenv("VEIL_MASTER_KEY", new)
    code, out, _ = _run(monkeypatch, capsys, "vault", "finish-master-rotation")
    assert code == 0 and "dropped 1" in out


def test_a_vault_whose_key_file_is_missing_is_refused_not_given_a_new_key(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path,
        home: Path) -> None:
    (home / "master.key").unlink()
    for argv in (["restore", "--tenant", "acme", "-s", "s1", "[EMAIL_1]"],
                 ["vault", "rotate-tenant-key", "acme"]):
        code, out, err = _run(monkeypatch, capsys, *argv)
        assert code == 2 and "key file" in err and "is missing" in err
        assert EMAIL not in out + err
    assert not (home / "master.key").exists()


def test_custodian_keygen_refuses_a_name_that_is_a_path(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    code, _, err = _run(monkeypatch, capsys, "vault", "custodian-keygen", "../evil", "--out",
                        str(tmp_path / "keys"))
    assert code == 2 and "plain name" in err
    assert not (tmp_path / "evil.key").exists() and not (tmp_path / "evil.pub").exists()


def test_unseal_against_an_unreachable_gateway_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    from veil.vault.custody import generate_custodian_key

    generate_custodian_key(tmp_path / "alice.key", tmp_path / "alice.pub", passphrase=None)
    monkeypatch.setenv("VEIL_ADMIN_KEY", "admin-secret-s74")
    base = ["vault", "unseal", "--custodian", "alice", "--private-key",
            str(tmp_path / "alice.key")]
    code, out, err = _run(monkeypatch, capsys, *base, "--url", "https://127.0.0.1:1")
    assert code == 2 and "cannot reach the gateway at https://127.0.0.1:1" in err
    code, out, err = _run(monkeypatch, capsys, *base, "--ca-bundle", str(tmp_path / "none.pem"))
    assert code == 2 and "cannot load the CA bundle" in err
    assert "admin-secret-s74" not in out + err


# ------------------------------------------------------------------------ protect / restore
def test_restore_for_an_unknown_tenant_or_vault_creates_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = _run(monkeypatch, capsys, "restore", "-s", "s1", "[EMAIL_1]")
    assert code == 2 and "no vault at" in err
    assert not home.exists()


def test_restore_for_an_unknown_tenant_is_refused(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    before = key_ids(vault)
    code, out, err = _run(monkeypatch, capsys, "restore", "--tenant", "acmee", "-s", "s1",
                          "Sent to [EMAIL_1].")
    assert code == 2 and "no tenant 'acmee'" in err and out == ""
    assert key_ids(vault) == before  # no key made for the misspelt tenant


def test_restore_for_an_unknown_session_returns_the_text_unchanged_and_says_why(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    code, out, err = _run(monkeypatch, capsys, "restore", "--tenant", "acme", "-s", "s9",
                          "Sent to [EMAIL_1].")
    assert code == 0 and out == "Sent to [EMAIL_1].\n"  # not "Sent to an email address."
    assert "session 's9'" in err and "unchanged" in err
    code, out, _ = _run(monkeypatch, capsys, "restore", "--tenant", "acme", "-s", "s1",
                        stdin=b"Sent to [EMAIL_1].")
    assert code == 0 and out == f"Sent to {EMAIL}.\n"


def test_restore_refuses_stdin_that_is_not_utf8(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    code, out, err = _run(monkeypatch, capsys, "restore", "--tenant", "acme", "-s", "s1",
                          stdin=b"[EMAIL_1] \xff\xfe")
    assert code == 2 and "not valid UTF-8" in err and EMAIL not in out + err


def test_protect_refuses_oversized_stdin_before_reading_it_all(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path) -> None:
    import veil.core

    monkeypatch.setattr(veil.core, "MAX_TEXT_CHARS", 10)
    code, out, err = _run(monkeypatch, capsys, "protect", stdin=f"{EMAIL} {'x' * 60}".encode())
    assert code == 2 and "the limit is 10 characters" in err and "split it" in err
    assert EMAIL not in out + err


def test_protect_jsonl_takes_a_line_that_is_not_utf8_as_one_bad_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    import json

    policy = tmp_path / "policy.yaml"
    policy.write_text("ner: false\n")
    lines = (b'{"text": "mail bob@example.com"}\n\xff{"text": "' + EMAIL.encode() + b'"}\n'
             b'{"text": "mail carol@example.com"}\n')
    code, out, err = _run(monkeypatch, capsys, "protect", "--jsonl", "--policy", str(policy),
                          stdin=lines)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 3 and len(rows) == 3  # every line done; 3: some failed (s75)
    assert "line 2 is not valid UTF-8" in rows[1]["error"]
    assert rows[0]["masked"] == "mail [EMAIL_1]" and rows[2]["masked"] == "mail [EMAIL_2]"
    assert "1 line(s) failed" in err
    assert EMAIL not in out + err and "bob@example.com" not in out + err


def test_protect_jsonl_refuses_a_text_argument(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = _run(monkeypatch, capsys, "protect", "--jsonl", f"mail {EMAIL}")
    assert code == 2 and "drop the TEXT argument" in err and EMAIL not in out + err


# ------------------------------------------------------------------------------ veil terms
def test_terms_list_and_remove_create_no_database(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    typo = tmp_path / "temrs.sqlite3"
    code, out, err = _run(monkeypatch, capsys, "terms", "list", "--db", str(typo))
    assert code == 0 and out == "" and "no term database at" in err  # nothing to list
    code, out, _ = _run(monkeypatch, capsys, "terms", "list", "--json", "--db", str(typo))
    assert code == 0 and out.strip() == "[]"
    code, _, err = _run(monkeypatch, capsys, "terms", "remove", "X", "--db", str(typo))
    assert code == 2 and "no such term" in err and "nothing was created" in err
    assert not typo.exists()


def test_terms_import_of_an_empty_file_with_replace_keeps_the_terms(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    db = str(tmp_path / "t.sqlite3")
    assert _run(monkeypatch, capsys, "terms", "add", "Project Nightjar", "--tenant", "acme",
                "--db", db)[0] == 0
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    code, _, err = _run(monkeypatch, capsys, "terms", "import", str(empty), "--replace",
                        "--tenant", "acme", "--db", db)
    assert code == 2 and "holds no terms" in err
    code, out, _ = _run(monkeypatch, capsys, "terms", "list", "--tenant", "acme", "--db", db)
    assert code == 0 and "Project Nightjar" in out


def test_terms_add_for_a_tenant_the_audit_log_refuses_writes_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    db = tmp_path / "t.sqlite3"
    code, out, err = _run(monkeypatch, capsys, "terms", "add", "Project Nightjar", "--tenant",
                          "acme corp", "--db", str(db))
    assert code == 2 and "must be an identifier" in err
    assert not db.exists() and "Nightjar" not in out + err


def test_terms_list_of_an_unknown_tenant_says_so(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    db = str(tmp_path / "t.sqlite3")
    _run(monkeypatch, capsys, "terms", "add", "Project Nightjar", "--tenant", "acme", "--db", db)
    code, out, err = _run(monkeypatch, capsys, "terms", "list", "--tenant", "acmee", "--db", db)
    assert code == 0 and out == "" and "no terms for tenant 'acmee'" in err


# ------------------------------------------------------------------------------ veil audit
def test_audit_file_errors_are_clear(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        vault: Path) -> None:
    assert _run(monkeypatch, capsys, "vault", "rotate-tenant-key", "acme")[0] == 0  # a record
    code, _, err = _run(monkeypatch, capsys, "audit", "verify", "--public-key",
                        str(tmp_path / "none.pub"))
    assert code == 2 and "cannot read the public key file" in err
    code, _, err = _run(monkeypatch, capsys, "audit", "prove", "0", "-o",
                        str(tmp_path / "no" / "dir" / "p.json"))
    assert code == 2 and "cannot write" in err
    code, out, err = _run(monkeypatch, capsys, "audit", "verify", "--witness",
                          str(tmp_path / "w.json"))
    assert code == 0 and "was not checked against it" in err


@pytest.mark.parametrize("argv", [["show", "--limit", "-1"], ["show", "--start", "-5"],
                                  ["tail", "-n", "-3"]])
def test_audit_refuses_negative_counts(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        argv: list[str]) -> None:
    code, _, err = _run(monkeypatch, capsys, "audit", *argv)
    assert code == 2 and "Invalid value" in err


# ----------------------------------------------------------------------------- veil attest
def test_attest_errors_are_clear_and_keep_the_api_key_out(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    expect = tmp_path / "m.yaml"
    expect.write_text("mrtd: " + "ab" * 48 + "\n")
    monkeypatch.setenv("VEIL_API_KEY", "sk-tenant-s74")
    base = ["attest", "verify", "--expect", str(expect), "--pccs-url", "https://pccs.invalid"]
    code, out, err = _run(monkeypatch, capsys, *base, "https://127.0.0.1:1")
    assert code == 1 and "cannot reach the gateway at https://127.0.0.1:1" in out + err
    code, out, err = _run(monkeypatch, capsys, *base, "https://127.0.0.1:1", "--ca-bundle",
                          str(tmp_path / "none.pem"))
    assert code == 2 and "cannot load the CA bundle" in err
    code, out, err = _run(monkeypatch, capsys, *base, "gateway.example:8443")
    assert code == 2 and "must be https://host:port" in err
    assert "sk-tenant-s74" not in out + err


# ------------------------------------------------------------------------------ veil serve
@pytest.mark.parametrize("argv,says", [
    (["--port", "70000"], "Invalid value for '--port'"),
    (["--upstream-base-url", "api.example.com/v1?key=sk-upstream-s74"],
     "upstream base URL must be http(s)://"),
    (["--upstream-base-url", "https://127.0.0.1:9/v1", "--upstream-ca-bundle", "none.pem"],
     "cannot load the upstream CA bundle none.pem"),
    (["--fd", "987654", "--upstream-base-url", "http://127.0.0.1:9/v1"], "not an open socket"),
])
def test_serve_refuses_bad_options_before_starting(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        argv: list[str], says: str) -> None:
    from veil.gateway import runner

    def started(*a: object, **k: object) -> None:
        raise AssertionError("the gateway started")

    monkeypatch.setattr(runner, "serve", started)
    code, out, err = _run(monkeypatch, capsys, "serve", *argv)
    assert code == 2 and says in err
    assert "sk-upstream-s74" not in out + err


# ---------------------------------------------------------------- eval / bench / crypto args
@pytest.mark.parametrize("argv,says", [
    (["bench", "roundtrip", "--seeds", "1,x"], "--seeds takes whole numbers"),
    (["bench", "roundtrip", "--seeds", ","], "--seeds needs at least one number"),
    (["bench", "detect", "--seeds", "a"], "--seeds takes whole numbers"),
    (["eval", "gateway", "--seeds", "q"], "--seeds takes whole numbers"),
    (["eval", "obfuscation", "--alphas", "a,b"], "--alphas takes numbers"),
    (["eval", "modes", "--mpc-protocols", "FOO"], "unknown: FOO"),
    (["crypto", "bench", "--protocols", ",,"], "--protocols takes some of ABY3"),
    (["crypto", "bench-classifier", "--protocols", "FOO"], "unknown: FOO"),
    (["crypto", "precision", "--depths", "1,a"], "--depths takes whole numbers"),
    (["crypto", "precision", "--presets", "zzz"], "unknown: zzz"),
])
def test_benchmark_arguments_are_checked_before_anything_runs(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path, argv: list[str], says: str) -> None:
    code, _, err = _run(monkeypatch, capsys, *argv, "--out", str(tmp_path / "out"))
    assert code == 2 and says in err
    assert not (tmp_path / "out").exists()  # no report written, none overwritten
