"""Llama (and SmolLM2, which is a Llama): the Hugging Face layout the adapter defaults describe.

To support a new family, copy this file, set the module paths that differ from the defaults of
:class:`~veil.obfuscation.architectures.base.ArchitectureAdapter`, and import it in
``architectures/__init__.py``.
"""

from veil.obfuscation.architectures.base import ArchitectureAdapter
from veil.obfuscation.architectures.registry import register_architecture

LLAMA = register_architecture(ArchitectureAdapter(name="Llama/SmolLM", model_types=("llama",)))

__all__ = ["LLAMA"]
