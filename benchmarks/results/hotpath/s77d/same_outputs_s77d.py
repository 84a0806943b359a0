"""A digest of what protect() and restore() give on the hotpath corpus (100 short, 20 ~1 KB;
ten texts a session, so sessions grow), with placeholders and with pseudonyms, learned NER, a
fixed master key and tenant secret: equal digests, equal outputs.

usage: PYTHONPATH=<tree>/src python same_outputs_s77d.py
"""

import hashlib
import json
import tempfile
from pathlib import Path

import veil.vault.base as vault_base
from veil.cli.bench_hotpath import corpus
from veil.config import Policy, Settings
from veil.core import Veil

vault_base.new_tenant_secret = lambda: bytes(range(32))  # pseudonyms repeat between runs
short, kb, _ = corpus(100, 20)
h = hashlib.sha256()
for op in ("placeholder", "pseudonym"):
    v = Veil(Settings(home=Path(tempfile.mkdtemp()), detect_workers=0, master_key="A" * 43 + "="),
             policy=Policy.model_validate({"ner_backend": "learned", "default_operator": op}))
    for i, t in enumerate(short + kb):
        s = f"s{i // 10}"
        r = v.protect(t, session=s)
        spans = [(e.type, e.start, e.end, e.replacement) for e in r.entities]
        h.update(json.dumps([r.masked, spans]).encode())
        h.update(v.restore(r.masked, session=s).encode())
    held = [(e.entity_type, e.original, e.replacement, e.shared)
            for e in v.vault.entries("default", "s3")]
    h.update(json.dumps(held).encode())
print(h.hexdigest()[:16])
