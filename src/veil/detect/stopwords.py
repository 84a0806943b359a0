"""spaCy's stop-word lists, read without importing spaCy.

The name and organisation heuristics need only these plain word sets; ``import spacy`` costs
about a second (and more on a busy machine), which a ``veil protect`` using the learned NER
backend, or no NER, would pay for nothing. Each ``spacy/lang/<lang>/stop_words.py`` is a
self-contained module (no imports), so it is executed on its own from spaCy's install.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path


@functools.cache
def stop_words(lang: str = "en") -> frozenset[str]:
    """spaCy's stop words of ``lang`` as written there (not case-folded); empty when spaCy or
    that language is not installed."""
    if not lang.isalpha():
        return frozenset()  # a language code, never a path
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        path = Path(root) / "lang" / lang / "stop_words.py"
        if path.is_file():
            break
    else:
        return frozenset()
    mod_spec = importlib.util.spec_from_file_location(f"_veil_stop_words_{lang}", path)
    if mod_spec is None or mod_spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(module)
    return frozenset(getattr(module, "STOP_WORDS", ()))


__all__ = ["stop_words"]
