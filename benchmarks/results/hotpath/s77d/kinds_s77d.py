"""Instructions per text by kind of work, from `callgrind_annotate --inclusive=no` listings of
`maskonly_s77d.py` runs (a file name holding ".short" is 30 texts, any other 6).

usage: python kinds_s77d.py <listing>...
"""

import sys
from pathlib import Path

from veil.cli.bench_instructions import by_kind

for f in sys.argv[1:]:
    total, kinds = by_kind(Path(f).read_text())
    n = 30 if ".short" in f else 6
    print(f, f"total k/text {total / n / 1000:.0f}")
    for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"   {k:<18} {v / n / 1000:8.0f}")
