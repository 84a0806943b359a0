"""Obfuscation settings: a dataclass saved as JSON next to the key (never in the checkpoint).

Three named modes:

- ``exact``: no noise, h = 0, lambda = 0, no RoPE block permutation. Orthogonal keys, rotations,
  scales, value/output mixing, head and FFN permutations are on; logits equal the plaintext
  model's up to float error. Hides token ids and weights from casual inspection, but without noise
  the vocabulary matching attack recovers the permutation (see docs/obfuscation.md).
- ``paper``: the paper's settings (h = 128, lambda = 0.3, alpha_e = 1.0, alpha_h = 0.2, block
  permutation). Tuned on 8B-671B models: on SmolLM2-135M alpha_e = 1.0 destroys utility.
- ``default``: Veil's choice for small models, from the measured privacy-utility frontier
  (benchmarks/results/obfuscation): the paper's structure with milder embedding noise.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from veil.errors import ConfigError

ModeName = Literal["exact", "default", "paper", "custom"]


@dataclass
class ObfuscationConfig:
    """Every knob of covariant obfuscation. Use :meth:`for_mode` for the named presets."""

    mode: ModeName = "default"
    # Key matrices (Algorithm 1): hidden size grows from d to d' = d + 2h (+ padding, see keys.py).
    h: int = 128
    lam: float = 0.3
    c_scale: float = 0.1  # scale of the random part of the C block (changes ||xP||)
    # Fit the C block on calibration activations so that ||x P|| tracks ||x|| (the RMSNorm error
    # of lambda > 0); see engine.fit_norm_block. Off by default: on SmolLM2 it did not raise
    # held-out agreement reliably (benchmarks/results/obfuscation/engine.md, ablation).
    norm_fit: bool = False
    d_scale: float = 1.0  # scale of the D block (only changes what the host sees)
    e_scale: float = 1.0  # scale of E = E1 E2 relative to the paper's N(0, 1/d) factors
    distinct_keys: bool = True  # a fresh P / Q per component (all from one INIT)
    key_matrices: bool = True  # False: U = Z = I (tests/ablations; with h=0, lam=0: P = Q = I)
    # Embedding / LM head noise: W* = W + alpha * std(W) * N(0, 1). The privacy lever.
    alpha_e: float = 0.1
    alpha_h: float = 0.0  # head noise costs accuracy and buys nothing against voting VMA
    # RMSNorm weight in the obfuscated model; None = calibrate on activations.
    kappa: float | None = None
    # Attention.
    rope_rotation: bool = True  # R: random 2x2 rotation per RoPE pair (exact)
    rope_scale: float = 2.0  # H: per-pair scale on q, inverse on k, in [1/x, x] (exact); <=1 off
    block_perm: bool = True  # Zb: permute RoPE pairs inside windows (lossy)
    block_window: int = 8  # beta: window size in pairs
    # Leading (highest-frequency) pairs that never move; None = all but the last window (moving a
    # fast-rotating pair is what makes Zb lossy).
    block_keep: int | None = None
    vo_scale: float = 2.0  # U_vo singular values in [1/x, x]; <=1 gives an orthogonal U_vo
    vo_mixing: bool = True
    head_perm: bool = True  # KV-head permutation and in-group query-head permutation
    # FFN.
    ffn_perm: bool = True
    ffn_scale: float = 2.0  # Hf in [1/x, x]; <=1 off
    # Token ids that tau leaves in place (e.g. special tokens, if the host may see them).
    fixed_token_ids: list[int] = field(default_factory=list)
    # Number of calibration tokens used when kappa is None (the CLI feeds real text).
    calibration_tokens: int = 4096

    def __post_init__(self) -> None:
        problems = []
        if self.h < 0 or self.h % 2:
            problems.append("h must be a non-negative even number")
        for name in ("lam", "alpha_e", "alpha_h", "c_scale", "d_scale", "e_scale"):
            v = getattr(self, name)
            if not (v >= 0.0) or v == float("inf"):
                problems.append(f"{name} must be a finite number >= 0")
        if self.kappa is not None and not self.kappa > 0:
            problems.append("kappa must be > 0 (or null to calibrate)")
        if self.block_window < 1 or (self.block_keep is not None and self.block_keep < 0):
            problems.append("block_window must be >= 1 and block_keep >= 0 (or null)")
        if problems:
            raise ConfigError("invalid obfuscation config: " + "; ".join(problems))

    # ----------------------------------------------------------------------------------- presets
    @classmethod
    def for_mode(cls, mode: ModeName, **overrides: Any) -> ObfuscationConfig:
        """A named preset with optional overrides (``mode`` becomes "custom" if any is given)."""
        presets: dict[str, dict[str, Any]] = {
            "exact": dict(h=0, lam=0.0, alpha_e=0.0, alpha_h=0.0, block_perm=False),
            "default": {},
            "paper": dict(h=128, lam=0.3, alpha_e=1.0, alpha_h=0.2),
        }
        if mode not in presets and mode != "custom":
            raise ConfigError(f"unknown obfuscation mode {mode!r}; use exact, default or paper")
        base = dict(presets.get(mode, {}))
        overrides = {k: v for k, v in overrides.items() if v is not None}
        name: ModeName = mode if not overrides else "custom"
        base.update(overrides)
        return cls(mode=name, **base)

    @property
    def is_exact(self) -> bool:
        """True when no lossy step is on (P is orthogonal, so kappa = 1 exactly)."""
        return (
            self.h == 0
            and self.lam == 0.0
            and self.alpha_e == 0.0
            and self.alpha_h == 0.0
            and not self.block_perm
        )

    # -------------------------------------------------------------------------------------- JSON
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ObfuscationConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown obfuscation config fields: {', '.join(unknown)}")
        return cls(**data)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ObfuscationConfig:
        try:
            return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as e:
            raise ConfigError(
                f"cannot read obfuscation config {path}: {type(e).__name__}"
            ) from None


__all__ = ["ModeName", "ObfuscationConfig"]
