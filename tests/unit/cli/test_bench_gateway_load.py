"""The load phases of ``veil bench gateway`` against the real echo upstream: every request they
count was answered, and a peer that fails is counted as failing, not as fast."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from veil.cli.bench_gateway import (
    Peer,
    _latency,
    _run_load,
    _streams_once,
    _throughput,
    valued_prompt,
)
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


def _recorder(bodies: list[tuple[str, dict[str, Any]]], name: str = "") -> Any:
    """An upstream that keeps every body it gets (with ``name`` and the session header) and
    echoes the last message; the caller shuts it down."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server hook's name
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            bodies.append((name + " " + (self.headers.get("x-veil-session") or ""), body))
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
    return server


def test_resent_conversations_grow_turn_by_turn() -> None:
    received: list[tuple[str, dict[str, Any]]] = []
    server = _recorder(received)
    try:
        prompts = [valued_prompt(i, tag=f"t{i}")[0] for i in range(50)]
        url = f"http://127.0.0.1:{server.server_address[1]}/v1/chat/completions"
        out = _run_load(_throughput(url, prompts, 2, 0.5, turns=3, resend=True))
    finally:
        server.shutdown()
    assert out["errors"] == 0 and out["completed"] >= 6
    bodies = [b for _, b in received]
    assert {len(b["messages"]) for b in bodies} == {1, 3, 5}  # three turns, then a new chat
    for b in bodies:
        msgs = b["messages"]
        # each earlier answer is the one the upstream gave to the turn before it
        for k in range(1, len(msgs), 2):
            assert msgs[k] == {"role": "assistant", "content": "Echo: " + msgs[k - 1]["content"]}


@pytest.mark.parametrize("in_row", [False, True])
def test_latency_sends_each_peer_its_prompts_interleaved_or_in_a_row(in_row: bool) -> None:
    from rich.progress import Progress

    received: list[tuple[str, dict[str, Any]]] = []
    servers = {n: _recorder(received, n) for n in ("direct", "veil", "other")}
    try:
        peers = [Peer(n, f"http://127.0.0.1:{servers[n].server_address[1]}")
                 for n in ("direct", "veil", "other")]
        with Progress(disable=True) as progress:
            out, _ = _latency(peers[1:], peers[0], 4, False, progress, in_row=in_row)
    finally:
        for server in servers.values():
            server.shutdown()
    order = [who.split(" ")[0] for who, _ in received]
    assert len(order) == (7 * 4 if in_row else 7 * 3)  # 4 measured + 3 warm-up prompts
    if in_row:  # every peer's prompts in one block, each right after the same prompt direct
        assert order == ["direct", "veil"] * 7 + ["direct", "other"] * 7
        for (_, direct), (_, peer) in zip(received[::2], received[1::2], strict=True):
            # the same prompt, tagged with the peer's number
            assert re.sub(r"R\d", "R", json.dumps(direct)) == re.sub(r"R\d", "R", json.dumps(peer))
    else:
        assert order == ["direct", "veil", "other"] * 7
    # the runs in a row open new sessions: one that knew the values would write nothing
    sessions = {who.split(" ")[1] for who, _ in received if who.startswith("veil")}
    assert len(sessions) == 7 and all(s.startswith("lat-R" if in_row else "lat-P")
                                      for s in sessions)
    assert {"direct", "veil", "other"} <= set(out) and out["veil"]["n"] == 4
