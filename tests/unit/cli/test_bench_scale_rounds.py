"""`veil bench scale --rounds`: one replica count summarised over its rounds."""
from __future__ import annotations

from typing import Any

from veil.cli.bench_scale import _median_point


def _run(rate: float, p50: float | None, *, wrong: int = 0, load: float = 1.0) -> dict[str, Any]:
    return {
        "replicas": 2, "requests_per_s": rate, "latency_p50_s": p50,
        "latency_p95_s": None if p50 is None else p50 * 2, "turns_ok": 10,
        "failed_conversations": 0, "client_retries": 1, "wrong_restorations": wrong,
        "lost_mappings": 0, "leaked_values": 0, "load_1min": [load, load + 1],
    }


def test_median_rate_and_summed_failures() -> None:
    point = _median_point([_run(50.0, 0.4), _run(70.0, 0.6, wrong=1, load=3.0),
                           _run(60.0, 0.5)])
    assert point["requests_per_s"] == 60.0
    assert point["requests_per_s_range"] == [50.0, 70.0]
    assert point["latency_p50_s"] == 0.5
    assert point["latency_p95_s"] == 1.0
    # One wrong restoration in any round must show in the summary, not be a median of 0.
    assert point["wrong_restorations"] == 1
    assert point["client_retries"] == 3
    assert point["turns_ok"] == 30
    assert point["load_1min"] == [1.0, 4.0]
    assert point["rounds"] == 3


def test_rounds_without_latencies() -> None:
    point = _median_point([_run(0.0, None), _run(10.0, 0.3)])
    assert point["latency_p50_s"] == 0.3
    assert _median_point([_run(0.0, None)])["latency_p50_s"] is None
