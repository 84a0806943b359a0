"""protect() with the conv tagger's windows of 128 tokens (as trained) against 512, paired in
one process: each text protected both ways, the order alternating (learned backend, NER cache
off, a new vault session per call, as `veil bench hotpath` runs it).

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/s35/conv_window.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from veil.cli.bench_gateway import valued_prompt
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.detect.learned import detector_dir, load_runtime


def main() -> None:
    short, kb, _ = corpus(300, 60)
    gateway = [valued_prompt(i, tag=f"w{i}")[0] for i in range(300)]
    _, protect = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    rt = load_runtime(detector_dir())

    def window(n: int) -> None:
        rt.tokenizer.enable_truncation(max_length=n, stride=16)
        rt.max_length = n

    for t in short[:20] + kb[:10]:
        protect(t, 0)
    for name, texts in (("short prompts", short), ("~1 KB texts", kb),
                        ("gateway prompts (~1 KB, 4-6 values)", gateway)):
        ms: dict[int, list[float]] = {128: [], 512: []}
        for i, text in enumerate(texts):
            for n in ((128, 512) if i % 2 == 0 else (512, 128)):
                window(n)
                t0 = time.perf_counter()
                protect(text, 0)
                ms[n].append((time.perf_counter() - t0) * 1e3)
        print(f"{name} ({len(texts)}): median ms, 128-token windows "
              f"{statistics.median(ms[128]):.2f}, 512 {statistics.median(ms[512]):.2f}; "
              f"mean {statistics.mean(ms[128]):.2f}, {statistics.mean(ms[512]):.2f}", flush=True)


if __name__ == "__main__":
    main()
