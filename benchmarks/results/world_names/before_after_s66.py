"""Name words left whole (veil.evaluation.world_names) by the ``veil`` on ``PYTHONPATH``, so that
an older tree (``git archive <commit> src``) is measured with this checkout's corpus:

    PYTHONPATH=<tree>/src python benchmarks/results/world_names/before_after_s66.py spacy
    PYTHONPATH=<tree>/src python benchmarks/results/world_names/before_after_s66.py spacy other

With ``other``: eight other prompt shapes (a letter, a contact line, a possessive, a table row,
a signature, a question, JSON, a cc line), 25 names a locale, seed 99 (``other_shapes_s66.txt``);
without: the corpus's own six shapes, 40 names a locale, seeds 7 and 123.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from veil.config import Policy
from veil.detect.engine import DetectionEngine

here = Path(__file__).resolve().parents[3] / "src/veil/evaluation/world_names.py"
spec = importlib.util.spec_from_file_location("world_names_corpus", here)
assert spec is not None and spec.loader is not None
corpus = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = corpus
spec.loader.exec_module(corpus)

backend = sys.argv[1] if len(sys.argv) > 1 else "spacy"
other = len(sys.argv) > 2 and sys.argv[2] == "other"
if other:
    corpus.TEMPLATES = (
        "Dear {n},\nthank you for your letter.", "Contact: {n} <contact@example.com>",
        "{n}'s account was closed.", "| Name | {n} |", "Signed, {n}",
        "Ask {n}: is the report done?", '{{"name": "{n}", "age": 41}}', "cc: {n}; bcc: ops")
names, seeds = (25, (99,)) if other else (40, (7, 123))
engine = DetectionEngine(Policy(ner_backend=backend))
engine.analyze("warm up")
left_all = words_all = 0
cells = []
for locale in corpus.LOCALES:
    left = words = 0
    for seed in seeds:
        for s in corpus.world_name_samples(locale, names, seed):
            found = [corpus.Span(d.type, d.start, d.end) for d in engine.analyze(s.text)]
            a, b = corpus.words_left(s, found)
            left, words = left + a, words + b
    left_all, words_all = left_all + left, words_all + words
    cells.append(f"{locale} {left / words:.1%}")
print(f"{backend}: all {left_all}/{words_all} ({left_all / words_all:.1%}); " + ", ".join(cells))
