"""Shared model loading (offline; models come from PyPI packages, never from a hub)."""

from veil.models.smollm2 import (
    load_model_dir,
    load_smollm2,
    resolve_model_dir,
    smollm2_gguf_path,
    smollm2_hf_dir,
)

__all__ = [
    "load_model_dir",
    "load_smollm2",
    "resolve_model_dir",
    "smollm2_gguf_path",
    "smollm2_hf_dir",
]
