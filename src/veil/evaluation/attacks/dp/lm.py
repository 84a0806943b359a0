"""Language-model scores of candidate words in context, for the context attack.

One batched forward pass of the embedded SmolLM2 over a text gives, at every word position, the
log-probability of each candidate's first token given the words to its left (the text is read
as the user turn of a chat, as the upstream would see it). Scores are cached in SQLite under the
cache directory, keyed by a hash of (text, positions, candidates), so re-runs cost nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
from numpy.typing import NDArray

from veil.dp.text import _is_sentence_start

__all__ = ["LMScorer"]

_PREFIX = "<|im_start|>user\n"


class LMScorer:
    """``score(items)``: per item, per position, the LM log-probability of each candidate."""

    def __init__(self, *, cache_dir: Path | None = None, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self._model: tuple[Any, Any] | None = None
        self._lock = Lock()
        self._db: sqlite3.Connection | None = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(cache_dir / "lm-scores.sqlite"),
                                       check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS s (k TEXT PRIMARY KEY, v BLOB)")

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._model is None:
                from veil.dp.extraction import load_local_model

                self._model = load_local_model()
            return self._model

    @staticmethod
    def _key(text: str, spans: Sequence[tuple[int, int]], cands: Sequence[Sequence[str]]) -> str:
        raw = json.dumps([text, [list(s) for s in spans], [list(c) for c in cands]])
        return hashlib.sha256(raw.encode()).hexdigest()

    def score(self, items: Sequence[tuple[str, Sequence[tuple[int, int]],
                                          Sequence[Sequence[str]]]]
              ) -> list[list[NDArray[np.float64]]]:
        """``items``: (text, word spans in it, candidates per span). Returns, per item and span,
        the log-probabilities of the candidates in the left context of that span."""
        out: list[list[NDArray[np.float64]] | None] = [None] * len(items)
        todo: list[int] = []
        keys = [self._key(*it) for it in items]
        for i, key in enumerate(keys):
            row = None
            if self._db is not None:
                row = self._db.execute("SELECT v FROM s WHERE k = ?", (key,)).fetchone()
            if row is not None:
                flat = np.frombuffer(row[0], dtype=np.float64)
                sizes = [len(c) for c in items[i][2]]
                out[i] = list(np.split(flat.copy(), np.cumsum(sizes)[:-1])) if sizes else []
            else:
                todo.append(i)
        for s in range(0, len(todo), self.batch_size):
            chunk = todo[s:s + self.batch_size]
            scored = self._forward([items[i] for i in chunk])
            for i, res in zip(chunk, scored, strict=True):
                out[i] = res
                if self._db is not None:
                    flat = np.concatenate(res) if res else np.zeros(0)
                    self._db.execute("INSERT OR REPLACE INTO s VALUES (?, ?)",
                                     (keys[i], flat.astype(np.float64).tobytes()))
            if self._db is not None:
                self._db.commit()
        return [r if r is not None else [] for r in out]

    def _forward(self, items: Sequence[tuple[str, Sequence[tuple[int, int]],
                                             Sequence[Sequence[str]]]]
                 ) -> list[list[NDArray[np.float64]]]:
        import torch

        model, tok = self._load()
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        tok.padding_side = "right"  # causal LM: real tokens keep their positions
        texts = [_PREFIX + t for t, _, _ in items]
        enc = tok(texts, return_tensors="pt", padding=True, return_offsets_mapping=True,
                  add_special_tokens=False)
        with torch.inference_mode():
            logits = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]
                           ).logits.float()
        logp = torch.log_softmax(logits, dim=-1)
        first_id: dict[str, int] = {}

        def first(piece: str) -> int:
            if piece not in first_id:
                ids = tok(piece, add_special_tokens=False)["input_ids"]
                first_id[piece] = int(ids[0]) if ids else int(tok.eos_token_id)
            return first_id[piece]

        results: list[list[NDArray[np.float64]]] = []
        for b, (text, spans, cands) in enumerate(items):
            offsets = enc["offset_mapping"][b].tolist()
            mask = enc["attention_mask"][b].tolist()
            res: list[NDArray[np.float64]] = []
            for (s, _e), cs in zip(spans, cands, strict=True):
                pos = s + len(_PREFIX)
                t = next((j for j, (a, z) in enumerate(offsets)
                          if mask[j] and a <= pos < z), None)
                if t is None or t == 0:
                    res.append(np.zeros(len(cs)))
                    continue
                lead = " " if s > 0 and text[s - 1] == " " else ""
                cap = _is_sentence_start(text, s)
                pieces = [lead + (c[:1].upper() + c[1:] if cap and c else c) for c in cs]
                row = logp[b, t - 1]
                res.append(np.array([float(row[first(p)]) for p in pieces]))
            results.append(res)
        return results
