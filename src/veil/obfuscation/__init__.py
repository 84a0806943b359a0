"""Covariant obfuscation (AloePri) of open-weight causal LMs.

    config = ObfuscationConfig.for_mode("default")
    key = generate_key(config, vocab_size, seed=None)
    obf_model = obfuscate(model, config, key=key, calibration_ids=ids)   # same class
    export_obfuscated(...)  # standard checkpoint for the host + key directory for the client

Torch and transformers are imported lazily (inside functions).
"""

from veil.obfuscation.client import ObfuscatedChatUpstream, ObfuscationCodec
from veil.obfuscation.config import ModeName, ObfuscationConfig
from veil.obfuscation.engine import SUPPORTED_MODEL_TYPES, ObfuscationReport, obfuscate
from veil.obfuscation.secret import ObfuscationKey, generate_key, load_key, save_key

__all__ = [
    "SUPPORTED_MODEL_TYPES",
    "ModeName",
    "ObfuscatedChatUpstream",
    "ObfuscationCodec",
    "ObfuscationConfig",
    "ObfuscationKey",
    "ObfuscationReport",
    "generate_key",
    "load_key",
    "obfuscate",
    "save_key",
]
