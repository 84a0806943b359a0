"""The world-names corpus in eight other prompt shapes (a letter, a contact line, a possessive, a
table row, a signature, a question, JSON, a cc line), 25 names a locale, seed 99: name words left
whole by the ``veil`` on ``PYTHONPATH`` (``spacy`` or ``learned`` backend).

    PYTHONPATH=<tree>/src python benchmarks/results/world_names/other_shapes_s66.py spacy
"""
import importlib.util
import sys
from pathlib import Path

# the corpus from this checkout, whatever tree ``veil`` comes from
_here = Path(__file__).resolve().parents[3] / "src/veil/evaluation/world_names.py"
_spec = importlib.util.spec_from_file_location("world_names_corpus", _here)
assert _spec is not None and _spec.loader is not None
W = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = W
_spec.loader.exec_module(W)
W.TEMPLATES = ("Dear {n},\nthank you for your letter.", "Contact: {n} <contact@example.com>", "{n}'s account was closed.",
               "| Name | {n} |", "Signed, {n}", "Ask {n}: is the report done?", '{{"name": "{n}", "age": 41}}', "cc: {n}; bcc: ops")
from veil.config import Policy
from veil.detect.engine import DetectionEngine
_engine = DetectionEngine(Policy(ner_backend=sys.argv[1]))


def e(text):
    return [W.Span(d.type, d.start, d.end) for d in _engine.analyze(text)]


tl = tw = 0
rows = []
for loc in W.LOCALES:
    left = words = 0; ex = None
    for s in W.world_name_samples(loc, 25, 99):
        a, b = W.words_left(s, e(s.text)); left += a; words += b
        if a and ex is None: ex = s.text
    tl += left; tw += words
    if left: rows.append(f"{loc} {left}/{words} e.g. {ex!r}")
print(sys.argv[1], f"all {tl}/{tw} ({tl/tw:.1%})")
for r in rows: print("  ", r)
