"""Which pages the vault's commit writes: protect() (NER off) of texts with 1, 2 and 4 e-mail
addresses, each in a new session of a vault already holding N sessions (default 300), the WAL
frames each commit appends read back and named by the b-tree their page belongs to
(SQLite's dbstat; a page the tree grew after that read is "new/unknown"). The checkpoint
thread is held off so that the WAL only grows:

    python benchmarks/results/hotpath/s52/walpages_s52.py [N]
"""

from __future__ import annotations

import base64
import collections
import os
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

import veil.vault.checkpoint as ck
from veil import Veil
from veil.config import Policy, Settings

ck.Checkpointer.written = lambda self, path, turn: None  # type: ignore[method-assign]
home = Path(tempfile.mkdtemp())
v = Veil(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()),
         policy=Policy.model_validate({"ner": False}))
PAGE = 4096


def text(k: int, i: int) -> str:
    return " ".join(f"mail u{i}x{j}@example.com" for j in range(k))


for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 300):
    v.protect(text(2, i), session=f"w{i}")
db = home / "vault.sqlite3"
wal = Path(str(db) + "-wal")
con = sqlite3.connect(db)
names = {pageno: name for name, pageno in con.execute("SELECT name, pageno FROM dbstat")}
for k in (1, 2, 4):
    pages: collections.Counter[str] = collections.Counter()
    commits = 0
    for i in range(20):
        a = wal.stat().st_size
        v.protect(text(k, 10**6 + k * 100 + i), session=f"m{k}-{i}")
        data = wal.read_bytes()[a:]
        if not data:
            continue
        commits += 1
        for off in range(0, len(data), 24 + PAGE):  # a frame: 24-byte header, then the page
            (pg,) = struct.unpack(">I", data[off : off + 4])
            pages[names.get(pg, "new/unknown")] += 1
    per = {name: round(c / commits, 1) for name, c in pages.most_common()}
    print(f"{k} value(s): {sum(pages.values()) / commits:.1f} frames per commit "
          f"({commits} commits): {per}")
