"""Masked texts, vault contents and restored answers of the base tree and of this tree on the
SAME inputs, each tree in a process of its own with the same master key: the hot-path corpus
(short and ~1 KB prompts), `veil bench gateway`'s valued prompts, protect_many of several texts
in one session (the request memo: a resent history answered from it, new texts beside it),
and each answer restored whole and streamed in 16 chunks. Exits non-zero when anything differs.

    PYTHONPATH=<tree>/src .venv/bin/python \
        benchmarks/results/hotpath/s80b/same_output_s80b.py --base /tmp/s80/base/src
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, sys, tempfile
from pathlib import Path
from veil import Veil
from veil.config import Policy, Settings
texts = json.load(open(sys.argv[1]))
home = tempfile.mkdtemp()
v = Veil(Settings(home=Path(home), master_key=sys.argv[3]),
         policy=Policy.model_validate({"ner_backend": "learned"}))
out = {}
def restored(session, masked):
    r = v.stream_restorer(session=session)
    step = max(1, len(masked) // 16)
    streamed = "".join(r.feed(masked[i:i + step]) for i in range(0, len(masked), step)) + r.flush()
    return v.restore(masked, session=session), streamed
for k, t in texts["single"].items():
    r = v.protect(t, session=f"s-{k}")
    out[k] = {"masked": r.masked, "entities": [(e.type, e.start, e.end, e.replacement)
                                                for e in r.entities],
              "restored": restored(f"s-{k}", "Echo: " + r.masked)}
# conversations: each turn resends the earlier ones (the memo answers them) plus a new text
for c, turns in enumerate(texts["conversations"]):
    sent = []
    for j, t in enumerate(turns):
        sent.append(t)
        rs = v.protect_many(sent, session=f"c-{c}")
        out[f"c{c}t{j}"] = [r.masked for r in rs]
    out[f"c{c}restored"] = restored(f"c-{c}", " | ".join(r.masked for r in rs))
    view = v.vault.view("default", f"c-{c}")
    out[f"c{c}vault"] = sorted((e.entity_type, e.original, e.replacement) for e in view.entries)
print(json.dumps(out))
"""


def _texts() -> dict[str, object]:
    from veil.cli.bench_gateway import valued_prompt
    from veil.cli.bench_hotpath import corpus

    short, kb, _ = corpus(30, 6)
    single = {f"short{i}": t for i, t in enumerate(short)}
    single |= {f"kb{i}": t for i, t in enumerate(kb)}
    single |= {f"gw{i}": valued_prompt(i, tag=f"T{i}")[0] for i in range(12)}
    conversations = [[valued_prompt(100 * c + j, tag=f"C{c}-{j}")[0] for j in range(4)]
                     for c in range(3)]
    conversations.append(list(kb[:4]))
    return {"single": single, "conversations": conversations}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the base tree's src directory")
    args = ap.parse_args()
    mine = str(Path(__file__).resolve().parents[4] / "src")
    key = base64.b64encode(os.urandom(32)).decode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(_texts()))
        results = []
        for src in (args.base, mine):
            env = dict(os.environ, PYTHONPATH=src, HF_HUB_OFFLINE="1")
            done = subprocess.run([sys.executable, "-c", _CHILD, str(path), src, key],  # nosec B603
                                  capture_output=True, text=True, env=env, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base, ours = results
    differ = sorted(k for k in base if base[k] != ours.get(k))
    print(f"{len(base)} results compared; differing: {differ or 'none'}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
