"""The load phases of ``veil bench gateway`` against the real echo upstream: every request they
count was answered, and a peer that fails is counted as failing, not as fast."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from veil.cli.bench_gateway import Peer, _run_load, _streams_once, _throughput, valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    proc, url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                 "--reply-chars", "0"], timeout_s=60)
    try:
        yield url
    finally:
        terminate(proc)


def test_throughput_counts_answered_requests(echo: str) -> None:
    prompts = [valued_prompt(i, tag=f"t{i}")[0] for i in range(50)]
    out = _run_load(_throughput(echo + "/v1/chat/completions", prompts, 4, 0.5))
    assert out["errors"] == 0
    assert out["completed"] > 10
    assert out["requests_per_second"] == pytest.approx(out["completed"] / out["seconds"])


def test_throughput_counts_refusals_as_errors(echo: str) -> None:
    prompts = [valued_prompt(0, tag="t")[0]]
    out = _run_load(_throughput(echo + "/v1/no-such-route", prompts, 2, 0.3))
    assert out["completed"] == 0
    assert out["errors"] > 0


def test_streams_are_read_to_their_end(echo: str) -> None:
    out = _run_load(_streams_once(Peer("direct", echo), 6, timeout_s=60))
    assert (out["completed"], out["errors"]) == (6, 0)
    assert out["median_ms"] > 0
