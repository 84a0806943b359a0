"""The idle plan's groups and marks it cannot decide by set arithmetic (a mark that is no set
of strings). Run with ``PYTHONPATH=<tree>/src``: 2fbbb14 has 42 such groups of 125 and 50
such marks; s80a 18 and 17."""
from collections import Counter

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import _one_wide

eng = DetectionEngine(Policy.model_validate({"ner_backend": "learned", "ner": False}))
eng.analyze("warm 123")
plan = eng._active_plan
kinds: Counter[tuple[object, ...]] = Counter()
marks = set()
for g in plan._groups:
    for s in g.other_kinds:
        m = s.mark
        if m is None:
            kinds[(f"line={s.line_start} at={s.at} lines={s.lines}", s.fold, None)] += 1
            continue
        marks.add((m.pattern, m.flags))
        kinds[(m.pattern[:70], s.fold, _one_wide(m.pattern, m.flags))] += 1
print(len(plan._groups), "groups;", sum(1 for g in plan._groups if g.other_kinds),
      "with other kinds")
for k, v in kinds.most_common():
    print(v, k)
print("distinct marks not decided by set arithmetic:", len(marks))
