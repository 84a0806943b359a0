"""Whether a scan's cost grows linearly with its text, measured so that a busy host cannot fail it.

A pattern that backtracks costs the square of its input: four times the text takes sixteen times
as long. Wall-clock bounds on one run failed on loaded CI hosts (a scan of 0.2 s took 3 s beside
other work) and said nothing about growth. This compares the CPU time of the same call on a
quarter of the text and on the whole of it, interleaved, best of two, with the garbage collector
off: a linear scan grows about four times, a quadratic one sixteen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: the growth allowed for four times the text: linear is 4, n log n about 5, quadratic 16
GROWTH_BOUND = 8.0
#: CPU seconds below which a difference is timer and cache noise, not growth
NOISE_S = 0.05


def _cpu_s(call: Callable[[str], object], text: str) -> float:
    t0 = time.process_time()
    call(text)
    return time.process_time() - t0


def assert_linear(call: Callable[[str], object], unit: str, count: int, *,
                  head: str = "", tail: str = "") -> None:
    """``call`` on ``head + unit * count + tail`` costs at most :data:`GROWTH_BOUND` times what
    it costs on a quarter of the repetitions."""
    small = head + unit * max(1, count // 4) + tail
    whole = head + unit * count + tail
    call(small)  # lazy tables and compiled patterns are built outside the measurement
    best_small = best_whole = float("inf")
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(2):
            best_small = min(best_small, _cpu_s(call, small))
            best_whole = min(best_whole, _cpu_s(call, whole))
    finally:
        if collecting:
            gc.enable()
    assert best_whole <= GROWTH_BOUND * best_small + NOISE_S, (
        f"{len(small)} chars: {best_small:.3f} s CPU; {len(whole)} chars: {best_whole:.3f} s")
