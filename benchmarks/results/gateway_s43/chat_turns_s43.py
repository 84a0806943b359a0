"""A chat whose client resends its history (the answers restored), through `Veil.protect_many`
as the gateway calls it: per turn, the texts sent, how many were detected, and the time of
the request. Three conversations, the last one printed; learned backend, all languages.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/gateway_s43/chat_turns_s43.py

PYTHONPATH=<tree>/src runs another tree (`git archive <rev> src`).
"""
from __future__ import annotations

import base64
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings


def main() -> None:
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned"}))
    getattr(veil, "prepare", lambda: None)()
    detected: list[int] = []
    stage = veil._detection
    real = stage.detect_many

    def counting(texts: Any, **kwargs: Any) -> Any:
        detected.append(len(texts))
        return real(texts, **kwargs)

    stage.detect_many = counting  # type: ignore[method-assign]
    for conv in range(3):
        history: list[str] = []
        for turn in range(8):
            message, _ = valued_prompt(conv * 100 + turn, tag=f"c{conv}t{turn}", size=400)
            texts = [*history, message]
            detected.clear()
            t0 = time.perf_counter()
            out = veil.protect_many(texts, session=f"conv{conv}")
            ms = (time.perf_counter() - t0) * 1000
            answer = veil.restore("Noted: " + out[-1].masked[:200], session=f"conv{conv}")
            history = [*texts, answer]
            if conv == 2:
                print(f"turn {turn}: {len(texts)} texts, detected {sum(detected)}, {ms:.1f} ms")


if __name__ == "__main__":
    main()
