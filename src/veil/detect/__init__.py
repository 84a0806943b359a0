"""Detection of sensitive spans: recognizers, NER, sensitive terms, seen values, the engine.

Importing this package is cheap: spaCy loads on first NER use, Presidio only through
:mod:`veil.detect.presidio_backend`, Unicode confusables data on the first non-ASCII letter.
"""

from veil.detect.engine import DetectionEngine, resolve_overlaps
from veil.detect.entity import Detection
from veil.detect.normalize import NormalizedText, normalize
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import (
    ContextMatcher,
    Recognizer,
    RecognizerRegistry,
    register,
    register_factory,
)
from veil.detect.seen import SeenEntityCache
from veil.detect.terms import TermDatabase, TermStore, load_terms_file

__all__ = [
    "ContextMatcher",
    "Detection",
    "DetectionEngine",
    "NormalizedText",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "RecognizerRegistry",
    "SeenEntityCache",
    "TermDatabase",
    "TermStore",
    "load_terms_file",
    "normalize",
    "register",
    "register_factory",
    "resolve_overlaps",
]
