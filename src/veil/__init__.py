"""Veil: privacy-preserving LLM inference.

>>> from veil import Veil
>>> v = Veil()                                   # embedded defaults: SQLite vault, spaCy NER
>>> r = v.protect("Mail jane@example.com", session="s1")
>>> v.restore(r.masked, session="s1")
'Mail jane@example.com'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# First: every regular expression compiled from here on may come from the table (see there).
from veil import regex_code

regex_code.install()

from veil.config import Policy, Settings  # noqa: E402
from veil.errors import VeilError  # noqa: E402

# Eager (light: httpx only), so that the function, not the submodule of the same name, is
# ``veil.wrap``.
from veil.wrap import wrap  # noqa: E402

if TYPE_CHECKING:
    from veil.core import PrivacyCore, ProtectResult, Veil

__version__ = "0.1.0"

_LAZY = {"PrivacyCore": "veil.core", "ProtectResult": "veil.core", "Veil": "veil.core"}


def __getattr__(name: str) -> Any:
    # Lazy: importing veil must not load spaCy or the vault until a Veil is built.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'veil' has no attribute {name!r}")


__all__ = [
    "Policy",
    "PrivacyCore",
    "ProtectResult",
    "Settings",
    "Veil",
    "VeilError",
    "__version__",
    "wrap",
]
