"""The learned backend's model on its own thread (``run_async``) against a run in the caller,
paired in one process: each text is protected once each way, in alternating order, with the
NER cache off and a new session per call. Prints medians per text set and writes the .txt next
to this file.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/background_model_s33.py
"""
from __future__ import annotations

import base64
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from veil import Veil
from veil.cli.bench_hotpath import corpus
from veil.config import Policy, Settings
from veil.detect.learned import detector_dir, load_runtime


def main() -> None:
    short, kb, _ = corpus(100, 20)
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()), master_key=key),
                policy=Policy(ner_backend="learned"))
    for r in veil.engine()._active():
        if hasattr(r, "cache_size"):
            r.cache_size = 0
    for t in short + kb:
        veil.protect(t, session="warm-up")
    rt = load_runtime(detector_dir())
    gc.freeze()
    lines = [f"# protect(), learned backend, model on its own thread vs in the caller; "
             f"load1 {os.getloadavg()[0]:.2f}"]
    n = 0
    for name, texts, reps in (("short", short, 5), ("1 KB", kb, 10)):
        ms: dict[bool, list[float]] = {True: [], False: []}
        for rep in range(reps):
            for i, text in enumerate(texts):
                for mode in ((True, False) if (rep + i) % 2 == 0 else (False, True)):
                    rt.run_async = mode
                    n += 1
                    t0 = time.perf_counter()
                    veil.protect(text, session=f"paired-{n}")
                    ms[mode].append((time.perf_counter() - t0) * 1000)
        own, caller = statistics.median(ms[True]), statistics.median(ms[False])
        lines.append(f"{name}: own thread {own:.3f} ms, in the caller {caller:.3f} ms "
                     f"(median of {len(ms[True])}), saved {caller - own:.3f} ms "
                     f"({(caller - own) / caller * 100:.1f}%)")
    lines.append(f"load1 at end {os.getloadavg()[0]:.2f}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    Path(__file__).with_suffix(".txt").write_text(text)


if __name__ == "__main__":
    main()
