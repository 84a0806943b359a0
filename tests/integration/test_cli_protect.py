"""`veil protect` / `veil restore` as a user runs them (real subprocesses, real vault)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

VEIL = [sys.executable, "-m", "veil.cli.app"]


@pytest.fixture
def env(tmp_path):
    e = dict(os.environ, VEIL_HOME=str(tmp_path / "home"), HF_HUB_OFFLINE="1")
    pol = tmp_path / "policy.yaml"
    pol.write_text("ner: false\n")
    return e, str(pol)


def run(args, env, stdin: bytes | None = None):
    return subprocess.run(VEIL + args, input=stdin, capture_output=True, env=env, timeout=120)


def test_protect_json_then_restore(env):
    e, pol = env
    text = "Card 4111 1111 1111 1111, mail jane.doe@example.com"
    out = run(["protect", "--session", "s1", "--policy", pol, "--json", text], e)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert "4111" not in r["masked"] and "jane.doe" not in r["masked"]
    assert {x["type"] for x in r["entities"]} == {"CREDIT_CARD", "EMAIL"}
    for x in r["entities"]:
        assert set(x) >= {"type", "start", "end", "replacement", "score"}
    back = run(["restore", "--session", "s1"], e, stdin=r["masked"].encode())
    assert back.stdout.decode().rstrip("\n") == text


def test_jsonl_keeps_going_after_a_bad_line(env):
    e, pol = env
    lines = b'{"text": "mail a@b.example", "session": "x"}\nnot json\n{"text": "ip 10.1.2.3"}\n'
    out = run(["protect", "--jsonl", "--policy", pol], e, stdin=lines)
    assert out.returncode == 3  # every line handled, one failed (docs/cli.md)
    rows = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert len(rows) == 3 and "error" in rows[1]
    assert rows[0]["session"] == "x" and "a@b.example" not in rows[0]["masked"]
    assert "10.1.2.3" not in rows[2]["masked"]


def test_bad_input_is_a_clear_error_not_a_traceback(env, tmp_path):
    e, pol = env
    out = run(["protect", "--policy", pol], e, stdin=b"\xff\xfe card 4111111111111111")
    assert out.returncode == 2 and b"UTF-8" in out.stderr and b"Traceback" not in out.stderr
    assert b"4111" not in out.stdout + out.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities: [1,\n")
    out = run(["protect", "--policy", str(bad), "x"], e)
    assert out.returncode == 2 and b"not valid YAML" in out.stderr
    assert b"Traceback" not in out.stderr
