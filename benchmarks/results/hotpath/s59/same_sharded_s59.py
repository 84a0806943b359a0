"""Detections of a long text read in chunks by a worker process beside the caller, against the
same text read whole, in one process: a spaCy-backend document (~150 KB), a document in four
languages (~100 KB, learned backend) and `veil bench hotpath`'s 1 MB document (learned). Prints
whether they are the same, how many chunks the worker read, and both times.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \\
        benchmarks/results/hotpath/s59/same_sharded_s59.py [chunk chars, default 16000]
"""
from __future__ import annotations

import sys
import time

sys.path.insert(0, "tests/unit/detect")
from test_shards import _document  # noqa: E402

from veil.cli.bench_hotpath import corpus  # noqa: E402
from veil.config import Policy  # noqa: E402
from veil.detect.engine import WARM_UP_MESSAGES, DetectionEngine  # noqa: E402
from veil.detect.shards import ShardPool  # noqa: E402


def rows(found: list) -> list[tuple]:
    return [(d.type, d.start, d.end, d.score, d.recognizer, d.text) for d in found]


others = [WARM_UP_MESSAGES[lang] for lang in ("fr", "de", "es")] * 50
cases = [("spacy", Policy(), _document(21, 150_000)),
         ("four languages", Policy(ner_backend="learned", languages=["en", "fr", "de", "es"]),
          "\n".join([_document(22, 40_000), *others, _document(23, 40_000)])),
         ("1 MB, learned", Policy(ner_backend="learned"), corpus(10, 5)[2])]
for name, policy, text in cases:
    pool = ShardPool(1, chunk_chars=int(sys.argv[1]) if len(sys.argv) > 1 else 16_000)
    whole, sharded = DetectionEngine(policy), DetectionEngine(policy, shards=pool)
    for e in (whole, sharded):  # every piece through the model, none from the memo
        for r in e.registry:
            if hasattr(r, "cache_size"):
                r.cache_size = 0
    ready = pool.prepare(sharded)
    t0 = time.perf_counter()
    got = rows(sharded.analyze(text))
    t1 = time.perf_counter()
    want = rows(whole.analyze(text))
    t2 = time.perf_counter()
    print(f"{name}: {len(text)} chars, workers ready {ready}, same {got == want}, "
          f"{len(got)} detections, chunks read by the worker {pool.chunks_read}, "
          f"sharded {t1 - t0:.2f} s, whole {t2 - t1:.2f} s (first calls, not a timing)",
          flush=True)
    pool.close()
