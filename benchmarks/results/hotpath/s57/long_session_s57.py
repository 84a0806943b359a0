"""What a request costs as its session grows, on any tree: `veil bench vault --held`'s
measurement (this checkout's `run_held`, loaded from its file) run against the `veil` package
that PYTHONPATH gives, so that a tree without the option is measured the same way:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s57/long_session_s57.py \
        [--backend sqlite|redis --port P] [--ner] [sizes...]

Prints, per session size, ms per protect and per restore (median of 60 short prompts with
three new values each, restored with the prompt's replacements as scope).
"""
from __future__ import annotations

import argparse
import importlib.util
import tempfile
from pathlib import Path

_BENCH = Path(__file__).resolve().parents[4] / "src" / "veil" / "cli" / "bench_vault.py"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[0, 300, 3000])
    ap.add_argument("--backend", default="sqlite")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--ner", action="store_true")
    ap.add_argument("--prompts", type=int, default=60)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("bench_vault_s57", _BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.run_held(a.backend, a.sizes, prompts=a.prompts, ner=a.ner,
                          redis_port=a.port or None, work=Path(tempfile.mkdtemp()))
    for r in rows:
        print(f"{r['backend']} ner={r['ner']} session of {r['held']:5d} entries: protect "
              f"{r['protect_ms_p50']:.3f} ms, restore {r['restore_ms_p50']:.3f} ms", flush=True)


if __name__ == "__main__":
    main()
