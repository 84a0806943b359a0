"""A view's refresh of a session that already holds many entries: N entries written, the view
read, then M new values committed by another writer (another process's vault client), and
the view read again (the next request's read, or a restorer's). The best of three reads each,
a new session each time; the unchanged case reads the view again with nothing new:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s55/view_refresh_s55.py
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

# the twenty-third round's bench fills a batch with new values
_spec = importlib.util.spec_from_file_location(
    "big_session_s54", Path(__file__).parents[1] / "s54" / "big_session_s54.py")
assert _spec is not None and _spec.loader is not None
_big = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_big)


vault, other = _big.two_clients()

for n, m in ((200, 0), (200, 5), (20_000, 0), (20_000, 5)):
    best = float("inf")
    for r in range(3):
        session = f"s-{n}-{m}-{r}"
        _big.written(vault, session, n)
        vault.view("t", session)
        if m:
            them = other.batch("t", session, other.view("t", session))
            _big.fill(them, range(m), "c", "URL")
            assert them.commit()
        t0 = time.perf_counter()
        view = vault.view("t", session)
        best = min(best, time.perf_counter() - t0)
        assert len(view.entries) == n + m
    state = f"{m} new by another writer" if m else "nothing new"
    print(f"session of {n:6d}, {state:24s}: view read {best * 1e3:8.3f} ms")
