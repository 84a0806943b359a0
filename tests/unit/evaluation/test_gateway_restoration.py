"""Restoration scoring of ``veil eval gateway`` on a real Veil (patterns only: no model load)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from veil import Policy, Settings, Veil
from veil.evaluation.gateway_restoration import (
    EXTRA_PLACEHOLDER,
    RestorationScores,
    evaluate_prompt,
    exact_restore,
    extra_cases,
    stream_restore,
)


@pytest.fixture
def veil(tmp_path: Path) -> Veil:
    s = Settings(home=tmp_path, master_key=base64.b64encode(os.urandom(32)).decode())
    v = Veil(s, policy=Policy(ner=False))
    for op in ("placeholder", "pseudonym", "redact"):
        v.set_policy(op, Policy(ner=False, default_operator=op))
    return v


def test_exact_restore_replaces_longest_first() -> None:
    mapping = {"[EMAIL_1]": "a@b.io", "[EMAIL_11]": "c@d.io"}
    assert exact_restore("[EMAIL_11] and [EMAIL_1]", mapping) == "c@d.io and a@b.io"
    assert exact_restore("[email_1]", mapping) == "[email_1]"  # the baseline is case-exact


def test_stream_restore_joins_feed_and_flush() -> None:
    fed: list[str] = []

    def feed(chunk: str) -> str:
        fed.append(chunk)
        return chunk.upper()

    assert stream_restore(feed, lambda: "!", "abcdefg", 3) == "ABCDEFG!"
    assert fed == ["abc", "def", "g"]


def test_extra_cases_cover_every_kind_and_expectation() -> None:
    cs = extra_cases("[PERSON_2]", "Ann Lee", "placeholder")
    assert {c.kind for c in cs} == set(EXTRA_PLACEHOLDER)
    plural = next(c for c in cs if c.kind == "plural_outside")
    assert "[PERSON_2]s" in plural.altered and "Ann Lees" in plural.expected
    assert extra_cases("not a placeholder", "x", "placeholder") == []
    assert {c.kind for c in extra_cases("Bo Li", "Ann Lee", "pseudonym")} == {"plural"}


def test_scores_arithmetic() -> None:
    sc = RestorationScores()
    sc.add("a", batch_ok=True, stream_ok=True, exact_ok=False)
    sc.add("a", batch_ok=True, stream_ok=False, exact_ok=False)
    sc.add("b", batch_ok=False, stream_ok=False, exact_ok=True)
    sc.prompts, sc.round_trip_ok = 4, 3
    d = sc.as_dict()
    assert d["cases"] == 3
    assert d["success"] == pytest.approx(2 / 3)
    assert d["stream_success"] == pytest.approx(1 / 3)
    assert d["exact_only_success"] == pytest.approx(1 / 3)
    assert d["round_trip"] == 0.75
    assert d["by_kind"]["a"] == {"cases": 2, "success": 1.0, "stream_success": 0.5,
                                 "exact_only_success": 0.0}


def test_evaluate_prompt_on_real_veil(veil: Veil) -> None:
    text = "Mail jane.roe@example.org and call +1 415 555 0100."
    sc = RestorationScores()
    masked = evaluate_prompt(veil, text, tenant="placeholder", session="s1",
                             operator="placeholder", scores=sc, case_index=[0])
    assert "jane.roe@example.org" not in masked
    d = sc.as_dict()
    assert d["round_trip"] == 1.0
    # two replacements x one case per alteration kind
    assert d["cases"] > 2 * 30
    # exact replacement restores the unaltered form only: it must lose to the tolerant restorer
    assert d["by_kind"]["exact"]["exact_only_success"] == 1.0
    assert d["by_kind"]["lower"]["exact_only_success"] == 0.0
    assert d["by_kind"]["lower"]["success"] == 1.0
    assert d["success"] > d["exact_only_success"]


def test_redact_is_scored_for_leakage_only(veil: Veil) -> None:
    sc = RestorationScores()
    masked = evaluate_prompt(veil, "Mail jane.roe@example.org", tenant="redact", session="s2",
                             operator="redact", scores=sc, case_index=[0])
    assert "jane.roe@example.org" not in masked
    assert sc.prompts == 1 and sc.as_dict()["cases"] == 0
