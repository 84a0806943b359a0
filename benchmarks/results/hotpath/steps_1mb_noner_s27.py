"""CPU seconds per step of ``protect()`` on the 1 MB text of `veil bench hotpath`, NER off,
in one process (the working tree): normalisation, language, each recognizer (inside one
``shared_matches`` block, as the engine runs them), the engine's finish (offsets, overlaps),
the masker's look-alike scan, and masking + vault as a whole. Output: the .txt next to it.

    nice -n 10 .venv/bin/python benchmarks/results/hotpath/steps_1mb_noner_s27.py
"""
from __future__ import annotations

import base64
import os
import tempfile
import time
from pathlib import Path

from veil import Veil
from veil.cli.bench_hotpath import corpus
from veil.config import Policy, Settings
from veil.detect.normalize import normalize
from veil.detect.patterns import shared_matches
from veil.mask.placeholders import BASE_TYPES, find_lookalikes


def main() -> None:
    _, _, big = corpus(300, 40)
    key = base64.b64encode(bytes(range(32))).decode()
    home = tempfile.mkdtemp()
    veil = Veil(Settings(home=Path(home), master_key=key), policy=Policy(ner=False))
    veil.protect("Hi, I am Jane Doe, mail jane@example.com", session="warm-up")
    eng = veil.engine()
    rows: dict[str, float] = {}
    c = time.process_time()
    view = normalize(big)
    rows["normalize"] = time.process_time() - c
    c = time.process_time()
    lang = eng.language_of(view.text)
    rows["language"] = time.process_time() - c
    raw = []
    with shared_matches():
        for r in eng._active():
            c = time.process_time()
            found = (r.analyze_language(view.text, lang) if r.language_aware
                     else r.analyze_batch([view.text])[0])
            raw.extend(found)
            rows[r.name] = rows.get(r.name, 0.0) + time.process_time() - c
    validated = {r.name for r in eng._active() if r.validated}
    statistical = {r.name for r in eng._active() if r.statistical}
    c = time.process_time()
    dets = eng._finish(view, raw, validated, statistical)
    rows["finish (offsets, overlaps)"] = time.process_time() - c
    types = {d.type for d in dets} | set(veil.policy().entities)
    c = time.process_time()
    find_lookalikes(big, BASE_TYPES | types)
    rows["masker: look-alike scan"] = time.process_time() - c
    c = time.process_time()
    view_ = veil.vault.view("default", "steps")
    masker = veil._masking._maskers.get("default")
    masker.mask(big, dets, tenant="default", session="steps", view=view_)
    rows["masker + vault write (incl. look-alikes)"] = time.process_time() - c
    c = time.process_time()
    res = veil.protect(big, session="whole")
    whole = time.process_time() - c
    veil.vault.close()
    detect_total = sum(v for k, v in rows.items() if not k.startswith("masker"))
    print(f"# CPU seconds per step, 1 MB text of `veil bench hotpath` ({len(big)} chars, NER off), "
          f"one process, working tree; load1 {os.getloadavg()[0]:.2f}")
    for k, v in sorted(rows.items(), key=lambda kv: -kv[1]):
        print(f"{k:42s} {v:7.3f}")
    print(f"{'detection steps together':42s} {detect_total:7.3f}")
    print(f"{'protect() whole (new session)':42s} {whole:7.3f}  ({len(res.entities)} entities)")


if __name__ == "__main__":
    main()
