"""restore(protect(x)) == x on labelled data, per operator and dataset: a restore that
loses or garbles a value breaks the caller's answer, so the round trip must hold on real data.

Counts only: which samples fail is reported by index, never by text (privacy rule).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from veil.config import Policy, Settings

OPERATORS = ("placeholder", "pseudonym", "synthetic")


def run_roundtrip(*, n: int, seeds: list[int], ner: bool = True,
                  progress: Any = None) -> dict[str, Any]:
    from veil import Veil
    from veil.evaluation.datasets import hard_samples, presidio_samples

    data = {
        "presidio_faker": [s.text for seed in seeds for s in presidio_samples(n, seed)],
        "hard": [s.text for seed in seeds for s in hard_samples(n, seed)],
    }
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as home:
        for op in OPERATORS:
            v = Veil(Settings(home=Path(home) / op), policy=Policy(default_operator=op, ner=ner))
            for name, texts in data.items():
                failed: list[int] = []
                for i, text in enumerate(texts):
                    sess = f"{name}-{i}"
                    r = v.protect(text, session=sess)
                    if v.restore(r.masked, session=sess) != text:
                        failed.append(i)
                    if progress is not None:
                        progress()
                rows[f"{op}/{name}"] = {
                    "operator": op, "dataset": name, "samples": len(texts),
                    "exact": 1 - len(failed) / max(1, len(texts)), "failed_indices": failed,
                }
    return {"n": n, "seeds": seeds, "ner": ner, "rows": rows,
            "total": sum(len(t) for t in data.values()) * len(OPERATORS)}


def write_report(result: dict[str, Any], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    j = out / "roundtrip.json"
    j.write_text(json.dumps(result, indent=2))
    lines = ["# restore(protect(x)) == x", "",
             f"Seeds {result['seeds']}, {result['n']} samples per dataset and seed, "
             f"NER {'on' if result['ner'] else 'off'}.", "",
             "| operator | dataset | samples | exact round trip |", "|---|---|---|---|"]
    for r in result["rows"].values():
        lines.append(f"| {r['operator']} | {r['dataset']} | {r['samples']} | {r['exact']:.4f} |")
    md = out / "roundtrip.md"
    md.write_text("\n".join(lines) + "\n")
    return [j, md]
