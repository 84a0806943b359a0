"""`Conversation.restore_chat` of 300 echoed ~1 KB prompts (each masked in its own session,
its matcher prefetched), in one process: the median per answer, after 50.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s44/restore_timing_s44.py
(`PYTHONPATH=<tree>/src` for another tree, which needs `Conversation.prefetch_restorer`.)
"""
from __future__ import annotations

import base64
import os
import statistics
import tempfile
import time
from pathlib import Path

from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings
from veil.gateway.privacy import Conversation


def main() -> None:
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned", "languages": ["en"]}))
    veil.prepare("default")
    items = []
    for i in range(300):
        text, _ = valued_prompt(i, tag=f"T{i}")
        conv = Conversation(veil, "default", f"s{i}")
        out = conv.protect_chat({"model": "echo", "messages": [{"role": "user", "content": text}]})
        conv.prefetch_restorer()
        items.append((conv, out["messages"][0]["content"]))
    ms = []
    for conv, masked in items:
        answer = {"choices": [{"index": 0, "finish_reason": "stop",
                               "message": {"role": "assistant", "content": masked}}]}
        t0 = time.perf_counter()
        conv.restore_chat(answer)
        ms.append((time.perf_counter() - t0) * 1000)
    print(f"restore_chat median {statistics.median(ms[50:]):.3f} ms")


if __name__ == "__main__":
    main()
