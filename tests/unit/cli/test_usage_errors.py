"""Usage errors (an unknown option, a bad value) reach the user as click shows them, with exit
code 2: never as an "internal failure"."""

from __future__ import annotations

import sys

import pytest

from veil.cli.app import main


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["veil", *argv])
    with pytest.raises(SystemExit) as exit_:
        main()
    code = exit_.value.code
    return int(code) if isinstance(code, int) else 1, capsys.readouterr().err


def test_an_unknown_option_is_named(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(monkeypatch, capsys, "protect", "--bogus-option", "x")
    assert code == 2
    assert "No such option: --bogus-option" in err
    assert "internal failure" not in err


def test_a_bad_value_refused_by_a_command_says_what_to_do(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(monkeypatch, capsys, "bench", "worstcase", "--sizes", "16")
    assert code == 2
    assert "--sizes needs two sizes or more" in err
    assert "internal failure" not in err


@pytest.mark.parametrize("held,says", [("0,many", "--held takes whole numbers"),
                                       ("300,-1", "--held sizes cannot be negative")])
def test_bench_vault_refuses_session_sizes_it_cannot_read(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], held: str,
        says: str) -> None:
    code, err = _run(monkeypatch, capsys, "bench", "vault", "--held", held, "--backends",
                     "sqlite")
    assert code == 2
    assert says in err
    assert "internal failure" not in err


def test_bench_vault_refuses_an_operator_whose_values_do_not_come_back(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(monkeypatch, capsys, "bench", "vault", "--held", "0", "--backends",
                     "sqlite", "--held-operator", "redact")
    assert code == 2
    assert "--held-operator takes placeholder, pseudonym or synthetic" in err
    assert "internal failure" not in err
