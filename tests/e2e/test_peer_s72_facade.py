"""Peer review of the documented Python facade, vault and CLI (README.md, docs/architecture.md,
docs/masking.md, docs/vault.md), black box. All values are made up."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import VEIL
from veil import Veil
from veil.config import Policy, Settings

SSN, PERSON, EMAIL, CARD = "536-22-8726", "Jane Doe", "jane.doe@example.com", "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("peer72-home")


@pytest.fixture(scope="module")
def veil(home: Path) -> Iterator[Veil]:
    yield Veil(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()))


def test_readme_example(veil: Veil) -> None:
    r = veil.protect(f"Patient {PERSON}, SSN {SSN}", session="readme")
    assert r.masked == "Patient [PERSON_1], SSN [US_SSN_1]"
    assert veil.restore("Dear [PERSON_1], ...", session="readme") == f"Dear {PERSON}, ..."


def test_entities_offsets_in_original_and_safe_repr(veil: Veil) -> None:
    text = f"Mail {EMAIL} about card {CARD}"
    r = veil.protect(text, session="offsets")
    spans = {e.type: text[e.start:e.end] for e in r.entities}
    assert spans == {"EMAIL": EMAIL, "CREDIT_CARD": CARD}
    for e in r.entities:
        assert e.replacement in r.masked and e.score > 0
    assert EMAIL not in repr(r) and CARD not in repr(r)


def test_numbering_per_session_never_restarts(veil: Veil) -> None:
    a = veil.protect(f"Write to {EMAIL}", session="num")
    b = veil.protect("Write to bob.stone@example.net", session="num")
    c = veil.protect(f"Again {EMAIL}", session="num")
    assert a.masked == "Write to [EMAIL_1]"
    assert b.masked == "Write to [EMAIL_2]"
    assert c.masked == "Again [EMAIL_1]"
    other = veil.protect("Write to bob.stone@example.net", session="num-other")
    assert other.masked == "Write to [EMAIL_1]"


def test_restore_scope_limits_to_request(veil: Veil) -> None:
    veil.protect(f"Mail {EMAIL}", session="scope")
    r = veil.protect(f"Card {CARD}", session="scope")
    scope = frozenset(e.replacement for e in r.entities)
    out = veil.restore("[EMAIL_1] and [CREDIT_CARD_1]", session="scope", scope=scope)
    assert CARD in out and EMAIL not in out
    assert EMAIL in veil.restore("[EMAIL_1]", session="scope")


def test_restore_other_session_and_tenant_is_not_restored(veil: Veil) -> None:
    veil.protect(f"Mail {EMAIL}", session="iso")
    assert EMAIL not in veil.restore("[EMAIL_1]", session="iso-other")
    veil.set_policy("another", Policy())
    assert EMAIL not in veil.restore("[EMAIL_1]", session="iso", tenant="another")


def test_stream_restorer_equals_restore(veil: Veil) -> None:
    r = veil.protect(f"Mail {EMAIL} about {CARD}", session="stream")
    answer = f"Sure: {r.masked}, done."
    whole = veil.restore(answer, session="stream")
    sr = veil.stream_restorer(session="stream")
    parts = [sr.feed(answer[i:i + 2]) for i in range(0, len(answer), 2)]
    assert "".join(parts) + sr.flush() == whole == f"Sure: Mail {EMAIL} about {CARD}, done."
    assert "[" not in "".join(parts)  # a split placeholder is held back, never shown raw


def test_tolerant_restore(veil: Veil) -> None:
    veil.protect(f"Patient {PERSON}", session="tol")
    for variant in ("[person_1]", "**[PERSON_1]**", "(PERSON_1)", "[ PERSON _1 ]", "PERSON_1"):
        assert PERSON in veil.restore(f"Dear {variant},", session="tol"), variant


def test_typed_look_alike_escaped(veil: Veil) -> None:
    r = veil.protect(f"Keep the token [US_SSN_1] as is; SSN {SSN}", session="look")
    assert "[LITERAL_1]" in r.masked
    assert veil.restore(r.masked, session="look") == f"Keep the token [US_SSN_1] as is; SSN {SSN}"


def test_non_str_input_fails_closed(veil: Veil) -> None:
    from veil.errors import VeilError

    with pytest.raises(VeilError):
        veil.protect(b"Jane Doe", session="bad")  # type: ignore[arg-type]


def test_redact_is_never_restored(home: Path) -> None:
    v = Veil(Settings(home=home / "redact", master_key=base64.b64encode(os.urandom(32)).decode()),
             policy=Policy(default_operator="redact"))
    r = v.protect(f"Mail {EMAIL}", session="r")
    assert r.masked == "Mail [REDACTED_EMAIL]"
    assert v.restore(r.masked, session="r") == r.masked


def test_pseudonym_round_trip(home: Path) -> None:
    v = Veil(Settings(home=home / "pseudo", master_key=base64.b64encode(os.urandom(32)).decode()),
             policy=Policy(default_operator="pseudonym"))
    r = v.protect(f"Mail {EMAIL}", session="p")
    assert EMAIL not in r.masked
    assert v.restore(r.masked, session="p") == f"Mail {EMAIL}"


def test_invented_placeholder_neutral_by_default(veil: Veil) -> None:
    r = veil.protect(f"Patient {PERSON}", session="inv")
    scope = frozenset(e.replacement for e in r.entities)
    out = veil.restore("[PERSON_1] met [PERSON_7].", session="inv", scope=scope)
    assert out.startswith(PERSON) and "[PERSON_7]" not in out


def test_forget_erases_session(veil: Veil) -> None:
    veil.protect(f"Mail {EMAIL}", session="erase")
    veil.forget(session="erase")
    assert EMAIL not in veil.restore("[EMAIL_1]", session="erase")


# -- vault --------------------------------------------------------------------------------------


def test_vault_interface_and_repr(tmp_path: Path) -> None:
    from veil.vault import open_vault

    vault = open_vault(Settings(home=tmp_path / "v"))
    entry = vault.get_or_create("acme", "s1", entity_type="PERSON", original=PERSON,
                                operator="placeholder", exact_key=PERSON, norm_key="jane doe",
                                propose=lambda counter, attempt: f"[PERSON_{counter}]")
    assert entry.replacement == "[PERSON_1]" and PERSON not in repr(entry)
    again = vault.get_or_create("acme", "s1", entity_type="PERSON", original=PERSON,
                                operator="placeholder", exact_key=PERSON, norm_key="jane doe",
                                propose=lambda counter, attempt: f"[PERSON_{counter}]")
    assert again.replacement == "[PERSON_1]"
    assert [e.replacement for e in vault.entries("acme", "s1")] == ["[PERSON_1]"]
    found = vault.find("acme", "s1", entity_type="PERSON", exact_key="JANE DOE",
                       norm_key="jane doe")
    assert found is not None and found.original == PERSON
    v1 = vault.version("acme", "s1")
    vault.delete_session("acme", "s1")
    assert vault.entries("acme", "s1") == [] and vault.version("acme", "s1") != v1
    vault.ping()
    # files private whatever the umask; the raw file holds no original, tenant or session name
    assert stat.S_IMODE((tmp_path / "v").stat().st_mode) == 0o700
    db = tmp_path / "v" / "vault.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "v" / "master.key").stat().st_mode) == 0o600
    vault.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "v").iterdir() if p.is_file())
    assert b"Jane" not in raw and b"acme" not in raw


def test_malformed_master_key_refused_with_hint(tmp_path: Path) -> None:
    from veil.errors import VaultKeyError
    from veil.vault import open_vault

    with pytest.raises(VaultKeyError) as info:
        open_vault(Settings(home=tmp_path / "k", master_key="not-base64-32-bytes"))
    assert "VEIL_MASTER_KEY" in str(info.value)


def test_wrong_master_key_refused(tmp_path: Path) -> None:
    from veil.errors import VaultKeyError
    from veil.vault import open_vault

    def key() -> str:
        return base64.b64encode(os.urandom(32)).decode()

    v = open_vault(Settings(home=tmp_path / "w", master_key=key()))
    v.get_or_create("acme", "s", entity_type="EMAIL", original=EMAIL, operator="placeholder",
                    exact_key=EMAIL, propose=lambda c, a: f"[EMAIL_{c}]")
    v.close()
    w = open_vault(Settings(home=tmp_path / "w", master_key=key()))
    with pytest.raises(VaultKeyError):
        w.entries("acme", "s")


# -- CLI ----------------------------------------------------------------------------------------


def cli(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(VEIL_HOME=str(home), HF_HUB_OFFLINE="1")
    return subprocess.run([VEIL, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def test_cli_protect_restore_readme(tmp_path: Path) -> None:
    r = cli("protect", "--session", "s1", "--json",
            f"Mail {EMAIL} about card {CARD}", home=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["masked"] == "Mail [EMAIL_1] about card [CREDIT_CARD_1]"
    assert {e["type"] for e in out["entities"]} == {"EMAIL", "CREDIT_CARD"}
    r = cli("restore", "--session", "s1", "Sent to [EMAIL_1].", home=tmp_path)
    assert r.stdout.strip() == f"Sent to {EMAIL}."
    r = cli("restore", "-s", "other", "Sent to [EMAIL_1].", home=tmp_path)
    assert EMAIL not in r.stdout
    r = cli("protect", "--tenant", "t2", home=tmp_path, stdin=f"Mail {EMAIL}")
    assert r.returncode == 0 and r.stdout.strip() == "Mail [EMAIL_1]"


def test_cli_bad_policy_file_is_clear(tmp_path: Path) -> None:
    r = cli("protect", "--policy", str(tmp_path / "missing.yaml"), "x", home=tmp_path)
    assert r.returncode != 0
    assert "missing.yaml" in r.stderr and "Traceback" not in r.stderr


def test_cli_terms_add_then_protect(tmp_path: Path) -> None:
    r = cli("terms", "add", "Project Nightjar", "--type", "CODENAME", "--tenant", "acme",
            home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Project Nightjar" in cli("terms", "list", "--tenant", "acme", home=tmp_path).stdout
    r = cli("protect", "--tenant", "acme", "-s", "t", "Status of Project Nightjar?",
            home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Status of [CODENAME_1]?"
    r = cli("restore", "--tenant", "acme", "-s", "t", "[CODENAME_1] is on track", home=tmp_path)
    assert r.stdout.strip() == "Project Nightjar is on track"
    # tenants are isolated: another tenant's session of the same name restores nothing
    r = cli("restore", "--tenant", "globex", "-s", "t", "[CODENAME_1]", home=tmp_path)
    assert "Nightjar" not in r.stdout


def test_cli_serve_bad_log_level_is_clear(tmp_path: Path) -> None:
    r = cli("serve", "--log-level", "loud", home=tmp_path)
    assert r.returncode != 0 and "--log-level" in r.stderr and "Traceback" not in r.stderr


def test_cli_serve_bad_kind_is_clear(tmp_path: Path) -> None:
    r = cli("serve", "--upstream-kind", "nope", home=tmp_path)
    assert r.returncode != 0 and "openai" in r.stderr


def test_cli_run_insecure_env_var_documented() -> None:
    out = subprocess.run([VEIL, "run", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "250"}, timeout=60).stdout
    assert "VEIL_INSECURE_NO_AUTH" in out


def test_loose_key_file_is_tightened(tmp_path: Path) -> None:
    from veil.vault import open_vault

    s = Settings(home=tmp_path / "kf")
    open_vault(s).close()
    key = tmp_path / "kf" / "master.key"
    key.chmod(0o644)
    with pytest.warns(UserWarning, match="chmod 600"):
        open_vault(s).close()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_cli_vault_rotation_keeps_mappings(tmp_path: Path) -> None:
    assert cli("protect", "-s", "rot", f"Mail {EMAIL}", home=tmp_path).returncode == 0
    old = (tmp_path / "master.key").read_bytes()
    r = cli("vault", "rotate-master-key", "--generate", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "master.key").read_bytes() != old
    assert cli("restore", "-s", "rot", "[EMAIL_1]", home=tmp_path).stdout.strip() == EMAIL
    assert cli("vault", "finish-master-rotation", home=tmp_path).returncode == 0
    r = cli("vault", "rotate-tenant-key", "default", home=tmp_path)
    assert r.returncode == 0 and "re-encrypted 1" in r.stdout
    assert cli("restore", "-s", "rot", "[EMAIL_1]", home=tmp_path).stdout.strip() == EMAIL


def test_cli_vault_errors_are_clear(tmp_path: Path) -> None:
    env_key = {"VEIL_MASTER_KEY": "bad"}
    r = subprocess.run([VEIL, "protect", "x"], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "VEIL_HOME": str(tmp_path), **env_key})
    assert r.returncode != 0 and "VEIL_MASTER_KEY" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([VEIL, "protect", f"Mail {EMAIL}"], capture_output=True, text=True,
                       timeout=120, env={**os.environ, "VEIL_HOME": str(tmp_path),
                                         "VEIL_VAULT_BACKEND": "redis",
                                         "VEIL_REDIS_URL": "redis://:peer72pw@127.0.0.1:1/0"})
    assert r.returncode != 0 and "127.0.0.1:1" in r.stderr
    assert "peer72pw" not in r.stderr + r.stdout and EMAIL not in r.stderr + r.stdout


def test_sliding_ttl_expiry(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path / "ttl", vault_ttl_seconds=1))
    assert v.protect(f"Mail {EMAIL} and bob.stone@example.net", session="t").masked == \
        "Mail [EMAIL_1] and [EMAIL_2]"
    import time

    time.sleep(2.1)
    assert EMAIL not in v.restore("[EMAIL_1]", session="t")
    assert v.protect("Mail bob.stone@example.net", session="t").masked == "Mail [EMAIL_1]"


def test_newer_vault_layout_refused(tmp_path: Path) -> None:
    import sqlite3

    from veil.errors import VeilError
    from veil.vault import open_vault

    s = Settings(home=tmp_path / "lay")
    open_vault(s).close()
    con = sqlite3.connect(tmp_path / "lay" / "vault.sqlite3")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(VeilError, match="upgrade Veil"):
        v = open_vault(s)
        v.entries("t", "s")


def test_cli_failures_exit_nonzero(tmp_path: Path) -> None:
    """docs/detection.md: `veil terms` errors exit 2; docs/audit.md: `verify` exits 1 on a
    tampered log. Through the installed `veil` entry point, not CliRunner."""
    import sqlite3

    r = cli("terms", "remove", "Project Nowhere", home=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("error: ")
    for term in ("Project Nightjar", "Project Kestrel"):
        assert cli("terms", "add", term, "--type", "CODENAME", home=tmp_path).returncode == 0
    r = cli("audit", "verify", home=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    con = sqlite3.connect(tmp_path / "audit.sqlite3")
    con.execute("UPDATE audit_records SET leaf = replace(leaf, 'CODENAME', 'CODENAMX')")
    con.commit()
    con.close()
    r = cli("audit", "verify", home=tmp_path)
    assert r.returncode == 1 and "TAMPERED" in r.stdout


def test_cli_term_type_must_name_a_placeholder(tmp_path: Path) -> None:
    """A type with a space gave `[SECRET PROJECT_1]`, which restored as "something": refused."""
    r = cli("terms", "add", "Project Kestrel", "--type", "secret project", home=tmp_path)
    assert r.returncode == 2 and "SECRET_PROJECT" in r.stderr
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - {term: Project Kestrel, type: x-1}\n")
    assert cli("terms", "import", str(bad), home=tmp_path).returncode == 2
    assert "Kestrel" not in cli("terms", "list", home=tmp_path).stdout
    assert cli("terms", "add", "Project Kestrel", "--type", "secret_project",
               home=tmp_path).returncode == 0
    r = cli("protect", "-s", "k", "Status of Project Kestrel", home=tmp_path)
    assert r.stdout.strip() == "Status of [SECRET_PROJECT_1]"
    r = cli("restore", "-s", "k", "[SECRET_PROJECT_1] is fine", home=tmp_path)
    assert r.stdout.strip() == "Project Kestrel is fine"


@pytest.mark.parametrize("cfg", [{"session_secret_env": "PEER72_NOT_SET"},
                                 {"upstream": {"api_key_env": "PEER72_NOT_SET"}}])
def test_serve_refuses_env_secret_that_is_unset(tmp_path: Path, cfg: dict[str, object]) -> None:
    """A named but unset variable would silently mean a random session secret per process
    (sessions split between replicas and restarts) or an upstream key of None."""
    path = tmp_path / "gateway.yaml"
    path.write_text(json.dumps(cfg))
    r = cli("serve", "--config", str(path), "--port", "0", "--upstream-base-url",
            "http://127.0.0.1:9/v1", home=tmp_path)
    assert r.returncode == 2 and "PEER72_NOT_SET" in r.stderr and "Traceback" not in r.stderr


def test_wrap_readme(veil: Veil, recording_upstream: object) -> None:
    """README: `client = veil.wrap(openai.OpenAI())`: same masking, in-process."""
    import openai

    import veil as veil_pkg
    from tests.e2e.conftest import Upstream

    assert isinstance(recording_upstream, Upstream)
    client = veil_pkg.wrap(openai.OpenAI(base_url=recording_upstream.url, api_key="k",
                                         max_retries=0), veil=veil)
    n = len(recording_upstream.bodies())
    r = client.chat.completions.create(
        model="echo", messages=[{"role": "user", "content": f"Mail {EMAIL} today"}])
    assert r.choices[0].message.content == f"Echo: Mail {EMAIL} today"
    stream = client.chat.completions.create(
        model="echo", stream=True, messages=[{"role": "user", "content": f"Card {CARD}"}])
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == \
        f"Echo: Card {CARD}"
    sent = json.dumps(recording_upstream.bodies()[n:])
    assert EMAIL not in sent and CARD not in sent
    assert [m.id for m in client.models.list()] == ["echo"]  # body-less requests pass
    with pytest.raises(Exception, match="(?i)refus|not supported|veil"):
        client.images.generate(prompt=f"portrait of {PERSON}")
    assert PERSON not in json.dumps(recording_upstream.bodies()[n:])


def test_scan_output_redacts_only_redacted_terms(veil: Veil) -> None:
    """docs/architecture.md `scan_output`; docs/gateway.md "Streaming": the hold-back window."""
    terms = [{"term": "Project Nightjar", "type": "CODENAME"}]
    veil.set_policy("scan-keep", Policy.model_validate({"terms": terms}))
    veil.set_policy("scan-redact", Policy.model_validate(
        {"terms": terms, "entities": {"CODENAME": {"operator": "redact"}}}))
    text = "Our Project Nightjar is late"
    assert veil.scan_output(text, session="s", tenant="scan-keep") == text
    assert veil.output_scan_window("scan-keep") == 0
    assert veil.scan_output(text, session="s", tenant="scan-redact") == \
        "Our [REDACTED_CODENAME] is late"
    assert veil.output_scan_window("scan-redact") == 2 * len("Project Nightjar") + 40 + 1


@pytest.mark.parametrize("var,value", [("VEIL_VAULT_BACKEND", "mongo"),
                                       ("VEIL_VIEW_CACHE_ENTRIES", "0"),
                                       ("VEIL_VAULT_TTL_SECONDS", "a-week")])
def test_bad_env_setting_is_named(tmp_path: Path, var: str, value: str) -> None:
    """A documented VEIL_* variable with a bad value names the variable (was: "internal failure
    (ValidationError)"), for protect and for serve before any embedded model starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(VEIL_HOME=str(tmp_path), **{var: value})
    for args in (["protect", "hi"], ["serve", "--port", "0"]):
        r = subprocess.run([VEIL, *args], env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and var in r.stderr and "internal failure" not in r.stderr, args
        assert len(value) < 3 or value not in r.stderr  # never echoed: one may be a key
