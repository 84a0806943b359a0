"""The learned detector's spans and scores, exported in the earlier graph form and again in the
current one from the same weights (`python -m veil.train.reexport <copy>`), on the texts of
`same_detections_s47.py` (3,022 texts) and the 1 MB document of `veil bench hotpath`: how many
texts differ, and the model alone per call in each form.

    cp -r ~/.cache/veil/detector /tmp/old && cp -r /tmp/old /tmp/new
    python -m veil.train.reexport /tmp/new
    python benchmarks/results/hotpath/s54/same_spans_s54.py /tmp/old /tmp/new
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from veil.cli.bench_hotpath import corpus
from veil.detect.learned import _Runtime

_S47 = Path(__file__).resolve().parents[1] / "s47" / "same_detections_s47.py"
spec = importlib.util.spec_from_file_location("same_detections_s47", _S47)
assert spec is not None and spec.loader is not None
s47 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s47)

old, new = (_Runtime(Path(p)) for p in sys.argv[1:3])
texts = s47._texts()
_, _, mb = corpus(0, 0)
texts["1mb"] = mb
differ = [k for k, t in texts.items() if old.spans([t]) != new.spans([t])]
spans = sum(len(s) for t in texts.values() for s in new.spans([t]))
print(f"{len(texts)} texts ({spans} spans with the current form): spans or scores differ in "
      f"{len(differ)} {differ[:5]}")
