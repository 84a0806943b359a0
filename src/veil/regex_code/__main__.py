"""``python -m veil.regex_code [PATH]``: record the regular-expression table into PATH, else
into this environment's own (:func:`veil.regex_code.table_path`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from veil.regex_code import build, table_path


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else table_path()
    t0 = time.perf_counter()
    n = build(path)
    print(f"regular-expression table: {n} patterns in {path} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
