"""The command line as a careless operator or an attacker drives it: a batch with failed lines
says so in its exit status, huge or binary input is refused a line at a time, an interrupted or
cut-off batch says where to resume, an error stays on one line, key files are written only as
new private files (never through a link, never half), and several ``veil protect`` processes
share one vault."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.cli.shell import run_veil
from tests.unit.vault.shared import EMAIL
from veil.config import Settings
from veil.vault import SQLiteVault

VEIL = [sys.executable, "-c", "from veil.cli.app import main; main()"]


_run = run_veil


@pytest.fixture
def no_ner(tmp_path: Path) -> Path:
    policy = tmp_path / "policy.yaml"
    policy.write_text("ner: false\n")
    return policy


# ------------------------------------------------------------------ 2. protect --jsonl status
def test_protect_jsonl_exits_3_when_a_line_failed_and_still_does_every_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        no_ner: Path) -> None:
    lines = (b'{"text": "mail bob@example.com"}\n'
             b'{"text": 42}\n'
             b'not json\n'
             b'{"text": "mail ' + EMAIL.encode() + b'"}\n')
    code, out, err = _run(monkeypatch, capsys, "protect", "--jsonl", "--policy", str(no_ner),
                          stdin=lines)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 3 and len(rows) == 4
    assert [("error" in r) for r in rows] == [False, True, True, False]
    assert rows[3]["masked"] == "mail [EMAIL_2]"
    assert "2 line(s) failed" in err and "exit status 3" in err
    assert EMAIL not in out + err


def test_protect_jsonl_exits_0_when_every_line_went_through(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        no_ner: Path) -> None:
    code, out, err = _run(monkeypatch, capsys, "protect", "--jsonl", "--policy", str(no_ner),
                          stdin=b'{"text": "mail bob@example.com"}\n\n')
    assert code == 0 and len(out.splitlines()) == 1 and err == ""


class _Stdin(io.BytesIO):
    """stdin that records the largest piece any single read took from it."""

    most = 0

    def _took(self, data: bytes) -> bytes:
        _Stdin.most = max(_Stdin.most, len(data))
        return data

    def read(self, size: int | None = -1) -> bytes:
        return self._took(super().read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._took(super().read1(size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._took(super().readline(size))

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = super().readinto(b)
        _Stdin.most = max(_Stdin.most, n)
        return n


def test_protect_jsonl_refuses_a_huge_line_without_holding_it_whole(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        no_ner: Path) -> None:
    import veil.core

    monkeypatch.setattr(veil.core, "MAX_TEXT_CHARS", 100)
    huge = b'{"text": "' + EMAIL.encode() + b" " + b"x" * 200_000 + b'"}\n'
    stdin = _Stdin(huge + b'{"text": "mail bob@example.com"}\n')
    code, out, err = _run(monkeypatch, capsys, "protect", "--jsonl", "--policy", str(no_ner),
                          stdin=stdin)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 3 and len(rows) == 2
    assert "line 1" in rows[0]["error"] and "split it" in rows[0]["error"]
    assert rows[1]["masked"] == "mail [EMAIL_1]"
    assert _Stdin.most < 100_000  # read in bounded pieces, never the 200 KB line at once
    assert EMAIL not in out + err


def test_protect_refuses_binary_stdin(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path,
        no_ner: Path) -> None:
    code, out, err = _run(monkeypatch, capsys, "protect", "--policy", str(no_ner),
                          stdin=b"\x7fELF\x02\x01\x01\x00" + os.urandom(64) + b"\xff")
    assert code == 2 and "not valid UTF-8" in err and out == ""


# ---------------------------------------------------------- interrupted or cut-off batches
def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(VEIL_HOME=str(home), VEIL_DETECT_WORKERS="0", PYTHONUNBUFFERED="1")
    return env


def test_sigint_in_the_middle_of_a_batch_says_where_to_resume_and_keeps_what_was_done(
        home: Path, no_ner: Path) -> None:
    proc = subprocess.Popen([*VEIL, "protect", "--jsonl", "--policy", str(no_ner), "-s", "b"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(home))
    assert proc.stdin is not None and proc.stdout is not None
    done = []
    for value in ("ann@example.com", "bob@example.com"):
        proc.stdin.write(json.dumps({"text": f"mail {value}"}).encode() + b"\n")
        proc.stdin.flush()
        done.append(json.loads(proc.stdout.readline()))  # line handled: its result is out
    proc.send_signal(signal.SIGINT)  # while it waits for line 3
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    text = err.decode()
    assert "Traceback" not in text and "line 3" in text and "tail -n +3" in text
    assert [d["masked"] for d in done] == ["mail [EMAIL_1]", "mail [EMAIL_2]"]
    with SQLiteVault(Settings(home=home)) as v:  # everything that was answered is stored
        assert [e.original for e in v.entries("default", "b")] == [
            "ann@example.com", "bob@example.com"]


def test_a_batch_whose_reader_went_away_says_which_lines_were_not_done(
        home: Path, no_ner: Path) -> None:
    proc = subprocess.Popen([*VEIL, "protect", "--jsonl", "--policy", str(no_ner)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(home))
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b'{"text": "mail ann@example.com"}\n')
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["masked"] == "mail [EMAIL_1]"
    proc.stdout.close()  # `veil protect --jsonl < in | head -1`
    proc.stdin.write(b'{"text": "mail bob@example.com"}\n')
    proc.stdin.close()
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=120)
    assert proc.returncode == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert "output was closed" in err and "tail -n +2" in err


# ----------------------------------------------------------------------- errors stay one line
def test_an_error_naming_a_path_with_a_newline_stays_on_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "h\nerror: vault unsealed, all good"))
    code, out, err = _run(monkeypatch, capsys, "restore", "-s", "s1", "[EMAIL_1]")
    assert code == 2 and "no vault at" in err
    assert err.count("\n") == 1 and "\\n" in err  # the newline shown, not obeyed


# -------------------------------------------------------------------- key files of the CLI
def test_custodian_keygen_never_writes_through_a_link(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    keys, outside = tmp_path / "keys", tmp_path / "outside"
    keys.mkdir()
    outside.mkdir()
    (keys / "alice.pub").symlink_to(outside / "planted.pub")  # dangling: exists() says no
    code, _, err = _run(monkeypatch, capsys, "vault", "custodian-keygen", "alice", "--out",
                        str(keys))
    assert code == 2 and "alice.pub exists" in err
    assert list(outside.iterdir()) == [] and not (keys / "alice.key").exists()


def _no_space(*a: object, **k: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_custodian_keygen_on_a_full_disk_leaves_no_half_key_pair(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    keys = tmp_path / "keys"
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", _no_space)
        code, _, err = _run(m, capsys, "vault", "custodian-keygen", "alice", "--out",
                            str(keys))
    assert code == 2 and "No space left on device" in err and "nothing was written" in err
    assert list(keys.iterdir()) == []
    code, _, _ = _run(monkeypatch, capsys, "vault", "custodian-keygen", "alice", "--out",
                      str(keys))
    assert code == 0  # the same name works once there is space
    assert stat.S_IMODE((keys / "alice.key").stat().st_mode) == 0o600


def test_vault_init_on_a_full_disk_keeps_the_key_file(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    pytest.importorskip("Crypto")
    from veil.vault.custody import generate_custodian_key

    specs = []
    for name in ("alice", "bob"):
        generate_custodian_key(tmp_path / f"{name}.key", tmp_path / f"{name}.pub",
                               passphrase=None)
        specs += ["--custodian", f"{name}={tmp_path / f'{name}.pub'}"]
    with SQLiteVault(Settings()) as v:
        v.get_or_create("acme", "s1", entity_type="EMAIL", original=EMAIL,
                        operator="placeholder", exact_key=EMAIL,
                        propose=lambda counter, attempt: f"[EMAIL_{counter}]")
    key = (home / "master.key").read_bytes()
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", _no_space)
        code, _, err = _run(m, capsys, "vault", "init", "--shares", "2", "--threshold", "2",
                            *specs)
    assert code == 2 and "No space left on device" in err and "nothing was changed" in err
    assert (home / "master.key").read_bytes() == key  # still the one whole key
    assert sorted(p.name for p in home.iterdir() if "custody" in p.name) == []


def test_vault_init_never_overwrites_what_a_linked_key_file_points_at(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path) -> None:
    pytest.importorskip("Crypto")
    from veil.vault.custody import generate_custodian_key

    specs = []
    for name in ("alice", "bob"):
        generate_custodian_key(tmp_path / f"{name}.key", tmp_path / f"{name}.pub",
                               passphrase=None)
        specs += ["--custodian", f"{name}={tmp_path / f'{name}.pub'}"]
    with SQLiteVault(Settings()):
        pass
    backup = tmp_path / "secrets" / "master.key"  # the key kept on a secrets mount, linked
    backup.parent.mkdir()
    (home / "master.key").rename(backup)
    (home / "master.key").symlink_to(backup)
    kept = backup.read_bytes()
    code, out, err = _run(monkeypatch, capsys, "vault", "init", "--shares", "2", "--threshold",
                          "2", *specs)
    assert code == 0, err
    assert backup.read_bytes() == kept  # not overwritten through the link
    assert not os.path.lexists(home / "master.key")
    assert str(backup) in out and "still holds the whole key" in out


def test_key_files_the_cli_writes_are_0600_whatever_the_umask(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        home: Path, no_ner: Path) -> None:
    old = os.umask(0)
    try:
        assert _run(monkeypatch, capsys, "protect", "--policy", str(no_ner),
                    f"mail {EMAIL}")[0] == 0
        key_file = home / "master.key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert _run(monkeypatch, capsys, "vault", "rotate-master-key", "--generate")[0] == 0
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert _run(monkeypatch, capsys, "vault", "custodian-keygen", "carol", "--out",
                    str(tmp_path / "k"))[0] == 0
        assert stat.S_IMODE((tmp_path / "k" / "carol.key").stat().st_mode) == 0o600
    finally:
        os.umask(old)
    for p in home.iterdir():  # the database, its log, the key and its lock: none for others
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, p.name


# ------------------------------------------------------------ several processes, one vault
def test_concurrent_protect_processes_on_one_new_vault_agree(home: Path, no_ner: Path) -> None:
    values = [f"user{i}@example.com" for i in range(12)]
    batches = []
    for k in range(3):  # overlapping values, each process in its own order
        mine = values[k:] + values[:k]
        batches.append(b"".join(json.dumps({"text": f"mail {v}"}).encode() + b"\n"
                                for v in mine))
    procs = [subprocess.Popen([*VEIL, "protect", "--jsonl", "--policy", str(no_ner), "-s", "s"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=_env(home)) for _ in batches]
    results = [p.communicate(b, timeout=180) for p, b in zip(procs, batches, strict=True)]
    assert [p.returncode for p in procs] == [0, 0, 0], [e[-500:] for _, e in results]
    seen: dict[str, set[str]] = {}
    for (out, _), k in zip(results, range(3), strict=True):
        mine = values[k:] + values[:k]
        for v, line in zip(mine, out.decode().splitlines(), strict=True):
            seen.setdefault(v, set()).add(json.loads(line)["masked"])
    assert all(len(s) == 1 for s in seen.values()), seen  # one mapping per value
    assert len({next(iter(s)) for s in seen.values()}) == len(values)  # none shared
    with SQLiteVault(Settings(home=home)) as v:
        assert sorted(e.original for e in v.entries("default", "s")) == sorted(values)
