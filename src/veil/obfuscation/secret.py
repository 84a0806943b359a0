"""The client's secret: seed, token permutation tau, parameters and the checkpoint fingerprint.

On disk a key is a directory (keep it on the client; it never goes to the host)::

    key.safetensors   int64 tensor ``tau`` (tau[i] = obfuscated id of plaintext token i)
    key.json          format version, seed, every ObfuscationConfig parameter, sizes, kappas,
                      the obfuscated checkpoint's fingerprint and a sha256 of key.safetensors

The seed regenerates every key matrix (see engine.py), so it is as secret as tau.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from veil.errors import CorruptKeyError, KeyMismatchError, TokenIdError
from veil.obfuscation.config import ObfuscationConfig
from veil.obfuscation.key_matrices import component_rng, inverse_permutation, random_permutation

if TYPE_CHECKING:
    from veil.obfuscation.engine import ObfuscationReport

KEY_TENSORS = "key.safetensors"
KEY_JSON = "key.json"
FORMAT_VERSION = 1
_TAU_STREAM = 3  # engine._TAU


@dataclass
class ObfuscationKey:
    seed: int
    tau: np.ndarray  # int64, a permutation of range(vocab_size)
    config: ObfuscationConfig
    fingerprint: str | None = None  # of the obfuscated checkpoint, set when bound
    base_model: str | None = None
    report: ObfuscationReport | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    _inv: np.ndarray | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # never print the secret parts
        return f"ObfuscationKey(vocab_size={self.vocab_size}, mode={self.config.mode!r})"

    @property
    def vocab_size(self) -> int:
        return int(self.tau.shape[0])

    @property
    def tau_inv(self) -> np.ndarray:
        if self._inv is None:
            self._inv = inverse_permutation(self.tau)
        return self._inv

    def check_vocab(self, vocab_size: int) -> None:
        if vocab_size != self.vocab_size:
            raise KeyMismatchError(
                f"key covers {self.vocab_size} token ids but the model has {vocab_size}; use the "
                "key generated for this model"
            )

    def _checked(self, ids: Any) -> np.ndarray:
        arr = np.asarray(ids)
        n = self.vocab_size
        if arr.size and (arr.dtype.kind not in "iu" or arr.min() < 0 or arr.max() >= n):
            raise TokenIdError(
                f"token id out of range: ids must be integers in [0, {self.vocab_size}); check "
                "that the tokenizer matches the key"
            )
        return arr.astype(np.int64, copy=False)

    def encode_ids(self, ids: Any) -> list[int]:
        """Plaintext ids -> obfuscated ids (what the host sees)."""
        return self.tau[self._checked(ids)].tolist()

    def decode_ids(self, ids: Any) -> list[int]:
        """Obfuscated ids (from the host) -> plaintext ids."""
        return self.tau_inv[self._checked(ids)].tolist()

    def metadata(self) -> dict[str, Any]:
        rep = self.report
        return {
            "format_version": FORMAT_VERSION,
            "seed": self.seed,
            "vocab_size": self.vocab_size,
            "config": self.config.to_dict(),
            "fingerprint": self.fingerprint,
            "base_model": self.base_model,
            "d": rep.d if rep else self.extra.get("d"),
            "d_prime": rep.d_prime if rep else self.extra.get("d_prime"),
            "kappas": rep.kappas if rep else self.extra.get("kappas"),
        }


def generate_key(
    config: ObfuscationConfig, vocab_size: int, *, seed: int | None = None
) -> ObfuscationKey:
    """A fresh key; ``seed=None`` draws one from the OS CSPRNG (recorded in the key)."""
    if seed is None:
        seed = secrets.randbits(63)
    tau = random_permutation(vocab_size, component_rng(seed, _TAU_STREAM),
                             fixed=config.fixed_token_ids)
    return ObfuscationKey(seed=int(seed), tau=tau, config=config)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_key(key: ObfuscationKey, key_dir: str | Path) -> Path:
    """Write the key directory (files created with mode 0600)."""
    import torch
    from safetensors.torch import save_file

    out = Path(key_dir)
    out.mkdir(parents=True, exist_ok=True)
    os.chmod(out, 0o700)
    tensors = out / KEY_TENSORS
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".key-")
    os.close(fd)
    save_file({"tau": torch.from_numpy(np.ascontiguousarray(key.tau, dtype=np.int64))}, tmp)
    os.chmod(tmp, 0o600)
    os.replace(tmp, tensors)
    meta = key.metadata()
    meta["tensors_sha256"] = _sha256_file(tensors)
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".key-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, out / KEY_JSON)
    return out


def load_key(key_dir: str | Path, *, fingerprint: str | None = None) -> ObfuscationKey:
    """Read and verify a key directory. ``fingerprint``: the checkpoint it must belong to."""
    from safetensors.numpy import load_file

    d = Path(key_dir)
    tensors, meta_path = d / KEY_TENSORS, d / KEY_JSON
    if not tensors.is_file() or not meta_path.is_file():
        raise CorruptKeyError(
            f"key directory {d} must contain {KEY_TENSORS} and {KEY_JSON}; create one with "
            "`veil obfuscate`"
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError
        config = ObfuscationConfig.from_dict(meta["config"])
    except Exception:
        raise CorruptKeyError(
            f"{meta_path} is not a valid key file; restore it from backup"
        ) from None
    if meta.get("format_version") != FORMAT_VERSION:
        raise CorruptKeyError(f"{meta_path} has an unknown format version")
    if meta.get("tensors_sha256") != _sha256_file(tensors):
        raise CorruptKeyError(f"{tensors} does not match {KEY_JSON} (modified or corrupted)")
    try:
        tau = load_file(str(tensors))["tau"]
    except Exception:  # safetensors raises its own error types for truncated/garbled files
        raise CorruptKeyError(f"{tensors} is unreadable or lacks the 'tau' tensor") from None
    n = tau.shape[0] if tau.ndim == 1 else -1
    if (tau.dtype != np.int64 or n != meta.get("vocab_size")
            or not np.array_equal(np.sort(tau), np.arange(n))):
        raise CorruptKeyError(f"{tensors}: tau is not a permutation of the vocabulary")
    if fingerprint is not None and meta.get("fingerprint") != fingerprint:
        raise KeyMismatchError(
            "this key belongs to a different obfuscated checkpoint (fingerprint differs); use the "
            "key written together with the checkpoint"
        )
    return ObfuscationKey(
        seed=int(meta["seed"]), tau=tau, config=config, fingerprint=meta.get("fingerprint"),
        base_model=meta.get("base_model"),
        extra={k: meta.get(k) for k in ("d", "d_prime", "kappas")},
    )


__all__ = ["KEY_JSON", "KEY_TENSORS", "ObfuscationKey", "generate_key", "load_key", "save_key"]
