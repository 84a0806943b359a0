"""Mistral: the Llama layout under another model_type (sliding-window attention changes no
weight)."""

from veil.obfuscation.architectures.base import ArchitectureAdapter
from veil.obfuscation.architectures.registry import register_architecture

MISTRAL = register_architecture(ArchitectureAdapter(name="Mistral", model_types=("mistral",)))

__all__ = ["MISTRAL"]
