"""The load phases of ``veil bench gateway`` against the real echo upstream: every request they
count was answered, and a peer that fails is counted as failing, not as fast."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

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


def test_resent_conversations_grow_turn_by_turn() -> None:
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    bodies: list[dict[str, Any]] = []

    class Recorder(BaseHTTPRequestHandler):  # an upstream that keeps every body it gets
        def do_POST(self) -> None:  # noqa: N802 - the http.server hook's name
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            bodies.append(body)
            answer = json.dumps({"choices": [{"message": {
                "role": "assistant", "content": "Echo: " + body["messages"][-1]["content"]}}]})
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer.encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        prompts = [valued_prompt(i, tag=f"t{i}")[0] for i in range(50)]
        url = f"http://127.0.0.1:{server.server_address[1]}/v1/chat/completions"
        out = _run_load(_throughput(url, prompts, 2, 0.5, turns=3, resend=True))
    finally:
        server.shutdown()
    assert out["errors"] == 0 and out["completed"] >= 6
    assert {len(b["messages"]) for b in bodies} == {1, 3, 5}  # three turns, then a new chat
    for b in bodies:
        msgs = b["messages"]
        # each earlier answer is the one the upstream gave to the turn before it
        for k in range(1, len(msgs), 2):
            assert msgs[k] == {"role": "assistant", "content": "Echo: " + msgs[k - 1]["content"]}
