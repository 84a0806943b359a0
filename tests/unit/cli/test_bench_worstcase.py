"""`veil bench worstcase`: growth exponents from timings, shapes flagged when they grow faster
than linear or run over the budget, and shapes of the asked size."""

from __future__ import annotations

import pytest

from veil.cli.bench_worstcase import SHAPES, SUPERLINEAR, growth, markdown, measure


class _Clock:
    """A clock that a fake protect() moves by the cost it is given for a text's length."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_growth_is_the_slope_of_log_time_against_log_size() -> None:
    assert growth([1, 4], [1.0, 4.0]) == pytest.approx(1.0)
    assert growth([1, 4, 16], [1.0, 16.0, 256.0]) == pytest.approx(2.0)
    # fewer than two measurements (the others skipped): no slope
    assert growth([1, 4, 16], [1.0]) is None
    # the slope runs to the last size measured, not the last size asked
    assert growth([1, 2, 16], [1.0, 2.0]) == pytest.approx(1.0)


def test_a_quadratic_shape_is_flagged_and_a_linear_one_is_not() -> None:
    clock = _Clock()
    shapes = {"linear": SHAPES["digits"], "quadratic": SHAPES["name list without 'and'"]}
    costs = {"linear": (1e-6, 1.0), "quadratic": (1e-9, 2.0)}

    def run(text: str) -> None:
        which = "linear" if text[0] == "1" else "quadratic"
        clock.now += costs[which][0] * len(text) ** costs[which][1]

    out = measure(shapes, [64, 4, 16], run, budget_s=1e9, clock=clock)
    assert out["linear"]["sizes_kb"] == [4, 16, 64]  # sizes are taken in ascending order
    assert out["linear"]["growth"] == pytest.approx(1.0, abs=0.01)
    assert not out["linear"]["superlinear"]
    assert out["quadratic"]["growth"] == pytest.approx(2.0, abs=0.01)
    assert out["quadratic"]["superlinear"] and out["quadratic"]["growth"] > SUPERLINEAR
    per_kb = out["linear"]["ms_per_kb"]
    assert per_kb[0] == pytest.approx(per_kb[-1], rel=0.01)


def test_a_shape_over_the_budget_skips_its_larger_sizes() -> None:
    clock = _Clock()
    calls: list[int] = []

    def run(text: str) -> None:
        calls.append(len(text))
        clock.now += 1e-9 * len(text) ** 2

    # 4 KB: ~0.017 s, 16 KB: ~0.27 s > the budget: 64 KB is never tried
    out = measure({"q": SHAPES["digits"]}, [4, 16, 64], run, budget_s=0.1, clock=clock)
    assert max(calls) < 64 * 1024
    row = out["q"]
    assert row["over_budget"] and row["superlinear"]
    assert row["sizes_kb"] == [4, 16] and len(row["seconds"]) == 2
    result = {"config": {"sizes_kb": [4, 16, 64], "ner_backend": "learned", "budget_s": 0.1,
                         "machine": "test"},
              "load_start": [0.0, 0.0, 0.0], "load_end": [0.0, 0.0, 0.0], "shapes": out}
    text = markdown(result)
    assert "| q |" in text and "skipped" in text and "over budget" in text
    assert "1 of 1 shapes grow faster than linear: q." in text
    assert "Over the budget, larger sizes skipped: q." in text


def test_a_slow_call_at_the_largest_size_is_no_flag() -> None:
    clock = _Clock()

    def run(text: str) -> None:
        clock.now += 1e-4 * len(text)  # linear: 1.6 s at 16 KB, 6.5 s at 64 KB

    row = measure({"d": SHAPES["digits"]}, [16, 64], run, budget_s=2.0, clock=clock)["d"]
    assert not row["over_budget"] and not row["superlinear"]


def test_a_slow_first_call_is_retried_and_the_fastest_kept() -> None:
    clock = _Clock()
    costs = iter([0.5, 0.01, 0.02])

    def run(text: str) -> None:
        clock.now += next(costs, 0.01)

    out = measure({"d": SHAPES["digits"]}, [1, 2], run, budget_s=10, clock=clock)
    assert out["d"]["seconds"][0] == pytest.approx(0.01)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_gives_about_the_size_asked(shape: str) -> None:
    for chars in (1024, 16 * 1024):
        text = SHAPES[shape](chars)
        assert chars * 0.9 <= len(text) <= chars, (shape, len(text))
    assert "," not in shape  # --shapes takes a comma-separated list of names
