"""Importing a library without the deep-learning stack it would drag in.

thinc (under spaCy) imports torch whenever it is installed, and presidio-analyzer (under
presidio-anonymizer) imports torch and transformers for engines Veil never uses: seconds of
start-up, or of a first request, for nothing. Both treat a missing torch/transformers as "not
installed", so while such a library is first imported they are marked missing; whoever imports
them afterwards gets them as usual. ``VEIL_SPACY_TORCH=1`` turns this off (transformer pipelines
need torch under spaCy).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from types import ModuleType

#: What is kept out while a library is first imported.
HEAVY = ("torch", "transformers")

_lock = threading.Lock()


def import_light(name: str, *, without: tuple[str, ...] = HEAVY) -> ModuleType:
    """``import name`` with ``without`` marked missing, unless they are loaded already."""
    if name in sys.modules or os.environ.get("VEIL_SPACY_TORCH"):
        return importlib.import_module(name)
    with _lock:
        hidden = [m for m in without if m not in sys.modules]
        for m in hidden:
            sys.modules[m] = None  # type: ignore[assignment]  # reads as "not installed"
        try:
            return importlib.import_module(name)
        finally:
            for m in hidden:
                if m in sys.modules and sys.modules[m] is None:
                    del sys.modules[m]


__all__ = ["HEAVY", "import_light"]
