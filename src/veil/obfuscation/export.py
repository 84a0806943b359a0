"""Export: plaintext model -> standard obfuscated checkpoint (host) + key directory (client).

The checkpoint directory holds only ``config.json``, ``generation_config.json`` and safetensors
weights: no tokenizer (the host needs none; the client tokenizes), no key material. Its
fingerprint (sha256 over config and weight files) goes into the key, so a key can be checked
against the checkpoint the host serves.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.errors import ConfigError
from veil.obfuscation.config import ObfuscationConfig
from veil.obfuscation.secret import ObfuscationKey, generate_key, save_key

#: Plain English text for kappa calibration (public-domain style prose; no personal data).
CALIBRATION_TEXT = (
    "The river rises in the hills to the north and flows slowly through farmland before it "
    "reaches the old town, where a stone bridge has stood for more than four hundred years. "
    "In the spring the water is high and fast, and in late summer it is shallow enough to cross "
    "on foot. The town grew up around a market that sold wool, grain and timber, and many of the "
    "houses near the square still have the wide doors that once let carts inside.\n"
    "To make bread, mix flour, water, salt and yeast into a dough, knead it for ten minutes, and "
    "leave it to rise until it has doubled in size. Shape the loaf, let it rise again, and bake "
    "it in a hot oven until the crust is brown and the bottom sounds hollow when tapped.\n"
    "def fibonacci(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n"
    "    return a\n"
    "Q: What is the boiling point of water at sea level? A: 100 degrees Celsius, or 212 degrees "
    "Fahrenheit. Q: How many continents are there? A: Seven, by the most common convention.\n"
    "The committee met on Tuesday to review the budget for the coming year. Members agreed that "
    "spending on maintenance should rise, while the cost of new equipment would be spread over "
    "three years. A final decision is expected after the next meeting."
)

CHECKPOINT_FILES = ("config.json", "generation_config.json")


def checkpoint_fingerprint(model_dir: str | Path) -> str:
    """sha256 over the config and every safetensors file of a checkpoint directory."""
    d = Path(model_dir)
    files = sorted(p for p in d.iterdir() if p.suffix == ".safetensors" or p.name == "config.json")
    if not any(p.suffix == ".safetensors" for p in files):
        raise ConfigError(f"{d} holds no safetensors weights")
    outer = hashlib.sha256()
    for p in files:
        h = hashlib.sha256()
        with p.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        outer.update(f"{p.name}:{h.hexdigest()}\n".encode())
    return outer.hexdigest()


@dataclass
class ExportResult:
    model_dir: Path
    key_dir: Path
    key: ObfuscationKey
    fingerprint: str


def export_obfuscated(
    model: str | Path,
    out_dir: str | Path,
    key_dir: str | Path,
    config: ObfuscationConfig,
    *,
    seed: int | None = None,
    calibration_text: str | None = None,
    progress: Callable[[str], None] | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Obfuscate ``model`` ("smollm2" or a local HF directory) and write checkpoint + key.

    The checkpoint is written to a temp dir and renamed into place; the key is written last,
    after the fingerprint of the finished checkpoint is known.
    """
    import torch

    from veil.models.smollm2 import load_model_dir, resolve_model_dir
    from veil.obfuscation.engine import check_supported, obfuscate

    out, kdir = Path(out_dir), Path(key_dir)
    if out.resolve() == kdir.resolve():
        raise ConfigError("the key directory must differ from the checkpoint directory (the "
                          "checkpoint goes to the host, the key never does)")
    for d in (out, kdir):
        if d.exists() and any(d.iterdir()) and not overwrite:
            raise ConfigError(f"{d} is not empty; choose a new directory or pass --overwrite")
    say = progress or (lambda _m: None)
    say("loading model")
    src = resolve_model_dir(model)
    plain, tok = load_model_dir(src, dtype=torch.float32)
    check_supported(plain)
    vocab = int(plain.get_input_embeddings().weight.shape[0])  # type: ignore[index]
    key = generate_key(config, vocab, seed=seed)
    key.base_model = str(model) if str(model).lower().startswith("smollm2") else Path(src).name
    if calibration_text is None:  # about 4k tokens of public text (veil.obfuscation.corpus)
        from veil.obfuscation.corpus import calibration_text as default_text

        calibration_text = default_text()
    calib = tok(calibration_text)["input_ids"]
    obf = as_engine_portable(obfuscate(plain, config, key=key, calibration_ids=calib,
                                       progress=say))
    del plain
    say("saving checkpoint")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        obf.save_pretrained(tmp, safe_serialization=True)
        # Only weights and configs go to the host.
        for p in tmp.iterdir():
            if p.suffix != ".safetensors" and p.name not in CHECKPOINT_FILES \
                    and p.name != "model.safetensors.index.json":
                p.unlink()
        _scrub_config(tmp / "config.json")
        fingerprint = checkpoint_fingerprint(tmp)
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    key.fingerprint = fingerprint
    say("saving key")
    save_key(key, kdir)
    config.save(kdir / "obfuscation_config.json")
    (kdir / "obfuscation_config.json").chmod(0o600)
    return ExportResult(out, kdir, key, fingerprint)


def as_engine_portable(model: Any) -> Any:
    """``model`` in a form unmodified serving engines load (the family's adapter decides: Qwen2
    with h > 0 becomes the same function in the Llama class; most families are unchanged)."""
    from veil.obfuscation.architectures import adapter_for

    return adapter_for(model).engine_portable(model)


def _scrub_config(path: Path) -> None:
    """Drop fields that could identify the source checkpoint by name (not secret, but needless)."""
    cfg = json.loads(path.read_text(encoding="utf-8"))
    cfg.pop("_name_or_path", None)
    cfg.pop("_model_name_or_path", None)
    path.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")


__all__ = ["CALIBRATION_TEXT", "ExportResult", "as_engine_portable", "checkpoint_fingerprint",
           "export_obfuscated"]
