"""Instructions per ``TermDatabase.analyze`` of a ~1 KB text with line breaks and no term in it
(the common case), for a tenant with 1,000 two-word terms. Run under callgrind with N=0 and
N>0 on each tree; (total(N) - total(0)) / N is the per-call cost:

    valgrind --tool=callgrind --callgrind-out-file=cg.%p python term_cost_s79c.py <N>
"""
from __future__ import annotations

import random
import sys

from veil.config import TermRule
from veil.detect.terms import TermDatabase

rng = random.Random(79)
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
         "november oscar papa quebec romeo sierra tango uniform victor whiskey xray").split()
db = TermDatabase([TermRule(term=f"Project {rng.choice(WORDS).title()}{i}", type="CODENAME")
                   for i in range(1000)])
lines = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(14)]
text = "Dear team,\n\n" + "\n".join(lines) + "\n\nBest regards,\n  the project office\n"
assert len(text) > 900
db.analyze(text)
for _ in range(int(sys.argv[1])):
    db.analyze(text)
