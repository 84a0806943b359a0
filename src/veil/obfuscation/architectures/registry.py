"""Architecture adapters keyed by ``config.model_type``."""

from __future__ import annotations

from typing import Any, TypeVar

from veil.errors import UnsupportedModelError
from veil.obfuscation.architectures.base import ArchitectureAdapter

_BY_TYPE: dict[str, ArchitectureAdapter] = {}

Adapter = TypeVar("Adapter", bound=ArchitectureAdapter)


def register_architecture(adapter: Adapter) -> Adapter:
    """Make ``adapter`` handle its model types; returns it (so a module can keep a name for it)."""
    for mt in adapter.model_types:
        if mt in _BY_TYPE and _BY_TYPE[mt] != adapter:
            raise ValueError(f"model_type {mt!r} already has an architecture adapter")
        _BY_TYPE[mt] = adapter
    return adapter


def supported_model_types() -> tuple[str, ...]:
    return tuple(_BY_TYPE)


def adapter_for(model_or_config: Any) -> ArchitectureAdapter:
    """The adapter of a model (or its config); :class:`UnsupportedModelError` if none."""
    cfg = getattr(model_or_config, "config", model_or_config)
    mt = getattr(cfg, "model_type", None)
    adapter = _BY_TYPE.get(mt) if isinstance(mt, str) else None
    if adapter is None:
        families = ", ".join(dict.fromkeys(a.name for a in _BY_TYPE.values()))
        raise UnsupportedModelError(
            f"cannot obfuscate model_type {mt!r}: supported families are "
            f"{', '.join(_BY_TYPE)} ({families})"
        )
    return adapter


__all__ = ["adapter_for", "register_architecture", "supported_model_types"]
