"""`veil bench instructions --gateway N`: the split of a gateway request's instructions, the
passes' prompts, and the option's checks (the counts themselves need valgrind: not here)."""

from __future__ import annotations

import pytest
import typer

from veil.cli import bench_gateway_instructions as bgi
from veil.cli import bench_instructions as bi

_PER_REQUEST = {"direct": 1_000.0, "plain": 9_000.0, "direct_stream": 1_500.0,
                "stream": 10_500.0, "protect": 6_000.0, "detect": 4_500.0}


def test_the_split_subtracts_the_echo_and_the_core() -> None:
    d = bgi.derived(_PER_REQUEST)
    assert d["added_plain"] == 8_000.0
    assert d["added_stream"] == 9_000.0
    assert d["masking_and_vault"] == 1_500.0
    assert d["gateway_own_plain"] == 2_000.0
    assert d["gateway_own_stream"] == 3_000.0


def test_the_report_has_every_pass_and_the_split() -> None:
    passes = {p: {"instructions_per_request": v,
                  "by_kind_per_request": {"interpreter": v * 0.75, "SQLite": v * 0.25}}
              for p, v in _PER_REQUEST.items()}
    text = bgi.markdown({"requests": 6, "passes": passes, "derived": bgi.derived(_PER_REQUEST)})
    assert "| **total** | **1** | **9** | **2** | **10** | **6** | **4** |" in text
    assert "| gateway own plain | 2 |" in text
    assert "| masking and vault | 2 |" in text


def test_each_pass_reads_new_prompts_of_the_same_shapes() -> None:
    from veil.cli.bench_gateway import valued_prompt

    n = 6
    sets = [bgi.prompts(k, n) for k in range(len(bgi.PASSES))]
    assert len({t for s in sets for t in s}) == n * len(sets)  # no prompt met twice (the memo)
    # the same number of values in each pass's i-th prompt
    for i in range(n):
        counts = {len(valued_prompt((k + 1) * bgi._SEED_STEP + i, tag="x")[1])
                  for k in range(len(bgi.PASSES))}
        assert len(counts) == 1
    assert all(900 < len(t) <= 1024 for s in sets for t in s)


def test_no_negative_gateway_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bi, "run", lambda **_: pytest.fail("must not run"))
    with pytest.raises(typer.BadParameter, match="--gateway"):
        bi.bench_instructions(short=0, kb=0, gateway=-1)
    with pytest.raises(typer.BadParameter, match="at least one"):
        bi.bench_instructions(short=0, kb=0, gateway=0)
