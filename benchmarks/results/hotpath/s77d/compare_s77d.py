"""Two `veil bench instructions` results side by side: per kind of work and in total.

usage: python compare_s77d.py <base>/instructions.json <mine>/instructions.json
"""

import json
import sys
from pathlib import Path

base, mine = (json.loads(Path(p).read_text()) for p in sys.argv[1:3])
for s in ("short", "1kb"):
    va, vb = base["sets"][s]["veil"], mine["sets"][s]["veil"]
    print(f"## {s}\n| kind | base | mine | change |\n|---|---|---|---|")
    ka, kb = va["by_kind_per_text"], vb["by_kind_per_text"]
    for k in sorted(ka, key=lambda k: -ka[k]):
        b = kb.get(k, 0)
        print(f"| {k} | {ka[k] / 1e3:,.0f} | {b / 1e3:,.0f} | {(b - ka[k]) / 1e3:+,.0f} |")
    ta, tb = va["instructions_per_text"], vb["instructions_per_text"]
    change = f"{(tb - ta) / 1e3:+,.0f} ({(tb / ta - 1) * 100:+.2f}%)"
    print(f"| **total** | **{ta / 1e3:,.0f}** | **{tb / 1e3:,.0f}** | **{change}** |\n")
