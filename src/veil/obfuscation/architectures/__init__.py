"""One adapter per model family, keyed by ``config.model_type``: the module paths obfuscation,
repair and the attacks read (see :mod:`.base`). The one to copy for a new family is ``llama.py``.
"""

from veil.obfuscation.architectures.base import GATED_ACTIVATIONS, ArchitectureAdapter
from veil.obfuscation.architectures.llama import LLAMA  # importing a family registers it
from veil.obfuscation.architectures.mistral import MISTRAL
from veil.obfuscation.architectures.qwen2 import QWEN2
from veil.obfuscation.architectures.registry import (
    adapter_for,
    register_architecture,
    supported_model_types,
)

__all__ = ["GATED_ACTIVATIONS", "LLAMA", "MISTRAL", "QWEN2", "ArchitectureAdapter",
           "adapter_for", "register_architecture", "supported_model_types"]
