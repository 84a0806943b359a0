"""Leading digits every match of a digit-run scan (lead 0) starts with, against the longest
digit run of each hot-path text: what a digit-run-length idle test could rule out."""
import collections, re
try:
    import re._parser as sp, re._constants as sc
except ImportError:
    import sre_parse as sp, sre_constants as sc
from veil.cli.bench_hotpath import corpus
from veil.detect.engine import DetectionEngine
from veil.config import Policy
DIG = set("0123456789")
def is_digit_set(op, av):
    if op is sc.LITERAL: return chr(av) in DIG
    if op is sc.IN:
        for o, a in av:
            if o is sc.NEGATE: return False
            if o is sc.LITERAL and chr(a) in DIG: continue
            if o is sc.RANGE and a[0] >= 48 and a[1] <= 57: continue
            if o is sc.CATEGORY and a is sc.CATEGORY_DIGIT: continue
            return False
        return True
    return False
def lead(seq):
    """(leading digits every match starts with, whether the whole seq is digits only)"""
    n = 0
    for op, av in seq:
        if op in (sc.ASSERT, sc.ASSERT_NOT, sc.AT):
            continue
        if is_digit_set(op, av):
            n += 1; continue
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            k, whole = lead(sub)
            if whole:
                n += lo * k
                continue
            if lo > 0: n += k
            return n, False
        if op is sc.SUBPATTERN:
            k, whole = lead(av[-1])
            n += k
            if whole: continue
            return n, False
        if op is sc.BRANCH:
            ks = [lead(a) for a in av[1]]
            n += min(k for k, _ in ks)
            return n, False
        return n, False
    return n, True
short, kb, _ = corpus(30, 6)
eng = DetectionEngine(Policy.model_validate({"ner": False}))
rows = []
for r in eng.recognizers():
    for s, _, _ in getattr(r, "_compiled", []):
        if s.digit_runs and s.lead == 0 and not s.lines:
            n, _ = lead(sp.parse(s.pattern.regex, s.pattern.flags))
            rows.append((r.name, n, r._on_digits))
c = collections.Counter(n for _, n, _ in rows); print(sorted(c.items()))
RUN = re.compile(r"\d+")
L = collections.Counter(max((len(m.group()) for m in RUN.finditer(t)), default=0) for t in short)
print("short longest runs", sorted(L.items()))
print("kb", [max((len(m.group()) for m in RUN.finditer(t)), default=0) for t in kb])
per = collections.defaultdict(list)
for name, n, od in rows: per[name].append(n)
for name, ns in per.items():
    print(name, ns)
